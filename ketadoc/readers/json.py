"""JSON reader: strict JSON values, positions from the YAML loader (JSON is YAML 1.2)."""

from __future__ import annotations

import json

from ketadoc.errors import ContentError, Problem
from ketadoc.readers.source import SourceDocument

__all__ = ["read_json"]


def read_json(text: str, file: str = "<string>") -> SourceDocument:
    """Read an article written as a JSON object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(
            [Problem(f"JSON syntax: {exc.msg}", "", file, exc.lineno, exc.colno)]
        ) from None
    if not isinstance(data, dict):
        raise ContentError([Problem("the document must be a JSON object", "", file)])
    from ketadoc.readers.yaml import yaml_data

    try:
        _, values, keys = yaml_data(text, file)
    except ContentError:
        values, keys = {}, {}  # valid JSON the YAML loader rejects: errors lose their line only
    return SourceDocument(data, file, values, keys)
