"""The docx exporter, read back as Word and LibreOffice would read it.

Each test renders an article, opens the bytes with python-docx and queries the saved
XML: styles and text in document order, links and their targets, citation markers,
fields, table flags, alt text, language, metadata and byte-for-byte reproducibility.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from PIL import Image

import ketadoc
from ketadoc.errors import ExportError, FetchError, TemplateError
from ketadoc.exporters.docx import DocxExporter, DocxOptions
from ketadoc.exporters.docx.figures import svg_size
from ketadoc.model.inline import Cite

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = f"{{{NS['r']}}}id"


def w(name: str) -> str:
    return f"{{{NS['w']}}}{name}"


ARTICLE = """\
---
title: Sleep Better
subtitle: Habits that help
description: Simple habits for better sleep at night.
language: {language}
url: https://example.org/sleep
date_published: 2024-01-15
date_modified: 2024-02-01
last_reviewed: 2024-03-01
authors: [{{name: Ann Writer}}]
reviewers: [{{name: Bob Doctor, credentials: MD, job_title: Sleep physician}}]
about: [{{type: condition, name: Insomnia, alternate_names: [Sleeplessness]}}]
key_points: ["Go to bed when **sleepy** [@smith2020]."]
warnings: ["Do not drive when drowsy."]
regulatory_status: "Melatonin is sold without a prescription."
risks:
  - {{name: Drowsiness, frequency: common, severity: mild, action: monitor,
      description: "Feeling sleepy.", citations: [smith2020]}}
  - {{name: Falls, frequency: rare, severity: serious, action: emergency}}
care_advice:
  - {{level: emergency, text: "Call 911 for chest pain."}}
  - {{level: self_care, text: "Keep a sleep diary."}}
questions_to_ask: ["Is this safe for me?"]
citations:
  - id: smith2020
    type: article-journal
    author: [{{family: Smith, given: J}}]
    title: Sleep habits of adults
    container-title: J Sleep
    issued: {{date-parts: [[2020]]}}
    DOI: 10.1000/xyz123
  - id: doe2019
    type: article-journal
    author: [{{family: Doe, given: A}}]
    title: Light and sleep
    container-title: Sleep Med
    issued: {{date-parts: [[2019]]}}
disclaimer: This is not medical advice.
---

