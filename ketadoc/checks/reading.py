"""Readability checks (KD1xx): grade level of the whole article, each section, each FAQ answer.

The scores themselves come from :mod:`ketadoc.checks.readability`; this module decides
what text is scored, which grade is compared with the threshold, and records every score
(with its method) for the report, flagged or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.checks.prose import join, summary_prose
from ketadoc.checks.readability import ReadabilityScore, combine_scores, score_text
from ketadoc.model import Article
from ketadoc.readers.source import Loc

__all__ = ["ScoredText", "scored_texts"]

Scope = Literal["article", "summary", "lead", "section", "faq"]


@dataclass(frozen=True, slots=True)
class ScoredText:
    """The readability of one scope (the article, a section, a FAQ answer...)."""

    scope: Scope
    loc: Loc
    label: str
    score: ReadabilityScore
    #: The grade compared with ``max_grade`` and the formula it came from (None: no grade).
    grade: float | None
    grade_formula: str | None
    #: The longest sentence, quoted in messages as the first thing to rewrite.
    longest_sentence: str
    #: Where that sentence is: the paragraph, item or field a finding points at.
    longest_loc: Loc = ()


def _grade(score: ReadabilityScore, formula: str) -> tuple[float | None, str | None]:
    # One formula for every scope, whatever its length: a text must not pass or fail
    # because it grew past the 30 sentences SMOG was normed on. Flesch-Kincaid (Kincaid
    # et al. 1975) is defined for any length, so "auto" means Flesch-Kincaid for English.
    smog, fk = score.smog_grade, score.flesch_kincaid_grade
    if smog is not None and formula == "smog":
        return smog, "SMOG"
    if fk is not None:
        return fk, "Flesch-Kincaid"
    return None, None


def _longest_sentence(pieces: list[tuple[Loc, str]], default: Loc) -> tuple[str, Loc]:
    """The start of the longest sentence of ``pieces``, and the path of the piece."""
    best, where, most = "", default, -1
    for loc, text in pieces:
        for sentence in re.split(r"(?<=[.!?])\s+|\n\n", text):
            length = len(sentence.split())
            if length > most:
                best, where, most = sentence, loc, length
    words = best.split()
    return " ".join(words[:12]) + ("..." if len(words) > 12 else ""), where


def _scored(
    ctx: CheckContext, scope: Scope, loc: Loc, label: str, pieces: list[tuple[Loc, str]]
) -> ScoredText | None:
    text = join([text for _, text in pieces])
    if not text:
        return None
    return _result(ctx, scope, loc, label, score_text(text, ctx.article.language), pieces)


def _result(
    ctx: CheckContext,
    scope: Scope,
    loc: Loc,
    label: str,
    score: ReadabilityScore,
    pieces: list[tuple[Loc, str]],
) -> ScoredText:
    grade, formula = _grade(score, ctx.config.grade_formula)
    sentence, where = _longest_sentence(pieces, loc)
    return ScoredText(scope, loc, label, score, grade, formula, sentence, where)


def scored_texts(ctx: CheckContext) -> tuple[ScoredText, ...]:
    """Scores of the article, its summary fields, the lead, each section and FAQ answer.

    Computed once per article and cached on the context. The lead, each section and each
    FAQ answer are tokenised once; the article's score is combined from theirs.
    """
    cached = ctx.cache.get("readability")
    if isinstance(cached, tuple):
        return cached
    article: Article = ctx.article
    language = article.language
    owners = ctx.located_prose_by_owner
    parts: list[ScoredText] = []
    body: list[tuple[ReadabilityScore, list[tuple[Loc, str]]]] = []

    def add(scope: Scope, loc: Loc, label: str) -> None:
        pieces = owners.get(loc, [])
        text = join([text for _, text in pieces])
        if text:
            score = score_text(text, language)
            body.append((score, pieces))
            parts.append(_result(ctx, scope, loc, label, score, pieces))

    add("lead", ("lead",), "lead")
    for loc, section, _ in ctx.sections:
        add("section", loc, section.heading)
    for index, faq in enumerate(article.faqs):
        add("faq", ("faqs", index), faq.question)
    results: list[ScoredText | None] = []
    if body:
        whole = combine_scores([score for score, _ in body], language)
        pieces = [piece for _, owned in body for piece in owned]
        results.append(_result(ctx, "article", (), "whole article", whole, pieces))
    summary = list(summary_prose(article))
    results.append(_scored(ctx, "summary", (), "summary fields", summary))
    results.extend(parts)
    found = tuple(result for result in results if result is not None)
    ctx.cache["readability"] = found
    return found


def _too_hard(scored: ScoredText, ctx: CheckContext) -> str | None:
    score, config = scored.score, ctx.config
    if not score.scored or score.words < config.min_words:
        return None
    if scored.grade is not None:
        # Compared as printed: "8.0 is above 8" must never be said.
        if round(scored.grade, 1) <= config.max_grade:
            return None
        return (
            f"reading grade {scored.grade:.1f} ({scored.grade_formula}) is above"
            f" {config.max_grade:g}: use shorter sentences and everyday words;"
            f' start with "{scored.longest_sentence}"'
        )
    ease = score.fernandez_huerta
    if ease is None or round(ease) >= config.min_reading_ease:
        return None
    return (
        f"reading ease {ease:.0f} (Fernández Huerta) is below {config.min_reading_ease:g}:"
        f' use shorter sentences and everyday words; start with "{scored.longest_sentence}"'
    )


def _hits(ctx: CheckContext, scope: Scope) -> Iterator[Hit]:
    for scored in scored_texts(ctx):
        if scored.scope == scope:
            message = _too_hard(scored, ctx)
            if message is not None:
                # Point at the paragraph, item or field that holds the quoted sentence.
                yield Hit(scored.longest_loc or scored.loc, message)


@article_check(
    "KD101",
    "readability",
    "warning",
    "article-grade",
    "The body prose (lead, sections, FAQ answers) reads above the target grade.",
)
def article_grade(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    yield from _hits(ctx, "article")


@article_check(
    "KD102",
    "readability",
    "warning",
    "section-grade",
    "A section's own prose (or the lead) reads above the target grade.",
)
def section_grade(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    yield from _hits(ctx, "lead")
    yield from _hits(ctx, "section")


@article_check(
    "KD103",
    "readability",
    "warning",
    "faq-answer-grade",
    "A FAQ answer reads above the target grade.",
)
def faq_answer_grade(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    yield from _hits(ctx, "faq")


@article_check(
    "KD104",
    "readability",
    "warning",
    "summary-grade",
    "The handout fields (key points, warnings, risks, care advice, questions) read above"
    " the target grade.",
)
def summary_grade(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    yield from _hits(ctx, "summary")


@article_check(
    "KD105",
    "readability",
    "info",
    "not-scored",
    "The article's language has no readability formula, so it was not scored.",
)
def not_scored(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for scored in scored_texts(ctx):
        if scored.scope == "article" and not scored.score.scored:
            reason = scored.score.reason or "no formula for this language"
            yield Hit(("language",), f"readability not scored: {reason}; review it by hand")
