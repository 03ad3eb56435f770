"""The bytes of a resource an author supplied, and whether they hold an image.

``data:`` URIs are decoded and written here; an SVG is parsed without expanding entities
or reading a DTD; and :func:`image_problem` says why bytes are not a figure a format can
show. Which resources may be read at all is :mod:`ketadoc.rendering.resources`' question.
"""

from __future__ import annotations

import base64
import functools
import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree

from ketadoc.errors import FetchError

__all__ = [
    "NOT_AN_IMAGE",
    "FetchedResource",
    "cannot_read",
    "data_image_problem",
    "data_uri",
    "decode_data_uri",
    "file_image_problem",
    "image_problem",
    "parse_svg",
    "shown_url",
]


@dataclass(frozen=True, slots=True)
class FetchedResource:
    """The bytes of an allowed resource and what they are."""

    url: str
    data: bytes
    media_type: str


def data_uri(resource: FetchedResource) -> str:
    """``resource`` as a base64 ``data:`` URI, for a page that needs no other file."""
    payload = base64.b64encode(resource.data).decode("ascii")
    return f"data:{resource.media_type};base64,{payload}"


def decode_data_uri(url: str) -> FetchedResource:
    """The bytes and media type of a ``data:`` URI; raises FetchError if it is malformed."""
    header, sep, payload = url[5:].partition(",")
    if not sep:
        raise FetchError(f'"{shown_url(url)}" is not a valid data: URI (no comma)')
    params = header.split(";")
    is_base64 = params[-1].lower() == "base64"
    if is_base64:
        params = params[:-1]
    media_type = params[0].strip().lower() or "text/plain"
    try:
        data = (
            base64.b64decode(unquote_to_bytes(payload), validate=False)
            if is_base64
            else unquote_to_bytes(payload)
        )
    except ValueError as exc:
        raise FetchError(f"a data: URI is not valid base64: {exc}") from None
    return FetchedResource("data:", data, media_type)


def parse_svg(data: bytes) -> ElementTree.Element:
    """The root element of an SVG an author supplied, parsed without expanding entities
    or reading a DTD ("billion laughs", external entities): such a file is refused.

    Raises FetchError when ``data`` is not well-formed XML, declares a DTD or entities,
    or is not an ``<svg>`` document.
    """
    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        raise FetchError(f"an SVG image is not well-formed XML: {exc}") from None
    except DefusedXmlException:
        raise FetchError(
            "an SVG image declares a DTD or entities, which ketadoc does not expand;"
            " save it again without them"
        ) from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise FetchError("an SVG image does not start with an <svg> element")
    return root


NOT_AN_IMAGE = (
    "is not an image: it is empty, damaged or of an unknown kind; save it as PNG, JPEG or SVG"
)


@functools.lru_cache(maxsize=256)
def file_image_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """Why the file at ``path`` (in this version) cannot be shown, or None."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return str(cannot_read(Path(path), exc))
    return image_problem(data, mimetypes.guess_type(path)[0])


@functools.lru_cache(maxsize=8)
def data_image_problem(url: str) -> str | None:
    """Why the image in ``data:`` URI ``url`` cannot be shown, or None. (The cache keeps
    its URIs alive, each up to ``DATA_URI_LIMIT``: a few are enough for one article.)"""
    resource = decode_data_uri(url)
    return image_problem(resource.data, resource.media_type)


def image_problem(data: bytes, media_type: str | None) -> str | None:
    """Why ``data`` is not a figure a format can show (a raster image Pillow decodes, or
    a well-formed SVG), or None."""
    if media_type == "image/svg+xml" or data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>"):
        try:
            parse_svg(data)
        except FetchError as exc:
            return str(exc)
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return NOT_AN_IMAGE
    return None


def cannot_read(path: Path, exc: OSError) -> FetchError:
    """The error for a file that is there to read but cannot be read."""
    return FetchError(f'cannot read "{path}": {exc.strerror or exc}')


def shown_url(url: str) -> str:
    """``url`` as a message shows it: a long ``data:`` URI cut short."""
    return url if len(url) <= 200 else url[:197] + "..."
