"""The article and its parts: the single source of truth every exporter reads."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ketadoc.diagnostics import Locator
from ketadoc.model.base import Frozen
from ketadoc.model.blocks import Block
from ketadoc.model.citation import Citation
from ketadoc.model.cross_checks import cross_problems
from ketadoc.model.ids import RISKS_SECTION_ID, assign_ids, with_level
from ketadoc.model.inline import InlineText
from ketadoc.model.text import NonEmptyText, PlainText
from ketadoc.model.walk import located_texts

__all__ = [
    "Article",
    "Audience",
    "CareAdvice",
    "CareLevel",
    "Entity",
    "EntityType",
    "Faq",
    "Footnote",
    "Frequency",
    "Organization",
    "Person",
    "Risk",
    "Section",
]

DEFAULT_FAQ_TITLE = "Frequently Asked Questions"
FAQ_TITLES = ("frequently asked questions", "faq", "faqs")
EntityType = Literal["drug", "condition", "therapy", "vaccine", "test", "procedure"]
CareLevel = Literal["self_care", "call_doctor", "urgent", "emergency"]
Frequency = Literal["very_common", "common", "uncommon", "rare", "very_rare", "not_known"]
"""EU SmPC / CIOMS frequency bands: very common (1 in 10 or more) ... very rare (fewer
than 1 in 10,000), not known (cannot be estimated from the data)."""
Audience = Literal["patient", "caregiver", "clinician", "general"]
_BCP47 = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
_ID = r"^[\w][\w-]*$"
Url = Annotated[str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$")]


class Person(Frozen):
    """A person who wrote or reviewed the article. Credentials stay out of ``name``."""

    type: Literal["person"] = "person"
    name: NonEmptyText
    credentials: PlainText | None = Field(None, description='Post-nominal letters, e.g. "MD".')
    job_title: PlainText | None = None
    affiliation: PlainText | None = None
    url: Url | None = None


class Organization(Frozen):
    """An organisation: an author, a reviewing board or the publisher."""

    type: Literal["organization"] = "organization"
    name: NonEmptyText
    url: Url | None = None
    logo: PlainText | None = Field(None, description="Logo image, relative to the article.")


def _contributor_kind(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("type", "person"))
    return str(getattr(value, "type", "person"))


Contributor = Annotated[
    Annotated[Person, Tag("person")] | Annotated[Organization, Tag("organization")],
    Discriminator(_contributor_kind),
]


class Entity(Frozen):
    """What the article is about: a drug, condition, therapy, vaccine, test or procedure.

    ``treats`` and ``prevents`` state a relation to another ``about`` entity, a condition;
    they are the only source of medical relations in the JSON-LD.
    """

    type: EntityType
    name: NonEmptyText
    alternate_names: tuple[NonEmptyText, ...] = ()
    url: Url | None = None
    treats: tuple[NonEmptyText, ...] = Field(
        (), description="Names of the `about` conditions this drug, therapy or procedure treats."
    )
    prevents: tuple[NonEmptyText, ...] = Field(
        (), description="Names of the `about` conditions this vaccine, drug or therapy prevents."
    )


def _frequency_band(value: Any) -> Any:
    return "not_known" if value == "unknown" else value


class Risk(Frozen):
    """A side effect or risk: what it is like, what to do about it, how often it happens."""

    name: NonEmptyText
    description: InlineText | None = Field(None, description="What it is like.")
    advice: InlineText | None = Field(None, description="What to do about it.")
    frequency: Annotated[
        Frequency,
        BeforeValidator(_frequency_band),
        WithJsonSchema(
            {
                "enum": [*typing.get_args(Frequency), "unknown"],
                "type": "string",
                "description": "SmPC band: very_common (1 in 10 or more), common (1 in 100"
                " to 1 in 10), uncommon (1 in 1,000 to 1 in 100), rare (1 in 10,000 to 1"
                " in 1,000), very_rare (fewer than 1 in 10,000), not_known; unknown is"
                " read as not_known.",
            }
        ),
    ] = "not_known"
    severity: Literal["mild", "moderate", "serious"]
    action: Literal["monitor", "call_doctor", "emergency"]
    citations: tuple[str, ...] = Field((), description="Keys of citations supporting this risk.")


class CareAdvice(Frozen):
    """When and how to get help: self care, call your doctor, urgent (get help today:
    urgent care, NHS 111), or emergency."""

    level: CareLevel
    text: InlineText


class Section(Frozen):
    """A section (level 2) or subsection (levels 3 and 4) with its blocks."""

    id: Annotated[str, Field(pattern=_ID)] = Field(
        "", description="Stable anchor; defaults to a slug of the heading."
    )
    heading: NonEmptyText
    level: Literal[2, 3, 4] = 2
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and every subsection, in document order."""
        yield self
        for sub in self.subsections:
            yield from sub.walk()


class Faq(Frozen):
    """A question (plain text) and its answer (blocks)."""

    id: Annotated[str, Field(pattern=_ID)] = Field(
        "", description="Stable anchor; defaults to a slug of the question."
    )
    question: NonEmptyText
    answer: tuple[Block, ...]

    @field_validator("answer")
    @classmethod
    def _answer_not_empty(cls, answer: tuple[Block, ...]) -> tuple[Block, ...]:
        if not answer:
            raise ValueError("must not be empty")
        return answer


