"""ketadoc Markdown blocks: markdown-it block tokens turned into block data.

Paragraphs, figures, lists (nested, items of several paragraphs), definition lists,
tables, callouts (with titles), quotations (with attributions) and footnote definitions.
Whatever ketadoc does not support is a located problem with the fix, never literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ketadoc.errors import Problem
from ketadoc.model.blocks import CalloutKind
from ketadoc.model.inline import InlineSyntaxError, Text, parse_inline, raw_html_message
from ketadoc.model.walk import display_path
from ketadoc.readers.source import Loc, Position

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["BlockReader", "block_parser", "closing"]

CALLOUT_KINDS: tuple[CalloutKind, ...] = ("note", "tip", "important", "warning", "caution")
_CALLOUT = re.compile(r"\[!([A-Za-z]+)\][ \t]*([^\n]*)(?:\n|$)")
_MARKERS = ", ".join(f"[!{kind.upper()}]" for kind in CALLOUT_KINDS)
_FIGURE = re.compile(
    r'!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\)', re.S
)
_TABLE_CAPTION = re.compile(r"(?:Table)?:\s+(.*)", re.S)
ATTRIBUTION_DASH = "—"
# A block the reader refused keeps its place, so later blocks keep their source index in
# error messages. It never reaches an article: a reader problem fails validation.
_REFUSED: dict[str, Any] = {"type": "paragraph", "text": "refused"}


@cache
def block_parser() -> MarkdownIt:
    """CommonMark with GFM tables, pandoc definition lists and footnote definitions."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(deflist_plugin)
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.core.ruler.disable("inline")  # inline text is parsed once, by the model
    return md


def closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (itself when it has no children)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1  # pragma: no cover - markdown-it always balances tokens


def _unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _cells(line: str) -> int:
    """How many cells a GFM table row holds, counted in its source line."""
    row = re.sub(r"^[\s>]*", "", line).rstrip()  # inside a quote or a list item
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if re.search(r"(?<!\\)\|$", row) else row
    return len(re.split(r"(?<!\\)\|", row))


