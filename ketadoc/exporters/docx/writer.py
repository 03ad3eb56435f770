"""The walk over the article that writes the DOCX content, in the order of the PDF
``article`` layout.

Everything here goes through python-docx and the named styles of the reference
document; what python-docx cannot express comes from the exporter's own API modules
(links and bookmarks, footnotes, fields, list numbering, table rows, alt text), which
sit on the element classes of :mod:`ketadoc.exporters.docx.oxml`. No XML is written here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt

from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.document import text_width_emu
from ketadoc.exporters.docx.fields import add_table_of_contents_around
from ketadoc.exporters.docx.figures import load_figure, set_alt_text
from ketadoc.exporters.docx.footnotes import add_footnote
from ketadoc.exporters.docx.links import Bookmarks, add_hyperlink, add_internal_link
from ketadoc.exporters.docx.numbering import new_numbering, set_numbering
from ketadoc.exporters.docx.stylesheet import add_paragraph, add_run
from ketadoc.exporters.docx.tables import (
    prevent_row_split,
    set_cell_shading,
    set_repeat_table_header,
)
from ketadoc.model.blocks import Block, Callout, Figure, ListBlock, Paragraph, Table
from ketadoc.model.inline import (
    Cite,
    Code,
    Emphasis,
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Text,
)
from ketadoc.rendering.references import ReferencePiece
from ketadoc.rendering.resources import ResourcePolicy

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    from ketadoc.exporters.docx import DocxOptions
    from ketadoc.model.article import Section
    from ketadoc.rendering.context import ArticleContext, Contributor

__all__ = ["ArticleWriter"]

_EMU_PER_CSS_PX: Final = 9525
_CHECKBOX: Final = "\u2610"
_BULLET: Final = "\u2022"
_WARNING_KINDS: Final = frozenset({"warning", "caution"})
# Cell fills for the "what to do" column: the urgency is seen before it is read.
_ACTION_FILLS: Final = {"emergency": "FDECEA", "call_doctor": "FFF4CE"}
_RISK_COLUMNS: Final = (0.28, 0.17, 0.55)
_CONTENTS_LEVELS: Final = (1, 2)
# Anchors of the parts ketadoc adds; "kd-" keeps them apart from the article's own ids,
# as in the HTML.
_SIDE_EFFECTS: Final = "kd-side-effects"
_WHEN_TO_GET_HELP: Final = "kd-when-to-get-help"
_FAQ: Final = "kd-faq"
_REFERENCES: Final = "kd-references"


def _reference_anchor(number: int) -> str:
    return f"ref-{number}"


class ArticleWriter:
    """Writes one article into a document opened from the reference document."""

    def __init__(self, document: Document, doc: ArticleContext, options: DocxOptions) -> None:
        self.document = document
        self.doc = doc
        self.article = doc.article
        self.labels = doc.labels
        self.footnotes = options.citation_style == "footnotes"
        self.bookmarks = Bookmarks()
        self.policy = ResourcePolicy.for_article(
            self.article.base_dir, allowed=options.allowed_resources
        )
        self.text_width = text_width_emu(document)

    def write(self) -> None:
        """Write every part of the article, in reading order."""
        self._title_block()
        self._key_points()
        self._warnings()
        self._regulatory_status()
        # The lead introduces the article, as on the web page; the contents then lead
        # straight into the first section.
        self._blocks(self.article.lead)
        self._contents()
        for section in self.article.sections:
            self._section(section)
        self._risks()
        self._care_advice()
        self._questions_to_ask()
        self._faqs()
        self._references()
        self._review()
        self._disclaimer()

    # -- paragraphs and inline text -------------------------------------------------

    def _paragraph(self, style: str, text: str = "") -> DocxParagraph:
        return add_paragraph(self.document, text, style)

    def _heading(self, text: str, depth: int, anchor: str | None = None) -> DocxParagraph:
        paragraph = self._paragraph(names.HEADINGS[depth - 1], text)
        if anchor is not None:
            self.bookmarks.add(paragraph, anchor)
        return paragraph

    def _text(self, paragraph: DocxParagraph, text: InlineText) -> None:
        self._inline(paragraph, text.nodes)

    def _inline(
        self,
        paragraph: DocxParagraph,
        nodes: Sequence[Inline],
        *,
        bold: bool = False,
        italic: bool = False,
        deferred: list[Cite] | None = None,
    ) -> list[Run]:
        """Write ``nodes`` as runs of ``paragraph`` and return the runs, so a link can
        wrap them. Inside a link (``deferred`` given) citations are collected instead."""
        runs: list[Run] = []
        for node in nodes:
            if isinstance(node, Text | Code):
                run = add_run(paragraph, node.text, names.CODE if isinstance(node, Code) else None)
                run.bold = bold or None
                run.italic = italic or None
                runs.append(run)
            elif isinstance(node, LineBreak):
                run = paragraph.add_run()
                run.add_break()
                runs.append(run)
            elif isinstance(node, Emphasis | Strong):
                strong = bold or isinstance(node, Strong)
                emphasis = italic or isinstance(node, Emphasis)
                runs += self._inline(
                    paragraph, node.children, bold=strong, italic=emphasis, deferred=deferred
                )
            elif isinstance(node, Link):
                self._link(paragraph, node, bold=bold, italic=italic)
            elif deferred is not None:
                deferred.append(node)
            else:
                self._cite(paragraph, node.keys)
        return runs

    def _link(self, paragraph: DocxParagraph, link: Link, *, bold: bool, italic: bool) -> None:
        # A footnote mark inside a hyperlink would take the link's style and lose its
        # superscript, so citations in the link text follow the link instead.
        cites: list[Cite] = []
        runs = self._inline(paragraph, link.children, bold=bold, italic=italic, deferred=cites)
        content: list[Run] | str = runs or link.href
        if link.href.startswith("#"):
            add_internal_link(paragraph, self.bookmarks.name_for(link.href[1:]), content)
        else:
            add_hyperlink(paragraph, link.href, content)
        for cite in cites:
            self._cite(paragraph, cite.keys)

    def _cite(self, paragraph: DocxParagraph, keys: Iterable[str]) -> None:
        numbers = sorted({self.doc.numbers[key] for key in keys if key in self.doc.numbers})
        if not numbers:
            return
        if self.footnotes:
            note = add_footnote(paragraph)
            for index, number in enumerate(numbers):
                if index:
                    note.paragraph.add_run("; ")
                self._reference_pieces(note.paragraph, self.doc.references[number - 1].pieces)
            return
        for index, number in enumerate(numbers):
            if index:
                separator = paragraph.add_run(",")
                separator.font.superscript = True
            mark = paragraph.add_run(str(number))
            anchor = self.bookmarks.name_for(_reference_anchor(number))
            add_internal_link(paragraph, anchor, [mark])
            mark.font.superscript = True

    def _reference_pieces(self, paragraph: DocxParagraph, pieces: Iterable[ReferencePiece]) -> None:
        for piece in pieces:
            if piece.style == "link" and piece.href:
                add_hyperlink(paragraph, piece.href, piece.text)
            else:
                run = paragraph.add_run(piece.text)
                run.italic = piece.style == "italic" or None

    # -- blocks ---------------------------------------------------------------------

    def _blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self._block(block)

    def _block(self, block: Block, *, box: str | None = None) -> None:
        if isinstance(block, Paragraph):
            self._text(self._paragraph(box or names.BODY_TEXT), block.text)
        elif isinstance(block, ListBlock):
            self._list(block, box=box)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        else:
            self._callout(block)

    def _list(self, block: ListBlock, *, box: str | None = None) -> None:
        if box is not None:
            self._boxed_list(block, box)
            return
        style = names.LIST_NUMBER[0] if block.ordered else names.LIST_BULLET[0]
        # Every numbered list gets its own numbering instance, or Word would continue
        # counting from the previous list.
        numbering = (
            new_numbering(self.document, style, start=block.start) if block.ordered else None
        )
        for item in block.items:
            paragraph = self._paragraph(style)
            if numbering is not None:
                set_numbering(paragraph, numbering)
            self._text(paragraph, item)

    def _boxed_list(self, block: ListBlock, box: str) -> None:
        # Word and LibreOffice draw one box around consecutive paragraphs only while
        # their indents agree, and list numbering brings its own indent: inside a box
        # the markers are written as text so the box stays whole.
        for index, item in enumerate(block.items):
            paragraph = self._paragraph(box)
            marker = f"{block.start + index}." if block.ordered else _BULLET
            paragraph.add_run(f"{marker}\u00a0 ")
            self._text(paragraph, item)

    def _caption(self, text: InlineText, *, keep_with_next: bool) -> None:
        caption = self._paragraph(names.CAPTION)
        caption.paragraph_format.keep_with_next = keep_with_next
        self._text(caption, text)

    def _new_table(
        self,
        header: Sequence[str | InlineText],
        rows: int,
        *,
        widths: Sequence[float] | None = None,
    ) -> list[list[_Cell]]:
        """A table in the article style with ``header`` as its repeating first row, its
        columns sharing the text width as ``widths`` (fractions) say, else equally;
        returns the cells of every row, header first."""
        table = self.document.add_table(rows=rows + 1, cols=len(header))
        table.style = self.document.styles[names.ARTICLE_TABLE]
        table.autofit = False
        shares = widths or [1 / len(header)] * len(header)
        # Word reads the cell widths, LibreOffice the grid's column widths: set both.
        for column, share in zip(table.columns, shares, strict=True):
            width = Emu(int(self.text_width * share))
            column.width = width
            for cell in column.cells:
                cell.width = width
        set_repeat_table_header(table.rows[0])
        for row in table.rows:
            prevent_row_split(row)
        cells = [list(row.cells) for row in table.rows]
        for cell, text in zip(cells[0], header, strict=True):
            paragraph = cell.paragraphs[0]
            if isinstance(text, InlineText):
                self._text(paragraph, text)
            else:
                paragraph.add_run(text)
        return cells

    def _table(self, block: Table) -> None:
        if block.caption:
            # Above the table, where a reader of a long table looks for it.
            self._caption(block.caption, keep_with_next=True)
        cells = self._new_table(block.header, len(block.rows))
        for row, values in zip(cells[1:], block.rows, strict=True):
            for cell, value in zip(row, values, strict=True):
                self._text(cell.paragraphs[0], value)
        self._spacer()

    def _spacer(self) -> None:
        # Word joins two tables that touch; a small empty paragraph also gives air.
        spacer = self._paragraph(names.BODY_TEXT)
        spacer.paragraph_format.space_after = Pt(2)

    def _figure(self, block: Figure) -> None:
        image = load_figure(block.src, self.policy, self.article.base_dir)
        paragraph = self._paragraph(names.BODY_TEXT)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        run = paragraph.add_run()
        if image.width_px is not None:
            width = min(int(image.width_px * _EMU_PER_CSS_PX), self.text_width)
            shape = run.add_picture(io.BytesIO(image.data), width=Emu(width))
        else:
            shape = run.add_picture(io.BytesIO(image.data))
            if shape.width > self.text_width:
                shape.height = Emu(int(shape.height * self.text_width / shape.width))
                shape.width = Emu(self.text_width)
        set_alt_text(shape, block.alt)
        if block.caption:
            self._caption(block.caption, keep_with_next=False)

    def _callout(self, block: Callout) -> None:
        box = names.WARNING_CALLOUT if block.kind in _WARNING_KINDS else names.CALLOUT
        label = self.labels[block.kind]
        first, *rest = block.blocks
        if isinstance(first, Paragraph):
            paragraph = self._paragraph(box)
            paragraph.add_run(f"{label}: ").bold = True
            self._text(paragraph, first.text)
        else:
            self._box_label(label, box)
            self._block(first, box=box)
        for inner in rest:
            self._block(inner, box=box)

    def _box_label(self, label: str, box: str) -> None:
        paragraph = self._paragraph(box)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(label).bold = True

    # -- parts of the article -------------------------------------------------------

    def _title_block(self) -> None:
        self._paragraph(names.TITLE, self.article.title)
        if self.article.subtitle:
            self._paragraph(names.SUBTITLE, self.article.subtitle)
        if self.article.description:
            self._paragraph(names.BODY_TEXT, self.article.description)

    def _key_points(self) -> None:
        if self.article.key_points:
            self._heading(self.labels["key_points"], 1)
            self._list(ListBlock(items=self.article.key_points))

    def _warnings(self) -> None:
        if self.article.warnings:
            self._box_label(self.labels["warnings"], names.WARNING_CALLOUT)
            for warning in self.article.warnings:
                self._text(self._paragraph(names.WARNING_CALLOUT), warning)

    def _regulatory_status(self) -> None:
        if self.article.regulatory_status:
            self._box_label(self.labels["regulatory_status"], names.CALLOUT)
            self._text(self._paragraph(names.CALLOUT), self.article.regulatory_status)

    def _contents(self) -> None:
        entries = [(section.id, section.heading) for section in self.article.sections]
        if not entries:
            return
        if self.doc.risk_groups:
            entries.append((_SIDE_EFFECTS, self.labels["side_effects"]))
        if self.doc.care_groups:
            entries.append((_WHEN_TO_GET_HELP, self.labels["when_to_get_help"]))
        if self.article.faqs:
            entries.append((_FAQ, self.doc.faq_title))
        if self.doc.references:
            entries.append((_REFERENCES, self.labels["references"]))
        self._paragraph(names.TOC_HEADING, self.labels["contents"])
        paragraphs = []
        for anchor, text in entries:
            paragraph = self._paragraph(names.TOC_LEVELS[0])
            add_internal_link(paragraph, self.bookmarks.name_for(anchor), text)
            paragraphs.append(paragraph)
        add_table_of_contents_around(paragraphs[0], paragraphs[-1], levels=_CONTENTS_LEVELS)

    def _section(self, section: Section) -> None:
        self._heading(section.heading, section.level - 1, section.id)
        self._blocks(section.blocks)
        for subsection in section.subsections:
            self._section(subsection)

    def _risks(self) -> None:
        if not self.doc.risk_groups:
            return
        self._heading(self.labels["side_effects"], 1, _SIDE_EFFECTS)
        self._caption(InlineText(self.labels["side_effects_caption"]), keep_with_next=True)
        header = (self.labels["effect"], self.labels["how_often"], self.labels["what_to_do"])
        risks = [(group, risk) for group in self.doc.risk_groups for risk in group.risks]
        cells = self._new_table(header, len(risks), widths=_RISK_COLUMNS)
        for row, (group, risk) in zip(cells[1:], risks, strict=True):
            name = row[0].paragraphs[0]
            name.add_run(risk.name).bold = True
            self._cite(name, risk.citations)
            row[1].paragraphs[0].add_run(self.doc.frequency_label(risk))
            action = row[2].paragraphs[0]
            label = action.add_run(group.label)
            label.bold = True
            if risk.description:
                label.add_break()
                self._text(action, risk.description)
            if group.action in _ACTION_FILLS:
                set_cell_shading(row[2], _ACTION_FILLS[group.action])
        self._spacer()

    def _care_advice(self) -> None:
        if not self.doc.care_groups:
            return
        self._heading(self.labels["when_to_get_help"], 1, _WHEN_TO_GET_HELP)
        for group in self.doc.care_groups:
            box = names.WARNING_CALLOUT if group.level == "emergency" else names.CALLOUT
            self._box_label(group.label, box)
            self._list(ListBlock(items=tuple(item.text for item in group.items)), box=box)
            self._spacer()

    def _questions_to_ask(self) -> None:
        if not self.article.questions_to_ask:
            return
        self._heading(self.labels["questions_to_ask"], 1)
        for question in self.article.questions_to_ask:
            paragraph = self._paragraph(names.BODY_TEXT)
            # A hanging indent keeps wrapped lines clear of the box to tick.
            paragraph.paragraph_format.left_indent = Pt(18)
            paragraph.paragraph_format.first_line_indent = Pt(-18)
            paragraph.paragraph_format.space_after = Pt(4)
            paragraph.add_run(f"{_CHECKBOX}\t")
            self._text(paragraph, question)

    def _faqs(self) -> None:
        if not self.article.faqs:
            return
        self._heading(self.doc.faq_title, 1, _FAQ)
        for faq in self.article.faqs:
            self._heading(faq.question, 2, faq.id)
            self._blocks(faq.answer)

    def _references(self) -> None:
        if not self.doc.references:
            return
        self._heading(self.labels["references"], 1, _REFERENCES)
        numbering = new_numbering(self.document, names.LIST_NUMBER[0])
        for reference in self.doc.references:
            paragraph = self._paragraph(names.LIST_NUMBER[0])
            set_numbering(paragraph, numbering)
            self._reference_pieces(paragraph, reference.pieces)
            self.bookmarks.add(paragraph, _reference_anchor(reference.number))

    def _contributors(self, label: str, people: Sequence[Contributor]) -> None:
        paragraph = self._paragraph(names.REVIEW_BLOCK)
        paragraph.add_run(f"{label}: ").bold = True
        for index, person in enumerate(people):
            if index:
                paragraph.add_run("; ")
            if person.url:
                add_hyperlink(paragraph, person.url, person.display)
            else:
                paragraph.add_run(person.display)
            if person.detail:
                paragraph.add_run(f" ({person.detail})")

    def _review(self) -> None:
        doc = self.doc
        if not (doc.authors or doc.reviewers or doc.dates or self.article.publisher):
            return
        self._heading(self.labels["review"], 1)
        first = len(self.document.paragraphs)
        if doc.authors:
            self._contributors(self.labels["written_by"], doc.authors)
        if doc.reviewers:
            self._contributors(self.labels["reviewed_by"], doc.reviewers)
        for line in doc.dates:
            paragraph = self._paragraph(names.REVIEW_BLOCK)
            paragraph.add_run(f"{line.label}: ").bold = True
            paragraph.add_run(line.text)
        publisher = self.article.publisher
        if publisher is not None:
            paragraph = self._paragraph(names.REVIEW_BLOCK)
            if publisher.url:
                add_hyperlink(paragraph, publisher.url, publisher.name)
            else:
                paragraph.add_run(publisher.name)
        # The style's space before sets the block apart from what precedes it; inside
        # the block the lines follow each other closely.
        for later in self.document.paragraphs[first + 1 :]:
            later.paragraph_format.space_before = Pt(0)

    def _disclaimer(self) -> None:
        if self.article.disclaimer:
            self._heading(self.labels["disclaimer"], 1)
            self._text(self._paragraph(names.DISCLAIMER), self.article.disclaimer)
