"""Plain-text field types shared by the model: XML-safe strings and slugs."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

__all__ = ["NonEmptyText", "PlainText", "check_xml_safe", "slugify"]

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except
# surrogates and U+FFFE/U+FFFF. Anything else cannot be written to PDF tags, DOCX or
# HTML safely, so it is rejected where it is read rather than stripped silently.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml_safe(value: str) -> str:
    """Return ``value`` unchanged, or raise ValueError naming the first bad character."""
    bad = _XML_INVALID.search(value)
    if bad is not None:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at offset {bad.start()},"
            " which XML cannot hold; remove it"
        )
    return value


PlainText = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(check_xml_safe)]
"""A plain string (no Markdown), stripped, free of characters XML cannot hold."""

NonEmptyText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_xml_safe)
]
"""Like :data:`PlainText`, but must not be empty."""


def slugify(text: str) -> str:
    """Turn a heading into a stable, URL-friendly id: ``"Qué es?"`` -> ``"que-es"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", "-", without_marks.lower()).strip("-_")
