"""WordprocessingML element classes for what python-docx 1.2 declares no API for.

The DOCX exporter follows python-docx's own layering: element classes here (the only
place that knows tag names and child order), parts in :mod:`..parts`, and API modules
on top (:mod:`..links`, :mod:`..fields`, :mod:`..footnotes`, :mod:`..numbering`,
:mod:`..tables`). Each element class extends python-docx's class for its tag, or adds
one where python-docx has none, and declares the children it adds with
``ZeroOrOne(tag, successors=...)``, so a new child lands at its schema position.

Importing this package registers the classes with python-docx's parser, as python-docx
registers its own: parsed and new elements of these tags are instances of these classes.
Each class only adds to python-docx's, so python-docx itself behaves as before.
"""

from __future__ import annotations

from docx.oxml.parser import register_element_cls
from docx.oxml.shared import CT_String

from ketadoc.exporters.docx.oxml.drawing import CT_NonVisualDrawingProps
from ketadoc.exporters.docx.oxml.footnotes import (
    CT_Footnote,
    CT_FootnoteProperties,
    CT_Footnotes,
)
from ketadoc.exporters.docx.oxml.numbering import CT_Numbering
from ketadoc.exporters.docx.oxml.section import CT_SectPr
from ketadoc.exporters.docx.oxml.settings import CT_Settings
from ketadoc.exporters.docx.oxml.shared import CT_Border, CT_Shd
from ketadoc.exporters.docx.oxml.styles import (
    CT_DocDefaults,
    CT_PPrDefault,
    CT_RPrDefault,
    CT_Style,
    CT_Styles,
    CT_TblStylePr,
)
from ketadoc.exporters.docx.oxml.table import (
    CT_TblBorders,
    CT_TblPr,
    CT_TcBorders,
    CT_TcPr,
    CT_TrPr,
)
from ketadoc.exporters.docx.oxml.text import CT_Fonts, CT_Language, CT_PBdr, CT_PPr, CT_RPr

__all__: list[str] = []

for _tag, _cls in (
    ("wp:docPr", CT_NonVisualDrawingProps),
    ("w:footnotes", CT_Footnotes),
    ("w:footnote", CT_Footnote),
    ("w:footnotePr", CT_FootnoteProperties),
    ("w:sectPr", CT_SectPr),
    ("w:settings", CT_Settings),
    ("w:numbering", CT_Numbering),
    ("w:shd", CT_Shd),
    ("w:styles", CT_Styles),
    ("w:docDefaults", CT_DocDefaults),
    ("w:rPrDefault", CT_RPrDefault),
    ("w:pPrDefault", CT_PPrDefault),
    ("w:style", CT_Style),
    ("w:tblStylePr", CT_TblStylePr),
    ("w:tblPr", CT_TblPr),
    ("w:tblBorders", CT_TblBorders),
    ("w:trPr", CT_TrPr),
    ("w:tcPr", CT_TcPr),
    ("w:tcBorders", CT_TcBorders),
    ("w:tblCaption", CT_String),
    ("w:tblDescription", CT_String),
    ("w:pPr", CT_PPr),
    ("w:pBdr", CT_PBdr),
    ("w:rPr", CT_RPr),
    ("w:lang", CT_Language),
    ("w:rFonts", CT_Fonts),
    # Border edges: the same type inside paragraph, table and cell borders.
    *(
        (f"w:{edge}", CT_Border)
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    ),
):
    register_element_cls(_tag, _cls)
