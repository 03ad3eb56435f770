"""A QR code to the online version of the article, as an SVG ``data:`` URI.

Printed handouts go stale; the QR code takes a reader with a phone to the current,
reviewed version. It is drawn as a vector (crisp at any print size) with a quiet zone of
four modules, as the QR specification asks, so cheap phone cameras read it.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from ketadoc.rendering.qr import QUIET_ZONE, qr_code

__all__ = ["qr_data_uri"]


@lru_cache(maxsize=256)
def qr_data_uri(url: str, *, dark: str = "#000000") -> str:
    """The QR code for ``url`` as a ``data:image/svg+xml;base64,...`` URI."""
    code = qr_code(url)
    out = io.BytesIO()
    # Width and height in CSS pixels are set by the template; the SVG only needs its
    # viewBox. No <title>: the <img> alt text is the one accessible name.
    code.save(
        out,
        kind="svg",
        scale=1,
        border=QUIET_ZONE,
        dark=dark,
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        title=None,
        desc=None,
        svgclass=None,
        lineclass=None,
        omitsize=True,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")
