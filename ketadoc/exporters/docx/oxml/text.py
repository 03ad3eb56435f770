"""Paragraph and run elements: the properties python-docx does not declare, and the
bookmark, hyperlink, field and footnote-mark elements it has no API for.

Each class extends python-docx's own and declares the children it adds with their
schema successors (ECMA-376, transitional), so a new child lands where Word expects
it: Word reports a file with children out of order as corrupt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from docx.oxml.ns import qn
from docx.oxml.text.font import CT_Fonts as _CT_Fonts
from docx.oxml.text.font import CT_RPr as _CT_RPr
from docx.oxml.text.parfmt import CT_PPr as _CT_PPr
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrOne

from ketadoc.exporters.docx.oxml.shared import Element, new_element, successors

__all__ = [
    "CT_Fonts",
    "CT_Language",
    "CT_PBdr",
    "CT_PPr",
    "CT_RPr",
    "bookmarks_in",
    "insert_after_properties",
    "new_bookmark",
    "new_field_char_run",
    "new_footnote_mark",
    "new_footnote_reference",
    "new_hyperlink",
    "new_instruction_run",
]

_PPR_SEQUENCE: Final = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_PBDR_SEQUENCE: Final = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
_RPR_SEQUENCE: Final = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
    "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


class CT_PPr(_CT_PPr):
    """``<w:pPr>`` with its border, shading and direction."""

    pBdr = ZeroOrOne("w:pBdr", successors=successors(_PPR_SEQUENCE, "w:pBdr"))
    shd = ZeroOrOne("w:shd", successors=successors(_PPR_SEQUENCE, "w:shd"))
    bidi = ZeroOrOne("w:bidi", successors=successors(_PPR_SEQUENCE, "w:bidi"))


class CT_PBdr(BaseOxmlElement):
    """``<w:pBdr>``: the four edges of a paragraph's border."""

    top = ZeroOrOne("w:top", successors=successors(_PBDR_SEQUENCE, "w:top"))
    left = ZeroOrOne("w:left", successors=successors(_PBDR_SEQUENCE, "w:left"))
    bottom = ZeroOrOne("w:bottom", successors=successors(_PBDR_SEQUENCE, "w:bottom"))
    right = ZeroOrOne("w:right", successors=successors(_PBDR_SEQUENCE, "w:right"))


class CT_RPr(_CT_RPr):
    """``<w:rPr>`` with its language, and the size of its complex-script text."""

    lang = ZeroOrOne("w:lang", successors=successors(_RPR_SEQUENCE, "w:lang"))
    szCs = ZeroOrOne("w:szCs", successors=successors(_RPR_SEQUENCE, "w:szCs"))

    def mirror_complex_script(self) -> None:
        """Give the complex-script text of the run (Arabic, Hebrew, Devanagari, Thai...)
        the bold, italics and size its other text has: Word and LibreOffice format that
        text by ``w:bCs``, ``w:iCs`` and ``w:szCs`` alone."""
        for latin, complex_script in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
            given = self.find(qn(latin))
            if given is None or self.find(qn(complex_script)) is not None:
                continue
            twin = new_element(complex_script)
            for name, value in given.attrib.items():
                twin.set(name, value)
            given.addnext(twin)  # each twin follows its Latin property in the schema


class CT_Fonts(_CT_Fonts):
    """``<w:rFonts>``: the typefaces of Latin, complex-script and East Asian text."""

    def set_family(self, name: str) -> None:
        """Use ``name`` for Latin and complex-script text. Theme attributes win over
        named fonts, so they go for the name to apply; East Asian text is left alone."""
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
            self.attrib.pop(qn(theme), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            self.set(qn(attribute), name)


class CT_Language(BaseOxmlElement):
    """``<w:lang>``: the languages of Latin, East Asian and right-to-left text."""

    def set_languages(self, language: str, *, east_asia: str | None, bidi: str | None) -> None:
        """Set the Latin-text language, and the others where given."""
        self.set(qn("w:val"), language)
        if east_asia is not None:
            self.set(qn("w:eastAsia"), east_asia)
        if bidi is not None:
            self.set(qn("w:bidi"), bidi)


def insert_after_properties(p: Element, elements: Iterable[Element]) -> None:
    """Insert ``elements`` at the start of paragraph ``p``'s content, after its ``w:pPr``."""
    anchor = p.pPr
    for element in elements:
        if anchor is None:
            p.insert(0, element)
        else:
            anchor.addnext(element)
        anchor = element


def new_bookmark(bookmark_id: int, name: str) -> tuple[Element, Element]:
    """The ``w:bookmarkStart`` and ``w:bookmarkEnd`` of one bookmark."""
    return (
        new_element("w:bookmarkStart", w__id=str(bookmark_id), w__name=name),
        new_element("w:bookmarkEnd", w__id=str(bookmark_id)),
    )


def bookmarks_in(element: Element) -> Iterator[tuple[int, str]]:
    """The id and name of every bookmark inside ``element``."""
    for start in element.iter(qn("w:bookmarkStart")):
        yield int(start.get(qn("w:id"), "-1")), start.get(qn("w:name"), "")


def new_hyperlink(*, r_id: str | None = None, anchor: str | None = None) -> Element:
    """A ``w:hyperlink`` to an external target (relationship ``r_id``) or a bookmark."""
    if r_id is not None:
        return new_element("w:hyperlink", r__id=r_id, w__history="1")
    return new_element("w:hyperlink", w__anchor=str(anchor), w__history="1")


def new_field_char_run(kind: str, *, dirty: bool = False) -> Element:
    """A run holding one ``w:fldChar`` (``begin``, ``separate`` or ``end``)."""
    run = new_element("w:r")
    field_char = new_element("w:fldChar", w__fldCharType=kind)
    if dirty:
        field_char.set(qn("w:dirty"), "true")
    run.append(field_char)
    return run


def new_instruction_run(instruction: str) -> Element:
    """A run holding a field instruction such as ``PAGE``."""
    run = new_element("w:r")
    text = new_element("w:instrText", xml__space="preserve")
    text.text = f" {instruction} "
    run.append(text)
    return run


def new_footnote_reference(footnote_id: int, *, custom_mark: bool = False) -> Element:
    """The ``w:footnoteReference`` a body run holds to point at footnote ``footnote_id``;
    with ``custom_mark`` the run's text that follows is the mark, and Word leaves the
    footnote out of its numbering."""
    if custom_mark:
        return new_element("w:footnoteReference", w__customMarkFollows="1", w__id=str(footnote_id))
    return new_element("w:footnoteReference", w__id=str(footnote_id))


def new_footnote_mark() -> Element:
    """The ``w:footnoteRef`` that shows a footnote's number inside the footnote."""
    return new_element("w:footnoteRef")
