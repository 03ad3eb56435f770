"""PEMAT-P understandability items a program can check (KD201-KD206, KD210).

Is the purpose up front, is there a summary, are sections short and headed informatively,
are medical terms explained and risks given in whole numbers, do figures have captions.
Which item each check serves is listed in :data:`ketadoc.checks.pemat.PEMAT_ITEMS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.checks.jargon import defined_terms, first_unexplained_terms
from ketadoc.checks.prose import located_blocks, prose
from ketadoc.model import Article, Figure, InlineText

__all__: list[str] = []


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
        "información",
        "información general",
        "más información",
        "otra información",
        "otros",
        "otras",
        "introducción",
        "generalidades",
        "detalles",
        "notas",
        "resumen",
        "conclusión",
        "antecedentes",
        "varios",
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


@article_check(
    "KD205",
    "pemat",
    "info",
    "medical-term-undefined",
    "A medical term (rare in everyday language, medical in form) is not explained where it"
    " is first used (heuristic).",
    heuristic=True,
)
def medical_term_undefined(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    # Only the first use matters: that is where a reader needs the explanation.
    for loc, term in first_unexplained_terms(
        ctx.prose, ctx.primary_language, defined_terms(article)
    ):
        yield Hit(
            loc,
            f'"{term}" may be unfamiliar: explain it in everyday words where it is first'
            ' used, e.g. in brackets or as ", which is ..." (heuristic)',
        )


# A percentage or decimal is a risk statement when it counts people or chances; followed
# by a unit it is a measurement, a threshold or a dose, which whole numbers cannot replace.
_PERCENT = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s?(%|percent\b|per\s?cent\b|por\s?ciento\b)", re.IGNORECASE
)
_DECIMAL_RISK = re.compile(r"(?<![\w.])\d+[.,]\d+(?=\s+(?:times|veces)\b)", re.IGNORECASE)
_PEOPLE = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?|de\s+(?:los\s+|las\s+)?)?(?:\w+\s+){0,2}"
    r"(?:people|persons?|patients?|adults?|children|kids|women|men|users?|participants?|"
    r"those|them|cases|babies|teenagers|smokers|personas?|pacientes|adultos|niñ[oa]s|"
    r"mujeres|hombres|usuari[oa]s|participantes|casos|bebés|fumadores)\b",
    re.IGNORECASE,
)
_CHANCE = re.compile(
    r"\b(?:risk|chance|chances|likelihood|probability|odds|likely|rate|riesgo|probabilidad|"
    r"posibilidad|posibilidades|tasa)\b",
    re.IGNORECASE,
)


def _risk_numbers(text: str) -> Iterator[str]:
    for match in _PERCENT.finditer(text):
        after = text[match.end() : match.end() + 50]
        window = text[max(0, match.start() - 40) : match.end() + 30]
        if _PEOPLE.match(after) or _CHANCE.search(window):
            yield match.group(0)
    for match in _DECIMAL_RISK.finditer(text):
        yield match.group(0)


@article_check(
    "KD206",
    "pemat",
    "info",
    "numbers-not-whole",
    'A risk given as a percentage or decimal where whole numbers ("3 in 10 people") would be'
    " clearer; measurements, thresholds and doses are left alone (heuristic).",
    heuristic=True,
)
def numbers_not_whole(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    texts = [*ctx.prose, *((loc, prose(text)) for loc, text in _summary_texts(article))]
    for loc, text in texts:
        for number in _risk_numbers(text):
            yield Hit(
                loc,
                f'"{number}" states a risk: say it in whole numbers a reader can picture,'
                ' such as "about 3 in 10 people" (heuristic)',
            )
            break


def _summary_texts(article: Article) -> Iterator[tuple[tuple[str | int, ...], InlineText]]:
    for name in ("key_points", "warnings"):
        for index, text in enumerate(getattr(article, name)):
            yield (name, index), text
    for index, risk in enumerate(article.risks):
        if risk.description:
            yield ("risks", index, "description"), risk.description


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
