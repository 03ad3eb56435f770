"""What the outputs carry of what the author wrote (KD7xx).

The handout prints the summary fields and the body sections the ``handout`` field
chooses (:mod:`ketadoc.model.handout`); ``ketadoc build`` names what it leaves out. These
checks say it before anything is built: a handout a patient could not use, a promise
in "What this handout covers" (the description) that the handout does not keep, and a
section that repeats the side-effects table ketadoc prints from ``risks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.diagnostics import Loc
from ketadoc.model import Article, Section
from ketadoc.model.handout import SUMMARY_FIELDS, handout_sections, has_summary
from ketadoc.model.ids import RISKS_SECTION_ID
from ketadoc.model.walk import located_texts

__all__: list[str] = []

_WORD: Final = re.compile(r"[^\W\d_]+")
# Words too common to be a promise (English and Spanish); shorter words never count.
_COMMON_WORDS: Final = """
    about after also before being does from have into more most much only other over
    some such than that their them then there these they this those under very what
    when where which while will with would your yours
    cada como cómo cual cuál cuando cuándo desde donde dónde entre esta este estas
    estos hasta más muchos para pero porque puede pueden sobre también tener
    tiene todo todos usted ustedes
"""
_COMMON: Final = frozenset(_COMMON_WORDS.split())
# What a side-effects heading names, and a heading that names only that ("Possible side
# effects", "Side effects and risks of sertraline", "Efectos secundarios de la vacuna").
_SIDE_EFFECTS: Final = (
    r"(?:side[\s-]effects?|adverse (?:effects?|reactions?|events?)|risks?"
    r"|efectos (?:secundarios|adversos)|reacciones adversas|riesgos?)"
)
_RISKS_HEADING: Final = re.compile(
    r"(?:what are (?:the )?|¿?cuáles son (?:los )?)?"
    r"(?:(?:possible|potential|common|serious|other|known|main|posibles|otros|principales)\s+)*"
    rf"{_SIDE_EFFECTS}(?:\s+(?:and|y|e)\s+{_SIDE_EFFECTS})*"
    r"(?:\s+(?:of|with|from|de|del|con)\s+.*)?[?:.!]?",
    re.IGNORECASE,
)
_SIDE_EFFECT_WORDS: Final = re.compile(_SIDE_EFFECTS, re.IGNORECASE)


def _words(text: str) -> set[str]:
    return {
        word
        for word in (w.casefold() for w in _WORD.findall(text))
        if len(word) >= 4 and word not in _COMMON
    }


def _same_word(a: str, b: str) -> bool:
    """The same word, or one with an ending added ("test", "tests", "testing")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 3


def _among(word: str, words: Iterable[str]) -> bool:
    return any(_same_word(word, other) for other in words)


def _names(article: Article) -> Iterator[str]:
    for entity in article.about:
        yield entity.name
        yield from entity.alternate_names


def _unprinted(article: Article, heading: str) -> str:
    """A heading without the side effects it names when the handout prints the
    side-effects table."""
    return _SIDE_EFFECT_WORDS.sub(" ", heading) if article.risks else heading


def _printed_text(article: Article, printed: tuple[Section, ...]) -> str:
    """Everything the handout prints besides its title and the description."""
    chosen = {s.id for s in printed}
    indexes = {index for index, s in enumerate(article.sections) if s.id in chosen}
    parts: list[str] = [sub.heading for s in printed for sub in s.walk()]
    parts += [faq.question for faq in article.faqs]
    parts += [risk.name for risk in article.risks]
    for loc, text in located_texts(article):
        if loc[0] in (*SUMMARY_FIELDS, "regulatory_status", "faqs") or (
            loc[0] == "sections" and loc[1] in indexes
        ):
            parts.append(text.plain)
    return " ".join(parts)


@article_check(
    "KD701",
    "coverage",
    "warning",
    "handout-carries-too-little",
    "The handout would print no summary field, body section or FAQ: only the title and"
    " description.",
)
def handout_too_little(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if has_summary(article) or handout_sections(article) or article.faqs:
        return
    chosen = article.handout is not None and ctx.document is not None
    where: Loc = ("handout",) if chosen else ("title",)
    if article.sections:
        fix = "choose the sections a patient needs in the handout field (or handout: all)"
    else:
        fix = "add key_points, warnings and care_advice, or body sections the handout prints"
    yield Hit(where, f"the handout would print only the title and the description: {fix}")


@article_check(
    "KD702",
    "coverage",
    "warning",
    "handout-breaks-a-promise",
    'The description, printed as "What this handout covers", names a section the handout'
    " leaves out (heuristic).",
    heuristic=True,
)
def handout_breaks_a_promise(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.description:
        return
    printed = handout_sections(article)
    # What the article is about is named everywhere; it promises no section.
    topic = _words(" ".join([article.title, article.subtitle or "", *_names(article)]))
    promised = {w for w in _words(article.description) if not _among(w, topic)}
    if not promised:
        return
    carried = _words(_printed_text(article, printed))
    chosen = {s.id for s in printed}
    for section in article.sections:
        if section.id in chosen or (section.id == RISKS_SECTION_ID and article.risks):
            continue  # the side-effects table prints without its section's prose
        for heading in (sub.heading for sub in section.walk()):
            named = _words(_unprinted(article, heading))
            kept = sorted(w for w in promised if _among(w, named) and not _among(w, carried))
            if kept:
                where = "" if heading == section.heading else f' (under "{heading}")'
                yield Hit(
                    ("description",),
                    f'"What this handout covers" promises {", ".join(repr(w) for w in kept)},'
                    f' but the handout leaves out the section "{section.heading}"{where}:'
                    f" add its id ({section.id}) to the handout field, or reword the"
                    " description",
                )
                break


@article_check(
    "KD703",
    "coverage",
    "warning",
    "side-effects-twice",
    "A section about side effects repeats the side-effects table printed from risks;"
    " mark it {#risks} to place the table there.",
)
def side_effects_twice(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.risks:
        return
    for loc, section, _ in ctx.sections:
        heading = " ".join(section.heading.split())
        if section.id != RISKS_SECTION_ID and _RISKS_HEADING.fullmatch(heading):
            yield Hit(
                (*loc, "heading"),
                f'"{section.heading}" and the side-effects table ketadoc prints from risks'
                " both list the side effects: end its heading with {#risks} to place the"
                " table in this section instead, or move what it says into the risks",
            )
