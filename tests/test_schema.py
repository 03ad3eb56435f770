"""schemas/article.schema.json is generated from the model and kept in sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app
from ketadoc.schema import committed_schema_path, schema_text


def test_committed_schema_is_up_to_date() -> None:
    result = CliRunner().invoke(app, ["schema", "--check"])
    assert result.exit_code == 0, (
        "schemas/article.schema.json is stale; run: ketadoc schema --write\n" + result.stderr
    )


def test_stale_schema_fails_with_the_command_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "article.schema.json"
    stale.write_text("{}\n")
    monkeypatch.setattr("ketadoc.schema.committed_schema_path", lambda: stale)
    result = CliRunner().invoke(app, ["schema", "--check"])
    assert result.exit_code == 1
    assert "run: ketadoc schema --write" in result.stderr


def test_schema_describes_the_article_and_carries_the_example() -> None:
    schema = json.loads(committed_schema_path().read_text(encoding="utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"title", "sections", "faqs", "citations", "risks"} <= set(schema["properties"])
    assert schema["required"] == ["title"]
    assert schema["properties"]["language"]["description"]
    risk = schema["$defs"]["Risk"]["properties"]
    assert risk["severity"]["enum"] == ["mild", "moderate", "serious"]
    # The example in the schema is itself a valid article in the YAML/JSON form.
    example = ketadoc.Article.model_validate(schema["examples"][0])
    assert example.title == "Does Ketamine Help With Anxiety?"
    assert len(example.faqs) == 8


def test_schema_command_prints_what_write_writes() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_text()


def test_yaml_and_json_forms_load_like_markdown(example: ketadoc.Article, tmp_path: Path) -> None:
    data = example.model_dump(mode="json", by_alias=True, exclude_none=True)
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    import yaml

    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert ketadoc.load(tmp_path / "a.json") == example
    assert ketadoc.load(tmp_path / "a.yaml") == example


def test_references_is_accepted_for_citations(example: ketadoc.Article) -> None:
    data = example.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["references"] = data.pop("citations")
    assert ketadoc.Article.model_validate(data) == example
    data["citations"] = data["references"]
    with pytest.raises(ketadoc.ContentError, match="not both"):
        ketadoc.loads(json.dumps(data), "json")
