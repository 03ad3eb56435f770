"""``<w:sectPr>`` with the footnote properties python-docx does not declare."""

from __future__ import annotations

from docx.oxml.section import CT_SectPr as _CT_SectPr
from docx.oxml.xmlchemy import ZeroOrOne

__all__ = ["CT_SectPr"]


class CT_SectPr(_CT_SectPr):
    """``<w:sectPr>`` with ``w:footnotePr``, its first property after the header and
    footer references."""

    footnotePr = ZeroOrOne(
        "w:footnotePr",
        successors=(
            "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
            "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
            "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
            "w:printerSettings", "w:sectPrChange",
        ),
    )  # fmt: skip
    bidi = ZeroOrOne(
        "w:bidi", successors=("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
    )
