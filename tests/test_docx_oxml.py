"""The WordprocessingML helpers of the DOCX exporter and its reference document.

Every test builds a small document with python-docx, saves it, and reads the saved XML
back: what matters is what Word and LibreOffice will read, not the objects in memory.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.parser import OxmlElement
from docx.shared import Inches

from ketadoc.exporters.docx import (
    fields,
    figures,
    footnotes,
    language,
    links,
    numbering,
    package,
    parts,
    stylesheet,
    tables,
)
from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.reference import FONT, authoring, build_reference

ROOT = Path(__file__).resolve().parents[1]
COMMITTED_REFERENCE = ROOT / "templates" / "docx" / "reference.docx"
REGENERATE = "python -m ketadoc.exporters.docx.reference templates/docx/reference.docx"

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "dcterms": "http://purl.org/dc/terms/",
}
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def w(name: str) -> str:
    """Clark name of a WordprocessingML attribute or tag, for ElementTree lookups."""
    return f"{{{NS['w']}}}{name}"


class Saved:
    """A saved DOCX, opened as a zip, with its parts parsed on demand."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.names = archive.namelist()
            self.members = {name: archive.read(name) for name in self.names}

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.members[name])

    def relationships(self, name: str) -> dict[str, ET.Element]:
        """Relationships of a rels part, by id."""
        return {rel.attrib["Id"]: rel for rel in self.xml(name).findall("rel:Relationship", NS)}

    def reopen(self) -> Document:
        return docx.Document(io.BytesIO(self.data))


def save(document: Document) -> Saved:
    return Saved(package.save_deterministic(document))


@pytest.fixture(scope="module")
def reference_data() -> bytes:
    return build_reference()


@pytest.fixture
def document(reference_data: bytes) -> Document:
    """An empty document on the reference styles, as the exporter starts one."""
    opened = docx.Document(io.BytesIO(reference_data))
    opened.element.body.clear_content()
    return opened


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, small enough to build inline."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def val(parent: ET.Element, path: str, attribute: str = "val") -> str:
    """The w: attribute ``attribute`` of the element at ``path``; fails when it is absent."""
    found = parent.find(path, NS)
    assert found is not None, f"no {path}"
    return found.attrib[w(attribute)]


def body_paragraphs(saved: Saved) -> list[ET.Element]:
    return saved.xml("word/document.xml").findall("w:body/w:p", NS)


# -- hyperlinks ----------------------------------------------------------------------


def test_hyperlink_relates_the_url_and_styles_its_runs(document: Document) -> None:
    paragraph = document.add_paragraph("Read ")
    link = links.add_hyperlink(paragraph, "https://example.org/a?b=1&c=2", "the guide")
    paragraph.add_run(".")
    assert link.url == "https://example.org/a?b=1&c=2"

    saved = save(document)
    (p,) = body_paragraphs(saved)
    (hyperlink,) = p.findall("w:hyperlink", NS)
    rels = saved.relationships("word/_rels/document.xml.rels")
    rel = rels[hyperlink.attrib[f"{{{NS['r']}}}id"]]
    assert rel.attrib["Type"] == RT_HYPERLINK
    assert rel.attrib["Target"] == "https://example.org/a?b=1&c=2"
    assert rel.attrib["TargetMode"] == "External"
    assert [r.findtext("w:t", namespaces=NS) for r in hyperlink.findall("w:r", NS)] == ["the guide"]
    assert val(hyperlink, "w:r/w:rPr/w:rStyle") == "Hyperlink"
    # The link sits between the text before and after it.
    assert [child.tag for child in p if child.tag != w("pPr")] == [w("r"), w("hyperlink"), w("r")]
    assert "".join(p.itertext()) == "Read the guide."


def test_hyperlink_keeps_formatted_runs_in_order(document: Document) -> None:
    paragraph = document.add_paragraph("See ")
    plain = paragraph.add_run("the ")
    bold = paragraph.add_run("FDA label")
    bold.bold = True
    links.add_hyperlink(paragraph, "https://www.fda.gov/", [plain, bold])

    (p,) = body_paragraphs(save(document))
    (hyperlink,) = p.findall("w:hyperlink", NS)
    runs = hyperlink.findall("w:r", NS)
    assert [r.findtext("w:t", namespaces=NS) for r in runs] == ["the ", "FDA label"]
    assert runs[1].find("w:rPr/w:b", NS) is not None
    assert all(r.find("w:rPr/w:rStyle", NS) is not None for r in runs)


def test_hyperlink_refuses_runs_of_another_paragraph(document: Document) -> None:
    elsewhere = document.add_paragraph().add_run("stray")
    with pytest.raises(ValueError, match="children of the paragraph"):
        links.add_hyperlink(document.add_paragraph(), "https://example.org/", [elsewhere])
    with pytest.raises(ValueError, match="needs a URL"):
        links.add_hyperlink(document.add_paragraph(), "", "text")


