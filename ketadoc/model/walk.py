"""Walking an article: every block and every inline text, with its path in the model.

A path such as ``("sections", 2, "blocks", 0, "text")`` names where a value sits, so a
check or a cross-check can point at the line it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ketadoc.diagnostics import Loc, display_path
from ketadoc.model.blocks import (
    Block,
    Callout,
    DefinitionList,
    Figure,
    ListBlock,
    Paragraph,
    Quote,
    Table,
)
from ketadoc.model.inline import InlineText

if TYPE_CHECKING:
    from ketadoc.model.article import Article, Section

__all__ = [
    "Loc",
    "block_texts",
    "display_path",
    "located_blocks",
    "located_sections",
    "located_texts",
]


def _blocks(blocks: tuple[Block, ...], loc: Loc) -> Iterator[tuple[Loc, Block]]:
    for index, block in enumerate(blocks):
        yield (*loc, index), block
        if isinstance(block, Callout | Quote):
            yield from _blocks(block.blocks, (*loc, index, "blocks"))
        elif isinstance(block, ListBlock):
            for i, item in enumerate(block.items):
                yield from _blocks(item.blocks, (*loc, index, "items", i, "blocks"))
        elif isinstance(block, DefinitionList):
            for i, term in enumerate(block.items):
                for j, item in enumerate(term.definitions):
                    here = (*loc, index, "items", i, "definitions", j, "blocks")
                    yield from _blocks(item.blocks, here)


def _sections(
    sections: tuple[Section, ...], loc: Loc, parents: tuple[Section, ...]
) -> Iterator[tuple[Loc, Section, tuple[Section, ...]]]:
    for index, section in enumerate(sections):
        here = (*loc, index)
        yield here, section, parents
        yield from _sections(section.subsections, (*here, "subsections"), (*parents, section))


def located_sections(article: Article) -> Iterator[tuple[Loc, Section, tuple[Section, ...]]]:
    """Every section in document order, with its path and its ancestors (outermost first)."""
    yield from _sections(article.sections, ("sections",), ())


def located_blocks(article: Article) -> Iterator[tuple[Loc, Block]]:
    """Every block of the lead, sections and FAQ answers, and the blocks they hold."""
    yield from _blocks(article.lead, ("lead",))
    for loc, section, _ in located_sections(article):
        yield from _blocks(section.blocks, (*loc, "blocks"))
    for index, faq in enumerate(article.faqs):
        yield from _blocks(faq.answer, ("faqs", index, "answer"))


def block_texts(loc: Loc, block: Block) -> Iterator[tuple[Loc, InlineText]]:
    """The inline texts a block holds itself, not those of the blocks it holds."""
    if isinstance(block, Paragraph):
        yield (*loc, "text"), block.text
    elif isinstance(block, ListBlock):
        for index, item in enumerate(block.items):
            yield (*loc, "items", index, "text"), item.text
    elif isinstance(block, DefinitionList):
        for index, term in enumerate(block.items):
            yield (*loc, "items", index, "term"), term.term
            for i, item in enumerate(term.definitions):
                yield (*loc, "items", index, "definitions", i, "text"), item.text
    elif isinstance(block, Quote) and block.attribution:
        yield (*loc, "attribution"), block.attribution
    elif isinstance(block, Table):
        for index, cell in enumerate(block.header):
            yield (*loc, "header", index), cell
        for row_index, row in enumerate(block.rows):
            for index, cell in enumerate(row):
                yield (*loc, "rows", row_index, index), cell
        if block.caption:
            yield (*loc, "caption"), block.caption
    elif isinstance(block, Figure) and block.caption:
        yield (*loc, "caption"), block.caption


def located_texts(article: Article) -> Iterator[tuple[Loc, InlineText]]:
    """Every inline text in reading order: handout fields, then the body, then the rest."""
    for name in ("key_points", "warnings", "questions_to_ask"):
        for index, text in enumerate(getattr(article, name)):
            yield (name, index), text
    if article.regulatory_status:
        yield ("regulatory_status",), article.regulatory_status
    for loc, block in located_blocks(article):
        yield from block_texts(loc, block)
    for index, risk in enumerate(article.risks):
        if risk.description:
            yield ("risks", index, "description"), risk.description
        if risk.advice:
            yield ("risks", index, "advice"), risk.advice
    for index, advice in enumerate(article.care_advice):
        yield ("care_advice", index, "text"), advice.text
    for index, note in enumerate(article.footnotes):
        yield ("footnotes", index, "text"), note.text
    if article.disclaimer:
        yield ("disclaimer",), article.disclaimer
