"""Markup checks (KD6xx): the FAQ rules consumers of FAQPage markup apply.

FAQPage markup must match visible content, hold one FAQ list per page, plain-text
questions, and answers that are not copied from page to page (consumers ignore or
penalise repeated answers). Google stopped showing FAQ rich results in 2026; these rules
still describe correct markup for the consumers that read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ketadoc.checks.framework import CheckContext, Hit, article_check, corpus_check
from ketadoc.checks.prose import block_prose
from ketadoc.model import Article

__all__ = ["answer_fingerprint"]

_FAQ_LIKE = re.compile(
    r"\b(?:questions?|q\s*&\s*a|q\s+and\s+a|preguntas|fragen|faqs?)\b", re.IGNORECASE
)


@article_check(
    "KD601",
    "markup",
    "warning",
    "faq-section-not-recognised",
    "A section looks like a FAQ but is not read as the FAQ section (one per article).",
)
def faq_section_not_recognised(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, section, parents in ctx.sections:
        if parents or not _FAQ_LIKE.search(section.heading):
            continue
        if not any(sub.heading.rstrip().endswith("?") for sub in section.subsections):
            continue
        if article.faqs:
            message = (
                f'"{section.heading}" holds questions but the article already has its FAQ'
                " section: an article has one FAQ section, so move these questions into it"
            )
        else:
            message = (
                f'"{section.heading}" holds questions but is not read as the FAQ section:'
                ' title it "Frequently Asked Questions" or end the heading with {#faq}'
            )
        yield Hit((*loc, "heading"), message)


_MARKUP = re.compile(r"[*_`<>]|\]\(|https?://")


@article_check(
    "KD602",
    "markup",
    "warning",
    "question-not-plain",
    "A FAQ question carries Markdown, HTML or a URL; FAQ questions are plain text.",
)
def question_not_plain(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for index, faq in enumerate(article.faqs):
        found = _MARKUP.search(faq.question)
        if found is not None:
            yield Hit(
                ("faqs", index, "question"),
                f'"{found.group(0)}" in the question would show literally: write the question'
                " as plain text and put links in the answer",
            )


@article_check(
    "KD603",
    "markup",
    "info",
    "question-mark",
    "A FAQ question does not end with a question mark.",
)
def question_mark(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for index, faq in enumerate(article.faqs):
        if not faq.question.rstrip().endswith(("?", "？", "؟")):
            yield Hit(("faqs", index, "question"), "phrase it as a question ending in ?")


@article_check(
    "KD604",
    "markup",
    "warning",
    "answer-without-text",
    "A FAQ answer holds no paragraph or list text (only a table or figure).",
)
def answer_without_text(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for index, faq in enumerate(article.faqs):
        if not any(text for _, text in block_prose(faq.answer, ("faqs", index, "answer"))):
            yield Hit(
                ("faqs", index, "answer"),
                "the answer has no text a FAQ consumer can show: add a sentence that answers it",
            )


_PUNCTUATION = re.compile(r"[^\w\s]")


def answer_fingerprint(ctx: CheckContext, index: int) -> str:
    """The answer of FAQ ``index`` folded for comparison: case, spacing and punctuation."""
    fingerprints = ctx.cache.get("answer_fingerprints")
    if not isinstance(fingerprints, list):
        fingerprints = [
            " ".join(
                _PUNCTUATION.sub(
                    " ", " ".join(ctx.prose_by_owner.get(("faqs", n), [])).casefold()
                ).split()
            )
            for n in range(len(ctx.article.faqs))
        ]
        ctx.cache["answer_fingerprints"] = fingerprints
    return str(fingerprints[index])


@article_check(
    "KD605",
    "markup",
    "warning",
    "duplicate-answer",
    "Two FAQs of one article have the same answer.",
)
def duplicate_answer(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for index in range(len(article.faqs)):
        fingerprint = answer_fingerprint(ctx, index)
        if not fingerprint:
            continue
        if fingerprint in seen:
            first = article.faqs[seen[fingerprint]].question
            yield Hit(
                ("faqs", index, "answer"),
                f'same answer as "{first}": answer each question on its own, or merge them',
            )
        seen.setdefault(fingerprint, index)


@corpus_check(
    "KD606",
    "markup",
    "warning",
    "duplicate-answer-across-files",
    "A FAQ answer is repeated in another article checked at the same time.",
)
def duplicate_answer_across_files(contexts: Sequence[CheckContext]) -> Iterator[tuple[int, Hit]]:
    first_seen: dict[str, tuple[int, int]] = {}
    for article_index, ctx in enumerate(contexts):
        for faq_index in range(len(ctx.article.faqs)):
            fingerprint = answer_fingerprint(ctx, faq_index)
            if not fingerprint:
                continue
            where = first_seen.setdefault(fingerprint, (article_index, faq_index))
            if where[0] != article_index:
                other = contexts[where[0]]
                question = other.article.faqs[where[1]].question
                yield (
                    article_index,
                    Hit(
                        ("faqs", faq_index, "answer"),
                        f'same answer as "{question}" in {other.file}: mark up each answer on'
                        " one page only, and write a page-specific answer here",
                    ),
                )
