"""YAML reader: ruamel.yaml's round-trip loader keeps the line and column of every value."""

from __future__ import annotations

from functools import cache
from typing import Any

from ketadoc.errors import ContentError, Problem
from ketadoc.readers.source import Loc, Position, SourceDocument

__all__ = ["read_yaml", "yaml_data"]


def yaml_data(
    text: str, file: str, *, line_offset: int = 0, what: str = "YAML"
) -> tuple[Any, dict[Loc, Position], dict[Loc, Position]]:
    """Parse ``text``; return plain data and the value and key position maps.

    Raises ContentError, located, for a syntax error or a duplicate key.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    loader = YAML(typ="rt", pure=True)
    loader.Constructor = _constructor()
    try:
        tree = loader.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or str(exc)).strip()
        raise ContentError(
            [Problem(f"{what} syntax: {problem}", "", file, line + line_offset, column)]
        ) from None
    except YAMLError as exc:
        raise ContentError([Problem(f"{what} syntax: {exc}", "", file, 1 + line_offset)]) from None
    values: dict[Loc, Position] = {}
    keys: dict[Loc, Position] = {}
    data = _plain(tree, (), values, keys, line_offset)
    return data, values, keys


@cache
def _constructor() -> Any:
    from ruamel.yaml.constructor import RoundTripConstructor

    class DatesAsText(RoundTripConstructor):
        """Leave dates as text: the model parses them and reports bad ones with a location."""

    DatesAsText.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    return DatesAsText


def _plain(
    node: Any,
    loc: Loc,
    values: dict[Loc, Position],
    keys: dict[Loc, Position],
    offset: int,
) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(node, CommentedMap):
        if loc == ():
            values[loc] = (node.lc.line + 1 + offset, node.lc.col + 1)
        result: dict[str, Any] = {}
        for key, value in node.items():
            here = (*loc, str(key))
            key_line, key_col = node.lc.key(key)
            value_line, value_col = node.lc.value(key)
            keys[here] = (key_line + 1 + offset, key_col + 1)
            values[here] = (value_line + 1 + offset, value_col + 1)
            result[str(key)] = _plain(value, here, values, keys, offset)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            here = (*loc, index)
            item_line, item_col = node.lc.item(index)
            values[here] = (item_line + 1 + offset, item_col + 1)
            items.append(_plain(value, here, values, keys, offset))
        return items
    if isinstance(node, ScalarString):
        return str(node)
    if isinstance(node, bool | int | float | str) or node is None:
        return _scalar(node)
    return _scalar(node)


def _scalar(node: Any) -> Any:
    import datetime as dt

    # ruamel returns its own subclasses (TimeStamp, ScalarFloat...): plain types keep
    # Pydantic's strict checks and equality simple.
    if isinstance(node, dt.datetime):
        return dt.datetime(*node.timetuple()[:6])
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def read_yaml(text: str, file: str = "<string>") -> SourceDocument:
    """Read an article written as a YAML mapping."""
    data, values, keys = yaml_data(text, file)
    if not isinstance(data, dict):
        raise ContentError([Problem("the document must be a mapping of article fields", "", file)])
    return SourceDocument(data, file, values, keys)
