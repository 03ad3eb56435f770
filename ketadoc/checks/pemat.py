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
from ketadoc.checks.jargon import defined_terms, first_unexplained_terms
from ketadoc.checks.prose import located_blocks, prose
from ketadoc.model import Article, Block, Figure, InlineText, ListBlock, Table

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


_IMPERATIVE = {
    "en": re.compile(
        r"^(?:ask|avoid|bring|call|check|do|don't|go|have|keep|know|learn|let|make|plan|rest|"
        r"see|stop|take|talk|tell|text|try|use|wait|watch|write|get|drink|eat|wash|tell|book|"
        r"contact|phone|read|store|follow|remember|never|always)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"^(?:no\s+)?(?:llame|llama|consulte|consulta|tome|toma|hable|habla|pregunte|"
        r"pregunta|acuda|acude|vaya|ve|evite|evita|use|usa|utilice|lea|lee|guarde|guarda|pida|"
        r"pide|vacúnese|vacúnate|beba|bebe|coma|come|descanse|descansa|mantenga|mantén|siga|"
        r"sigue|deje|deja|busque|busca|compruebe|comprueba|revise|revisa|informe|informa|"
        r"dígale|dile|espere|espera|lleve|lleva|recuerde|recuerda|nunca|siempre)\b",
        re.IGNORECASE,
    ),
}
_ADDRESSED = {
    "en": re.compile(r"\b(?:you|your)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:usted|ustedes|tú|tus?|te|contigo)\b", re.IGNORECASE),
}
#: Heuristics that read English or Spanish wording; other languages are skipped (KD106).
WORDING_LANGUAGES = ("en", "es")


def _addresses_reader(text: str, language: str) -> bool:
    sentences = re.split(r"(?<=[.!?])\s+|^[¿¡]", text)
    imperative = _IMPERATIVE[language]
    return any(imperative.match(s.lstrip("¿¡ ")) for s in sentences) or bool(
        _ADDRESSED[language].search(text)
    )


@article_check(
    "KD207",
    "pemat",
    "warning",
    "no-action",
    "No sentence tells the reader, directly, something they can do (English and Spanish"
    " wording; heuristic).",
    heuristic=True,
)
def no_action(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    language = ctx.primary_language
    if article.care_advice or language not in WORDING_LANGUAGES:
        return  # care advice is, by definition, what the reader can do
    texts = [text.plain for text in (*article.warnings, *article.key_points)]
    texts += [text for _, text in ctx.prose]
    if not any(_addresses_reader(text, language) for text in texts):
        yield Hit(
            ("care_advice",),
            'tell the reader what to do, addressing them as "you": add care_advice'
            ' or sentences such as "Call your doctor if ..."',
        )


_SEQUENCE = re.compile(
    r"\b(?:first|firstly|then|next|after\s+that|afterwards|finally|lastly|step\s+\d|"
    r"primero|luego|después|a\s+continuación|por\s+último|finalmente|paso\s+\d)\b",
    re.IGNORECASE,
)


def _instructions_in_order(ctx: CheckContext) -> tuple[str | int, ...] | None:
    """The path of the first paragraph or bullet item run that gives ordered steps."""
    owners: dict[tuple[str | int, ...], set[str]] = {}
    for loc, text in ctx.prose:
        block = loc[: loc.index("items")] if "items" in loc else loc
        owners.setdefault(block, set()).update(m.lower() for m in _SEQUENCE.findall(text))
    for block, markers in owners.items():
        if len(markers) >= 2:
            return block
    return None


@article_check(
    "KD208",
    "pemat",
    "info",
    "no-steps",
    "Steps to follow in order are written as prose or bullets, not as a numbered list"
    " (policy numbered_steps_policy; heuristic).",
    heuristic=True,
)
def no_steps(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    policy = ctx.config.numbered_steps_policy
    if policy == "off" or any(isinstance(b, ListBlock) and b.ordered for b in _all_blocks(article)):
        return
    if policy == "always":
        yield Hit(
            ("sections",),
            "no numbered steps: if the reader has to do something in order (prepare for a"
            " visit, take a dose), write it as a numbered list",
        )
        return
    if ctx.primary_language not in WORDING_LANGUAGES:
        return
    where = _instructions_in_order(ctx)
    if where is not None:
        yield Hit(
            where,
            'these steps are given in order ("first", "then"...): write them as a numbered'
            " list, one action a step (heuristic)",
        )


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
