"""YAML reader: libyaml (through PyYAML) keeps the line and column of every node.

Only the node tree is taken from PyYAML; scalars are resolved here, with the YAML 1.2
rules a modern author expects: ``no`` and ``on`` stay text (no "Norway problem"), and
dates stay text so the model parses them and reports a bad one where it is written.
"""

from __future__ import annotations

import re
from typing import Any

from ketadoc.diagnostics import display_path
from ketadoc.errors import ContentError, Problem
from ketadoc.readers.source import Loc, Position, SourceDocument

__all__ = ["double_quoted", "read_yaml", "yaml_data"]

_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
# A dot is required, as PyYAML's writer quotes only such strings: "1e3" stays text.
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?")


def yaml_data(
    text: str,
    file: str,
    *,
    line_offset: int = 0,
    what: str = "YAML",
    problems: list[Problem] | None = None,
) -> tuple[Any, dict[Loc, Position], dict[Loc, Position]]:
    """Parse ``text``; return plain data and the value and key position maps.

    Raises ContentError, located, for a syntax error. A duplicate key or a value YAML
    reads as a comment is added to ``problems`` when given (so the caller can report it
    with the rest), else raised.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or str(exc)).strip()
        lines = text.splitlines()
        problem += _quote_hint(lines[line - 1] if mark and line <= len(lines) else "", problem)
        raise ContentError(
            [Problem(f"{what} syntax: {problem}", "", file, line + line_offset, column)]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(f"{what} syntax: {exc}", "", file, 1 + line_offset)]) from None
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    if root is None:
        return None, values, keys
    builder = _Builder(file, line_offset, values, keys, text.splitlines())
    data = builder.build(root, ())
    if builder.problems:
        if problems is None:
            raise ContentError(builder.problems)
        problems.extend(builder.problems)
    return data, values, keys


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w-]+:\s+)(.*?)\s*$")


def double_quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, for a fix an error message shows."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quote_hint(line: str, problem: str) -> str:
    """The fix for a plain value that YAML misreads because of ": " or " #" in it."""
    match = _KEY_VALUE.match(line)
    if match is None or match.group(2)[:1] in "\"'[{|>":
        return ""
    value = match.group(2)
    if ": " in value or "mapping values" in problem:
        reason = 'the value holds ": "'
    elif "#" in value:
        reason = 'the value holds "#"'
    else:
        return ""
    return f"; {reason}, so put it in quotes: {match.group(1).strip()} {double_quoted(value)}"


class _Builder:
    def __init__(
        self,
        file: str,
        offset: int,
        values: dict[Loc, Position],
        keys: dict[Loc, Position],
        lines: list[str],
    ) -> None:
        self.file = file
        self.offset = offset
        self.values = values
        self.keys = keys
        self.lines = lines
        self.problems: list[Problem] = []

    def position(self, node: Any) -> Position:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node: Any, loc: Loc) -> Any:
        import yaml

        self.values.setdefault(loc, self.position(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(self.build(key_node, (*loc, "<key>")))
                here = (*loc, key)
                if key in result:
                    line, column = self.position(key_node)
                    self.problems.append(
                        Problem(f'the key "{key}" is given twice', key, self.file, line, column)
                    )
                    continue
                self.keys[here] = self.position(key_node)
                result[key] = self.build(value_node, here)
            self.values.pop((*loc, "<key>"), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        if node.value == "" and not node.style:
            comment = self.comment_value(node)
            if comment is not None:
                return self.misread_comment(node, loc, comment)
        return _scalar(node.value, node.style)

    def comment_value(self, node: Any) -> str | None:
        """The text after an empty plain value when it looks like a value, not a comment:
        ``title: #1 guide`` (YAML reads from `` #`` on as a comment, leaving ``title``
        empty); a comment is written ``# note``, with a space."""
        mark = node.start_mark
        if mark.line >= len(self.lines):
            return None
        rest: str = self.lines[mark.line][mark.column :].strip()
        if len(rest) > 1 and rest[0] == "#" and not rest[1].isspace():
            return rest
        return None

    def misread_comment(self, node: Any, loc: Loc, comment: str) -> str:
        line, _ = self.position(node)
        written = self.lines[node.start_mark.line]
        column = written.index("#", node.start_mark.column) + 1
        match = _KEY_VALUE.match(written)
        lead = match.group(1).strip() + " " if match else "- " * written.lstrip().startswith("- ")
        quoted = double_quoted(comment)
        self.problems.append(
            Problem(
                'the value starts with "#", which YAML reads as the start of a comment,'
                f" so the value is empty; put it in quotes: {lead}{quoted}",
                display_path(loc),
                self.file,
                line,
                column,
            )
        )
        # Validation sees what the author meant, so the same value is not reported
        # again as empty or missing.
        return comment


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted, literal or folded: always text
        return value
    if _NULL.fullmatch(value):
        return None
    if _TRUE.fullmatch(value):
        return True
    if _FALSE.fullmatch(value):
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def read_yaml(text: str, file: str = "<string>") -> SourceDocument:
    """Read an article written as a YAML mapping."""
    problems: list[Problem] = []
    data, values, keys = yaml_data(text, file, problems=problems)
    if not isinstance(data, dict):
        raise ContentError([Problem("the document must be a mapping of article fields", "", file)])
    if problems:
        data["__reader_problems__"] = problems
    return SourceDocument(data, file, values, keys)
