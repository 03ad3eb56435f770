"""What the html and pdf templates see: one object built from an Article.

Templates receive it as ``doc``. It holds no formatting decisions of its own beyond
what every rendered format shares: labels in the article's language, dates written in
that language, references numbered in order of first citation, risks grouped by what
the reader should do, care advice grouped by urgency, and the review block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

from ketadoc.model.article import Article, CareAdvice, CareLevel, Organization, Person, Risk
from ketadoc.model.citation import Citation
from ketadoc.rendering.html import FootnoteMarks
from ketadoc.rendering.labels import Labels, format_date, labels_for, text_direction
from ketadoc.rendering.references import ReferencePiece, numbered_references, reference_pieces

__all__ = [
    "ACTIONS",
    "CARE_LEVELS",
    "ArticleContext",
    "CareGroup",
    "Contributor",
    "DateLine",
    "Reference",
    "RiskGroup",
    "article_context",
]

RiskAction = Literal["monitor", "call_doctor", "emergency"]
CareLevelName = CareLevel
ACTIONS: tuple[RiskAction, ...] = ("monitor", "call_doctor", "emergency")
CARE_LEVELS: tuple[CareLevelName, ...] = get_args(CareLevel)


@dataclass(frozen=True, slots=True)
class Reference:
    """A numbered entry of the reference list; ``anchor`` is its id on the page."""

    number: int
    citation: Citation
    pieces: tuple[ReferencePiece, ...]
    link: str | None

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


@dataclass(frozen=True, slots=True)
class RiskGroup:
    """Risks sharing one action, with the action's label ("Call your doctor")."""

    action: RiskAction
    label: str
    risks: tuple[Risk, ...]


@dataclass(frozen=True, slots=True)
class CareGroup:
    """Care advice of one level, with the level's label ("Emergency")."""

    level: CareLevelName
    label: str
    items: tuple[CareAdvice, ...]


@dataclass(frozen=True, slots=True)
class Contributor:
    """An author or reviewer as the review block shows them."""

    name: str
    display: str
    """``"Jane Doe, MD"``: the name with credentials."""
    detail: str
    """Job title and affiliation, e.g. ``"Psychiatrist, Example Hospital"``."""
    url: str | None


@dataclass(frozen=True, slots=True)
class DateLine:
    """A labelled date: ``Last reviewed: March 1, 2024`` (``iso`` for ``<time>``)."""

    label: str
    text: str
    iso: str


@dataclass(frozen=True)
class ArticleContext:
    """Everything the html and pdf templates read, built once per render."""

    article: Article
    language: str
    labels: Labels
    numbers: Mapping[str, int]
    references: tuple[Reference, ...]
    risk_groups: tuple[RiskGroup, ...]
    care_groups: tuple[CareGroup, ...]
    authors: tuple[Contributor, ...]
    reviewers: tuple[Contributor, ...]
    dates: tuple[DateLine, ...]
    faq_title: str
    jsonld: str | None = None
    """The JSON-LD, already escaped for a ``<script>`` element (html only)."""
    image_src: Callable[[str], str] | None = None
    """Maps a figure's ``src`` to the URL to write (e.g. a ``data:`` URI)."""
    warnings: tuple[str, ...] = field(default=())
    footnotes: FootnoteMarks | None = None
    """Footnote numbers, and which references this render has marked."""

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``: how the article's language is written."""
        return text_direction(self.language)

    def label(self, key: str, **values: str) -> str:
        """A label with ``{placeholders}`` filled in: ``label("page_x_of_y", page="1", ...)``."""
        text = self.labels[key]
        return text.format(**values) if values else text

    @cached_property
    def risks_section(self) -> str | None:
        """The id of the section that holds the side-effects table (``## Side effects
        {#risks}``) when the article has risks: found once per render, asked per section."""
        placed = self.article.risks_section
        return placed.id if placed is not None and self.article.risks else None

    def frequency_label(self, risk: Risk) -> str:
        return self.labels[f"frequency_{risk.frequency}"]

    def severity_label(self, risk: Risk) -> str:
        return self.labels[f"severity_{risk.severity}"]

    def action_label(self, risk: Risk) -> str:
        return self.labels[f"action_{risk.action}"]

    def format_date(self, date: dt.date) -> str:
        return format_date(date, self.labels)


def _contributor(value: Person | Organization) -> Contributor:
    if isinstance(value, Person):
        display = f"{value.name}, {value.credentials}" if value.credentials else value.name
        detail = ", ".join(part for part in (value.job_title, value.affiliation) if part)
        return Contributor(value.name, display, detail, value.url)
    return Contributor(value.name, value.name, "", value.url)


def _dates(article: Article, labels: Labels) -> tuple[DateLine, ...]:
    lines = []
    for key, date in (
        ("published", article.date_published),
        ("updated", article.date_modified),
        ("last_reviewed", article.last_reviewed),
        ("next_review", article.next_review),
    ):
        # "Updated" on the day of publication says nothing the reader needs.
        if date is None or (key == "updated" and date == article.date_published):
            continue
        lines.append(DateLine(labels[key], format_date(date, labels), date.isoformat()))
    return tuple(lines)


def article_context(
    article: Article,
    *,
    labels_file: Path | None = None,
    jsonld: str | None = None,
    image_src: Callable[[str], str] | None = None,
) -> ArticleContext:
    """Build the template context for ``article``.

    ``jsonld`` is the already-escaped JSON-LD the html page embeds. Label warnings (an
    article language without built-in labels) are on ``warnings``. Raises TemplateError
    when ``labels_file`` cannot be read.
    """
    labels = labels_for(article.language, labels_file)
    numbered = numbered_references(article)
    references = tuple(
        Reference(number, citation, reference_pieces(citation), citation.link)
        for number, citation in numbered
    )
    risk_groups = tuple(
        RiskGroup(action, labels[f"action_{action}"], risks)
        for action in ACTIONS
        if (risks := tuple(r for r in article.risks if r.action == action))
    )
    care_groups = tuple(
        CareGroup(level, labels[f"care_{level}"], items)
        for level in CARE_LEVELS
        if (items := tuple(a for a in article.care_advice if a.level == level))
    )
    return ArticleContext(
        article=article,
        language=article.language,
        labels=labels,
        numbers=MappingProxyType({c.id: n for n, c in numbered}),
        references=references,
        risk_groups=risk_groups,
        care_groups=care_groups,
        authors=tuple(_contributor(a) for a in article.authors),
        reviewers=tuple(_contributor(r) for r in article.reviewers),
        dates=_dates(article, labels),
        faq_title=article.faq_title or labels["faq"],
        jsonld=jsonld,
        image_src=image_src,
        warnings=labels.warnings,
        footnotes=FootnoteMarks(
            MappingProxyType(article.footnote_numbers()),
            MappingProxyType({note.id: note.text for note in article.footnotes}),
        ),
    )
