"""Element classes shared by paragraphs, runs, tables and styles: borders and shading,
and the helpers every element module uses to declare its children's order."""

from __future__ import annotations

import re
from typing import Any, Final

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["CT_Border", "CT_Shd", "Element", "hex_color", "new_element", "successors"]

Element = Any
"""An lxml element; python-docx's element classes carry no usable static type."""

_HEX_COLOR: Final = re.compile(r"[0-9A-Fa-f]{6}")


def successors(sequence: tuple[str, ...], tag: str) -> tuple[str, ...]:
    """The tags that follow ``tag`` in a schema sequence: what a new ``tag`` child is
    inserted before."""
    return sequence[sequence.index(tag) + 1 :]


def new_element(tag: str, **attributes: str) -> Element:
    """A loose element ``tag`` with ``attributes`` in the order given; keys are
    namespace-prefixed with ``__`` for ``:`` (``w__val`` -> ``w:val``)."""
    return OxmlElement(
        tag, {qn(key.replace("__", ":")): value for key, value in attributes.items()}
    )


def hex_color(value: str) -> str:
    """``value`` as Word writes an RGB colour; raises ValueError unless six hex digits."""
    if not _HEX_COLOR.fullmatch(value):
        raise ValueError(f'colour "{value}" is not six hexadecimal digits such as "1F3864"')
    return value.upper()


def set_w_attributes(element: Element, **values: str) -> None:
    """Set ``w:``-namespaced attributes in the order given (it shows in the bytes)."""
    for name, value in values.items():
        element.set(qn(f"w:{name}"), value)


class CT_Shd(BaseOxmlElement):
    """``<w:shd>``: the background of a paragraph, run, cell or table."""

    def set_fill(self, fill: str) -> None:
        """A solid background of colour ``fill`` (``"RRGGBB"``); raises ValueError for a
        malformed colour."""
        set_w_attributes(self, val="clear", color="auto", fill=hex_color(fill))


class CT_Border(BaseOxmlElement):
    """One edge of a paragraph, table or cell border (``<w:top>``, ``<w:insideH>``...)."""

    def set_line(self, *, color: str, size: int, space: int) -> None:
        """A single line ``size`` eighths of a point wide, ``space`` points from the
        text; raises ValueError for a malformed colour."""
        set_w_attributes(self, val="single", sz=str(size), space=str(space), color=hex_color(color))
