"""The PEMAT-P items, which checks look at each, and the item summary of a report.

The AHRQ Patient Education Materials Assessment Tool for printable materials is scored
by trained people. Some items have a structural signal a program can see (is there a
summary? a checklist? captions?); those are checked by
:mod:`~ketadoc.checks.understandability` and :mod:`~ketadoc.checks.actionability`,
several of them by heuristics that say so in their message. The other items are listed
as "needs human review" in the report. ketadoc never computes a PEMAT score: a partial
score would look like a real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ketadoc.checks.framework import CheckContext, Finding, Hit, article_check
from ketadoc.checks.prose import located_blocks
from ketadoc.model import Article, Block, Figure, Table

__all__ = ["PEMAT_ITEMS", "WORDING_LANGUAGES", "PematItem", "PematResult", "pemat_summary"]

Domain = Literal["understandability", "actionability"]
Status = Literal["met", "not met", "not applicable", "needs human review", "not checked"]


@dataclass(frozen=True, slots=True)
class PematItem:
    """One PEMAT-P item and the checks that look at it (none: a person must judge it)."""

    domain: Domain
    text: str
    checks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PematResult:
    """The status of one item for one article."""

    item: PematItem
    status: Status


PEMAT_ITEMS: tuple[PematItem, ...] = (
    PematItem("understandability", "The purpose is completely evident.", ("KD201",)),
    PematItem("understandability", "No information that distracts from the purpose."),
    PematItem("understandability", "Common, everyday language.", ("KD101",)),
    PematItem("understandability", "Medical terms are defined when used.", ("KD205",)),
    PematItem("understandability", "Active voice."),
    PematItem("understandability", "Numbers are clear and easy to understand.", ("KD206",)),
    PematItem("understandability", "No calculations are expected of the reader."),
    PematItem("understandability", "Information is chunked into short sections.", ("KD203",)),
    PematItem("understandability", "Sections have informative headers.", ("KD204",)),
    PematItem("understandability", "Information is in a logical sequence."),
    PematItem("understandability", "A summary is provided.", ("KD202",)),
    PematItem("understandability", "Visual cues draw attention to key points."),
    PematItem("understandability", "Visual aids make content easier to understand."),
    PematItem("understandability", "Visual aids reinforce rather than distract."),
    PematItem("understandability", "Visual aids have clear titles or captions.", ("KD210",)),
    PematItem("understandability", "Illustrations and photographs are clear and uncluttered."),
    PematItem(
        "understandability", "Tables are simple, with clear row and column headers.", ("KD504",)
    ),
    PematItem("actionability", "At least one action the reader can take.", ("KD207",)),
    PematItem("actionability", "Actions address the reader directly.", ("KD207",)),
    PematItem("actionability", "Actions are broken down into explicit steps.", ("KD208",)),
    PematItem(
        "actionability", "A tangible tool (such as a checklist) helps the reader act.", ("KD209",)
    ),
    PematItem("actionability", "Simple instructions for any calculation."),
    PematItem("actionability", "Explains how to use charts, tables or diagrams to act."),
    PematItem("actionability", "Visual aids make it easier to act on instructions."),
)


def pemat_summary(
    article: Article, findings: list[Finding], disabled: frozenset[str]
) -> tuple[PematResult, ...]:
    """The status of every PEMAT-P item for ``article``, from the findings of its checks."""
    flagged = {finding.check_id for finding in findings}
    has_figures = any(isinstance(b, Figure) for b in _all_blocks(article))
    has_tables = any(isinstance(b, Table) for b in _all_blocks(article))
    results = []
    for item in PEMAT_ITEMS:
        status: Status
        if not item.checks:
            status = "needs human review"
        elif all(check in disabled for check in item.checks):
            status = "not checked"
        elif ("KD210" in item.checks and not has_figures) or (
            "KD504" in item.checks and not has_tables
        ):
            status = "not applicable"
        elif flagged.intersection(item.checks):
            status = "not met"
        else:
            status = "met"
        results.append(PematResult(item, status))
    return tuple(results)


def _all_blocks(article: Article) -> Iterator[Block]:
    return (block for _, block in located_blocks(article))


#: Heuristics that read English or Spanish wording; other languages are skipped (KD106).
WORDING_LANGUAGES = ("en", "es")


@article_check(
    "KD106",
    "readability",
    "info",
    "wording-not-checked",
    "The wording heuristics (KD205, KD206, KD207, KD208) know English and Spanish only;"
    " they were skipped for the article's language.",
)
def wording_not_checked(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if ctx.primary_language not in WORDING_LANGUAGES:
        yield Hit(
            ("language",),
            f"KD205-KD208 read English and Spanish wording only; skipped for"
            f' "{article.language}": review medical terms, numbers and actions by hand',
        )
