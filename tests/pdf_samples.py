"""Small articles with figures, written into a temporary folder for the pdf tests."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

__all__ = ["SVG", "png", "write_small"]


def png(width: int = 4, height: int = 3) -> bytes:
    """A tiny RGB PNG, written by hand so the tests need no imaging library."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
    '<rect width="120" height="60" fill="#2a6f97"/><circle cx="30" cy="30" r="20" fill="#fff"/>'
    "</svg>"
)

SMALL = """---
title: Sleep Better Tonight
language: {language}
url: https://example.org/sleep
date_published: 2024-01-02
---

Read the [sleep hygiene guide from Example Health](https://example.org/guide) first.

## Habits to Try

![A bedroom at night with the curtains closed](room.svg "A calm, dark room.")

### Charts

![Bar chart of hours slept on each night of one week](chart.png)

| Time | What happens |
|---|---|
| 40 minutes | Get up if you are still awake |

## FAQ

### Should I nap?

{faq_answer}
"""


def write_small(folder: Path, language: str = "en-US", answer: str = "Keep naps short.") -> Path:
    """Write ``sleep.md`` with an SVG and a PNG figure, a table and one FAQ; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "room.svg").write_text(SVG, encoding="utf-8")
    (folder / "chart.png").write_bytes(png())
    path = folder / "sleep.md"
    path.write_text(SMALL.format(language=language, faq_answer=answer), encoding="utf-8")
    return path
