"""Style authoring: what the reference document's styles need and python-docx 1.2 cannot
set (borders and shading of paragraph styles, table-style borders and header row,
named fonts over theme fonts, outline levels, clearing a style to define it anew).

Used only to generate ``templates/docx/reference.docx``; the exporter never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ketadoc.exporters.docx.oxml.shared import hex_color
from ketadoc.exporters.docx.oxml.table import TBL_BORDER_EDGES

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph

    from ketadoc.exporters.docx.oxml.shared import Element

__all__ = [
    "clear_style_formatting",
    "set_default_font",
    "set_font_family",
    "set_outline_level",
    "set_paragraph_border",
    "set_paragraph_shading",
    "set_table_style_borders",
    "set_table_style_header_row",
]

BorderSide = Literal["top", "left", "bottom", "right"]


def _paragraph_properties(target: Paragraph | BaseStyle) -> Element:
    if hasattr(target, "_p"):
        return target._p.get_or_add_pPr()
    return target.element.get_or_add_pPr()


def set_default_font(document: Document, name: str) -> None:
    """Make ``name`` the font of every style that does not name its own (Latin and
    complex-script text; East Asian text keeps the theme font)."""
    defaults = document.styles.element.get_or_add_docDefaults()
    defaults.get_or_add_rPrDefault().get_or_add_rPr().get_or_add_rFonts().set_family(name)


def set_font_family(style: BaseStyle, name: str) -> None:
    """Give ``style`` the font ``name``, replacing any theme font it referred to
    (python-docx's ``font.name`` leaves theme references, which override it)."""
    style.element.get_or_add_rPr().get_or_add_rFonts().set_family(name)


def clear_style_formatting(style: BaseStyle) -> None:
    """Remove all paragraph, run and table formatting from ``style``, keeping its name and
    type, so it can be defined from scratch.

    A linked character style (Word's "Heading 1 Char") is deleted with the link: it
    mirrors the old formatting and would contradict the new one wherever it is applied.
    """
    element = style.element
    linked = element.clear_formatting()
    if linked is not None:
        element.getparent().remove_character_style(linked)


def set_outline_level(target: Paragraph | BaseStyle, level: int) -> None:
    """Set the outline level (0 = top) that puts a heading in Word's navigation pane and
    TOC; 9 means body text. Raises ValueError outside 0-9."""
    if not 0 <= level <= 9:
        raise ValueError(f"outline level must be 0-9, got {level}")
    _paragraph_properties(target).get_or_add_outlineLvl().val = level


def set_paragraph_shading(target: Paragraph | BaseStyle, fill: str) -> None:
    """Shade the background of a paragraph style or paragraph with colour ``fill``
    (``"RRGGBB"``). Raises ValueError for a malformed colour."""
    _paragraph_properties(target).get_or_add_shd().set_fill(fill)


def set_paragraph_border(
    target: Paragraph | BaseStyle,
    side: BorderSide,
    *,
    color: str,
    size: int = 4,
    space: int = 4,
) -> None:
    """Draw a single-line border on one ``side`` of a paragraph style or paragraph.

    ``size`` is the width in eighths of a point (2-96) and ``space`` the gap to the text
    in points (0-31). Consecutive paragraphs with the same borders share one box.
    Raises ValueError for values out of range.
    """
    if side not in ("top", "left", "bottom", "right"):
        raise ValueError(f'border side must be top, left, bottom or right, got "{side}"')
    if not 2 <= size <= 96:
        raise ValueError(f"border size must be 2-96 eighths of a point, got {size}")
    if not 0 <= space <= 31:
        raise ValueError(f"border space must be 0-31 points, got {space}")
    color = hex_color(color)
    borders = _paragraph_properties(target).get_or_add_pBdr()
    getattr(borders, f"get_or_add_{side}")().set_line(color=color, size=size, space=space)


def set_table_style_borders(style: BaseStyle, *, color: str, size: int = 4) -> None:
    """Give table style ``style`` single-line outer and inner borders of ``size`` eighths
    of a point in colour ``color``. Raises ValueError for a malformed colour."""
    color = hex_color(color)
    borders = style.element.get_or_add_tblPr().get_or_add_tblBorders()
    for edge in TBL_BORDER_EDGES:
        getattr(borders, f"get_or_add_{edge[2:]}")().set_line(color=color, size=size, space=0)


def set_table_style_header_row(style: BaseStyle, *, fill: str, bold: bool = True) -> None:
    """Make the first row of tables in style ``style`` shaded with ``fill`` and, by
    default, bold. Word applies it to tables whose ``tblLook`` enables the header row,
    as python-docx's ``add_table`` does. Raises ValueError for a malformed colour."""
    fill = hex_color(fill)
    conditional = style.element.conditional_formatting("firstRow")
    run_properties = conditional.get_or_add_rPr()
    run_properties._remove_b()
    if bold:
        run_properties.get_or_add_b()
    run_properties._remove_bCs()
    if bold:
        run_properties.get_or_add_bCs()
    conditional.get_or_add_tcPr().get_or_add_shd().set_fill(fill)
