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
from ketadoc.model.blocks import MAX_LIST_DEPTH, Block, DefinitionList, ListBlock
from ketadoc.model.citation import Citation
from ketadoc.model.inline import InlineText, Link
from ketadoc.model.text import NonEmptyText, PlainText, slugify
from ketadoc.model.walk import Loc, located_blocks, located_sections, located_texts

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
_CANNOT_TREAT = frozenset({"condition", "test"})
RISKS_SECTION_ID = "risks"
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


def _about_problems(about: tuple[Entity, ...]) -> Iterator[tuple[Loc, str]]:
    """Unique names; each ``treats``/``prevents`` name is one ``about`` condition."""
    first_of: dict[str, int] = {}
    for index, entity in enumerate(about):
        first = first_of.setdefault(_entity_key(entity.name), index)
        if first != index:
            yield ("about", index, "name"), f'"{entity.name}" already names about[{first}]'
    conditions = [e for e in about if e.type == "condition"]
    for index, entity in enumerate(about):
        for relation in ("treats", "prevents"):
            targets = getattr(entity, relation)
            if targets and entity.type in _CANNOT_TREAT:
                yield (
                    ("about", index, relation),
                    f"a {entity.type} does not {relation[:-1]}; state it on the drug, therapy,"
                    " vaccine or procedure",
                )
                continue
            for position, target in enumerate(targets):
                key = _entity_key(target)
                matches = [
                    c.name
                    for c in conditions
                    if key in {_entity_key(n) for n in (c.name, *c.alternate_names)}
                ]
                if len(matches) == 1:
                    continue
                if matches:
                    problem = f'"{target}" could be any of {", ".join(matches)}; use the name'
                elif key in first_of:
                    kind = about[first_of[key]].type
                    problem = f'"{target}" is a {kind}; {relation} names a condition'
                else:
                    known = ", ".join(c.name for c in conditions) or "none"
                    problem = (
                        f'"{target}" is not an `about` condition; add'
                        f" {{type: condition, name: {target}}} to `about` (conditions: {known})"
                    )
                yield ("about", index, relation, position), problem


def _entity_key(name: str) -> str:
    return " ".join(name.casefold().split())


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
            data["sections"] = [_with_level(s, 2) for s in data["sections"]]
        return assign_ids(data)

    @model_validator(mode="after")
    def _cross_check(self, info: ValidationInfo) -> Article:
        if info.context and info.context.get("base_dir") is not None:
            self._base_dir = Path(info.context["base_dir"])
        if info.context and info.context.get("source") is not None:
            self._source = info.context["source"]
        today = (info.context or {}).get("today") or dt.date.today()
        problems = list(_cross_problems(self, today))
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


def _with_level(section: Any, level: int) -> Any:
    if not isinstance(section, dict):
        return section
    section = dict(section)
    section.setdefault("level", level)
    if isinstance(section.get("subsections"), list | tuple):
        section["subsections"] = [_with_level(s, level + 1) for s in section["subsections"]]
    return section


