"""The leaflet constructs in the DOCX, read back from the XML of every corpus article:
nested lists at their level, definition lists, footnotes, callout titles, quotations,
sub/superscript, risk advice and the side-effects table in its ``{#risks}`` section.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import ketadoc
from ketadoc.model.blocks import Block, Callout, DefinitionList, ListBlock, Paragraph, Quote
from ketadoc.model.inline import FootnoteRef, Subscript, Superscript
from ketadoc.model.walk import located_blocks, located_texts
from ketadoc.rendering.labels import labels_for
from ketadoc.rendering.theme import CARE_LEVELS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.md"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def text_of(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def style_of(p: ET.Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return "" if style is None else style.get(w("val"), "")


def squeezed(text: str) -> str:
    return "".join(text.split())


class Saved:
    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.body = ET.fromstring(self.parts["word/document.xml"])
        self.paragraphs = list(self.body.iter(w("p")))

    def styled(self, style: str) -> list[str]:
        return [text_of(p) for p in self.paragraphs if style_of(p) == style]


def all_blocks(article: ketadoc.Article) -> Iterator[Block]:
    for _, block in located_blocks(article):
        yield block


@pytest.fixture(scope="module", params=CORPUS, ids=lambda path: path.name)
def source(request: pytest.FixtureRequest) -> tuple[ketadoc.Article, Saved]:
    article = ketadoc.load(request.param)
    return article, Saved(ketadoc.export(article, "docx").data)


def _nested_items(block: ListBlock, depth: int) -> Iterator[tuple[int, str]]:
    for item in block.items:
        yield depth, item.text.plain
        for inner in item.blocks:
            if isinstance(inner, ListBlock):
                yield from _nested_items(inner, depth + 1)


def _list_items(blocks: Iterable[Block]) -> Iterator[tuple[int, str]]:
    """Every list item with its depth: lists in sections, answers, boxes and
    quotations start at 0, lists under a definition one level in."""
    for block in blocks:
        if isinstance(block, ListBlock):
            yield from _nested_items(block, 0)
        elif isinstance(block, Callout | Quote):
            yield from _list_items(block.blocks)
        elif isinstance(block, DefinitionList):
            for entry in block.items:
                for definition in entry.definitions:
                    for inner in definition.blocks:
                        if isinstance(inner, ListBlock):
                            yield from _nested_items(inner, 1)


def _article_blocks(article: ketadoc.Article) -> Iterator[Block]:
    yield from article.lead
    for section in article.all_sections():
        yield from section.blocks
    for faq in article.faqs:
        yield from faq.answer


def test_nested_list_items_carry_their_level(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    levels = {
        squeezed(text_of(p))[:40]: p.find("w:pPr/w:numPr/w:ilvl", NS)
        for p in saved.paragraphs
        if p.find("w:pPr/w:numPr", NS) is not None
    }
    nested = list(_list_items(_article_blocks(article)))
    checked = 0
    for depth, text in nested:
        level = levels.get(squeezed(text)[:40])
        if level is None:  # an item whose first words carry a citation or footnote mark
            continue
        assert level.get(w("val")) == str(depth), text
        checked += depth > 0
    assert checked or not any(depth for depth, _ in nested)


def test_definition_lists_are_terms_and_definitions(
    source: tuple[ketadoc.Article, Saved],
) -> None:
    article, saved = source
    terms = [
        entry.term.plain
        for block in all_blocks(article)
        if isinstance(block, DefinitionList)
        for entry in block.items
    ]
    if not terms:
        pytest.skip("no definition list")
    assert [squeezed(t) for t in saved.styled("DefinitionTerm")] == [squeezed(t) for t in terms]
    definitions = {squeezed(t) for t in saved.styled("Definition")}
    for block in all_blocks(article):
        if isinstance(block, DefinitionList):
            for entry in block.items:
                for definition in entry.definitions:
                    first = squeezed(definition.text.plain)[:30]
                    assert any(d.startswith(first) for d in definitions), first


def test_footnotes_are_real_footnotes(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    references = [
        node.id
        for _, text in located_texts(article)
        for node in text.walk()
        if isinstance(node, FootnoteRef)
    ]
    if not references:
        pytest.skip("no footnotes")
    marks = list(saved.body.iter(w("footnoteReference")))
    assert len(marks) == len(references)
    notes = ET.fromstring(saved.parts["word/footnotes.xml"])
    texts = {squeezed(text_of(note)) for note in notes.findall("w:footnote", NS)}
    for ident in set(references):
        wanted = squeezed(article.footnote(ident).text.plain)[:40]
        assert any(wanted in text for text in texts), ident
    # The mark follows its word, no space between.
    for mark in marks:
        run = next(r for r in saved.body.iter(w("r")) if mark in list(r))
        assert run is not None


def test_callout_titles_replace_the_generic_label(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    titled = [b for b in all_blocks(article) if isinstance(b, Callout) and b.title]
    if not titled:
        pytest.skip("no titled callout")
    for block in titled:
        boxes = [
            table
            for table in saved.body.iter(w("tbl"))
            if block.title
            in [text_of(p) for p in table.iter(w("p")) if style_of(p) == "BoxHeading"]
        ]
        assert boxes, block.title
        # One title: the box does not repeat the generic "Warning" as well.
        for table in boxes:
            assert len([p for p in table.iter(w("p")) if style_of(p) == "BoxHeading"]) == 1


def test_quotations_keep_their_attribution(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    quotes = [b for b in all_blocks(article) if isinstance(b, Quote)]
    if not quotes:
        pytest.skip("no quotation")
    quoted = saved.styled("Quote")
    for quote in quotes:
        if quote.attribution:
            assert f"\u2014 {quote.attribution.plain}" in quoted


def test_sub_and_superscript_runs(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    wanted = [
        ("subscript" if isinstance(node, Subscript) else "superscript", node.text)
        for _, text in located_texts(article)
        for node in text.walk()
        if isinstance(node, Subscript | Superscript)
    ]
    if not wanted:
        pytest.skip("no sub- or superscript")
    found = {
        (align.get(w("val")), text_of(run))
        for run in saved.body.iter(w("r"))
        if (align := run.find("w:rPr/w:vertAlign", NS)) is not None
    }
    for pair in wanted:
        assert pair in found


def test_risk_advice_and_description_in_their_columns(
    source: tuple[ketadoc.Article, Saved],
) -> None:
    article, saved = source
    if not article.risks:
        pytest.skip("no side effects")
    labels = labels_for(article.language)
    table = next(
        t
        for t in saved.body.iter(w("tbl"))
        if (caption := t.find("w:tblPr/w:tblCaption", NS)) is not None
        and caption.get(w("val")) == labels["side_effects"]
    )
    rows = [
        [squeezed(text_of(c)) for c in tr.findall("w:tc", NS)] for tr in table.findall("w:tr", NS)
    ]
    header = rows[0]
    assert header[-1] == squeezed(labels["what_to_do"])
    by_name = {row[0]: row for row in rows[1:]}
    for risk in article.risks:
        row = next(r for name, r in by_name.items() if name.startswith(squeezed(risk.name)))
        if risk.advice:
            assert squeezed(risk.advice.plain)[:30] in row[-1]
        if risk.description:
            assert header[2] == squeezed(labels["what_it_is_like"])
            assert squeezed(risk.description.plain)[:30] in row[2]
    section = article.risks_section
    if section is not None:
        order = [p for p in saved.body.iter() if p.tag in (w("p"), w("tbl"))]
        heading = next(
            i
            for i, p in enumerate(order)
            if p.tag == w("p")
            and style_of(p).startswith("Heading")
            and text_of(p) == section.heading
        )
        assert order.index(table) > heading
        after = [p for p in order[heading + 1 : order.index(table)] if p.tag == w("p")]
        assert not any(style_of(p).startswith("Heading") for p in after)


def test_urgent_care_has_its_own_card(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    if not any(advice.level == "urgent" for advice in article.care_advice):
        pytest.skip("no urgent care advice")
    label = labels_for(article.language)["care_urgent"]
    tone = CARE_LEVELS["urgent"]
    for table in saved.body.iter(w("tbl")):
        if label in [text_of(p) for p in table.iter(w("p")) if style_of(p) == "BoxHeading"]:
            shading = table.find("w:tr/w:tc/w:tcPr/w:shd", NS)
            assert shading is not None
            assert shading.get(w("fill")) == tone.tint_hex
            return
    pytest.fail("no urgent care card")


def _item_paragraphs(blocks: Iterable[Block]) -> Iterator[tuple[str, str, bool]]:
    """(item text, a further paragraph of it, whether that paragraph comes right after
    the text) for every list item holding more paragraphs."""
    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.items:
                for at, inner in enumerate(item.blocks):
                    if isinstance(inner, Paragraph):
                        yield item.text.plain, inner.text.plain, at == 0
                yield from _item_paragraphs(item.blocks)
        elif isinstance(block, Callout | Quote):
            yield from _item_paragraphs(block.blocks)


def test_a_list_item_keeps_its_further_paragraphs(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    pairs = list(
        _item_paragraphs([*_article_blocks(article), *(b for f in article.faqs for b in f.answer)])
    )
    if not pairs:
        pytest.skip("no list item of several paragraphs")
    texts = [squeezed(text_of(p)) for p in saved.paragraphs]
    for first, further, direct in pairs:
        at = texts.index(squeezed(first))
        # A further paragraph continues the item: in the list's indent, without a number,
        # right after the item's text or after the list nested before it.
        later = texts.index(squeezed(further), at + 1)
        assert not direct or later == at + 1
        after = saved.paragraphs[later]
        assert style_of(after) == "ListContinue"
        assert after.find("w:pPr/w:numPr", NS) is None


def test_the_next_review_date_is_in_the_review_block(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    if article.next_review is None:
        pytest.skip("no next review date")
    labels = labels_for(article.language)
    review = " ".join(saved.styled("ReviewBlock"))
    assert labels["next_review"] in review
    assert str(article.next_review.year) in review


def test_frequency_bands_are_written_in_words(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    if not article.risks:
        pytest.skip("no side effects")
    labels = labels_for(article.language)
    cells = {squeezed(text_of(cell)) for cell in saved.body.iter(w("tc"))}
    for risk in article.risks:
        assert squeezed(labels[f"frequency_{risk.frequency}"]) in cells, risk.name
