"""Table, row and cell properties python-docx does not declare: header rows, rows kept
whole, cell shading, borders, and the caption and description screen readers announce."""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import qn
from docx.oxml.table import CT_TblPr as _CT_TblPr
from docx.oxml.table import CT_TcPr as _CT_TcPr
from docx.oxml.table import CT_TrPr as _CT_TrPr
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrOne

from ketadoc.exporters.docx.oxml.shared import successors

__all__ = [
    "TBL_BORDER_EDGES",
    "CT_TblBorders",
    "CT_TblPr",
    "CT_TcBorders",
    "CT_TcPr",
    "CT_TrPr",
]

_TBLPR_SEQUENCE: Final = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
TBL_BORDER_EDGES: Final = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")
"""The edges of ``w:tblBorders``, in schema order."""
_TRPR_SEQUENCE: Final = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
_TC_BORDERS_SEQUENCE: Final = (
    "w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right", "w:insideH", "w:insideV",
)  # fmt: skip
_TCPR_SEQUENCE: Final = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip


class CT_TblPr(_CT_TblPr):
    """``<w:tblPr>`` with its borders, look, caption and description."""

    tblBorders = ZeroOrOne("w:tblBorders", successors=successors(_TBLPR_SEQUENCE, "w:tblBorders"))
    tblCaption = ZeroOrOne("w:tblCaption", successors=successors(_TBLPR_SEQUENCE, "w:tblCaption"))
    tblDescription = ZeroOrOne(
        "w:tblDescription", successors=successors(_TBLPR_SEQUENCE, "w:tblDescription")
    )

    def set_first_column_header(self, on: bool) -> None:
        """Whether the table's first column holds row headers (``w:tblLook``)."""
        look = self.find(qn("w:tblLook"))
        if look is not None:
            look.set(qn("w:firstColumn"), "1" if on else "0")


class CT_TblBorders(BaseOxmlElement):
    """``<w:tblBorders>``: outer edges and inner lines of a table."""

    top = ZeroOrOne("w:top", successors=successors(TBL_BORDER_EDGES, "w:top"))
    left = ZeroOrOne("w:left", successors=successors(TBL_BORDER_EDGES, "w:left"))
    bottom = ZeroOrOne("w:bottom", successors=successors(TBL_BORDER_EDGES, "w:bottom"))
    right = ZeroOrOne("w:right", successors=successors(TBL_BORDER_EDGES, "w:right"))
    insideH = ZeroOrOne("w:insideH", successors=successors(TBL_BORDER_EDGES, "w:insideH"))
    insideV = ZeroOrOne("w:insideV", successors=successors(TBL_BORDER_EDGES, "w:insideV"))


class CT_TrPr(_CT_TrPr):
    """``<w:trPr>`` with the flags that keep a row whole and repeat a header row."""

    cantSplit = ZeroOrOne("w:cantSplit", successors=successors(_TRPR_SEQUENCE, "w:cantSplit"))
    tblHeader = ZeroOrOne("w:tblHeader", successors=successors(_TRPR_SEQUENCE, "w:tblHeader"))


class CT_TcPr(_CT_TcPr):
    """``<w:tcPr>`` with its borders and shading."""

    tcBorders = ZeroOrOne("w:tcBorders", successors=successors(_TCPR_SEQUENCE, "w:tcBorders"))
    shd = ZeroOrOne("w:shd", successors=successors(_TCPR_SEQUENCE, "w:shd"))


class CT_TcBorders(BaseOxmlElement):
    """``<w:tcBorders>``: the edges of one cell."""

    top = ZeroOrOne("w:top", successors=successors(_TC_BORDERS_SEQUENCE, "w:top"))
    left = ZeroOrOne("w:left", successors=successors(_TC_BORDERS_SEQUENCE, "w:left"))
    bottom = ZeroOrOne("w:bottom", successors=successors(_TC_BORDERS_SEQUENCE, "w:bottom"))
    right = ZeroOrOne("w:right", successors=successors(_TC_BORDERS_SEQUENCE, "w:right"))
