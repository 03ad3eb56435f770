"""Inline Markdown: a typed tree parsed once, when the model is validated.

Text fields of the model hold :class:`InlineText`. It accepts a string of inline
Markdown (emphasis, strong, code, links, pandoc citations ``[@key]``, footnote references
``[^id]``, sub- and superscript ``H~2~O``, ``mm^2^``, hard line breaks) and keeps both
the source and the parsed nodes, so exporters walk nodes and never parse text again.
Two values are equal when they mean the same thing: ``\\# a`` equals ``# a``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from ketadoc.model.text import check_xml_safe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

__all__ = [
    "Cite",
    "Code",
    "Emphasis",
    "FootnoteRef",
    "Inline",
    "InlineText",
    "LineBreak",
    "Link",
    "Strong",
    "Subscript",
    "Superscript",
    "Text",
    "parse_inline",
    "raw_html_message",
]

LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A link; ``href`` is http(s), mailto, tel, or ``#id`` of a section or FAQ."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Cite:
    """A pandoc citation ``[@a; @b]``: the keys, in the order written."""

    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A pandoc footnote reference ``[^id]``; the note is in ``Article.footnotes``."""

    id: str


@dataclass(frozen=True, slots=True)
class Subscript:
    """Pandoc subscript ``H~2~O``: plain text, no markup inside."""

    text: str


@dataclass(frozen=True, slots=True)
class Superscript:
    """Pandoc superscript ``mm^2^``: plain text, no markup inside."""

    text: str


Inline: TypeAlias = (
    Text
    | Code
    | LineBreak
    | Emphasis
    | Strong
    | Link
    | Cite
    | FootnoteRef
    | Subscript
    | Superscript
)

_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"
_CITATION = re.compile(rf"\[\s*@({_KEY}(?:\s*;\s*@{_KEY})*)\s*\]")
_CITATION_KEY = re.compile(rf"@({_KEY})")


def cited_keys_in(source: str) -> tuple[str, ...]:
    """Keys cited in raw inline Markdown, without parsing it (code spans are not skipped)."""
    return tuple(
        key for match in _CITATION.finditer(source) for key in _CITATION_KEY.findall(match.group(0))
    )


_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\]")


def footnote_ids_in(source: str) -> tuple[str, ...]:
    """Footnote ids referenced in raw inline Markdown (``[^id]``), without parsing it."""
    return tuple(_FOOTNOTE_REF.findall(source))


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = _FOOTNOTE_REF.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": match.group(1)}
    state.pos = match.end()
    return True


# Pandoc's H~2~O and mm^2^: no unescaped space inside, and (unlike mdit-py-plugins'
# rules, which let an escaped line break in) no line break.
_SUB_SUP = {
    "~": re.compile(r"~((?:[^~\s\\]|\\[^\n])+)~"),
    "^": re.compile(r"\^((?:[^\^\s\\]|\\[^\n])+)\^"),
}


def _sub_sup_rule(state: StateInline, silent: bool) -> bool:
    pattern = _SUB_SUP.get(state.src[state.pos])
    match = pattern.match(state.src, state.pos, state.posMax) if pattern else None
    if match is None or (state.pos > 0 and state.src[state.pos - 1] == match.group()[0]):
        return False  # ~~strikeout~~ is not subscript
    if match.end() < state.posMax and state.src[match.end()] == match.group()[0]:
        return False
    if not silent:
        token = state.push("sub" if match.group()[0] == "~" else "sup", "", 0)
        token.content = re.sub(r"\\(.)", r"\1", match.group(1))
    state.pos = match.end()
    return True


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"keys": tuple(_CITATION_KEY.findall(match.group(0)))}
    state.pos = match.end()
    return True


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.inline.ruler.after("emphasis", "sub_sup", _sub_sup_rule)
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.inline.ruler.before("link", "footnote_ref", _footnote_rule)
    # markdown-it quietly turns javascript: and file: links into text; let every link
    # through so the scheme check below reports them instead.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


class InlineSyntaxError(ValueError):
    """Inline Markdown that ketadoc does not accept (raw HTML, a bad link...)."""


