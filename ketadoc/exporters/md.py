"""The ``md`` exporter: ketadoc Markdown from the model, a lossless round trip."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.model import (
    Article,
    Block,
    Callout,
    DefinitionList,
    Faq,
    Figure,
    Footnote,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Section,
)
from ketadoc.model.article import DEFAULT_FAQ_TITLE, FAQ_TITLES
from ketadoc.model.blocks import Table
from ketadoc.model.inline import InlineText
from ketadoc.model.text import slugify

__all__ = ["MarkdownExporter", "MarkdownOptions"]

_BODY_FIELDS = {"lead", "sections", "faqs", "faq_title", "footnotes"}
_ATTRIBUTION = "—"  # a quote's last line starting with it names who said it
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
# A line that Markdown would read as the start of a block rather than as text.
_BLOCK_START = re.compile(
    r"""^(?:
        \#{1,6}(?=\s|$)                 # heading
      | [>|=~]                         # quote, table row, setext underline, fence
      | [-+*](?=\s|$)                  # bullet
      | :(?=[ \t]|$)                   # definition
      | (?P<number>\d{1,9})[.)](?=\s|$) # numbered item
      | [-*_](?=[-*_\s]*$)             # thematic break or setext underline
      | `(?=``)                        # code fence
      | <(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.-]{1,31}:)  # HTML block, not an autolink
    )""",
    re.X,
)


class MarkdownOptions(ExporterOptions):
    """The md exporter has no options yet."""


class MarkdownExporter(Exporter[MarkdownOptions]):
    """Writes ketadoc Markdown: front matter fields, then lead, sections and FAQs."""

    name: ClassVar[str] = "md"
    media_type: ClassVar[str] = "text/markdown"
    extension: ClassVar[str] = ".md"
    options: ClassVar[type[ExporterOptions]] = MarkdownOptions

    def render(self, article: Article, options: MarkdownOptions | None = None) -> Rendered:
        parts = [f"---\n{_front_matter(article)}---\n"]
        if article.lead:
            parts.append(_blocks(article.lead))
        parts.extend(_section(section) for section in article.sections)
        if article.faqs:
            parts.append(_faq_section(article.faq_title, article.faqs))
        if article.footnotes:
            parts.append(_footnotes(article.footnotes))
        return self.rendered(("\n".join(parts).rstrip("\n") + "\n").encode("utf-8"))


def _front_matter(article: Article) -> str:
    import yaml

    data = _pruned(
        article.model_dump(mode="json", by_alias=True, exclude_none=True, exclude=_BODY_FIELDS)
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # Keep the model's field order (title first, citations last) and long lines whole.
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,
        default_flow_style=False,
    )
    return text


def _pruned(value: Any) -> Any:
    """Drop empty lists and mappings so the front matter shows only what was given."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in ([], {})}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def escape_plain(text: str) -> str:
    """Escape a plain-text heading so Markdown reads it back as the same text."""
    return re.sub(r"([\\`*_\[\]<>&{}#!|~^])", r"\\\1", text)


def _inline(text: InlineText, *, one_line: bool = False, in_table: bool = False) -> str:
    lines = [line.strip() for line in text.source.splitlines() if line.strip()]
    if in_table:  # escape the pipes that are not escaped yet
        return _UNESCAPED_PIPE.sub(r"\1\\|", " ".join(lines))
    if one_line:
        return " ".join(lines)
    # A line ending in two spaces is a hard line break; write it as the visible "\".
    ends = [
        "\\" if index < len(lines) - 1 and re.search(r"\S {2,}$", raw) else ""
        for index, raw in enumerate(raw for raw in text.source.splitlines() if raw.strip())
    ]
    return "\n".join(
        _BLOCK_START.sub(_escape_block_start, line) + end
        for line, end in zip(lines, ends, strict=True)
    )


def _escape_block_start(match: re.Match[str]) -> str:
    number = match.group("number")
    if number is not None:  # "1." would start a numbered list: escape the dot
        return f"{number}\\{match.group()[len(number) :]}"
    return "\\" + match.group()


def _blocks(blocks: tuple[Block, ...]) -> str:
    out: list[str] = []
    previous: Block | None = None
    alternate = False
    for block in blocks:
        # Two lists of one kind in a row merge in Markdown unless their markers differ,
        # so consecutive lists take turns: "-" then "*", "1." then "1)".
        same_kind = (
            isinstance(previous, ListBlock)
            and isinstance(block, ListBlock)
            and previous.ordered == block.ordered
        )
        alternate = same_kind and not alternate
        out.append(_block(block, previous, alternate=alternate))
        previous = block
    return "\n\n".join(out) + "\n"


