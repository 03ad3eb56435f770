"""Bad input: every kind of mistake gets a located message, exit code 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app

GOOD = """\
---
title: Sleep habits
language: en
date_published: 2024-01-15
citations:
  - {id: smith2020, title: A study, DOI: 10.1000/xyz123}
---

Lead text [@smith2020].

## Habits

Go to bed when you feel sleepy.

## FAQ

### How long should I sleep?

Most adults need 7 hours.
"""

# (case id, text, line of the problem, field path, words in the message)
CASES = [
    ("yaml-syntax", GOOD.replace("language: en", "language: [en"), 4, "", "front matter syntax"),
    ("unknown-key", GOOD.replace("language: en", "langauge: en"), 3, "langauge", 'did you mean "language"'),
    ("missing-title", GOOD.replace("title: Sleep habits\n", ""), 2, "title", "is required"),
    ("bad-date", GOOD.replace("2024-01-15", "2024-02-30"), 4, "date_published", "is not a date"),
    (
        "bad-enum",
        GOOD.replace("citations:", "risks:\n  - {name: X, severity: bad, action: monitor}\ncitations:"),
        6,
        "risks[0].severity",
        "'mild', 'moderate' or 'serious'",
    ),
    ("undefined-citation", GOOD.replace("[@smith2020]", "[@smyth2020]"), 9, "lead[0].text", 'no citation has id "smyth2020"'),
    (
        "duplicate-question",
        GOOD + "\n### How long should I sleep?\n\nAgain.\n",
        21,
        "faqs[1].question",
        "questions must be unique",
    ),
    (
        "duplicate-section-id",
        GOOD.replace("## Habits", "## Habits {#sleep}").replace(
            "## FAQ", "## Other {#sleep}\n\nText.\n\n## FAQ"
        ),
        15,
        "sections[1].id",
        "already used",
    ),
    ("skipped-level", GOOD.replace("## Habits", "## Habits\n\n#### Deep"), 13, "sections", "may not be skipped"),
    ("empty-alt", GOOD.replace("Go to bed", "![](room.png)\n\nGo to bed"), 13, "sections[0].blocks[0].alt", "must not be empty"),
    ("bad-link-scheme", GOOD.replace("Go to bed", "[bed](ftp://x.org/a) Go to bed"), 13, "sections[0].blocks[0].text", "is not allowed"),
    ("javascript-link", GOOD.replace("Go to bed", "[bed](javascript:alert(1)) Go to bed"), 13, "sections[0].blocks[0].text", '"javascript:alert(1)" is not allowed'),
    ("raw-html-inline", GOOD.replace("Go to bed", "Go <b>to</b> bed"), 13, "sections[0].blocks[0].text", "raw HTML"),
    ("raw-html-block", GOOD.replace("Go to bed", "<div>x</div>\n\nGo to bed"), 13, "sections[0].blocks[0]", "raw HTML"),
    ("bad-doi", GOOD.replace("10.1000/xyz123", "11.1000/xyz"), 6, "citations[0].DOI", "is not a DOI"),
    ("bad-pmid", GOOD.replace("DOI: 10.1000/xyz123", "PMID: 12ab"), 6, "citations[0].PMID", "is not a PubMed id"),
    (
        "modified-before-published",
        GOOD.replace("date_published: 2024-01-15", "date_published: 2024-01-15\ndate_modified: 2023-01-01"),
        5,
        "date_modified",
        "is before date_published",
    ),
    (
        "reviewed-in-future",
        GOOD.replace("date_published: 2024-01-15", "last_reviewed: 2999-01-01"),
        4,
        "last_reviewed",
        "is in the future",
    ),
    ("empty-answer", GOOD.replace("Most adults need 7 hours.\n", ""), 17, "faqs[0].answer", "must not be empty"),
    ("control-character", GOOD.replace("Go to bed", "Go to \x07bed"), 13, "sections[0].blocks[0].text", "U+0007"),
    ("bad-language", GOOD.replace("language: en", "language: english!"), 3, "language", "BCP 47"),
    ("two-faq-sections", GOOD + "\n## FAQs\n\n### Another?\n\nYes.\n", 21, "faq_title", "at most one FAQ"),
    ("unknown-block-type", "---\ntitle: T\nlead:\n  - {type: para, text: x}\n---\n", 4, "lead[0]", "unknown type 'para'"),
    ("code-block", GOOD.replace("Go to bed", "```\ncode\n```\n\nGo to bed"), 13, "sections[0].blocks[0]", "code blocks"),
    ("unknown-callout-marker", GOOD.replace("Go to bed", "> [!DANGER] Heat\n> quoted\n\nGo to bed"), 13, "sections[0].blocks[0]", "unknown callout marker [!DANGER]"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "line", "field", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_located(tmp_path: Path, text: str, line: int, field: str, words: str) -> None:
    source = tmp_path / "article.md"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.load(source)
    matching = [p for p in caught.value.problems if words in p.message]
    assert matching, [str(p) for p in caught.value.problems]
    problem = matching[0]
    assert (problem.file, problem.line, problem.field) == (str(source), line, field)
    assert str(problem).startswith(f"{source}:{line}:{problem.column}: error: ")

    result = CliRunner().invoke(app, ["validate", str(source)])
    assert result.exit_code == 1
    assert str(problem) in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_good_article_passes(tmp_path: Path) -> None:
    source = tmp_path / "article.md"
    source.write_text(GOOD, encoding="utf-8")
    article = ketadoc.load(source)
    assert article.faqs[0].question == "How long should I sleep?"


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("language: en", "langauge: en")
        .replace("2024-01-15", "soon")
        .replace("[@smith2020]", "[@smyth2020]")
    )
    source = tmp_path / "article.md"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.load(source)
    assert [p.field for p in caught.value.problems] == [
        "langauge",
        "date_published",
        "lead[0].text",
    ]
    assert 'no citation has id "smyth2020"' in caught.value.problems[2].message


def test_yaml_and_json_errors_are_located(tmp_path: Path) -> None:
    yaml_source = tmp_path / "a.yaml"
    yaml_source.write_text("title: T\nfaqs:\n  - question: Q?\n    answer: []\n", encoding="utf-8")
    json_source = tmp_path / "a.json"
    json_source.write_text('{\n  "title": "T",\n  "audience": "aliens"\n}\n', encoding="utf-8")
    broken = tmp_path / "b.json"
    broken.write_text('{\n  "title": "T",\n}\n', encoding="utf-8")
    expected = [
        (yaml_source, "a.yaml:4:13: error: faqs[0].answer: must not be empty"),
        (json_source, "a.json:3:15: error: audience: 'aliens' is not allowed"),
        (broken, "b.json:3:1: error: JSON syntax"),
    ]
    for source, message in expected:
        with pytest.raises(ketadoc.ContentError) as caught:
            ketadoc.load(source)
        assert str(caught.value.problems[0]).startswith(str(tmp_path / message)), caught.value


def test_no_traceback_from_the_console_script(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text(CASES[0][1], encoding="utf-8")
    missing = tmp_path / "missing.md"
    for args, code in (
        (["validate", str(source)], 1),
        (["validate", str(missing)], 1),
        (["build", str(source), "--to", "pfd"], 2),
        (["build", "--nope"], 2),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ketadoc", *args], capture_output=True, text=True, check=False
        )
        assert done.returncode == code, done.stderr
        assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "ketadoc", "build", str(source), "--to", "pfd"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 'unknown exporter "pfd"; known: ' in done.stderr


# Leaflet syntax that used to pass silently or confuse: (case id, text, exact messages).
LEAFLET_CASES = [
    (
        "undefined-footnote",
        GOOD.replace("Go to bed", "Go to bed[^1]"),
        ['13:1: error: sections[0].blocks[0].text: refers to footnote [^1] but no footnote has id "1"'],
    ),
    (
        "unused-footnote",
        GOOD.replace("Go to bed when you feel sleepy.", "Go to bed.\n\n[^late]: Not after midnight."),
        ["15:1: error: footnotes[0]: footnote [^late] is never referred to; remove it"],
    ),
    (
        "missing-cell",
        GOOD.replace("Go to bed when you feel sleepy.", "| Time | Do |\n|---|---|\n| 9 pm |"),
        ["15:1: error: sections[0].blocks[0].rows[0]: this row has 1 cells but the header has 2; add the missing cells (an empty cell is written | |)"],
    ),
    (
        "unquoted-colon",
        GOOD.replace("title: Sleep habits", "title: Sleep: An Overview"),
        ['2:13: error: front matter syntax: mapping values are not allowed in this context; the value holds ": ", so put it in quotes: title: "Sleep: An Overview"'],
    ),
    (
        "unknown-callout-marker",
        GOOD.replace("Go to bed", "> [!WARN] Allergy warning\n> Stop.\n\nGo to bed"),
        ["13:1: error: sections[0].blocks[0]: unknown callout marker [!WARN]; use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], or drop the marker for a plain quotation"],
    ),
    (
        "line-break-tag",
        GOOD.replace("Go to bed", "Go<br>to bed"),
        ["13:1: error: sections[0].blocks[0].text: raw HTML '<br>' is not allowed; for a line break end the line with \\ or two spaces"],
    ),
    (
        "each-block-its-index",
        GOOD.replace("Go to bed when you feel sleepy.", "Text.\n\n<div>a</div>\n\n---\n\n> [!DANGER]\n> b"),
        [
            "15:1: error: sections[0].blocks[1]: raw HTML '<div>a</div>' is not allowed; write \\< for a literal <",
            "17:1: error: sections[0].blocks[2]: horizontal rules (---, ***) are not supported; use a heading",
            "19:1: error: sections[0].blocks[3]: unknown callout marker [!DANGER]; use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], or drop the marker for a plain quotation",
        ],
    ),
    (
        "hash-starts-a-value",
        GOOD.replace("title: Sleep habits", "title: #1 sleep guide"),
        ['2:8: error: title: the value starts with "#", which YAML reads as the start of a comment, so the value is empty; put it in quotes: title: "#1 sleep guide"'],
    ),
    (
        "hash-starts-a-list-item",
        GOOD.replace("language: en", "language: en\nkey_points:\n  - #1 tip\n  - Sleep"),
        ['5:5: error: key_points[0]: the value starts with "#", which YAML reads as the start of a comment, so the value is empty; put it in quotes: - "#1 tip"'],
    ),
    (
        "undecodable-figure",
        GOOD.replace("Go to bed", '![A chart of sleep hours](noise.png "Hours")\n\nGo to bed'),
        ['13:1: error: sections[0].blocks[0].src: figure "noise.png" is not an image: it is empty, damaged or of an unknown kind; save it as PNG, JPEG or SVG'],
    ),
    (
        "missing-figure",
        GOOD.replace("Go to bed", "![A chart of sleep hours](hours.png)\n\nGo to bed"),
        ['13:1: error: sections[0].blocks[0].src: figure "hours.png": cannot read "{folder}/hours.png": No such file or directory'],
    ),
    (
        "figure-outside-the-folder",
        GOOD.replace("Go to bed", "![A chart of sleep hours](../hours.svg)\n\nGo to bed"),
        ['13:1: error: sections[0].blocks[0].src: figure "../hours.svg": refused to read "file://{folder}/../hours.svg" (it climbs out with ..): only files inside the article\'s folder ({folder}) are allowed; copy it next to the article or pass its folder in allowed_resources'],
    ),
    (
        "broken-svg-figure",
        GOOD.replace("Go to bed", "![A chart of sleep hours](broken.svg)\n\nGo to bed"),
        ['13:1: error: sections[0].blocks[0].src: figure "broken.svg": an SVG image is not well-formed XML: unclosed token: line 1, column 40'],
    ),
    (
        # Field errors and whole-article cross-checks of every kind, all in one run.
        "seven-problems",
        GOOD.replace("language: en", "langauge: en")
        .replace("date_published: 2024-01-15", "date_published: soon\nlast_reviewed: 2024-01-15\nnext_review: 2023-01-01")
        .replace("[@smith2020].", "[@smyth2020].")
        .replace("## Habits", "## Habits {#sleep}")
        .replace("feel sleepy.", "feel sleepy[^1].\n\n## Other {#sleep}\n\nText with <b>raw</b> HTML [@smith2020]."),
        [
            '3:1: error: langauge: unknown key; did you mean "language"?',
            "4:17: error: date_published: 'soon' is not a date; write YYYY-MM-DD",
            "6:14: error: next_review: 2023-01-01 is not after last_reviewed 2024-01-15",
            '11:1: error: lead[0].text: cites [@smyth2020] but no citation has id "smyth2020"',
            '15:1: error: sections[0].blocks[0].text: refers to footnote [^1] but no footnote has id "1"',
            '17:1: error: sections[1].id: "sleep" is already used; ids must be unique',
            "19:1: error: sections[1].blocks[0].text: raw HTML '<b>' is not allowed; for bold write **text**",
        ],
    ),
    (
        "next-review-before-review",
        GOOD.replace("date_published: 2024-01-15", "last_reviewed: 2024-01-15\nnext_review: 2023-01-01"),
        ["5:14: error: next_review: 2023-01-01 is not after last_reviewed 2024-01-15"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "messages"), [c[1:] for c in LEAFLET_CASES], ids=[c[0] for c in LEAFLET_CASES]
)
def test_leaflet_mistakes_have_exact_located_messages(
    tmp_path: Path, text: str, messages: list[str]
) -> None:
    # What the figure rows name: noise saved as .png, and an SVG cut off mid-tag.
    (tmp_path / "noise.png").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><rect')
    source = tmp_path / "article.md"
    source.write_text(text, encoding="utf-8")
    expected = [message.format(folder=tmp_path.resolve()) for message in messages]
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.validate(source)
    assert [str(p).removeprefix(f"{source}:") for p in caught.value.problems] == expected

    # The command prints the same lines, each once, and fails without a traceback.
    result = CliRunner().invoke(app, ["validate", str(source)])
    assert result.exit_code == 1
    printed = result.stderr.splitlines()
    assert [line.removeprefix(f"{source}:") for line in printed] == expected
    assert "Traceback" not in result.output


def test_whole_article_checks_run_however_the_fields_are_wrong(tmp_path: Path) -> None:
    # Items of the wrong kind, an unknown type, a bad enumeration value and an empty
    # answer do not hide the checks that need the whole article.
    source = tmp_path / "a.yaml"
    source.write_text(
        "title: T\n"
        "authors: [{type: robot, name: R2}]\n"
        "about: [{type: drug, name: X, treats: [Y]}, {type: bogus, name: Y, treats: [X]}]\n"
        'faqs: [1, {question: "Q?", answer: []}, {question: "Q?", answer: [{type: paragraph,'
        ' text: "See [x](#nowhere)[^n]"}]}]\n'
        "risks: [{name: R, severity: mild, action: soon, citations: [zz]}]\n"
        "last_reviewed: 2021-01-01\n"
        "next_review: 2020-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.load(source)
    assert [str(p).removeprefix(f"{source}:") for p in caught.value.problems] == [
        "2:11: error: authors[0]: unknown type 'robot'; use one of 'person', 'organization'",
        "3:52: error: about[1].type: 'bogus' is not allowed; use one of 'drug', 'condition', 'therapy', 'vaccine', 'test' or 'procedure'",
        "4:8: error: faqs[0]: input should be a valid dictionary or instance of Faq",
        "4:36: error: faqs[1].answer: must not be empty",
        "4:52: error: faqs[2].question: repeats faqs[1]; questions must be unique",
        '4:91: error: faqs[2].answer[0].text: links to "#nowhere" but no section or FAQ has that id',
        '4:91: error: faqs[2].answer[0].text: refers to footnote [^n] but no footnote has id "n"',
        "5:43: error: risks[0].action: 'soon' is not allowed; use one of 'monitor', 'call_doctor' or 'emergency'",
        '5:61: error: risks[0].citations[0]: no citation has id "zz"',
        "7:14: error: next_review: 2020-01-01 is not after last_reviewed 2021-01-01",
    ]  # fmt: skip


def test_a_comma_in_a_flow_mapping_value_gets_the_quoted_fix(tmp_path: Path) -> None:
    # YAML ends `name: Eye Service, Example Hospital` at the comma and reads the rest as a
    # key without a value: the message shows the line to write instead.
    source = tmp_path / "a.md"
    source.write_text(
        GOOD.replace(
            "language: en",
            'authors: [{type: organization, name: Eye Service, Example "Royal" Hospital}]',
        ),
        encoding="utf-8",
    )
    with pytest.raises(ketadoc.ContentError) as caught:
        ketadoc.load(source)
    assert [str(p).removeprefix(f"{source}:") for p in caught.value.problems] == [
        '3:51: error: authors[0].Example "Royal" Hospital: unknown key; a comma in {...} ends'
        " a value, so if it belongs to name, put the value in quotes:"
        ' name: "Eye Service, Example \\"Royal\\" Hospital"'
    ]
