"""Each layout's parts come in the order its outline gives, read back from the HTML
page, the PDF article's bookmarks and the DOCX headings; and the side-effects table
an author places in their own section appears there once."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

import ketadoc
from ketadoc.rendering.context import ArticleContext, article_context
from ketadoc.rendering.outline import ANCHORS, Layout, contents_entries, flatten, outline

_HEADINGS = {
    "key_points": "key_points",
    "warnings": "warnings",
    "regulatory_status": "regulatory_status",
    "risks": "side_effects",
    "care_advice": "when_to_get_help",
    "questions_to_ask": "questions_to_ask",
    "references": "references",
    "review": "review",
    "disclaimer": "disclaimer",
}


def _expected_headings(layout: Layout, doc: ArticleContext) -> list[str]:
    """The headings of the parts of ``layout``, in its order."""
    headings: list[str] = []
    for part in flatten(outline(layout)):
        if part.name == "title_block":
            headings.append(doc.article.title)
        elif part.name == "sections":
            headings += (s.heading for s in doc.article.sections)
        elif part.name == "faqs":
            headings.append(doc.faq_title)
        elif part.name in _HEADINGS:
            headings.append(doc.labels[_HEADINGS[part.name]])
    return headings


def _in_order(found: list[str], expected: list[str]) -> list[str]:
    wanted = set(expected)
    return [text for text in found if text in wanted]


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.ids += [value for name, value in attrs if name == "id" and value]


def test_the_web_page_follows_its_outline(example: ketadoc.Article) -> None:
    parser = _Ids()
    parser.feed(ketadoc.export(example, "html").text)
    expected = []
    for part in outline("web"):
        if part.name == "sections":
            expected += (s.id for s in example.sections)
        elif part.anchor is not None and (part.name != "footnotes" or example.footnotes):
            expected.append(part.anchor)
    assert _in_order(parser.ids, expected) == expected


def test_the_pdf_article_follows_its_outline(example: ketadoc.Article) -> None:
    doc = article_context(example)
    reader = PdfReader(io.BytesIO(ketadoc.export(example, "pdf", layout="article").data))
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    expected = _expected_headings("article", doc)
    assert _in_order(titles, expected) == expected


def test_the_docx_follows_its_outline(example: ketadoc.Article) -> None:
    doc = article_context(example)
    document = docx.Document(io.BytesIO(ketadoc.export(example, "docx").data))
    # Part and section headings, box titles (inside the boxes' tables) included: every
    # paragraph of the body in a heading style, in document order.
    paragraphs = (Paragraph(p, document) for p in document.element.body.iter(qn("w:p")))
    texts = [
        p.text
        for p in paragraphs
        if p.style is not None and p.style.name in ("Title", "Box Heading", "Heading 1")
    ]
    expected = _expected_headings("docx", doc)
    assert _in_order(texts, expected) == expected


PLACED = """---
title: Iron tablets
risks:
  - {name: Constipation, frequency: common, severity: mild, action: monitor}
  - {name: Black stools, frequency: common, severity: mild, action: monitor}
---

Take one tablet a day.

## How to take them

With water, before breakfast.

## Side effects {#risks}

Most side effects pass in a few days.

## Storing them

Keep them away from children.
"""


@pytest.fixture
def placed(tmp_path: Path) -> ketadoc.Article:
    source = tmp_path / "iron.md"
    source.write_text(PLACED, encoding="utf-8")
    return ketadoc.load(source)


def test_contents_list_the_placed_risks_once(placed: ketadoc.Article) -> None:
    doc = article_context(placed)
    for layout in ("web", "article", "docx"):
        entries = contents_entries(layout, doc)
        assert [e.anchor for e in entries] == ["how-to-take-them", "risks", "storing-them"]


def test_the_placed_risks_table_appears_once_in_its_section(placed: ketadoc.Article) -> None:
    page = ketadoc.export(placed, "html").text
    assert page.count('class="risk-table"') == 1
    assert ANCHORS["risks"] not in page
    section = page[page.index('id="risks"') : page.index('id="storing-them"')]
    assert "Constipation" in section
    assert page.count('href="#risks"') == 1
    text = "".join(
        page.extract_text() or ""
        for page in PdfReader(
            io.BytesIO(ketadoc.export(placed, "pdf", layout="article").data)
        ).pages
    )
    assert text.count("Constipation") == 1
    body = text[text.index("Most side effects pass") :]
    assert body.index("Constipation") < body.index("Storing them")
    document = docx.Document(io.BytesIO(ketadoc.export(placed, "docx").data))
    assert len(document.tables) == 1
    order = [p.text for p in document.paragraphs]
    assert order.index("Side effects") < order.index("Storing them")
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert any("Constipation" in c for c in cells)