@dataclass
class BlockReader:
    """Reads the blocks of one Markdown body, collecting located problems and positions."""

    file: str
    offset: int
    lines: list[str]
    problems: list[Problem] = field(default_factory=list)
    values: dict[Loc, Position] = field(default_factory=dict)
    footnotes: list[dict[str, Any]] = field(default_factory=list)

    def line_of(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + 1 + self.offset

    def problem(self, token: Token, message: str, loc: Loc = ()) -> None:
        self.problems.append(Problem(message, display_path(loc), self.file, self.line_of(token), 1))

    def locate(self, loc: Loc, token: Token) -> None:
        if token.map:
            self.values.setdefault(loc, (self.line_of(token), 1))

    def plain(self, token: Token, source: str, loc: Loc, what: str = "a title is") -> str:
        """Plain text (a heading, a callout title): markup in it is a problem."""
        try:
            nodes = parse_inline(source)
        except (InlineSyntaxError, ValueError) as exc:  # ValueError: text XML cannot hold
            self.problem(token, str(exc), loc)
            return source.strip()
        if any(not isinstance(node, Text) for node in nodes):
            self.problem(token, f"{what} plain text: remove the Markdown markup", loc)
        return "".join(n.text for n in nodes if isinstance(n, Text)).strip()

    def blocks(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> list[Any]:
        """Turn tokens[start:stop] (block level, no headings) into block data."""
        blocks: list[Any] = []
        i = start
        while i < stop:
            token = tokens[i]
            here = (*loc, len(blocks))
            close = closing(tokens, i)
            kind = token.type
            block: dict[str, Any] | None = None
            if kind == "paragraph_open":
                text = tokens[i + 1].content
                caption = _TABLE_CAPTION.fullmatch(text)
                if caption and blocks and blocks[-1].get("type") == "table":
                    blocks[-1]["caption"] = caption.group(1)
                    i = close + 1
                    continue
                block = paragraph_or_figure(text)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                block = self.list_block(tokens, i, close, here)
            elif kind == "dl_open":
                block = self.definition_list(tokens, i, close, here)
            elif kind == "table_open":
                block = self.table(tokens, i, close, here)
            elif kind == "blockquote_open":
                block = self.quote_or_callout(tokens, i, close, here)
            elif kind == "footnote_reference_open":
                self.footnote(tokens, i, close)
                i = close + 1
                continue
            elif kind == "html_block":
                self.problem(token, raw_html_message(token.content.strip()), here)
            elif kind in ("fence", "code_block"):
                self.problem(
                    token,
                    "code blocks are not supported; use `inline code`"
                    + ("" if kind == "fence" else ", or indent less (4 spaces start code)"),
                    here,
                )
            elif kind == "hr":
                self.problem(
                    token, "horizontal rules (---, ***) are not supported; use a heading", here
                )
            else:  # pragma: no cover - token types the parser above cannot produce
                self.problem(token, f"unsupported Markdown block ({kind})", here)
            self.locate(here, token)
            blocks.append(dict(_REFUSED) if block is None else block)
            i = close + 1
        return blocks

    def item(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> Any:
        """A list item or definition (tokens[start] opens it): text, then more blocks."""
        self.locate(loc, tokens[start])
        self.locate((*loc, "text"), tokens[start])
        first = start + 1
        if first >= stop or tokens[first].type != "paragraph_open":
            if first < stop:
                self.problem(tokens[first], "an item starts with a line of text", loc)
            return ""
        text = tokens[first + 1].content
        rest = self.blocks(tokens, closing(tokens, first) + 1, stop, (*loc, "blocks"))
        for index, block in enumerate(rest):
            if block.get("type") not in ("paragraph", "list"):
                line = self.values.get((*loc, "blocks", index), (self.line_of(tokens[start]), 1))
                self.problems.append(
                    Problem(
                        f"a {block.get('type')} inside a list item is not supported: an item"
                        " holds paragraphs and lists; move it after the list",
                        display_path((*loc, "blocks", index)),
                        self.file,
                        line[0],
                        1,
                    )
                )
        return {"text": text, "blocks": rest} if rest else text

    def list_block(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> dict[str, Any]:
        items: list[Any] = []
        i = start + 1
        while i < stop:
            item_close = closing(tokens, i)
            items.append(self.item(tokens, i, item_close, (*loc, "items", len(items))))
            i = item_close + 1
        block: dict[str, Any] = {"type": "list", "ordered": tokens[start].type.startswith("ord")}
        if block["ordered"]:
            first = tokens[start].attrGet("start")
            block["start"] = int(first) if first is not None else 1
        block["items"] = items
        return block

    def definition_list(
        self, tokens: list[Token], start: int, stop: int, loc: Loc
    ) -> dict[str, Any]:
        terms: list[dict[str, Any]] = []
        i = start + 1
        while i < stop:
            close = closing(tokens, i)
            if tokens[i].type == "dt_open":
                here = (*loc, "items", len(terms))
                self.locate(here, tokens[i])
                self.locate((*here, "term"), tokens[i])
                terms.append({"term": tokens[i + 1].content, "definitions": []})
            elif tokens[i].type == "dd_open":
                here = (*loc, "items", len(terms) - 1, "definitions")
                definitions = terms[-1]["definitions"]
                definitions.append(self.item(tokens, i, close, (*here, len(definitions))))
            i = close + 1
        return {"type": "definition_list", "items": terms}

    def table(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> dict[str, Any]:
        rows: list[list[str]] = []
        width = 0
        for index in range(start, stop):
            token = tokens[index]
            if token.type == "tr_open":
                if rows and token.map:
                    written = _cells(self.lines[token.map[0]])
                    if written != width:
                        fix = "add the missing cells" if written < width else "remove the extra"
                        self.problem(
                            token,
                            f"this row has {written} cells but the header has {width}; {fix}"
                            " (an empty cell is written | |)",
                            (*loc, "rows", len(rows) - 1),
                        )
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append(tokens[index + 1].content)
            elif token.type == "tr_close" and len(rows) == 1:
                width = len(rows[0])
        header = rows.pop(0) if rows else []
        return {"type": "table", "header": header, "rows": rows}

    def quote_or_callout(
        self, tokens: list[Token], start: int, stop: int, loc: Loc
    ) -> dict[str, Any] | None:
        first = tokens[start + 1]
        match = None
        if first.type == "paragraph_open":
            match = _CALLOUT.match(tokens[start + 2].content)
        if match is None:
            return self.quote(tokens, start, stop, loc)
        kind = match.group(1).lower()
        if kind not in CALLOUT_KINDS:
            self.problem(
                tokens[start],
                f"unknown callout marker [!{match.group(1)}]; use one of {_MARKERS},"
                " or drop the marker for a plain quotation",
                loc,
            )
            return None
        rest = tokens[start + 2].content[match.end() :]
        inner = self.blocks(tokens, start + 4, stop, (*loc, "blocks"))
        if rest.strip():
            inner.insert(0, paragraph_or_figure(rest))
        callout: dict[str, Any] = {"type": "callout", "kind": kind}
        if match.group(2).strip():
            callout["title"] = self.plain(first, match.group(2), (*loc, "title"))
        callout["blocks"] = inner
        return callout

    def quote(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> dict[str, Any]:
        inner = self.blocks(tokens, start + 1, stop, (*loc, "blocks"))
        quote: dict[str, Any] = {"type": "quote", "blocks": inner}
        last = inner[-1] if inner else None
        if last is not None and last.get("type") == "paragraph":
            lines = last["text"].split("\n")
            if lines[-1].lstrip().startswith(ATTRIBUTION_DASH):
                quote["attribution"] = lines[-1].lstrip()[len(ATTRIBUTION_DASH) :].strip()
                self.values[(*loc, "attribution")] = self.values.get(
                    (*loc, "blocks", len(inner) - 1), (self.line_of(tokens[start]), 1)
                )
                if len(lines) > 1:
                    last["text"] = "\n".join(lines[:-1])
                else:
                    inner.pop()
        return quote

    def footnote(self, tokens: list[Token], start: int, stop: int) -> None:
        loc: Loc = ("footnotes", len(self.footnotes))
        self.locate(loc, tokens[start])
        self.locate((*loc, "text"), tokens[start])
        inner = [j for j in range(start + 1, stop) if tokens[j].level == tokens[start].level + 1]
        texts = [tokens[j + 1].content for j in inner if tokens[j].type == "paragraph_open"]
        if len(inner) != 2 * len(texts) or len(texts) > 1:
            self.problem(tokens[start], "a footnote holds one paragraph of text", loc)
        self.footnotes.append({"id": tokens[start].meta["label"], "text": "\n".join(texts)})


def paragraph_or_figure(text: str) -> dict[str, Any]:
    """A paragraph, or a figure when the paragraph is a lone image."""
    match = _FIGURE.fullmatch(text.strip())
    if match is None:
        return {"type": "paragraph", "text": text}
    figure: dict[str, Any] = {
        "type": "figure",
        "src": match.group(2).strip("<>"),
        "alt": _unescape(match.group(1)),
    }
    if match.group(3) is not None:
        figure["caption"] = match.group(3).replace('\\"', '"')
    return figure