def _cross_problems(article: Article, today: dt.date) -> Iterator[tuple[Loc, str]]:
    """Checks that need the whole article: ids, citations, links, levels, dates."""
    if isinstance(article.handout, tuple):
        for index, ident in enumerate(article.handout):
            if not any(section.id == ident for section in article.sections):
                yield ("handout", index), f'no level-2 section has the id "{ident}"'
    anchors: dict[str, Loc] = {}
    for loc, section, parents in located_sections(article):
        depth = len(parents) + 2
        if section.level != depth:
            yield (
                (*loc, "level"),
                (
                    f"is {section.level} but this section sits at heading level {depth};"
                    " a level may not be skipped"
                ),
            )
        if section.id in anchors:
            yield (*loc, "id"), f'"{section.id}" is already used; ids must be unique'
        anchors[section.id] = loc
    questions: dict[str, int] = {}
    for index, faq in enumerate(article.faqs):
        if faq.id in anchors:
            yield ("faqs", index, "id"), f'"{faq.id}" is already used; ids must be unique'
        anchors[faq.id] = ("faqs", index)
        folded = " ".join(faq.question.casefold().split())
        if folded in questions:
            first = questions[folded]
            yield ("faqs", index, "question"), f"repeats faqs[{first}]; questions must be unique"
        questions.setdefault(folded, index)

    keys: dict[str, int] = {}
    for index, item in enumerate(article.citations):
        if item.id in keys:
            yield ("citations", index, "id"), f'"{item.id}" is defined twice'
        keys.setdefault(item.id, index)
    for loc, text in located_texts(article):
        for key in text.cited_keys:
            if key not in keys:
                yield loc, f'cites [@{key}] but no citation has id "{key}"'
        for node in text.walk():
            if isinstance(node, Link) and node.href[:1] == "#" and node.href[1:] not in anchors:
                yield loc, f'links to "{node.href}" but no section or FAQ has that id'
    yield from _about_problems(article.about)
    for index, risk in enumerate(article.risks):
        for i, key in enumerate(risk.citations):
            if key not in keys:
                yield ("risks", index, "citations", i), f'no citation has id "{key}"'

    published, modified = article.date_published, article.date_modified
    if published and modified and modified < published:
        yield ("date_modified",), f"{modified} is before date_published {published}"
    if article.last_reviewed and article.last_reviewed > today:
        yield ("last_reviewed",), f"{article.last_reviewed} is in the future"
    if published and published > today:
        yield ("date_published",), f"{published} is in the future"
    if article.faq_title is not None and not article.faqs:
        yield ("faq_title",), "is set but the article has no FAQs"
    reviewed, due = article.last_reviewed, article.next_review
    if reviewed and due and due <= reviewed:
        yield ("next_review",), f"{due} is not after last_reviewed {reviewed}"
    if article.risks_section is not None and not article.risks:
        yield (
            (*anchors[RISKS_SECTION_ID], "id"),
            ("marks where the side-effects table goes, but the article has no risks"),
        )
    yield from _footnote_problems(article)
    previous: tuple[Loc, object] = ((), None)
    for loc, block in located_blocks(article):
        if isinstance(block, ListBlock) and block.depth() > MAX_LIST_DEPTH:
            yield loc, f"lists nest {block.depth()} levels deep; {MAX_LIST_DEPTH} at most"
        after = previous[0] == (*loc[:-1], int(loc[-1]) - 1)
        if isinstance(block, DefinitionList) and after and isinstance(previous[1], DefinitionList):
            yield (
                loc,
                (
                    "follows another definition list directly, and Markdown reads the two as one:"
                    " merge them, or put a paragraph between them"
                ),
            )
        previous = (loc, block)


def _footnote_problems(article: Article) -> Iterator[tuple[Loc, str]]:
    defined: dict[str, int] = {}
    for index, note in enumerate(article.footnotes):
        if note.id in defined:
            yield ("footnotes", index, "id"), f'"{note.id}" is defined twice'
        defined.setdefault(note.id, index)
    used: set[str] = set()
    for loc, text in located_texts(article):
        for ident in text.footnote_ids:
            used.add(ident)
            if ident not in defined:
                yield loc, f'refers to footnote [^{ident}] but no footnote has id "{ident}"'
    for ident, index in defined.items():
        if ident not in used:
            yield ("footnotes", index), f"footnote [^{ident}] is never referred to; remove it"


def assign_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Give sections and FAQs without an ``id`` a unique slug of their heading or question.

    Explicit ids are kept as written (duplicates among them are reported by validation);
    a derived id that collides gets ``-2``, ``-3``... in document order.
    """
    used: set[str] = set()

    def explicit(sections: Any) -> None:
        for section in sections if isinstance(sections, list | tuple) else ():
            if isinstance(section, dict):
                if section.get("id"):
                    used.add(str(section["id"]))
                explicit(section.get("subsections"))

    def unique(text: Any, fallback: str) -> str:
        base = slugify(text) if isinstance(text, str) else ""
        base = base or fallback
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    def fill(sections: Any) -> Any:
        if not isinstance(sections, list | tuple):
            return sections
        filled = []
        for section in sections:
            if isinstance(section, dict):
                section = dict(section)
                if not section.get("id"):
                    section["id"] = unique(section.get("heading"), "section")
                section["subsections"] = fill(section.get("subsections", []))
            filled.append(section)
        return filled

    explicit(data.get("sections"))
    for faq in data.get("faqs") or ():
        if isinstance(faq, dict) and faq.get("id"):
            used.add(str(faq["id"]))
    data = dict(data)
    if "sections" in data:
        data["sections"] = fill(data["sections"])
    if isinstance(data.get("faqs"), list | tuple):
        faqs = []
        for faq in data["faqs"]:
            if isinstance(faq, dict) and not faq.get("id"):
                faq = {**faq, "id": unique(faq.get("question"), "question")}
            faqs.append(faq)
        data["faqs"] = faqs
    return data
