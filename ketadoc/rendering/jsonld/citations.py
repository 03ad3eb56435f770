"""Cited works: one schema.org type for each CSL type, and the node for a citation."""

from __future__ import annotations

from types import MappingProxyType
from typing import get_args

from ketadoc.model.citation import Citation, CslName, CslType
from ketadoc.rendering.jsonld import schema_org as so

__all__ = ["CSL_TYPES", "citation_node"]

# Every CSL type, mapped once. The README's table of citation types is checked against
# this mapping; every value is a schema.org CreativeWork type (the range of `citation`).
CSL_TYPES: MappingProxyType[CslType, str] = MappingProxyType(
    {
        "article": "ScholarlyArticle",
        "article-journal": "ScholarlyArticle",
        "article-magazine": "Article",
        "article-newspaper": "NewsArticle",
        "bill": "Legislation",
        "book": "Book",
        "broadcast": "Episode",
        "chapter": "Chapter",
        "classic": "Book",
        "collection": "Collection",
        "dataset": "Dataset",
        "document": "CreativeWork",
        "entry": "CreativeWork",
        "entry-dictionary": "CreativeWork",
        "entry-encyclopedia": "Article",
        "event": "CreativeWork",
        "figure": "ImageObject",
        "graphic": "ImageObject",
        "hearing": "CreativeWork",
        "interview": "CreativeWork",
        "legal_case": "CreativeWork",
        "legislation": "Legislation",
        "manuscript": "Manuscript",
        "map": "Map",
        "motion_picture": "Movie",
        "musical_score": "MusicComposition",
        "pamphlet": "CreativeWork",
        "paper-conference": "ScholarlyArticle",
        "patent": "CreativeWork",
        "performance": "CreativeWork",
        "periodical": "Periodical",
        "personal_communication": "Message",
        "post": "SocialMediaPosting",
        "post-weblog": "BlogPosting",
        "regulation": "Legislation",
        "report": "Report",
        "review": "Review",
        "review-book": "Review",
        "software": "SoftwareApplication",
        "song": "MusicRecording",
        "speech": "CreativeWork",
        "standard": "CreativeWork",
        "thesis": "Thesis",
        "treaty": "Legislation",
        "webpage": "WebPage",
    }
)
assert set(CSL_TYPES) == set(get_args(CslType)), "every CSL type needs one schema.org type"


def _csl_author(name: CslName) -> so.Person | so.Organization:
    # CSL writes institutional authors ("Janssen Pharmaceuticals, Inc.") as a literal.
    if name.literal:
        return so.Organization(name=name.literal)
    return so.Person(name=_csl_name(name))


def _csl_name(name: CslName) -> str:
    return " ".join(
        part
        for part in (name.given, name.dropping_particle, name.non_dropping_particle, name.family)
        if part
    )


def _iso_date(citation: Citation) -> str | None:
    # A year alone is not a schema.org Date, so only full dates are written.
    parts = citation.issued.date_parts if citation.issued else None
    if parts and len(parts[0]) == 3:
        year, month, day = parts[0]
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _container(citation: Citation) -> so.PublicationIssue | so.PublicationVolume | so.Periodical:
    periodical = so.Periodical(name=citation.container_title) if citation.container_title else None
    volume = (
        so.PublicationVolume(volume_number=str(citation.volume), is_part_of=periodical)
        if citation.volume is not None
        else None
    )
    if citation.issue is not None:
        issue = str(citation.issue)
        return so.PublicationIssue(issue_number=issue, is_part_of=volume or periodical)
    if volume is not None:
        return volume
    assert periodical is not None
    return periodical


def citation_node(citation: Citation) -> so.CreativeWork:
    """The cited work, typed by ``CSL_TYPES``, with its DOI, PMID and PMCID."""
    identifiers: list[so.PropertyValue] = []
    same_as: list[str] = []
    if citation.DOI:
        identifiers.append(so.PropertyValue(property_id="DOI", value=citation.DOI))
        same_as.append(f"https://doi.org/{citation.DOI}")
    if citation.PMID:
        identifiers.append(so.PropertyValue(property_id="PMID", value=citation.PMID))
        same_as.append(f"https://pubmed.ncbi.nlm.nih.gov/{citation.PMID}/")
    if citation.PMCID:
        identifiers.append(so.PropertyValue(property_id="PMCID", value=citation.PMCID))
        same_as.append(f"https://www.ncbi.nlm.nih.gov/pmc/articles/{citation.PMCID}/")
    has_container = bool(
        citation.container_title or citation.volume is not None or citation.issue is not None
    )
    return so.CreativeWork(
        type=CSL_TYPES[citation.type],
        name=citation.title,
        author=tuple(_csl_author(n) for n in citation.author) or None,
        date_published=_iso_date(citation),
        is_part_of=_container(citation) if has_container else None,
        pagination=citation.page,
        publisher=so.Organization(name=citation.publisher) if citation.publisher else None,
        identifier=tuple(identifiers) or None,
        same_as=tuple(same_as) or None,
        url=citation.URL,
    )
