"""Prose as a reader meets it, with the model path it came from.

Readability is scored on prose only: paragraphs, list items and FAQ answers. Headings,
citation markers, inline code and URLs are not prose and would skew every formula (a URL
counts as one very long word), so they are dropped here; tables and figure captions are
labels rather than sentences and are left out too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ketadoc.model import (
    Article,
    Block,
    Callout,
    Cite,
    Code,
    Emphasis,
    Inline,
    InlineText,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from ketadoc.model.walk import Loc, located_blocks, located_sections, located_texts

__all__ = [
    "block_prose",
    "body_prose",
    "join",
    "located_blocks",
    "located_texts",
    "prose",
    "summary_prose",
]

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _visible(nodes: tuple[Inline, ...]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Text | Subscript | Superscript):
            yield node.text
        elif isinstance(node, LineBreak):
            yield " "
        elif isinstance(node, Link):
            label = "".join(_visible(node.children))
            if not _URL.fullmatch(label.strip()):
                yield label
        elif isinstance(node, Emphasis | Strong):
            yield from _visible(node.children)
        elif isinstance(node, Code | Cite):
            continue


def prose(text: InlineText) -> str:
    """The words of ``text`` a reader reads as sentences: no code, citations or URLs."""
    joined = _URL.sub(" ", "".join(_visible(text.nodes)))
    return re.sub(r"\s+", " ", joined).strip()


def block_prose(blocks: tuple[Block, ...], loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Paragraphs and list items of ``blocks`` (callouts included), with their paths."""
    for index, block in enumerate(blocks):
        here = (*loc, index)
        if isinstance(block, Paragraph):
            yield (*here, "text"), prose(block.text)
        elif isinstance(block, ListBlock):
            for item_index, item in enumerate(block.items):
                yield (*here, "items", item_index), prose(item.text)
                yield from block_prose(item.blocks, (*here, "items", item_index, "blocks"))
        elif isinstance(block, Callout | Quote):
            yield from block_prose(block.blocks, (*here, "blocks"))


def body_prose(article: Article) -> Iterator[tuple[Loc, str]]:
    """The prose of the lead, every section and every FAQ answer, in reading order."""
    yield from block_prose(article.lead, ("lead",))
    for loc, section, _ in located_sections(article):
        yield from block_prose(section.blocks, (*loc, "blocks"))
    for index, faq in enumerate(article.faqs):
        yield from block_prose(faq.answer, ("faqs", index, "answer"))


def summary_prose(article: Article) -> Iterator[tuple[Loc, str]]:
    """The short fields a handout is built from: key points, warnings, risks, care advice."""
    for name in ("key_points", "warnings", "questions_to_ask"):
        for index, text in enumerate(getattr(article, name)):
            yield (name, index), prose(text)
    if article.regulatory_status:
        yield ("regulatory_status",), prose(article.regulatory_status)
    for index, risk in enumerate(article.risks):
        if risk.description:
            yield ("risks", index, "description"), prose(risk.description)
    for index, advice in enumerate(article.care_advice):
        yield ("care_advice", index, "text"), prose(advice.text)


def join(texts: list[str]) -> str:
    """Prose pieces joined by blank lines, so each ends a sentence for the scorer."""
    return "\n\n".join(text for text in texts if text)
