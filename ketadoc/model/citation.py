"""Citations as CSL-JSON items, the format Zotero, pandoc and citeproc exchange."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ketadoc.model.base import Frozen
from ketadoc.model.text import NonEmptyText, PlainText

__all__ = ["Citation", "CslDate", "CslName", "CslType"]

CslType = Literal[
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]  # fmt: skip

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_PMID = re.compile(r"[1-9]\d{0,8}")
_PMCID = re.compile(r"PMC\d+")


class CslName(Frozen):
    """A person as CSL writes it: family and given names, or one literal name."""

    family: PlainText | None = None
    given: PlainText | None = None
    literal: PlainText | None = None
    suffix: PlainText | None = None
    dropping_particle: PlainText | None = Field(None, alias="dropping-particle")
    non_dropping_particle: PlainText | None = Field(None, alias="non-dropping-particle")

    @model_validator(mode="after")
    def _has_a_name(self) -> CslName:
        if not (self.family or self.literal):
            raise ValueError("an author needs `family` (with `given`) or `literal`")
        return self

    @property
    def display(self) -> str:
        """``Glue P`` (AMA style: family name, then initials without points)."""
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.non_dropping_particle, self.family) if p)
        initials = ""
        if self.given:
            initials = "".join(
                word if word.isupper() and len(word) <= 3 else _initials(word)
                for word in re.split(r"[\s.]+", self.given)
                if word
            )
        return f"{family} {initials}".strip()


def _initials(word: str) -> str:
    """``"Chia-Tsung"`` -> ``"C-T"``."""
    return "-".join(part[0].upper() for part in word.split("-") if part)


class CslDate(Frozen):
    """A CSL date: ``{date-parts: [[2017, 10, 1]]}``, or ``literal`` / ``raw`` text."""

    date_parts: tuple[tuple[int, ...], ...] | None = Field(None, alias="date-parts")
    literal: PlainText | None = None
    raw: PlainText | None = None
    season: int | str | None = None
    circa: bool | int | str | None = None

    @field_validator("date_parts")
    @classmethod
    def _parts_shape(
        cls, parts: tuple[tuple[int, ...], ...] | None
    ) -> tuple[tuple[int, ...], ...] | None:
        if parts is not None and (
            not parts or len(parts) > 2 or any(not 1 <= len(p) <= 3 for p in parts)
        ):
            raise ValueError("date-parts is [[year, month, day]] (a range adds a second list)")
        return parts

    @property
    def year(self) -> int | None:
        if self.date_parts:
            return self.date_parts[0][0]
        match = re.search(r"\b(\d{4})\b", self.literal or self.raw or "")
        return int(match.group(1)) if match else None


class Citation(Frozen):
    """One reference, as a CSL-JSON item. ``id`` is the key cited as ``[@id]``."""

    id: NonEmptyText = Field(pattern=r"^[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?$")
    type: CslType = "article-journal"
    author: tuple[CslName, ...] = ()
    editor: tuple[CslName, ...] = ()
    title: NonEmptyText
    title_short: PlainText | None = Field(None, alias="title-short")
    container_title: PlainText | None = Field(None, alias="container-title")
    container_title_short: PlainText | None = Field(None, alias="container-title-short")
    journal_abbreviation: PlainText | None = Field(None, alias="journalAbbreviation")
    collection_title: PlainText | None = Field(None, alias="collection-title")
    publisher: PlainText | None = None
    publisher_place: PlainText | None = Field(None, alias="publisher-place")
    issued: CslDate | None = None
    accessed: CslDate | None = None
    volume: PlainText | int | None = None
    issue: PlainText | int | None = None
    page: PlainText | None = None
    number: PlainText | int | None = None
    edition: PlainText | int | None = None
    version: PlainText | None = None
    genre: PlainText | None = None
    medium: PlainText | None = None
    status: PlainText | None = None
    language: PlainText | None = None
    source: PlainText | None = None
    abstract: PlainText | None = None
    note: PlainText | None = None
    keyword: PlainText | None = None
    ISSN: PlainText | None = None
    ISBN: PlainText | None = None
    DOI: PlainText | None = None
    PMID: PlainText | None = None
    PMCID: PlainText | None = None
    URL: PlainText | None = None

    @field_validator("DOI")
    @classmethod
    def _doi_syntax(cls, doi: str | None) -> str | None:
        if doi is not None:
            doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
            if not _DOI.fullmatch(doi):
                raise ValueError(f'"{doi}" is not a DOI; a DOI looks like 10.1177/0269881117705089')
        return doi

    @field_validator("PMID", mode="before")
    @classmethod
    def _pmid_syntax(cls, pmid: object) -> object:
        if isinstance(pmid, int):
            pmid = str(pmid)
        if isinstance(pmid, str) and not _PMID.fullmatch(pmid.strip()):
            raise ValueError(f'"{pmid}" is not a PubMed id; a PMID is digits only, like 28441895')
        return pmid

    @field_validator("PMCID")
    @classmethod
    def _pmcid_syntax(cls, pmcid: str | None) -> str | None:
        if pmcid is not None and not _PMCID.fullmatch(pmcid):
            raise ValueError(f'"{pmcid}" is not a PMC id; it looks like PMC5729569')
        return pmcid

    @field_validator("URL")
    @classmethod
    def _url_syntax(cls, url: str | None) -> str | None:
        if url is not None and not re.match(r"https?://\S+$", url):
            raise ValueError(f'"{url}" is not an http or https URL')
        return url

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.DOI}" if self.DOI else None

    @property
    def link(self) -> str | None:
        """The best link to the work: DOI, then URL, then PubMed, then PMC."""
        if self.DOI:
            return self.doi_url
        if self.URL:
            return self.URL
        if self.PMID:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.PMID}/"
        if self.PMCID:
            return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{self.PMCID}/"
        return None
