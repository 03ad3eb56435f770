"""What the article is about, as schema.org medical nodes, with the relations it states.

Every medical relation comes from a statement in the article, never from the mere
presence of two entities in ``about``:

- ``treats`` on a drug, therapy, vaccine or procedure: the condition's
  ``possibleTreatment`` points at it (a Drug, or a MedicalTherapy).
- ``prevents``: the condition's ``primaryPrevention`` points at a MedicalTherapy (the
  entity itself, or for a drug the therapy with that drug, linked by ``drug``).
- ``risks``: the side effects of the article's one intervention (or of its one therapy or
  vaccine, when the others are that therapy's drugs); they become ``adverseOutcome`` and
  ``seriousAdverseOutcome`` of a MedicalTherapy (Drug has no such properties; for a drug
  it is the therapy with that drug). With no such owner, or several, they are left out
  with a warning rather than attached to a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from types import MappingProxyType
from typing import TypedDict

from ketadoc.diagnostics import Diagnostic
from ketadoc.model.article import Article, Entity, EntityType, Risk
from ketadoc.model.text import slugify
from ketadoc.rendering.jsonld import schema_org as so

__all__ = ["ENTITY_TYPES", "medical_nodes"]

# The schema.org type of each kind of `about` entity. A vaccine is the preventive
# intervention schema.org calls a MedicalTherapy (primaryPrevention: "such as
# vaccination"); a procedure stated to treat or prevent is one too (MedicalTherapy is a
# MedicalProcedure), since only a MedicalTherapy can be a condition's treatment or prevention.
ENTITY_TYPES: MappingProxyType[EntityType, str] = MappingProxyType(
    {
        "drug": "Drug",
        "condition": "MedicalCondition",
        "therapy": "MedicalTherapy",
        "vaccine": "MedicalTherapy",
        "test": "MedicalTest",
        "procedure": "MedicalProcedure",
    }
)
_NODE_ORDER: tuple[EntityType, ...] = (
    "drug", "condition", "therapy", "vaccine", "test", "procedure"
)  # fmt: skip


def _schema_type(entity: Entity) -> str:
    if entity.type == "procedure" and (entity.treats or entity.prevents):
        return "MedicalTherapy"
    return ENTITY_TYPES[entity.type]


def _entity_id(base: str, kind: str, entity: Entity) -> str:
    return f"{base}#{kind}-{slugify(entity.name) or 'entity'}"


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _outcome(risk: Risk) -> so.MedicalEntity:
    description = risk.description.plain if risk.description else None
    return so.MedicalEntity(name=risk.name, description=description)


def _risk_owner(article: Article) -> tuple[Entity | None, str | None]:
    """The entity the risks belong to, or why there is none (a warning).

    The owner is the article's one intervention (anything but a condition) or, on a page
    about one therapy or vaccine that also names its drugs, that therapy.
    """
    interventions = [e for e in article.about if e.type != "condition"]
    therapies = [e for e in interventions if _schema_type(e) == "MedicalTherapy"]
    if len(interventions) == 1:
        owner = interventions[0]
    elif len(therapies) == 1 and all(e.type == "drug" for e in interventions if e not in therapies):
        owner = therapies[0]
    elif not interventions:
        return None, (
            "the risks are left out of the JSON-LD because `about` names no drug, therapy or"
            " vaccine to attach them to; add one, e.g. {type: drug, name: Ketamine}"
        )
    else:
        names = ", ".join(e.name for e in interventions)
        return None, (
            f"the risks are left out of the JSON-LD because `about` names {names}, and the"
            " risks do not say which of them they belong to"
        )
    if owner.type != "drug" and _schema_type(owner) != "MedicalTherapy":
        return None, (
            f"the risks are left out of the JSON-LD because schema.org has no side-effect"
            f" property for a {_schema_type(owner)} ({owner.name})"
        )
    return owner, None


def medical_nodes(article: Article, base: str) -> tuple[list[so.Node], list[str], list[Diagnostic]]:
    """The nodes of the ``about`` entities; the ids ``about`` points at; warnings."""
    conditions = {
        _key(name): condition
        for condition in article.about
        if condition.type == "condition"
        for name in (condition.name, *condition.alternate_names)
    }
    treatments: dict[str, list[so.Ref]] = defaultdict(list)
    preventions: dict[str, list[so.Ref]] = defaultdict(list)
    drug_therapies: dict[str, Entity] = {}  # drugs that need a MedicalTherapy of their own

    owner, warning = _risk_owner(article) if article.risks else (None, None)
    if owner is not None and owner.type == "drug":
        drug_therapies[owner.name] = owner
    for entity in article.about:
        own_id = _entity_id(base, entity.type, entity)
        for name in entity.treats:
            treatments[conditions[_key(name)].name].append(so.Ref(id=own_id))
        for name in entity.prevents:
            if entity.type == "drug":
                drug_therapies[entity.name] = entity
                target = _entity_id(base, "therapy", entity)
            else:
                target = own_id
            preventions[conditions[_key(name)].name].append(so.Ref(id=target))

    nodes: list[so.Node] = []
    about: list[str] = []
    for kind in _NODE_ORDER:
        for entity in (e for e in article.about if e.type == kind):
            node_id = _entity_id(base, kind, entity)
            about.append(node_id)
            nodes.append(
                _entity_node(
                    entity,
                    node_id,
                    treatments.get(entity.name, ()),
                    preventions.get(entity.name, ()),
                    article.risks if entity is owner else (),
                )
            )
    for drug in drug_therapies.values():
        nodes.append(
            so.MedicalTherapy(
                id=_entity_id(base, "therapy", drug),
                name=drug.name,
                alternate_name=drug.alternate_names or None,
                drug=(so.Ref(id=_entity_id(base, "drug", drug)),),
                **_outcomes(article.risks if drug is owner else ()),
            )
        )
    located = Diagnostic(warning, field="risks", level="warning") if warning else None
    return nodes, about, [located] if located else []


class _Names(TypedDict):
    id: str
    name: str
    alternate_name: tuple[str, ...] | None
    same_as: tuple[str, ...] | None


class _Outcomes(TypedDict):
    adverse_outcome: tuple[so.MedicalEntity, ...] | None
    serious_adverse_outcome: tuple[so.MedicalEntity, ...] | None


def _outcomes(risks: tuple[Risk, ...]) -> _Outcomes:
    mild = tuple(_outcome(r) for r in risks if r.severity != "serious")
    serious = tuple(_outcome(r) for r in risks if r.severity == "serious")
    return _Outcomes(adverse_outcome=mild or None, serious_adverse_outcome=serious or None)


def _entity_node(
    entity: Entity,
    node_id: str,
    treatments: Sequence[so.Ref],
    preventions: Sequence[so.Ref],
    risks: tuple[Risk, ...],
) -> so.MedicalSubject:
    names = _Names(
        id=node_id,
        name=entity.name,
        alternate_name=entity.alternate_names or None,
        same_as=(entity.url,) if entity.url else None,
    )
    kind = _schema_type(entity)
    if kind == "MedicalCondition":
        return so.MedicalCondition(
            **names,
            possible_treatment=tuple(treatments) or None,
            primary_prevention=tuple(preventions) or None,
        )
    if kind == "MedicalTherapy":
        return so.MedicalTherapy(**names, **_outcomes(risks))
    node_class = {"Drug": so.Drug, "MedicalTest": so.MedicalTest}.get(kind, so.MedicalProcedure)
    return node_class(**names)
