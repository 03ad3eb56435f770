"""Inline nodes and blocks as HTML, shared by the html and pdf exporters.

Everything the article's author wrote is escaped here, once; the results are
:class:`markupsafe.Markup`, so autoescaping templates insert them unchanged.

Two flavours:

* :func:`render_inline` and :func:`render_blocks` write the page HTML: citations become
  superscript numbers linking to the reference list, figures and tables keep their
  accessible structure.
* :func:`render_answer_html` writes the restricted HTML that schema.org ``Answer.text``
  consumers accept (h1–h6, br, ol, ul, li, a with ``href`` only, p, b, strong, i, em):
  citations become plain ``[1]`` markers, because a link to ``#ref-1`` means nothing
  outside the page.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from ketadoc.model.blocks import Block, Callout, Figure, ListBlock, Paragraph, Table
from ketadoc.model.inline import (
    Cite,
    Code,
    Emphasis,
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Text,
)

__all__ = [
    "ANSWER_TAGS",
    "render_answer_html",
    "render_blocks",
    "render_citation_keys",
    "render_inline",
]

ANSWER_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "br", "ol", "ul", "li", "a", "p", "b", "strong", "i", "em"}
)
"""The tags allowed in a schema.org ``Answer.text``."""

Numbers = Mapping[str, int]
ImageSource = Callable[[str], str]


def _cite_numbers(keys: Iterable[str], numbers: Numbers) -> list[int]:
    """The distinct reference numbers of ``keys``, sorted; unknown keys are skipped."""
    return sorted({numbers[key] for key in keys if key in numbers})


def render_citation_keys(
    keys: Sequence[str],
    numbers: Numbers | None,
    *,
    cite_href_prefix: str | None = "#ref-",
    label: str | None = None,
) -> Markup:
    """Citation keys as a superscript list of reference numbers, each linking to its entry.

    Returns empty Markup when ``numbers`` is None (a handout without a reference list)
    or none of the keys is numbered. ``label`` ("Reference") names each link for screen
    readers, which would otherwise announce a bare digit.
    """
    if not numbers:
        return Markup("")
    found = _cite_numbers(keys, numbers)
    if not found:
        return Markup("")
    parts = []
    for number in found:
        if cite_href_prefix is None:
            parts.append(escape(str(number)))
            continue
        aria = Markup(' aria-label="{}"').format(f"{label} {number}") if label else Markup("")
        parts.append(
            Markup('<a href="{}{}"{}>{}</a>').format(cite_href_prefix, number, aria, number)
        )
    return Markup('<sup class="cite">{}</sup>').format(Markup(",").join(parts))


def _trim_before_cites(nodes: Sequence[Inline], numbers: Numbers | None) -> list[Inline]:
    """Drop the space before a citation so the marker sits on the word it supports."""
    out: list[Inline] = list(nodes)
    for index in range(1, len(out)):
        previous = out[index - 1]
        if isinstance(out[index], Cite) and isinstance(previous, Text):
            out[index - 1] = Text(previous.text.rstrip())
    return out


def _inline_nodes(
    nodes: Sequence[Inline],
    numbers: Numbers | None,
    cite_href_prefix: str | None,
    cite_label: str | None,
) -> Markup:
    parts: list[Markup] = []
    for node in _trim_before_cites(nodes, numbers):
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Code):
            parts.append(Markup("<code>{}</code>").format(node.text))
        elif isinstance(node, LineBreak):
            parts.append(Markup("<br>"))
        elif isinstance(node, Emphasis | Strong | Link):
            inner = _inline_nodes(node.children, numbers, cite_href_prefix, cite_label)
            if isinstance(node, Emphasis):
                parts.append(Markup("<em>{}</em>").format(inner))
            elif isinstance(node, Strong):
                parts.append(Markup("<strong>{}</strong>").format(inner))
            else:
                parts.append(Markup('<a href="{}">{}</a>').format(node.href, inner))
        elif isinstance(node, Cite):
            parts.append(
                render_citation_keys(
                    node.keys, numbers, cite_href_prefix=cite_href_prefix, label=cite_label
                )
            )
    return Markup("").join(parts)


def render_inline(
    text: InlineText | None,
    numbers: Numbers | None = None,
    *,
    cite_href_prefix: str | None = "#ref-",
    cite_label: str | None = None,
) -> Markup:
    """Inline text as HTML. Citations become superscript reference numbers from
    ``numbers`` (key -> number), linking to ``<cite_href_prefix><number>``; with
    ``numbers`` None they are left out. ``None`` text renders as empty Markup."""
    if text is None:
        return Markup("")
    return _inline_nodes(text.nodes, numbers, cite_href_prefix, cite_label)


def _callout_title(kind: str, labels: Mapping[str, str] | None) -> str:
    if labels is not None and kind in labels:
        return labels[kind]
    return kind.capitalize()


def render_blocks(
    blocks: Iterable[Block],
    numbers: Numbers | None = None,
    *,
    cite_href_prefix: str | None = "#ref-",
    cite_label: str | None = None,
    labels: Mapping[str, str] | None = None,
    image_src: ImageSource | None = None,
) -> Markup:
    """Body blocks as HTML: paragraphs, lists, tables (``th scope``), figures (alt text
    and ``figcaption``) and callouts (an ``aside`` titled from ``labels``).

    ``image_src`` maps a figure's ``src`` to the URL written in the page, e.g. a ``data:``
    URI for a self-contained page; by default the path is written as it is.
    """
    return Markup("\n").join(
        _block(block, numbers, cite_href_prefix, cite_label, labels, image_src) for block in blocks
    )


def _block(
    block: Block,
    numbers: Numbers | None,
    prefix: str | None,
    cite_label: str | None,
    labels: Mapping[str, str] | None,
    image_src: ImageSource | None,
) -> Markup:
    def inline(text: InlineText | None) -> Markup:
        return render_inline(text, numbers, cite_href_prefix=prefix, cite_label=cite_label)

    if isinstance(block, Paragraph):
        return Markup("<p>{}</p>").format(inline(block.text))
    if isinstance(block, ListBlock):
        items = Markup("").join(Markup("<li>{}</li>").format(inline(item)) for item in block.items)
        if not block.ordered:
            return Markup("<ul>{}</ul>").format(items)
        start = Markup(' start="{}"').format(block.start) if block.start != 1 else Markup("")
        return Markup("<ol{}>{}</ol>").format(start, items)
    if isinstance(block, Table):
        caption = (
            Markup("<caption>{}</caption>").format(inline(block.caption))
            if block.caption
            else Markup("")
        )
        head = Markup("").join(
            Markup('<th scope="col">{}</th>').format(inline(cell)) for cell in block.header
        )
        body = Markup("").join(
            Markup("<tr>{}</tr>").format(
                Markup("").join(Markup("<td>{}</td>").format(inline(cell)) for cell in row)
            )
            for row in block.rows
        )
        return Markup(
            '<div class="table-wrap"><table>{}<thead><tr>{}</tr></thead>'
            "<tbody>{}</tbody></table></div>"
        ).format(caption, head, body)
    if isinstance(block, Figure):
        src = image_src(block.src) if image_src is not None else block.src
        figcaption = (
            Markup("<figcaption>{}</figcaption>").format(inline(block.caption))
            if block.caption
            else Markup("")
        )
        return Markup('<figure><img src="{}" alt="{}">{}</figure>').format(
            src, block.alt, figcaption
        )
    assert isinstance(block, Callout)
    inner = render_blocks(
        block.blocks,
        numbers,
        cite_href_prefix=prefix,
        cite_label=cite_label,
        labels=labels,
        image_src=image_src,
    )
    return Markup(
        '<aside class="callout callout-{}" role="note"><p class="callout-title">{}</p>{}</aside>'
    ).format(block.kind, _callout_title(block.kind, labels), inner)


# -- the restricted HTML of schema.org Answer.text ---------------------------------------


def _answer_text(text: str) -> str:
    # Quotes need no escaping in element content; leaving them readable keeps the JSON
    # free of &#34; noise that consumers would show literally if they strip tags.
    return html.escape(text, quote=False)


def _answer_cite(keys: Sequence[str], numbers: Numbers | None) -> str:
    found = _cite_numbers(keys, numbers or {})
    return f"[{', '.join(str(n) for n in found)}]" if found else ""


def _answer_inline(nodes: Sequence[Inline], numbers: Numbers | None) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code):
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


def _answer_block(block: Block, numbers: Numbers | None) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_answer_inline(block.text.nodes, numbers)}</p>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_answer_inline(item.nodes, numbers)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
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
