"""The handout carries the article: the body sections the author chooses (all of them
when there is no summary), whole, with their safety boxes, tables and figures; a page
budget that warns instead of cutting; and a line naming what a handout leaves out."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdf_samples import png
from pdf_structure import read_structure
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app
from ketadoc.rendering.coverage import handout_sections, left_out

OVERVIEW = """---
title: "Diabetes: an overview"
description: What diabetes is, how it is found and what the results mean.
language: en-US
---

Diabetes means there is too much sugar in your blood.

## What happens in your body

Your body turns food into sugar. Insulin moves the sugar into your cells.

> [!IMPORTANT]
> Low blood sugar can make you faint. Always carry something sweet.

![A drop of blood on a test strip](strip.png "Testing at home")

## How it is found

1. A blood test after a night without food.
2. An HbA1c test.

| Test | Normal | Diabetes |
|---|---|---|
| HbA1c | below 5.7% | 6.5% or above |
| Fasting glucose | below 100 | 126 or above |

Table: What the results mean
"""

LEAFLET = """---
title: Sertraline tablets
description: How to take sertraline and what to look out for.
language: en-GB
key_points:
  - Take one tablet a day.
risks:
  - {name: Feeling sick, frequency: common, severity: mild, action: monitor}
care_advice:
  - {level: emergency, text: "Call 999 if you have thoughts of harming yourself."}
HANDOUT---

## How to take it

Take one tablet each morning with water.

> [!WARNING]
> Do not stop taking it suddenly.

## Who cannot take it

Do not take it if you take an MAOI.

## History of the medicine

It was first sold in 1991.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strip.png").write_bytes(png(40, 30))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _tags(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found: list[str] = []

        def walk(node: pikepdf.Object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    found.append(str(node.S))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    for kid in kids:
                        walk(kid)
                elif kids is not None:
                    walk(kids)

        walk(pdf.Root.StructTreeRoot)
        return found


def test_an_article_without_summary_prints_its_body(tmp_path: Path) -> None:
    article = ketadoc.load(_write(tmp_path, "overview.md", OVERVIEW))
    assert handout_sections(article) == article.sections
    rendered = ketadoc.export(article, "pdf")
    text = _text(rendered.data)
    for expected in (
        "too much sugar in your blood",  # the lead introduces the printed body
        "What happens in your body",
        "Low blood sugar can make you faint",  # the IMPORTANT box
        "Testing at home",  # the figure's caption
        "A blood test after a night without food",
        "6.5% or above",
        "What the results mean",
    ):
        assert expected in text, expected
    tags = _tags(rendered.data)
    assert "/Figure" in tags
    assert "/Table" in tags
    assert "/L" in tags
    assert not [w for w in rendered.warnings if "leaves out" in w.message]


def test_body_and_table_text_keep_their_sizes(tmp_path: Path) -> None:
    article = ketadoc.load(_write(tmp_path, "overview.md", OVERVIEW))
    with pdfplumber.open(io.BytesIO(ketadoc.export(article, "pdf").data)) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    size = {w["text"]: round(w["size"], 1) for w in words}
    assert size["Insulin"] >= 11  # body text
    assert size["HbA1c"] >= 10  # table text
    assert size["night"] >= 11  # list text


@pytest.mark.parametrize(
    ("handout", "printed", "left"),
    [
        ("", [], ["How to take it", "Who cannot take it", "History of the medicine"]),
        ("handout: [how-to-take-it, who-cannot-take-it]\n", ["How to take it"], ["History"]),
        ("handout: all\n", ["How to take it", "History of the medicine"], []),
    ],
)
def test_a_leaflet_prints_its_summary_and_the_sections_it_marks(
    tmp_path: Path, handout: str, printed: list[str], left: list[str]
) -> None:
    article = ketadoc.load(_write(tmp_path, "leaflet.md", LEAFLET.replace("HANDOUT", handout)))
    rendered = ketadoc.export(article, "pdf")
    text = _text(rendered.data)
    assert "Take one tablet a day." in text  # the summary stays
    assert "Call 999" in text
    for heading in printed:
        assert heading in text
    if "How to take it" in printed:
        assert "Do not stop taking it suddenly" in text  # its WARNING box prints too
    notes = [w for w in rendered.warnings if "leaves out" in w.message]
    for heading in left:
        assert heading not in text
        assert heading in notes[0].message
    assert bool(notes) == bool(left)
    assert all(note.level == "info" for note in notes)


def test_the_placed_side_effects_table_prints_once_in_its_section(tmp_path: Path) -> None:
    source = LEAFLET.replace("HANDOUT", "handout: all\n").replace(
        "## History of the medicine",
        "## Side effects {#risks}\n\nMost pass in a week.\n\n## History",
    )
    article = ketadoc.load(_write(tmp_path, "leaflet.md", source))
    text = _text(ketadoc.export(article, "pdf").data)
    assert text.count("Feeling sick") == 1
    assert text.index("Most pass in a week") < text.index("Feeling sick") < text.index("History")


def test_over_the_page_budget_is_a_warning_and_strict_writes_nothing(tmp_path: Path) -> None:
    long = LEAFLET.replace("HANDOUT", "handout: all\n") + "".join(
        f"\n## Part {n}\n\n" + "A sentence that fills the page. " * 60 + "\n" for n in range(8)
    )
    path = _write(tmp_path, "long.md", long)
    article = ketadoc.load(path)
    (warning,) = [w for w in ketadoc.export(article, "pdf").warnings if w.level == "warning"]
    assert "over its budget of 2 (pdf.max_pages)" in warning.message
    assert "'Part 7'" in warning.message
    assert warning.field.startswith("sections[")
    assert not [
        w for w in ketadoc.export(article, "pdf", max_pages=20).warnings if w.level == "warning"
    ]
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(path), "--to", "pdf", "--out", str(out), "--strict"]
    )
    assert result.exit_code == 1
    assert "over its budget" in result.output
    assert not (out / "long.pdf").exists()


