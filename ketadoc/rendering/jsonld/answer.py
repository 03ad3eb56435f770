"""The restricted HTML of a schema.org ``Answer.text``.

Consumers of FAQPage markup accept only a few tags (h1–h6, br, ol, ul, li, a with
``href`` only, p, b, strong, i, em). Citations become plain ``[1]`` markers, because a
link to ``#ref-1`` means nothing outside the page; everything else outside the allowlist
is rewritten into tags inside it, so the words still match the visible page.
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
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from ketadoc.rendering.references import cited_numbers

__all__ = ["ANSWER_TAGS", "render_answer_html"]

ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "b", "strong", "i", "em"}
)
"""The tags allowed in a schema.org ``Answer.text``."""

Numbers = Mapping[str, int]


def _answer_text(text: str) -> str:
    # Quotes need no escaping in element content; leaving them readable keeps the JSON
    # free of &#34; noise that consumers would show literally if they strip tags.
    return html.escape(text, quote=False)


def _answer_cite(keys: Sequence[str], numbers: Numbers | None) -> str:
    found = cited_numbers(keys, numbers or {})
    return f"[{', '.join(str(n) for n in found)}]" if found else ""


def _answer_inline(nodes: Sequence[Inline], numbers: Numbers | None) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code | Subscript | Superscript):
            # <sub> and <sup> are outside the allowlist; HbA1c reads right without them
            parts.append(_answer_text(node.text))
        elif isinstance(node, LineBreak):
            parts.append("<br>")
        elif isinstance(node, Emphasis):
            parts.append(f"<em>{_answer_inline(node.children, numbers)}</em>")
        elif isinstance(node, Strong):
            parts.append(f"<strong>{_answer_inline(node.children, numbers)}</strong>")
        elif isinstance(node, Link):
            inner = _answer_inline(node.children, numbers)
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


def _answer_item(item: ListItem, numbers: Numbers | None) -> str:
    text = _answer_inline(item.text.nodes, numbers)
    if any(isinstance(inner, Paragraph) for inner in item.blocks):
        text = f"<p>{text}</p>"
    return text + "".join(_answer_block(inner, numbers) for inner in item.blocks)


def _answer_block(block: Block, numbers: Numbers | None) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_answer_inline(block.text.nodes, numbers)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_answer_item(item, numbers)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, DefinitionList):
        # <dl> is outside the allowlist: each term in bold, its definitions after it
        return "".join(
            f"<p><strong>{_answer_inline(term.term.nodes, numbers)}</strong></p>"
            + "".join(_answer_item(item, numbers) for item in term.definitions)
            for term in block.items
        )
    if isinstance(block, Quote):
        inner = "".join(_answer_block(b, numbers) for b in block.blocks)
        if block.attribution:
            inner += f"<p>\u2014 {_answer_inline(block.attribution.nodes, numbers)}</p>"
        return inner
    if isinstance(block, Table):
        # Tables are outside the allowlist. A list of rows, cells split by <br>, reads in
        # the order a screen reader reads the table, so the words match the visible page.
        def row(cells: Sequence[InlineText], tag: str = "") -> str:
            runs = [_answer_inline(cell.nodes, numbers) for cell in cells]
            if tag:
                runs = [f"<{tag}>{run}</{tag}>" for run in runs]
            return "<li>" + "<br>".join(runs) + "</li>"

        caption = f"<p>{_answer_inline(block.caption.nodes, numbers)}</p>" if block.caption else ""
        rows = "".join(row(cells) for cells in block.rows)
        return f"{caption}<ul>{row(block.header, 'strong')}{rows}</ul>"
    if isinstance(block, Figure):
        if block.caption:
            return f"<p>{_answer_inline(block.caption.nodes, numbers)}</p>"
        return f"<p>{_answer_text(block.alt)}</p>"
    assert isinstance(block, Callout)
    return "".join(_answer_block(inner, numbers) for inner in block.blocks)


def render_answer_html(blocks: Iterable[Block], numbers: Numbers | None = None) -> str:
    """An FAQ answer as HTML restricted to :data:`ANSWER_TAGS`, for ``Answer.text``.

    Citations become plain ``[1, 2]`` markers (omitted when ``numbers`` is None), page
    anchors lose their link, code loses its tag, and tables become lists of rows.
    """
    return "".join(_answer_block(block, numbers) for block in blocks)
