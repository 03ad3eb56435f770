"""The restricted HTML of a schema.org ``Answer.text``.

Consumers of FAQPage markup accept only a few tags (h1–h6, br, ol, ul, li, a with
``href`` only, p, b, strong, i, em). Citations become plain ``[1]`` markers, because a
link to ``#ref-1`` means nothing outside the page; everything else outside the allowlist
is rewritten into tags inside it, so the words still match the visible page.

Nothing the author wrote in an answer is left out, and nothing is added: a callout's own
title leads its box in bold; a footnote keeps its mark, the page's letter in brackets
(``[a]``, :data:`~ketadoc.rendering.notes.NOTE_MARKS`: a letter, as on the page, so it
cannot be taken for a citation's ``[1]``), and its note follows the answer, after the
same mark; sub- and superscript digits (H₂O, mm²) keep their place with the Unicode
forms made for them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from ketadoc.model.blocks import (
    Block,
    Callout,
    DefinitionList,
    Figure,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Table,
)
from ketadoc.model.inline import (
    Cite,
    Code,
    Emphasis,
    FootnoteRef,
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from ketadoc.rendering.notes import NOTE_MARKS
from ketadoc.rendering.references import cited_numbers

__all__ = ["ANSWER_TAGS", "Footnotes", "render_answer_html"]

ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "b", "strong", "i", "em"}
)
"""The tags allowed in a schema.org ``Answer.text``."""

Numbers = Mapping[str, int]
Footnotes = Mapping[str, tuple[int, InlineText]]
"""Footnote id -> its number on the page (lettered when written) and its text."""


def _answer_text(text: str) -> str:
    # Quotes need no escaping in element content; leaving them readable keeps the JSON
    # free of &#34; noise that consumers would show literally if they strip tags.
    return html.escape(text, quote=False)


def _answer_cite(keys: Sequence[str], numbers: Numbers | None) -> str:
    found = cited_numbers(keys, numbers or {})
    return f"[{', '.join(str(n) for n in found)}]" if found else ""


_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def _raised(text: str, table: dict[int, int]) -> str:
    """``text`` in Unicode super- or subscript forms when it has them all (``2`` -> ``²``);
    as written otherwise (<sub> and <sup> are outside the allowlist, and HbA1c reads
    right without them)."""
    return text.translate(table) if all(ord(c) in table for c in text) else text


class _Writer:
    """Writes one answer; remembers the footnotes it marks, to print them after it."""

    def __init__(self, numbers: Numbers | None, footnotes: Footnotes | None) -> None:
        self.numbers = numbers
        self.footnotes = footnotes or {}
        self.marked: dict[str, None] = {}

    def notes(self) -> str:
        """The notes of the footnotes marked so far (notes mark none), in mark order."""
        out = []
        for ident in self.marked:
            number, text = self.footnotes[ident]
            out.append(f"<p>{NOTE_MARKS.plain(number)} {_answer_inline(text.nodes, self)}</p>")
        return "".join(out)


def _answer_inline(nodes: Sequence[Inline], writer: _Writer) -> str:
    numbers = writer.numbers
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code):
            parts.append(_answer_text(node.text))
        elif isinstance(node, Superscript):
            parts.append(_answer_text(_raised(node.text, _SUPERSCRIPT)))
        elif isinstance(node, Subscript):
            parts.append(_answer_text(_raised(node.text, _SUBSCRIPT)))
        elif isinstance(node, FootnoteRef):
            if node.id in writer.footnotes:
                writer.marked.setdefault(node.id, None)
                parts.append(NOTE_MARKS.plain(writer.footnotes[node.id][0]))
        elif isinstance(node, LineBreak):
            parts.append("<br>")
        elif isinstance(node, Emphasis):
            parts.append(f"<em>{_answer_inline(node.children, writer)}</em>")
        elif isinstance(node, Strong):
            parts.append(f"<strong>{_answer_inline(node.children, writer)}</strong>")
        elif isinstance(node, Link):
            inner = _answer_inline(node.children, writer)
            if node.href.startswith("#"):
                # a page anchor is only meaningful on the page; keep the words
                parts.append(inner)
            else:
                parts.append(f'<a href="{html.escape(node.href, quote=True)}">{inner}</a>')
        elif isinstance(node, Cite):
            marker = _answer_cite(node.keys, numbers)
            if marker:
                parts.append(f" {marker}" if parts and not parts[-1].endswith(" ") else marker)
    return "".join(parts)


def _answer_item(item: ListItem, writer: _Writer) -> str:
    text = _answer_inline(item.text.nodes, writer)
    if any(isinstance(inner, Paragraph) for inner in item.blocks):
        text = f"<p>{text}</p>"
    return text + "".join(_answer_block(inner, writer) for inner in item.blocks)


def _answer_block(block: Block, writer: _Writer) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_answer_inline(block.text.nodes, writer)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_answer_item(item, writer)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, DefinitionList):
        # <dl> is outside the allowlist: each term in bold, its definitions after it
        return "".join(
            f"<p><strong>{_answer_inline(term.term.nodes, writer)}</strong></p>"
            + "".join(_answer_item(item, writer) for item in term.definitions)
            for term in block.items
        )
    if isinstance(block, Quote):
        inner = "".join(_answer_block(b, writer) for b in block.blocks)
        if block.attribution:
            inner += f"<p>\u2014 {_answer_inline(block.attribution.nodes, writer)}</p>"
        return inner
    if isinstance(block, Table):
        # Tables are outside the allowlist. A list of rows, cells split by <br>, reads in
        # the order a screen reader reads the table, so the words match the visible page.
        def row(cells: Sequence[InlineText], tag: str = "") -> str:
            runs = [_answer_inline(cell.nodes, writer) for cell in cells]
            if tag:
                runs = [f"<{tag}>{run}</{tag}>" for run in runs]
            return "<li>" + "<br>".join(runs) + "</li>"

        caption = f"<p>{_answer_inline(block.caption.nodes, writer)}</p>" if block.caption else ""
        rows = "".join(row(cells) for cells in block.rows)
        return f"{caption}<ul>{row(block.header, 'strong')}{rows}</ul>"
    if isinstance(block, Figure):
        if block.caption:
            return f"<p>{_answer_inline(block.caption.nodes, writer)}</p>"
        return f"<p>{_answer_text(block.alt)}</p>"
    assert isinstance(block, Callout)
    # A title the author gave the box leads it, as on the page; the generic label of
    # its kind ("Warning") is the page's, not the author's, and is not repeated.
    title = f"<p><strong>{_answer_text(block.title)}</strong></p>" if block.title else ""
    return title + "".join(_answer_block(inner, writer) for inner in block.blocks)


def render_answer_html(
    blocks: Iterable[Block], numbers: Numbers | None = None, footnotes: Footnotes | None = None
) -> str:
    """An FAQ answer as HTML restricted to :data:`ANSWER_TAGS`, for ``Answer.text``.

    Citations become plain ``[1, 2]`` markers (omitted when ``numbers`` is None), page
    anchors lose their link, code loses its tag, and tables become lists of rows.
    ``footnotes`` maps a footnote id to its number on the page and its text: a marked
    footnote's note follows the answer.
    """
    writer = _Writer(numbers, footnotes)
    body = "".join(_answer_block(block, writer) for block in blocks)
    return body + writer.notes()
