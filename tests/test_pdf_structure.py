"""The tag tree of every PDF, read back as a screen reader reads it (tests/pdf_structure.py).

Every fixture, example and corpus article is rendered in both layouts on Letter and A4;
each PDF must keep the PDF/UA-1 structure rules, and hold, in its tag tree, exactly the
tables, captions, links, figures and FAQ paragraphs of the HTML it was rendered from.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from pathlib import Path

import lxml.html
import pytest
from pdf_renders import rendered
from pdf_structure import Element, Structure, read_structure, ua_problems

import ketadoc
from ketadoc.errors import ExportError
from ketadoc.exporters.pdf import PdfOptions
from ketadoc.exporters.pdf.document import build_html
from ketadoc.exporters.pdf.engine import write_pdf
from ketadoc.exporters.pdf.tag_sources import HOOK_PARAMETERS, hook_parameters, recording
from ketadoc.rendering.resources import ResourcePolicy

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [
        *(ROOT / "tests" / "fixtures").glob("*.md"),
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "examples").glob("*.md"),
        *(ROOT / "tests" / "corpus").glob("*.md"),
    ]
)
RENDERINGS = [
    ("handout", "Letter"),
    ("handout", "A4"),
    ("article", "Letter"),
    ("article", "A4"),
]
CASES = [
    pytest.param(source, layout, size, id=f"{source.parent.name}/{source.stem}-{layout}-{size}")
    for source in SOURCES
    for layout, size in RENDERINGS
]
# Inline HTML elements the templates and Markdown write inside paragraphs.
_INLINE_TAGS = ("strong", "b", "em", "i", "sub", "sup", "time", "code", "small", "abbr", "cite")
# What print CSS adds after an outside link for readers of the paper copy.
_PRINTED_ADDRESS = re.compile(r"\s*\(\s*(?:https?|mailto|tel):[^()]*\)")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _source_html(source: Path, layout: str, size: str) -> lxml.html.HtmlElement:
    article = ketadoc.load(source)
    html, _ = build_html(article, PdfOptions(layout=layout, page_size=size))
    return lxml.html.fromstring(html)


def _structure(source: Path, layout: str, size: str) -> Structure:
    try:
        data = rendered(source, layout, size)
    except ExportError as exc:
        if "No anchor" not in str(exc):
            raise
        # A handout that leaves out a section still links to it: a content bug of the
        # handout, not of the tag tree; these cases run again once it is fixed.
        pytest.xfail(f"the {layout} links to a part it does not print: {exc}")
    return read_structure(data)


def _bare(text: str) -> str:
    return re.sub(r"[\s·]", "", text)


def _printed_text(element: lxml.html.HtmlElement) -> str:
    """What ``element`` of the source prints in its own flow: a page footnote leaves
    its call (its number) where it is written and is printed at the foot of the page."""
    copy = deepcopy(element)
    for note in copy.xpath(".//span[@class='footnote']"):
        for child in list(note):
            note.remove(child)
        note.text = note.get("data-n")
    return str(copy.text_content())


def _text_without_notes(structure: Structure, element: Element) -> str:
    """What ``element`` reads, leaving out the footnotes placed after their calls."""
    parts = []
    for kid in element.kids:
        if isinstance(kid, Element):
            if kid.kind != "Note":
                parts.append(_text_without_notes(structure, kid))
        elif isinstance(kid, tuple):
            parts.append(structure.texts.get(kid, ""))
    return element.actual_text if element.actual_text is not None else "".join(parts)


def _inline_in_paragraph(element: Element, inline_kinds: set[str]) -> bool:
    """True when only inline elements stand between ``element`` and a P above it."""
    while element.parent is not None:
        element = element.parent
        if element.kind == "P":
            return True
        if element.kind not in inline_kinds:
            return False
    return False


def _heading(structure: Structure, section: Element) -> str:
    for kid in section.kids:
        if isinstance(kid, Element) and re.fullmatch(r"H[1-6]", kid.kind):
            return structure.plain(kid)
    return ""


@pytest.mark.parametrize(("source", "layout", "size"), CASES)
def test_tag_tree_keeps_the_pdf_ua_rules(source: Path, layout: str, size: str) -> None:
    assert ua_problems(_structure(source, layout, size)) == []


@pytest.mark.parametrize(("source", "layout", "size"), CASES)
def test_tag_tree_holds_what_the_source_holds(source: Path, layout: str, size: str) -> None:
    structure = _structure(source, layout, size)
    html = _source_html(source, layout, size)
    body = html.body

    # One Table per table, with its caption.
    tables = structure.root.find("Table")
    source_tables = body.findall(".//table")
    assert len(tables) == len(source_tables)
    for table, source_table in zip(tables, source_tables, strict=True):
        captions = [structure.plain(c) for c in table.find("Caption")]
        expected = [_normal(c.text_content()) for c in source_table.findall("caption")]
        assert captions == expected
        assert len(table.find("TR")) == len(source_table.findall(".//tr"))

    # One element per HTML element: no section, paragraph or list split by a page, column
    # or line, none run into its neighbour (elements the print CSS hides are not drawn).
    for kind, tags in (
        ("Sect", ".//section"),
        ("L", ".//ul|.//ol|.//dl"),
        ("H2", ".//h2"),
        ("H3", ".//h3"),
    ):
        found = [structure.plain(e)[:40] for e in structure.root.find(kind)]
        assert len(found) <= len(body.xpath(tags)), (kind, found)
    for sect in structure.root.find("Sect"):
        headings = [k for k in sect.kids if isinstance(k, Element) and re.fullmatch(r"H\d", k.kind)]
        assert len(headings) <= 1, f"one Sect holds {[structure.plain(h) for h in headings]}"
    # Word for word, spaces included ("Published: January", not "Published:January"),
    # leaving out the separators CSS adds between the dates; a page footnote leaves its
    # call where it is written.
    paragraphs = [_normal(_printed_text(p)) for p in body.iter("p")]
    for element in structure.root.find("P"):
        text = _normal(_PRINTED_ADDRESS.sub("", _text_without_notes(structure, element)))
        text = text.replace(" · ", " ")
        assert text in paragraphs, f"P {text!r} is not one whole source paragraph"
        paragraphs.remove(text)

    # Each inline element (strong, em, sub, sup, time, code...) is an inline structure
    # element reading its own text, inside the element that holds its paragraph.
    inline_kinds = {"Span", "Code", "Quote"}
    inlines = sorted(
        _normal(e.text_content())
        for e in body.xpath(" | ".join(f".//p//{tag}" for tag in _INLINE_TAGS))
        if _normal(e.text_content())
    )
    tagged = sorted(
        structure.plain(e)
        for e in structure.root.walk()
        if e.kind in inline_kinds and _inline_in_paragraph(e, inline_kinds | {"Link"})
    )
    missing = [text for text in inlines if text not in tagged]
    assert missing == [], "inline elements not tagged as Span"

    # Each page footnote is a Note holding its number and text, read right after the
    # Reference that calls it (PDF/UA), in the paragraph that calls it.
    notes = structure.root.find("Note")
    source_notes = body.xpath(".//span[@class='footnote']")
    assert [_bare(structure.plain(n)) for n in notes] == [
        _bare(f"{n.get('data-n')}.{n.text_content()}") for n in source_notes
    ]
    for note in notes:
        parent = next(e for e in structure.root.walk() if note in e.kids)
        before = parent.kids[parent.kids.index(note) - 1]
        assert isinstance(before, Element), parent.kind
        assert before.kind == "Reference", parent.kind

    # One Link per link, each with its annotations.
    links = structure.root.find("Link")
    assert len(links) == len(body.xpath(".//a[@href]")), [structure.plain(k) for k in links]

    # Every figure with its alternative text.
    assert sorted(f.alt or "" for f in structure.root.find("Figure")) == sorted(
        img.get("alt", "") for img in body.iter("img")
    )

    # Text in another language says so.
    other = {e.get("lang") for e in body.xpath(".//*[@lang]")} - {html.get("lang")}
    assert other <= {e.lang for e in structure.root.walk() if e.lang}


@pytest.mark.parametrize(("source", "layout", "size"), CASES)
def test_faq_answers_read_paragraph_by_paragraph(source: Path, layout: str, size: str) -> None:
    structure = _structure(source, layout, size)
    html = _source_html(source, layout, size)
    questions = html.body.xpath('.//section[contains(concat(" ", @class, " "), " question ")]')
    sections = {
        _heading(structure, sect): sect
        for sect in structure.root.find("Sect")
        if _heading(structure, sect)
    }
    for question in questions:
        asked = _normal(question.find("h3").text_content())
        assert asked in sections, f"no section for the question {asked!r}"
        expected = [_normal(_printed_text(p)) for p in question.xpath(".//p")]
        read = [
            _normal(_PRINTED_ADDRESS.sub("", _text_without_notes(structure, p)))
            for p in sections[asked].find("P")
        ]
        assert read == expected


@contextmanager
def _unwatched() -> Iterator[None]:
    yield None


def test_the_rules_fail_on_the_tree_weasyprint_writes(
    example: ketadoc.Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules bite: without the tagging pass, WeasyPrint's own tree breaks them."""
    monkeypatch.setattr("ketadoc.exporters.pdf.engine.recording", _unwatched)
    problems = ua_problems(read_structure(ketadoc.export(example, "pdf").data))
    assert any("neither in the tree nor an artifact" in p for p in problems)
    assert any("has no /Scope" in p for p in problems)
    assert any("no /IDTree" in p for p in problems)
    assert any("holds a NonStruct" in p for p in problems)


