"""The DOCX document around the content: the reference document it starts from, page
size, footer, language and core properties, and the bytes at the end.

:func:`render_docx` is what the exporter calls; the content itself is written by
:mod:`ketadoc.exporters.docx.writer`.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ketadoc.errors import TemplateError

# Imported before any document is opened: it registers the footnotes part.
from ketadoc.exporters.docx import parts as _parts  # noqa: F401
from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.direction import finish_scripts
from ketadoc.exporters.docx.fields import add_field
from ketadoc.exporters.docx.language import set_document_language
from ketadoc.exporters.docx.package import save_deterministic
from ketadoc.model.article import Article
from ketadoc.rendering.metadata import document_metadata
from ketadoc.resources import resource_dir

if TYPE_CHECKING:
    from docx.document import Document

    from ketadoc.exporters.docx import DocxOptions
    from ketadoc.rendering.labels import Labels

__all__ = ["REQUIRED_STYLES", "open_reference", "render_docx", "word_language"]

_LAST_MODIFIED_BY: Final = "ketadoc"
_PAGE_SIZES_MM: Final = {"Letter": (215.9, 279.4), "A4": (210.0, 297.0)}
_MARGIN_MM: Final = 25.4
# Word spell-checks by language and region; a bare language gets the region whose
# dictionary Word installs with it.
_DEFAULT_REGIONS: Final = {
    "en": "en-US",
    "es": "es-ES",
    "fr": "fr-FR",
    "de": "de-DE",
    "pt": "pt-BR",
}

REQUIRED_STYLES: Final = (
    names.TITLE,
    names.SUBTITLE,
    *names.HEADINGS[:3],
    names.BODY_TEXT,
    *names.LIST_BULLET,
    *names.LIST_NUMBER,
    *names.LIST_CONTINUE,
    names.CHECKLIST,
    names.BOX_HEADING,
    names.QUOTE,
    names.DEFINITION_TERM,
    names.DEFINITION,
    names.HYPERLINK,
    names.CODE,
    names.CAPTION,
    names.ARTICLE_TABLE,
    names.FOOTNOTE_TEXT,
    names.FOOTNOTE_REFERENCE,
    names.TOC_HEADING,
    names.TOC_LEVELS[0],
    names.REVIEW_BLOCK,
    names.DISCLAIMER,
    names.FOOTER,
)
"""Styles a reference document must define, by the names Word gives them."""


def default_reference() -> Path:
    """The bundled reference document."""
    return resource_dir("templates") / "docx" / "reference.docx"


@cache
def _reference_bytes(path: Path, mtime_ns: int) -> bytes:
    # Keyed on the modification time, so an edited reference document is read again.
    return path.read_bytes()


def open_reference(path: Path | None) -> Document:
    """A document opened from the reference document at ``path`` (default: the bundled
    one), emptied, with every style the exporter uses checked to exist.

    Raises TemplateError when the file cannot be read, is not a DOCX, or lacks styles.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = path or default_reference()
    try:
        data = _reference_bytes(path.resolve(), path.stat().st_mtime_ns)
    except OSError as exc:
        raise TemplateError(f"cannot read reference document {path}: {exc.strerror}") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"reference document {path} is not a DOCX file: {exc}") from None
    defined = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in defined]
    if missing:
        raise TemplateError(
            f"reference document {path} lacks the styles {', '.join(missing)}; start from"
            " ketadoc's templates/docx/reference.docx and restyle it, keeping the names"
        )
    document.element.body.clear_content()
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                for paragraph in part.paragraphs:
                    paragraph.clear()
    return document


def word_language(language: str) -> str:
    """The language tag Word and LibreOffice spell-check with: ``"es"`` -> ``"es-ES"``."""
    if "-" in language:
        return language
    return _DEFAULT_REGIONS.get(language.lower(), language)


def _set_core_properties(document: Document, article: Article) -> None:
    properties = document.core_properties
    meta = document_metadata(article)
    properties.title = meta.title
    properties.subject = meta.description or ""
    properties.author = "; ".join(meta.authors)
    properties.keywords = ", ".join(meta.keywords)
    properties.language = word_language(article.language)
    properties.identifier = article.url or ""
    properties.comments = ""
    properties.category = ""
    properties.last_modified_by = _LAST_MODIFIED_BY
    properties.revision = 1
    created, modified = meta.created, meta.modified
    # An article without dates gets none: the reference document's own would be a date
    # the article never stated.
    element = properties._element
    if created is not None:
        properties.created = created
    else:
        element._remove_created()
    if modified is not None:
        properties.modified = modified
    else:
        element._remove_modified()


def _set_page(document: Document, page_size: str) -> None:
    from docx.shared import Mm

    width, height = _PAGE_SIZES_MM[page_size]
    for section in document.sections:
        section.page_width = Mm(width)
        section.page_height = Mm(height)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(_MARGIN_MM))


def _write_footer(document: Document, labels: Labels) -> None:
    """ "Page X of Y" with PAGE and NUMPAGES fields where the label has its placeholders."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = document.styles[names.FOOTER]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label = labels["page_x_of_y"]
    fields = {"{page}": ("PAGE", "1"), "{pages}": ("NUMPAGES", "1")}
    rest = label
    while rest:
        positions = [(rest.find(key), key) for key in fields if key in rest]
        if not positions:
            paragraph.add_run(rest)
            break
        index, key = min(positions)
        if index:
            paragraph.add_run(rest[:index])
        add_field(paragraph, *fields[key])
        rest = rest[index + len(key) :]


def text_width_emu(document: Document) -> int:
    """The width between the margins of the first section, in EMU."""
    section = document.sections[0]
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def render_docx(article: Article, options: DocxOptions) -> tuple[bytes, tuple[str, ...]]:
    """The DOCX bytes of ``article`` and the warnings met on the way.

    Raises TemplateError for an unusable reference document or labels file, FetchError
    for a refused or missing figure, and ExportError when a figure cannot be embedded.
    """
    from ketadoc.exporters.docx.writer import ArticleWriter
    from ketadoc.rendering.context import article_context
    from ketadoc.rendering.metadata import page_size_for

    doc = article_context(article, labels_file=options.labels_file)
    document = open_reference(options.reference_docx)
    _set_page(document, options.page_size or page_size_for(article.language))
    right_to_left = doc.direction == "rtl"
    language = word_language(article.language)
    set_document_language(document, language, bidi=language if right_to_left else None)
    _set_core_properties(document, article)
    _write_footer(document, doc.labels)
    ArticleWriter(document, doc, options).write()
    finish_scripts(document, right_to_left=right_to_left)
    return save_deterministic(document), doc.warnings
