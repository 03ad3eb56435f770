"""The walk over body blocks: paragraphs, lists, definition lists, tables, figures, boxes.

Everything here goes through python-docx and the named styles of the reference
document; what python-docx cannot express comes from the exporter's own API modules
(list numbering, table rows, alt text), which sit on the element classes of
:mod:`ketadoc.exporters.docx.oxml`. Inline text is written by :class:`~.inline.InlineWriter`,
which :class:`BlockWriter` extends. No XML is written here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt

from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.document import text_width_emu
from ketadoc.exporters.docx.figures import load_figure, set_alt_text
from ketadoc.exporters.docx.inline import InlineWriter
from ketadoc.exporters.docx.numbering import new_numbering, set_numbering, style_level
from ketadoc.exporters.docx.tables import (
    describe_table,
    drop_leading_empty_paragraph,
    mark_row_headers,
    prevent_row_split,
    set_cell_border,
    set_cell_shading,
    set_repeat_table_header,
)
from ketadoc.model.blocks import (
    Block,
    Callout,
    DefinitionList,
    Figure,
    ItemBlock,
    ListBlock,
    Paragraph,
    Quote,
    Table,
)
from ketadoc.model.inline import InlineText
from ketadoc.rendering.resources import ResourcePolicy
from ketadoc.rendering.theme import CALLOUTS, Tone

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    from ketadoc.exporters.docx import DocxOptions
    from ketadoc.rendering.context import ArticleContext

__all__ = ["BlockWriter"]

_EMU_PER_CSS_PX: Final = 9525
# A box is a one-cell table: its content may hold lists and headings at any indent,
# which paragraph borders would break into separate boxes.
_BOX_EDGE: Final = 24  # eighths of a point: the coloured bar on the left
_BOX_RIM: Final = 4


class BlockWriter(InlineWriter):
    """Writes body blocks into a document opened from the reference document, or into a
    box (a table cell) while :meth:`inside` is active."""

    def __init__(self, document: Document, doc: ArticleContext, options: DocxOptions) -> None:
        super().__init__(document, doc, options)
        self.policy = ResourcePolicy.for_article(
            self.article.base_dir, allowed=options.allowed_resources
        )
        self.text_width = text_width_emu(document)
        self._levels: dict[str, int] = {}

    # -- blocks ---------------------------------------------------------------------

    def _blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self._block(block)

    def _block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self._text(self._paragraph(names.BODY_TEXT), block.text)
        elif isinstance(block, ListBlock):
            self._list(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Figure):
            self._figure(block)
        elif isinstance(block, Callout):
            self._callout(block)
        elif isinstance(block, Quote):
            self._quote(block)
        else:
            self._definition_list(block)

    def _list_level(self, style: str) -> int:
        if style not in self._levels:
            self._levels[style] = style_level(self.document, style)
        return self._levels[style]

    def _list_items(
        self, style: str, items: Iterable[InlineText], *, start: int = 1
    ) -> list[DocxParagraph]:
        """One numbered paragraph per item in list style ``style``, as a list of its own:
        its numbering restarts at ``start`` whatever list came before."""
        level = self._list_level(style)
        numbering = new_numbering(self.document, style, start=start, level=level)
        paragraphs = []
        for item in items:
            paragraph = self._paragraph(style)
            set_numbering(paragraph, numbering, level)
            self._text(paragraph, item)
            paragraphs.append(paragraph)
        return paragraphs

    def _list(self, block: ListBlock, depth: int = 0) -> None:
        """A list at nesting ``depth`` (0-2): each item's first paragraph numbered, its
        further paragraphs indented under it, its nested lists one level down. A nested
        list has a numbering of its own, so it restarts under every item."""
        style = (names.LIST_NUMBER if block.ordered else names.LIST_BULLET)[depth]
        level = self._list_level(style)
        numbering = new_numbering(self.document, style, start=block.start, level=level)
        for item in block.items:
            paragraph = self._paragraph(style)
            set_numbering(paragraph, numbering, level)
            self._text(paragraph, item.text)
            self._item_blocks(item.blocks, depth, names.LIST_CONTINUE[depth])

    def _item_blocks(self, blocks: Iterable[ItemBlock], depth: int, style: str) -> None:
        """The paragraphs (in ``style``) and nested lists after an item's first line."""
        for inner in blocks:
            if isinstance(inner, ListBlock):
                self._list(inner, min(depth + 1, len(names.LIST_BULLET) - 1))
            else:
                self._text(self._paragraph(style), inner.text)

    def _definition_list(self, block: DefinitionList) -> None:
        """Terms and their definitions as styled paragraphs (Word has no definition
        list): the term in Definition Term, each definition indented under it."""
        for entry in block.items:
            self._text(self._paragraph(names.DEFINITION_TERM), entry.term)
            for definition in entry.definitions:
                self._text(self._paragraph(names.DEFINITION), definition.text)
                self._item_blocks(definition.blocks, 0, names.DEFINITION)

    def _quote(self, block: Quote) -> None:
        for inner in block.blocks:
            if isinstance(inner, Paragraph):
                self._text(self._paragraph(names.QUOTE), inner.text)
            else:
                self._block(inner)
        if block.attribution:
            attribution = self._paragraph(names.QUOTE)
            attribution.add_run("\u2014 ")
            self._text(attribution, block.attribution)

    def _caption(self, text: InlineText, *, keep_with_next: bool) -> None:
        caption = self._paragraph(names.CAPTION)
        caption.paragraph_format.keep_with_next = keep_with_next
        self._text(caption, text)

    def _width(self) -> int:
        if self.container is self.document:
            return self.text_width
        cell: _Cell = self.container  # type: ignore[assignment]
        return int(cell.width or self.text_width) - 2 * _CELL_PADDING

    def _new_table(
        self,
        header: Sequence[str | InlineText],
        rows: int,
        *,
        widths: Sequence[float] | None = None,
        caption: str = "",
        description: str = "",
        row_headers: bool = False,
    ) -> list[list[_Cell]]:
        """A table in the article style with ``header`` as its repeating first row, its
        columns sharing the text width as ``widths`` (fractions) say, else equally;
        returns the cells of every row, header first."""
        table = self.container.add_table(rows=rows + 1, cols=len(header))
        table.style = self.document.styles[names.ARTICLE_TABLE]
        table.autofit = False
        if caption:
            describe_table(table, caption, description)
        mark_row_headers(table, row_headers)
        shares = widths or [1 / len(header)] * len(header)
        total = self._width()
        # Word reads the cell widths, LibreOffice the grid's column widths: set both.
        for column, share in zip(table.columns, shares, strict=True):
            width = Emu(int(total * share))
            column.width = width
            for cell in column.cells:
                cell.width = width
        set_repeat_table_header(table.rows[0])
        for row in table.rows:
            prevent_row_split(row)
        cells = [list(row.cells) for row in table.rows]
        for row_cells in cells:
            for cell in row_cells:
                # Cells are tight: the body text's space after would pad every row.
                spacing = cell.paragraphs[0].paragraph_format
                spacing.space_before = spacing.space_after = Pt(2)
                spacing.line_spacing = 1.0
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
        caption = block.caption.plain if block.caption else ""
        cells = self._new_table(block.header, len(block.rows), caption=caption)
        for row, values in zip(cells[1:], block.rows, strict=True):
            for cell, value in zip(row, values, strict=True):
                self._text(cell.paragraphs[0], value)
        # As in the PDF: the head never ends a page with one row, nor the last row
        # starts one alone (Word keeps a row whose paragraphs keep with the next).
        for kept in {0, 1, len(cells) - 2} - {len(cells) - 1}:
            for cell in cells[kept]:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        self._spacer()

    def _spacer(self) -> None:
        # Word joins two tables that touch; a small empty paragraph also gives air.
        if self.container is not self.document:
            return  # a table in a cell is followed by the paragraph every cell ends with
        spacer = self._paragraph(names.BODY_TEXT)
        spacer.paragraph_format.space_after = Pt(2)

    def _figure(self, block: Figure) -> None:
        image = load_figure(block.src, self.policy, self.article.base_dir)
        paragraph = self._paragraph(names.BODY_TEXT)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        run = paragraph.add_run()
        width_limit = self._width()
        if image.width_px is not None:
            width = min(int(image.width_px * _EMU_PER_CSS_PX), width_limit)
            shape = run.add_picture(io.BytesIO(image.data), width=Emu(width))
        else:
            shape = run.add_picture(io.BytesIO(image.data))
            if shape.width > width_limit:
                shape.height = Emu(int(shape.height * width_limit / shape.width))
                shape.width = Emu(width_limit)
        set_alt_text(shape, block.alt)
        if block.caption:
            self._caption(block.caption, keep_with_next=False)

    # -- boxes ----------------------------------------------------------------------

    @contextmanager
    def inside(self, cell: _Cell) -> Iterator[_Cell]:
        """Write into ``cell`` until the block ends."""
        outer, self.container = self.container, cell
        try:
            yield cell
        finally:
            self.container = outer
            drop_leading_empty_paragraph(cell)

    def box(self, tone: Tone) -> _Cell:
        """A box in ``tone``: a one-cell table with the tone's tint as background and a
        bar in its colour on the left. Write into it with :meth:`inside`."""
        table = self.container.add_table(rows=1, cols=1)
        table.autofit = False
        cell = table.cell(0, 0)
        cell.width = Emu(self._width())
        table.columns[0].width = cell.width
        mark_row_headers(table, False)
        set_cell_shading(cell, tone.tint_hex)
        set_cell_border(cell, "left", color=tone.color_hex, size=_BOX_EDGE)
        for side in ("top", "bottom", "right"):
            set_cell_border(cell, side, color=tone.tint_hex, size=_BOX_RIM)
        return cell

    def _callout(self, block: Callout) -> None:
        tone = CALLOUTS[block.kind]
        with self.inside(self.box(tone)):
            self._box_heading(block.title or self.labels[block.kind], tone)
            self._blocks(block.blocks)
        self._spacer()


_CELL_PADDING: Final = 108 * 635  # Word's default cell margin, 0.08 inch, in EMU
