"""The QR code to an article's online version, for every format that prints one.

Printed handouts go stale; the QR code takes a reader with a phone to the current,
reviewed version. Error correction level M survives a fold or a coffee ring on a
printed page, and the quiet zone of four modules is what the QR specification asks, so
cheap phone cameras read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import segno

__all__ = ["QUIET_ZONE", "qr_code"]

QUIET_ZONE: Final = 4
"""Light modules around the code."""


def qr_code(url: str) -> segno.QRCode:
    """The QR code for ``url``; formats draw it with a quiet zone of :data:`QUIET_ZONE`."""
    import segno

    return segno.make_qr(url, error="m", boost_error=False)
