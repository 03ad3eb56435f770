"""Document settings python-docx does not declare: updating fields on open, and the
footnote properties that name the separator footnotes."""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import qn
from docx.oxml.settings import CT_Settings as _CT_Settings
from docx.oxml.xmlchemy import ZeroOrOne

from ketadoc.exporters.docx.oxml.shared import new_element, successors

__all__ = ["CT_Settings"]

_SETTINGS_SEQUENCE: Final = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
    "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
    "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
    "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
    "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
    "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
    "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
    "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
    "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme",
    "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
    "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl",
    "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving",
    "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace",
    "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
    "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
    "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)  # fmt: skip


class CT_Settings(_CT_Settings):
    """``<w:settings>`` with ``w:updateFields`` and ``w:footnotePr``."""

    updateFields = ZeroOrOne(
        "w:updateFields", successors=successors(_SETTINGS_SEQUENCE, "w:updateFields")
    )
    footnotePr = ZeroOrOne(
        "w:footnotePr", successors=successors(_SETTINGS_SEQUENCE, "w:footnotePr")
    )

    def update_fields_on_open(self) -> None:
        """Ask Word to update every field when it opens the document."""
        self.get_or_add_updateFields().set(qn("w:val"), "true")

    def declare_footnotes(self, *ids: int) -> None:
        """Name the separator footnotes ``ids`` in ``w:footnotePr``, unless it exists."""
        if self.footnotePr is None:
            properties = self.get_or_add_footnotePr()
            for special_id in ids:
                properties.append(new_element("w:footnote", w__id=str(special_id)))
