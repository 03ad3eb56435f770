"""DOCX structure an editor keeps editing, over every fixture and the example: real
lists through numbering, the theme's colours on boxes and cards, the online address,
described tables, citation marks against their word, and dates only from the article.

Each test reads the saved XML back; the colours are compared with the one theme table
the PDF and HTML stylesheets are generated from.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest

import ketadoc
from ketadoc.model.blocks import Callout, Table
from ketadoc.model.walk import located_blocks
from ketadoc.rendering.labels import labels_for
from ketadoc.rendering.theme import CALLOUTS, CARE_LEVELS, action_tone

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        ROOT / "examples" / "ketamine-anxiety.md",
        *(ROOT / "tests" / "fixtures").glob("*.md"),
        *(ROOT / "tests" / "fixtures").glob("*.yaml"),
        *(ROOT / "tests" / "corpus").glob("*.md"),
    ]
)
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
LIST_STYLES = re.compile(r"ListBullet\d?|ListNumber\d?|Checklist")
TYPED_MARKERS = re.compile(r"^\s*[\u2022\u25e6\u25aa\u2610\u2611\u2612\u00b7*\-]\s")


def w(name: str) -> str:
    return f"{{{NS['w']}}}{name}"


class Saved:
    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.body = ET.fromstring(self.parts["word/document.xml"])
        self.document = docx.Document(io.BytesIO(data))

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.parts[name])

    def paragraphs(self) -> list[ET.Element]:
        return list(self.body.iter(w("p")))


def style_of(p: ET.Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return "" if style is None else style.get(w("val"), "")


def text_of(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(w("t")))


def boxes(saved: Saved) -> list[tuple[str, str, str]]:
    """(title, fill, bar colour) of every box: a one-cell table with a Box Heading."""
    found = []
    for table in saved.body.iter(w("tbl")):
        cells = table.findall("w:tr/w:tc", NS)
        title = next((p for p in table.iter(w("p")) if style_of(p) == "BoxHeading"), None)
        if len(cells) != 1 or title is None:
            continue
        shading = cells[0].find("w:tcPr/w:shd", NS)
        bar = cells[0].find("w:tcPr/w:tcBorders/w:left", NS)
        assert shading is not None
        assert bar is not None
        found.append((text_of(title), shading.get(w("fill"), ""), bar.get(w("color"), "")))
    return found


@pytest.fixture(scope="module", params=SOURCES, ids=lambda path: f"{path.parent.name}/{path.name}")
def source(request: pytest.FixtureRequest) -> tuple[ketadoc.Article, Saved]:
    article = ketadoc.load(request.param)
    return article, Saved(ketadoc.export(article, "docx").data)


def test_every_list_paragraph_is_numbered(source: tuple[ketadoc.Article, Saved]) -> None:
    _, saved = source
    listed = [p for p in saved.paragraphs() if LIST_STYLES.fullmatch(style_of(p))]
    assert listed
    for p in listed:
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        assert num_id is not None, text_of(p)
        assert num_id.get(w("val")) != "0"


def test_no_typed_bullets_or_boxes_anywhere(source: tuple[ketadoc.Article, Saved]) -> None:
    _, saved = source
    for p in saved.paragraphs():
        assert not TYPED_MARKERS.match(text_of(p)), text_of(p)
    for name, data in saved.parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/numbering.xml":
            assert "\u2610" not in data.decode("utf-8"), name


def test_each_list_restarts(source: tuple[ketadoc.Article, Saved]) -> None:
    """Consecutive list paragraphs share one numbering instance; a list after any other
    paragraph takes a new one, so its numbers start again."""
    _, saved = source
    lists: list[str] = []
    previous_was_item = False
    for p in saved.paragraphs():
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        level = p.find("w:pPr/w:numPr/w:ilvl", NS)
        # A further paragraph of an item belongs to its list.
        is_item = num_id is not None or style_of(p).startswith("ListContinue")
        if is_item and not previous_was_item and level is not None and level.get(w("val")) == "0":
            lists.append(num_id.get(w("val"), ""))  # type: ignore[union-attr]
        previous_was_item = is_item
    assert len(lists) == len(set(lists))


def test_questions_are_a_checklist(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    items = [text_of(p) for p in saved.paragraphs() if style_of(p) == "Checklist"]
    assert items == [question.plain for question in article.questions_to_ask]


def test_boxes_and_cards_wear_the_theme(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    labels = labels_for(article.language)
    expected = {labels[kind]: tone for kind, tone in CALLOUTS.items()}
    expected |= {
        labels[f"care_{level}"]: tone
        for level, tone in CARE_LEVELS.items()
        if f"care_{level}" in labels.texts
    }
    expected[labels["warnings"]] = CALLOUTS["warning"]
    expected[labels["regulatory_status"]] = CALLOUTS["note"]
    for _, block in located_blocks(article):
        if isinstance(block, Callout) and getattr(block, "title", None):
            expected[str(block.title)] = CALLOUTS[block.kind]
    found = boxes(saved)
    assert len(found) >= bool(article.warnings) + len({a.level for a in article.care_advice})
    for title, fill, bar in found:
        tone = expected[title]
        assert (fill, bar) == (tone.tint_hex, tone.color_hex), title


def test_risk_actions_wear_the_theme(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    if not article.risks:
        pytest.skip("no side effects")
    side_effects = labels_for(article.language)["side_effects"]
    table = next(
        t
        for t in saved.body.iter(w("tbl"))
        if t.find("w:tblPr/w:tblCaption", NS) is not None
        and t.find("w:tblPr/w:tblCaption", NS).get(w("val")) == side_effects  # type: ignore[union-attr]
    )
    # The "what to do" column, last in every row but the header.
    fills = {
        row.findall("w:tc", NS)[-1].find("w:tcPr/w:shd", NS).get(w("fill"))  # type: ignore[union-attr]
        for row in table.findall("w:tr", NS)[1:]
    }
    assert fills <= {action_tone(risk.action).tint_hex for risk in article.risks}


def test_online_address_as_link_and_qr_code(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    targets = {
        rel.get("Target")
        for rel in saved.xml("word/_rels/document.xml.rels").findall("rel:Relationship", NS)
    }
    alts = [d.get("descr", "") for d in saved.body.iter(f"{{{NS['wp']}}}docPr")]
    if article.url is None:
        assert not any("QR" in alt for alt in alts)
        return
    assert article.url in targets
    assert any(article.url in alt for alt in alts)
    lines = [text_of(p) for p in saved.paragraphs()]
    assert any(line.endswith(article.url) and ":" in line for line in lines)


def test_tables_are_described_and_headers_marked(source: tuple[ketadoc.Article, Saved]) -> None:
    article, saved = source
    data_tables = [
        t
        for t in saved.body.iter(w("tbl"))
        if t.find("w:tblPr/w:tblStyle[@w:val='ArticleTable']", NS) is not None
    ]
    captions = {
        t.find("w:tblPr/w:tblCaption", NS).get(w("val"))  # type: ignore[union-attr]
        for t in data_tables
        if t.find("w:tblPr/w:tblCaption", NS) is not None
    }
    for _, block in located_blocks(article):
        if isinstance(block, Table) and block.caption:
            assert block.caption.plain in captions
    for table in data_tables:
        first = table.find("w:tr", NS)
        assert first is not None
        assert first.find("w:trPr/w:tblHeader", NS) is not None
    if article.risks:
        labels = labels_for(article.language)
        assert labels["side_effects"] in captions
        risk = next(
            t
            for t in data_tables
            if t.find("w:tblPr/w:tblCaption", NS) is not None
            and t.find("w:tblPr/w:tblCaption", NS).get(w("val")) == labels["side_effects"]  # type: ignore[union-attr]
        )
        look = risk.find("w:tblPr/w:tblLook", NS)
        assert look is not None
        assert look.get(w("firstColumn")) == "1"
        assert risk.find("w:tblPr/w:tblDescription", NS) is not None


def test_no_space_before_citation_marks(source: tuple[ketadoc.Article, Saved]) -> None:
    _, saved = source
    for p in saved.paragraphs():
        runs = list(p)
        for before, after in itertools.pairwise(runs):
            marked = after.tag == w("hyperlink") and (after.get(w("anchor")) or "").startswith(
                "ref_"
            )
            if marked and before.tag in (w("r"), w("hyperlink")):
                assert not text_of(before).endswith(" "), text_of(p)


def test_no_prompt_to_update_fields_on_opening(source: tuple[ketadoc.Article, Saved]) -> None:
    _, saved = source
    assert saved.xml("word/settings.xml").find("w:updateFields", NS) is None
    assert not [c for c in saved.body.iter(w("fldChar")) if c.get(w("dirty")) == "true"]


def test_dates_only_from_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = (ROOT / "tests" / "fixtures" / "no-faq.md").read_text(encoding="utf-8")
    undated = "\n".join(
        line for line in text.splitlines() if not line.startswith(("date_", "last_reviewed"))
    )
    article = ketadoc.loads(undated, "md")
    assert article.date_published is None
    assert article.last_reviewed is None
    core = ET.fromstring(Saved(ketadoc.export(article, "docx").data).parts["docProps/core.xml"])
    tags = {element.tag.rsplit("}", 1)[-1] for element in core}
    assert "created" not in tags
    assert "modified" not in tags