Lead paragraph with a [link](https://example.org/more) and `sleep --now`.

## Habits to Try

Go to bed *at the same time* [@smith2020; @doe2019]. See [the answer](#does-it-work).

1. First step
2. Second step

- A bullet
- Another bullet

3. Third step
4. Fourth step

| Time | What happens |
|---|---|
| 40 min | **Check** the clock |
| 60 min | Get up |

Table: When to get up

![A dark, quiet bedroom](room.png "A calm bedroom")

![Bar chart of sleep hours by week](chart.svg "Sleep hours")

### Light at Night

> [!WARNING]
> Bright screens keep you awake.
>
> - Dim the lights
> - Put the phone away

## Frequently Asked Questions

### Does it work?

Yes, for most people [@doe2019].

### How long does it take?

About two weeks.
"""

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">
<rect width="240" height="120" fill="#eef"/><rect x="20" y="40" width="40" height="70" fill="#36c"/>
<rect x="100" y="20" width="40" height="90" fill="#36c"/></svg>"""

HEADINGS = [
    ("Heading 1", "Habits to Try"),
    ("Heading 2", "Light at Night"),
    ("Heading 1", "Side effects"),
    ("Heading 1", "When to get help"),
    ("Heading 1", "Questions to ask your doctor"),
    ("Heading 1", "Frequently asked questions"),
    ("Heading 2", "Does it work?"),
    ("Heading 2", "How long does it take?"),
    ("Heading 1", "References"),
    ("Heading 1", "About this article"),
    ("Heading 1", "Disclaimer"),
]


def write_article(folder: Path, language: str = "en-US") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (80, 40), (40, 90, 160)).save(folder / "room.png")
    (folder / "chart.svg").write_bytes(SVG)
    path = folder / "sleep.md"
    path.write_text(ARTICLE.format(language=language), encoding="utf-8")
    return path


class Docx:
    """A rendered DOCX: python-docx's view and the parsed XML of its parts."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.document = docx.Document(io.BytesIO(data))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.parts[name])

    @property
    def body(self) -> ET.Element:
        return self.xml("word/document.xml")

    def relationships(self, part: str = "word/_rels/document.xml.rels") -> dict[str, str]:
        return {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in self.xml(part).findall("rel:Relationship", NS)
        }

    def bookmarks(self) -> set[str]:
        return {b.get(w("name"), "") for b in self.body.iter(w("bookmarkStart"))}

    def instructions(self, part: str = "word/document.xml") -> list[str]:
        return [(t.text or "").strip() for t in self.xml(part).iter(w("instrText"))]


def render(article: ketadoc.Article, **options: object) -> Docx:
    rendered = ketadoc.export(article, "docx", **options)
    assert rendered.extension == ".docx"
    assert rendered.media_type.endswith("wordprocessingml.document")
    return Docx(rendered.data)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> ketadoc.Article:
    return ketadoc.load(write_article(tmp_path_factory.mktemp("sleep")))


@pytest.fixture(scope="module")
def rendered(article: ketadoc.Article) -> Docx:
    return render(article)


def test_headings_use_word_styles_in_document_order(rendered: Docx) -> None:
    paragraphs = rendered.document.paragraphs
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Sleep Better"
    assert paragraphs[1].style.name == "Subtitle"
    styles = {p.style.name for p in paragraphs}
    assert {"Normal", "List Bullet", "List Number", "Caption", "Checklist"} <= styles


def all_paragraphs(rendered: Docx) -> list[ET.Element]:
    """Every paragraph of the body, those inside boxes and tables included."""
    return list(rendered.body.iter(w("p")))


def style_of(p: ET.Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return "" if style is None else style.get(w("val"), "")


def text_of(p: ET.Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def test_box_and_card_titles_are_headings_outside_the_contents(rendered: Docx) -> None:
    titles = [text_of(p) for p in all_paragraphs(rendered) if style_of(p) == "BoxHeading"]
    assert titles == [
        "Key points",
        "Important",
        "Approval status",
        "Warning",
        "Take care of yourself at home",
        "Emergency",
    ]
    style = next(
        s
        for s in rendered.xml("word/styles.xml").findall("w:style", NS)
        if s.get(w("styleId")) == "BoxHeading"
    )
    level = style.find("w:pPr/w:outlineLvl", NS)
    assert level is not None
    assert level.get(w("val")) == "9"


def test_sections_and_questions_are_bookmarked(rendered: Docx, article: ketadoc.Article) -> None:
    names = rendered.bookmarks()
    for anchor in [s.id for s in article.all_sections()] + [f.id for f in article.faqs]:
        assert anchor.replace("-", "_") in names, anchor


def test_core_properties_come_from_the_article(rendered: Docx) -> None:
    properties = rendered.document.core_properties
    assert properties.title == "Sleep Better"
    assert properties.subject == "Simple habits for better sleep at night."
    assert properties.author == "Ann Writer"
    assert properties.keywords == "Insomnia, Sleeplessness"
    assert properties.language == "en-US"
    assert properties.created == dt.datetime(2024, 1, 15, tzinfo=dt.UTC)
    assert properties.modified == dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    assert properties.last_modified_by == "ketadoc"
    assert properties.revision == 1


def test_external_links_are_relationships_with_the_hyperlink_style(rendered: Docx) -> None:
    targets = rendered.relationships()
    links = {
        targets[link.get(R_ID, "")]: "".join(t.text or "" for t in link.iter(w("t")))
        for link in rendered.body.iter(w("hyperlink"))
        if link.get(R_ID)
    }
    assert links["https://example.org/more"] == "link"
    assert links["https://doi.org/10.1000/xyz123"] == "10.1000/xyz123"
    styled = rendered.body.find(".//w:hyperlink/w:r/w:rPr/w:rStyle", NS)
    assert styled is not None
    assert styled.get(w("val")) == "Hyperlink"


def test_internal_links_point_at_bookmarks(rendered: Docx) -> None:
    anchors = [link.get(w("anchor")) for link in rendered.body.iter(w("hyperlink"))]
    assert "does_it_work" in anchors
    assert {a for a in anchors if a} <= rendered.bookmarks()


def _citation_count(article: ketadoc.Article) -> int:
    cites = sum(isinstance(n, Cite) for text in article.inline_texts() for n in text.walk())
    return cites + sum(bool(risk.citations) for risk in article.risks)


def test_every_citation_has_a_numbered_marker(rendered: Docx, article: ketadoc.Article) -> None:
    markers = [
        link
        for link in rendered.body.iter(w("hyperlink"))
        if (link.get(w("anchor")) or "").startswith("ref_")
    ]
    # [@smith2020; @doe2019] gives two markers; every other citation one.
    assert len(markers) == _citation_count(article) + 1
    for link in markers:
        assert link.find(".//w:vertAlign", NS).get(w("val")) == "superscript"  # type: ignore[union-attr]
    assert {"ref_1", "ref_2"} <= rendered.bookmarks()
    references = [p.text for p in rendered.document.paragraphs if p.style.name == "List Number"]
    assert references[-2].startswith("Smith J. Sleep habits of adults. J Sleep. 2020.")


def test_footnote_for_every_citation(article: ketadoc.Article) -> None:
    result = render(article, citation_style="footnotes")
    references = list(result.body.iter(w("footnoteReference")))
    assert len(references) == _citation_count(article)
    notes = {
        note.get(w("id")): "".join(t.text or "" for t in note.iter(w("t")))
        for note in result.xml("word/footnotes.xml").iter(w("footnote"))
    }
    for reference in references:
        assert "Sleep" in notes[reference.get(w("id"))]
    assert "Smith J. Sleep habits of adults" in notes["2"]
    assert "Doe A" in notes["2"]
    note_links = result.relationships("word/_rels/footnotes.xml.rels").values()
    assert "https://doi.org/10.1000/xyz123" in note_links


def test_footer_has_page_x_of_y_fields(rendered: Docx) -> None:
    footers = [name for name in rendered.parts if name.startswith("word/footer")]
    assert len(footers) == 1
    assert rendered.instructions(footers[0]) == ["PAGE", "NUMPAGES"]
    text = "".join(t.text or "" for t in rendered.xml(footers[0]).iter(w("t")))
    assert text == "Page 1 of 1"


def test_contents_is_a_toc_field_holding_section_links(rendered: Docx) -> None:
    [toc] = [i for i in rendered.instructions() if i.startswith("TOC")]
    assert toc == 'TOC \\o "1-2" \\h \\z \\u'
    begin = rendered.body.find(".//w:fldChar[@w:fldCharType='begin']", NS)
    assert begin is not None
    # Not marked dirty, and no w:updateFields: Word opens the file without asking to
    # update fields; the entries are links until the reader updates the field.
    assert begin.get(w("dirty")) is None
    entries = [p for p in rendered.document.paragraphs if p.style.name == "toc 1"]
    assert [p.text for p in entries] == [
        "Habits to Try",
        "Side effects",
        "When to get help",
        "Frequently asked questions",
        "References",
    ]
    assert rendered.xml("word/settings.xml").find("w:updateFields", NS) is None


def content_tables(rendered: Docx) -> list[ET.Element]:
    """Tables of data, not the one-cell tables that draw boxes."""
    return [
        table
        for table in rendered.body.iter(w("tbl"))
        if table.find("w:tblPr/w:tblStyle[@w:val='ArticleTable']", NS) is not None
    ]


def test_tables_repeat_their_header_and_keep_rows_whole(rendered: Docx) -> None:
    tables = content_tables(rendered)
    assert len(tables) == 2  # the article's table and the side effects
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
        style = table.find("w:tblPr/w:tblStyle", NS)
        assert style is not None
        assert style.get(w("val")) == "ArticleTable"
    risk_table = [t for t in rendered.document.tables if t.style.name == "Article Table"][1]
    assert [c.text for c in risk_table.rows[0].cells] == [
        "Side effect",
        "How often",
        "What it is like",
        "What to do",
    ]
    assert risk_table.rows[2].cells[3].text.startswith("Get emergency help")


def test_a_table_head_keeps_a_row_and_its_last_row_is_never_alone() -> None:
    # Word keeps a row with the next when its paragraphs keep with the next: the head
    # with the first row, the last row with the one before it, as the PDF does.
    rows = "".join(f"| Row {n} | x |\n" for n in range(1, 6))
    source = (
        "---\ntitle: Tables\n---\n\n## Drops\n\n| Drop | When |\n|---|---|\n"
        f"{rows}\nTable: Five rows\n\n| Drop | When |\n|---|---|\n| Only | x |\n"
    )
    document = docx.Document(io.BytesIO(ketadoc.export(ketadoc.loads(source), "docx").data))
    five, one = document.tables

    def kept(table: docx.table.Table) -> list[bool]:
        return [
            all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
            for row in table.rows
        ]

    assert kept(five) == [True, True, False, False, True, False]
    assert kept(one) == [True, False]
    caption = next(p for p in document.paragraphs if p.text == "Five rows")
    assert caption.paragraph_format.keep_with_next


def test_figures_have_alt_text_and_png_images(rendered: Docx) -> None:
    described = [d.get("descr") for d in rendered.body.iter(f"{{{NS['wp']}}}docPr")]
    assert described == [
        "A dark, quiet bedroom",
        "Bar chart of sleep hours by week",
        "QR code linking to the online version: https://example.org/sleep",
    ]
    images = [name for name in rendered.parts if name.startswith("word/media/")]
    assert len(images) == 3
    svg_png = Image.open(io.BytesIO(rendered.parts[sorted(images)[1]]))
    assert svg_png.size == (480, 240)  # twice the SVG's own size
    assert svg_png.getpixel((40, 200))[:3] == (0x33, 0x66, 0xCC)
    captions = [p.text for p in rendered.document.paragraphs if p.style.name == "Caption"]
    assert captions[:3] == ["When to get up", "A calm bedroom", "Sleep hours"]


def test_numbered_lists_restart_and_honour_start(rendered: Docx) -> None:
    num_ids = []
    for paragraph in rendered.document.paragraphs:
        if paragraph.style.name == "List Number" and "step" in paragraph.text:
            num_ids.append(paragraph._p.find(".//w:numId", NS).get(w("val")))
    assert len(num_ids) == 4
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = rendered.xml("word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_ids[2]}']", NS)
    assert num is not None
    start = num.find("w:lvlOverride/w:startOverride", NS)
    assert start is not None
    assert start.get(w("val")) == "3"


def test_language_in_style_defaults(rendered: Docx) -> None:
    lang = rendered.xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None
    assert lang.get(w("val")) == "en-US"
    size = rendered.body.find(".//w:sectPr/w:pgSz", NS)
    assert size is not None
    assert (size.get(w("w")), size.get(w("h"))) == ("12240", "15840")  # Letter, in twips


def test_spanish_article_is_spanish_on_a4(tmp_path: Path) -> None:
    result = render(ketadoc.load(write_article(tmp_path, language="es")))
    lang = result.xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None
    assert lang.get(w("val")) == "es-ES"
    assert result.document.core_properties.language == "es-ES"
    size = result.body.find(".//w:sectPr/w:pgSz", NS)
    assert size is not None
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")  # A4
    titles = [p.text for p in result.document.paragraphs if p.style.name == "Box Heading"]
    assert titles[0] == "Puntos clave"
    review = " ".join(p.text for p in result.document.paragraphs if p.style.name == "Review Block")
    assert "1 de marzo de 2024" in review
    footer = next(name for name in result.parts if name.startswith("word/footer"))
    assert "Página" in "".join(t.text or "" for t in result.xml(footer).iter(w("t")))


def test_page_size_option_wins(article: ketadoc.Article) -> None:
    size = render(article, page_size="a4").body.find(".//w:sectPr/w:pgSz", NS)
    assert size is not None
    assert size.get(w("w")) == "11906"


def test_same_article_same_bytes(article: ketadoc.Article) -> None:
    exporter = DocxExporter()
    first = exporter.render(article).data
    second = exporter.render(article).data
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_dates_without_article_dates_come_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plain.md"
    path.write_text("---\ntitle: Plain\n---\n\nJust text.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    properties = render(ketadoc.load(path)).document.core_properties
    assert properties.created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert properties.modified == properties.created


def test_figure_outside_the_article_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    Image.new("RGB", (4, 4)).save(outside)
    folder = tmp_path / "article"
    folder.mkdir()
    path = folder / "a.md"
    path.write_text("---\ntitle: T\n---\n\n![Alt text](../outside.png)\n", encoding="utf-8")
    with pytest.raises(FetchError, match=r"outside\.png"):
        DocxExporter().render(ketadoc.load(path))


def test_reference_document_option(tmp_path: Path, article: ketadoc.Article) -> None:
    broken = tmp_path / "broken.docx"
    docx.Document().save(str(broken))
    with pytest.raises(TemplateError, match="lacks the styles"):
        DocxExporter().render(article, DocxOptions(reference_docx=broken))
    not_docx = tmp_path / "not.docx"
    not_docx.write_text("hello", encoding="utf-8")
    with pytest.raises(TemplateError, match="not a DOCX"):
        DocxExporter().render(article, DocxOptions(reference_docx=not_docx))


@pytest.mark.parametrize(
    ("root", "size"),
    [
        ('width="2in" height="1in"', (192.0, 96.0)),
        ('viewBox="0 0 400 100"', (400.0, 100.0)),
        ('width="200" viewBox="0 0 400 100"', (200.0, 50.0)),
        ('width="50%"', (300.0, 150.0)),
    ],
)
def test_svg_size(root: str, size: tuple[float, float]) -> None:
    assert svg_size(f'<svg xmlns="http://www.w3.org/2000/svg" {root}/>'.encode()) == size


def test_example_renders(example: ketadoc.Article) -> None:
    result = render(example)
    headings = [p.text for p in result.document.paragraphs if p.style.name == "Heading 2"]
    for faq in example.faqs:
        assert faq.question in headings


@pytest.mark.slow
def test_libreoffice_shows_every_faq_question(example: ketadoc.Article, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed; apt-get install libreoffice-writer-nogui"
        )
    from pypdf import PdfReader

    source = tmp_path / "example.docx"
    source.write_bytes(ketadoc.export(example, "docx").data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    reader = PdfReader(tmp_path / "example.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for faq in example.faqs:
        assert faq.question in text, faq.question
    assert "Page 1 of" in text


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00", b"GIF89a", b"\xff\xd8\xff"],
    ids=["empty", "truncated-png", "gif-header-only", "jpeg-marker-only"],
)
def test_damaged_figure_is_a_located_export_error(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "scan.png").write_bytes(data)
    source = tmp_path / "article.md"
    source.write_text("---\ntitle: Scan\n---\n\n![A scan of the knee](scan.png)\n")
    with pytest.raises(ExportError, match=r'figure "scan\.png" is not an image Word can show'):
        ketadoc.export(ketadoc.load(source), "docx")
