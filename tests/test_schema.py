"""schemas/article.schema.json is generated from the model and kept in sync."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app
from ketadoc.schema import committed_schema_path, schema_text

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.md"))


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


def _described(value: object, node: dict[str, Any], defs: dict[str, Any], where: str) -> None:
    """Fail unless ``node`` of the schema describes ``value``: each key a property, each
    enumerated value listed, each block type a member of its union."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    choices = node.get("oneOf") or node.get("anyOf")
    if choices:
        mapping = node.get("discriminator", {}).get("mapping")
        if mapping and isinstance(value, dict):
            assert value["type"] in mapping, f"{where}: block type {value['type']!r}"
            target = {"$ref": mapping[value["type"]]}
            return _described(value, target, defs, where)
        errors = []
        for choice in choices:
            try:
                return _described(value, choice, defs, where)
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{where}: no alternative fits: {errors}")
    kinds = {"object": dict, "array": list, "string": str, "null": type(None)}
    if "type" in node and node["type"] in kinds:
        assert isinstance(value, kinds[node["type"]]), f"{where}: not {node['type']}"
    if "enum" in node or "const" in node:
        assert value in node.get("enum", [node.get("const")]), f"{where}: {value!r}"
    if isinstance(value, dict) and "properties" in node:
        for key, item in value.items():
            assert key in node["properties"], f"{where}: {key!r} is not described"
            _described(item, node["properties"][key], defs, f"{where}.{key}")
    elif isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            _described(item, node["items"], defs, f"{where}[{index}]")


@pytest.mark.parametrize("source", CORPUS, ids=[p.stem for p in CORPUS])
def test_schema_describes_every_field_and_block_of_the_leaflet_corpus(source: Path) -> None:
    # The corpus holds every construct a leaflet needs; its YAML/JSON form must be what
    # the schema an editor validates against describes.
    schema = json.loads(committed_schema_path().read_text(encoding="utf-8"))
    data = ketadoc.load(source).model_dump(mode="json", by_alias=True, exclude_none=True)
    _described(data, schema, schema["$defs"], source.stem)


def test_the_schema_walk_catches_what_the_schema_does_not_describe() -> None:
    schema = json.loads(committed_schema_path().read_text(encoding="utf-8"))
    bad = [
        {"title": "T", "sections": [{"heading": "H", "blocks": [{"type": "aside"}]}]},
        {"title": "T", "care_advice": [{"level": "soon", "text": "x"}]},
        {
            "title": "T",
            "risks": [{"name": "R", "severity": "mild", "action": "monitor", "how": "x"}],
        },
    ]
    for data in bad:
        with pytest.raises(AssertionError):
            _described(data, schema, schema["$defs"], "bad")
