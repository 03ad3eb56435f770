"""The pdf exporter, checked by reading the PDFs back (pypdf, pikepdf, pdfplumber, pdfua).

The example is rendered once per layout and page size for the whole module; every
render happens under a handler that fails the test on any WeasyPrint warning.
"""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pytest
from pdf_renders import render_quietly, rendered
from pdf_samples import png, write_small

import ketadoc
from ketadoc.errors import ExportError, MissingDependencyError

Renders = dict[str, bytes]


@pytest.fixture(scope="module")
def renders(example_path: Path) -> Renders:
    return {
        "handout-letter": rendered(example_path, "handout", "Letter"),
        "handout-a4": rendered(example_path, "handout", "A4"),
        "article": rendered(example_path, "article", "Letter"),
    }


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())


def _outline_titles(data: bytes) -> list[tuple[int, str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))

    def walk(items: list[object], depth: int) -> Iterator[tuple[int, str]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, " ".join(str(item.title).split())  # type: ignore[attr-defined]

    return list(walk(reader.outline, 0))


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


# -- layout and content --------------------------------------------------------------


@pytest.mark.parametrize("key", ["handout-letter", "handout-a4"])
def test_the_example_handout_fits_on_two_pages(renders: Renders, key: str) -> None:
    assert _pages(renders[key]) <= 2


def test_page_sizes(renders: Renders) -> None:
    letter = pypdf.PdfReader(io.BytesIO(renders["handout-letter"])).pages[0].mediabox
    a4 = pypdf.PdfReader(io.BytesIO(renders["handout-a4"])).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_en_us_defaults_to_letter(renders: Renders) -> None:
    page = pypdf.PdfReader(io.BytesIO(renders["article"])).pages[0]
    assert round(float(page.mediabox.width)) == 612


def test_handout_holds_every_part_in_order(renders: Renders, example: ketadoc.Article) -> None:
    text = _text(renders["handout-letter"])
    parts = [
        example.title,
        "Key points",
        "Important",
        "Approval status",
        "What this handout covers",
        "Side effects",
        "When to get help",
        "Questions to ask your doctor",
        "Frequently asked questions",
        "About this article",
        "Disclaimer",
        "Read this online",
    ]
    positions = [text.find(part) for part in parts]
    assert all(p >= 0 for p in positions), dict(zip(parts, positions, strict=True))
    assert positions == sorted(positions)
    for risk in example.risks:  # table cells wrap, so look for the first word
        assert risk.name.split()[0] in text
    for question in example.questions_to_ask:
        assert " ".join(question.plain.split()[:5]) in text
    assert example.url is not None
    # printed for paper readers (maybe wrapped); pypdf reads it in drawing order
    last = pypdf.PdfReader(io.BytesIO(renders["handout-letter"])).pages[-1].extract_text()
    assert example.url in "".join(last.split())


def test_article_has_every_section_heading_and_faq_question(
    renders: Renders, example: ketadoc.Article
) -> None:
    text = _text(renders["article"])
    for section in example.all_sections():
        assert section.heading in text
    for faq in example.faqs:
        assert faq.question in text
    assert "References" in text
    assert "Page 1 of" in text


def test_article_contents_lists_page_numbers(renders: Renders) -> None:
    with pdfplumber.open(io.BytesIO(renders["article"])) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    line = next(line for line in pages[0].splitlines() if line.startswith("Mechanism of Action"))
    number = int(line.split()[-1])
    assert any(text.startswith("Mechanism of Action") for text in pages[number - 1].splitlines())
    # The leader is drawn, not typed: no glyph per dot, nothing for a reader to skip.
    assert "..." not in pages[0]


# -- accessibility ---------------------------------------------------------------------


def test_outline_follows_the_headings_without_skipping(
    renders: Renders, example: ketadoc.Article
) -> None:
    outline = _outline_titles(renders["article"])
    titles = [title for _, title in outline]
    assert outline[0] == (0, example.title)
    for section in example.all_sections():
        assert section.heading in titles
    for faq in example.faqs:
        assert faq.question in titles
    depths = [depth for depth, _ in outline]
    assert all(b - a <= 1 for a, b in itertools.pairwise(depths))
    handout = [title for _, title in _outline_titles(renders["handout-letter"])]
    assert "Key points" in handout
    assert example.faqs[0].question in handout


@pytest.mark.parametrize("key", ["handout-letter", "article"])
def test_language_title_and_tags(renders: Renders, key: str, example: ketadoc.Article) -> None:
    with pikepdf.open(io.BytesIO(renders[key])) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title) == example.title
        assert str(pdf.docinfo.Author) == "Example Health Editorial Team"
        assert str(pdf.docinfo.Creator).startswith("ketadoc ")
        assert "Ketamine" in str(pdf.docinfo.Keywords)
        # dates come from the article, never from the clock
        assert str(pdf.docinfo.CreationDate).startswith("D:20240115")
        assert str(pdf.docinfo.ModDate).startswith("D:20240301")
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"


def _annotation_uris(data: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
        }


def test_links_point_where_they_say(renders: Renders, example: ketadoc.Article) -> None:
    assert example.url in _annotation_uris(renders["handout-letter"])
    article_uris = _annotation_uris(renders["article"])
    assert "https://doi.org/10.1177/0269881117705089" in article_uris
    assert example.url in article_uris


