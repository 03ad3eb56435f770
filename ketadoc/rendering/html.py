"""Inline nodes and blocks as page HTML, shared by the html and pdf exporters.

Everything the article's author wrote is escaped here, once; the results are
:class:`markupsafe.Markup`, so autoescaping templates insert them unchanged.
:func:`render_inline` and :func:`render_blocks` write the page: citations become
superscript numbers linking to the reference list, figures and tables keep their
accessible structure. The restricted HTML of a schema.org ``Answer.text`` is written by
:mod:`ketadoc.rendering.jsonld.answer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

from markupsafe import Markup, escape

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
    plain_text,
)
from ketadoc.rendering.notes import NOTE_MARKS
from ketadoc.rendering.references import cited_numbers
from ketadoc.rendering.theme import list_class

__all__ = [
    "FootnoteMarks",
    "render_blocks",
    "render_citation_keys",
    "render_footnotes",
    "render_inline",
]

Numbers = Mapping[str, int]
ImageSource = Callable[[str], str]


class FootnoteMarks:
    """Footnote numbers of one rendered page, and which marks it has written.

    A note is called by its letter (:data:`~ketadoc.rendering.notes.NOTE_MARKS`), so it
    does not read as a citation's number. ``page=False`` (a web page) writes each
    reference as a superscript letter linking to the note at the end
    (:func:`render_footnotes`); the first reference to a note gets the id its back-link
    returns to. ``page=True`` (print) writes the note itself at its first reference, in a
    ``span.footnote`` that print CSS floats to the foot of the page; notes are numbered
    in the order they are printed (a layout prints the parts of an article in its own
    order), the letter in ``data-n`` for the call and the note's marker, and a later
    reference repeats the letter.
    """

    def __init__(
        self, numbers: Numbers, notes: Mapping[str, InlineText], *, page: bool = False
    ) -> None:
        self.numbers = numbers
        self.notes = notes
        self.page = page
        self.marked: set[int] = set()
        self.printed: dict[str, int] = {}

    def printed_number(self, ident: str) -> tuple[int, bool]:
        """Print: the number of note ``ident`` in printing order, and whether this is
        its first reference (where the note itself is printed)."""
        first = ident not in self.printed
        number = self.printed.setdefault(ident, len(self.printed) + 1)
        return number, first

    def first_mark(self, number: int) -> bool:
        """True the first time ``number`` is marked on this page."""
        first = number not in self.marked
        self.marked.add(number)
        return first


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
    found = cited_numbers(keys, numbers)
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


def _footnote_mark(
    node: FootnoteRef,
    marks: FootnoteMarks | None,
    numbers: Numbers | None,
    cite_href_prefix: str | None,
    cite_label: str | None,
) -> Markup:
    if marks is None or node.id not in marks.numbers:
        return Markup("")
    if marks.page:
        number, first = marks.printed_number(node.id)
        if not first:
            return Markup('<sup class="footnote-ref">{}</sup>').format(NOTE_MARKS.mark(number))
        nodes = marks.notes[node.id].nodes
        note = _inline_nodes(nodes, numbers, cite_href_prefix, cite_label, None)
        return Markup('<span class="footnote" id="fn-{}" data-n="{}">{}</span>').format(
            number, NOTE_MARKS.mark(number), note
        )
    number = marks.numbers[node.id]
    anchor = Markup(' id="fnref-{}"').format(number) if marks.first_mark(number) else Markup("")
    return Markup(
        '<sup class="footnote-ref"><a href="#fn-{}"{} role="doc-noteref">{}</a></sup>'
    ).format(number, anchor, NOTE_MARKS.mark(number))


def _shows_its_address(link: Link) -> bool:
    """Whether a link's text is its own address (``<https://example.org/>``)."""
    text = plain_text(link.children)
    return text in (link.href, link.href.removeprefix("mailto:"), link.href.removeprefix("tel:"))