class Footnote(Frozen):
    """A footnote: referenced as ``[^id]`` in text, written ``[^id]: note`` in Markdown."""

    id: Annotated[str, Field(pattern=_ID)]
    text: InlineText

    @field_validator("text")
    @classmethod
    def _not_empty(cls, text: InlineText) -> InlineText:
        if not text:
            raise ValueError("must not be empty")
        if text.footnote_ids:
            raise ValueError("a footnote cannot refer to another footnote")
        return text


class Article(Frozen):
    """A structured health article, validated once and read by every exporter."""

    title: NonEmptyText
    subtitle: PlainText | None = None
    description: PlainText | None = Field(None, description="One or two plain sentences.")
    slug: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = Field(
        None, description="Output file name stem; defaults to the source file's stem."
    )
    language: Annotated[str, Field(pattern=_BCP47)] = Field("en", description="BCP 47 tag.")
    region: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None,
        description=(
            "ISO 3166-1 alpha-2 region the article is written for (GB, IE, US, ES...):"
            " emergency numbers and the regulator follow it. Absent: the language tag's"
            " territory (en-GB -> GB)."
        ),
    )
    url: Url | None = Field(None, description="Canonical URL of the online version.")
    date_published: dt.date | None = None
    date_modified: dt.date | None = None
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = Field(None, description="When the next review is due.")
    authors: tuple[Contributor, ...] = ()
    reviewers: tuple[Contributor, ...] = ()
    publisher: Organization | None = None
    audience: Audience = "patient"
    about: tuple[Entity, ...] = ()
    key_points: tuple[InlineText, ...] = ()
    warnings: tuple[InlineText, ...] = ()
    regulatory_status: InlineText | None = None
    lead: tuple[Block, ...] = Field((), description="Blocks before the first section.")
    sections: tuple[Section, ...] = ()
    faq_title: PlainText | None = Field(None, description="Heading of the FAQ section.")
    faqs: tuple[Faq, ...] = ()
    risks: tuple[Risk, ...] = ()
    care_advice: tuple[CareAdvice, ...] = ()
    questions_to_ask: tuple[InlineText, ...] = ()
    citations: tuple[Citation, ...] = Field((), validation_alias="citations")
    footnotes: tuple[Footnote, ...] = Field((), description="Notes referenced as [^id].")
    disclaimer: InlineText | None = None
    handout: Literal["all"] | tuple[Annotated[str, Field(pattern=_ID)], ...] | None = Field(
        None,
        description="Body sections the handout prints: section ids, or all. Absent: all when"
        " the article has no summary fields, else none.",
    )

    _base_dir: Path | None = PrivateAttr(default=None)
    _source: Locator | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Equal content is an equal article, wherever it was loaded from.
        if not isinstance(other, Article):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = Frozen.__hash__

    @property
    def base_dir(self) -> Path | None:
        """The folder the article was loaded from; relative figure paths resolve here."""
        return self._base_dir

    @property
    def source(self) -> Locator | None:
        """Where each value was written (file, line, column), for an article read by a
        reader; checks and build warnings use it to point at the source."""
        return self._source

    def citation(self, key: str) -> Citation:
        """The citation with id ``key``; KeyError if there is none."""
        for item in self.citations:
            if item.id == key:
                return item
        raise KeyError(key)

    def footnote_numbers(self) -> dict[str, int]:
        """Footnote id -> number, numbered in order of first reference."""
        numbers: dict[str, int] = {}
        for text in self.inline_texts():
            for ident in text.footnote_ids:
                numbers.setdefault(ident, len(numbers) + 1)
        return numbers

    def footnote(self, ident: str) -> Footnote:
        """The footnote with id ``ident``; KeyError if there is none."""
        for note in self.footnotes:
            if note.id == ident:
                return note
        raise KeyError(ident)

    @property
    def risks_section(self) -> Section | None:
        """The section marked ``{#risks}``, where the side-effects table is placed."""
        return next((s for s in self.all_sections() if s.id == RISKS_SECTION_ID), None)

    def all_sections(self) -> Iterator[Section]:
        """Every section and subsection in document order."""
        for section in self.sections:
            yield from section.walk()

    def citation_order(self) -> tuple[str, ...]:
        """Cited keys in order of first citation (for numbered references), then the rest."""
        seen: dict[str, None] = {}
        for text in self.inline_texts():
            for key in text.cited_keys:
                seen.setdefault(key, None)
        for risk in self.risks:
            for key in risk.citations:
                seen.setdefault(key, None)
        for item in self.citations:
            seen.setdefault(item.id, None)
        return tuple(seen)

    def inline_texts(self) -> Iterator[InlineText]:
        """Every inline text in reading order (front matter fields, then body)."""
        for _, text in located_texts(self):
            yield text

    @model_validator(mode="before")
    @classmethod
    def _fill_structure(cls, data: Any) -> Any:
        """Accept ``references`` (pandoc, Zotero); give sections levels, sections and FAQs ids."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "references" in data:
            if "citations" in data:
                raise PydanticCustomError("duplicate", "give `citations` or `references`, not both")
            data["citations"] = data.pop("references")
        if isinstance(data.get("sections"), list | tuple):
            data["sections"] = [with_level(s, 2) for s in data["sections"]]
        return assign_ids(data)

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> Article:
        if info.context and info.context.get("base_dir") is not None:
            self._base_dir = Path(info.context["base_dir"])
        if info.context and info.context.get("source") is not None:
            self._source = info.context["source"]
        today = (info.context or {}).get("today") or dt.date.today()
        problems = list(cross_problems(self, today))
        if problems:
            raise ValidationError.from_exception_data(
                "Article",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("cross_check", message), loc=loc, input=None
                    )
                    for loc, message in problems
                ],
            )
        return self


Section.model_rebuild()