@pytest.mark.parametrize("key", ["handout-letter", "article"])
def test_fonts_are_embedded(renders: Renders, key: str) -> None:
    with pikepdf.open(io.BytesIO(renders[key])) as pdf:
        fonts = {
            str(font.BaseFont): font for page in pdf.pages for font in page.Resources.Font.values()
        }
        assert any("Atkinson" in name for name in fonts)
        for name, font in fonts.items():
            descriptor = (
                font.DescendantFonts[0].FontDescriptor
                if "/DescendantFonts" in font
                else font.FontDescriptor
            )
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


@pytest.mark.parametrize("key", ["handout-letter", "handout-a4", "article"])
def test_pdfua_certain_checks_report_nothing(renders: Renders, key: str, tmp_path: Path) -> None:
    path = tmp_path / f"{key}.pdf"
    path.write_bytes(renders[key])
    result = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--certain-only", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_same_article_gives_the_same_bytes(renders: Renders, example: ketadoc.Article) -> None:
    assert (
        render_quietly(example, layout="handout", page_size="Letter") == renders["handout-letter"]
    )
    with pikepdf.open(io.BytesIO(renders["article"])) as pdf:
        assert len(pdf.trailer.ID) == 2


# -- a small article with figures --------------------------------------------------------


def _struct_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                yield kid
                stack.append(kid)


def test_figures_are_tagged_with_their_alt_text(tmp_path: Path) -> None:
    article = ketadoc.load(write_small(tmp_path / "sleep"))
    data = render_quietly(article, layout="article")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        elements = list(_struct_elements(pdf))
        alts = {str(e.Alt) for e in elements if e.get("/S") == "/Figure" and "/Alt" in e}
        kinds = {str(e.get("/S")) for e in elements}
    assert "A bedroom at night with the curtains closed" in alts
    assert "Bar chart of hours slept on each night of one week" in alts
    assert {"/Table", "/TH", "/TD", "/H1", "/H2", "/H3", "/Caption"} <= kinds
    assert "https://example.org/guide" in _annotation_uris(data)
    # the address of an outside link is printed for readers of the paper copy
    assert "(https://example.org/guide)" in _text(data)


def test_spanish_article_is_tagged_spanish(tmp_path: Path) -> None:
    article = ketadoc.load(write_small(tmp_path / "es", language="es", answer="Siestas cortas."))
    data = render_quietly(article)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "es"
        assert round(float(pdf.pages[0].MediaBox[2])) == 595  # A4 outside Letter regions
    assert "Preguntas" in _text(data) or "Puntos clave" in _text(data) or "Siestas" in _text(data)


def test_options(tmp_path: Path, example: ketadoc.Article) -> None:
    with pytest.raises(ExportError, match="contrast"):
        ketadoc.export(example, "pdf", accent_color="#ffcc00")
    with pytest.raises(ExportError, match="layout"):
        ketadoc.export(example, "pdf", layout="poster")
    exporter = ketadoc.get_exporter("pdf")
    options = exporter.parse_options(
        {"page_size": "a4", "pdf_ua": "false", "allowed_resources": "https://cdn.example.org/a/,x"}
    )
    assert options.page_size == "A4"
    assert options.pdf_ua is False
    assert options.allowed_resources == ("https://cdn.example.org/a/", "x")


def test_theme_options_show_up(tmp_path: Path) -> None:
    article = ketadoc.load(write_small(tmp_path / "sleep"))
    (tmp_path / "logo.png").write_bytes(png(8, 4))
    data = render_quietly(
        article,
        organization_name="Riverside Clinic",
        logo=str(tmp_path / "logo.png"),
        accent_color="#5a2d82",
        pdf_ua=False,
    )
    assert "Riverside Clinic" in _text(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        alts = {str(e.Alt) for e in _struct_elements(pdf) if "/Alt" in e}
    assert "Riverside Clinic" in alts


def test_user_template_folder_comes_first(tmp_path: Path) -> None:
    article = ketadoc.load(write_small(tmp_path / "sleep"))
    own = tmp_path / "own" / "pdf"
    own.mkdir(parents=True)
    (own / "handout.css").write_text(".layout-handout h1 { font-size: 30pt; }", encoding="utf-8")
    data = render_quietly(article, template_dir=str(tmp_path / "own"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = {round(c["size"]) for c in pdf.pages[0].chars if c["text"] == "S"}
    assert 30 in sizes


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Read more [here](https://example.org/x).", 'KD502: .*link text "here"'),
        ("![image](room.svg)", "KD501: .*says only that there is an image"),
    ],
)
def test_content_rules_fail_before_rendering(tmp_path: Path, body: str, message: str) -> None:
    path = write_small(tmp_path / "bad", answer=body)
    with pytest.raises(ExportError, match=message):
        ketadoc.export(ketadoc.load(path), "pdf")


def test_missing_pango_names_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from ketadoc.exporters.pdf import engine
    from ketadoc.rendering import native

    real_import = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(native, "_MODULE", None)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(MissingDependencyError, match="Pango"):
        engine.weasyprint_module()