def _read_paragraphs(html: str) -> list[tuple[str, list[str]]]:
    """Each P of ``html`` rendered to PDF: what it reads, and the text of each piece."""
    result = write_pdf(
        html,
        base_dir=None,
        stylesheets=[],
        policy=ResourcePolicy(roots=()),
        identifier=b"line-ends",
        pdf_ua=True,
    )
    structure = read_structure(result.data)
    return [
        (structure.plain(p), [structure.texts.get(mark, "") for mark in p.marked()])
        for p in structure.root.find("P")
    ]


def test_a_word_split_at_a_line_end_reads_as_the_source_writes_it() -> None:
    """A hyphen WeasyPrint adds at a break goes; one the author wrote stays, without a space;
    a word split on the next line too (hyphen on both lines) still reads whole."""
    sentences = [
        "La vacuna inyectable no contiene virus vivos ni extraordinariamente nada.",
        "Un anti-inflamatorio ayuda.",
        "Un anti\u2010inflamatorio ayuda.",
    ]
    paragraphs = "".join(
        f'<p style="width: {width}; hyphens: {hyphens}">{text}</p>'
        for text, width, hyphens in zip(
            sentences, ("4.5em", "6em", "6em"), ("auto", "manual", "manual"), strict=True
        )
    )
    read = _read_paragraphs(f'<html lang="es"><title>t</title><body>{paragraphs}</body></html>')
    assert [text for text, _ in read] == sentences
    hyphenated, hard, typographic = (pieces for _, pieces in read)
    # The breaks this is about were printed: hyphens added by WeasyPrint, and each
    # compound broken right after its own hyphen.
    assert sum(piece.endswith("\u2010") for piece in hyphenated) >= 2
    assert "Un anti-" in hard
    assert "Un anti\u2010" in typographic


