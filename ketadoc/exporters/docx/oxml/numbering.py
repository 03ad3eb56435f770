"""Numbering definitions: the multi-level lists the reference document defines.

python-docx reads ``w:numbering`` and adds ``w:num`` instances; an abstract definition
with its levels is built here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml.ns import nsdecls, qn
from docx.oxml.numbering import CT_Numbering as _CT_Numbering
from docx.oxml.parser import parse_xml

from ketadoc.exporters.docx.oxml.shared import Element

__all__ = ["CT_Numbering", "ListLevel", "new_abstract_numbering"]


@dataclass(frozen=True, slots=True)
class ListLevel:
    """One level of a list: its number format (``bullet``, ``decimal``, ``lowerLetter``...),
    the marker text (``%1.`` or the bullet character), and the text indent in twips;
    the marker hangs ``hanging`` twips to the left of the text."""

    number_format: str
    text: str
    indent: int
    hanging: int = 360


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def new_abstract_numbering(abstract_id: int, levels: Sequence[ListLevel]) -> Element:
    """A ``w:abstractNum`` with ``levels`` (level 0 first), each starting at 1 and
    restarting after any higher level."""
    body = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{level.number_format}"/>'
        f'<w:lvlText w:val="{_escape(level.text)}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{level.indent}" w:hanging="{level.hanging}"/></w:pPr>'
        "</w:lvl>"
        for index, level in enumerate(levels)
    )
    kind = "hybridMultilevel" if len(levels) > 1 else "singleLevel"
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="{kind}"/>{body}</w:abstractNum>'
    )


class CT_Numbering(_CT_Numbering):
    """``<w:numbering>`` whose definitions can be replaced as a whole."""

    def replace_definitions(self, definitions: Sequence[Sequence[ListLevel]]) -> list[int]:
        """Remove every list definition and instance, then define ``definitions`` (each
        a sequence of levels) with one instance each; return the instances' ids, which
        list styles name in their ``w:numId``."""
        for child in list(self):
            if child.tag in (qn("w:abstractNum"), qn("w:num")):
                self.remove(child)
        abstracts = [
            new_abstract_numbering(index, levels) for index, levels in enumerate(definitions)
        ]
        for position, abstract in enumerate(abstracts):
            self.insert(position, abstract)
        return [int(self.add_num(index).numId) for index in range(len(abstracts))]  # type: ignore[no-untyped-call]
