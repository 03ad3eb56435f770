"""The language of a document's text: spelling, hyphenation, what screen readers announce."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["set_document_language"]

_LANGUAGE_TAG: Final = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def set_document_language(
    document: Document,
    language: str,
    *,
    east_asia: str | None = None,
    bidi: str | None = None,
) -> None:
    """Set the language of the document's text in the style defaults, which every
    style inherits.

    ``language`` is a BCP 47 tag such as ``"es-ES"``. ``east_asia`` and ``bidi`` are the
    languages Word assumes for East Asian and right-to-left text; left as they are unless
    given. Raises ValueError for something that is not a language tag.
    """
    for tag in (language, east_asia, bidi):
        if tag is not None and not _LANGUAGE_TAG.fullmatch(tag):
            raise ValueError(f'"{tag}" is not a language tag such as "en-US" or "es"')
    defaults = document.styles.element.get_or_add_docDefaults()
    lang = defaults.get_or_add_rPrDefault().get_or_add_rPr().get_or_add_lang()
    lang.set_languages(language, east_asia=east_asia, bidi=bidi)
