"""A page in a language written right to left (Arabic, Hebrew, Persian, Urdu...) reads
from the right in the PDF and on the web: text starts at the right margin, sentence
punctuation ends it on the left, boxes, tables and columns start from the right, the
footer's title sits at the right — and a web address still reads left to right."""

from __future__ import annotations

import io
import json

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