def test_adjacent_inline_elements_read_with_the_space_between_them() -> None:
    html = (
        '<html lang="en"><title>t</title><body><p><strong>Published:</strong> '
        '<time datetime="2024-01-15">January 15, 2024</time>. <em>Take</em> <b>it</b>'
        " as H<sub>2</sub>O and x<sup>2</sup> <code>now</code>.</p></body></html>"
    )
    [(text, _)] = _read_paragraphs(html)
    assert text == "Published: January 15, 2024. Take it as H2O and x2 now."


def test_pdfua_reports_nothing_on_any_rendering(tmp_path: Path) -> None:
    """Every rule pdfua runs, heuristic ones included, on every PDF, in one process."""
    files = []
    for source, layout, size in (case.values for case in CASES):
        assert isinstance(source, Path)
        try:
            data = rendered(source, str(layout), str(size))
        except ExportError as exc:
            if "No anchor" in str(exc):
                continue  # the handout content bug above; its cases are marked there
            raise
        path = tmp_path / f"{source.stem}-{layout}-{size}.pdf"
        path.write_bytes(data)
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    decoder = json.JSONDecoder()
    reports, position = [], 0
    while position < len(result.stdout.rstrip()):
        report, position = decoder.raw_decode(result.stdout, position)
        reports.append(report)
        while position < len(result.stdout) and result.stdout[position].isspace():
            position += 1
    assert len(reports) == len(files), result.stderr
    findings = {
        Path(r["file"]).name: [f"{f['rule_id']} {f['message']}" for f in r["findings"]]
        for r in reports
        if r["findings"]
    }
    assert findings == {}
    # A rule that raises is skipped, not failed. pdfua 0.1.3's UA-14-001 (empty headings)
    # raises on every heading whose /K is an array with pikepdf 10 (README, known gaps);
    # ua_problems checks that rule instead. Any other skip means a rule did not run.
    skipped = {
        f"{skip['rule_id']}: {skip['reason']}"
        for report in reports
        for skip in report.get("skipped", [])
        if not (skip["rule_id"] == "UA-14-001" and "'/is_integer'" in skip["reason"])
    }
    assert skipped == set()


def test_the_private_weasyprint_hook_the_pass_watches_is_unchanged(
    example: ketadoc.Article,
) -> None:
    """The notes come from wrapping WeasyPrint's private ``weasyprint.pdf.tags.
    _build_box_tree`` (README, known gaps). A WeasyPrint that renames it, changes its
    parameters or stops calling it would leave the tree unmended: this says so by name."""
    import weasyprint
    from weasyprint.pdf import tags

    builder = getattr(tags, "_build_box_tree", None)
    assert builder is not None, "weasyprint.pdf.tags._build_box_tree is gone"
    assert hook_parameters(builder) == HOOK_PARAMETERS, (
        f"weasyprint.pdf.tags._build_box_tree now takes {hook_parameters(builder)}"
    )
    html, _ = build_html(example, PdfOptions())
    with recording() as sources:
        assert sources is not None, "ketadoc could not wrap WeasyPrint's tree builder"
        weasyprint.HTML(string=html).write_pdf(pdf_tags=True)
    assert sources.keys, "WeasyPrint tagged the PDF without calling the wrapped builder"
    assert sources.spoken, "no printed line's end was noted"
