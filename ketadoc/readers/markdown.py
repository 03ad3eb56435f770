"""ketadoc Markdown reader: YAML front matter plus a body of sections and FAQs.

Only block structure is read here; inline text is kept as source and parsed once, when
the model is validated. Problems with the structure (a skipped heading level, raw HTML, a
second FAQ section...) are collected and reported together with validation's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ketadoc.errors import ContentError, Problem
from ketadoc.model.article import DEFAULT_FAQ_TITLE, FAQ_TITLES
from ketadoc.readers.markdown_blocks import BlockReader, block_parser
from ketadoc.readers.source import Loc, Position, SourceDocument
from ketadoc.readers.yaml import yaml_data

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["read_markdown"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING_ID = re.compile(r"\s*\{#([\w-]+)\}\s*$")
_BODY_KEYS = ("lead", "sections", "faqs", "faq_title", "footnotes")


class _Body(BlockReader):
    def heading_text(self, token: Token, inline: Token, loc: Loc) -> tuple[str, str | None]:
        source = inline.content
        anchor = None
        match = _HEADING_ID.search(source)
        if match:
            anchor, source = match.group(1), source[: match.start()]
        return self.plain(token, source, loc, "headings are"), anchor


def read_markdown(text: str, file: str = "<string>") -> SourceDocument:
    """Read ketadoc Markdown: front matter fields, then lead, sections and FAQs."""
    match = _FRONT_MATTER.match(text)
    data: dict[str, Any] = {}
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    body_offset = 0
    front_problems: list[Problem] = []
    if match:
        loaded, values, keys = yaml_data(
            match.group(1) or "", file, line_offset=1, what="front matter", problems=front_problems
        )
        if loaded is not None and not isinstance(loaded, dict):
            raise ContentError([Problem("front matter must be a mapping of fields", "", file, 2)])
        data = dict(loaded or {})
        body_offset = text.count("\n", 0, match.end())
        text = text[match.end() :]
    body = _Body(file, body_offset, text.split("\n"))
    body.problems.extend(front_problems)
    tokens = block_parser().parse(text)
    structure = _read_structure(body, tokens, data)
    if body.footnotes:
        structure["footnotes"] = body.footnotes
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
