"""Figure images for the DOCX exporter: read under the resource policy every format
uses, and turned into a format Word embeds everywhere.

Word and LibreOffice both show PNG, JPEG and GIF; python-docx can size those (and BMP,
TIFF) itself. Anything else Pillow can open (WebP...) is re-encoded as PNG. SVG is drawn
by WeasyPrint, the renderer the PDF exporter already uses for the same figure, to a
one-page PDF that PDFium rasterises at twice the figure's size, so the DOCX shows the
figure as the PDF does and stays sharp when printed.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ketadoc.errors import ExportError, FetchError, MissingDependencyError
from ketadoc.rendering.images import parse_svg
from ketadoc.rendering.native import load_weasyprint
from ketadoc.rendering.resources import ResourcePolicy, url_fetcher

if TYPE_CHECKING:
    from docx.shape import InlineShape

__all__ = ["SVG_SCALE", "FigureImage", "load_figure", "set_alt_text", "svg_size", "svg_to_png"]

SVG_SCALE: Final = 2
"""Pixels per CSS pixel of a rasterised SVG: 192 dpi, sharp on paper and on screens."""

_NATIVE: Final = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff"}
_DEFAULT_SVG_SIZE: Final = (300.0, 150.0)  # CSS's size for a replaced element with none
_CSS_PX: Final = {
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*([a-z]*)\s*")


@dataclass(frozen=True, slots=True)
class FigureImage:
    """Image bytes python-docx can embed, and the width to show them at.

    ``width_px`` is in CSS pixels (96 per inch); ``None`` lets python-docx use the
    image's own size and resolution.
    """

    data: bytes
    width_px: float | None = None


def load_figure(src: str, policy: ResourcePolicy, base_dir: Path | None) -> FigureImage:
    """Read figure ``src`` (relative to ``base_dir``) as ``policy`` allows, as an image
    python-docx can embed.

    Raises FetchError when the file is refused or missing, MissingDependencyError when an
    SVG cannot be rasterised here, and ExportError for data that is not an image.
    """
    resource = policy.read_figure(src, base_dir)
    media_type = resource.media_type.lower()
    if media_type == "image/svg+xml" or (
        media_type in ("application/octet-stream", "text/xml", "application/xml")
        and b"<svg" in resource.data[:4096]
    ):
        width, _ = svg_size(resource.data)
        return FigureImage(svg_to_png(resource.data, policy), width)
    if media_type in _NATIVE and _word_reads(resource.data):
        return FigureImage(resource.data)
    # Anything else, a misnamed or truncated file included, goes through Pillow, which
    # re-encodes what it can open and names the figure when it cannot.
    return FigureImage(_reencoded(resource.data, src))


def _word_reads(data: bytes) -> bool:
    """Whether python-docx can read the size of image ``data`` to embed it."""
    from docx.image.exceptions import (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
    )
    from docx.image.image import Image

    try:
        Image.from_blob(data)
    except (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
        ValueError,
        IndexError,
        struct.error,
    ):
        return False
    return True


def _reencoded(data: bytes, src: str) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            output = io.BytesIO()
            image.save(output, "PNG")
    except (UnidentifiedImageError, OSError):
        raise ExportError(
            f'figure "{src}" is not an image Word can show: it is empty, damaged or of an'
            " unknown kind; save it as PNG or JPEG"
        ) from None
    return output.getvalue()


def _css_length(value: str | None) -> float | None:
    if not value:
        return None
    match = _LENGTH.fullmatch(value.lower())
    if match is None or match.group(2) not in ("", *_CSS_PX):
        return None  # percentages and font-relative units say nothing without a page
    number = float(match.group(1))
    return number * _CSS_PX.get(match.group(2), 1.0) if number > 0 else None


def svg_size(data: bytes) -> tuple[float, float]:
    """The size of an SVG in CSS pixels: its ``width`` and ``height``, else its
    ``viewBox`` (keeping the aspect ratio of either given length), else 300 x 150.

    Raises FetchError when ``data`` is not an SVG document ketadoc accepts.
    """
    root = parse_svg(data)
    width, height = _css_length(root.get("width")), _css_length(root.get("height"))
    box = [float(n) for n in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if n]
    ratio = box[3] / box[2] if len(box) == 4 and box[2] > 0 and box[3] > 0 else None
    if width and height:
        return width, height
    if ratio is not None:
        if width:
            return width, width * ratio
        if height:
            return height / ratio, height
        return box[2], box[3]
    return width or _DEFAULT_SVG_SIZE[0], height or _DEFAULT_SVG_SIZE[1]


def svg_to_png(data: bytes, policy: ResourcePolicy, *, scale: int = SVG_SCALE) -> bytes:
    """Rasterise an SVG to PNG at ``scale`` pixels per CSS pixel.

    Whatever the SVG itself loads (images, fonts) goes through ``policy``, as in the PDF.
    Raises MissingDependencyError without PDFium (the ``pypdfium2`` package) and
    ExportError when the SVG cannot be drawn.
    """
    import base64

    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError:
        raise MissingDependencyError(
            "SVG figures in DOCX need the pypdfium2 package to turn the drawing into"
            " pixels: pip install pypdfium2 (or convert the figure to PNG)"
        ) from None
    HTML = load_weasyprint().HTML

    width, height = svg_size(data)
    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
    page = (
        f"<style>@page{{size:{width}px {height}px;margin:0}}html,body{{margin:0}}"
        f"img{{display:block;width:{width}px;height:{height}px}}</style>"
        f'<img src="{uri}" alt="">'
    )
    try:
        pdf = HTML(string=page, url_fetcher=url_fetcher(policy)).write_pdf()
    except FetchError:
        raise
    except Exception as exc:  # WeasyPrint raises what its parsers raise
        raise ExportError(f"an SVG figure could not be drawn: {exc}") from None
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[0].render(scale=scale * 96 / 72, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil()
    finally:
        document.close()
    output = io.BytesIO()
    image.save(output, "PNG", optimize=False)
    return output.getvalue()


def set_alt_text(shape: InlineShape, alt: str, title: str = "") -> None:
    """Give an inline picture its alternative text (``wp:docPr/@descr``), read by screen
    readers and carried into tagged PDF, and an optional title. Raises ValueError for
    empty alt text."""
    if not alt.strip():
        raise ValueError("alt text must not be empty")
    properties = shape._inline.docPr
    properties.descr = alt
    properties.title = title or None
