"""The jsonld exporter: golden files, the graph's shape, the export-time rules, the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app
from ketadoc.exporters.jsonld import JsonLdExporter, script_safe
from ketadoc.rendering.jsonld.answer import ANSWER_TAGS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = sorted(
    p
    for p in FIXTURES.iterdir()
    if p.suffix in (".md", ".yaml", ".yml", ".json") and ".expected." not in p.name
)

# Every schema.org term the exporter may write. A new term must be checked against the
# schema.org vocabulary before it is added here.
KNOWN_TERMS = {
    "@context", "@graph", "@type", "@id", "about", "acceptedAnswer", "adverseOutcome",
    "affiliation", "alternateName", "audienceType", "author", "citation", "dateModified",
    "datePublished", "description", "drug", "headline", "honorificSuffix", "identifier",
    "inLanguage", "isPartOf", "issueNumber", "jobTitle", "lastReviewed", "mainEntity",
    "medicalAudience", "name", "pagination", "possibleTreatment", "propertyID", "publisher",
    "reviewedBy", "sameAs", "seriousAdverseOutcome", "text", "url", "value", "volumeNumber",
}  # fmt: skip
KNOWN_TYPES = {
    "Answer", "Book", "BlogPosting", "Chapter", "CreativeWork", "Dataset", "Drug", "FAQPage",
    "MedicalAudience", "MedicalCondition", "MedicalEntity", "MedicalTherapy", "MedicalWebPage",
    "Organization", "Patient", "Periodical", "Person", "PropertyValue", "PublicationIssue",
    "PublicationVolume", "Question", "Report", "ScholarlyArticle", "Thesis", "WebPage",
}  # fmt: skip


def _nodes(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "@type" in value:
            found.append(value)
        for item in value.values():
            found.extend(_nodes(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_nodes(item))
    return found


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


def _types(node: dict[str, Any]) -> list[str]:
    kind = node["@type"]
    return [kind] if isinstance(kind, str) else list(kind)


def _jsonld(article: ketadoc.Article, **options: Any) -> dict[str, Any]:
    return json.loads(ketadoc.export(article, "jsonld", **options).text)


def _article(body: str, front: str = "title: A page\nurl: https://example.org/a") -> Any:
    return ketadoc.loads(f"---\n{front}\n---\n\n{body}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_golden(source: Path, update_golden: bool) -> None:
    expected = source.with_name(f"{source.stem}.expected.jsonld")
    actual = ketadoc.export(ketadoc.load(source), "jsonld").text
    if update_golden:
        expected.write_text(actual, encoding="utf-8")
    assert expected.is_file(), f"no golden file {expected.name}; run: pytest --update-golden"
    assert actual == expected.read_text(encoding="utf-8"), (
        f"{source.name}: the JSON-LD changed; if that is intended, run: pytest --update-golden"
    )


def test_the_fixtures_cover_the_required_cases() -> None:
    names = {p.name for p in SOURCES}
    assert {"ketamine-anxiety.md", "no-faq.md", "es-preguntas.md", "yaml-form.yaml"} <= names


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_only_known_schema_org_terms_and_resolving_ids(source: Path) -> None:
    data = _jsonld(ketadoc.load(source), base_url="https://example.org/health")
    assert _keys(data) <= KNOWN_TERMS
    nodes = _nodes(data)
    assert {t for node in nodes for t in _types(node)} <= KNOWN_TYPES
    defined = {n["@id"] for n in nodes if "@id" in n}
    text = json.dumps(data)
    for ref in re.findall(r'\{"@id": "([^"]+)"\}', text):
        assert ref in defined
    for node in nodes:
        for key in ("@id", "url"):
            if key in node:
                assert re.match(r"^(https?|urn):", node[key]), node[key]


def test_example_graph(example: ketadoc.Article) -> None:
    data = _jsonld(example)
    assert list(data) == ["@context", "@graph"]
    assert data["@context"] == "https://schema.org"
    page, *others = data["@graph"]
    assert page["@type"] == ["MedicalWebPage", "FAQPage"]
    assert page["@id"] == "https://example.org/health/ketamine-anxiety#webpage"
    assert list(page)[:4] == ["@type", "@id", "url", "name"]
    assert page["lastReviewed"] == "2024-03-01"
    assert page["medicalAudience"] == {"@type": "Patient"}
    questions = page["mainEntity"]
    assert len(questions) == len(example.faqs)
    for question, faq in zip(questions, example.faqs, strict=True):
        assert question["@id"] == f"https://example.org/health/ketamine-anxiety#{faq.id}"
        assert question["name"] == faq.question
        assert isinstance(question["acceptedAnswer"], dict)
        assert question["acceptedAnswer"]["text"].startswith("<p>")
    by_type = {_types(node)[0]: node for node in others}
    therapy, condition, drug = (
        by_type["MedicalTherapy"],
        by_type["MedicalCondition"],
        by_type["Drug"],
    )
    assert therapy["drug"] == [{"@id": drug["@id"]}]
    # the example lists ketamine and anxiety but states no treatment: nothing links them
    assert "possibleTreatment" not in condition
    serious = {o["name"] for o in therapy["seriousAdverseOutcome"]}
    assert serious == {"Cardiovascular effects", "Misuse potential"}
    assert "Dissociation" in {o["name"] for o in therapy["adverseOutcome"]}
    assert "adverseOutcome" not in drug
    glue = next(c for c in page["citation"] if "doi.org/10.1177/0269881117705089" in str(c))
    assert glue["@type"] == "ScholarlyArticle"
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1177/0269881117705089"} in (
        glue["identifier"]
    )
    assert glue["sameAs"][0] == "https://doi.org/10.1177/0269881117705089"
    assert "doi" not in _keys(data)


def test_no_faqs_gives_a_medical_web_page_only() -> None:
    data = _jsonld(ketadoc.load(FIXTURES / "no-faq.md"))
    page = data["@graph"][0]
    assert page["@type"] == "MedicalWebPage"
    assert "mainEntity" not in page
    assert not any("FAQPage" in _types(n) for n in _nodes(data))


def test_faq_scope_is_the_faq_page_alone(example: ketadoc.Article) -> None:
    data = _jsonld(example, scope="faq")
    assert data["@type"] == "FAQPage"
    assert list(data)[:3] == ["@context", "@type", "@id"]
    assert len(data["mainEntity"]) == len(example.faqs)
    assert not any("MedicalWebPage" in _types(n) for n in _nodes(data))


def test_faq_scope_without_faqs_is_an_error() -> None:
    with pytest.raises(ketadoc.ExportError, match="no FAQs"):
        ketadoc.export(ketadoc.load(FIXTURES / "no-faq.md"), "jsonld", scope="faq")


def test_spanish_faq_section_and_language() -> None:
    data = _jsonld(ketadoc.load(FIXTURES / "es-preguntas.md"))
    page = data["@graph"][0]
    assert page["inLanguage"] == "es"
    assert [q["name"] for q in page["mainEntity"]] == [
        "¿Está aprobada la ketamina para la ansiedad?",
        "¿Qué efectos secundarios tiene?",
    ]
    assert page["reviewedBy"][0] == {
        "@type": "Person",
        "name": "María López",
        "honorificSuffix": "MD",
        "jobTitle": "Psiquiatra",
    }


def test_answers_use_only_allowed_html_and_plain_citation_markers() -> None:
    data = _jsonld(ketadoc.load(FIXTURES / "es-preguntas.md"))
    first, second = (q["acceptedAnswer"]["text"] for q in data["@graph"][0]["mainEntity"])
    assert first == (
        "<p>No. En EE. UU. está aprobada como <strong>anestésico</strong>; su uso para la"
        " ansiedad es <em>fuera de indicación</em> [1].</p>"
    )
    # a page anchor means nothing outside the page: the words stay, the link goes
    assert "#que-dice" not in second
    assert '<a href="https://example.org/es/">' in second
    for text in (first, second):
        tags = set(re.findall(r"</?([a-z0-9]+)", text))
        assert tags <= ANSWER_TAGS
        assert not re.search(r"<(?!a )[a-z0-9]+ ", text), "only <a> may carry an attribute"


def test_tables_and_callouts_in_answers_become_allowed_html() -> None:
    data = _jsonld(ketadoc.load(FIXTURES / "yaml-form.yaml"))
    first, second = (q["acceptedAnswer"]["text"] for q in data["@graph"][0]["mainEntity"])
    assert "<table" not in first
    assert first.endswith(
        "<p>Where the medicine goes</p><ul><li><strong>With spacer</strong><br>"
        "<strong>Without spacer</strong></li>"
        "<li>More reaches the lungs<br>More stays in the mouth</li></ul>"
    )
    assert second == "<p>Take it when you remember, unless the next dose is due [1].</p>"


def test_without_url_ids_fall_back_to_urns_with_a_warning() -> None:
    article = ketadoc.load(FIXTURES / "no-faq.md")
    rendered = ketadoc.export(article, "jsonld")
    page = json.loads(rendered.text)["@graph"][0]
    assert page["@id"] == "urn:ketadoc:no-faq#webpage"
    assert "url" not in page
    assert len(rendered.warnings) == 1
    assert "no `url`" in rendered.warnings[0].message
    assert "--base-url" in rendered.warnings[0].message


def test_base_url_gives_the_page_an_address() -> None:
    article = ketadoc.load(FIXTURES / "no-faq.md")
    rendered = ketadoc.export(article, "jsonld", base_url="https://example.org/health/")
    page = json.loads(rendered.text)["@graph"][0]
    assert page["url"] == "https://example.org/health/no-faq"
    assert page["@id"] == "https://example.org/health/no-faq#webpage"
    assert rendered.warnings == ()


def test_the_article_url_wins_over_base_url(example: ketadoc.Article) -> None:
    page = _jsonld(example, base_url="https://other.example/")["@graph"][0]
    assert page["url"] == "https://example.org/health/ketamine-anxiety"


def test_last_reviewed_without_reviewers_is_valid_and_quiet() -> None:
    # NHS and HSE pages publish a review date without naming the reviewer; whether a named
    # reviewer is expected is a `ketadoc check` policy, not a build warning.
    article = _article(
        "Text.", "title: A page\nurl: https://example.org/a\nlast_reviewed: 2024-01-01"
    )
    rendered = ketadoc.export(article, "jsonld")
    page = json.loads(rendered.text)["@graph"][0]
    assert page["lastReviewed"] == "2024-01-01"
    assert "reviewedBy" not in page
    assert rendered.warnings == ()


def test_a_build_prints_each_warning_once_and_located(tmp_path: Path) -> None:
    source = tmp_path / "page.md"
    source.write_text(
        "---\ntitle: A page\nauthors: [{name: 'Jane Doe, MD'}]\n"
        "risks: [{name: Rash, severity: mild, action: monitor}]\n---\n\nText.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["build", str(source), "--to", "jsonld,html", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("no `url`") == 1, result.output
    assert result.output.count("looks like it includes credentials") == 1, result.output
    assert f"{source}:3:18: warning: authors[0].name: " in result.output
    assert f"{source}:4:8: warning: risks: the risks are left out" in result.output


def test_credentials_in_a_name_are_a_warning() -> None:
    front = "title: A page\nurl: https://example.org/a\nauthors: [{name: 'Jane Doe, MD'}]"
    warnings = ketadoc.export(_article("Text.", front), "jsonld").warnings
    assert any('"Jane Doe, MD"' in w.message and "credentials" in w.message for w in warnings)


def test_risks_without_a_drug_or_therapy_are_left_out_with_a_warning() -> None:
    front = (
        "title: A page\nurl: https://example.org/a\n"
        "risks: [{name: Rash, severity: mild, action: monitor}]"
    )
    rendered = ketadoc.export(_article("Text.", front), "jsonld")
    assert "adverseOutcome" not in rendered.text
    assert any("about" in w.message for w in rendered.warnings)


def test_output_is_deterministic(example: ketadoc.Article) -> None:
    first = ketadoc.export(example, "jsonld").data
    assert all(ketadoc.export(example, "jsonld").data == first for _ in range(3))
    # a fresh load in the same process (no cached state) gives the same bytes
    source = FIXTURES / "ketamine-anxiety.md"
    assert ketadoc.export(ketadoc.load(source), "jsonld").data == (
        ketadoc.export(ketadoc.load(source), "jsonld").data
    )


def test_script_option_escapes_for_html(example: ketadoc.Article) -> None:
    text = ketadoc.export(example, "jsonld", script=True).text
    assert text.startswith('<script type="application/ld+json">\n')
    inner = text.removeprefix('<script type="application/ld+json">\n').removesuffix("\n</script>\n")
    assert not re.search(r"[<>&]", inner)
    assert json.loads(inner) == _jsonld(example)


def test_script_safe_round_trips_hostile_text() -> None:
    hostile = {"t": "</script><script>alert(1)</script> <!-- ]]> & \"q\" 'q' ñ"}
    safe = script_safe(json.dumps(hostile, ensure_ascii=False))
    assert not re.search(r"[<>&]", safe)
    assert json.loads(safe) == hostile


def test_exporter_capabilities() -> None:
    exporter = ketadoc.get_exporter("jsonld")
    assert isinstance(exporter, JsonLdExporter)
    assert (exporter.name, exporter.extension) == ("jsonld", ".jsonld")
    assert exporter.media_type == "application/ld+json"
    with pytest.raises(ketadoc.ExportError, match="scope"):
        ketadoc.export(_article("Text."), "jsonld", scope="site")


# -- the command line ---------------------------------------------------------------------


def test_cli_prints_json_ld(example_path: Path, example: ketadoc.Article) -> None:
    result = CliRunner().invoke(app, ["jsonld", str(example_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _jsonld(example)
    assert result.stderr == ""


def test_cli_faq_scope_and_script(example_path: Path) -> None:
    result = CliRunner().invoke(app, ["jsonld", str(example_path), "--scope", "faq", "--script"])
    assert result.exit_code == 0
    assert result.stdout.startswith('<script type="application/ld+json">')
    assert '"@type": "FAQPage"' in result.stdout


def test_cli_warns_on_stderr_and_strict_fails() -> None:
    source = str(FIXTURES / "no-faq.md")
    result = CliRunner().invoke(app, ["jsonld", source])
    assert result.exit_code == 0
    assert "warning: the article has no `url`" in result.stderr
    assert json.loads(result.stdout)["@graph"][0]["@id"] == "urn:ketadoc:no-faq#webpage"

    strict = CliRunner().invoke(app, ["jsonld", source, "--strict"])
    assert strict.exit_code == 1
    assert "error: the article has no `url`" in strict.stderr
    assert strict.stdout == ""

    fixed = CliRunner().invoke(
        app, ["jsonld", source, "--strict", "--base-url", "https://example.org/health"]
    )
    assert fixed.exit_code == 0, fixed.stderr
    assert '"url": "https://example.org/health/no-faq"' in fixed.stdout


def test_cli_errors_and_usage(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["jsonld", str(tmp_path / "missing.md")])
    assert missing.exit_code == 1
    assert "missing.md" in missing.stderr
    assert "Traceback" not in missing.output
    no_faq = runner.invoke(app, ["jsonld", str(FIXTURES / "no-faq.md"), "--scope", "faq"])
    assert no_faq.exit_code == 1
    assert "no FAQs" in no_faq.stderr
    bad_scope = runner.invoke(app, ["jsonld", str(FIXTURES / "no-faq.md"), "--scope", "x"])
    assert bad_scope.exit_code == 2
    bad_url = runner.invoke(app, ["jsonld", str(FIXTURES / "no-faq.md"), "--base-url", "example"])
    assert bad_url.exit_code == 2


@pytest.mark.slow
def test_cli_jsonld_imports_neither_weasyprint_nor_docx(example_path: Path) -> None:
    program = (
        "import sys\n"
        "from ketadoc.cli import app\n"
        "try:\n"
        f"    app(['jsonld', {str(example_path)!r}], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docx'))\n"
        "    print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert '"@type": "Question"' in result.stdout
    assert "HEAVY []" in result.stderr


# -- stated relations: `treats` and `prevents` on `about` entities -------------------------


@pytest.mark.parametrize(
    ("entity", "field", "words"),
    [
        ("{type: drug, name: Sertraline, treats: [Depresion]}", "about[0].treats[0]",
         '"Depresion" is not an `about` condition'),
        ("{type: drug, name: Sertraline, treats: [Sertraline]}", "about[0].treats[0]",
         '"Sertraline" is a drug; treats names a condition'),
        ("{type: test, name: HbA1c, prevents: [Depression]}", "about[0].prevents",
         "a test does not prevent"),
        ("{type: condition, name: Anxiety, treats: [Depression]}", "about[0].treats",
         "a condition does not treat"),
        ("{type: drug, name: depression}", "about[1].name", '"Depression" already names about[0]'),
    ],
)  # fmt: skip
def test_relations_must_name_an_about_condition(
    tmp_path: Path, entity: str, field: str, words: str
) -> None:
    source = tmp_path / "leaflet.md"
    source.write_text(
        f"---\ntitle: A leaflet\nabout:\n  - {entity}\n  - {{type: condition, name: Depression}}\n"
        "---\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.load(source)
    [problem] = caught.value.problems
    line = 4 if field.startswith("about[0]") else 5
    assert str(problem).startswith(f"{source}:{line}:"), str(problem)
    assert problem.field == field
    assert words in problem.message


def test_relations_match_a_condition_by_any_of_its_names() -> None:
    article = _article(
        "Text.",
        "title: A page\nabout:\n"
        "  - {type: vaccine, name: Flu vaccine, prevents: [flu]}\n"
        "  - {type: condition, name: Influenza, alternate_names: [Flu]}",
    )
    assert article.about[0].prevents == ("flu",)


# -- the README's JSON-LD tables and example ----------------------------------------------

README = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")


def _readme_table(header: str) -> list[list[str]]:
    start = README.index(header)
    lines = README[start:].split("\n\n", 1)[0].splitlines()[2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_readme_lists_the_one_csl_type_mapping() -> None:
    from ketadoc.rendering.jsonld.citations import CSL_TYPES

    documented = {
        csl.strip(" `"): schema_type.strip("`")
        for schema_type, csl_types in _readme_table("| schema.org type | CSL types |")
        for csl in csl_types.split(",")
    }
    assert documented == dict(CSL_TYPES)


def test_readme_lists_the_type_of_each_about_entity() -> None:
    from ketadoc.rendering.jsonld.medical import ENTITY_TYPES

    documented = {
        kind.strip("`"): schema_type.split()[0].strip("`;")
        for kind, schema_type in _readme_table("| `about` type | schema.org type |")
    }
    assert documented == dict(ENTITY_TYPES)


def test_readme_about_example_gives_exactly_the_stated_relations() -> None:
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if "treats:" in b]
    article = _article("Text.", "title: A page\nurl: https://example.org/a\n" + block.strip())
    graph = _jsonld(article)["@graph"]
    names = {node["@id"]: node["name"] for node in graph}
    relations = {
        (node["name"], key, names[ref["@id"]])
        for node in graph
        for key in ("possibleTreatment", "primaryPrevention")
        for ref in node.get(key, ())
    }
    assert relations == {
        ("Depression", "possibleTreatment", "Sertraline"),
        ("Influenza", "primaryPrevention", "Flu vaccine"),
    }
