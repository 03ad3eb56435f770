"""Every medical relation in the JSON-LD is traced back to a statement in the article.

Listing two entities in ``about`` states nothing about how they relate. A relation is
stated only by ``treats`` / ``prevents`` on an ``about`` entity; the risks are stated to
belong to the article's one therapy or vaccine or, when it names none, to its one drug.
The test fails on any relation, and on any property linking medical nodes, it cannot trace.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonld_sources import SOURCES, TESTS, source_id

import ketadoc
from ketadoc.model.article import Article, Entity

# Properties that describe a node rather than relate it to another one.
DESCRIPTIVE = {"@type", "@id", "name", "alternateName", "sameAs", "description", "url"}
# How each kind of `about` entity is typed (schema.org's own types; see README).
SCHEMA_TYPES = {
    "drug": {"Drug"},
    "condition": {"MedicalCondition"},
    "therapy": {"MedicalTherapy"},
    "vaccine": {"MedicalTherapy"},
    "test": {"MedicalTest"},
    "procedure": {"MedicalProcedure", "MedicalTherapy"},
}
MEDICAL_TYPES = set().union(*SCHEMA_TYPES.values())


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _entity(article: Article, name: str) -> Entity | None:
    return next((e for e in article.about if _key(e.name) == _key(name)), None)


def _names(entity: Entity) -> set[str]:
    return {_key(n) for n in (entity.name, *entity.alternate_names)}


def _types(node: dict[str, Any]) -> set[str]:
    kind = node["@type"]
    return {kind} if isinstance(kind, str) else set(kind)


def _stated(entity: Entity, relation: str, condition: Entity) -> bool:
    return any(_key(name) in _names(condition) for name in getattr(entity, relation))


def _risk_owner(article: Article) -> Entity | None:
    """The entity the article states its risks belong to, if it states one: its one
    intervention, or its one therapy or vaccine when the others are drugs."""
    interventions = [e for e in article.about if e.type != "condition"]
    if len(interventions) == 1:
        return interventions[0]
    therapies = [
        e
        for e in interventions
        if e.type in ("therapy", "vaccine") or (e.type == "procedure" and (e.treats or e.prevents))
    ]
    others = [e for e in interventions if e not in therapies]
    if len(therapies) == 1 and all(e.type == "drug" for e in others):
        return therapies[0]
    return None


def unstated_claims(article: Article, data: dict[str, Any]) -> list[str]:
    """Each relation in ``data`` that no statement in ``article`` makes."""
    graph = data["@graph"]
    nodes = {node["@id"]: node for node in graph if "@id" in node}
    problems: list[str] = []

    def target(ref: dict[str, Any]) -> dict[str, Any]:
        return nodes[ref["@id"]]

    page = graph[0]
    listed = [target(ref)["name"] for ref in page.get("about", ())]
    if sorted(map(_key, listed)) != sorted(_key(e.name) for e in article.about):
        problems.append(f"about lists {listed}, the article {[e.name for e in article.about]}")
    for node in graph[1:]:
        entity = _entity(article, node["name"])
        where = f'{"/".join(sorted(_types(node)))} "{node["name"]}"'
        if entity is None or not _types(node) <= MEDICAL_TYPES:
            problems.append(f"{where} stands for no `about` entity")
            continue
        allowed = SCHEMA_TYPES[entity.type]
        if entity.type == "drug" and "drug" in node:
            allowed = {"MedicalTherapy"}  # the use of the drug; `drug` is traced below
        if _types(node) - allowed:
            problems.append(f"{where}: a {entity.type} typed {sorted(_types(node))}")
        for key, values in node.items():
            if key in DESCRIPTIVE:
                continue
            for value in values if isinstance(values, list) else [values]:
                problems.extend(
                    f"{where} {key}: {p}" for p in _trace(article, entity, key, value, target)
                )
    return problems


def _trace(article: Article, entity: Entity, key: str, value: Any, target: Any) -> list[str]:
    if key in ("possibleTreatment", "primaryPrevention"):
        relation = "treats" if key == "possibleTreatment" else "prevents"
        other = _entity(article, target(value)["name"])
        if entity.type != "condition" or other is None or not _stated(other, relation, entity):
            return [f'"{target(value)["name"]}": no `{relation}` states it']
        return []
    if key == "drug":
        drug = target(value)
        if entity.type != "drug" or _key(drug["name"]) != _key(entity.name):
            return [f'"{drug["name"]}": the article states no therapy with this drug']
        return []
    if key in ("adverseOutcome", "seriousAdverseOutcome"):
        serious = key == "seriousAdverseOutcome"
        risks = {_key(r.name) for r in article.risks if (r.severity == "serious") == serious}
        if entity is not _risk_owner(article):
            return [f'"{value["name"]}": the article does not say these are its side effects']
        if _key(value["name"]) not in risks:
            return [f'"{value["name"]}" is not one of the article\'s risks of that severity']
        return []
    return [f"{value}: a relation this test cannot trace to a statement"]


@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_every_medical_relation_is_stated(source: Path) -> None:
    article = ketadoc.load(source)
    data = json.loads(ketadoc.export(article, "jsonld", base_url="https://example.org/h").text)
    assert unstated_claims(article, data) == []


def _load(name: str, **edits: str) -> tuple[Article, dict[str, Any]]:
    text = (TESTS / "jsonld" / name).read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    article = ketadoc.loads(text, "md")
    return article, json.loads(ketadoc.export(article, "jsonld").text)


def _by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["name"]: node for node in data["@graph"][1:]}


def _relations(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    ids = {node["@id"]: node["name"] for node in data["@graph"]}
    return {
        (node["name"], key, ids[ref["@id"]])
        for node in data["@graph"][1:]
        for key in ("possibleTreatment", "primaryPrevention")
        for ref in node.get(key, ())
    }


def test_a_leaflet_listing_another_condition_claims_no_treatment() -> None:
    article, data = _load("sertraline-diabetes.md")
    assert _relations(data) == set()
    nodes = _by_name(data)
    assert nodes["Diabetes"]["@type"] == "MedicalCondition"
    assert "possibleTreatment" not in json.dumps(data)
    assert unstated_claims(article, data) == []


def test_a_stated_treatment_is_the_only_one() -> None:
    article, data = _load(
        "sertraline-diabetes.md",
        **{"name: Sertraline,": "name: Sertraline, treats: [Depression],"},
    )
    assert _relations(data) == {("Depression", "possibleTreatment", "Sertraline")}
    nodes = _by_name(data)
    treatment = nodes["Depression"]["possibleTreatment"]
    assert treatment == [{"@id": "https://example.org/medicines/sertraline#drug-sertraline"}]
    assert unstated_claims(article, data) == []


def test_a_vaccine_is_not_published_as_a_treatment() -> None:
    article, data = _load("flu-vaccine.md")
    assert _relations(data) == set()
    vaccine = _by_name(data)["Flu vaccine"]
    assert vaccine["@type"] == "MedicalTherapy"
    # the page's side effects are the vaccine's: it is the one thing the page is about
    assert [o["name"] for o in vaccine["seriousAdverseOutcome"]] == ["Severe allergic reaction"]
    assert unstated_claims(article, data) == []


def test_a_stated_prevention_is_primary_prevention() -> None:
    article, data = _load(
        "flu-vaccine.md", **{"name: Flu vaccine,": "name: Flu vaccine, prevents: [Flu],"}
    )
    assert _relations(data) == {("Influenza", "primaryPrevention", "Flu vaccine")}
    assert "possibleTreatment" not in json.dumps(data)
    assert unstated_claims(article, data) == []


def test_a_drug_that_prevents_is_given_as_a_therapy_with_that_drug() -> None:
    article, data = _load(
        "sertraline-diabetes.md",
        **{"name: Sertraline,": "name: Sertraline, prevents: [Depression],"},
    )
    nodes = {node["@id"]: node for node in data["@graph"]}
    [ref] = _by_name(data)["Depression"]["primaryPrevention"]
    therapy = nodes[ref["@id"]]
    assert therapy["@type"] == "MedicalTherapy"
    assert nodes[therapy["drug"][0]["@id"]]["@type"] == "Drug"
    assert unstated_claims(article, data) == []


def test_the_trace_catches_an_invented_relation() -> None:
    article, data = _load("sertraline-diabetes.md")
    nodes = _by_name(data)
    nodes["Diabetes"]["possibleTreatment"] = [{"@id": nodes["Sertraline"]["@id"]}]
    nodes["Depression"]["typicalTest"] = [{"@id": nodes["Sertraline"]["@id"]}]
    problems = unstated_claims(article, data)
    assert any('possibleTreatment: "Sertraline": no `treats`' in p for p in problems), problems
    assert any("typicalTest" in p and "cannot trace" in p for p in problems), problems


def test_risks_of_several_treatments_are_left_out_with_a_warning() -> None:
    article = ketadoc.loads(
        "---\ntitle: Two inhalers\nurl: https://example.org/two\nabout:\n"
        "  - {type: drug, name: Salbutamol}\n  - {type: drug, name: Budesonide}\n"
        "risks: [{name: Shaking, severity: mild, action: monitor}]\n---\n\nText.\n",
        "md",
    )
    rendered = ketadoc.export(article, "jsonld")
    assert "adverseOutcome" not in rendered.text
    assert any("Salbutamol, Budesonide" in w.message for w in rendered.warnings), rendered.warnings


def test_risks_of_a_test_are_left_out_with_a_warning() -> None:
    article = ketadoc.loads(
        "---\ntitle: Colonoscopy\nurl: https://example.org/c\nabout:\n"
        "  - {type: test, name: Colonoscopy}\n  - {type: condition, name: Colon polyps}\n"
        "risks: [{name: Bleeding, severity: serious, action: emergency}]\n---\n\nText.\n",
        "md",
    )
    rendered = ketadoc.export(article, "jsonld")
    assert "seriousAdverseOutcome" not in rendered.text
    assert any("MedicalTest (Colonoscopy)" in w.message for w in rendered.warnings), (
        rendered.warnings
    )
