"""Theme values that reach the print CSS: accent colour, page size, footer text.

They are written into a small ``<style>`` in the page head (custom properties and one
``@page`` rule), so the large stylesheets stay the same for every article and are parsed
once per process.
"""

from __future__ import annotations

import re

from ketadoc.rendering.theme import contrast

__all__ = ["DEFAULT_ACCENT", "check_accent", "css_string", "page_css"]

DEFAULT_ACCENT = "#0b5c73"
MIN_CONTRAST = 4.5  # WCAG AA for normal text: the accent carries white headings


def check_accent(value: str) -> str:
    """The accent colour as ``#rrggbb``; ValueError unless it is a hex colour with at least
    4.5:1 contrast against white (it is the background of white heading text)."""
    value = value.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        raise ValueError(f'"{value}" is not a colour like #0b5c73')
    ratio = contrast(value, "#ffffff")
    if ratio < MIN_CONTRAST:
        raise ValueError(
            f"{value} has a contrast of {ratio:.1f}:1 with white text; choose a darker"
            f" colour (at least {MIN_CONTRAST}:1)"
        )
    return value


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    # "<" is escaped too, so no label can close the <style> element it is written in.
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    )
    return f'"{escaped}"'


def _counter_content(label: str) -> str:
    """ "Page {page} of {pages}" as CSS content: strings around page counters."""
    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or '""'


def page_css(
    *, page_size: str, accent: str, page_label: str, families: str, direction: str = "ltr"
) -> str:
    """The per-article CSS: page size, accent colour, fonts, and the footer: the title at
    the start of the line (the left, or the right for a ``rtl`` language) and the
    localised page counter at its end."""
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    return (
        f":root {{ --accent: {accent}; }}\n"
        f"html {{ font-family: {families}; }}\n"
        f"@page {{ size: {page_size}; }}\n"
        f"@page {{ @bottom-{start} {{ content: string(doctitle); }}"
        f" @bottom-{end} {{ content: {_counter_content(page_label)}; }} }}\n"
    )
