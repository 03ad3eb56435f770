"""Table rows and cells: header rows that repeat, rows kept whole, shaded cells.

python-docx 1.2 has no API for these row flags or for cell shading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from docx.table import Table, _Cell, _Row

CellSide = Literal["top", "left", "bottom", "right"]

__all__ = [
    "describe_table",
    "drop_leading_empty_paragraph",
    "mark_row_headers",
    "prevent_row_split",
    "set_cell_border",
    "set_cell_shading",
    "set_repeat_table_header",
]


def set_repeat_table_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table continues on. Word needs it on
    each leading header row, and screen readers take such rows as column headers."""
    row._tr.get_or_add_trPr().get_or_add_tblHeader()


def prevent_row_split(row: _Row) -> None:
    """Keep ``row`` whole on one page instead of breaking it across pages."""
    row._tr.get_or_add_trPr().get_or_add_cantSplit()


def set_cell_shading(cell: _Cell, fill: str) -> None:
    """Shade table cell ``cell`` with colour ``fill`` (``"RRGGBB"``). Raises ValueError
    for a malformed colour."""
    cell._tc.get_or_add_tcPr().get_or_add_shd().set_fill(fill)


def set_cell_border(cell: _Cell, side: CellSide, *, color: str, size: int = 4) -> None:
    """Draw a single line ``size`` eighths of a point wide on one ``side`` of ``cell``.
    Raises ValueError for a malformed colour."""
    borders = cell._tc.get_or_add_tcPr().get_or_add_tcBorders()
    getattr(borders, f"get_or_add_{side}")().set_line(color=color, size=size, space=0)


def describe_table(table: Table, caption: str, description: str = "") -> None:
    """Give ``table`` the title and description Word shows as its alt text and screen
    readers announce (``w:tblCaption``, ``w:tblDescription``)."""
    properties = table._tbl.tblPr
    properties.get_or_add_tblCaption().val = caption
    if description:
        properties.get_or_add_tblDescription().val = description


def mark_row_headers(table: Table, on: bool = True) -> None:
    """Whether the first cell of each row is that row's header (``w:tblLook``), as the
    side-effect name is in the side-effects table."""
    table._tbl.tblPr.set_first_column_header(on)


def drop_leading_empty_paragraph(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with, once other content follows it
    (a cell must hold at least one paragraph)."""
    content = cell._tc.inner_content_elements
    if len(content) < 2 or not content[0].tag.endswith("}p"):
        return
    first = content[0]
    # Empty: no children, or only its paragraph properties.
    if len(first) == (0 if first.pPr is None else 1):
        cell._tc.remove(first)