def _inline_nodes(
    nodes: Sequence[Inline],
    numbers: Numbers | None,
    cite_href_prefix: str | None,
    cite_label: str | None,
    marks: FootnoteMarks | None,
) -> Markup:
    parts: list[Markup] = []
    for node in _trim_before_cites(nodes, numbers):
        if isinstance(node, Text):
            parts.append(escape(node.text))
        elif isinstance(node, Subscript):
            parts.append(Markup("<sub>{}</sub>").format(node.text))
        elif isinstance(node, Superscript):
            parts.append(Markup("<sup>{}</sup>").format(node.text))
        elif isinstance(node, FootnoteRef):
            parts.append(_footnote_mark(node, marks, numbers, cite_href_prefix, cite_label))
        elif isinstance(node, Code):
            parts.append(Markup("<code>{}</code>").format(node.text))
        elif isinstance(node, LineBreak):
            parts.append(Markup("<br>"))
        elif isinstance(node, Emphasis | Strong | Link):
            inner = _inline_nodes(node.children, numbers, cite_href_prefix, cite_label, marks)
            if isinstance(node, Emphasis):
                parts.append(Markup("<em>{}</em>").format(inner))
            elif isinstance(node, Strong):
                parts.append(Markup("<strong>{}</strong>").format(inner))
            elif _shows_its_address(node):
                # Print does not add the address after it a second time (theme.css).
                parts.append(Markup('<a class="url" href="{}">{}</a>').format(node.href, inner))
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
    footnotes: FootnoteMarks | None = None,
) -> Markup:
    """Inline text as HTML. Citations become superscript reference numbers from
    ``numbers`` (key -> number), linking to ``<cite_href_prefix><number>``; with
    ``numbers`` None they are left out. Footnote references are marked as ``footnotes``
    says. ``None`` text renders as empty Markup."""
    if text is None:
        return Markup("")
    return _inline_nodes(text.nodes, numbers, cite_href_prefix, cite_label, footnotes)


_DOI_BREAKS: Final = re.compile(r"(?<=/)(?=[^/])|(?=\.)")
_URL_BREAKS: Final = re.compile(r"(?<=/)(?=[^/])|(?=[.\-?#&=_~])")


def render_address(text: str, *, doi: bool = False) -> Markup:
    """A printed address that breaks across lines only where a reader sees it may:
    a DOI after a slash or before a dot, a URL also before ``- ? # & = _ ~``.

    Each piece between those places is a ``<span class="unbroken">``, which the print
    theme sets as one unbreakable box, so a line can end only between two of them (not
    after a hyphen, as text may). ``<wbr>`` would mark the places too, but WeasyPrint
    writes it as a zero-width space that a screen reader reads inside the address.

    The pieces sit in one ``<span dir="ltr">``: an address reads left to right even on
    a right-to-left page, where the pieces would otherwise be laid out from the right."""
    pieces = (_DOI_BREAKS if doi else _URL_BREAKS).split(text)
    return Markup('<span dir="ltr">{}</span>').format(
        Markup("").join(
            Markup('<span class="unbroken">{}</span>').format(piece) for piece in pieces if piece
        )
    )


def render_footnotes(footnotes: FootnoteMarks, *, back_label: str = "Back to text") -> Markup:
    """The notes of a web page, lettered as their calls are, each with a link back to
    its first mark."""
    items = []
    for ident, number in sorted(footnotes.numbers.items(), key=lambda pair: pair[1]):
        note = _inline_nodes(footnotes.notes[ident].nodes, None, None, None, None)
        items.append(
            Markup(
                '<li id="fn-{}">{} <a href="#fnref-{}" role="doc-backlink"'
                ' aria-label="{} {}">\u21a9\ufe0e</a></li>'
            ).format(number, note, number, back_label, NOTE_MARKS.mark(number))
        )
    return Markup('<ol class="footnotes" type="{}">{}</ol>').format(
        NOTE_MARKS.html_list_type, Markup("").join(items)
    )


def _callout_title(block: Callout, labels: Mapping[str, str] | None) -> str:
    if block.title:
        return block.title
    if labels is not None and block.kind in labels:
        return labels[block.kind]
    return block.kind.capitalize()


