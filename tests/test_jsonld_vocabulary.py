"""Every type and property in the JSON-LD exists in schema.org 30.0 and fits its domain and range.

The output is expanded with pyld against a vendored copy of schema.org's context (never the
network), then checked against ``tests/data/schemaorg/vocabulary.json``, derived once from
the schema.org release (see ``tests/data/schemaorg/PROVENANCE.md``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonld_sources import SOURCES, source_id
from pyld import jsonld

import ketadoc

SCHEMAORG = Path(__file__).resolve().parent / "data" / "schemaorg"
VOCAB = json.loads((SCHEMAORG / "vocabulary.json").read_text(encoding="utf-8"))
CLASSES: dict[str, list[str]] = VOCAB["classes"]
PROPERTIES: dict[str, dict[str, list[str]]] = VOCAB["properties"]
DATA_TYPES = set(VOCAB["data_types"])
SUPERSEDED = set(VOCAB["superseded"])
SCHEMA = re.compile(r"^https?://schema\.org/(.+)$")
CONTEXT_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}
LEXICAL = {
    "Date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "DateTime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"),
    "URL": re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.IGNORECASE),
}  # fmt: skip


@functools.cache
def _context() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAORG / "context.jsonld").read_text(encoding="utf-8"))
    return data


def _offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url not in CONTEXT_URLS:
        raise AssertionError(f"the JSON-LD asked for {url}; only the schema.org context is served")
    return {"contextUrl": None, "documentUrl": url, "document": _context()}


@functools.cache
def _ancestors(name: str) -> frozenset[str]:
    found = {name}
    for parent in CLASSES.get(name, ()):
        found |= _ancestors(parent)
    return frozenset(found)


def _term(iri: str) -> str:
    match = SCHEMA.match(iri)
    assert match, f"{iri} is not a schema.org term"
    return match.group(1)


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "@value" in value:
            return
        if "@type" in value:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def _fits(value: dict[str, Any], ranges: list[str], index: dict[str, set[str]]) -> bool:
    """Whether one expanded value fits one of a property's ranges."""
    if "@value" in value:
        literal, kind = value["@value"], value.get("@type")
        if kind is not None:
            name = _term(kind)
            fitting = [r for r in ranges if r in _ancestors(name)]
            return bool(fitting) and bool(LEXICAL.get(name, re.compile("")).match(str(literal)))
        if isinstance(literal, bool):
            return "Boolean" in ranges
        if isinstance(literal, int | float):
            return bool({"Number", "Integer", "Float"} & set(ranges))
        return any(
            "Text" in _ancestors(r) and (r not in LEXICAL or LEXICAL[r].match(literal))
            for r in ranges
        )
    types = {_term(t) for t in value.get("@type", ())} or index.get(value.get("@id", ""), set())
    if not types:  # an outside IRI, such as a url or sameAs value
        return "URL" in ranges and bool(LEXICAL["URL"].match(value["@id"]))
    return any(r in _ancestors(t) for t in types for r in ranges)


def vocabulary_problems(data: dict[str, Any]) -> list[str]:
    """Every way ``data`` departs from the schema.org vocabulary (empty when it fits)."""
    dropped: list[str] = []
    expanded = jsonld.expand(
        data,
        {"documentLoader": _offline_loader, "base": None},
        on_property_dropped=dropped.append,
    )
    problems = [f"{term}: dropped, not a schema.org term" for term in dropped]
    nodes = list(_nodes(expanded))
    index = {n["@id"]: {_term(t) for t in n["@type"]} for n in nodes if "@id" in n}
    for node in nodes:
        types = {_term(t) for t in node["@type"]}
        where = node.get("@id") or "/".join(sorted(types))
        for kind in types:
            if kind not in CLASSES or kind in DATA_TYPES:
                problems.append(f"{where}: {kind} is not a schema.org type")
            elif kind in SUPERSEDED:
                problems.append(f"{where}: {kind} is superseded")
        for key, values in node.items():
            if key.startswith("@"):
                continue
            name = _term(key)
            if name not in PROPERTIES or name in SUPERSEDED:
                problems.append(f"{where}: {name} is not a current schema.org property")
                continue
            domain, ranges = PROPERTIES[name]["domain"], PROPERTIES[name]["range"]
            if not any(d in _ancestors(t) for t in types for d in domain):
                problems.append(f"{where}: {name} does not apply to {sorted(types)}")
            for value in values:
                if not _fits(value, ranges, index):
                    problems.append(f"{where}: {name} = {value} is not one of {ranges}")
    return problems


@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_every_term_exists_and_fits_its_domain_and_range(source: Path) -> None:
    article = ketadoc.load(source)
    scopes = ("page", "faq") if article.faqs else ("page",)
    for scope in scopes:
        data = json.loads(
            ketadoc.export(article, "jsonld", scope=scope, base_url="https://example.org/h").text
        )
        assert vocabulary_problems(data) == [], f"{source.name} ({scope})"


@pytest.mark.parametrize(
    ("node", "words"),
    [
        ({"@type": "Drug", "name": "X", "adverseOutcome": {"@type": "MedicalEntity", "name": "Y"}},
         "adverseOutcome does not apply to ['Drug']"),
        ({"@type": "MedicalCondition", "name": "X", "primaryPrevention": {"@type": "Drug"}},
         "primaryPrevention = "),
        ({"@type": "MedicalWebPage", "doi": "10.1/x"}, "doi is not a current schema.org property"),
        ({"@type": "Vaccine", "name": "X"}, "Vaccine is not a schema.org type"),
        ({"@type": "WebPage", "lastReviewed": "March 2024"}, "lastReviewed = "),
        ({"@type": "WebPage", "url": "/relative"}, "url = "),
    ],
)  # fmt: skip
def test_the_check_finds_what_does_not_fit(node: dict[str, Any], words: str) -> None:
    problems = vocabulary_problems({"@context": "https://schema.org", **node})
    assert any(words in p for p in problems), problems


def test_every_csl_type_maps_to_a_creative_work() -> None:
    from ketadoc.rendering.jsonld.citations import CSL_TYPES

    for csl_type, schema_type in CSL_TYPES.items():
        assert "CreativeWork" in _ancestors(schema_type), (csl_type, schema_type)
        assert schema_type not in SUPERSEDED


def test_every_about_type_maps_to_a_medical_entity() -> None:
    from ketadoc.rendering.jsonld.medical import ENTITY_TYPES

    for kind, schema_type in ENTITY_TYPES.items():
        assert "MedicalEntity" in _ancestors(schema_type), kind