def test_coverage_names_what_each_layout_leaves_out(example: ketadoc.Article) -> None:
    assert left_out(example, "article") == ()
    (sections, lead, references) = left_out(example, "handout")
    assert "'Mechanism of Action'" in sections.what
    assert sections.field == "sections[0]"
    assert lead.what == "the lead"
    assert references.what == "the reference list"


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_the_example_handout_stays_two_pages(example: ketadoc.Article, size: str) -> None:
    data = ketadoc.export(example, "pdf", page_size=size).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("name", ["es-preguntas.md", "ketamine-anxiety.md", "yaml-form.yaml"])
def test_every_printed_address_reads_exactly_as_written(name: str) -> None:
    article = ketadoc.load(FIXTURES / name)
    expected = {article.url} if article.url else set()
    printed = {section.id for section in handout_sections(article)}
    for faq in article.faqs:
        for block in faq.answer:
            text = getattr(block, "text", None)
            for node in text.walk() if text is not None else ():
                href = getattr(node, "href", "")
                if href.startswith(("http", "mailto:")):
                    expected.add(href.removeprefix("mailto:"))
                elif href.startswith("#") and article.url and href[1:] not in printed:
                    expected.add(article.url + href)  # the part is read online
    assert expected
    with pdfplumber.open(io.BytesIO(ketadoc.export(article, "pdf").data)) as pdf:
        words = [
            (page.page_number, w["top"], w["x0"], w["text"])
            for page in pdf.pages
            for w in page.extract_words(keep_blank_chars=False)
        ]
    for address in expected:
        assert _printed(address, words), address


def _printed(address: str, words: list[tuple[int, float, float, str]]) -> bool:
    """Whether ``address`` is printed whole: on one line, or broken across lines (in
    any column) with nothing added where it broke, such as a hyphen."""

    def rest(read: str, page: int, line: float) -> bool:
        if read == address:
            return True
        if not address.startswith(read):
            return False
        # The rest starts a following line, in this column or beside another's text.
        return any(
            rest(read + w[3].rstrip(").,;"), page, w[1])
            for w in words
            if w[0] == page
            and line + 1 < w[1] < line + 20
            and address.startswith(read + w[3].rstrip(").,;"))
        )

    for page, top, _, text in words:
        start = text.find(address[:4])
        if start >= 0 and rest(text[start:].rstrip(").,;"), page, top):
            return True
    return False


