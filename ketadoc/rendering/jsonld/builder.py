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

from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import ExportError
from ketadoc.model.article import Article, Faq
from ketadoc.model.article import Organization as OrganizationModel
from ketadoc.model.article import Person as PersonModel
from ketadoc.rendering.jsonld import schema_org as so
from ketadoc.rendering.jsonld.answer import Footnotes, render_answer_html
from ketadoc.rendering.jsonld.citations import citation_node
from ketadoc.rendering.jsonld.medical import medical_nodes
from ketadoc.rendering.jsonld.rules import check_output
from ketadoc.rendering.references import numbered_references

__all__ = ["JsonLdDocument", "build_document", "page_url"]

Scope = Literal["page", "faq"]


@dataclass(frozen=True, slots=True)
class JsonLdDocument:
    """The JSON-LD data, in output key order, and the warnings met while building it."""

    data: dict[str, Any]
    warnings: tuple[Diagnostic, ...]


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


def _question(faq: Faq, base: str, numbers: Mapping[str, int], footnotes: Footnotes) -> so.Question:
    return so.Question(
        id=f"{base}#{faq.id}",
        name=faq.question,
        accepted_answer=so.Answer(text=render_answer_html(faq.answer, numbers, footnotes)),
    )


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
    warnings: list[Diagnostic] = []
    url = page_url(article, base_url)
    if url is None:
        base = f"urn:ketadoc:{article.slug or 'article'}"
        warnings.append(
            Diagnostic(
                f"the article has no `url`, so the JSON-LD identifies it as {base}, which no"
                " search engine can link to the page; add `url:` to the article, or give the"
                " base URL of the site (ketadoc jsonld --base-url https://example.org/health,"
                " or ketadoc build -O jsonld.base_url=... -O html.base_url=...)",
                level="warning",
            )
        )
    else:
        base = url
    references = numbered_references(article)
    numbers = {citation.id: number for number, citation in references}
    order = article.footnote_numbers()
    footnotes = {
        note.id: (order[note.id], note.text) for note in article.footnotes if note.id in order
    }
    questions = tuple(_question(faq, base, numbers, footnotes) for faq in article.faqs)

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
        medical, about, medical_warnings = medical_nodes(article, base)
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
            citation=tuple(citation_node(c) for _, c in references) or None,
            main_entity=questions or None,
        )
        data = {"@context": so.CONTEXT, "@graph": [so.dump(page), *map(so.dump, medical)]}
    warnings.extend(check_output(article, data))
    return JsonLdDocument(data, tuple(warnings))


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
