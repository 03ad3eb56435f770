"""PEMAT-P actionability items a program can check (KD207-KD209).

Does the article tell the reader, directly, what they can do; are steps in order written
as a numbered list; is there a tangible tool (questions to take to a visit). The wording
heuristics read English and Spanish (:data:`ketadoc.checks.pemat.WORDING_LANGUAGES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.checks.pemat import WORDING_LANGUAGES
from ketadoc.checks.prose import located_blocks
from ketadoc.model import Article, ListBlock

__all__: list[str] = []


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
    if policy == "off" or any(
        isinstance(block, ListBlock) and block.ordered for _, block in located_blocks(article)
    ):
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