def test_missing_style_fails_before_anything_changes() -> None:
    # python-docx's own template has neither a Hyperlink nor footnote styles.
    blank = docx.Document()
    paragraph = blank.add_paragraph("Text")
    with pytest.raises(KeyError, match="Hyperlink"):
        links.add_hyperlink(paragraph, "https://example.org/", "link")
    with pytest.raises(KeyError, match="footnote"):
        footnotes.add_footnote(paragraph, "note")
    saved = save(blank)
    assert "word/footnotes.xml" not in saved.names
    targets = [
        rel.attrib["Target"] for rel in saved.relationships("word/_rels/document.xml.rels").values()
    ]
    assert "https://example.org/" not in targets
    (p,) = body_paragraphs(saved)
    assert "".join(p.itertext()) == "Text"
    links.add_hyperlink(paragraph, "https://example.org/", "unstyled link", style=None)
    assert "Hyperlink" not in save(blank).members["word/document.xml"].decode()


def test_internal_link_points_at_a_bookmark(document: Document) -> None:
    links.add_internal_link(document.add_paragraph(), "background", "Background")
    (p,) = body_paragraphs(save(document))
    hyperlink = p.find("w:hyperlink", NS)
    assert hyperlink is not None
    assert hyperlink.attrib[w("anchor")] == "background"
    assert f"{{{NS['r']}}}id" not in hyperlink.attrib
    with pytest.raises(ValueError, match="not a valid bookmark name"):
        links.add_internal_link(document.add_paragraph(), "background-on-ketamine", "x")


# -- bookmarks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("background-on-ketamine", "background_on_ketamine"),
        ("Is ketamine approved?", "Is_ketamine_approved"),
        ("información-básica", "informacion_basica"),
        ("2-week-plan", "s_2_week_plan"),
        ("--faq--", "faq"),
        ("常见问题", "section"),
        ("a" * 50, "a" * 40),
        (
            "what-to-ask-your-doctor-before-the-first-treatment",
            "what_to_ask_your_doctor_before_the_first",
        ),
    ],
)
def test_bookmark_name_is_valid(anchor: str, expected: str) -> None:
    name = links.bookmark_name(anchor)
    assert name == expected
    assert links.is_valid_bookmark_name(name)


def test_bookmark_names_are_unique_and_stable() -> None:
    bookmarks = links.Bookmarks()
    first = bookmarks.name_for("risks-and-side-effects")
    assert bookmarks.name_for("risks_and_side_effects") == "risks_and_side_effects_2"
    assert bookmarks.name_for("Risks-and-side-effects") == "Risks_and_side_effects_3"
    assert bookmarks.name_for("risks-and-side-effects") == first
    long_names = {bookmarks.name_for("x" * 45 + suffix) for suffix in ("a", "b", "c")}
    assert len(long_names) == 3
    assert all(links.is_valid_bookmark_name(name) for name in long_names)


def test_bookmark_wraps_the_paragraph_content(document: Document) -> None:
    bookmarks = links.Bookmarks()
    heading = document.add_paragraph("Background", names.HEADINGS[0])
    assert bookmarks.add(heading, "background") == "background"
    other = document.add_paragraph("FAQ", names.HEADINGS[0])
    bookmarks.add(other, "faq")

    first, second = body_paragraphs(save(document))
    assert [child.tag for child in first] == [
        w("pPr"),
        w("bookmarkStart"),
        w("r"),
        w("bookmarkEnd"),
    ]
    assert val(first, "w:bookmarkStart", "name") == "background"
    first_id = val(first, "w:bookmarkStart", "id")
    assert val(first, "w:bookmarkEnd", "id") == first_id
    assert val(second, "w:bookmarkStart", "id") != first_id


def test_bookmarks_reserve_what_the_document_has(document: Document) -> None:
    links.add_bookmark(document.add_paragraph("Intro"), "intro", 7)
    bookmarks = links.Bookmarks(document)
    assert bookmarks.name_for("INTRO") == "INTRO_2"
    bookmarks.add(document.add_paragraph("More"), "more")
    ids = [
        start.attrib[w("id")]
        for start in save(document).xml("word/document.xml").iter(w("bookmarkStart"))
    ]
    assert ids == ["7", "8"]
    with pytest.raises(ValueError, match="not a valid bookmark name"):
        links.add_bookmark(document.add_paragraph(), "1st", 9)


# -- fields --------------------------------------------------------------------------


def field_sequence(p: ET.Element) -> list[str]:
    """The field markup of a paragraph as a list: fldChar types, instructions, texts."""
    sequence = []
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("fldChar"):
                sequence.append(child.attrib[w("fldCharType")])
            elif child.tag == w("instrText"):
                sequence.append(f"instr:{child.text}")
            elif child.tag == w("t"):
                sequence.append(f"text:{child.text}")
    return sequence


