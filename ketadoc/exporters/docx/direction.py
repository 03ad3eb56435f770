"""Right-to-left documents, and text in complex scripts in any document.

Word and LibreOffice format Arabic, Hebrew, Devanagari or Thai text by its own
complex-script properties (``w:bCs``, ``w:iCs``, ``w:szCs``), not by the bold, italics and
size the rest of the text has, so a heading in Arabic would print at body size: every run
format gets its complex-script twin. A document in a language written right to left
also lays its paragraphs, sections and tables out from the right (``w:bidi``,
``w:bidiVisual``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["finish_scripts"]


def finish_scripts(document: Document, *, right_to_left: bool) -> None:
    """Give every run format the writer set in ``document`` (its text, notes, header and
    footer) its complex-script twin and, when ``right_to_left``, lay the whole document
    out from the right. The styles come from the reference document, whose own styles
    are left as they are (ketadoc's reference has the twins already)."""
    styles = document.styles.element
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or element is styles:
            continue
        for properties in element.iter(qn("w:rPr")):
            properties.mirror_complex_script()
    if right_to_left:
        _lay_out_right_to_left(document)


def _lay_out_right_to_left(document: Document) -> None:
    defaults = document.styles.element.get_or_add_docDefaults()
    defaults.get_or_add_pPrDefault().get_or_add_pPr().get_or_add_bidi()
    body = document.element.body
    for section in body.iter(qn("w:sectPr")):
        section.get_or_add_bidi()
    for table in body.iter(qn("w:tbl")):
        table.bidiVisual_val = WD_TABLE_DIRECTION.RTL
