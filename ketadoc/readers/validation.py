"""Validate plain data into an Article once, turning every problem into a located one."""

from __future__ import annotations

import copy
import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ketadoc.errors import ContentError, Problem
from ketadoc.model.article import Article
from ketadoc.model.inline import cited_keys_in, footnote_ids_in
from ketadoc.model.text import slugify
from ketadoc.model.walk import display_path
from ketadoc.readers.source import Loc, SourceDocument
from ketadoc.readers.yaml import double_quoted

__all__ = ["validate_document"]

_PATTERN_HINTS = {
    "language": "is not a BCP 47 language tag such as en, en-US or es",
    "url": "must be an absolute http or https URL",
    "id": "ids use letters, digits, - and _, and start with a letter or digit",
    "slug": "a slug uses letters, digits, '.', '-' and '_'",
}


def validate_document(document: SourceDocument, base_dir: Path | None = None) -> Article:
    """Validate what a reader produced; raise ContentError listing every located problem."""
    data = dict(document.data)
    problems: list[Problem] = list(data.pop("__reader_problems__", []))
    context = {"base_dir": base_dir, "source": document}
    try:
        article = Article.model_validate(data, context=context)
    except ValidationError as exc:
        errors = exc.errors()
        problems.extend(_problem(error, data, document) for error in errors)
        if not any(error["type"] == "cross_check" for error in errors):
            # The model's cross-checks run only on valid fields: run them on a copy
            # whose faulty fields are patched, so one pass shows every problem.
            crossed = _cross_check_despite(errors, data, context)
            if crossed is None:  # could not be patched: the commonest cross-check
                problems.extend(_undefined_citations(data, document))
            else:
                problems.extend(_problem(error, data, document) for error in crossed)
    if problems:
        unique = dict.fromkeys(problems)  # one mistake found two ways is told once
        raise ContentError(sorted(unique, key=lambda p: (p.line or 0, p.column or 0)))
    return article


_PATCH_ROUNDS = 4
_MISSING = object()
_CHOICE = re.compile(r"'([^']*)'|(\d+)")
_BLOCK_LISTS = frozenset({"lead", "blocks", "answer"})
_PLACEHOLDERS: dict[str, Any] = {
    "severity": "mild",
    "action": "monitor",
    "level": "self_care",
    "answer": [{"type": "paragraph", "text": "x"}],
}
"""Values for required fields the patched copy cannot simply leave out; text fields get
``x``."""


def _cross_check_despite(
    errors: list[ErrorDetails], data: dict[str, Any], context: dict[str, Any]
) -> list[ErrorDetails] | None:
    """The cross-check errors of ``data`` once its field ``errors`` are patched over, or
    None when patching does not lead to a copy whose fields all validate.

    A faulty block becomes a paragraph that keeps the block's citations and footnote
    references, a faulty optional field is left out, a faulty required one gets a
    placeholder; list positions never move, so every cross-check error names the
    author's own field.
    """
    patched = copy.deepcopy(data)
    for _ in range(_PATCH_ROUNDS):
        progress = False
        for error in errors:
            progress |= _patch(patched, _data_loc(tuple(error["loc"]), patched), error)
        if not progress:
            return None
        try:
            Article.model_validate(patched, context=context)
        except ValidationError as exc:
            errors = exc.errors()
            if all(error["type"] == "cross_check" for error in errors):
                return errors
        else:
            return []
    return None


def _patch(data: Any, loc: Loc, error: ErrorDetails) -> bool:
    """Patch the value at ``loc`` of ``data`` in place; False when there is nothing to do."""
    kind = error["type"]
    for end in range(len(loc) - 1, 0, -1):
        container = _at(data, loc[: end - 1])
        if (
            isinstance(loc[end], int)
            and loc[end - 1] in _BLOCK_LISTS
            and isinstance(container, dict)
            and isinstance(container.get(loc[end - 1]), list)
        ):
            blocks = container[loc[end - 1]]
            return _replace(
                blocks, loc[end], {"type": "paragraph", "text": _references_of(blocks[loc[end]])}
            )
    if not loc:
        return False
    parent = _at(data, loc[:-1])
    name = loc[-1]
    value = _at(data, loc)
    if kind in ("union_tag_invalid", "union_tag_not_found") and isinstance(value, dict):
        return _replace(value, "type", _first_choice(error, "expected_tags"))
    if isinstance(parent, list) and isinstance(name, int) and 0 <= name < len(parent):
        if kind in ("model_type", "model_attributes_type", "dict_type"):
            return _replace(parent, name, {})  # its required fields get placeholders next
        if isinstance(value, dict):
            return False
        return _replace(parent, name, _references_of(value))
    if not isinstance(parent, dict) or not isinstance(name, str):
        return False
    if kind == "literal_error" and name != "level":
        if name == "type" and loc[:1] == ("about",):
            # A condition states no relation and can be named by one.
            parent.pop("treats", None)
            parent.pop("prevents", None)
            return _replace(parent, name, "condition")
        return _replace(parent, name, _first_choice(error, "expected"))
    if name in parent and kind != "missing":
        original = parent.pop(name)
        if name in ("heading", "question") and not parent.get("id"):
            # Keep the id the author's heading gives, so links to it still resolve.
            parent["id"] = slugify(str(original)) or "x"
        return True
    return _replace(parent, name, copy.deepcopy(_PLACEHOLDERS.get(name, "x")))


