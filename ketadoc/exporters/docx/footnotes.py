"""Footnotes: a reference mark in the body and the note it points to.

python-docx 1.2 has no footnotes; the part is :class:`~.parts.FootnotesPart`, the
elements are in :mod:`.oxml.footnotes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.parts.document import DocumentPart
from docx.text.paragraph import Paragraph

from ketadoc.exporters.docx.oxml.footnotes import CONTINUATION_SEPARATOR_ID, SEPARATOR_ID
from ketadoc.exporters.docx.oxml.text import new_footnote_mark, new_footnote_reference
from ketadoc.exporters.docx.parts import FootnotesPart
from ketadoc.exporters.docx.styles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT
from ketadoc.exporters.docx.stylesheet import add_run, set_paragraph_style, set_run_style, style_id

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.run import Run

__all__ = ["Footnote", "add_footnote", "footnotes_part", "number_footnotes"]


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote just added: its id, the paragraph holding its text, and the
    reference run in the body."""

    id: int
    paragraph: Paragraph
    reference: Run


def footnotes_part(document: Document) -> FootnotesPart:
    """The document's footnotes part, created on first use with its relationship from
    the document part and the separator footnotes declared in settings.xml.

    Raises ValueError when the document was opened before this module was imported, so
    its footnotes were loaded as bytes that cannot be extended.
    """
    document_part = document.part
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, FootnotesPart):
                raise ValueError(
                    "the footnotes of this document were loaded as plain bytes; import "
                    "ketadoc.exporters.docx.footnotes before opening the document"
                )
            return part
    part = FootnotesPart.new(document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    document.settings.element.declare_footnotes(SEPARATOR_ID, CONTINUATION_SEPARATOR_ID)
    return part


def number_footnotes(document: Document, number_format: str) -> None:
    """Have Word and LibreOffice number the footnotes of every section of ``document``
    in ``number_format`` (``"lowerLetter"``: a, b, c). LibreOffice reads the format
    from the sections only, not from settings.xml."""
    for section in document.sections:
        section._sectPr.get_or_add_footnotePr().set_number_format(number_format)


def add_footnote(
    paragraph: Paragraph,
    text: str = "",
    *,
    mark: str | None = None,
    text_style: str = FOOTNOTE_TEXT,
    reference_style: str = FOOTNOTE_REFERENCE,
) -> Footnote:
    """Append a footnote reference to ``paragraph`` and create the footnote it points to.

    The footnote's paragraph starts with the footnote mark and a space, then ``text``;
    add more runs or links (:func:`~.links.add_hyperlink`) to :attr:`Footnote.paragraph`.
    Word numbers the mark, unless ``mark`` gives its text (a custom mark, left out of
    the numbering). The reference run carries ``reference_style``, which the reference
    document makes superscript. Raises ValueError when ``paragraph`` is not in the
    document body (Word allows footnotes nowhere else) and KeyError when a style is not
    defined.
    """
    document_part = paragraph.part
    if not isinstance(document_part, DocumentPart):
        raise ValueError("footnotes can only be referenced from the body of the document")
    style_id(document_part, text_style, WD_STYLE_TYPE.PARAGRAPH)
    style_id(document_part, reference_style, WD_STYLE_TYPE.CHARACTER)
    part = footnotes_part(document_part.document)
    note = part.footnotes_element.add_footnote()

    reference = add_run(paragraph, style=reference_style)
    reference._r.append(new_footnote_reference(note.footnote_id, custom_mark=mark is not None))
    if mark is not None:
        reference.add_text(mark)

    note_paragraph = Paragraph(note.add_paragraph(), part)
    set_paragraph_style(note_paragraph, text_style)
    note_mark = note_paragraph.add_run(mark)
    set_run_style(note_mark, reference_style)
    if mark is None:
        note_mark._r.append(new_footnote_mark())
    note_paragraph.add_run(" ")
    if text:
        note_paragraph.add_run(text)
    return Footnote(note.footnote_id, note_paragraph, reference)