def test_page_fields_in_the_footer(document: Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Page ")
    fields.add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    fields.add_field(footer, "NUMPAGES", "1")

    saved = save(document)
    rels = saved.relationships("word/_rels/document.xml.rels")
    (footer_target,) = [
        rel.attrib["Target"] for rel in rels.values() if rel.attrib["Type"].endswith("/footer")
    ]
    (p,) = saved.xml(f"word/{footer_target}").findall("w:p", NS)
    assert field_sequence(p) == [
        "text:Page ",
        "begin",
        "instr: PAGE ",
        "separate",
        "text:1",
        "end",
        "text: of ",
        "begin",
        "instr: NUMPAGES ",
        "separate",
        "text:1",
        "end",
    ]
    assert not [fld for fld in p.iter(w("fldChar")) if w("dirty") in fld.attrib]


def test_table_of_contents_is_dirty_and_fields_update_on_open(document: Document) -> None:
    paragraph = document.add_paragraph()
    fields.add_table_of_contents(paragraph, "Right-click to update the table of contents.")
    fields.set_update_fields_on_open(document)

    saved = save(document)
    (p,) = body_paragraphs(saved)
    assert field_sequence(p) == [
        "begin",
        'instr: TOC \\o "1-3" \\h \\z \\u ',
        "separate",
        "text:Right-click to update the table of contents.",
        "end",
    ]
    assert val(p, "w:r/w:fldChar", "dirty") == "true"
    settings = saved.xml("word/settings.xml")
    assert val(settings, "w:updateFields") == "true"
    # Schema order: updateFields comes before w:compat and after w:characterSpacingControl.
    tags = [child.tag for child in settings]
    assert tags.index(w("characterSpacingControl")) < tags.index(w("updateFields"))
    assert tags.index(w("updateFields")) < tags.index(w("compat"))


def test_table_of_contents_around_existing_entries(document: Document) -> None:
    entries = [document.add_paragraph(style=names.TOC_LEVELS[0]) for _ in range(3)]
    for number, paragraph in enumerate(entries):
        links.add_internal_link(paragraph, f"section_{number}", f"Section {number}")
    fields.add_table_of_contents_around(entries[0], entries[-1], levels=(1, 2))

    first, middle, last = body_paragraphs(save(document))
    sequence = field_sequence(first)
    assert sequence[:3] == ["begin", 'instr: TOC \\o "1-2" \\h \\z \\u ', "separate"]
    assert val(first, "w:r/w:fldChar", "dirty") == "true"
    # The entries stay links; the field ends after the last one.
    assert first.find("w:hyperlink", NS) is not None
    assert middle.find("w:r/w:fldChar", NS) is None
    assert field_sequence(last)[-1] == "end"
    assert val(first, "w:pPr/w:pStyle") == "TOC1"


def test_table_of_contents_around_needs_order(document: Document) -> None:
    first, second = document.add_paragraph("a"), document.add_paragraph("b")
    with pytest.raises(ValueError, match="must follow"):
        fields.add_table_of_contents_around(second, first)


def test_field_checks_its_arguments(document: Document) -> None:
    with pytest.raises(ValueError, match="instruction"):
        fields.add_field(document.add_paragraph(), "  ")
    with pytest.raises(ValueError, match="TOC levels"):
        fields.table_of_contents_instruction((3, 1))
    assert fields.table_of_contents_instruction((2, 4)) == 'TOC \\o "2-4" \\h \\z \\u'


# -- footnotes -----------------------------------------------------------------------


def test_footnotes_part_relationship_and_content_type(document: Document) -> None:
    paragraph = document.add_paragraph("Ketamine is an anaesthetic.")
    first = footnotes.add_footnote(paragraph, "Glue P, et al. J Psychopharmacol. 2017.")
    second = footnotes.add_footnote(paragraph, "Taylor JH, et al. 2018.")
    assert (first.id, second.id) == (1, 2)

    saved = save(document)
    assert "word/footnotes.xml" in saved.names
    overrides = {
        item.attrib["PartName"]: item.attrib["ContentType"]
        for item in saved.xml("[Content_Types].xml").findall("ct:Override", NS)
    }
    assert overrides["/word/footnotes.xml"] == CT_FOOTNOTES
    rels = saved.relationships("word/_rels/document.xml.rels")
    assert [
        rel.attrib["Target"] for rel in rels.values() if rel.attrib["Type"] == RT_FOOTNOTES
    ] == ["footnotes.xml"]

    notes = saved.xml("word/footnotes.xml").findall("w:footnote", NS)
    specials = [(note.attrib[w("id")], note.attrib.get(w("type"))) for note in notes[:2]]
    assert specials == [("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find("w:p/w:r/w:separator", NS) is not None
    assert notes[1].find("w:p/w:r/w:continuationSeparator", NS) is not None
    declared = saved.xml("word/settings.xml").findall("w:footnotePr/w:footnote", NS)
    assert [note.attrib[w("id")] for note in declared] == ["-1", "0"]


def test_footnote_text_and_reference_match(document: Document) -> None:
    paragraph = document.add_paragraph("Ketamine is an anaesthetic.")
    footnote = footnotes.add_footnote(paragraph, "Glue P, et al. J Psychopharmacol. 2017.")
    footnote.paragraph.add_run(" More.")

    saved = save(document)
    (p,) = body_paragraphs(saved)
    reference_run = p.findall("w:r", NS)[-1]
    assert val(reference_run, "w:footnoteReference", "id") == str(footnote.id)
    assert val(reference_run, "w:rPr/w:rStyle") == "FootnoteReference"

    (note,) = [
        note
        for note in saved.xml("word/footnotes.xml").findall("w:footnote", NS)
        if note.attrib[w("id")] == str(footnote.id)
    ]
    (note_p,) = note.findall("w:p", NS)
    assert val(note_p, "w:pPr/w:pStyle") == "FootnoteText"
    mark_run = note_p.findall("w:r", NS)[0]
    assert mark_run.find("w:footnoteRef", NS) is not None
    assert val(mark_run, "w:rPr/w:rStyle") == "FootnoteReference"
    assert "".join(note_p.itertext()) == " Glue P, et al. J Psychopharmacol. 2017. More."


def test_footnote_can_hold_a_hyperlink(document: Document) -> None:
    footnote = footnotes.add_footnote(document.add_paragraph("Claim."), "Glue P. ")
    links.add_hyperlink(footnote.paragraph, "https://doi.org/10.1177/0269881117705089", "doi")

    saved = save(document)
    note = saved.xml("word/footnotes.xml").findall("w:footnote", NS)[-1]
    hyperlink = note.find("w:p/w:hyperlink", NS)
    assert hyperlink is not None
    rels = saved.relationships("word/_rels/footnotes.xml.rels")
    rel = rels[hyperlink.attrib[f"{{{NS['r']}}}id"]]
    assert rel.attrib["Target"] == "https://doi.org/10.1177/0269881117705089"
    assert rel.attrib["TargetMode"] == "External"
    document_targets = [
        rel.attrib["Target"] for rel in saved.relationships("word/_rels/document.xml.rels").values()
    ]
    assert "https://doi.org/10.1177/0269881117705089" not in document_targets


def test_footnotes_survive_reopening(document: Document) -> None:
    footnotes.add_footnote(document.add_paragraph("One."), "First.")
    reopened = save(document).reopen()
    assert isinstance(footnotes.footnotes_part(reopened), parts.FootnotesPart)
    added = footnotes.add_footnote(reopened.add_paragraph("Two."), "Second.")
    assert added.id == 2

    saved = save(reopened)
    assert saved.names.count("word/footnotes.xml") == 1
    ids = [n.attrib[w("id")] for n in saved.xml("word/footnotes.xml").findall("w:footnote", NS)]
    assert ids == ["-1", "0", "1", "2"]
    assert len(saved.xml("word/settings.xml").findall("w:footnotePr", NS)) == 1


def test_footnotes_only_from_the_body(document: Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    with pytest.raises(ValueError, match="body"):
        footnotes.add_footnote(footer, "No.")


# -- numbering -----------------------------------------------------------------------


def test_second_numbered_list_restarts_at_one(document: Document) -> None:
    style = names.LIST_NUMBER[0]
    for text in ("First step", "Second step"):
        document.add_paragraph(text, style)
    document.add_paragraph("Between the lists.", names.BODY_TEXT)
    restart = numbering.new_numbering(document, style)
    for text in ("Again first", "Again second"):
        numbering.set_numbering(document.add_paragraph(text, style), restart)

    saved = save(document)
    numbering_xml = saved.xml("word/numbering.xml")
    nums = {num.attrib[w("numId")]: num for num in numbering_xml.findall("w:num", NS)}
    style_element = next(
        s
        for s in saved.xml("word/styles.xml").findall("w:style", NS)
        if s.attrib[w("styleId")] == "ListNumber"
    )
    style_num_id = val(style_element, "w:pPr/w:numPr/w:numId")

    new = nums[str(restart)]
    assert str(restart) != style_num_id
    # Same abstract definition, so the restarted list looks like the first one.
    assert val(new, "w:abstractNumId") == val(nums[style_num_id], "w:abstractNumId")
    assert val(new, "w:lvlOverride", "ilvl") == "0"
    assert val(new, "w:lvlOverride/w:startOverride") == "1"

    paragraphs = body_paragraphs(saved)
    assert [p.find("w:pPr/w:numPr", NS) is None for p in paragraphs] == [
        True,
        True,
        True,
        False,
        False,
    ]
    for p in paragraphs[3:]:
        assert val(p, "w:pPr/w:numPr/w:numId") == str(restart)
        assert val(p, "w:pPr/w:numPr/w:ilvl") == "0"
        # numPr follows pStyle, as the schema requires.
        assert [child.tag for child in p.find("w:pPr", NS) or []][:2] == [w("pStyle"), w("numPr")]


def test_numbering_needs_a_list_style(document: Document) -> None:
    with pytest.raises(ValueError, match="no numbering"):
        numbering.new_numbering(document, names.BODY_TEXT)
    with pytest.raises(ValueError, match="level"):
        numbering.set_numbering(document.add_paragraph(), 1, level=9)


# -- images, language, tables --------------------------------------------------------


def test_alt_text_on_a_picture(document: Document) -> None:
    shape = document.add_picture(io.BytesIO(tiny_png()), width=Inches(1))
    figures.set_alt_text(shape, "A ketamine vial next to a syringe", "Ketamine vial")
    saved = save(document)
    (properties,) = saved.xml("word/document.xml").iter(f"{{{NS['wp']}}}docPr")
    assert properties.attrib["descr"] == "A ketamine vial next to a syringe"
    assert properties.attrib["title"] == "Ketamine vial"
    with pytest.raises(ValueError, match="alt text"):
        figures.set_alt_text(shape, " ")


def test_document_language_in_style_defaults(document: Document) -> None:
    language.set_document_language(document, "es-ES")
    styles = save(document).xml("word/styles.xml")
    assert val(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang") == "es-ES"
    # East Asian and right-to-left defaults stay unless asked for.
    assert val(styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang", "eastAsia") == "en-US"
    language.set_document_language(document, "es", east_asia="es", bidi="es")
    lang = save(document).xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang is not None
    assert (lang.attrib[w("val")], lang.attrib[w("eastAsia")], lang.attrib[w("bidi")]) == (
        "es",
        "es",
        "es",
    )
    with pytest.raises(ValueError, match="language tag"):
        language.set_document_language(document, "Spanish language")


def test_language_is_added_in_schema_order() -> None:
    blank = docx.Document()
    run_defaults = blank.styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    run_defaults.remove(run_defaults.find(w("lang")))
    run_defaults.append(OxmlElement("w:eastAsianLayout"))
    language.set_document_language(blank, "fr-FR")
    rpr = save(blank).xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert rpr is not None
    assert [child.tag for child in rpr] == [
        w("rFonts"),
        w("sz"),
        w("szCs"),
        w("lang"),
        w("eastAsianLayout"),
    ]


def test_table_rows_and_cells(document: Document) -> None:
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles[names.ARTICLE_TABLE]
    header = table.rows[0]
    tables.set_repeat_table_header(header)
    tables.prevent_row_split(header)
    tables.set_cell_shading(table.cell(1, 1), "fde9e7")

    rows = save(document).xml("word/document.xml").findall("w:body/w:tbl/w:tr", NS)
    properties = rows[0].find("w:trPr", NS)
    assert properties is not None
    assert [child.tag for child in properties] == [w("cantSplit"), w("tblHeader")]
    assert rows[1].find("w:trPr", NS) is None
    shading = rows[1].findall("w:tc", NS)[1].find("w:tcPr/w:shd", NS)
    assert shading is not None
    assert shading.attrib == {w("val"): "clear", w("color"): "auto", w("fill"): "FDE9E7"}
    with pytest.raises(ValueError, match="hexadecimal"):
        tables.set_cell_shading(table.cell(2, 0), "red")


def test_paragraph_border_and_shading_on_a_paragraph(document: Document) -> None:
    paragraph = document.add_paragraph("Boxed", names.CAPTION)
    paragraph.paragraph_format.space_after = 0
    # Added out of schema order on purpose: each lands at its schema position.
    authoring.set_outline_level(paragraph, 2)
    authoring.set_paragraph_shading(paragraph, "FDECEA")
    authoring.set_paragraph_border(paragraph, "left", color="C00000", size=24, space=8)
    authoring.set_paragraph_border(paragraph, "top", color="C00000")
    (p,) = body_paragraphs(save(document))
    properties = p.find("w:pPr", NS)
    assert properties is not None
    assert [child.tag for child in properties] == [
        w("pStyle"),
        w("pBdr"),
        w("shd"),
        w("spacing"),
        w("outlineLvl"),
    ]
    borders = properties.find("w:pBdr", NS)
    assert borders is not None
    assert [child.tag for child in borders] == [w("top"), w("left")]
    with pytest.raises(ValueError, match="size"):
        authoring.set_paragraph_border(paragraph, "left", color="C00000", size=200)


# -- determinism ---------------------------------------------------------------------


def build_sample(reference_data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(reference_data))
    document.element.body.clear_content()
    paragraph = document.add_paragraph("Text ")
    links.add_hyperlink(paragraph, "https://example.org/", "link")
    footnotes.add_footnote(paragraph, "A note.")
    document.add_picture(io.BytesIO(tiny_png()))
    return package.save_deterministic(document)


def test_same_document_same_bytes(reference_data: bytes) -> None:
    first = build_sample(reference_data)
    assert build_sample(reference_data) == first
    saved = Saved(first)
    assert saved.names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert saved.names[2:] == sorted(saved.names[2:])
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
    assert package.normalize_package(first) == first


def test_nothing_comes_from_the_clock(reference_data: bytes) -> None:
    core = Saved(reference_data).xml("docProps/core.xml")
    assert core.findtext("dcterms:created", namespaces=NS) == "2024-01-01T00:00:00Z"
    assert core.findtext("dcterms:modified", namespaces=NS) == "2024-01-01T00:00:00Z"
    sample = Saved(build_sample(reference_data)).xml("docProps/core.xml")
    assert sample.findtext("dcterms:modified", namespaces=NS) == "2024-01-01T00:00:00Z"


# -- the reference document ----------------------------------------------------------


def test_reference_is_reproducible(reference_data: bytes) -> None:
    assert build_reference() == reference_data


def test_committed_reference_is_current(reference_data: bytes) -> None:
    assert COMMITTED_REFERENCE.is_file(), f"reference.docx is missing; run: {REGENERATE}"
    committed = Saved(COMMITTED_REFERENCE.read_bytes())
    fresh = Saved(reference_data)
    # Compared entry by entry, uncompressed, so another zlib build cannot fail the test.
    assert committed.names == fresh.names, f"reference.docx is out of date; run: {REGENERATE}"
    stale = [name for name in fresh.names if committed.members[name] != fresh.members[name]]
    assert not stale, f"reference.docx is out of date ({', '.join(stale)}); run: {REGENERATE}"


STYLE_TYPES = {
    names.TITLE: WD_STYLE_TYPE.PARAGRAPH,
    names.SUBTITLE: WD_STYLE_TYPE.PARAGRAPH,
    **dict.fromkeys(names.HEADINGS, WD_STYLE_TYPE.PARAGRAPH),
    names.BODY_TEXT: WD_STYLE_TYPE.PARAGRAPH,
    **dict.fromkeys(
        names.LIST_BULLET + names.LIST_NUMBER + names.LIST_CONTINUE, WD_STYLE_TYPE.PARAGRAPH
    ),
    names.CHECKLIST: WD_STYLE_TYPE.PARAGRAPH,
    names.BOX_HEADING: WD_STYLE_TYPE.PARAGRAPH,
    names.QUOTE: WD_STYLE_TYPE.PARAGRAPH,
    names.DEFINITION_TERM: WD_STYLE_TYPE.PARAGRAPH,
    names.DEFINITION: WD_STYLE_TYPE.PARAGRAPH,
    names.HYPERLINK: WD_STYLE_TYPE.CHARACTER,
    names.CAPTION: WD_STYLE_TYPE.PARAGRAPH,
    names.ARTICLE_TABLE: WD_STYLE_TYPE.TABLE,
    names.FOOTNOTE_TEXT: WD_STYLE_TYPE.PARAGRAPH,
    names.FOOTNOTE_REFERENCE: WD_STYLE_TYPE.CHARACTER,
    names.TOC_HEADING: WD_STYLE_TYPE.PARAGRAPH,
    **dict.fromkeys(names.TOC_LEVELS, WD_STYLE_TYPE.PARAGRAPH),
    names.REVIEW_BLOCK: WD_STYLE_TYPE.PARAGRAPH,
    names.DISCLAIMER: WD_STYLE_TYPE.PARAGRAPH,
    names.HEADER: WD_STYLE_TYPE.PARAGRAPH,
    names.FOOTER: WD_STYLE_TYPE.PARAGRAPH,
}


@pytest.mark.parametrize(("name", "kind"), STYLE_TYPES.items())
def test_reference_defines_style(reference_data: bytes, name: str, kind: WD_STYLE_TYPE) -> None:
    styles = docx.Document(io.BytesIO(reference_data)).styles
    assert name in styles, f'reference.docx lacks the style "{name}"'
    assert styles[name].type == kind


def reference_styles(reference_data: bytes) -> dict[str, ET.Element]:
    """Styles of the reference document by w:name."""
    root = Saved(reference_data).xml("word/styles.xml")
    return {val(style, "w:name"): style for style in root.findall("w:style", NS)}


def test_reference_headings_reach_the_navigation_pane(reference_data: bytes) -> None:
    styles = reference_styles(reference_data)
    for level, name in enumerate(names.HEADINGS):
        style = styles[name.lower()]
        assert val(style, "w:pPr/w:outlineLvl") == str(level)
        assert style.find("w:pPr/w:keepNext", NS) is not None
    # Contents and box titles look like headings but stay out of the contents.
    assert val(styles[names.TOC_HEADING], "w:pPr/w:outlineLvl") == "9"
    assert val(styles[names.BOX_HEADING], "w:pPr/w:outlineLvl") == "9"


def test_reference_style_ids_are_word_builtins(reference_data: bytes) -> None:
    styles = reference_styles(reference_data)
    ids = {name: styles[name].attrib[w("styleId")] for name in styles}
    assert ids[names.FOOTNOTE_TEXT] == "FootnoteText"
    assert ids[names.FOOTNOTE_REFERENCE] == "FootnoteReference"
    assert [ids[name] for name in names.TOC_LEVELS] == ["TOC1", "TOC2", "TOC3"]
    assert ids[names.HYPERLINK] == "Hyperlink"
    assert w("customStyle") not in styles[names.FOOTNOTE_TEXT].attrib
    assert styles[names.BOX_HEADING].attrib[w("customStyle")] == "1"


def test_reference_character_styles(reference_data: bytes) -> None:
    styles = reference_styles(reference_data)
    assert val(styles[names.FOOTNOTE_REFERENCE], "w:rPr/w:vertAlign") == "superscript"
    assert val(styles[names.HYPERLINK], "w:rPr/w:u") == "single"
    assert val(styles[names.HYPERLINK], "w:rPr/w:color") == "0563C1"


def test_reference_quote_and_table_style(reference_data: bytes) -> None:
    styles = reference_styles(reference_data)
    assert int(val(styles[names.QUOTE], "w:pPr/w:pBdr/w:left", "sz")) >= 16
    table = styles[names.ARTICLE_TABLE]
    header = "w:tblStylePr[@w:type='firstRow']"
    assert table.find(f"{header}/w:rPr/w:b", NS) is not None
    assert val(table, f"{header}/w:tcPr/w:shd", "fill") == "D9E2F3"
    assert len(table.findall("w:tblPr/w:tblBorders/*", NS)) == 6


def test_reference_lists_have_numbering(reference_data: bytes) -> None:
    """Each list style numbers at its depth of one multi-level definition, so nested
    items carry their level (w:ilvl) as Word's outline and other readers expect."""
    saved = Saved(reference_data)
    styles = reference_styles(reference_data)
    numbering_xml = saved.xml("word/numbering.xml")
    abstract_of = {
        num.attrib[w("numId")]: val(num, "w:abstractNumId")
        for num in numbering_xml.findall("w:num", NS)
    }
    levels = {
        (abstract.attrib[w("abstractNumId")], lvl.attrib[w("ilvl")]): (
            val(lvl, "w:numFmt"),
            val(lvl, "w:lvlText"),
        )
        for abstract in numbering_xml.findall("w:abstractNum", NS)
        for lvl in abstract.findall("w:lvl", NS)
    }
    expected = {
        names.LIST_BULLET: [("bullet", "\u2022"), ("bullet", "\u25e6"), ("bullet", "\u25aa")],
        names.LIST_NUMBER: [("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3.")],
        (names.CHECKLIST,): [("bullet", "\u2610")],
    }
    for group, formats in expected.items():
        abstracts = set()
        for depth, name in enumerate(group):
            num_id = val(styles[name], "w:pPr/w:numPr/w:numId")
            ilvl = val(styles[name], "w:pPr/w:numPr/w:ilvl")
            assert ilvl == str(depth), name
            abstracts.add(abstract_of[num_id])
            assert levels[(abstract_of[num_id], ilvl)] == formats[depth], name
        assert len(abstracts) == 1, group


def test_reference_fonts_language_and_page(reference_data: bytes) -> None:
    saved = Saved(reference_data)
    styles_root = saved.xml("word/styles.xml")
    fonts = styles_root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts is not None
    assert (fonts.attrib[w("ascii")], fonts.attrib[w("hAnsi")]) == (FONT, FONT)
    assert w("asciiTheme") not in fonts.attrib
    assert val(styles_root, "w:docDefaults/w:rPrDefault/w:rPr/w:sz") == "22"
    styles = reference_styles(reference_data)
    # Headings must not fall back to the theme's heading font.
    for name in (names.TITLE, names.SUBTITLE, *(h.lower() for h in names.HEADINGS)):
        assert styles[name].find("w:rPr/w:rFonts", NS) is None, name
    # Only the defaults carry a language, so set_document_language reaches all text.
    assert [s for s in styles.values() if s.find("w:rPr/w:lang", NS) is not None] == []

    margins = saved.xml("word/document.xml").find("w:body/w:sectPr/w:pgMar", NS)
    assert margins is not None
    for side in ("top", "bottom", "left", "right"):
        assert margins.attrib[w(side)] == "1440"
    assert "word/stylesWithEffects.xml" not in saved.names
    assert "docProps/thumbnail.jpeg" not in saved.names


def test_reference_command_writes_the_file(tmp_path: Path, reference_data: bytes) -> None:
    from ketadoc.exporters.docx.reference import main

    target = tmp_path / "out" / "reference.docx"
    assert main([str(target)]) == 0
    assert target.read_bytes() == reference_data


def test_package_import_does_not_load_python_docx() -> None:
    code = (
        "import sys, ketadoc.exporters.docx; "
        "sys.exit(1 if any(m == 'docx' or m.startswith('docx.') for m in sys.modules) else 0)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True
    )
    assert completed.returncode == 0, completed.stderr.decode()


def test_exporting_never_imports_the_reference_generator() -> None:
    code = (
        "import sys, ketadoc; "
        "ketadoc.export(ketadoc.load('examples/ketamine-anxiety.md'), 'docx'); "
        "sys.exit(1 if any(m.startswith('ketadoc.exporters.docx.reference') for m in sys.modules)"
        " else 0)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True
    )
    assert completed.returncode == 0, completed.stderr.decode()


# -- LibreOffice ---------------------------------------------------------------------


def read_pdf(pdf: Path) -> tuple[str, dict[str, str], str]:
    """The text of a PDF, its link annotations (text -> URI, or "#" for a jump inside
    the document), and its declared language."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    targets = {}
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            action = link.get("/A")
            target = str(action["/URI"]) if action is not None and "/URI" in action else "#"
            targets[str(link.get("/Contents", ""))] = target
    return text, targets, str(reader.root_object.get("/Lang", ""))


@pytest.mark.slow
def test_libreoffice_renders_footnotes_fields_and_links(tmp_path: Path, document: Document) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; cannot check the DOCX renders")

    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Page ")
    fields.add_field(footer, "PAGE", "#")
    footer.add_run(" of ")
    fields.add_field(footer, "NUMPAGES", "#")

    document.add_paragraph("Does Ketamine Help With Anxiety?", names.TITLE)
    fields.add_table_of_contents(document.add_paragraph(), "Update the table of contents.")
    fields.set_update_fields_on_open(document)
    bookmarks = links.Bookmarks()
    heading = document.add_paragraph("Background", names.HEADINGS[0])
    bookmarks.add(heading, "background")
    body = document.add_paragraph("Ketamine is an anaesthetic", names.BODY_TEXT)
    footnote = footnotes.add_footnote(body, "Glue P, et al. Ketamine for anxiety. ")
    links.add_hyperlink(footnote.paragraph, "https://doi.org/10.1177/0269881117705089", "Full text")
    body.add_run(". Read ")
    links.add_hyperlink(body, "https://example.org/ketamine", "the patient guide")
    body.add_run(" or go back to ")
    links.add_internal_link(body, bookmarks.name_for("background"), "the background")
    body.add_run(".")
    for _ in range(2):
        restart = numbering.new_numbering(document, names.LIST_NUMBER[0])
        for text in ("Ask your doctor", "Bring a friend"):
            numbering.set_numbering(document.add_paragraph(text, names.LIST_NUMBER[0]), restart)
    shape = document.add_picture(io.BytesIO(tiny_png()), width=Inches(0.5))
    figures.set_alt_text(shape, "A grey square")
    language.set_document_language(document, "es-ES")

    source = tmp_path / "sample.docx"
    source.write_bytes(package.save_deterministic(document))
    profile = (tmp_path / "profile").as_uri()
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=False,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "sample.pdf"
    assert pdf.is_file(), completed.stderr.decode(errors="replace")

    text, targets, lang = read_pdf(pdf)
    assert "Glue P, et al. Ketamine for anxiety." in text
    # The fields were evaluated, not left at their "#" placeholders.
    assert "Page 1 of 1" in text
    # Both lists start at 1: the second one restarted.
    assert text.count("1. Ask your doctor") + text.count("1.Ask your doctor") == 2
    assert targets["the patient guide"] == "https://example.org/ketamine"
    assert targets["Full text"] == "https://doi.org/10.1177/0269881117705089"
    assert targets["the background"] == "#"
    assert lang == "es-ES"


def test_style_ids_are_looked_up_once_and_agree_with_python_docx(document: Document) -> None:
    before = document.add_paragraph("a", names.BODY_TEXT).style.style_id  # type: ignore[union-attr]
    paragraph = stylesheet.add_paragraph(document, "b", names.BODY_TEXT)
    assert paragraph.style.style_id == before  # type: ignore[union-attr]
    run = stylesheet.add_run(paragraph, "code", names.CODE)
    assert run.style.name == names.CODE  # type: ignore[union-attr]
    # The default paragraph style is written as no style at all, as python-docx does.
    assert stylesheet.add_paragraph(document, "c", names.NORMAL)._p.style is None
    with pytest.raises(KeyError):
        stylesheet.add_paragraph(document, "d", "No Such Style")
    # Every style of the reference document, by the name Word shows: the same id (or
    # None for a type's default) as python-docx's own lookup.
    for style in document.styles:
        if style.name is None or style.type not in (
            WD_STYLE_TYPE.PARAGRAPH,
            WD_STYLE_TYPE.CHARACTER,
            WD_STYLE_TYPE.TABLE,
        ):
            continue
        expected = document.part.get_style_id(style.name, style.type)
        assert stylesheet.style_id(document.part, style.name, style.type) == expected, style.name
    with pytest.raises(ValueError, match="type"):
        stylesheet.style_id(document.part, names.HYPERLINK, WD_STYLE_TYPE.PARAGRAPH)
