"""ketadoc Markdown reader: YAML front matter plus a body of sections and FAQs.

Only block structure is read here; inline text is kept as source and parsed once, when
the model is validated. Problems with the structure (a skipped heading level, raw HTML, a
second FAQ section...) are collected and reported together with validation's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from ketadoc.errors import ContentError, Problem
from ketadoc.model.article import DEFAULT_FAQ_TITLE, FAQ_TITLES
from ketadoc.model.inline import InlineSyntaxError, Text, parse_inline
from ketadoc.model.walk import display_path
from ketadoc.readers.source import Loc, Position, SourceDocument
from ketadoc.readers.yaml import yaml_data

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["read_markdown"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING_ID = re.compile(r"\s*\{#([\w-]+)\}\s*$")
_FIGURE = re.compile(
    r'!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\)', re.S
)
_CALLOUT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)", re.I)
_TABLE_CAPTION = re.compile(r"(?:Table)?:\s+(.*)", re.S)
_BODY_KEYS = ("lead", "sections", "faqs", "faq_title")


@cache
def _block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.disable("inline")  # inline text is parsed once, by the model
    return md


def _unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@dataclass
class _Body:
    file: str
    offset: int
    problems: list[Problem] = field(default_factory=list)
    values: dict[Loc, Position] = field(default_factory=dict)

    def problem(self, token: Token, message: str, loc: Loc = ()) -> None:
        line = (token.map[0] if token.map else 0) + 1 + self.offset
        self.problems.append(Problem(message, display_path(loc), self.file, line, 1))

    def locate(self, loc: Loc, token: Token) -> None:
        if token.map:
            self.values.setdefault(loc, (token.map[0] + 1 + self.offset, 1))

    def heading_text(self, token: Token, inline: Token, loc: Loc) -> tuple[str, str | None]:
        source = inline.content
        anchor = None
        match = _HEADING_ID.search(source)
        if match:
            anchor, source = match.group(1), source[: match.start()]
        try:
            nodes = parse_inline(source)
        except (InlineSyntaxError, ValueError) as exc:  # ValueError: text XML cannot hold
            self.problem(token, str(exc), loc)
            return source.strip(), anchor
        if any(not isinstance(node, Text) for node in nodes):
            self.problem(token, "headings are plain text: remove the Markdown markup", loc)
        return "".join(n.text for n in nodes if isinstance(n, Text)).strip(), anchor

    def blocks(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> list[Any]:
        """Turn tokens[start:stop] (block level, no headings) into block data."""
        blocks: list[Any] = []
        i = start
        while i < stop:
            token = tokens[i]
            here = (*loc, len(blocks))
            close = _closing(tokens, i)
            kind = token.type
            if kind == "paragraph_open":
                text = tokens[i + 1].content
                caption = _TABLE_CAPTION.fullmatch(text)
                if caption and blocks and blocks[-1].get("type") == "table":
                    blocks[-1]["caption"] = caption.group(1)
                else:
                    self.locate(here, token)
                    blocks.append(_paragraph_or_figure(text))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.locate(here, token)
                blocks.append(self.list_block(tokens, i, close, here))
            elif kind == "table_open":
                self.locate(here, token)
                blocks.append(self.table(tokens, i, close))
            elif kind == "blockquote_open":
                self.locate(here, token)
                callout = self.callout(tokens, i, close, here)
                if callout is not None:
                    blocks.append(callout)
            elif kind == "html_block":
                self.problem(token, "raw HTML is not allowed; write \\< for a literal <", here)
            elif kind in ("fence", "code_block"):
                self.problem(token, "code blocks are not supported; use `inline code`", here)
            elif kind == "hr":
                self.problem(token, "horizontal rules are not supported; use a heading", here)
            else:  # pragma: no cover - token types the parser above cannot produce
                self.problem(token, f"unsupported Markdown block ({kind})", here)
            i = close + 1
        return blocks

    def list_block(self, tokens: list[Token], start: int, stop: int, loc: Loc) -> dict[str, Any]:
        items: list[str] = []
        i = start + 1
        while i < stop:
            item_close = _closing(tokens, i)
            depth = tokens[i].level + 1
            inner = [j for j in range(i + 1, item_close) if tokens[j].level == depth]
            if any(tokens[j].type not in ("paragraph_open", "paragraph_close") for j in inner):
                self.problem(
                    tokens[i],
                    "a list item holds text only; nested lists and other blocks are not supported",
                    (*loc, "items", len(items)),
                )
            texts = [tokens[j + 1].content for j in inner if tokens[j].type == "paragraph_open"]
            self.locate((*loc, "items", len(items)), tokens[i])
            items.append(" ".join(texts))
            i = item_close + 1
        block: dict[str, Any] = {"type": "list", "ordered": tokens[start].type.startswith("ord")}
        if block["ordered"]:
            first = tokens[start].attrGet("start")
            block["start"] = int(first) if first is not None else 1
        block["items"] = items
        return block

    def table(self, tokens: list[Token], start: int, stop: int) -> dict[str, Any]:
        header: list[str] = []
        rows: list[list[str]] = []
        for token_index in range(start, stop):
            token = tokens[token_index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append(tokens[token_index + 1].content)
        if rows:
            header = rows.pop(0)
        return {"type": "table", "header": header, "rows": rows}

    def callout(
        self, tokens: list[Token], start: int, stop: int, loc: Loc
    ) -> dict[str, Any] | None:
        first = tokens[start + 1]
        match = None
        if first.type == "paragraph_open":
            match = _CALLOUT.match(tokens[start + 2].content)
        if match is None:
            self.problem(
                tokens[start],
                "a block quote must be a callout: start it with > [!NOTE], [!TIP],"
                " [!IMPORTANT], [!WARNING] or [!CAUTION]",
                loc,
            )
            return None
        rest = tokens[start + 2].content[match.end() :]
        inner = self.blocks(tokens, start + 4, stop, (*loc, "blocks"))
        if rest.strip():
            inner.insert(0, _paragraph_or_figure(rest))
        return {"type": "callout", "kind": match.group(1).lower(), "blocks": inner}


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (itself when it has no children)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1  # pragma: no cover - markdown-it always balances tokens


def _paragraph_or_figure(text: str) -> dict[str, Any]:
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


def read_markdown(text: str, file: str = "<string>") -> SourceDocument:
    """Read ketadoc Markdown: front matter fields, then lead, sections and FAQs."""
    match = _FRONT_MATTER.match(text)
    data: dict[str, Any] = {}
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    body_offset = 0
    if match:
        loaded, values, keys = yaml_data(
            match.group(1) or "", file, line_offset=1, what="front matter"
        )
        if loaded is not None and not isinstance(loaded, dict):
            raise ContentError([Problem("front matter must be a mapping of fields", "", file, 2)])
        data = dict(loaded or {})
        body_offset = text.count("\n", 0, match.end())
        text = text[match.end() :]
    body = _Body(file, body_offset)
    tokens = _block_parser().parse(text)
    structure = _read_structure(body, tokens, data)
    for key in _BODY_KEYS:
        if key in structure:
            if key in data:
                line = keys.get((key,), (1, 1))[0]
                body.problems.append(
                    Problem(
                        "is given in the front matter and in the body; keep one", key, file, line
                    )
                )
            else:
                data[key] = structure[key]
    values.update(body.values)
    document = SourceDocument(data, file, values, keys)
    if body.problems:
        document.data["__reader_problems__"] = body.problems
    return document


def _read_structure(body: _Body, tokens: list[Token], data: dict[str, Any]) -> dict[str, Any]:
    lead_end = next((i for i, t in enumerate(tokens) if t.type == "heading_open"), len(tokens))
    result: dict[str, Any] = {}
    lead = body.blocks(tokens, 0, lead_end, ("lead",))
    if lead:
        result["lead"] = lead
    sections: list[dict[str, Any]] = []
    faqs: list[dict[str, Any]] = []
    faq_mode = False
    path: list[dict[str, Any]] = []  # open sections, outermost first
    i = lead_end
    while i < len(tokens):
        token = tokens[i]
        next_heading = next(
            (j for j in range(i + 3, len(tokens)) if tokens[j].type == "heading_open"), len(tokens)
        )
        level = int(token.tag[1])
        if level == 1:
            loc: Loc = ("title",)
            title, _ = body.heading_text(token, tokens[i + 1], loc)
            if "title" in data or sections or faqs:
                body.problem(
                    token, "only one title: use front matter `title` or a single # H1", loc
                )
            else:
                data["title"] = title
                body.locate(loc, token)
            if next_heading > i + 3:
                body.problem(
                    tokens[i + 3],
                    "text between the title and the first ## heading is"
                    " the lead: put it before the # title or drop the title line",
                    loc,
                )
        elif level == 2:
            heading_source = tokens[i + 1].content
            is_faq = bool(re.search(r"\{#faq\}\s*$", heading_source)) or (
                _HEADING_ID.sub("", heading_source).strip().rstrip(":").casefold() in FAQ_TITLES
            )
            if is_faq:
                loc = ("faq_title",)
                title, _ = body.heading_text(token, tokens[i + 1], loc)
                if faq_mode or faqs or "faqs" in result:
                    body.problem(token, "an article has at most one FAQ section", loc)
                if title != DEFAULT_FAQ_TITLE:  # the default needs no field: it round-trips
                    result["faq_title"] = title
                result.setdefault("faqs", [])
                body.locate(loc, token)
                faq_mode = True
                path = []
                _no_blocks(
                    body,
                    tokens,
                    i + 3,
                    next_heading,
                    "the FAQ section holds ### questions"
                    " only; move this text under a question or into another section",
                )
            else:
                faq_mode = False
                loc = ("sections", len(sections))
                section = _section(body, token, tokens[i + 1], loc)
                section["blocks"] = body.blocks(tokens, i + 3, next_heading, (*loc, "blocks"))
                sections.append(section)
                path = [section]
        elif faq_mode and level == 3:
            loc = ("faqs", len(faqs))
            question, anchor = body.heading_text(token, tokens[i + 1], (*loc, "question"))
            faq: dict[str, Any] = {"question": question}
            if anchor:
                faq["id"] = anchor
            body.locate(loc, token)
            body.locate((*loc, "question"), token)
            faq["answer"] = body.blocks(tokens, i + 3, next_heading, (*loc, "answer"))
            body.locate((*loc, "answer"), token)
            faqs.append(faq)
        elif faq_mode:
            body.problem(token, f"h{level} inside the FAQ section: each question is a ### heading")
        elif level in (3, 4) and len(path) >= level - 2:
            parent = path[level - 3]
            loc = (*parent["_loc"], "subsections", len(parent["subsections"]))
            section = _section(body, token, tokens[i + 1], loc)
            section["blocks"] = body.blocks(tokens, i + 3, next_heading, (*loc, "blocks"))
            parent["subsections"].append(section)
            path = [*path[: level - 2], section]
        else:
            above = len(path) + 1
            body.problem(
                token,
                f"heading level {level} follows level {above}; a level may not be skipped"
                if level <= 4
                else "headings go down to level 4 (####)",
                ("sections",),
            )
            _no_blocks(body, tokens, i + 3, next_heading, "")
        i = next_heading
    for section in sections:
        _drop_locs(section)
    if sections:
        result["sections"] = sections
    if "faqs" in result:
        result["faqs"] = faqs
    return result


def _section(body: _Body, token: Token, inline: Token, loc: Loc) -> dict[str, Any]:
    heading, anchor = body.heading_text(token, inline, (*loc, "heading"))
    body.locate(loc, token)
    body.locate((*loc, "heading"), token)
    section: dict[str, Any] = {"heading": heading, "subsections": [], "_loc": loc}
    if anchor:
        section["id"] = anchor
    return section


def _no_blocks(body: _Body, tokens: list[Token], start: int, stop: int, message: str) -> None:
    if start < stop and message:
        body.problem(tokens[start], message)


def _drop_locs(section: dict[str, Any]) -> None:
    section.pop("_loc", None)
    for sub in section["subsections"]:
        _drop_locs(sub)
