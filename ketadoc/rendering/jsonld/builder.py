"""From an Article to schema.org nodes (the rules they must meet are in ``rules``).

The page graph::

    MedicalWebPage (+ FAQPage when there are FAQs)   <url>#webpage
      about ──▶ Drug <url>#drug-<slug>, MedicalCondition <url>#condition-<slug>
      citation ▶ ScholarlyArticle / Book / Report / WebPage / CreativeWork (DOI, PMID...)
      mainEntity ▶ Question <url>#<faq-id> ─ acceptedAnswer ▶ Answer (restricted HTML)
    MedicalTherapy <url>#therapy-<slug>   drug ──▶ Drug; adverseOutcome, seriousAdverseOutcome
    MedicalCondition possibleTreatment ──▶ MedicalTherapy
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ketadoc.errors import ExportError
from ketadoc.model.article import Article, Entity, Faq, Risk
from ketadoc.model.article import Organization as OrganizationModel
from ketadoc.model.article import Person as PersonModel
from ketadoc.model.citation import Citation, CslName
from ketadoc.model.text import slugify
from ketadoc.rendering.html import render_answer_html
from ketadoc.rendering.jsonld import schema_org as so
from ketadoc.rendering.jsonld.rules import check_output
from ketadoc.rendering.references import numbered_references

__all__ = ["JsonLdDocument", "build_document", "page_url"]

Scope = Literal["page", "faq"]

_CITATION_TYPES = {
    "article": "ScholarlyArticle",
    "article-journal": "ScholarlyArticle",
    "paper-conference": "ScholarlyArticle",
    "review": "ScholarlyArticle",
    "book": "Book",
    "chapter": "Chapter",
    "report": "Report",
    "webpage": "WebPage",
    "post-weblog": "BlogPosting",
    "dataset": "Dataset",
    "thesis": "Thesis",
}


@dataclass(frozen=True, slots=True)
class JsonLdDocument:
    """The JSON-LD data, in output key order, and the warnings met while building it."""

    data: dict[str, Any]
    warnings: tuple[str, ...]


def page_url(article: Article, base_url: str | None = None) -> str | None:
    """The page's absolute URL: the article's ``url``, else ``base_url`` + slug, else None."""
    if article.url:
        return article.url
    if base_url:
        return base_url.rstrip("/") + "/" + (article.slug or "article")
    return None


def _person(value: PersonModel | OrganizationModel) -> so.Person | so.Organization:
    if isinstance(value, PersonModel):
        affiliation = so.Organization(name=value.affiliation) if value.affiliation else None
        return so.Person(
            name=value.name,
            honorific_suffix=value.credentials,
            job_title=value.job_title,
            affiliation=affiliation,
            url=value.url,
        )
    return so.Organization(name=value.name, url=value.url)


def _organization(value: OrganizationModel | None) -> so.Organization | None:
    return so.Organization(name=value.name, url=value.url) if value is not None else None


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


def _citation(citation: Citation) -> so.CreativeWork:
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
        type=_CITATION_TYPES.get(citation.type, "CreativeWork"),
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


def _question(faq: Faq, base: str, numbers: Mapping[str, int]) -> so.Question:
    return so.Question(
        id=f"{base}#{faq.id}",
        name=faq.question,
        accepted_answer=so.Answer(text=render_answer_html(faq.answer, numbers)),
    )


def _entity_id(base: str, kind: str, entity: Entity) -> str:
    return f"{base}#{kind}-{slugify(entity.name) or 'entity'}"


def _outcome(risk: Risk) -> so.MedicalEntity:
    description = risk.description.plain if risk.description else None
    return so.MedicalEntity(name=risk.name, description=description)


def _medical_nodes(article: Article, base: str) -> tuple[list[so.Node], list[str], list[str]]:
    """Drug, condition and therapy nodes; the ids ``about`` points at; warnings."""
    drugs = [e for e in article.about if e.type == "drug"]
    conditions = [e for e in article.about if e.type == "condition"]
    therapies = [e for e in article.about if e.type == "therapy"]
    nodes: list[so.Node] = []
    about: list[str] = []
    warnings: list[str] = []

    therapy_entity = therapies[0] if therapies else (drugs[0] if drugs else None)
    therapy_id = _entity_id(base, "therapy", therapy_entity) if therapy_entity else None
    for drug in drugs:
        node_id = _entity_id(base, "drug", drug)
        about.append(node_id)
        nodes.append(
            so.Drug(
                id=node_id,
                name=drug.name,
                alternate_name=drug.alternate_names or None,
                same_as=(drug.url,) if drug.url else None,
            )
        )
    for condition in conditions:
        node_id = _entity_id(base, "condition", condition)
        about.append(node_id)
        nodes.append(
            so.MedicalCondition(
                id=node_id,
                name=condition.name,
                alternate_name=condition.alternate_names or None,
                same_as=(condition.url,) if condition.url else None,
                possible_treatment=(so.Ref(id=therapy_id),) if therapy_id else None,
            )
        )
    if therapy_entity is not None and therapy_id is not None:
        if therapies:
            about.append(therapy_id)
        mild = tuple(_outcome(r) for r in article.risks if r.severity != "serious")
        serious = tuple(_outcome(r) for r in article.risks if r.severity == "serious")
        nodes.append(
            so.MedicalTherapy(
                id=therapy_id,
                name=therapy_entity.name,
                alternate_name=therapy_entity.alternate_names or None,
                same_as=(therapy_entity.url,) if therapy_entity.url and therapies else None,
                drug=tuple(so.Ref(id=_entity_id(base, "drug", d)) for d in drugs) or None,
                adverse_outcome=mild or None,
                serious_adverse_outcome=serious or None,
            )
        )
    elif article.risks:
        warnings.append(
            "the risks are left out of the JSON-LD because `about` names no drug or therapy"
            " to attach them to; add one, e.g. {type: drug, name: Ketamine}"
        )
    return nodes, about, warnings


def _audience(article: Article) -> so.MedicalAudience | None:
    if article.audience == "patient":
        return so.MedicalAudience(type="Patient")
    if article.audience == "clinician":
        return so.MedicalAudience(audience_type="Clinician")
    if article.audience == "caregiver":
        return so.MedicalAudience(audience_type="Caregiver")
    return None


def build_document(
    article: Article, scope: Scope = "page", base_url: str | None = None
) -> JsonLdDocument:
    """The JSON-LD for ``article``: the page graph, or the FAQPage alone.

    Raises ExportError when the output would break a rule (no FAQs for ``scope="faq"``,
    an empty or disallowed answer, a relative IRI, dates out of order).
    """
    warnings: list[str] = []
    url = page_url(article, base_url)
    if url is None:
        base = f"urn:ketadoc:{article.slug or 'article'}"
        warnings.append(
            f"the article has no `url`, so the JSON-LD identifies it as {base}, which no"
            " search engine can link to the page; add `url:` to the article, or give the"
            " base URL of the site (ketadoc jsonld --base-url https://example.org/health,"
            " or ketadoc build -O jsonld.base_url=... -O html.base_url=...)"
        )
    else:
        base = url
    references = numbered_references(article)
    numbers = {citation.id: number for number, citation in references}
    questions = tuple(_question(faq, base, numbers) for faq in article.faqs)

    if scope == "faq":
        if not questions:
            raise ExportError(
                'the article has no FAQs, so there is no FAQPage to write; use scope "page"'
            )
        node: so.Node = so.FAQPage(
            id=f"{base}#faqpage",
            url=url,
            name=article.title,
            in_language=article.language,
            main_entity=questions,
        )
        data = {"@context": so.CONTEXT, **so.dump(node)}
    else:
        medical, about, medical_warnings = _medical_nodes(article, base)
        warnings.extend(medical_warnings)
        page = so.MedicalWebPage(
            type=("MedicalWebPage", "FAQPage") if questions else "MedicalWebPage",
            id=f"{base}#webpage",
            url=url,
            name=article.title,
            headline=article.title,
            description=article.description,
            in_language=article.language,
            date_published=_date(article.date_published),
            date_modified=_date(article.date_modified),
            last_reviewed=_date(article.last_reviewed),
            reviewed_by=tuple(_person(r) for r in article.reviewers) or None,
            author=tuple(_person(a) for a in article.authors) or None,
            publisher=_organization(article.publisher),
            medical_audience=_audience(article),
            about=tuple(so.Ref(id=i) for i in about) or None,
            citation=tuple(_citation(c) for _, c in references) or None,
            main_entity=questions or None,
        )
        data = {"@context": so.CONTEXT, "@graph": [so.dump(page), *map(so.dump, medical)]}
    warnings.extend(check_output(article, data))
    return JsonLdDocument(data, tuple(warnings))


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