def render_blocks(
    blocks: Iterable[Block],
    numbers: Numbers | None = None,
    *,
    cite_href_prefix: str | None = "#ref-",
    cite_label: str | None = None,
    labels: Mapping[str, str] | None = None,
    image_src: ImageSource | None = None,
    footnotes: FootnoteMarks | None = None,
) -> Markup:
    """Body blocks as HTML: paragraphs, lists (nested), definition lists (``dl``), tables
    (``th scope``), figures (alt text and ``figcaption``), callouts (an ``aside`` titled
    by its own title or from ``labels``) and quotations (``blockquote``, attributed in a
    ``figcaption``).

    ``image_src`` maps a figure's ``src`` to the URL written in the page, e.g. a ``data:``
    URI for a self-contained page; by default the path is written as it is.
    """
    render = _BlockRenderer(numbers, cite_href_prefix, cite_label, labels, image_src, footnotes)
    return render.blocks(blocks)


class _BlockRenderer:
    def __init__(
        self,
        numbers: Numbers | None,
        prefix: str | None,
        cite_label: str | None,
        labels: Mapping[str, str] | None,
        image_src: ImageSource | None,
        footnotes: FootnoteMarks | None,
    ) -> None:
        self.numbers = numbers
        self.prefix = prefix
        self.cite_label = cite_label
        self.labels = labels
        self.image_src = image_src
        self.footnotes = footnotes
        self.list_depth = 0
        """How many lists the block being rendered sits inside."""

    def inline(self, text: InlineText | None) -> Markup:
        return render_inline(
            text,
            self.numbers,
            cite_href_prefix=self.prefix,
            cite_label=self.cite_label,
            footnotes=self.footnotes,
        )

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        return Markup("\n").join(self.block(block) for block in blocks)

    def item(self, item: ListItem) -> Markup:
        """An item's content: bare text when tight, paragraphs when it holds several."""
        loose = any(isinstance(inner, Paragraph) for inner in item.blocks)
        text = self.inline(item.text)
        first = Markup("<p>{}</p>").format(text) if loose else text
        return first + Markup("").join(self.block(inner) for inner in item.blocks)

    def nested_items(self, items: Iterable[ListItem]) -> list[Markup]:
        """The items' contents one list level down: a list inside a list's item, or
        under a definition's term, marks its items as the next level does."""
        self.list_depth += 1
        try:
            return [self.item(item) for item in items]
        finally:
            self.list_depth -= 1

    def block(self, block: Block) -> Markup:
        return _block(self, block)


def _block(render: _BlockRenderer, block: Block) -> Markup:
    inline = render.inline
    if isinstance(block, Paragraph):
        return Markup("<p>{}</p>").format(inline(block.text))
    if isinstance(block, ListBlock):
        items = Markup("").join(
            Markup("<li>{}</li>").format(content) for content in render.nested_items(block.items)
        )
        level = list_class(render.list_depth)
        kind = Markup(' class="{}"').format(level) if level else Markup("")
        if not block.ordered:
            return Markup("<ul{}>{}</ul>").format(kind, items)
        start = Markup(' start="{}"').format(block.start) if block.start != 1 else Markup("")
        return Markup("<ol{}{}>{}</ol>").format(kind, start, items)
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
    if isinstance(block, DefinitionList):
        terms = Markup("").join(
            Markup("<dt>{}</dt>").format(inline(term.term))
            + Markup("").join(
                Markup("<dd>{}</dd>").format(content)
                for content in render.nested_items(term.definitions)
            )
            for term in block.items
        )
        return Markup("<dl>{}</dl>").format(terms)
    if isinstance(block, Quote):
        quote = Markup("<blockquote>{}</blockquote>").format(render.blocks(block.blocks))
        if not block.attribution:
            return quote
        return Markup('<figure class="quote">{}<figcaption>\u2014 {}</figcaption></figure>').format(
            quote, inline(block.attribution)
        )
    if isinstance(block, Figure):
        image_src = render.image_src
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
    return Markup(
        '<aside class="callout callout-{}" role="note"><p class="callout-title">{}</p>{}</aside>'
    ).format(block.kind, _callout_title(block, render.labels), render.blocks(block.blocks))
