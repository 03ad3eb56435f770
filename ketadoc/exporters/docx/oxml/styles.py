"""Style-sheet elements python-docx does not declare: the document defaults every
style inherits, and a style's table properties and conditional (header-row) formatting."""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style as _CT_Style
from docx.oxml.styles import CT_Styles as _CT_Styles
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrOne

from ketadoc.exporters.docx.oxml.shared import new_element, successors

__all__ = [
    "CT_DocDefaults",
    "CT_PPrDefault",
    "CT_RPrDefault",
    "CT_Style",
    "CT_Styles",
    "CT_TblStylePr",
]

_STYLES_SEQUENCE: Final = ("w:docDefaults", "w:latentStyles", "w:style")
_DOC_DEFAULTS_SEQUENCE: Final = ("w:rPrDefault", "w:pPrDefault")
_STYLE_SEQUENCE: Final = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
    "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
    "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
    "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
)  # fmt: skip
_TBL_STYLE_PR_SEQUENCE: Final = ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr")
_FORMATTING: Final = ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")


class CT_Styles(_CT_Styles):
    """``<w:styles>`` with its document defaults."""

    docDefaults = ZeroOrOne(
        "w:docDefaults", successors=successors(_STYLES_SEQUENCE, "w:docDefaults")
    )

    def remove_character_style(self, style_id: str) -> None:
        """Delete the character style ``style_id``, if there is one."""
        for candidate in self.findall(qn("w:style")):
            if candidate.get(qn("w:styleId")) == style_id and candidate.get(qn("w:type")) == (
                "character"
            ):
                self.remove(candidate)


class CT_DocDefaults(BaseOxmlElement):
    """``<w:docDefaults>``: run and paragraph properties every style starts from."""

    rPrDefault = ZeroOrOne(
        "w:rPrDefault", successors=successors(_DOC_DEFAULTS_SEQUENCE, "w:rPrDefault")
    )
    pPrDefault = ZeroOrOne(
        "w:pPrDefault", successors=successors(_DOC_DEFAULTS_SEQUENCE, "w:pPrDefault")
    )


class CT_PPrDefault(BaseOxmlElement):
    """``<w:pPrDefault>``: holds the default paragraph properties."""

    pPr = ZeroOrOne("w:pPr", successors=())


class CT_RPrDefault(BaseOxmlElement):
    """``<w:rPrDefault>``: holds the default run properties."""

    rPr = ZeroOrOne("w:rPr", successors=())


class CT_Style(_CT_Style):
    """``<w:style>`` with its table properties and conditional formatting."""

    tblPr = ZeroOrOne("w:tblPr", successors=successors(_STYLE_SEQUENCE, "w:tblPr"))

    def conditional_formatting(self, kind: str) -> CT_TblStylePr:
        """The ``w:tblStylePr`` for table part ``kind`` (``firstRow``...), added last
        (its place in the sequence) when missing."""
        for candidate in self.findall(qn("w:tblStylePr")):
            if candidate.get(qn("w:type")) == kind:
                return candidate  # type: ignore[no-any-return]
        conditional: CT_TblStylePr = new_element("w:tblStylePr", w__type=kind)
        self.append(conditional)
        return conditional

    def clear_formatting(self) -> str | None:
        """Remove every paragraph, run and table property and the link to a character
        style; return the id of the linked style, which mirrored the old formatting."""
        link = self.find(qn("w:link"))
        linked = None
        if link is not None:
            linked = link.get(qn("w:val"))
            self.remove(link)
        for tag in _FORMATTING:
            for child in self.findall(qn(tag)):
                self.remove(child)
        return linked


class CT_TblStylePr(BaseOxmlElement):
    """``<w:tblStylePr>``: formatting of one part of a table, such as its header row."""

    rPr = ZeroOrOne("w:rPr", successors=successors(_TBL_STYLE_PR_SEQUENCE, "w:rPr"))
    tcPr = ZeroOrOne("w:tcPr", successors=successors(_TBL_STYLE_PR_SEQUENCE, "w:tcPr"))
