"""The labels and dates the templates add, in the article's language: French and German
beside English and Spanish, and any other language through a labels file that may give
its month names and date pattern too."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import docx
import pypdf
import pytest
import yaml

import ketadoc
from ketadoc.errors import TemplateError
from ketadoc.rendering.labels import format_date, labels_for

LABELS = Path(__file__).resolve().parent.parent / "templates" / "labels"
LANGUAGES = ["en", "es", "fr", "de"]


def keys(name: str) -> set[str]:
    return set(yaml.safe_load((LABELS / f"{name}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_language_translates_every_english_label(language: str) -> None:
    # A missing key would print English in the middle of the page; an extra one is a typo.
    assert keys(language) - {"first_day"} == keys("en")


@pytest.mark.parametrize(
    ("language", "first", "later"),
    [
        ("en", "March 1, 2024", "October 14, 2025"),  # no region: as in the US
        ("en-US", "March 1, 2024", "October 14, 2025"),
        ("en-GB", "1 March 2024", "14 October 2025"),
        ("es-MX", "1 de marzo de 2024", "14 de octubre de 2025"),
        ("fr-FR", "1er mars 2024", "14 octobre 2025"),
        ("fr-CA", "1er mars 2024", "14 octobre 2025"),
        ("de-AT", "1. März 2024", "14. Oktober 2025"),
    ],
)
def test_dates_are_written_as_readers_of_the_language_write_them(
    language: str, first: str, later: str
) -> None:
    labels = labels_for(language)
    assert labels.warnings == ()
    assert format_date(dt.date(2024, 3, 1), labels) == first
    assert format_date(dt.date(2025, 10, 14), labels) == later


FRENCH = {
    "title": "Après une opération de la cataracte",
    "description": "Comment protéger votre œil pendant qu'il guérit.",
    "language": "fr-FR",
    "url": "https://example.org/ophtalmo/apres-cataracte",
    "date_published": "2024-05-01",
    "last_reviewed": "2025-10-14",
    "handout": "all",
    "key_points": ["Mettez vos gouttes comme prévu."],
    "risks": [
        {
            "name": "Vision floue",
            "frequency": "very_common",
            "severity": "mild",
            "action": "monitor",
        }
    ],
    "care_advice": [{"level": "emergency", "text": "Appelez le 15 si la douleur est forte."}],
    "questions_to_ask": ["Quand pourrai-je conduire ?"],
    "sections": [
        {"heading": "Les gouttes", "blocks": [{"type": "paragraph", "text": "Deux sortes."}]}
    ],
    "faqs": [
        {
            "question": "Puis-je lire ?",
            "answer": [{"type": "paragraph", "text": "Oui, dès le lendemain."}],
        }
    ],
}
FRENCH_LABELS = [
    "Points clés",
    "Effets indésirables",
    "Plus de 1 personne sur 10",
    "Surveillez-le ; il passe en général tout seul",
    "Quand demander de l'aide",
    "Urgence",
    "Questions à poser à votre médecin",
    "Questions fréquentes",
    "Publié : 1er mai 2024",  # a no-break space before the colon, as French sets it
    "14 octobre 2025",
]
ENGLISH_LABELS = ["Key points", "Side effects", "When to get help", "Published", "October"]


def french() -> ketadoc.Article:
    return ketadoc.loads(json.dumps(FRENCH), "json")


def html_text(data: bytes) -> str:
    """The page's text: no stylesheet, no JSON-LD, no tags."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", data.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return " ".join([*(p.text for p in document.paragraphs), *cells])


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_a_french_article_reads_french_labels_and_dates_in_every_format(fmt: str) -> None:
    rendered = ketadoc.export(french(), fmt)
    assert rendered.warnings == ()
    text = {"html": html_text, "docx": docx_text, "pdf": pdf_text}[fmt](rendered.data)
    text = " ".join(text.split())
    for label in FRENCH_LABELS:
        assert label in text, label
    for label in ENGLISH_LABELS:
        assert label not in text, label


def test_a_german_article_reads_german_labels_and_dates() -> None:
    data = {**FRENCH, "language": "de-DE", "title": "Nach der Operation"}
    page = ketadoc.export(ketadoc.loads(json.dumps(data), "json"), "html").text
    assert "Das Wichtigste in Kürze" in page
    assert "Mehr als 1 von 10 Behandelten" in page
    assert "1. Mai 2024" in page
    assert "Häufige Fragen" in page


def test_a_language_without_labels_warns_that_labels_and_dates_stay_english() -> None:
    labels = labels_for("it-IT")
    assert labels.warnings == (
        'no built-in labels for language "it-IT"; using English labels and dates'
        " (pass a labels file to translate them)",
    )
    assert format_date(dt.date(2024, 3, 1), labels) == "1 March 2024"


def test_a_labels_file_translates_the_dates_too(tmp_path: Path) -> None:
    italian = tmp_path / "it.yaml"
    italian.write_text(
        "key_points: Punti chiave\n"
        "months: gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, agosto,"
        " settembre, ottobre, novembre, dicembre\n"
        'date: "{day} {month} {year}"\n'
        "first_day: 1º\n",
        encoding="utf-8",
    )
    data = {**FRENCH, "language": "it-IT"}
    article = ketadoc.loads(json.dumps(data), "json")
    rendered = ketadoc.export(article, "html", labels_file=str(italian))
    assert rendered.warnings == ()
    assert "Punti chiave" in rendered.text
    assert "1º maggio 2024" in rendered.text
    assert "14 ottobre 2025" in rendered.text


def test_a_labels_file_without_months_says_the_dates_stay_english(tmp_path: Path) -> None:
    italian = tmp_path / "it.yaml"
    italian.write_text("key_points: Punti chiave\n", encoding="utf-8")
    labels = labels_for("it-IT", italian)
    assert labels.warnings == (
        f'the labels file {italian} has no "months" for language "it-IT": dates are'
        ' written in English (add "months" and "date" to translate them)',
    )
    # A French labels file only overrides: French months are built in.
    assert labels_for("fr-FR", italian).warnings == ()


@pytest.mark.parametrize(
    "lines",
    [
        "months: gennaio, febbraio\n",
        'months: a, b, c, d, e, f, g, h, i, j, k, l\ndate: "{giorno} {month}"\n',
    ],
    ids=["eleven months short", "unknown placeholder"],
)
def test_a_labels_file_that_cannot_write_a_date_is_a_clear_error(
    tmp_path: Path, lines: str
) -> None:
    italian = tmp_path / "it.yaml"
    italian.write_text(lines, encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        labels_for("it-IT", italian)
    assert str(raised.value).startswith(f"labels file {italian}: cannot write a date: ")
    assert '"months" must be twelve names separated by commas' in str(raised.value)
