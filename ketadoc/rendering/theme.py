"""One theme for every format: each callout kind, care level and risk action has one
colour, one symbol and one meaning, defined here and nowhere else.

The pdf and html stylesheets never name these colours: :func:`tone_css` writes them as
CSS custom properties (``--tone``, ``--tone-tint``, ``--tone-symbol``) on the classes the
templates put on each box, card and table group, and the stylesheets read ``var(--tone)``.
The docx exporter takes the same values from :data:`CALLOUTS`, :data:`CARE_LEVELS` and
:func:`action_tone`. A reader who learned that amber means "risk of harm" on the web
page finds it meaning that on paper and in Word too.

Each list level's marks (1, a, i; •, ◦, ▪) are defined here too, in
:data:`LIST_LEVELS`: :func:`theme_css` adds them to the tones for the stylesheets, and
the docx numbering reads the same levels.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "CALLOUTS",
    "CARE_LEVELS",
    "LIST_LEVELS",
    "RISK_ACTIONS",
    "ListLevel",
    "Tone",
    "action_tone",
    "contrast",
    "list_class",
    "theme_css",
    "tone_css",
]


@dataclass(frozen=True, slots=True)
class Tone:
    """A colour with its meaning: ``color`` for text, borders and heading bands (at least
    4.5:1 against white and against ``tint``), ``tint`` for the background of its box."""

    name: str
    color: str
    tint: str
    symbol: str
    meaning: str

    @property
    def color_hex(self) -> str:
        """``color`` as Word writes it: ``A51D1D``."""
        return self.color[1:].upper()

    @property
    def tint_hex(self) -> str:
        """``tint`` as Word writes it: ``FBEAEA``."""
        return self.tint[1:].upper()


# The colours, each used with one meaning only. Symbols are ones the bundled and common
# system fonts (DejaVu Sans) draw.
_BLUE: Final = ("#0b5a8a", "#e8f1f8")
_GREEN: Final = ("#2f6b35", "#edf5ee")
_PURPLE: Final = ("#5b3f8c", "#f3eff9")
_AMBER: Final = ("#8a4f00", "#fdf3e3")
_ORANGE: Final = ("#a33a00", "#fdece2")
_RED: Final = ("#a51d1d", "#fbeaea")


def _tone(name: str, colors: tuple[str, str], symbol: str, meaning: str) -> Tone:
    return Tone(name, colors[0], colors[1], symbol, meaning)


CALLOUTS: Final[Mapping[str, Tone]] = MappingProxyType(
    {
        "note": _tone("note", _BLUE, "\u2139", "information worth knowing"),
        "tip": _tone("tip", _GREEN, "\u2714", "helpful advice: something that makes it easier"),
        "important": _tone(
            "important", _PURPLE, "\u2605", "must read: what the reader needs to know"
        ),
        "warning": _tone("warning", _AMBER, "\u26a0", "risk of harm: be careful"),
        "caution": _tone("caution", _RED, "\u203c", "danger: act now"),
    }
)
"""Callout kinds (``> [!WARNING]``), in the order of their urgency."""

CARE_LEVELS: Final[Mapping[str, Tone]] = MappingProxyType(
    {
        "self_care": _tone("self_care", _GREEN, "\u2302", "take care of yourself at home"),
        "call_doctor": _tone("call_doctor", _AMBER, "\u260e", "call your doctor or nurse"),
        "urgent": _tone(
            "urgent", _ORANGE, "\u2691", "get help today: urgent care or a health line"
        ),
        "emergency": _tone("emergency", _RED, "\u271a", "get emergency help now"),
    }
)
"""Care levels of ``care_advice``, from least to most urgent."""

RISK_ACTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "monitor": "self_care",
        "call_doctor": "call_doctor",
        "urgent": "urgent",
        "emergency": "emergency",
    }
)
"""What a side effect calls for, as the care level whose tone it wears."""

_ARTICLE_WARNINGS: Final = "warning"
"""The front matter's ``warnings`` box speaks of risk of harm: the WARNING tone."""


def action_tone(action: str) -> Tone:
    """The tone of a risk action (``monitor``, ``call_doctor``...)."""
    return CARE_LEVELS[RISK_ACTIONS[action]]


def _selectors() -> Iterator[tuple[str, Tone]]:
    for kind, tone in CALLOUTS.items():
        yield f".callout-{kind}", tone
    yield ".box.warnings", CALLOUTS[_ARTICLE_WARNINGS]
    for level, tone in CARE_LEVELS.items():
        yield f".care-{level}", tone
    for action in RISK_ACTIONS:
        yield f".action-{action}", action_tone(action)


def _css_string(text: str) -> str:
    return '"' + "".join(c if c.isascii() else f"\\{ord(c):x} " for c in text) + '"'


def tone_css() -> str:
    """CSS custom properties giving each themed class its tone: the pdf and html
    stylesheets read ``var(--tone)``, ``var(--tone-tint)`` and ``var(--tone-symbol)``."""
    rules = [
        f"{selector} {{ --tone: {tone.color}; --tone-tint: {tone.tint};"
        f" --tone-symbol: {_css_string(tone.symbol)}; }}"
        for selector, tone in _selectors()
    ]
    return (
        "\n".join(("/* ketadoc theme: one colour per meaning (ketadoc.rendering.theme) */", *rules))
        + "\n"
    )


@dataclass(frozen=True, slots=True)
class ListLevel:
    """How a list marks its items at one nesting level, as CSS ``list-style-type`` names
    them, and the glyph Word draws for the bullet."""

    number: str
    bullet: str
    bullet_glyph: str


LIST_LEVELS: Final = (
    ListLevel("decimal", "disc", "\u2022"),
    ListLevel("lower-alpha", "circle", "\u25e6"),
    ListLevel("lower-roman", "square", "\u25aa"),
)
"""The marks of each list level: 1, 2 … then a, b … then i, ii …; bullets •, ◦, ▪. A list
inside an item of another list (or under a definition's term) is one level down,
whatever kind either is, and lists deeper than three levels mark as the third. Every
format reads these, so step 2b is step 2b on paper, on the web and in Word."""


def list_class(depth: int) -> str:
    """The class of a list ``depth`` levels down (0 for an outer list): empty for an
    outer list, else ``list-level-2`` or ``list-level-3``."""
    level = min(depth, len(LIST_LEVELS) - 1)
    return f"list-level-{level + 1}" if level else ""


def _list_css() -> Iterator[str]:
    for depth, marks in enumerate(LIST_LEVELS[1:], start=1):
        yield f"ol.{list_class(depth)} {{ list-style-type: {marks.number}; }}"
        yield f"ul.{list_class(depth)} {{ list-style-type: {marks.bullet}; }}"


def theme_css() -> str:
    """The theme's CSS for the pdf and html stylesheets: :func:`tone_css` and the marks
    of each list level (:data:`LIST_LEVELS`)."""
    return tone_css() + "\n".join(_list_css()) + "\n"


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