def _indented(text: str, width: int) -> str:
    """Continuation lines of a list item or definition, indented under its text."""
    return text.replace("\n", "\n" + " " * width).replace("\n" + " " * width + "\n", "\n\n")


def _item(item: ListItem, marker: str) -> str:
    body = _inline(item.text)
    if item.blocks:
        first = item.blocks[0]
        # A bullet list, or a numbered one from 1, may follow the text directly;
        # anything else needs a blank line to start a new block inside the item.
        tight = isinstance(first, ListBlock) and (not first.ordered or first.start == 1)
        body += ("\n" if tight else "\n\n") + _blocks(item.blocks).rstrip("\n")
    width = len(marker)
    return marker + _indented(body, width)


def _block(block: Block, previous: Block | None, *, alternate: bool = False) -> str:
    if isinstance(block, Paragraph):
        text = _inline(block.text)
        if isinstance(previous, Table) and text.startswith(("Table:", ":")):
            text = text.replace(":", "\\:", 1)
        return text
    if isinstance(block, ListBlock):
        lines = []
        for index, item in enumerate(block.items):
            if block.ordered:
                marker = f"{block.start + index}{')' if alternate else '.'} "
            else:
                marker = "* " if alternate else "- "
            lines.append(_item(item, marker))
        return "\n".join(lines)
    if isinstance(block, DefinitionList):
        terms = []
        for term in block.items:
            definitions = "\n".join(_item(item, ":   ") for item in term.definitions)
            line = _BLOCK_START.sub(_escape_block_start, _inline(term.term, one_line=True))
            terms.append(f"{line}\n{definitions}")
        return "\n\n".join(terms)
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        lines = [
            "| " + " | ".join(_inline(cell, in_table=True) for cell in row) + " |" for row in rows
        ]
        lines.insert(1, "|" + "---|" * len(block.header))
        if block.caption:
            lines.append(f"\nTable: {_inline(block.caption, one_line=True)}")
        return "\n".join(lines)
    if isinstance(block, Figure):
        alt = re.sub(r"([\\\[\]])", r"\\\1", block.alt)
        src = f"<{block.src}>" if re.search(r"[\s()<>]", block.src) else block.src
        caption = ""
        if block.caption:
            caption = ' "' + _inline(block.caption, one_line=True).replace('"', '\\"') + '"'
        return f"![{alt}]({src}{caption})"
    if isinstance(block, Quote):
        return _quote(block)
    assert isinstance(block, Callout)
    title = f" {escape_plain(block.title)}" if block.title else ""
    # The blank quoted line keeps the first block from joining the marker's paragraph.
    return f"> [!{block.kind.upper()}]{title}\n>\n{_quoted(_blocks(block.blocks))}"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.rstrip("\n").split("\n"))


def _quote(block: Quote) -> str:
    inner = _blocks(block.blocks).rstrip("\n")
    lines = inner.split("\n")
    # Keep the quote's own words from reading as a callout marker or an attribution.
    if lines[0].startswith("[!"):
        lines[0] = "\\" + lines[0]
    if lines[-1].startswith(_ATTRIBUTION):
        lines[-1] = "&#8212;" + lines[-1][len(_ATTRIBUTION) :]
    if block.attribution:
        lines += ["", f"{_ATTRIBUTION} {_inline(block.attribution, one_line=True)}"]
    return _quoted("\n".join(lines))


def _footnotes(footnotes: tuple[Footnote, ...]) -> str:
    notes = [f"[^{note.id}]: {_indented(_inline(note.text), 4)}" for note in footnotes]
    return "\n\n".join(notes) + "\n"


def _heading(level: int, text: str, anchor: str) -> str:
    marker = f" {{#{anchor}}}" if anchor != slugify(text) else ""
    return f"{'#' * level} {escape_plain(text)}{marker}\n"


def _section(section: Section) -> str:
    parts = [_heading(section.level, section.heading, section.id)]
    if section.blocks:
        parts.append(_blocks(section.blocks))
    parts.extend(_section(sub) for sub in section.subsections)
    return "\n".join(parts)


def _faq_section(title: str | None, faqs: tuple[Faq, ...]) -> str:
    title = title or DEFAULT_FAQ_TITLE
    recognised = title.casefold().rstrip(":") in FAQ_TITLES
    parts = [f"## {escape_plain(title)}{'' if recognised else ' {#faq}'}\n"]
    for faq in faqs:
        parts.append(_heading(3, faq.question, faq.id))
        parts.append(_blocks(faq.answer))
    return "\n".join(parts)
