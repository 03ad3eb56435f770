"""One theme: each callout kind, care level and risk action has one colour, one symbol
and one meaning, and the pdf and html pages show exactly those colours."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

import ketadoc
from ketadoc.rendering.theme import (
    CALLOUTS,
    CARE_LEVELS,
    RISK_ACTIONS,
    Tone,
    action_tone,
    contrast,
)

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [
    ROOT / "templates" / "pdf" / "theme.css",
    ROOT / "templates" / "pdf" / "handout.css",
    ROOT / "templates" / "pdf" / "article.css",
    ROOT / "templates" / "html" / "page.css",
]
TONES = [*CALLOUTS.values(), *CARE_LEVELS.values()]


def test_the_design_colours_mean_what_they_say() -> None:
    assert CALLOUTS["warning"].color == CARE_LEVELS["call_doctor"].color  # amber
    assert CALLOUTS["caution"].color == CARE_LEVELS["emergency"].color  # red
    assert CALLOUTS["tip"].color == CARE_LEVELS["self_care"].color  # green
    colours = {CARE_LEVELS[level].color for level in CARE_LEVELS}
    assert len(colours) == len(CARE_LEVELS)  # urgent is its own colour, orange
    assert action_tone("monitor") is CARE_LEVELS["self_care"]
    assert set(RISK_ACTIONS.values()) <= set(CARE_LEVELS)


@pytest.mark.parametrize("tone", TONES, ids=lambda t: t.name)
def test_every_tone_is_readable(tone: Tone) -> None:
    # text in the tone on its tint and on white; white heading text on the tone
    assert contrast(tone.color, tone.tint) >= 4.5
    assert contrast(tone.color, "#ffffff") >= 4.5


def test_one_colour_one_meaning() -> None:
    meanings: dict[str, set[str]] = {}
    for tone in TONES:
        meanings.setdefault(tone.color, set()).add(tone.name)
    # a colour is shared only by kinds of one meaning (warning/call_doctor: take care)
    for names in meanings.values():
        assert len(names) <= 2, names
    assert len({tone.symbol for tone in TONES}) == len(TONES)


@pytest.mark.parametrize("sheet", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheets_name_no_theme_colour_of_their_own(sheet: Path) -> None:
    css = sheet.read_text(encoding="utf-8").lower()
    for tone in TONES:
        assert tone.color not in css, (sheet.name, tone.name)
        assert tone.tint not in css, (sheet.name, tone.name)
    assert not re.search(r"--(warn|danger|ok|monitor|doctor|emergency)\b", css)


def test_readme_documents_each_meaning() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, tone in CALLOUTS.items():
        assert f"| `{kind.upper()}` | {tone.symbol} |" in readme, kind
        assert tone.meaning in readme, kind
    for level, tone in CARE_LEVELS.items():
        assert f"| `{level}` | {tone.symbol} |" in readme, level
        assert tone.meaning in readme, level


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(round(int(color[i : i + 2], 16) / 255, 2) for i in (1, 3, 5))  # type: ignore[return-value]


def _fills(pdf_bytes: bytes) -> set[tuple[float, ...]]:
    import io

    fills: set[tuple[float, ...]] = set()
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            for rect in page.rects:
                colour = rect.get("non_stroking_color")
                if isinstance(colour, tuple | list) and len(colour) == 3:
                    fills.add(tuple(round(float(c), 2) for c in colour))
    return fills


def test_the_pdf_and_html_show_the_table_colours(tmp_path: Path) -> None:
    source = tmp_path / "tones.md"
    source.write_text(
        "---\ntitle: Tones\nlanguage: en-US\n"
        "risks:\n  - {name: Headache, frequency: common, severity: mild, action: monitor}\n"
        "  - {name: Fainting, frequency: rare, severity: serious, action: emergency}\n"
        "care_advice:\n  - {level: self_care, text: Rest.}\n"
        "  - {level: emergency, text: Call 911.}\n---\n\n## Care\n\n"
        "> [!WARNING]\n> Do not drive.\n\n> [!CAUTION]\n> Stop now.\n",
        encoding="utf-8",
    )
    article = ketadoc.load(source)
    fills = _fills(ketadoc.export(article, "pdf", layout="article").data)
    for tone in (CALLOUTS["warning"], CALLOUTS["caution"], CARE_LEVELS["self_care"]):
        assert _rgb(tone.tint) in fills, tone.name
    page = ketadoc.export(article, "html").text
    for selector, tone in (
        (".callout-warning", CALLOUTS["warning"]),
        (".callout-caution", CALLOUTS["caution"]),
        (".care-emergency", CARE_LEVELS["emergency"]),
        (".action-monitor", action_tone("monitor")),
    ):
        assert f"{selector} {{ --tone: {tone.color};" in page
    assert 'class="callout callout-warning"' in page
    assert 'class="care-card care-emergency"' in page
