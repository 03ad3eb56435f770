"""``schemas/article.schema.json``: generated from the model, kept in sync by a check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ketadoc.model.article import Article
from ketadoc.resources import example_path, resource_dir

__all__ = ["SCHEMA_ID", "article_schema", "committed_schema_path", "schema_text"]

SCHEMA_ID = "https://ketadoc.example.org/schemas/article.schema.json"


def article_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of an article in its YAML/JSON form, with an example."""
    from ketadoc.readers import load

    schema = Article.model_json_schema(mode="validation", by_alias=True)
    example = load(example_path()).model_dump(mode="json", by_alias=True, exclude_none=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": (
            "A structured health article for ketadoc. Text fields hold inline Markdown;"
            " `references` is accepted as another name for `citations`."
        ),
        "examples": [example],
    }


def schema_text() -> str:
    """The schema as it is written to the file: indented JSON, final newline."""
    return json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n"


def committed_schema_path() -> Path:
    """Where the generated schema is kept (in the source tree, or inside the wheel)."""
    return resource_dir("schemas") / "article.schema.json"
