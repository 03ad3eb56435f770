"""A page in a language written right to left (Arabic, Hebrew, Persian, Urdu...) reads
from the right in the PDF and on the web: text starts at the right margin, sentence
punctuation ends it on the left, boxes, tables and columns start from the right, the
footer's title sits at the right — and a web address still reads left to right."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pdfplumber
import pytest

import ketadoc
from ketadoc.rendering.labels import text_direction

ARABIC = {
    "title": "الإنفلونزا الموسمية",
    "description": "ما هي الإنفلونزا وكيف تحمي نفسك منها.",
    "language": "ar",
    "url": "https://example.org/ar/flu",
    "date_published": "2025-01-10",
    "handout": "all",
    "key_points": ["احصل على لقاح الإنفلونزا كل عام."],
    "risks": [
        {
            "name": "ألم في مكان الحقن",
            "frequency": "common",
            "severity": "mild",
            "action": "monitor",
        }
    ],
    "sections": [
        {
            "heading": "كيف تحمي نفسك",
            "blocks": [{"type": "paragraph", "text": "اغسل يديك بالماء والصابون."}],
        },
        {
            "heading": "متى تتصل بالطبيب",
            "blocks": [{"type": "paragraph", "text": "اتصل بطبيبك إذا استمرت الحمى."}],
        },
    ],
}


def article() -> ketadoc.Article:
    return ketadoc.loads(json.dumps(ARABIC), "json")


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("ku-Arab", "rtl"),  # Kurdish in Arabic script
        ("az-Latn", "ltr"),
        ("en", "ltr"),
        ("es-MX", "ltr"),
        ("fr-FR", "ltr"),
    ],
)
def test_the_direction_follows_the_language_and_its_script(language: str, direction: str) -> None:
    assert text_direction(language) == direction


def test_the_web_page_says_its_direction() -> None:
    page = ketadoc.export(article(), "html").text
    assert '<html lang="ar" dir="rtl">' in page
    english = ketadoc.loads(json.dumps({**ARABIC, "language": "en"}), "json")
    assert '<html lang="en" dir="ltr">' in ketadoc.export(english, "html").text


def printed(text: str) -> str:
    """Arabic as pdfplumber reads it off the page: in visual order, right to left."""
    return text[::-1]


def words_of(data: bytes, page: int = 0) -> tuple[list[dict[str, float | str]], float]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = pdf.pages[page]
        return sheet.extract_words(), float(sheet.width)


def test_the_handout_starts_each_line_at_the_right_margin() -> None:
    data = ketadoc.export(article(), "pdf", layout="handout").data
    words, width = words_of(data)
    # The title and a paragraph start at the right margin, well away from the left one,
    # and the full stop ends the sentence at its left end.
    for text in ("الموسمية", "اغسل"):
        word = next(w for w in words if w["text"] == printed(text))
        line = sorted(
            (w for w in words if abs(float(w["top"]) - float(word["top"])) < 2),
            key=lambda w: float(w["x0"]),
        )
        assert width - float(line[-1]["x1"]) < 60, (text, line[-1])
        assert float(line[0]["x0"]) > width / 4, (text, line[0])
    assert str(line[0]["text"]).startswith("."), line
    # The footer: the title at the right, "Page 1 of 1" at the left.
    page_word = next(w for w in words if w["text"] == "Page")
    assert float(page_word["x0"]) < width / 3
    footer = [w for w in words if abs(float(w["top"]) - float(page_word["top"])) < 3]
    title = next(w for w in footer if w["text"] == printed("الموسمية"))
    assert float(title["x1"]) > width * 2 / 3


def test_the_printed_address_reads_left_to_right() -> None:
    data = ketadoc.export(article(), "pdf", layout="handout").data
    words, _ = words_of(data)
    pieces = [w for w in words if "example.org" in str(w["text"]) or "https" in str(w["text"])]
    line = sorted(pieces, key=lambda w: float(w["x0"]))
    text = "".join(str(w["text"]) for w in line if abs(float(w["top"]) - float(line[0]["top"])) < 2)
    assert text.startswith("https://example.org/"), text


def test_the_article_contents_print_page_numbers_at_the_left_end() -> None:
    data = ketadoc.export(article(), "pdf", layout="article").data
    words, width = words_of(data)
    heading = next(w for w in words if w["text"] == printed("نفسك"))
    row = [w for w in words if abs(float(w["top"]) - float(heading["top"])) < 2]
    number = next(w for w in row if str(w["text"]).isdigit())
    assert float(number["x0"]) < width / 4  # the number at the left end of the entry
    assert float(heading["x1"]) > width * 3 / 4  # the title at the right


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_parts(data: bytes) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: ET.fromstring(package.read(name))
            for name in ("word/document.xml", "word/styles.xml")
        }


def test_the_word_document_runs_right_to_left() -> None:
    parts = docx_parts(ketadoc.export(article(), "docx").data)
    styles, body = parts["word/styles.xml"], parts["word/document.xml"]
    assert styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}bidi") is not None
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None
    assert lang.get(f"{W}bidi") == "ar"
    assert all(s.find(f"{W}bidi") is not None for s in body.iter(f"{W}sectPr"))
    tables = list(body.iter(f"{W}tbl"))
    assert tables
    assert all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)


def test_a_left_to_right_document_stays_left_to_right() -> None:
    english = ketadoc.loads(json.dumps({**ARABIC, "language": "en-GB"}), "json")
    parts = docx_parts(ketadoc.export(english, "docx").data)
    assert not list(parts["word/document.xml"].iter(f"{W}bidi"))
    assert not list(parts["word/styles.xml"].iter(f"{W}bidi"))
    assert not list(parts["word/document.xml"].iter(f"{W}bidiVisual"))


@pytest.mark.parametrize("language", ["ar", "en-GB"])
def test_every_run_format_has_its_complex_script_twin(language: str) -> None:
    # Word sizes and bolds Arabic, Hebrew, Devanagari or Thai text by w:szCs and w:bCs.
    source = ketadoc.loads(json.dumps({**ARABIC, "language": language}), "json")
    for root in docx_parts(ketadoc.export(source, "docx").data).values():
        for properties in root.iter(f"{W}rPr"):
            for latin, twin in (("sz", "szCs"), ("b", "bCs"), ("i", "iCs")):
                given = properties.find(f"{W}{latin}")
                if given is not None:
                    mirrored = properties.find(f"{W}{twin}")
                    assert mirrored is not None, (latin, ET.tostring(properties)[:200])
                    assert mirrored.get(f"{W}val") == given.get(f"{W}val")


@pytest.mark.slow
def test_libreoffice_prints_the_arabic_title_large_and_from_the_right(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    (tmp_path / "ar.docx").write_bytes(ketadoc.export(article(), "docx").data)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(tmp_path / "ar.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "ar.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        width = float(page.width)
    title = next(w for w in words if w["text"] == printed("الموسمية"))
    body = next(w for w in words if w["text"] == printed("اغسل"))
    assert float(title["size"]) > 1.5 * float(body["size"])  # the Title style's size
    for word in (title, body):
        line = [w for w in words if abs(float(w["top"]) - float(word["top"])) < 3]
        assert width - max(float(w["x1"]) for w in line) < 100  # from the right margin
        assert min(float(w["x0"]) for w in line) > width / 4
