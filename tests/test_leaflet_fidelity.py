"""What a medicine leaflet states reaches every rendered format: per-effect advice beside
what the effect is like, and the date of the next review."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

import ketadoc

LEAFLET = Path(__file__).resolve().parent / "corpus" / "sertraline-leaflet.md"


def _words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def leaflet() -> ketadoc.Article:
    return ketadoc.load(LEAFLET)


@pytest.fixture(scope="module")
def texts(leaflet: ketadoc.Article) -> dict[str, str]:
    html = ketadoc.export(leaflet, "html").text
    docx = ketadoc.export(leaflet, "docx").data
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode("utf-8")
    out = {
        "html": lxml.html.fromstring(html).text_content(),
        "docx": " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document)),
    }
    for layout in ("handout", "article"):
        data = ketadoc.export(leaflet, "pdf", layout=layout).data
        reader = PdfReader(io.BytesIO(data))
        out[f"pdf {layout}"] = " ".join(page.extract_text() for page in reader.pages)
    return {name: _words(text) for name, text in out.items()}


FORMATS = ("html", "docx", "pdf handout", "pdf article")


@pytest.mark.slow
@pytest.mark.parametrize("name", FORMATS)
def test_every_risk_keeps_its_advice_and_its_description(
    leaflet: ketadoc.Article, texts: dict[str, str], name: str
) -> None:
    for risk in leaflet.risks:
        assert risk.advice is not None
        assert risk.description is not None
        assert _words(risk.advice.plain) in texts[name], (name, risk.name)
        assert _words(risk.description.plain) in texts[name], (name, risk.name)


@pytest.mark.slow
@pytest.mark.parametrize("name", FORMATS)
def test_the_next_review_date_is_printed(texts: dict[str, str], name: str) -> None:
    assert "Next review due" in texts[name]
    assert "2028" in texts[name]