def _build(tokens: list[Token]) -> tuple[Inline, ...]:
    stack: list[tuple[str, str, list[Inline]]] = [("root", "", [])]

    def emit(node: Inline) -> None:
        children = stack[-1][2]
        if isinstance(node, Text) and children and isinstance(children[-1], Text):
            children[-1] = Text(children[-1].text + node.text)
        elif not (isinstance(node, Text) and node.text == ""):
            children.append(node)

    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special"):
            emit(Text(token.content))
        elif kind == "softbreak":
            emit(Text(" "))
        elif kind == "hardbreak":
            emit(LineBreak())
        elif kind == "code_inline":
            emit(Code(token.content))
        elif kind == "citation":
            emit(Cite(token.meta["keys"]))
        elif kind == "footnote_ref":
            emit(FootnoteRef(token.meta["id"]))
        elif kind == "sub":
            emit(Subscript(token.content))
        elif kind == "sup":
            emit(Superscript(token.content))
        elif kind in ("em_open", "strong_open"):
            stack.append((kind, "", []))
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            if not (href.startswith(LINK_SCHEMES) or re.fullmatch(r"#[\w-]+", href)):
                raise InlineSyntaxError(
                    f'link "{href}" is not allowed: use an http, https, mailto or tel URL,'
                    " or #id of a section or FAQ"
                )
            stack.append((kind, href, []))
        elif kind in ("em_close", "strong_close", "link_close"):
            opened, href, children = stack.pop()
            node: Inline
            if opened == "em_open":
                node = Emphasis(tuple(children))
            elif opened == "strong_open":
                node = Strong(tuple(children))
            else:
                node = Link(href, tuple(children))
            emit(node)
        elif kind == "html_inline":
            raise InlineSyntaxError(raw_html_message(token.content))
        elif kind == "image":
            raise InlineSyntaxError(
                "an image must stand alone in its own paragraph (a figure), with alt text"
            )
        else:  # pragma: no cover - markdown-it rules we did not enable
            raise InlineSyntaxError(f"unsupported inline Markdown ({kind})")
    return tuple(stack[0][2])


_HTML_FIXES = (
    (re.compile(r"<br\s*/?>", re.I), "for a line break end the line with \\ or two spaces"),
    (re.compile(r"</?sub\b", re.I), "for subscript write H~2~O"),
    (re.compile(r"</?sup\b", re.I), "for superscript write mm^2^"),
    (re.compile(r"</?(?:b|strong)\b", re.I), "for bold write **text**"),
    (re.compile(r"</?(?:i|em)\b", re.I), "for emphasis write *text*"),
)


def raw_html_message(tag: str) -> str:
    """Why raw HTML is refused, with the Markdown that does the same."""
    fix = next((fix for pattern, fix in _HTML_FIXES if pattern.match(tag)), None)
    hint = fix or "write \\< for a literal <"
    return f"raw HTML {tag!r} is not allowed; {hint}"


def parse_inline(source: str) -> tuple[Inline, ...]:
    """Parse inline Markdown into nodes; raise InlineSyntaxError for what is not allowed."""
    check_xml_safe(source)
    blocks = _parser().parseInline(source.strip())
    return _build(blocks[0].children or []) if blocks else ()


class InlineText:
    """Inline Markdown text, parsed once. ``str(x)`` gives the source back."""

    __slots__ = ("nodes", "source")

    json_schema_description: ClassVar[str] = (
        "Inline Markdown: *emphasis*, **strong**, `code`, [links](https://...), citations"
        " [@key], footnotes [^id], H~2~O, mm^2^, a line break as a trailing \\ or two spaces."
    )

    def __init__(self, source: str) -> None:
        self.source = source.strip()
        self.nodes = parse_inline(self.source)

    def __str__(self) -> str:
        return self.source

    def __repr__(self) -> str:
        return f"InlineText({self.source!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, InlineText):
            return self.nodes == other.nodes
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.nodes)

    def __bool__(self) -> bool:
        return bool(self.nodes)

    def walk(self) -> Iterator[Inline]:
        """Every node, depth first."""
        yield from _walk(self.nodes)

    @property
    def plain(self) -> str:
        """The text a reader sees, without markup or citation markers."""
        return plain_text(self.nodes)

    @property
    def footnote_ids(self) -> tuple[str, ...]:
        return tuple(node.id for node in self.walk() if isinstance(node, FootnoteRef))

    @property
    def cited_keys(self) -> tuple[str, ...]:
        return tuple(key for node in self.walk() if isinstance(node, Cite) for key in node.keys)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> InlineText:
            if isinstance(value, InlineText):
                return value
            if isinstance(value, dict) and len(value) == 1:
                [(key, rest)] = value.items()
                raise ValueError(
                    f'must be text, but YAML read "{key}: {rest}" as a key and a value;'
                    f' put the text in quotes: "{key}: {rest}"'
                )
            if not isinstance(value, str):
                raise ValueError("must be text (inline Markdown)")
            try:
                return cls(value)
            except InlineSyntaxError as exc:
                raise ValueError(str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: value.source, when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "description": cls.json_schema_description}


def _walk(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in nodes:
        yield node
        if isinstance(node, Emphasis | Strong | Link):
            yield from _walk(node.children)


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """Concatenate the visible text of ``nodes``; citations and footnote references become
    nothing, line breaks a space."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code | Subscript | Superscript):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(plain_text(node.children))
    return re.sub(r"\s+", " ", "".join(parts)).strip()
