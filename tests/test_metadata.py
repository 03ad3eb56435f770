"""Document metadata comes from one place: the PDF info and the DOCX core properties
carry the same authors, keywords and dates, from the article or SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pikepdf
import pytest

import ketadoc
from ketadoc.rendering.metadata import document_metadata, page_size_for

ARTICLE = """---
title: Iron tablets
language: en-GB
authors: [{type: organization, name: Example Clinic}, {name: Ana Ruiz}]
about: [{type: drug, name: Ferrous sulfate}, {type: condition, name: Anaemia}]
{dates}---

Take them with orange juice.
"""


def _pdf_info(data: bytes) -> dict[str, str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {str(k): str(v) for k, v in pdf.docinfo.items()}


def test_pdf_and_docx_carry_the_same_metadata(tmp_path: Path) -> None:
    source = tmp_path / "iron.md"
    source.write_text(
        ARTICLE.replace("{dates}", "date_published: 2024-02-03\ndate_modified: 2024-05-06\n"),
        encoding="utf-8",
    )
    article = ketadoc.load(source)
    meta = document_metadata(article)
    assert meta.keywords == ("Ferrous sulfate", "Anaemia")
    assert meta.page_size == "A4"
    info = _pdf_info(ketadoc.export(article, "pdf").data)
    assert info["/Author"] == "Example Clinic, Ana Ruiz"
    assert info["/Keywords"] == "Ferrous sulfate, Anaemia"
    assert info["/CreationDate"].startswith("D:20240203")
    assert info["/ModDate"].startswith("D:20240506")
    core = docx.Document(io.BytesIO(ketadoc.export(article, "docx").data)).core_properties
    assert core.keywords == "Ferrous sulfate, Anaemia"
    assert core.author == "Example Clinic; Ana Ruiz"
    assert core.created == dt.datetime(2024, 2, 3, tzinfo=dt.UTC)
    assert core.modified == dt.datetime(2024, 5, 6, tzinfo=dt.UTC)


def test_without_article_dates_both_take_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "iron.md"
    source.write_text(ARTICLE.replace("{dates}", ""), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    article = ketadoc.load(source)
    info = _pdf_info(ketadoc.export(article, "pdf").data)
    assert info["/CreationDate"].startswith("D:20231114221320")
    core = docx.Document(io.BytesIO(ketadoc.export(article, "docx").data)).core_properties
    assert core.created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ketadoc.ExportError, match="SOURCE_DATE_EPOCH"):
        document_metadata(article)


@pytest.mark.parametrize(
    ("language", "size"), [("en-US", "Letter"), ("es-MX", "Letter"), ("en-GB", "A4"), ("es", "A4")]
)
def test_paper_follows_the_region(language: str, size: str) -> None:
    assert page_size_for(language) == size
