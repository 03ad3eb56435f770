"""The DOCX read by a real consumer: mammoth, a widely used DOCX-to-HTML converter.

Every fixture is converted and its structure read back from the HTML: headings, lists
(with nesting), links, tables with header cells, footnotes and image alt text survive.
With mammoth's default style map, the only unrecognised styles are the ones it has no
rule for (listed with the reason); with ketadoc's :data:`HTML_STYLE_MAP`, none.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import mammoth
import pytest

import ketadoc
from ketadoc.exporters.docx.styles import HTML_STYLE_MAP
from ketadoc.model.blocks import DefinitionList, Figure, ListBlock, Quote, Table
from ketadoc.model.inline import Link
from ketadoc.model.walk import located_blocks, located_texts

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        ROOT / "examples" / "ketamine-anxiety.md",
        *(ROOT / "tests" / "fixtures").glob("*.md"),
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "tests" / "corpus").glob("*.md"),
    ]
)

# Styles mammoth's default map has no rule for, although ketadoc uses them on purpose.
UNMAPPED_BY_DEFAULT = {
    "Title": "Word's document title; mammoth's default map knows Heading 1-6 only",
    "Subtitle": "Word's built-in subtitle; no rule in the default map",
    "caption": "Word's built-in caption; no rule in the default map",
    "Quote": "Word's built-in quotation style; no rule in the default map",
    "TOC Heading": "the contents heading, kept out of the contents and the navigation pane",
    "toc 1": "Word's contents entry style, which Word itself rebuilds",
    "Box Heading": "box and card titles: headings outside the document outline, a thing"
    " Word has no built-in style for",
    "List Continue": "a further paragraph of a list item; mammoth reads lists from numbering",
    "List Continue 2": "as List Continue, one level down",
    "List Continue 3": "as List Continue, two levels down",
    "Review Block": "ketadoc's small print for authors, reviewers and dates",
    "Disclaimer": "ketadoc's small print for the disclaimer",
    "Definition Term": "a definition list's term; Word has no definition-list styles",
    "Definition": "a definition under its term; Word has no definition-list styles",
    "HTML Code": "Word's built-in character style for code; no rule in the default map",
}


def convert(data: bytes, style_map: str = "") -> tuple[lxml.html.HtmlElement, set[str]]:
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=style_map)
    unrecognised = {
        message.message.split(": ", 1)[1].rsplit(" (Style ID", 1)[0]
        for message in result.messages
        if message.message.startswith("Unrecognised")
    }
    return lxml.html.fromstring(f"<body>{result.value}</body>"), unrecognised


def squeezed(text: str) -> str:
    """Text without spaces, digits and commas, so an item compares equal whatever the
    citation marks ("spacer [@gina]." in the source, "spacer1." in the document)."""
    return re.sub(r"[\s\d,]+", "", text)


def texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in root.xpath(xpath)]


@pytest.fixture(scope="module", params=SOURCES, ids=lambda path: f"{path.parent.name}/{path.name}")
def article(request: pytest.FixtureRequest) -> ketadoc.Article:
    return ketadoc.load(request.param)


def test_default_map_leaves_only_styles_it_has_no_rule_for(article: ketadoc.Article) -> None:
    _, unrecognised = convert(ketadoc.export(article, "docx").data)
    assert unrecognised <= set(UNMAPPED_BY_DEFAULT)
    assert "Title" in unrecognised  # nothing in mammoth's defaults makes it a heading


def test_structure_survives_with_the_ketadoc_style_map(article: ketadoc.Article) -> None:
    root, unrecognised = convert(ketadoc.export(article, "docx").data, HTML_STYLE_MAP)
    assert unrecognised == set()
    assert texts(root, "//h1") == [article.title]

    headings = texts(root, "//h2 | //h3 | //h4 | //h5")
    for section in article.all_sections():
        assert section.heading in headings
    for faq in article.faqs:
        assert faq.question in headings

    items = {squeezed(item) for item in texts(root, "//li")}
    for point in article.key_points:
        assert squeezed(point.plain) in items
    for question in article.questions_to_ask:
        assert squeezed(question.plain) in items
    for advice in article.care_advice:
        assert squeezed(advice.text.plain) in items

    hrefs = set(root.xpath("//a/@href"))
    for _, text in located_texts(article):
        for node in text.walk():
            if isinstance(node, Link) and not node.href.startswith("#"):
                assert node.href in hrefs

    alts = set(root.xpath("//img/@alt"))
    for _, block in located_blocks(article):
        if isinstance(block, Figure):
            assert block.alt in alts
        elif isinstance(block, Table):
            header = [" ".join(cell.plain.split()) for cell in block.header]
            assert any(texts(table, ".//th") == header for table in root.xpath("//table"))
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            assert root.xpath(f"//{tag}/li")
        elif isinstance(block, DefinitionList):
            terms = texts(root, "//dl/dt")
            for entry in block.items:
                assert " ".join(entry.term.plain.split()) in terms
        elif isinstance(block, Quote) and block.attribution:
            assert any(block.attribution.plain in quote for quote in texts(root, "//blockquote"))
    nested = [
        inner
        for _, block in located_blocks(article)
        if isinstance(block, ListBlock)
        for item in block.items
        for inner in item.blocks
        if isinstance(inner, ListBlock)
    ]
    if nested:
        assert root.xpath("//li/ul/li | //li/ol/li")
    if article.footnotes:
        assert root.xpath("//li[starts-with(@id, 'footnote-')]")
    if article.risks:
        assert root.xpath("//table[.//th]//td")
    if article.url:
        assert article.url in hrefs
        assert any(article.url in alt for alt in alts)


def test_citations_as_footnotes_survive(article: ketadoc.Article) -> None:
    if not article.citations:
        pytest.skip("no citations")
    data = ketadoc.export(article, "docx", citation_style="footnotes").data
    root, unrecognised = convert(data, HTML_STYLE_MAP)
    assert unrecognised == set()
    notes = root.xpath("//li[starts-with(@id, 'footnote-')]")
    assert notes
    marks = root.xpath("//sup/a[starts-with(@href, '#footnote-')]")
    assert len(marks) == len(notes)
