"""The leaflet constructs read back from the PDFs of the corpus: from the printed text (what
a copy-paste or a text search finds, with where it sits on the page) and from the tag tree
(what a screen reader reads). Each construct is read in every layout that prints it."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from pdf_renders import rendered
from pdf_structure import Element, Structure, read_structure

import ketadoc

CORPUS = Path(__file__).resolve().parent / "corpus"
LAYOUTS = ("handout", "article")

pytestmark = pytest.mark.slow


def _pdf(name: str, layout: str) -> bytes:
    return rendered(CORPUS / f"{name}.md", layout, "Letter")


def _pages(name: str, layout: str) -> list[str]:
    """The text of each page in the order of its lines on the page (list labels are
    drawn last, so the order of the content stream would put them at the end), white
    space squeezed, soft hyphens dropped."""
    with pdfplumber.open(io.BytesIO(_pdf(name, layout))) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    return [" ".join(t.replace("\u00ad", "").split()) for t in texts]


def _lines(name: str, layout: str, page: int) -> list[tuple[float, str]]:
    """The lines of a page: how far from the top, and their text."""
    with pdfplumber.open(io.BytesIO(_pdf(name, layout))) as pdf:
        return [(line["top"], line["text"]) for line in pdf.pages[page].extract_text_lines()]


def _text(name: str, layout: str) -> str:
    return " ".join(_pages(name, layout))


def _tags(name: str, layout: str) -> Structure:
    return read_structure(_pdf(name, layout))


def _kids(element: Element, kind: str | None = None) -> list[Element]:
    return [k for k in element.kids if isinstance(k, Element) and kind in (None, k.kind)]


def _items(structure: Structure, lst: Element) -> Iterator[tuple[str, Element]]:
    """Each LI of ``lst``: its label and its LBody."""
    for item in _kids(lst, "LI"):
        labels = _kids(item, "Lbl")
        [body] = _kids(item, "LBody")
        yield (structure.plain(labels[0]) if labels else ""), body


def _list_of(structure: Structure, first_item: str) -> Element:
    """The L whose first item reads ``first_item`` (its label aside)."""
    for lst in structure.root.find("L"):
        bodies = [body for _, body in _items(structure, lst)]
        if bodies and structure.plain(bodies[0]).startswith(first_item):
            return lst
    raise AssertionError(f"no list starts with {first_item!r}")


def _containing(structure: Structure, kind: str, words: str) -> list[Element]:
    return [e for e in structure.root.find(kind) if words in structure.plain(e)]


def _bare(text: str) -> str:
    return re.sub(r"\s", "", text)


def _in_order(text: str, *parts: str) -> bool:
    """Whether ``parts`` occur in ``text`` in this order (white space aside: text
    extraction guesses spaces between runs of text)."""
    text = _bare(text)
    position = 0
    for part in map(_bare, parts):
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


# -- nested lists and list items of several paragraphs ---------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_nested_list_sits_in_the_item_that_holds_it(layout: str) -> None:
    structure = _tags("diabetes-overview", layout)
    outer = _list_of(structure, "Type 1 diabetes")
    bodies = {structure.plain(body)[:15]: body for _, body in _items(structure, outer)}
    [inner] = _kids(bodies["Type 2 diabetes"], "L")
    assert [structure.plain(body) for _, body in _items(structure, inner)] == [
        "insulin resistance (cells do not respond well to insulin);",
        "overweight, often measured as a body mass index over 30 kg/m2.",
    ]
    assert [label for label, _ in _items(structure, inner)] == ["◦", "◦"]
    assert _in_order(
        _text("diabetes-overview", layout),
        "It often comes with:",
        "◦ insulin resistance",
        "◦ overweight",
        "• Gestational diabetes",
    )


def test_numbering_restarts_in_every_ordered_list_and_nests_inside_an_item() -> None:
    structure = _tags("asthma-action-plan", "article")
    ordered = [
        [label for label, _ in _items(structure, lst)]
        for lst in structure.root.find("L")
        if any(re.fullmatch(r"\d+\.", label) for label, _ in _items(structure, lst))
    ]
    assert len(ordered) >= 2
    for labels in ordered:
        assert labels == [f"{n}." for n in range(1, len(labels) + 1)]
    third = dict(_items(structure, _list_of(structure, "Take 2 to 4 puffs")))["3."]
    [inner] = _kids(third, "L")
    assert structure.plain(inner) == "◦ take 2 to 4 more puffs; ◦ call your doctor today."


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_list_item_keeps_its_paragraphs(layout: str) -> None:
    structure = _tags("sertraline-questions", layout)
    items = dict(_items(structure, _list_of(structure, "Your doctor will lower")))
    assert [structure.plain(p) for p in _kids(items["2."], "P")] == [
        "Tell them if you feel unwell while the dose is going down.",
        "Feeling dizzy or having strange dreams is common for a short time. It does not mean"
        " you are addicted.",
    ]
    assert _in_order(
        _text("sertraline-questions", layout),
        "2. Tell them if you feel unwell",
        "Feeling dizzy or having strange dreams",
        "3. Keep taking the lower dose",
    )


# -- definition lists -------------------------------------------------------------------


def test_a_definition_list_is_terms_and_their_definitions() -> None:
    structure = _tags("asthma-action-plan", "article")
    [dl] = [
        lst
        for lst in structure.root.find("L")
        if [label for label, _ in _items(structure, lst)][:1] == ["Green zone"]
    ]
    terms = dict(_items(structure, dl))
    assert list(terms) == ["Green zone", "Yellow zone", "Red zone"]
    assert [structure.plain(p) for p in _kids(terms["Green zone"], "P")] == [
        "You are doing well. You have no cough, wheeze or chest tightness.",
        "Your peak flow is 80% or more of your personal best.",
    ]
    [symptoms] = _kids(terms["Yellow zone"], "L")
    assert len(_kids(symptoms, "LI")) == 3
    assert _in_order(
        _text("asthma-action-plan", "article"),
        "Green zone You are doing well.",
        "Yellow zone Your asthma is getting worse.",
        "Red zone This is a medical alert.",
    )


# -- footnotes ----------------------------------------------------------------------------

FOOTNOTES = [
    ("diabetes-overview", "article", "There are several types of diabetes", "Other, rarer types"),
    ("diabetes-overview", "handout", "There are several types of diabetes", "Other, rarer types"),
    ("vacuna-gripe", "article", "la mejor forma de prevenirla", "La vacuna no evita todos"),
    ("vacuna-gripe", "handout", "¿Puedo vacunarme si estoy embarazada? Sí", "Puede ponerse en"),
]


@pytest.mark.parametrize(("name", "layout", "called", "note"), FOOTNOTES)
def test_a_footnote_is_printed_at_the_foot_of_the_page_that_calls_it(
    name: str, layout: str, called: str, note: str
) -> None:
    pages = _pages(name, layout)
    [index] = [i for i, p in enumerate(pages) if _bare(called) in _bare(p)]
    # Called by a letter, which no reader takes for a citation's number.
    mark = re.search(re.escape(_bare(called)) + r"([a-z])", _bare(pages[index]))
    assert mark is not None, pages[index]
    letter = mark.group(1)
    # The note, after its letter, below the line that calls it, once in the document.
    lines = _lines(name, layout, index)
    call_top = next(top for top, text in lines if _bare(called)[-12:] in _bare(text))
    [note_top] = [top for top, text in lines if _bare(text).startswith(_bare(f"{letter}.{note}"))]
    assert note_top > call_top
    assert sum(_bare(p).count(_bare(note)) for p in pages) == 1
    assert "[^" not in " ".join(pages)


@pytest.mark.parametrize(("name", "layout", "called", "note"), FOOTNOTES)
def test_a_footnote_is_a_note_read_right_after_its_call(
    name: str, layout: str, called: str, note: str
) -> None:
    structure = _tags(name, layout)
    [paragraph] = _containing(structure, "P", called.split("? ")[-1])
    kinds = [k.kind for k in _kids(paragraph)]
    assert "Note" in kinds
    [found] = _kids(paragraph, "Note")
    reference = _kids(paragraph)[kinds.index("Note") - 1]
    assert reference.kind == "Reference"
    assert structure.plain(found) == f"{structure.plain(reference)}. " + " ".join(
        structure.plain(_kids(found)[-1]).split()
    )
    assert structure.plain(found).split(" ", 1)[1].startswith(note)


# -- callout titles and quotations -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "layout", "title", "body"),
    [
        ("sertraline-leaflet", "article", "Allergy warning", "Stop taking sertraline"),
        ("sertraline-leaflet", "handout", "If you forget a dose", "Take it as soon as"),
        ("sertraline-questions", "handout", "Do not stop suddenly", "Stopping all at once"),
        ("asthma-action-plan", "article", "Red zone: get help now", "Call 911"),
    ],
)
def test_a_callout_title_replaces_the_generic_label(
    name: str, layout: str, title: str, body: str
) -> None:
    text = _text(name, layout)
    assert _in_order(text, title, body)
    for generic in ("Note", "Tip", "Important", "Warning", "Caution"):
        assert _bare(f"{generic} {title}") not in _bare(text)
    structure = _tags(name, layout)
    [heading] = [p for p in structure.root.find("P") if structure.plain(p) == title]
    box = next(e for e in structure.root.walk() if heading in e.kids)
    paragraphs = [structure.plain(p) for p in _kids(box, "P")]
    assert paragraphs[0] == title
    assert paragraphs[1].startswith(body)


@pytest.mark.parametrize(
    ("name", "layout", "quoted", "attribution"),
    [
        (
            "diabetes-overview",
            "article",
            "I put the tiredness down to work for a whole year before I had a blood test.",
            "— A patient with type 2 diabetes",
        ),
        (
            "sertraline-questions",
            "handout",
            "Cutting down on alcohol made it easier for me to tell how the medicine was working.",
            "— A person who takes sertraline",
        ),
    ],
)
def test_a_quotation_keeps_its_attribution(
    name: str, layout: str, quoted: str, attribution: str
) -> None:
    assert _in_order(_text(name, layout), quoted, attribution)
    structure = _tags(name, layout)
    [quote] = _containing(structure, "BlockQuote", quoted[:30])
    assert [structure.plain(p) for p in _kids(quote, "P")] == [quoted]
    holder = next(e for e in structure.root.walk() if quote in e.kids)
    assert [structure.plain(c) for c in _kids(holder, "Caption")] == [attribution]


# -- sub- and superscript -------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sub_and_superscript_are_set_small_below_and_above_the_line(layout: str) -> None:
    with pdfplumber.open(io.BytesIO(_pdf("diabetes-overview", layout))) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    for word, plain, shifted, direction in (("HbA1c", "HbA", "1c", 1), ("kg/m2", "kg/m", "2", -1)):
        start = text.index(word)
        base = chars[start + len(plain) - 1]
        for char in chars[start + len(plain) : start + len(plain) + len(shifted)]:
            assert char["size"] < base["size"], word
            # pdfplumber measures "bottom" downwards from the top of the page.
            assert (char["bottom"] - base["bottom"]) * direction > 0.5, word
    structure = _tags("diabetes-overview", layout)
    assert _containing(structure, "TD", "HbA1c")


# -- what a medicine leaflet states: review schedule, care levels, bands, advice -----------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_next_review_date_is_in_the_review_block(layout: str) -> None:
    article = ketadoc.load(CORPUS / "sertraline-leaflet.md")
    assert article.next_review is not None
    text = _text("sertraline-leaflet", layout)
    assert _in_order(text, "Last reviewed", "Next review due: 2 June 2028")
    structure = _tags("sertraline-leaflet", layout)
    assert [
        p
        for p in structure.root.find("P")
        if _in_order(structure.plain(p), "Next review due: 2 June 2028")
    ]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_urgent_care_has_its_own_card_between_doctor_and_emergency(layout: str) -> None:
    article = ketadoc.load(CORPUS / "asthma-action-plan.md")
    [urgent] = [a.text.plain for a in article.care_advice if a.level == "urgent"]
    structure = _tags("asthma-action-plan", layout)
    headings = [structure.plain(h) for h in structure.root.find("H3")]
    order = [h for h in headings if h in ("Call your doctor", "Get help today", "Emergency")]
    assert order == ["Call your doctor", "Get help today", "Emergency"]
    [card] = [
        s
        for s in structure.root.find("Sect")
        if [structure.plain(h) for h in _kids(s, "H3")] == ["Get help today"]
    ]
    assert " ".join(urgent.split()) in structure.plain(card)
    # On paper the cards stand side by side, so only the card's first words are read
    # in line order.
    assert _in_order(_text("asthma-action-plan", layout), "Get help today", urgent[:16])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_side_effects_print_their_band_in_words_and_their_advice_in_its_own_cell(
    layout: str,
) -> None:
    article = ketadoc.load(CORPUS / "sertraline-leaflet.md")
    structure = _tags("sertraline-leaflet", layout)
    cells = [structure.plain(c) for c in structure.root.find("TD")]
    headers = [structure.plain(c) for c in structure.root.find("TH")]
    assert "What to do" in headers
    for band in ("More than 1 in 10 people", "Up to 1 in 10 people", "Up to 1 in 100 people"):
        assert band in cells
    assert "Not known" in cells
    for risk in article.risks:
        assert risk.advice is not None
        assert risk.description is not None
        row = next(r for r in structure.root.find("TR") if structure.plain(r).startswith(risk.name))
        row_cells = [structure.plain(c) for c in _kids(row, "TD") + _kids(row, "TH")]
        description = " ".join(risk.description.plain.split())
        advice = " ".join(risk.advice.plain.split())
        assert any(description in c for c in row_cells), risk.name
        assert any(advice in c and description not in c for c in row_cells), risk.name
    spanish = [structure.plain(c) for c in _tags("vacuna-gripe", layout).root.find("TD")]
    assert "Hasta 1 de cada 10.000 personas" in spanish


TABLE_AT = """\
---
title: Eye drops
language: en-GB
handout: all
---

## Your drops

{filler}

| Drops | When |
|---|---|
| Antibiotic (row one) | 4 times a day |
| Steroid (row two) | 4 times a day, then twice |
| Lubricant (row three) | as you need |

Table: Your drops calendar (caption)

After the table.
"""


def test_a_short_table_is_never_split_from_its_caption_or_left_with_one_row() -> None:
    # Filler pushes the table down a line at a time, across the foot of page 1: at every
    # position the caption, head and three rows stay together on one page (a row alone
    # at the foot or head of a page, or a caption alone, is what the rules forbid).
    pages_seen = set()
    for lines in range(24, 40, 2):
        filler = "\n\n".join(f"Line {n} of the text before the table." for n in range(lines))
        article = ketadoc.loads(TABLE_AT.format(filler=filler))
        data = ketadoc.export(article, "pdf", layout="handout").data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            texts = [page.extract_text() or "" for page in pdf.pages]
        parts = ["(caption)", "(row one)", "(row two)", "(row three)"]
        pages = {next(i for i, text in enumerate(texts) if part in text) for part in parts}
        assert len(pages) == 1, (lines, [(part, [part in t for t in texts]) for part in parts])
        pages_seen |= pages
    assert pages_seen == {0, 1}, "the filler never moved the table across the page break"
