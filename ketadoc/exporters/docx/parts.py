"""The footnotes part, ``/word/footnotes.xml``, which python-docx 1.2 does not model.

Importing this module registers :class:`FootnotesPart` for the footnotes content type,
as python-docx registers its own parts, so a document opened afterwards (a reference
document saved by Word always has a footnotes part) loads its footnotes as XML instead
of opaque bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.parts.story import StoryPart

from ketadoc.exporters.docx import oxml as _oxml  # noqa: F401  (registers the element classes)
from ketadoc.exporters.docx.oxml.footnotes import CT_Footnotes, new_footnotes

if TYPE_CHECKING:
    from docx.package import Package

__all__ = ["FootnotesPart"]


class FootnotesPart(StoryPart):
    """The footnotes part: a story part, so paragraphs inside footnotes resolve styles
    and relate hyperlinks exactly like body paragraphs."""

    @property
    def footnotes_element(self) -> CT_Footnotes:
        """The ``w:footnotes`` root."""
        root: CT_Footnotes = self.element
        return root

    @classmethod
    def new(cls, package: Package) -> FootnotesPart:
        """A footnotes part holding only the separator and continuation separator."""
        partname = PackURI("/word/footnotes.xml")
        if any(part.partname == partname for part in package.iter_parts()):
            partname = package.next_partname("/word/footnotes%d.xml")
        return cls(partname, CT.WML_FOOTNOTES, new_footnotes(), package)


PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart
