"""Table rows and cells: header rows that repeat, rows kept whole, shaded cells.

python-docx 1.2 has no API for these row flags or for cell shading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.table import _Cell, _Row

__all__ = ["prevent_row_split", "set_cell_shading", "set_repeat_table_header"]


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
