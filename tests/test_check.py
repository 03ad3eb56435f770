"""Each check: the clean article passes, and one small edit makes the check fire."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from check_articles import CLEAN, HARD_PROSE, edit

import ketadoc
from ketadoc.checks import CheckConfig, Report, check, check_articles, registered_checks
from ketadoc.checks.prose import prose
from ketadoc.model import InlineText, Section
from ketadoc.readers.markdown import read_markdown
from ketadoc.readers.source import SourceDocument
from ketadoc.readers.validation import validate_document

TODAY = dt.date(2026, 6, 1)


def located(text: str, file: str = "article.md") -> tuple[Any, SourceDocument]:
    document = read_markdown(text, file)
    return validate_document(document), document


def run(text: str, **settings: Any) -> Report:
    article, document = located(text)
    settings.setdefault("today", TODAY)
    return check(article, config=CheckConfig(**settings), locations=document)


def ids(report: Report) -> set[str]:
    return {finding.check_id for finding in report.findings}


def test_the_clean_article_has_no_findings() -> None:
    report = run(CLEAN)
    assert [str(f) for f in report.findings] == []
    assert not report.failed(strict=True)


def test_every_check_has_a_unique_well_formed_id_and_a_summary() -> None:
    checks = registered_checks()
    assert len({c.id for c in checks}) == len(checks)
    for item in checks:
        assert item.summary.endswith(")") or item.summary.endswith(".")
        assert item.level in ("error", "warning", "info")


FAILING: list[tuple[str, str, str]] = [
    # readability
    ("KD101", "This page tells you", f"{HARD_PROSE} {HARD_PROSE} {HARD_PROSE} This page tells you"),
    ("KD102", "Take one pill each day.", HARD_PROSE),
    ("KD103", "It is best not to.", HARD_PROSE),
    ("KD104", '"It can take a few weeks to help."', f'"{HARD_PROSE}"'),
    ("KD105", "language: en-US", "language: fr"),
    # PEMAT-P
    ("KD203", "Take one pill each day.", "Take one pill each day. " * 70),
    ("KD204", "## How to Take It", "## Overview"),
    ("KD205", "Take one pill each day.", "Take one pill each day for your hypertension."),
    ("KD206", "most people felt", "62% of people felt"),
    ("KD208", "1. Fill a glass with water.\n2. Take", "First, fill a glass with water. Then take"),
    ("KD106", "language: en-US", "language: fr"),
    ("KD210", ' "One pill a day")', ")"),
    # review
    ("KD301", "authors:\n  - {name: Ana Ruiz, credentials: PharmD}\n", ""),
    ("KD302", "reviewers:\n  - {name: Sam Lee, credentials: MD, job_title: Psychiatrist}\n", ""),
    ("KD303", "{name: Sam Lee, credentials: MD, job_title: Psychiatrist}", "{name: Sam Lee}"),
    (
        "KD304",
        "{name: Sam Lee, credentials: MD, job_title: Psychiatrist}",
        "{type: organization, name: Review Board}",
    ),
    ("KD305", "last_reviewed: 2026-03-01\n", ""),
    ("KD307", "date_modified: 2026-03-01", "date_modified: 2026-02-01"),
    ("KD308", "date_modified: 2026-03-01", "date_modified: 2026-04-01"),
    ("KD309", 'disclaimer: "This is not medical advice. Talk with your doctor."\n', ""),
    (
        "KD310",
        'regulatory_status: "The FDA has approved sertraline for some anxiety disorders."\n',
        "",
    ),
    ("KD311", "  - {level: emergency,", "  - {level: call_doctor,"),
    ("KD312", "language: en-US", "language: en-GB"),
    # citations
    ("KD401", " [@smith2020]", ""),
    ("KD402", "    DOI: 10.1000/xyz123\n", ""),
    (
        "KD403",
        "disclaimer:",
        "  - {id: unused2021, title: Never cited, DOI: 10.1000/abc}\ndisclaimer:",
    ),
    # accessibility
    ("KD501", "![A hand holding one small white pill next to a glass of water]", "![image]"),
    (
        "KD502",
        "It also says what to watch for.",
        "For more, [click here](https://example.org/more).",
    ),
    ("KD504", "| Week | What to expect |", "|  | What to expect |"),
    (
        "KD507",
        "It also says what to watch for.",
        "It is at [https://example.org/more](https://example.org/more).",
    ),
    ("KD505", "language: en-US\n", ""),
    (
        "KD506",
        "## What the Research Shows",
        "## How to Take It {#take-again}\n\nAsk your doctor.\n\n## What the Research Shows",
    ),
    # markup
    (
        "KD601",
        "## Frequently Asked Questions",
        "## Questions About Cost\n\n### Is it costly?\n\nAsk your pharmacist.\n\n"
        "## Frequently Asked Questions",
    ),
    ("KD602", "### Can I drink alcohol?", "### Can I drink alcohol, see https://example.org?"),
    ("KD603", "### Can I drink alcohol?", "### Drinking alcohol"),
    (
        "KD604",
        "It is best not to. Ask your doctor what is safe for you.",
        "| Drink | Safe? |\n| --- | --- |\n| Beer | No |",
    ),
    (
        "KD605",
        "It is best not to. Ask your doctor what is safe for you.",
        "No. Talk with your doctor first. Stopping all at once can make you feel sick.",
    ),
    # coverage
    (
        "KD702",
        "and what to watch for.\n",
        "what the research shows, and what to watch for.\n",
    ),
]


@pytest.mark.parametrize(("check_id", "old", "new"), FAILING, ids=[f[0] for f in FAILING])
def test_an_edit_makes_the_check_fire(check_id: str, old: str, new: str) -> None:
    report = run(edit(CLEAN, old, new))
    assert check_id in ids(report), [str(f) for f in report.findings]


@pytest.mark.parametrize(
    ("check_id", "field", "next_field"),
    [("KD202", "key_points:", "regulatory_status:"), ("KD209", "questions_to_ask:", "citations:")],
)
def test_missing_summary_and_checklist(check_id: str, field: str, next_field: str) -> None:
    block = CLEAN[CLEAN.index(field) : CLEAN.index(next_field)]
    assert check_id in ids(run(edit(CLEAN, block, "")))


def test_every_article_check_has_a_failing_test() -> None:
    covered = {f[0] for f in FAILING} | {"KD201", "KD202", "KD207", "KD209", "KD306", "KD503"}
    covered |= {"KD606", "KD701", "KD703"}
    assert {c.id for c in registered_checks()} <= covered


def test_purpose_needs_a_lead_or_description() -> None:
    text = edit(
        CLEAN, "description: How sertraline is used for anxiety, and what to watch for.\n", ""
    )
    text = edit(
        text,
        "This page tells you how sertraline can help with anxiety."
        " It also says what to watch for.\n\n",
        "",
    )
    assert "KD201" in ids(run(text))


def test_an_article_that_never_addresses_the_reader() -> None:
    report = run("---\ntitle: Sertraline\nlanguage: en\n---\n\nSertraline is a drug.\n")
    assert "KD207" in ids(report)


def test_review_age_is_measured_against_the_injected_today() -> None:
    assert "KD306" not in ids(run(CLEAN))
    report = run(CLEAN, today=dt.date(2027, 3, 1))
    (finding,) = [f for f in report.findings if f.check_id == "KD306"]
    assert "12 months before 2027-03-01" in finding.message
    assert "KD306" not in ids(run(CLEAN, today=dt.date(2027, 3, 1), max_review_age_months=13))


def test_heading_order_on_a_model_built_without_validation() -> None:
    article, _ = located(CLEAN)
    skipped = Section.model_construct(id="deep", heading="Deep", level=4, blocks=(), subsections=())
    broken = article.model_copy(update={"sections": (*article.sections, skipped)})
    assert "KD503" in ids(check(broken, config=CheckConfig(today=TODAY)))


def test_duplicate_answers_across_files_are_reported_in_the_later_file() -> None:
    first, first_doc = located(CLEAN, "a.md")
    second, second_doc = located(CLEAN, "b.md")
    report = check_articles(
        [(first, first_doc), (second, second_doc)], config=CheckConfig(today=TODAY)
    )
    found = [f for f in report.findings if f.check_id == "KD606"]
    assert {f.file for f in found} == {"b.md"}
    assert len(found) == 2
    assert "in a.md" in found[0].message


def test_a_medical_term_explained_in_brackets_passes() -> None:
    text = edit(
        CLEAN,
        "Take one pill each day.",
        "Take one pill each day for your hypertension (high blood pressure).",
    )
    assert "KD205" not in ids(run(text))


def test_alt_text_that_is_the_file_name_is_an_error() -> None:
    text = edit(
        CLEAN, "![A hand holding one small white pill next to a glass of water]", "![pill.png]"
    )
    report = run(text)
    (finding,) = [f for f in report.findings if f.check_id == "KD501"]
    assert finding.level == "error"
    assert "file name" in finding.message
    assert report.failed()


def test_a_bare_url_in_the_text_is_flagged() -> None:
    text = edit(CLEAN, "It also says what to watch for.", "Read https://example.org/more for more.")
    assert "KD507" in ids(run(text))


def test_evidence_based_is_not_an_evidence_heading() -> None:
    text = edit(CLEAN, "## What the Research Shows", "## Evidence-based Care")
    text = edit(text, " [@smith2020]", "")
    assert "KD401" not in ids(run(text, disable=["KD403"]))


def test_findings_point_at_the_source_line() -> None:
    text = edit(CLEAN, "## How to Take It", "## Overview")
    (finding,) = [f for f in run(text).findings if f.check_id == "KD204"]
    line = text.splitlines().index("## Overview") + 1
    assert (finding.file, finding.line, finding.field) == (
        "article.md",
        line,
        "sections[0].heading",
    )
    assert str(finding).startswith(f"article.md:{line}:1: warning: KD204: sections[0].heading: ")


def test_an_article_read_from_a_source_locates_findings_by_itself() -> None:
    article, _ = located(edit(CLEAN, "## How to Take It", "## Overview"))
    (finding,) = check(article, config=CheckConfig(today=TODAY)).findings
    assert finding.line is not None
    assert str(finding).startswith(f"article.md:{finding.line}:1: warning: KD204")


def test_without_a_source_findings_carry_no_line() -> None:
    article = ketadoc.Article.model_validate(
        {
            "title": "Sleep",
            "language": "en",
            "sections": [{"heading": "Overview", "blocks": [{"type": "paragraph", "text": "x"}]}],
        }
    )
    finding = next(
        f for f in check(article, config=CheckConfig(today=TODAY)).findings if f.check_id == "KD204"
    )
    assert finding.line is None
    assert str(finding).startswith("<string>: warning: KD204")


def test_disabled_checks_do_not_run() -> None:
    text = edit(CLEAN, "## How to Take It", "## Overview")
    assert "KD204" not in ids(run(text, disable=["kd204"]))


def test_max_grade_is_configurable() -> None:
    text = edit(CLEAN, "Take one pill each day.", HARD_PROSE)
    assert "KD102" not in ids(run(text, max_grade=40))


def test_a_language_without_a_formula_is_not_scored_rather_than_guessed() -> None:
    report = run(edit(CLEAN, "language: en-US", "language: de"))
    (finding,) = [f for f in report.findings if f.check_id == "KD105"]
    assert finding.level == "info"
    scores = report.articles[0].readability
    assert all(not s.score.scored and s.grade is None for s in scores)


def test_spanish_prose_is_judged_by_reading_ease() -> None:
    hard = (
        "La farmacoterapia antidepresiva contemporánea necesariamente considera"
        " interacciones farmacocinéticas extraordinariamente complicadas, comorbilidades"
        " psiquiátricas heterogéneas y susceptibilidades fisiológicas idiosincrásicas"
        " particularmente entre poblaciones geriátricas institucionalizadas."
    )
    report = run(
        edit(edit(CLEAN, "language: en-US", "language: es"), "Take one pill each day.", hard)
    )
    (finding,) = [f for f in report.findings if f.check_id == "KD102"]
    assert "Fernández Huerta" in finding.message


def test_readability_records_scores_and_method_for_every_scope() -> None:
    report = run(CLEAN)
    scores = report.articles[0].readability
    scopes = ["article", "summary", "lead", "section", "section", "faq", "faq"]
    assert [s.scope for s in scores] == scopes
    article = scores[0]
    assert article.score.method.startswith("readability/")
    assert article.grade_formula == "Flesch-Kincaid"  # fewer than 30 sentences
    assert article.grade == pytest.approx(article.score.flesch_kincaid_grade)


def test_prose_drops_citations_code_and_urls() -> None:
    text = InlineText(
        "Take `10 mg` daily [@smith2020], see https://example.org or [the label](https://x.org)"
        " and [https://y.org](https://y.org)."
    )
    assert prose(text) == "Take daily , see or the label and ."


def test_headings_and_tables_are_not_scored() -> None:
    report = run(CLEAN)
    article = report.articles[0].readability[0]
    # Lead 2 sentences, section 3 + 2 list items, research 1, FAQ answers 3 + 2.
    assert article.score.sentences == 13


def test_pemat_summary_never_claims_a_score() -> None:
    report = run(CLEAN)
    statuses = {r.item.text: r.status for r in report.articles[0].pemat}
    assert statuses["Active voice."] == "needs human review"
    assert statuses["A summary is provided."] == "met"
    assert statuses["Visual aids have clear titles or captions."] == "met"
    assert "not met" not in statuses.values()
    key_points = CLEAN[CLEAN.index("key_points:") : CLEAN.index("regulatory_status:")]
    no_summary = run(edit(CLEAN, key_points, ""))
    statuses = {r.item.text: r.status for r in no_summary.articles[0].pemat}
    assert statuses["A summary is provided."] == "not met"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_article_score_combined_from_parts_equals_scoring_the_whole_text(
    language: str,
) -> None:
    from ketadoc.checks.prose import join
    from ketadoc.checks.readability import combine_scores, score_text
    from ketadoc.resources import example_path

    article, document = located(example_path().read_text("utf-8"))
    report = check(article, config=CheckConfig(today=TODAY), locations=document)
    parts = [s for s in report.articles[0].readability if s.scope in ("lead", "section", "faq")]
    texts = [join(texts) for texts in _owner_texts(article, document)]
    whole = score_text(join(texts), language)
    combined = combine_scores([score_text(text, language) for text in texts], language)
    assert len(parts) == len(texts)
    for name in ("words", "sentences", "syllables", "polysyllables", "smog_extrapolated"):
        assert getattr(combined, name) == getattr(whole, name), name
    for name in (
        "flesch_kincaid_grade",
        "flesch_reading_ease",
        "smog_grade",
        "fernandez_huerta",
        "szigriszt_pazos",
    ):
        assert getattr(combined, name) == pytest.approx(getattr(whole, name)), name


def _owner_texts(article: Any, document: SourceDocument) -> list[list[str]]:
    from ketadoc.checks.framework import CheckContext

    context = CheckContext(article, CheckConfig(), TODAY, document)
    return list(context.prose_by_owner.values())


def test_summary_grade_points_at_the_field_it_quotes() -> None:
    text = edit(
        CLEAN,
        '"Call 911 if you have trouble breathing."',
        f'"{HARD_PROSE} Call 911 if you have trouble breathing."',
    )
    found = [f for f in run(text).findings if f.check_id == "KD104"]
    assert [f.field for f in found] == ["care_advice[0].text"]
    assert "Pharmacological interventions" in found[0].message


@pytest.mark.parametrize(("grade", "flagged"), [(8.04, False), (8.049, False), (8.06, True)])
def test_grade_is_compared_as_it_is_printed(grade: float, flagged: bool) -> None:
    import dataclasses

    from ketadoc.checks.reading import _too_hard

    article, document = located(CLEAN)
    ctx_report = check(article, config=CheckConfig(today=TODAY), locations=document)
    scored = dataclasses.replace(ctx_report.articles[0].readability[0], grade=grade)
    score = dataclasses.replace(scored.score, words=100)
    scored = dataclasses.replace(scored, score=score)

    class Ctx:
        config = CheckConfig()

    message = _too_hard(scored, Ctx())  # type: ignore[arg-type]
    assert (message is not None) == flagged
    if message is not None:
        assert f"{round(grade, 1):.1f}" in message


def test_a_handout_with_nothing_a_patient_can_use() -> None:
    bare = "---\ntitle: Sertraline\ndescription: About sertraline.\nlanguage: en\n---\n\nIt is a pill.\n"
    (finding,) = [f for f in run(bare).findings if f.check_id == "KD701"]
    assert "only the title and the description" in finding.message
    assert finding.line == 2  # at the title, as there is no handout field to point at
    body = bare + "\n## How to take it\n\nTake one pill each day.\n"
    assert "KD701" not in ids(run(body))  # no summary: the handout prints the body
    chosen = edit(body, "language: en\n", "language: en\nhandout: []\n")
    (finding,) = [f for f in run(chosen).findings if f.check_id == "KD701"]
    assert (finding.field, finding.line) == ("handout", 5)
    assert "in the handout field" in finding.message
    assert "KD701" not in ids(run(edit(chosen, "handout: []", "handout: [how-to-take-it]")))


def test_a_promise_the_handout_keeps_is_not_reported() -> None:
    promise = edit(
        CLEAN, "and what to watch for.\n", "what the research shows, and what to watch for.\n"
    )
    (finding,) = [f for f in run(promise).findings if f.check_id == "KD702"]
    assert (finding.field, finding.line) == ("description", 3)
    assert "'research'" in finding.message
    assert '"What the Research Shows"' in finding.message
    assert "what-the-research-shows" in finding.message
    printed = edit(promise, "language: en-US\n", "language: en-US\nhandout: all\n")
    assert "KD702" not in ids(run(printed))
    # Words of the topic (title, about) promise nothing.
    topic = edit(CLEAN, "and what to watch for.\n", "and for anxiety disorders.\n")
    topic = edit(topic, "## What the Research Shows", "## Anxiety Disorders Research")
    assert "KD702" not in ids(run(topic))


RISKS = "risks:\n  - {name: Feeling sick, frequency: common, severity: mild, action: monitor}\n"


@pytest.mark.parametrize(
    ("heading", "fires"),
    [
        ("## Possible Side Effects", True),
        ("## Side effects and risks of sertraline", True),
        ("## Efectos secundarios de la vacuna", True),
        ("## Side effects {#risks}", False),
        ("## Managing adverse reactions at home", False),
        ("## How to Take It", False),
    ],
)
def test_a_section_that_repeats_the_side_effects_table(heading: str, fires: bool) -> None:
    text = edit(
        edit(CLEAN, "questions_to_ask:", RISKS + "questions_to_ask:"), "## How to Take It", heading
    )
    found = [f for f in run(text).findings if f.check_id == "KD703"]
    assert bool(found) == fires, heading
    if fires:
        assert found[0].field == "sections[0].heading"
        assert "{#risks}" in found[0].message
    if "{#risks}" not in heading:  # without risks there is no table to repeat
        assert "KD703" not in ids(run(edit(CLEAN, "## How to Take It", heading)))
