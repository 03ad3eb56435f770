"""List numbering: a list that restarts its count, and paragraphs numbered by it.

python-docx 1.2 applies list styles but cannot restart a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle
    from docx.text.paragraph import Paragraph

__all__ = ["new_numbering", "set_numbering", "style_level"]


def new_numbering(document: Document, style: str, *, start: int = 1, level: int = 0) -> int:
    """A new numbering instance for list style ``style`` whose list level ``level``
    starts at ``start``.

    Word continues a numbered list across the whole document while its paragraphs share
    the style's ``w:num``. A list restarts when its paragraphs refer to another
    ``w:num`` on the same abstract definition (so it looks the same) whose
    ``w:lvlOverride/w:startOverride`` resets the counter; this creates one. Pass the
    returned id to :func:`set_numbering` for every paragraph of the list.
    Raises KeyError for an unknown style and ValueError when the style has no numbering.
    """
    numbering = document.part.numbering_part.element
    num_id = _style_num_id(document.styles[style])
    if num_id is None:
        raise ValueError(f'style "{style}" has no numbering to restart')
    try:
        definition = numbering.num_having_numId(num_id)
    except KeyError:
        raise ValueError(
            f'style "{style}" refers to numbering {num_id}, which is not defined'
        ) from None
    num = numbering.add_num(definition.abstractNumId.val)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return int(num.numId)


def style_level(document: Document, style: str) -> int:
    """The list level (``w:ilvl``) list style ``style`` numbers at: 1 for "List Bullet 2".
    Raises KeyError for an unknown style."""
    current: BaseStyle | None = document.styles[style]
    while current is not None:
        properties = current.element.pPr
        numbering = None if properties is None else properties.numPr
        if numbering is not None and numbering.ilvl is not None:
            return int(numbering.ilvl.val)
        current = getattr(current, "base_style", None)
    return 0


def _style_num_id(style: BaseStyle | None) -> int | None:
    while style is not None:
        properties = style.element.pPr
        numbering = None if properties is None else properties.numPr
        if numbering is not None and numbering.numId is not None:
            return int(numbering.numId.val)
        # Only paragraph and character styles have a base style.
        style = getattr(style, "base_style", None)
    return None


def set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    """Number ``paragraph`` with numbering instance ``num_id`` (from :func:`new_numbering`)
    at list level ``level`` (0-8). Raises ValueError for a level out of range."""
    if not 0 <= level <= 8:
        raise ValueError(f"list level must be 0-8, got {level}")
    properties = paragraph._p.get_or_add_pPr()
    properties._remove_numPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id
