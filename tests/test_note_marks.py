"""A footnote's call reads as a letter and a citation's as a number, in every format.

Both are small raised marks; were both digits, "sugar¹ … months¹" would leave a reader
unable to tell the reference list from a note at the foot of the page. Each format is
read back as a reader gets it (the PDF's text, LibreOffice's rendering of the DOCX, the
parsed page and JSON-LD), from one paragraph holding a citation and a footnote.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pdfplumber
import pytest
from pdf_renders import render_quietly

import ketadoc
from ketadoc.rendering.notes import NOTE_MARKS, note_mark

SOURCE = """\
---
title: The A1c test
language: en
url: https://example.org/a1c
citations:
  - id: ada2024
    type: article-journal
    title: Standards of care in diabetes
    container-title: Diabetes Care
    issued: {date-parts: [[2024]]}
---

## The test

The A1c test shows your average blood sugar [@ada2024] over the last 3 months[^span].

[^span]: Red blood cells live about 3 months.

## FAQ

### Do I need to fast before it?

No[^fast]. You can eat before the test [@ada2024].

[^fast]: Other blood sugar tests may still need you to fast.
"""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def article() -> ketadoc.Article:
    return ketadoc.loads(SOURCE)


def _squeezed(text: str) -> str:
    return "".join(text.replace("\u00ad", "").split())


def test_notes_are_lettered_as_css_lower_alpha_letters_them() -> None:
    assert [note_mark(n) for n in (1, 2, 26, 27, 28, 52, 53, 702, 703)] == [
        "a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa",
    ]  # fmt: skip
    assert NOTE_MARKS.plain(3) == "[c]"
    with pytest.raises(ValueError, match="from 1"):
        note_mark(0)


@pytest.mark.slow
def test_pdf_prints_the_citation_as_a_number_and_the_note_call_as_a_letter(
    article: ketadoc.Article,
) -> None:
    data = render_quietly(article, layout="article")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = _squeezed(" ".join(page.extract_text() for page in pdf.pages))
    assert "bloodsugar1overthelast3monthsa." in text
    assert "a.Redbloodcellsliveabout3months." in text
    # The FAQ's note is the second printed: b, its citation still 1.
    assert "Nob.Youcaneatbeforethetest1." in text
    assert "b.Otherbloodsugartests" in text


def test_html_links_the_number_to_the_references_and_the_letter_to_the_note(
    article: ketadoc.Article,
) -> None:
    page = lxml.html.fromstring(ketadoc.export(article, "html").data)
    [paragraph] = page.xpath("//p[contains(., 'average blood sugar')]")
    assert paragraph.xpath("string(.//sup[@class='cite'])") == "1"
    assert paragraph.xpath("string(.//sup[@class='footnote-ref'])") == "a"
    assert " ".join(paragraph.text_content().split()).endswith(
        "blood sugar1 over the last 3 monthsa."
    )
    [notes] = page.xpath("//ol[@class='footnotes']")
    assert notes.get("type") == NOTE_MARKS.html_list_type == "a"
    first = notes.xpath("li")[0]
    assert first.get("id") == "fn-1"
    assert first.xpath("string(a[@role='doc-backlink']/@href)") == "#fnref-1"
    assert paragraph.xpath("string(.//a[@role='doc-noteref']/@id)") == "fnref-1"


def test_jsonld_answer_marks_the_note_with_a_bracketed_letter(article: ketadoc.Article) -> None:
    graph = json.loads(ketadoc.export(article, "jsonld").data)
    [page] = [node for node in graph["@graph"] if "mainEntity" in node]
    [question] = page["mainEntity"]
    answer = lxml.html.fragment_fromstring(question["acceptedAnswer"]["text"], "div")
    assert [" ".join(p.text_content().split()) for p in answer.iter("p")] == [
        "No[b]. You can eat before the test [1].",
        "[b] Other blood sugar tests may still need you to fast.",
    ]


def _docx_xml(data: bytes, name: str) -> lxml.etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return lxml.etree.fromstring(package.read(name))


def test_docx_letters_its_footnotes_when_citations_are_numbers(article: ketadoc.Article) -> None:
    data = ketadoc.export(article, "docx").data
    body = _docx_xml(data, "word/document.xml")
    formats = body.xpath("//w:sectPr/w:footnotePr/w:numFmt/@w:val", namespaces={"w": W[1:-1]})
    assert formats == [NOTE_MARKS.word_number_format] == ["lowerLetter"]
    # Numbers are the citations' own text, linked to the reference list.
    marks = [r for r in body.iter(f"{W}r") if r.find(f"{W}footnoteReference") is not None]
    assert len(marks) == 2
    assert all(r.find(f"{W}t") is None for r in marks)


def test_docx_with_citations_as_footnotes_gives_each_note_its_letter(
    article: ketadoc.Article,
) -> None:
    data = ketadoc.export(article, "docx", citation_style="footnotes").data
    body = _docx_xml(data, "word/document.xml")
    assert not body.xpath("//w:numFmt", namespaces={"w": W[1:-1]})
    calls = []
    for run in body.iter(f"{W}r"):
        reference = run.find(f"{W}footnoteReference")
        if reference is not None:
            custom = reference.get(f"{W}customMarkFollows") == "1"
            calls.append(run.findtext(f"{W}t") if custom else "#")
    # In reading order: citation (Word numbers it), note a, note b, citation.
    assert calls == ["#", "a", "b", "#"]
    notes = _docx_xml(data, "word/footnotes.xml")
    texts = ["".join(note.itertext()).strip() for note in notes.iter(f"{W}footnote")]
    assert "a Red blood cells live about 3 months." in texts
    assert "b Other blood sugar tests may still need you to fast." in texts


@pytest.mark.slow
@pytest.mark.parametrize("citation_style", ["numbered", "footnotes"])
def test_libreoffice_prints_the_docx_citation_as_a_number_and_the_note_as_a_letter(
    article: ketadoc.Article, tmp_path: Path, citation_style: str
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui"
        )
    source = tmp_path / "a1c.docx"
    source.write_bytes(ketadoc.export(article, "docx", citation_style=citation_style).data)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "a1c.pdf") as pdf:
        text = _squeezed(" ".join(page.extract_text() for page in pdf.pages))
    assert re.search(r"bloodsugar1overthelast3monthsa\.", text), text
    assert "Nob.Youcaneatbeforethetest" in text
    assert "aRedbloodcellsliveabout3months." in text
    assert "bOtherbloodsugartests" in text
