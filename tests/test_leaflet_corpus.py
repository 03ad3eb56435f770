"""The leaflet corpus: five articles in the shapes of real patient leaflets validate, survive
the md round trip, and every new construct is read back from the HTML page's structure."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

import ketadoc

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.md"))


def page(name: str) -> lxml.html.HtmlElement:
    article = ketadoc.load(CORPUS / f"{name}.md")
    return lxml.html.fromstring(ketadoc.export(article, "html").data)


def texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in root.xpath(xpath)]


def test_the_corpus_has_seven_articles() -> None:
    assert [p.stem for p in ARTICLES] == [
        "asthma-action-plan",
        "cataracte-apres-operation",
        "diabetes-overview",
        "ibuprofen-kurzinfo",
        "sertraline-leaflet",
        "sertraline-questions",
        "vacuna-gripe",
    ]


@pytest.mark.parametrize("source", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_each_article_survives_the_md_round_trip(source: Path) -> None:
    article = ketadoc.load(source)
    again = ketadoc.loads(ketadoc.export(article, "md").text)
    assert again.model_copy(update={"slug": article.slug}) == article
    graph = json.loads(ketadoc.export(article, "jsonld").data)
    assert graph["@graph"][0]["inLanguage"] == article.language


def test_nested_lists_keep_their_levels() -> None:
    root = page("diabetes-overview")
    nested = root.xpath("//main//ul/li[starts-with(normalize-space(), 'Type 2 diabetes')]/ul/li")
    assert [" ".join(li.text_content().split()) for li in nested] == [
        "insulin resistance (cells do not respond well to insulin);",
        "overweight, often measured as a body mass index over 30 kg/m2.",
    ]
    assert texts(root, "//main//ol/li/ul/li")[0] == "tablets such as metformin;"


def test_definition_lists_are_dl_with_terms_and_definitions() -> None:
    root = page("asthma-action-plan")
    terms = texts(root, "//main//dl[dt='Green zone']/dt")
    assert terms == ["Green zone", "Yellow zone", "Red zone"]
    yellow = root.xpath("//main//dl/dt[.='Yellow zone']/following-sibling::dd[1]")[0]
    assert [" ".join(li.text_content().split()) for li in yellow.xpath("ul/li")] == [
        "cough or wheeze;",
        "tight chest;",
        "waking at night because of asthma.",
    ]
    green = root.xpath("//main//dl/dt[.='Green zone']/following-sibling::dd[1]")[0]
    assert len(green.xpath("p")) == 2  # a definition of two paragraphs


def test_footnotes_link_to_lettered_notes_and_back() -> None:
    root = page("vacuna-gripe")
    marks = root.xpath("//sup[@class='footnote-ref']/a")
    # Lettered, so a note's call is not read as a citation's number.
    assert [(a.get("href"), a.text) for a in marks] == [
        ("#fn-1", "a"),
        ("#fn-2", "b"),
        ("#fn-3", "c"),  # in an FAQ answer
    ]
    [listed] = root.xpath("//section[@aria-labelledby='kd-footnotes']//ol")
    assert listed.get("type") == "a"
    notes = root.xpath("//section[@aria-labelledby='kd-footnotes']//li")
    assert [n.get("id") for n in notes] == ["fn-1", "fn-2", "fn-3"]
    assert notes[1].text_content().startswith("En España la campaña suele empezar en octubre.")
    assert notes[0].xpath("a[@role='doc-backlink']/@href") == ["#fnref-1"]
    assert texts(root, "//h2[@id='kd-footnotes']") == ["Notas"]
    assert "[^" not in root.text_content()


def test_callout_titles_replace_the_generic_label() -> None:
    root = page("sertraline-leaflet")
    titles = texts(root, "//aside[contains(@class, 'callout')]/p[@class='callout-title']")
    assert titles == ["If you forget a dose", "Allergy warning"]
    assert root.xpath("//aside[contains(@class, 'callout-warning')]")


def test_quotations_carry_their_attribution() -> None:
    root = page("diabetes-overview")
    [quote] = root.xpath("//figure[@class='quote']")
    assert texts(quote, "blockquote/p") == [
        "I put the tiredness down to work for a whole year before I had a blood test."
    ]
    assert texts(quote, "figcaption") == ["— A patient with type 2 diabetes"]


def test_sub_and_superscript_are_marked_up() -> None:
    root = page("diabetes-overview")
    assert texts(root, "//main//sub")[0] == "1c"
    assert "2" in texts(root, "//main//sup[not(@class)]")
    assert "~" not in root.xpath("string(//main)")


def test_frequency_bands_read_in_words() -> None:
    root = page("sertraline-leaflet")
    cells = texts(root, "//table//td")
    assert "More than 1 in 10 people" in cells
    assert "Not known" in cells
    spanish = page("vacuna-gripe")
    assert "Hasta 1 de cada 10.000 personas" in texts(spanish, "//table//td")


def test_a_list_item_keeps_its_paragraphs() -> None:
    root = page("sertraline-questions")
    [item] = root.xpath("//main//ol/li[p]")
    assert texts(item, "p") == [
        "Tell them if you feel unwell while the dose is going down.",
        "Feeling dizzy or having strange dreams is common for a short time. It does not mean"
        " you are addicted.",
    ]


def test_urgent_care_has_its_own_card_between_doctor_and_emergency() -> None:
    root = page("asthma-action-plan")
    cards = root.xpath("//section[contains(@class, 'care-card')]")
    assert [c.get("class").split()[-1] for c in cards] == [
        "care-self_care",
        "care-call_doctor",
        "care-urgent",
        "care-emergency",
    ]
    assert texts(cards[2], "h3") == ["Get help today"]
    assert texts(page("vacuna-gripe"), "//section[contains(@class, 'care-urgent')]/h3") == [
        "Pida ayuda hoy"
    ]


def test_the_next_review_date_is_in_the_review_block() -> None:
    root = page("sertraline-leaflet")
    [due] = root.xpath("//*[normalize-space()='Next review due']/following-sibling::*[1]")
    assert " ".join(due.text_content().split()) == "2 June 2028"
    assert root.xpath("//time[@datetime='2028-06-02']")
