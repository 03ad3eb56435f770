"""The parts of an article in the order each layout shows them, defined once.

A layout is a tuple of :class:`Part`. The html page, the two pdf layouts and the docx
writer iterate their layout: a template calls the macro named after each part, the
docx writer the method ``_<name>``. Adding a part (a glossary, say) is one entry here
plus one macro or method per format; the order cannot drift between formats.

The contents list is data too (:func:`contents_entries`): the sections, then the parts
ketadoc adds that a reader looks up (side effects, when to get help, the FAQs, the
references), each once, under the anchor its heading carries in every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from ketadoc.rendering.context import ArticleContext

__all__ = [
    "ANCHORS",
    "LAYOUTS",
    "ContentsEntry",
    "Layout",
    "Part",
    "contents_entries",
    "flatten",
    "outline",
]

Layout = Literal["web", "article", "handout", "docx"]


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a layout.

    ``name`` is the macro (templates) or ``_name`` method (docx writer) that renders it;
    ``pdf_only`` parts are macros of ``pdf/_parts.html.j2`` rather than of the shared
    ``html/_content.html.j2``. ``anchor`` is the id its heading carries; ``label`` the
    label key of its contents entry, for the parts a reader looks up. ``children`` make
    a group rendered inside one box (``<div class="name">``).
    """

    name: str
    anchor: str | None = None
    label: str | None = None
    pdf_only: bool = False
    children: tuple[Part, ...] = ()


_TITLE: Final = Part("title_block", "kd-title")
_KEY_POINTS: Final = Part("key_points", "kd-key-points")
_WARNINGS: Final = Part("warnings", "kd-warnings")
_REGULATORY: Final = Part("regulatory_status", "kd-regulatory")
_LEAD: Final = Part("lead")
_CONTENTS: Final = Part("contents", "kd-contents")
_SECTIONS: Final = Part("sections")
_RISKS: Final = Part("risks", "kd-side-effects", "side_effects")
_CARE: Final = Part("care_advice", "kd-when-to-get-help", "when_to_get_help")
_QUESTIONS: Final = Part("questions_to_ask", "kd-questions")
_FAQS: Final = Part("faqs", "kd-faq", "faq")
_FOOTNOTES: Final = Part("footnotes", "kd-footnotes", "footnotes")
_REFERENCES: Final = Part("references", "kd-references", "references")
_REVIEW: Final = Part("review", "kd-review")
_DISCLAIMER: Final = Part("disclaimer", "kd-disclaimer")
_MASTHEAD: Final = Part("masthead", pdf_only=True)
_ONLINE: Final = Part("online", "kd-online", pdf_only=True)

# The web page: what a reader must know first, then the lead introduces the article
# and the contents lead into the sections.
_WEB: Final = (
    _TITLE,
    _KEY_POINTS,
    _WARNINGS,
    _REGULATORY,
    _LEAD,
    _CONTENTS,
    _SECTIONS,
    _RISKS,
    _CARE,
    _QUESTIONS,
    _FAQS,
    _FOOTNOTES,
    _REFERENCES,
    _REVIEW,
    _DISCLAIMER,
)

LAYOUTS: Final[Mapping[Layout, tuple[Part, ...]]] = MappingProxyType(
    {
        "web": _WEB,
        # The whole article for print: the contents page comes straight after the title.
        # Print layouts have no notes part: a note is printed at the foot of its page.
        "article": (
            _MASTHEAD,
            _TITLE,
            _CONTENTS,
            _KEY_POINTS,
            _WARNINGS,
            _REGULATORY,
            _LEAD,
            _SECTIONS,
            _RISKS,
            _CARE,
            _QUESTIONS,
            _FAQS,
            _REFERENCES,
            # Kept together on one page: the review block is never split, and the last
            # page never holds the QR code alone.
            Part("closing", children=(_REVIEW, _DISCLAIMER, _ONLINE)),
        ),
        # The patient handout, in patient-education order (AHRQ PEMAT, CDC Clear
        # Communication Index): purpose, main messages and warnings, what to do, then
        # where to learn more.
        "handout": (
            _MASTHEAD,
            _TITLE,
            _KEY_POINTS,
            _WARNINGS,
            _REGULATORY,
            Part("about", "kd-about", pdf_only=True),
            Part("grouped_risks", "kd-side-effects", pdf_only=True),
            _CARE,
            _QUESTIONS,
            Part("body_sections", pdf_only=True),
            _FAQS,
            Part(
                "closing",
                pdf_only=True,
                children=(Part("review_line", "kd-review", pdf_only=True), _DISCLAIMER, _ONLINE),
            ),
        ),
        # The Word document: the web page's order, so an editor finds what readers see;
        # its notes are Word footnotes, and it ends with the online address.
        "docx": (*(part for part in _WEB if part is not _FOOTNOTES), _ONLINE),
    }
)


def flatten(parts: tuple[Part, ...]) -> Iterator[Part]:
    """Every part of ``parts``, groups' children in their place."""
    for part in parts:
        yield part
        yield from flatten(part.children)


ANCHORS: Final[Mapping[str, str]] = MappingProxyType(
    {
        part.name: part.anchor
        for parts in LAYOUTS.values()
        for part in flatten(parts)
        if part.anchor is not None
    }
)
"""The anchor of each part by name (``"risks"`` -> ``"kd-side-effects"``), as every
format writes it on the part's heading."""


def outline(layout: Layout) -> tuple[Part, ...]:
    """The parts of ``layout`` in reading order."""
    return LAYOUTS[layout]


_PRESENT: Final[Mapping[str, Callable[[ArticleContext], bool]]] = MappingProxyType(
    {
        "risks": lambda doc: bool(doc.risk_groups) and doc.risks_section is None,
        "care_advice": lambda doc: bool(doc.care_groups),
        "faqs": lambda doc: bool(doc.article.faqs),
        # In print the notes are at the foot of their pages: there is no notes part.
        "footnotes": lambda doc: (
            bool(doc.article.footnotes) and not (doc.footnotes and doc.footnotes.page)
        ),
        "references": lambda doc: bool(doc.references),
    }
)


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the contents list: the anchor it links to and its text."""

    anchor: str
    text: str


def contents_entries(layout: Layout, doc: ArticleContext) -> tuple[ContentsEntry, ...]:
    """The contents list of ``layout``: the level-2 sections, then each part a reader
    looks up that the article has, in the layout's order. Empty without sections."""
    if not doc.article.sections:
        return ()
    entries: list[ContentsEntry] = []
    for part in flatten(outline(layout)):
        if part.name == "sections":
            entries += (ContentsEntry(s.id, s.heading) for s in doc.article.sections)
        elif part.label is not None and part.anchor is not None and _PRESENT[part.name](doc):
            text = doc.faq_title if part.name == "faqs" else doc.labels[part.label]
            entries.append(ContentsEntry(part.anchor, text))
    return tuple(entries)
