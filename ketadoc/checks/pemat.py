"""PEMAT-P items that can be checked automatically (KD2xx), and the item summary.

The AHRQ Patient Education Materials Assessment Tool for printable materials is scored
by trained people. Some items have a structural signal a program can see (is there a
summary? a checklist? captions?); those are checked here, several of them by heuristics
that say so in their message. The other items are listed as "needs human review" in the
report. ketadoc never computes a PEMAT score: a partial score would look like a real one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ketadoc.checks.framework import CheckContext, Finding, Hit, article_check
from ketadoc.checks.prose import located_blocks
from ketadoc.model import Article, Block, Figure, ListBlock, Table

__all__ = ["PEMAT_ITEMS", "PematItem", "PematResult", "pemat_summary"]

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


@article_check(
    "KD201",
    "pemat",
    "warning",
    "purpose-up-front",
    "Neither a description nor a lead paragraph states the purpose before the first section.",
)
def purpose_up_front(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.lead and not article.description:
        yield Hit(
            ("lead",),
            "say what the article is for before the first heading: add a lead paragraph"
            " (or a description) that names the topic and what the reader will learn",
        )


@article_check(
    "KD202",
    "pemat",
    "warning",
    "summary-missing",
    "No key points summarise the article.",
)
def summary_missing(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.key_points:
        yield Hit(("key_points",), "add key_points: three to six sentences a reader must remember")


@article_check(
    "KD203",
    "pemat",
    "warning",
    "long-section",
    "A section's own text is longer than max_section_words; split it under subheadings.",
)
def long_section(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    limit = ctx.config.max_section_words
    for loc, _, _ in ctx.sections:
        words = sum(len(text.split()) for text in ctx.prose_by_owner.get(loc, []))
        if words > limit:
            yield Hit(
                loc,
                f"has {words} words before its next heading (more than {limit}):"
                " split it into shorter parts under informative subheadings",
            )


_GENERIC_HEADINGS = frozenset(
    {
        "overview",
        "other",
        "others",
        "more",
        "more info",
        "more information",
        "additional information",
        "further information",
        "information",
        "info",
        "introduction",
        "intro",
        "general",
        "general information",
        "details",
        "miscellaneous",
        "misc",
        "notes",
        "background",
        "summary",
        "conclusion",
        "discussion",
        "misc.",
        "other information",
        "things to know",
    }
)


@article_check(
    "KD204",
    "pemat",
    "warning",
    "generic-heading",
    'A heading such as "Overview", "Other" or "More info" does not say what the section holds.',
)
def generic_heading(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, section, _ in ctx.sections:
        folded = re.sub(r"[\s:.!]+$", "", " ".join(section.heading.casefold().split()))
        if folded in _GENERIC_HEADINGS:
            yield Hit(
                (*loc, "heading"),
                f'"{section.heading}" does not say what the section holds: name its topic,'
                ' e.g. "How ketamine is given" rather than "Overview"',
            )


# A small, deliberately short list: terms a patient often meets in drug articles and that
# plain-language guides say to explain. Not a medical dictionary.
MEDICAL_TERMS: tuple[str, ...] = (
    "adjunctive",
    "adverse event",
    "anesthetic",
    "anxiolytic",
    "biomarker",
    "cardiovascular",
    "comorbid",
    "contraindicated",
    "contraindication",
    "dissociation",
    "dissociative",
    "efficacy",
    "etiology",
    "glutamate",
    "hypertension",
    "idiopathic",
    "intramuscular",
    "intravenous",
    "meta-analysis",
    "neuroplasticity",
    "neurotransmitter",
    "NMDA",
    "off-label",
    "pharmacokinetics",
    "pharmacotherapy",
    "placebo",
    "prognosis",
    "psychotherapy",
    "refractory",
    "remission",
    "subcutaneous",
    "synaptic plasticity",
    "titration",
    "treatment-resistant",
)

# One pattern for every term, longest first so "synaptic plasticity" wins over a prefix.
# It runs on lower-cased text: case-insensitive matching of a long alternation is slow.
_TERMS = re.compile(
    r"\b("
    + "|".join(re.escape(t.lower()) for t in sorted(MEDICAL_TERMS, key=len, reverse=True))
    + r")\w*"
)


# What often follows a term that is being explained: "(a ...)", "— ...", ", which is",
# ", a drug that", "means", "is a ... that", "refers to", "also called", "or ...".
_DEFINITION = re.compile(
    r"""^\w*(?:\s+\w+)?\s*(?:
        \(                                   # parenthetical gloss or expansion
      | [—–]|\s-\s                           # dash gloss
      | ,\s*(?:which|that|who)\s+(?:is|are|means|mean)\b
      | ,\s*(?:a|an|the)\s+\w+(?:\s+\w+){0,3}\s+(?:that|which|who|used)\b
      | ,?\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|called)\s
      | \s*(?:is|are)\s+(?:a|an|the|when|how)\b
      | \s*(?:means|refers\s+to)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


@article_check(
    "KD205",
    "pemat",
    "info",
    "medical-term-undefined",
    "A medical term from ketadoc's short list is used without an explanation next to it"
    " (heuristic).",
    heuristic=True,
)
def medical_term_undefined(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    # Only the first use matters: that is where a reader needs the explanation.
    seen: set[str] = set()
    for loc, text in ctx.prose:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        for match in _TERMS.finditer(lowered):
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            if not _DEFINITION.match(text[match.start() :]):
                used = text[match.start() : match.end()]
                yield Hit(
                    loc,
                    f'"{used}" may be unfamiliar: explain it in everyday words where'
                    ' it is first used, in brackets or as ", which is ..." (heuristic: only a'
                    " gloss right after the term is recognised)",
                )


_PERCENT_OR_DECIMAL = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)|\b\d+\.\d+\b")


@article_check(
    "KD206",
    "pemat",
    "info",
    "numbers-not-whole",
    'Percentages or decimals where whole numbers ("3 in 10 people") would be clearer.',
    heuristic=True,
)
def numbers_not_whole(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, text in ctx.prose:
        match = _PERCENT_OR_DECIMAL.search(text)
        if match is not None:
            yield Hit(
                loc,
                f'"{match.group(0)}": where you can, use whole numbers a reader can picture,'
                ' such as "about 3 in 10 people" instead of "30%"',
            )


_IMPERATIVE = re.compile(
    r"^(?:ask|avoid|bring|call|check|do|don't|go|have|keep|know|learn|let|make|plan|rest|"
    r"see|stop|take|talk|tell|text|try|use|wait|watch|write)\b",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)


def _addresses_reader(text: str) -> bool:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return any(_IMPERATIVE.match(s) for s in sentences) or bool(_ADDRESSED.search(text))


@article_check(
    "KD207",
    "pemat",
    "warning",
    "no-action",
    "No sentence tells the reader, directly, something they can do.",
    heuristic=True,
)
def no_action(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    texts = [advice.text.plain for advice in article.care_advice]
    texts += [text.plain for text in (*article.warnings, *article.key_points)]
    texts += [text for _, text in ctx.prose]
    if not any(_addresses_reader(text) for text in texts):
        yield Hit(
            ("care_advice",),
            'tell the reader what to do, addressing them as "you": add care_advice'
            ' or sentences such as "Call your doctor if ..."',
        )


@article_check(
    "KD208",
    "pemat",
    "info",
    "no-steps",
    "No numbered list breaks an action into explicit steps.",
    heuristic=True,
)
def no_steps(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not any(isinstance(b, ListBlock) and b.ordered for b in _all_blocks(article)):
        yield Hit(
            ("sections",),
            "no numbered steps: if the reader has to do something in order (prepare for a"
            " visit, take a dose), write it as a numbered list",
        )


@article_check(
    "KD209",
    "pemat",
    "warning",
    "no-checklist",
    "No tangible tool: questions_to_ask gives the reader a checklist for their visit.",
)
def no_checklist(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.questions_to_ask:
        yield Hit(
            ("questions_to_ask",),
            "add questions_to_ask: a short checklist the reader can take to their doctor",
        )


@article_check(
    "KD210",
    "pemat",
    "warning",
    "figure-without-caption",
    "A figure has no caption telling the reader what it shows.",
)
def figure_without_caption(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, block in located_blocks(article):
        if isinstance(block, Figure) and not block.caption:
            yield Hit(loc, f'figure "{block.src}" has no caption: add one that says what it shows')
