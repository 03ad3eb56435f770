"""The handout typeface: Atkinson Hyperlegible, from the ``fontpkg-atkinson-hyperlegible``
package, with system fonts behind it.

Atkinson Hyperlegible was drawn by the Braille Institute for low-vision readers: its
letters that are easy to confuse (I l 1, O 0, b d p q) differ clearly. It covers Latin
scripts only, so the CSS family list falls back to system fonts, and Pango picks a
fallback glyph by glyph for anything else (Greek, Cyrillic, CJK...).

The font files are embedded (subset) in every PDF, which the SIL Open Font License
allows; the licence is checked before use so a repackaged font under other terms is
never embedded silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["FALLBACK_FAMILIES", "FontFaces", "font_faces"]

FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "sans-serif")
"""System families tried after the bundled one, for scripts it lacks."""

_FACES = (
    ("Regular", "normal", 400),
    ("Italic", "italic", 400),
    ("Bold", "normal", 700),
    ("BoldItalic", "italic", 700),
)


@dataclass(frozen=True, slots=True)
class FontFaces:
    """The ``@font-face`` rules to load, the folder they read from, and the family list."""

    css: str
    folder: Path | None
    families: str
    note: str = ""


def _quoted(name: str) -> str:
    return name if name == "sans-serif" else f'"{name}"'


def _family_list(first: tuple[str, ...]) -> str:
    return ", ".join(_quoted(name) for name in (*first, *FALLBACK_FAMILIES))


def _is_ofl(licence: Path) -> bool:
    try:
        head = licence.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return False
    return "SIL Open Font License" in head


@cache
def font_faces() -> FontFaces:
    """``@font-face`` rules for Atkinson Hyperlegible, or only system families when the
    package is missing, incomplete, or not under the SIL Open Font License."""
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        return FontFaces("", None, _family_list(()), "fontpkg-atkinson-hyperlegible is missing")
    root = Path(package.ROOT)
    files = {name: root / "files" / f"AtkinsonHyperlegible-{name}.ttf" for name, _, _ in _FACES}
    if not _is_ofl(root / "LICENSE"):
        return FontFaces("", None, _family_list(()), "its licence is not the SIL OFL")
    if not all(path.is_file() for path in files.values()):
        return FontFaces("", None, _family_list(()), "its font files are missing")
    rules = [
        "@font-face {"
        f' font-family: "{FAMILY}"; font-style: {style}; font-weight: {weight};'
        f' src: url("{files[name].resolve().as_uri()}") format("truetype"); }}'
        for name, style, weight in _FACES
    ]
    return FontFaces("\n".join(rules) + "\n", root.resolve(), _family_list((FAMILY,)))
