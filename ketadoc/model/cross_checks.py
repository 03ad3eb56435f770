"""Checks that need the whole article: ids, citations, links, footnotes, levels, dates and
the relations between ``about`` entities. Each problem is a field path and a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ketadoc.model.blocks import MAX_LIST_DEPTH, DefinitionList, ListBlock
from ketadoc.model.ids import RISKS_SECTION_ID
from ketadoc.model.inline import Link
from ketadoc.model.walk import Loc, located_blocks, located_sections, located_texts

if TYPE_CHECKING:
    from ketadoc.model.article import Article, Entity

__all__ = ["cross_problems"]

_CANNOT_TREAT = frozenset({"condition", "test"})
"""Subjects that are not interventions: they treat and prevent nothing."""


def cross_problems(article: Article, today: dt.date) -> Iterator[tuple[Loc, str]]:
    """Checks that need the whole article: ids, citations, links, levels, dates."""
    if isinstance(article.handout, tuple):
        for index, ident in enumerate(article.handout):
            if not any(section.id == ident for section in article.sections):
                yield ("handout", index), f'no level-2 section has the id "{ident}"'
    anchors: dict[str, Loc] = {}
    for loc, section, parents in located_sections(article):
        depth = len(parents) + 2
        if section.level != depth:
            yield (
                (*loc, "level"),
                (
                    f"is {section.level} but this section sits at heading level {depth};"
                    " a level may not be skipped"
                ),
            )
        if section.id in anchors:
            yield (*loc, "id"), f'"{section.id}" is already used; ids must be unique'
        anchors[section.id] = loc
    questions: dict[str, int] = {}
    for index, faq in enumerate(article.faqs):
        if faq.id in anchors:
            yield ("faqs", index, "id"), f'"{faq.id}" is already used; ids must be unique'
        anchors[faq.id] = ("faqs", index)
        folded = " ".join(faq.question.casefold().split())
        if folded in questions:
            first = questions[folded]
            yield ("faqs", index, "question"), f"repeats faqs[{first}]; questions must be unique"
        questions.setdefault(folded, index)

    keys: dict[str, int] = {}
    for index, item in enumerate(article.citations):
        if item.id in keys:
            yield ("citations", index, "id"), f'"{item.id}" is defined twice'
        keys.setdefault(item.id, index)
    for loc, text in located_texts(article):
        for key in text.cited_keys:
            if key not in keys:
                yield loc, f'cites [@{key}] but no citation has id "{key}"'
        for node in text.walk():
            if isinstance(node, Link) and node.href[:1] == "#" and node.href[1:] not in anchors:
                yield loc, f'links to "{node.href}" but no section or FAQ has that id'
    yield from _about_problems(article.about)
    for index, risk in enumerate(article.risks):
        for i, key in enumerate(risk.citations):
            if key not in keys:
                yield ("risks", index, "citations", i), f'no citation has id "{key}"'

    published, modified = article.date_published, article.date_modified
    if published and modified and modified < published:
        yield ("date_modified",), f"{modified} is before date_published {published}"
    if article.last_reviewed and article.last_reviewed > today:
        yield ("last_reviewed",), f"{article.last_reviewed} is in the future"
    if published and published > today:
        yield ("date_published",), f"{published} is in the future"
    if article.faq_title is not None and not article.faqs:
        yield ("faq_title",), "is set but the article has no FAQs"
    reviewed, due = article.last_reviewed, article.next_review
    if reviewed and due and due <= reviewed:
        yield ("next_review",), f"{due} is not after last_reviewed {reviewed}"
    if article.risks_section is not None and not article.risks:
        yield (
            (*anchors[RISKS_SECTION_ID], "id"),
            ("marks where the side-effects table goes, but the article has no risks"),
        )
    yield from _footnote_problems(article)
    previous: tuple[Loc, object] = ((), None)
    for loc, block in located_blocks(article):
        if isinstance(block, ListBlock) and block.depth() > MAX_LIST_DEPTH:
            yield loc, f"lists nest {block.depth()} levels deep; {MAX_LIST_DEPTH} at most"
        after = previous[0] == (*loc[:-1], int(loc[-1]) - 1)
        if isinstance(block, DefinitionList) and after and isinstance(previous[1], DefinitionList):
            yield (
                loc,
                (
                    "follows another definition list directly, and Markdown reads the two as one:"
                    " merge them, or put a paragraph between them"
                ),
            )
        previous = (loc, block)


def _footnote_problems(article: Article) -> Iterator[tuple[Loc, str]]:
    defined: dict[str, int] = {}
    for index, note in enumerate(article.footnotes):
        if note.id in defined:
            yield ("footnotes", index, "id"), f'"{note.id}" is defined twice'
        defined.setdefault(note.id, index)
    used: set[str] = set()
    for loc, text in located_texts(article):
        for ident in text.footnote_ids:
            used.add(ident)
            if ident not in defined:
                yield loc, f'refers to footnote [^{ident}] but no footnote has id "{ident}"'
    for ident, index in defined.items():
        if ident not in used:
            yield ("footnotes", index), f"footnote [^{ident}] is never referred to; remove it"


def _about_problems(about: tuple[Entity, ...]) -> Iterator[tuple[Loc, str]]:
    """Unique names; each ``treats``/``prevents`` name is one ``about`` condition."""
    first_of: dict[str, int] = {}
    for index, entity in enumerate(about):
        first = first_of.setdefault(_entity_key(entity.name), index)
        if first != index:
            yield ("about", index, "name"), f'"{entity.name}" already names about[{first}]'
    conditions = [e for e in about if e.type == "condition"]
    for index, entity in enumerate(about):
        for relation in ("treats", "prevents"):
            targets = getattr(entity, relation)
            if targets and entity.type in _CANNOT_TREAT:
                yield (
                    ("about", index, relation),
                    f"a {entity.type} does not {relation[:-1]}; state it on the drug, therapy,"
                    " vaccine or procedure",
                )
                continue
            for position, target in enumerate(targets):
                key = _entity_key(target)
                matches = [
                    c.name
                    for c in conditions
                    if key in {_entity_key(n) for n in (c.name, *c.alternate_names)}
                ]
                if len(matches) == 1:
                    continue
                if matches:
                    problem = f'"{target}" could be any of {", ".join(matches)}; use the name'
                elif key in first_of:
                    kind = about[first_of[key]].type
                    problem = f'"{target}" is a {kind}; {relation} names a condition'
                else:
                    known = ", ".join(c.name for c in conditions) or "none"
                    problem = (
                        f'"{target}" is not an `about` condition; add'
                        f" {{type: condition, name: {target}}} to `about` (conditions: {known})"
                    )
                yield ("about", index, relation, position), problem


def _entity_key(name: str) -> str:
    return " ".join(name.casefold().split())
