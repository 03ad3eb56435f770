"""Review and trust checks (KD3xx) and citation checks (KD4xx).

What YMYL ("your money or your life") quality guidelines and the HONcode principles ask of
health content: who wrote and who reviewed it, with what qualifications, how recently; a
disclaimer; claims backed by sources a reader can follow; and, for medicines, the
regulatory status and what to do in an emergency.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.checks.region import REGIONS, foreign_emergency_numbers, region_rules
from ketadoc.model import Article, Person

__all__: list[str] = []


@article_check("KD301", "review", "warning", "no-author", "No author is named.")
def no_author(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.authors:
        yield Hit(("authors",), "name at least one author (a person or an organisation)")


@article_check(
    "KD302",
    "review",
    "warning",
    "no-reviewer",
    "No medical reviewer is named (policy reviewer_policy, default named).",
)
def no_reviewer(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    policy = ctx.config.reviewer_policy
    if policy == "off" or article.reviewers:
        return
    if policy == "review-date" and article.last_reviewed is not None:
        return
    yield Hit(
        ("reviewers",),
        "name the medical reviewer, with credentials (e.g. name: Jane Doe, credentials: MD);"
        ' pages that publish only a review date can set reviewer_policy = "review-date"',
    )


@article_check(
    "KD303",
    "review",
    "warning",
    "person-without-credentials",
    "A person who reviewed the article has no credentials.",
)
def person_without_credentials(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for index, reviewer in enumerate(article.reviewers):
        if isinstance(reviewer, Person) and not reviewer.credentials:
            yield Hit(
                ("reviewers", index),
                f'add credentials for reviewer "{reviewer.name}" (e.g. MD, PharmD, RN)',
            )


@article_check(
    "KD304",
    "review",
    "info",
    "no-individual-credentials",
    "Authors or reviewers are organisations only: present, but no individual's credentials.",
)
def no_individual_credentials(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if ctx.config.reviewer_policy != "named":
        return
    for name in ("authors", "reviewers"):
        people = getattr(article, name)
        if people and not any(isinstance(p, Person) for p in people):
            yield Hit(
                (name,),
                f"{name} are organisations only, so no individual's credentials are shown;"
                " consider naming the responsible person and their credentials",
            )


@article_check("KD305", "review", "warning", "no-review-date", "last_reviewed is missing.")
def no_review_date(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if article.last_reviewed is None:
        yield Hit(
            ("last_reviewed",), "add last_reviewed: the date a medical reviewer last checked it"
        )


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


@article_check(
    "KD306",
    "review",
    "warning",
    "review-too-old",
    "last_reviewed is older than max_review_age_months (default 12).",
)
def review_too_old(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    reviewed = article.last_reviewed
    limit = ctx.config.max_review_age_months
    if reviewed is not None:
        age = _months_between(reviewed, ctx.today)
        if age >= limit:
            yield Hit(
                ("last_reviewed",),
                f"last reviewed {reviewed.isoformat()}, {age} months before"
                f" {ctx.today.isoformat()} (limit {limit}): have it reviewed again and"
                " update last_reviewed",
            )


@article_check(
    "KD307",
    "review",
    "warning",
    "modified-before-review",
    "date_modified is earlier than last_reviewed.",
)
def modified_before_review(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    modified, reviewed = article.date_modified, article.last_reviewed
    if modified is not None and reviewed is not None and modified < reviewed:
        yield Hit(
            ("date_modified",),
            f"{modified.isoformat()} is before last_reviewed {reviewed.isoformat()}: a review"
            " updates the page, so set date_modified to the review date or later",
        )


@article_check(
    "KD308",
    "review",
    "info",
    "changed-since-review",
    "The article was modified after its last review.",
)
def changed_since_review(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    modified, reviewed = article.date_modified, article.last_reviewed
    if modified is not None and reviewed is not None and modified > reviewed:
        yield Hit(
            ("date_modified",),
            f"modified {modified.isoformat()}, after the last review on"
            f" {reviewed.isoformat()}: have the changes reviewed, then update last_reviewed",
        )


@article_check("KD309", "review", "warning", "no-disclaimer", "No disclaimer is given.")
def no_disclaimer(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if not article.disclaimer:
        yield Hit(
            ("disclaimer",),
            "add a disclaimer: the article is general information and does not replace"
            " a health professional",
        )


@article_check(
    "KD310",
    "review",
    "warning",
    "no-regulatory-status",
    "The article is about a drug but gives no regulatory_status (policy"
    " regulatory_status_policy; the regulator follows the region).",
)
def no_regulatory_status(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    if ctx.config.regulatory_status_policy == "off":
        return
    drugs = [entity.name for entity in article.about if entity.type == "drug"]
    if drugs and not article.regulatory_status:
        rules = region_rules(ctx.region)
        if rules is not None:
            what = rules.approval.format(drug=drugs[0])
        else:
            what = (
                f"what the medicines regulator where the article is read has approved"
                f" {drugs[0]} for, and whether this use is off-label ({_unnamed(ctx.region)})"
            )
        yield Hit(("regulatory_status",), f"add regulatory_status: {what}")


def _unnamed(region: str | None) -> str:
    """Why a message names no number or regulator: no region, or one ketadoc lacks."""
    if region is None:
        return "no region is known: set region, e.g. region: GB, so the check can name them"
    known = ", ".join(REGIONS)
    return f"ketadoc knows the numbers and regulators of {known}, not of region {region}"


_PSYCHIATRIC = re.compile(
    r"\b(?:anxiety|anxious|depress\w*|bipolar|schizo\w*|psychos[ie]s|psychotic|ptsd|"
    r"post-traumatic|ocd|obsessive|panic|adhd|suicid\w*|mental|psychiatric|mood|"
    r"eating disorder|anorexia|bulimia|insomnia|addiction|substance use|"
    r"antidepressants?|antipsychotics?|ansiedad|depresi[oó]n|antidepresiv\w*|"
    r"trastorno\w*|suicid\w*|p[aá]nico|salud mental)\b",
    re.IGNORECASE,
)
# Medicines (and their classes) that act on the mind: an article about one needs crisis
# advice even when it lists no psychiatric condition in ``about``.
_PSYCHIATRIC_DRUG = re.compile(
    r"\b(?:ssris?|snris?|maois?|sertraline|fluoxetine|paroxetine|citalopram|escitalopram|"
    r"fluvoxamine|venlafaxine|desvenlafaxine|duloxetine|bupropion|mirtazapine|trazodone|"
    r"vortioxetine|amitriptyline|nortriptyline|lithium|lamotrigine|quetiapine|olanzapine|"
    r"risperidone|aripiprazole|clozapine|haloperidol|ketamine|esketamine|\w+azepam|"
    r"\w+azolam|buspirone|methylphenidate|amphetamine|lisdexamfetamine|atomoxetine|"
    r"sertralina|fluoxetina|paroxetina|escitalopram|venlafaxina|duloxetina|litio|"
    r"quetiapina|olanzapina|risperidona|aripiprazol|ketamina|esketamina)\b",
    re.IGNORECASE,
)


def _mind_medicine(article: Article) -> str | None:
    drugs = [e for e in article.about if e.type == "drug"]
    if not drugs:
        return None
    names = [name for e in drugs for name in (e.name, *e.alternate_names)]
    for name in names:
        if _PSYCHIATRIC_DRUG.search(name):
            return names[0]
    topics = [
        name for e in article.about if e.type != "drug" for name in (e.name, *e.alternate_names)
    ]
    topics += [article.title, article.description or ""]
    if any(_PSYCHIATRIC.search(topic) for topic in topics):
        return names[0]
    return None


@article_check(
    "KD311",
    "review",
    "warning",
    "no-emergency-advice",
    "The article is about a medicine for the mind but has no emergency care advice.",
)
def no_emergency_advice(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    drug = _mind_medicine(article)
    if drug is None or any(a.level == "emergency" for a in article.care_advice):
        return
    rules = region_rules(ctx.region)
    if rules is not None:
        numbers = f"{rules.emergency}; in a mental-health crisis, {rules.crisis}"
    else:
        numbers = f"the local emergency number and crisis line ({_unnamed(ctx.region)})"
    yield Hit(
        ("care_advice",),
        f"add care_advice with level: emergency for readers of a page about {drug}:"
        f" when to get help now ({numbers})",
    )


@article_check(
    "KD312",
    "review",
    "warning",
    "foreign-emergency-number",
    "Care advice names an emergency number of another region than the article's.",
)
def foreign_emergency_number(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    rules = region_rules(ctx.region)
    if rules is None:
        return
    for index, advice in enumerate(article.care_advice):
        for number, other in foreign_emergency_numbers(advice.text.plain, rules):
            yield Hit(
                ("care_advice", index, "text"),
                f"{number} is an emergency number of {other}, but the article is for"
                f" {rules.code}: {rules.emergency}",
            )


_EVIDENCE_HEADING = re.compile(
    r"\b(?:evidence(?!-based)|research\w*|stud(?:y|ies)|clinical|trials?|results?|findings?|"
    r"evidencia|investigaci[oó]n\w*|estudios?|ensayos?|cl[ií]nic[oa]s?|resultados?|"
    r"hallazgos)\b",
    re.IGNORECASE,
)
# Words that report a finding: worth a source. Plans ("ongoing studies", "more research is
# needed") and advice are not claims; "evidence-based" describes practice, not a result.
_CLAIM = re.compile(
    r"\b(?:shown|shows?|showed|found|finds|findings|reported|demonstrat\w*|suggest\w*|"
    r"indicat(?:es|ed)|effective|efficacy|significant\w*|percent|proven|"
    r"(?:reduc|improv)(?:es|ed)|associated\s+with|evidence(?!-based)|"
    r"trials?|stud(?:y|ies)|research|demostr\w*|mostr[oó]|muestran?|encontr\w*|"
    r"sugier\w*|indic(?:a|an|ó)|eficaz|eficacia|significativ\w*|reduj\w*|reduce|mejor[oó]|"
    r"asociad[oa]s?\s+con|evidencia|ensayos?|estudios?|investigaci[oó]n)\b|\d+\s?%",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:ongoing|future|further|more|continued|planned|new|m[aá]s|nuevos?|futuros?)\s+$",
    re.I,
)


def _claim(text: str) -> str | None:
    for match in _CLAIM.finditer(text):
        if not _PLANNED.search(text[max(0, match.start() - 12) : match.start()]):
            return match.group(0)
    return None


@article_check(
    "KD401",
    "citations",
    "warning",
    "uncited-claim",
    "A paragraph that reports findings, in a section whose heading names evidence, research,"
    " studies or results, has no citation (heuristic).",
    heuristic=True,
)
def uncited_claim(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    from ketadoc.model import Paragraph

    for loc, section, parents in ctx.sections:
        headings = [parent.heading for parent in parents] + [section.heading]
        if not any(_EVIDENCE_HEADING.search(heading) for heading in headings):
            continue
        for index, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph) or block.text.cited_keys:
                continue
            claim = _claim(block.text.plain)
            if claim is not None:
                yield Hit(
                    (*loc, "blocks", index),
                    f'this paragraph reports findings ("{claim}") but cites no'
                    " source: add [@key] for the study it describes (heuristic)",
                )


@article_check(
    "KD402",
    "citations",
    "warning",
    "citation-not-findable",
    "A citation has no DOI, PMID or URL, so a reader cannot find it.",
)
def citation_not_findable(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for index, item in enumerate(article.citations):
        if not (item.DOI or item.PMID or item.URL):
            hint = f" (it has PMCID {item.PMCID}; add the PMID too)" if item.PMCID else ""
            yield Hit(("citations", index), f'"{item.id}" has no DOI, PMID or URL{hint}')


@article_check(
    "KD403",
    "citations",
    "info",
    "citation-unused",
    "A citation is listed but never cited in the text or a risk.",
)
def citation_unused(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    cited = {key for text in article.inline_texts() for key in text.cited_keys}
    cited.update(key for risk in article.risks for key in risk.citations)
    for index, item in enumerate(article.citations):
        if item.id not in cited:
            yield Hit(
                ("citations", index),
                f'"{item.id}" is never cited: cite it with [@{item.id}] where it supports'
                " a claim, or remove it",
            )
