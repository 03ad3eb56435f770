"""The schema.org nodes ketadoc writes, as a small serialization model.

This keeps the vocabulary out of the domain model: the builder maps an Article to these
classes, and only these classes know schema.org's property names. Field order is the
key order of the output, so the JSON is deterministic. Every type and property here
exists in schema.org 30.0; add nothing that does not.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

__all__ = [
    "CONTEXT",
    "Answer",
    "CreativeWork",
    "Drug",
    "FAQPage",
    "MedicalAudience",
    "MedicalCondition",
    "MedicalEntity",
    "MedicalProcedure",
    "MedicalSubject",
    "MedicalTest",
    "MedicalTherapy",
    "MedicalWebPage",
    "Node",
    "Organization",
    "Periodical",
    "Person",
    "PropertyValue",
    "PublicationIssue",
    "PublicationVolume",
    "Question",
    "Ref",
    "dump",
]

CONTEXT = "https://schema.org"


class Node(BaseModel):
    """A JSON-LD node: ``@type`` and an optional ``@id`` come first."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, alias_generator=to_camel
    )

    type: str | tuple[str, ...] = Field(alias="@type")
    id: str | None = Field(None, alias="@id")


class Ref(BaseModel):
    """A reference to a node defined elsewhere in the graph: ``{"@id": ...}``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(alias="@id")


class PropertyValue(Node):
    """An identifier such as a DOI: ``propertyID`` names the scheme."""

    type: str = Field("PropertyValue", alias="@type")
    property_id: str = Field(alias="propertyID")
    value: str


class Organization(Node):
    type: str = Field("Organization", alias="@type")
    name: str
    url: str | None = None


class Person(Node):
    """A person; credentials go to ``honorificSuffix``, never into ``name``."""

    type: str = Field("Person", alias="@type")
    name: str
    honorific_suffix: str | None = None
    job_title: str | None = None
    affiliation: Organization | None = None
    url: str | None = None


class Periodical(Node):
    type: str = Field("Periodical", alias="@type")
    name: str


class PublicationVolume(Node):
    type: str = Field("PublicationVolume", alias="@type")
    volume_number: str | None = None
    is_part_of: Periodical | None = None


class PublicationIssue(Node):
    type: str = Field("PublicationIssue", alias="@type")
    issue_number: str | None = None
    is_part_of: PublicationVolume | Periodical | None = None


class CreativeWork(Node):
    """A cited work: ScholarlyArticle, Book, Report, WebPage or plain CreativeWork."""

    type: str = Field("CreativeWork", alias="@type")
    name: str
    author: tuple[Person | Organization, ...] | None = None
    date_published: str | None = None
    is_part_of: PublicationIssue | PublicationVolume | Periodical | None = None
    pagination: str | None = None
    publisher: Organization | None = None
    identifier: tuple[PropertyValue, ...] | None = None
    same_as: tuple[str, ...] | None = None
    url: str | None = None


class Answer(Node):
    type: str = Field("Answer", alias="@type")
    text: str


class Question(Node):
    """A question: ``name`` is plain text, exactly one ``acceptedAnswer``."""

    type: str = Field("Question", alias="@type")
    name: str
    accepted_answer: Answer


class MedicalEntity(Node):
    """A risk, as the value of ``adverseOutcome`` or ``seriousAdverseOutcome``."""

    type: str = Field("MedicalEntity", alias="@type")
    name: str
    description: str | None = None


class MedicalSubject(Node):
    """What the page is about: a name, other names and an authoritative page (``sameAs``)."""

    type: str = Field("MedicalEntity", alias="@type")
    name: str
    alternate_name: tuple[str, ...] | None = None
    same_as: tuple[str, ...] | None = None


class Drug(MedicalSubject):
    type: str = Field("Drug", alias="@type")


class MedicalTest(MedicalSubject):
    type: str = Field("MedicalTest", alias="@type")


class MedicalProcedure(MedicalSubject):
    type: str = Field("MedicalProcedure", alias="@type")


class MedicalTherapy(MedicalSubject):
    """A therapy, vaccine or the use of a drug; it carries the risks (Drug has no such
    property) and, for a drug, names it with ``drug``."""

    type: str = Field("MedicalTherapy", alias="@type")
    drug: tuple[Ref, ...] | None = None
    adverse_outcome: tuple[MedicalEntity, ...] | None = None
    serious_adverse_outcome: tuple[MedicalEntity, ...] | None = None


class MedicalCondition(MedicalSubject):
    """A condition, with only the treatments and preventions the article states."""

    type: str = Field("MedicalCondition", alias="@type")
    possible_treatment: tuple[Ref, ...] | None = None
    primary_prevention: tuple[Ref, ...] | None = None


class MedicalAudience(Node):
    """``Patient`` (a MedicalAudience subtype), or MedicalAudience with an audienceType."""

    type: str = Field("MedicalAudience", alias="@type")
    audience_type: str | None = None


class FAQPage(Node):
    """The FAQ page alone (``scope="faq"``), for pages that already carry page markup."""

    type: str | tuple[str, ...] = Field("FAQPage", alias="@type")
    url: str | None = None
    name: str | None = None
    in_language: str | None = None
    main_entity: tuple[Question, ...]


class MedicalWebPage(Node):
    """The page, typed ``["MedicalWebPage", "FAQPage"]`` when it holds FAQs."""

    type: str | tuple[str, ...] = Field("MedicalWebPage", alias="@type")
    url: str | None = None
    name: str
    headline: str
    description: str | None = None
    in_language: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    last_reviewed: str | None = None
    reviewed_by: tuple[Person | Organization, ...] | None = None
    author: tuple[Person | Organization, ...] | None = None
    publisher: Organization | None = None
    medical_audience: MedicalAudience | None = None
    about: tuple[Ref, ...] | None = None
    citation: tuple[CreativeWork, ...] | None = None
    main_entity: tuple[Question, ...] | None = None


def dump(node: BaseModel) -> dict[str, Any]:
    """The node as JSON-ready data: aliases as keys, empty values left out."""
    return node.model_dump(mode="json", by_alias=True, exclude_none=True)