def _replace(container: Any, key: Any, value: Any) -> bool:
    """Set ``container[key]``; False when it already holds ``value`` (no progress)."""
    if isinstance(container, dict) and container.get(key, _MISSING) == value:
        return False
    if isinstance(container, list) and container[key] == value:
        return False
    container[key] = value
    return True


def _first_choice(error: ErrorDetails, name: str) -> Any:
    """The first value an enumeration error offers: ``'mild'`` of ``'mild', 'serious'``."""
    match = _CHOICE.search(str((error.get("ctx") or {}).get(name, "")))
    if match is None:
        return "x"
    return match.group(1) if match.group(1) is not None else int(match.group(2))


def _at(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        found = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if not found:
            return None
        node = node[part]
    return node


def _references_of(value: Any) -> str:
    """``x`` followed by the footnote references and citations written in ``value``."""
    texts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for item in node.values():
                collect(item)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(value)
    marks = [f"[^{ident}]" for text in texts for ident in footnote_ids_in(text)]
    marks += [f"[@{key}]" for text in texts for key in cited_keys_in(text)]
    return " ".join(("x", *marks))


def _undefined_citations(data: dict[str, Any], document: SourceDocument) -> list[Problem]:
    sources = data.get("citations", data.get("references"))
    defined = (
        {item.get("id") for item in sources if isinstance(item, dict)}
        if isinstance(sources, list)
        else set()
    )
    problems: list[Problem] = []

    def visit(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*loc, index))
        elif isinstance(value, str):
            in_key_list = loc[-2:-1] == ("citations",)
            for key in (value,) if in_key_list else cited_keys_in(value):
                if key not in defined:
                    message = f'no citation has id "{key}"'
                    if not in_key_list:
                        message = f"cites [@{key}] but {message}"
                    line, column = document.position(loc)
                    problems.append(
                        Problem(message, display_path(loc), document.file, line, column)
                    )

    for name, value in data.items():
        if name not in ("citations", "references"):
            visit(value, (name,))
    return problems


def _problem(error: ErrorDetails, data: dict[str, Any], document: SourceDocument) -> Problem:
    loc = _data_loc(tuple(error["loc"]), data)
    kind = error["type"]
    line, column = document.position(loc, key=kind == "extra_forbidden")
    return Problem(_message(error, loc, data), display_path(loc), document.file, line, column)


def _data_loc(loc: Loc, data: Any) -> Loc:
    """Drop union tags and member names Pydantic adds, keeping the path into the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            if part in node:
                path.append(part)
                node = node[part]
            elif part == node.get("type") or (part == "person" and "type" not in node):
                continue
            else:
                path.append(part)
                node = None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            break
    return tuple(path)


def _message(error: ErrorDetails, loc: Loc, data: dict[str, Any]) -> str:
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        known = _known_keys(loc, data)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else f"; known keys: {', '.join(known)}"
        return f"unknown key{_comma_hint(loc, data) or hint}"
    if kind == "literal_error":
        return f"{given!r} is not allowed; use one of {ctx.get('expected', '')}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = ctx.get("expected_tags", "")
        return f"unknown type {ctx.get('tag', given)!r}; use one of {tags}"
    if kind.startswith(("date_", "datetime_")):
        return f"{given!r} is not a date; write YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        name = str(loc[-1]) if loc else ""
        return f"{given!r} {_PATTERN_HINTS.get(name, 'has the wrong form')}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]


def _comma_hint(loc: Loc, data: dict[str, Any]) -> str:
    """In ``{name: Clinic, Hospital}`` YAML ends the value at the comma and reads
    ``Hospital`` as a key without a value: say so, with the quoted line to write."""
    parent: Any = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return ""
    if not isinstance(parent, dict) or parent.get(loc[-1], "") is not None:
        return ""
    keys = list(parent)
    at = keys.index(loc[-1])
    before = keys[at - 1] if at else None
    if before is None or not isinstance(parent[before], str):
        return ""
    quoted = double_quoted(f"{parent[before]}, {loc[-1]}")
    return (
        f"; a comma in {{...}} ends a value, so if it belongs to {before}, put the"
        f" value in quotes: {before}: {quoted}"
    )


def _known_keys(loc: Loc, data: dict[str, Any]) -> list[str]:
    model: type[BaseModel] | None = Article
    node: Any = data
    for part in loc[:-1]:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        if model is None:
            return []
        field = next((f for name, f in model.model_fields.items() if part in (name, f.alias)), None)
        node = node.get(part) if isinstance(node, dict) else None
        model = _model_in(field.annotation, node) if field else None
    if model is None:
        return []
    return sorted(f.alias or name for name, f in model.model_fields.items())


def _model_in(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model class an annotation holds (through Optional, tuples and tagged unions)."""
    item = node[0] if isinstance(node, list) and node else node
    candidates: list[type[BaseModel]] = []

    def collect(tp: Any) -> None:
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            candidates.append(tp)
        elif origin is typing.Annotated:
            collect(typing.get_args(tp)[0])
        elif origin in (typing.Union, types.UnionType, tuple):
            for arg in typing.get_args(tp):
                collect(arg)

    collect(annotation)
    if len(candidates) > 1 and isinstance(item, dict):
        for candidate in candidates:
            tag = candidate.model_fields.get("type")
            if tag is not None and tag.default == item.get("type", tag.default):
                return candidate
    return candidates[0] if candidates else None
