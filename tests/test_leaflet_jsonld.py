"""The JSON-LD of the leaflet corpus, parsed: each Answer.text holds the whole answer the
author wrote (callout titles, footnotes with their notes, sub- and superscript) in the
allowed tags, and nothing the author did not write."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

import ketadoc
from ketadoc.model.blocks import Block, Callout, Quote
from ketadoc.model.inline import InlineText, Subscript, Superscript, Text
from ketadoc.model.walk import block_texts
from ketadoc.rendering.jsonld.answer import ANSWER_TAGS
from ketadoc.rendering.notes import NOTE_MARKS

CORPUS = Path(__file__).parent / "corpus"
_WORD = re.compile(r"[^\W\d_]+|\d+")  # a mark's digits are not part of the word they follow
WITH_FAQS = [p for p in sorted(CORPUS.glob("*.md")) if ketadoc.load(p).faqs]


def _answers(article: ketadoc.Article) -> dict[str, lxml.html.HtmlElement]:
    graph = json.loads(ketadoc.export(article, "jsonld").data)
    [page] = [node for node in graph["@graph"] if "mainEntity" in node]
    return {
        question["name"]: lxml.html.fragment_fromstring(
            question["acceptedAnswer"]["text"], create_parent="div"
        )
        for question in page["mainEntity"]
    }


def _paragraphs(answer: lxml.html.HtmlElement) -> list[str]:
    return [" ".join(p.text_content().split()) for p in answer.iter("p")]


def _texts(blocks: tuple[Block, ...]) -> Iterator[InlineText | str]:
    """Every text the author wrote in ``blocks``: inline texts and callout titles."""
    for block in blocks:
        if isinstance(block, Callout) and block.title:
            yield block.title
        for _, text in block_texts((), block):
            yield text
        for inner in getattr(block, "blocks", ()):
            yield from _texts((inner,))
        for item in getattr(block, "items", ()):
            for definition in getattr(item, "definitions", ()):
                yield from _texts(definition.blocks)
            yield from _texts(getattr(item, "blocks", ()))


def _folded(text: str) -> str:
    """Compatibility forms folded (² is 2) and white space squeezed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_corpus_has_faq_pages_to_read() -> None:
    assert [p.stem for p in WITH_FAQS] == [
        "cataracte-apres-operation",
        "ibuprofen-kurzinfo",
        "sertraline-questions",
        "vacuna-gripe",
    ]


def test_a_footnote_keeps_its_mark_and_its_note_follows_the_answer() -> None:
    article = ketadoc.load(CORPUS / "vacuna-gripe.md")
    answer = _answers(article)["¿Puedo vacunarme si estoy embarazada?"]
    # The page letters the note c (the third note referred to); so does the answer,
    # with a letter in brackets that no reader takes for a citation's [1].
    assert article.footnote_numbers()["embarazo"] == 3
    assert _paragraphs(answer) == [
        "Sí[c]. La vacuna protege a la madre y también al bebé durante sus primeros meses de vida.",
        "[c] Puede ponerse en cualquier trimestre del embarazo.",
    ]
    page = lxml.html.fromstring(ketadoc.export(article, "html").data)
    assert page.xpath("string(//a[@href='#fn-3'])") == "c"
    assert page.xpath("string(//li[@id='fn-3'])").startswith(
        "Puede ponerse en cualquier trimestre del embarazo."
    )


def test_a_callout_title_leads_its_box_once() -> None:
    article = ketadoc.load(CORPUS / "sertraline-questions.md")
    answer = _answers(article)["Is it safe to stop taking sertraline?"]
    assert _paragraphs(answer)[:3] == [
        "Talk to your doctor before you stop.",
        "Do not stop suddenly",
        "Stopping all at once can cause withdrawal effects, such as feeling dizzy or sick.",
    ]
    assert answer.xpath("p[2]/strong/text()") == ["Do not stop suddenly"]
    # The generic label of the kind is the page's, not the author's: not added.
    assert "Warning" not in answer.text_content()


def test_sub_and_superscript_digits_keep_their_place() -> None:
    article = ketadoc.loads(
        "---\ntitle: T\n---\n\n## FAQ\n\n### What is HbA1c?\n\n"
        "A test of HbA~1c~ in mmol/mol; CO~2~ and mm^2^ and 10^-3^.\n"
    )
    [answer] = _answers(article).values()
    assert _paragraphs(answer) == ["A test of HbA1c in mmol/mol; CO₂ and mm² and 10⁻³."]


@pytest.mark.parametrize("source", WITH_FAQS, ids=[p.stem for p in WITH_FAQS])
def test_every_answer_holds_what_the_author_wrote_and_nothing_else(source: Path) -> None:
    article = ketadoc.load(source)
    answers = _answers(article)
    numbers = article.footnote_numbers()
    assert list(answers) == [faq.question for faq in article.faqs]
    for faq in article.faqs:
        answer = answers[faq.question]
        assert {e.tag for e in answer.iter()} - {"div"} <= ANSWER_TAGS
        read = _folded(" ".join(answer.itertext()))
        written: list[str] = []
        for text in _texts(faq.answer):
            if isinstance(text, str):
                written.append(text)
                continue
            for ident in text.footnote_ids:
                note = ketadoc.load(source).footnote(ident).text.plain
                written += [NOTE_MARKS.plain(numbers[ident]), note]
            written += [
                node.text
                for node in text.walk()
                if isinstance(node, Text | Subscript | Superscript) and node.text.strip()
            ]
        for block in faq.answer:
            if isinstance(block, Quote) and block.attribution:
                written.append("\u2014")
        # Nothing lost: every run of text the author wrote is in the answer...
        for run in written:
            assert _folded(run) in read, (faq.question, run)
        # ...and nothing added: every word of the answer is one the author wrote.
        words = set(_WORD.findall(_folded(" ".join(written))))
        assert set(_WORD.findall(read)) <= words, faq.question
