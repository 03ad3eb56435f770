"""A list inside a list item numbers one level down, the same way in every format:
1, 2 … then a, b … then i, ii …, so "step 2b" names the same step on paper, on the web
and in Word."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import docx
import pdfplumber

import ketadoc

SOURCE = """\
---
title: Eye drops
language: en-GB
handout: all
---

## Putting the drops in

1. Wash your hands.
2. Tilt your head back:
   1. look up;
   2. pull the lower lid down:
      1. gently;
      2. with one finger.
3. Close your eye.

- Keep the bottle:
  - in the fridge;
    - away from food.

Shower
: You can shower the next day:

    1. keep your eye closed;
    2. keep soap out of it.
"""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def article() -> ketadoc.Article:
    return ketadoc.loads(SOURCE)


def test_the_pdf_numbers_each_level_as_the_theme_says() -> None:
    data = ketadoc.export(article(), "pdf", layout="handout").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    marks = re.findall(r"^\s*(\S+\.) (?:look|pull|gently|with|keep)", text, re.M)
    assert marks == ["a.", "b.", "i.", "ii.", "a.", "b."]


def test_the_web_page_marks_each_nested_list_with_its_level() -> None:
    page = ketadoc.export(article(), "html").text
    section = page.split("Putting the drops in</h2>", 1)[1]
    lists = re.findall(r"<(ol|ul)( class=\"[^\"]+\")?[ >]", section)
    body = [(kind, cls.strip()) for kind, cls in lists]
    assert body == [
        ("ol", ""),
        ("ol", 'class="list-level-2"'),
        ("ol", 'class="list-level-3"'),
        ("ul", ""),
        ("ul", 'class="list-level-2"'),
        ("ul", 'class="list-level-3"'),
        ("ol", 'class="list-level-2"'),  # under a definition's term
    ]
    assert "ol.list-level-2 { list-style-type: lower-alpha; }" in page
    assert "ol.list-level-3 { list-style-type: lower-roman; }" in page


def test_word_numbers_the_same_levels_the_same_way() -> None:
    data = ketadoc.export(article(), "docx").data
    document = docx.Document(io.BytesIO(data))
    styles = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert styles["look up;"] == "List Number 2"
    assert styles["gently;"] == "List Number 3"
    assert styles["keep your eye closed;"] == "List Number 2"  # under a term: one down
    numbering = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml"))
    formats = {
        lvl.get(f"{W}ilvl"): lvl.find(f"{W}numFmt").get(f"{W}val")  # type: ignore[union-attr]
        for abstract in numbering.iter(f"{W}abstractNum")
        for lvl in abstract.iter(f"{W}lvl")
        if lvl.find(f"{W}numFmt").get(f"{W}val") != "bullet"  # type: ignore[union-attr]
    }
    assert formats == {"0": "decimal", "1": "lowerLetter", "2": "lowerRoman"}