def test_the_article_ends_with_its_closing_block_whole(example: ketadoc.Article) -> None:
    with pdfplumber.open(io.BytesIO(ketadoc.export(example, "pdf", layout="article").data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    last = pages[-1]
    # the review block, the disclaimer and the online address share the last page
    for text in ("About this article", "Last reviewed", "Disclaimer", "Read this online"):
        assert text in last, text
    assert sum("Reviewed by" in page for page in pages) == 1


def test_citation_numbers_do_not_wrap_in_table_cells(tmp_path: Path) -> None:
    source = tmp_path / "cells.md"
    source.write_text(
        "---\ntitle: Cells\ncitations:\n"
        + "".join(
            f"  - {{id: k{n}, type: book, title: Book {n}, issued: {{date-parts: [[2020]]}}}}\n"
            for n in range(1, 13)
        )
        + "---\n\n## Table\n\n| Finding | Source |\n|---|---|\n"
        "| Less anxiety | Seen in trials [@k1; @k2; @k3; @k4; @k5; @k6; @k7; @k8; @k9; @k10; @k11; @k12] |\n",
        encoding="utf-8",
    )
    data = ketadoc.export(ketadoc.load(source), "pdf", layout="article").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "1–12" in text or "1,2,3,4,5,6,7,8,9,10,11,12" in text.replace(" ", "")


def _risks_article(folder: Path) -> Path:
    """A leaflet whose 'Call your doctor' group is long enough to cross a page."""
    risks = "".join(
        f"  - {{name: Effect {n:02d}, frequency: rare, severity: moderate, action: call_doctor,"
        f" description: {'A sentence about how it feels and what it does. ' * 3}}}\n"
        for n in range(1, 31)
    )
    return _write(
        folder,
        "many-risks.md",
        "---\ntitle: Many side effects\nlanguage: en\nkey_points: [Read the table.]\nrisks:\n"
        "  - {name: Feeling sick, frequency: common, severity: mild, action: monitor}\n"
        + risks
        + "  - {name: Swollen face, frequency: rare, severity: serious, action: emergency}\n"
        "---\n\nText.\n",
    )


def _table_lines(data: bytes, names: set[str]) -> list[list[str]]:
    """Each page's table heads (the lines with the column names) and the lines that
    start a side effect's row, top to bottom, as printed."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            [
                line
                for line in (page.extract_text() or "").splitlines()
                if " How often " in line or any(line.startswith(f"{n} ") for n in names)
            ]
            for page in pdf.pages
        ]


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_a_side_effect_group_that_crosses_a_page_repeats_its_heading(
    tmp_path: Path, size: str
) -> None:
    article = ketadoc.load(_risks_article(tmp_path))
    data = ketadoc.export(article, "pdf", page_size=size, max_pages=5).data
    labels = {
        "monitor": "Watch for it; it usually passes",
        "call_doctor": "Call your doctor",
        "emergency": "Get emergency help",
    }
    group_of = {risk.name: labels[risk.action] for risk in article.risks}
    pages = _table_lines(data, set(group_of))
    for lines in pages:
        # Every row sits under the head of its own group on the same page (a head that
        # wraps ends its label on the line of the column names).
        group = None
        for line in lines:
            if " How often " in line:
                head = line.split(" How often ")[0]
                group = next(label for label in labels.values() if label.endswith(head))
            else:
                assert group == group_of[line.split(" Up to")[0]], (line, lines)
    continued = [lines for lines in pages[1:] if lines and lines[0].startswith("Call your doctor")]
    assert continued, "the 'Call your doctor' group should cross a page in this test"


@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_the_example_side_effects_keep_their_heading_on_page_two(
    example: ketadoc.Article, size: str
) -> None:
    data = ketadoc.export(example, "pdf", page_size=size).data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    names = {risk.name for risk in example.risks}
    for page in lines:
        first_row = next(
            (i for i, line in enumerate(page) if any(line.startswith(n) for n in names)), None
        )
        if first_row is not None:
            assert "How often" in page[first_row - 1], page[first_row - 1]


def _pdftotext(data: bytes, folder: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it, in reading order."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = folder / "read-back.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


LINKS = """---
title: Links on paper
language: en
url: https://example.org/links
handout: all
---

## Where to read more

Visit <https://example.org/es/> or write to <help@example.org>.

Or read [the clinic's page](https://example.org/clinic/page).
"""


@pytest.mark.parametrize("layout", ["handout", "article"])
def test_a_link_that_shows_its_address_prints_it_once(tmp_path: Path, layout: str) -> None:
    article = ketadoc.load(_write(tmp_path, "links.md", LINKS))
    text = " ".join(
        _pdftotext(ketadoc.export(article, "pdf", layout=layout).data, tmp_path).split()
    )
    assert text.count("https://example.org/es/") == 1, text
    assert "Visit https://example.org/es/ or write to help@example.org." in text
    # A named link still prints where it goes, once, after its name.
    assert "the clinic's page (https://example.org/clinic/page)" in text.replace("’", "'")
    assert text.count("https://example.org/clinic/page") == 1


LONG_DOI = "10.1000/" + ".".join(
    f"trial-{n}-results-of-the-long-term-follow-up-{n}/part-{n}" for n in range(1, 5)
)


def test_a_long_doi_breaks_only_after_a_slash_or_before_a_dot(tmp_path: Path) -> None:
    # The same DOI after titles of different lengths, so its line ends fall in
    # different places of it.
    titles = ["A study", "A study of two groups", "A study of two groups over ten long years"]
    source = tmp_path / "doi.md"
    source.write_text(
        "---\ntitle: Long DOI\nlanguage: en\ncitations:\n"
        + "".join(
            f"  - {{id: s{n}, type: article-journal, title: {title}, DOI: '{LONG_DOI}'}}\n"
            for n, title in enumerate(titles)
        )
        + "---\n\n## Evidence\n\nStudies looked at this [@s0; @s1; @s2].\n",
        encoding="utf-8",
    )
    data = ketadoc.export(ketadoc.load(source), "pdf", layout="article").data
    text = _pdftotext(data, tmp_path)
    starts = [i + len("doi:") for i in range(len(text)) if text.startswith("doi:", i)]
    assert len(starts) == len(titles)
    for start in starts:
        read, breaks = "", []
        for char in text[start:]:
            if len(read) == len(LONG_DOI):
                break
            if char == "\n":
                breaks.append(len(read))
            else:
                read += char
        assert read == LONG_DOI  # nothing added where it broke
        assert breaks, "the DOI is longer than a line: it must break"
        for at in breaks:
            assert LONG_DOI[at - 1] == "/" or LONG_DOI[at] == ".", (LONG_DOI[:at], LONG_DOI[at:])
    # A screen reader reads it whole too, with no space or mark where the line broke.
    structure = read_structure(data)
    entries = [structure.plain(e) for e in structure.root.find("LBody")]
    assert sum(f"doi:{LONG_DOI}" in entry for entry in entries) == len(titles), entries


ROOT = Path(__file__).resolve().parent.parent
_ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)\S+")
_SOURCE_ADDRESS = re.compile(r"https?://[^\s<>()\[\]'\"`]+")


def _read_addresses(text: str, written: set[str]) -> list[str]:
    """Every address in ``text`` as printed: one that ends a line continues on the
    next one when the two together start an address of the source (a break with a
    hyphen, or any other mark, does not)."""
    found = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        for match in _ADDRESS.finditer(line):
            read = match.group().rstrip(").,;")
            rest = lines[number + 1 :]
            ends_line = match.end() == len(line.rstrip())
            while ends_line and rest and rest[0].split():
                words = rest[0].split()
                joined = (read + words[0]).rstrip(").,;")
                if not any(address.startswith(joined) for address in written):
                    break
                read, rest, ends_line = joined, rest[1:], len(words) == 1
            found.append(read)
    return found


@pytest.mark.parametrize(
    "source",
    [
        "examples/ketamine-anxiety.md",
        "tests/corpus/vacuna-gripe.md",
        "tests/corpus/sertraline-leaflet.md",
        "tests/corpus/sertraline-questions.md",
    ],
)
@pytest.mark.parametrize("size", ["Letter", "A4"])
def test_every_address_pdftotext_reads_is_written_so_in_the_source(
    tmp_path: Path, source: str, size: str
) -> None:
    path = ROOT / source
    written = {a.rstrip(".,;") for a in _SOURCE_ADDRESS.findall(path.read_text("utf-8"))}
    article = ketadoc.load(path)
    text = _pdftotext(ketadoc.export(article, "pdf", page_size=size).data, tmp_path)
    printed = _read_addresses(text, written)
    assert article.url in printed
    for address in printed:
        assert address in written, f"{address!r} is printed but not written in {source}"


def test_side_effect_names_and_frequencies_are_not_hyphenated() -> None:
    """Spanish text is hyphenated, but not the words a reader looks for in the
    side-effects table's narrow first columns ("can-sancio", "perso-nas")."""
    article = ketadoc.load(ROOT / "tests" / "corpus" / "vacuna-gripe.md")
    data = ketadoc.export(article, "pdf", page_size="Letter").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words()
    top = next(w["bottom"] for w in words if w["text"] == "agrupados")  # the table note
    bottom = next(w["top"] for w in words if w["text"] == "Cuándo")
    third_column = min(w["x0"] for w in words if w["text"] == "Cómo" and top < w["top"] < bottom)
    narrow = [w["text"] for w in words if top < w["top"] < bottom and w["x1"] < third_column]
    assert "cansancio" in narrow
    assert not [word for word in narrow if word.endswith("-")], narrow
