"""JSON-LD data as text: deterministic JSON, and the escaping an HTML ``<script>`` needs."""

from __future__ import annotations

from typing import Any

import pydantic_core

__all__ = ["jsonld_script", "script_safe", "to_json"]


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON text in the data's own key order; non-ASCII kept as is (the output is UTF-8)."""
    # pydantic-core's writer gives the same text as json.dumps(ensure_ascii=False) but
    # stays fast when indenting, where the standard library falls back to pure Python.
    return pydantic_core.to_json(data, indent=indent).decode("utf-8")


def script_safe(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>``: ``<``, ``>`` and ``&`` escaped.

    The escapes are JSON string escapes, so the data parse back unchanged, while no
    ``</script>``, ``<!--`` or entity can appear in the element's raw text.
    """
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def jsonld_script(text: str) -> str:
    """The JSON-LD text inside a ``<script type="application/ld+json">`` element."""
    return f'<script type="application/ld+json">\n{script_safe(text)}\n</script>'
