"""The footnotes story: ``<w:footnotes>`` and its ``<w:footnote>`` children."""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrMore, ZeroOrOne

from ketadoc.exporters.docx.oxml.shared import Element, new_element

__all__ = [
    "CONTINUATION_SEPARATOR_ID",
    "SEPARATOR_ID",
    "CT_Footnote",
    "CT_FootnoteProperties",
    "CT_Footnotes",
    "new_footnotes",
]

SEPARATOR_ID: Final = -1
CONTINUATION_SEPARATOR_ID: Final = 0
"""Word numbers the two separator footnotes -1 and 0 and declares them in settings.xml;
real footnotes start at 1."""

# Zero spacing keeps the separator line tight.
_FOOTNOTES_XML: Final = f"""\
<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="{SEPARATOR_ID}">
    <w:p>
      <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r>
    </w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="{CONTINUATION_SEPARATOR_ID}">
    <w:p>
      <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r>
    </w:p>
  </w:footnote>
</w:footnotes>
"""


class CT_Footnotes(BaseOxmlElement):
    """``<w:footnotes>``, the root of the footnotes part; each footnote is identified by
    its ``w:id``, which the body's ``w:footnoteReference`` names."""

    footnote = ZeroOrMore("w:footnote", successors=())

    def add_footnote(self) -> CT_Footnote:
        """A new, empty ``w:footnote`` with the next free id, appended last."""
        ids = [int(note.get(qn("w:id"))) for note in self.iter(qn("w:footnote"))]
        note: CT_Footnote = new_element("w:footnote", w__id=str(max([0, *ids]) + 1))
        self.append(note)
        return note


class CT_Footnote(BaseOxmlElement):
    """``<w:footnote>``: a story of paragraphs, like a table cell."""

    @property
    def footnote_id(self) -> int:
        """The ``w:id`` the body refers to."""
        return int(self.get(qn("w:id")))

    def add_paragraph(self) -> Element:
        """Append an empty ``w:p`` and return it."""
        p = new_element("w:p")
        self.append(p)
        return p


class CT_FootnoteProperties(BaseOxmlElement):
    """``<w:footnotePr>`` of a section or of the whole document (settings.xml, where
    it also names the separator footnotes)."""

    numFmt = ZeroOrOne("w:numFmt", successors=("w:numStart", "w:numRestart", "w:footnote"))

    def set_number_format(self, number_format: str) -> None:
        """Number the footnotes in ``number_format`` (``"lowerLetter"``: a, b, c)."""
        self.get_or_add_numFmt().set(qn("w:val"), number_format)


def new_footnotes() -> CT_Footnotes:
    """A ``w:footnotes`` root holding only the separator and continuation separator."""
    root: CT_Footnotes = parse_xml(_FOOTNOTES_XML.encode())
    return root
