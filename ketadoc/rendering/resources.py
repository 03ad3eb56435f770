"""What a rendered article may load, and nothing else: one policy for pdf, html and docx.

A handout is often built from an article someone else wrote, so a figure must not be
able to read ``/etc/passwd`` into the document or make the build machine call a web
address. Allowed without asking: ``data:`` URIs up to a size cap, and files inside the
*roots* (the article's folder; for the pdf also its template folders and the font
package). Everything else, every network address included, is refused with a FetchError
naming the resource, unless the caller lists it in ``allowed`` (a URL prefix such as
``https://cdn.example.org/img/``, or a folder).

:class:`ResourcePolicy` holds the decision and imports nothing heavy;
:func:`figure_url` is the one rule for what a figure's ``src`` names;
:meth:`ResourcePolicy.check_figure` and :meth:`ResourcePolicy.read_figure` give every
format the same answer and the same message; :func:`url_fetcher` wraps the policy in the
object WeasyPrint expects.
"""

from __future__ import annotations

import base64
import functools
import io
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname
from xml.etree import ElementTree

from pydantic import BeforeValidator

from ketadoc.errors import FetchError
from ketadoc.rendering.native import load_weasyprint

__all__ = [
    "DATA_URI_LIMIT",
    "AllowedResources",
    "FetchedResource",
    "ResourcePolicy",
    "data_uri",
    "figure_url",
    "is_url",
    "parse_svg",
    "roots_of",
    "url_fetcher",
]


def _comma_separated(value: Any) -> Any:
    if isinstance(value, str):  # from the command line: -O pdf.allowed_resources=a,b
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


AllowedResources = Annotated[tuple[str, ...], BeforeValidator(_comma_separated)]
"""The ``allowed_resources`` option of every format: URL prefixes or folders figures may
also load from (a comma-separated string on the command line)."""

DATA_URI_LIMIT = 8 * 1024 * 1024
"""Largest ``data:`` URI accepted, in characters: a figure, not a smuggled archive."""


@dataclass(frozen=True, slots=True)
class FetchedResource:
    """The bytes of an allowed resource and what they are."""

    url: str
    data: bytes
    media_type: str


def is_url(src: str) -> bool:
    """Whether ``src`` is a URL (``https:``, ``data:``, ``file:``...) rather than a path.

    A scheme of one letter is a Windows drive (``C:/pictures/a.png``), not a URL.
    """
    return len(urlsplit(src).scheme) > 1


def figure_url(src: str, base_dir: Path | None) -> str:
    """The absolute URL a figure's ``src`` names: itself when it is a URL, else a file
    URL in the article's folder ``base_dir``.

    The path is not resolved, so a ``..`` that climbs out stays visible in a refusal.
    Raises FetchError for a relative path when the article was not loaded from a file.
    """
    if is_url(src):
        return src
    path = Path(src)
    if path.is_absolute():
        return path.as_uri()
    if base_dir is None:
        raise FetchError(
            f'figure "{src}" is a relative path but the article was not loaded from a'
            " file; load it with ketadoc.load(path) or use a data: URI"
        )
    return (base_dir.absolute() / PurePosixPath(src)).as_uri()


def data_uri(resource: FetchedResource) -> str:
    """``resource`` as a base64 ``data:`` URI, for a page that needs no other file."""
    payload = base64.b64encode(resource.data).decode("ascii")
    return f"data:{resource.media_type};base64,{payload}"


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


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@dataclass(frozen=True)
class ResourcePolicy:
    """Decides which URLs a render may read; :meth:`fetch` reads the allowed ones.

    ``roots`` are folders whose files are allowed, ``files`` single files (a logo the
    caller named). ``allowed`` is the caller's explicit
    allow-list: URL prefixes (``https://host/path/``) or folders. ``max_data_uri`` caps
    ``data:`` URIs. ``network`` performs allowed network fetches (WeasyPrint's own
    fetcher); without it an allowed network URL still cannot be read.
    """

    roots: tuple[Path, ...]
    allowed: tuple[str, ...] = ()
    files: tuple[Path, ...] = ()
    roots_label: str = ""
    """How an error names the roots to an author, e.g. "the article's folder (/a/b)"."""
    max_data_uri: int = DATA_URI_LIMIT
    _roots: tuple[Path, ...] = field(init=False, repr=False, compare=False)
    _allowed_roots: tuple[Path, ...] = field(init=False, repr=False, compare=False)
    _files: frozenset[Path] = field(init=False, repr=False, compare=False)
    _allowed_prefixes: tuple[tuple[str, str, str], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Resolve once: symlinks inside a root must not lead out of it, and comparing
        # resolved paths makes "a/../../b" and "b" the same question.
        object.__setattr__(self, "_roots", tuple(Path(r).resolve() for r in self.roots))
        folders: list[Path] = []
        prefixes: list[tuple[str, str, str]] = []
        for entry in self.allowed:
            parts = urlsplit(entry)
            if parts.scheme in ("http", "https") and parts.netloc:
                path = parts.path if parts.path.endswith("/") else parts.path + "/"
                prefixes.append((parts.scheme, parts.netloc.lower(), path))
            elif parts.scheme == "file":
                folders.append(Path(url2pathname(parts.path)).resolve())
            elif not parts.scheme or len(parts.scheme) == 1:  # a path (or a drive letter)
                folders.append(Path(entry).resolve())
            else:
                raise FetchError(
                    f'allowed resource "{entry}" is neither an http(s) URL prefix nor a folder'
                )
        object.__setattr__(self, "_allowed_roots", tuple(folders))
        object.__setattr__(self, "_files", frozenset(Path(f).resolve() for f in self.files))
        object.__setattr__(self, "_allowed_prefixes", tuple(prefixes))

    @classmethod
    def for_article(
        cls,
        base_dir: Path | None,
        *,
        allowed: tuple[str, ...] = (),
        roots: Iterable[Path | None] = (),
        files: tuple[Path, ...] = (),
    ) -> ResourcePolicy:
        """The policy of a render of an article loaded from ``base_dir``: its folder,
        any further ``roots`` (templates, fonts), the single ``files`` and the caller's
        ``allowed`` list. Refusals name the article's folder, the only root an author
        chooses. Raises FetchError for an ``allowed`` entry that is neither a URL prefix
        nor a folder."""
        return cls(
            roots=roots_of((base_dir, *roots)),
            allowed=allowed,
            files=files,
            roots_label=(
                f"the article's folder ({base_dir})"
                if base_dir is not None
                else "the template folders (the article was not loaded from a file)"
            ),
        )

    def check_figure(self, src: str, base_dir: Path | None) -> str:
        """The URL of figure ``src`` once it is known to be loadable: allowed, and for a
        file, present. Reads nothing. Raises FetchError with the message every format
        gives for this figure."""
        try:
            url = figure_url(src, base_dir)
            self.check(url)
            if urlsplit(url).scheme.lower() == "file":
                path = self.local_path(url)
                try:
                    path.stat()
                except OSError as exc:
                    raise _unreadable(path, exc) from None
        except FetchError as exc:
            raise _about_figure(src, exc) from None
        return url

    def resolve_figure(self, src: str, base_dir: Path | None) -> str:
        """The URL of figure ``src`` once it is known to show: :meth:`check_figure`, and
        for a file or ``data:`` URI, a decodable image or a well-formed SVG. A file is
        decoded once per version (path, size and modification time), however many
        formats ask. Raises FetchError with the message every format gives."""
        url = self.check_figure(src, base_dir)
        scheme = urlsplit(url).scheme.lower()
        try:
            if scheme == "file":
                path = self.local_path(url)
                try:
                    stat = path.stat()
                except OSError as exc:
                    raise _unreadable(path, exc) from None
                problem = _file_image_problem(str(path), stat.st_mtime_ns, stat.st_size)
            elif scheme == "data":
                problem = _data_image_problem(url)
            else:
                return url  # an allowed network image: the reader's browser loads it
        except FetchError as exc:
            raise _about_figure(src, exc) from None
        if problem is not None:
            joint = " " if problem == _NOT_AN_IMAGE else ": "
            raise FetchError(f'figure "{_shown(src)}"{joint}{problem}')
        return url

    def read_figure(self, src: str, base_dir: Path | None) -> FetchedResource:
        """The bytes of figure ``src``, a file or ``data:`` URI, for a format that embeds
        it. Raises FetchError, with the message of :meth:`check_figure`, when it is
        refused or missing, or is a network address (allowed ones are linked, never
        downloaded into a document)."""
        url = self.check_figure(src, base_dir)
        if urlsplit(url).scheme.lower() not in ("data", "file"):
            raise FetchError(
                f'figure "{_shown(src)}": a network image cannot be embedded; put the file'
                " in the article's folder"
            )
        try:
            return self.fetch_local(url)
        except FetchError as exc:
            raise _about_figure(src, exc) from None

    def check(self, url: str) -> None:
        """Raise FetchError unless ``url`` may be fetched; never reads anything."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            if len(url) > self.max_data_uri:
                raise FetchError(
                    f"refused a data: URI of {len(url):,} characters;"
                    f" the limit is {self.max_data_uri:,} (use a file next to the article)"
                )
            return
        if scheme == "file":
            self.local_path(url)
            return
        if scheme in ("http", "https") and self._network_allowed(url):
            return
        raise FetchError(
            f'refused to fetch "{_shown(url)}": network and other non-file addresses are not'
            " fetched unless explicitly allowed (option allowed_resources); put the file"
            " in the article's folder instead"
        )

    def local_path(self, url: str) -> Path:
        """The file a ``file:`` URL names, if it lies inside a root or an allowed folder.

        Raises FetchError naming the URL otherwise.
        """
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchError(f'refused to fetch "{_shown(url)}": a file URL on another host')
        raw = url2pathname(parts.path)
        path = Path(raw).resolve()
        if path in self._files:
            return path
        for root in (*self._roots, *self._allowed_roots):
            if _inside(path, root):
                return path
        where = self.roots_label or " or ".join(str(r) for r in self._roots) or "no folder"
        hint = " (it climbs out with ..)" if ".." in Path(raw).parts else ""
        raise FetchError(
            f'refused to read "{_shown(url)}"{hint}: only files inside {where} are'
            " allowed; copy it next to the article or pass its folder in allowed_resources"
        )

    def _network_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        path = parts.path or "/"
        return any(
            parts.scheme.lower() == scheme
            and parts.netloc.lower() == netloc
            and (path + "/").startswith(prefix)
            for scheme, netloc, prefix in self._allowed_prefixes
        )

    def fetch_local(self, url: str) -> FetchedResource:
        """Read an allowed ``data:`` or ``file:`` resource.

        Raises FetchError when it is refused, missing or unreadable.
        """
        self.check(url)
        if url[:5].lower() == "data:":
            return _decode_data_uri(url)
        path = self.local_path(url)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _unreadable(path, exc) from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return FetchedResource(path.as_uri(), data, media_type)


_NOT_AN_IMAGE = (
    "is not an image: it is empty, damaged or of an unknown kind; save it as PNG, JPEG or SVG"
)


@functools.lru_cache(maxsize=256)
def _file_image_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """Why the file at ``path`` (in this version) cannot be shown, or None."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return str(_unreadable(Path(path), exc))
    return _image_problem(data, mimetypes.guess_type(path)[0])


@functools.lru_cache(maxsize=32)
def _data_image_problem(url: str) -> str | None:
    resource = _decode_data_uri(url)
    return _image_problem(resource.data, resource.media_type)


def _image_problem(data: bytes, media_type: str | None) -> str | None:
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
        return _NOT_AN_IMAGE
    return None


def _unreadable(path: Path, exc: OSError) -> FetchError:
    return FetchError(f'cannot read "{path}": {exc.strerror or exc}')


def _about_figure(src: str, exc: FetchError) -> FetchError:
    message = str(exc)
    if message.startswith("figure "):
        return exc
    return FetchError(f'figure "{_shown(src)}": {message}')


def _shown(url: str) -> str:
    return url if len(url) <= 200 else url[:197] + "..."


def _decode_data_uri(url: str) -> FetchedResource:
    header, sep, payload = url[5:].partition(",")
    if not sep:
        raise FetchError(f'"{_shown(url)}" is not a valid data: URI (no comma)')
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


def url_fetcher(policy: ResourcePolicy) -> Any:
    """A WeasyPrint URL fetcher that obeys ``policy`` and stops the render on any failure.

    WeasyPrint normally logs a failed fetch and carries on, leaving a hole where the
    figure was; with ``fail_on_errors`` the first refusal aborts the render instead, and
    the exporter turns it back into the FetchError raised here.
    """
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class KetadocURLFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            policy.check(url)
            if scheme in ("http", "https"):
                return super().fetch(url, headers)
            resource = policy.fetch_local(url)
            if resource.media_type == "image/svg+xml":
                parse_svg(resource.data)
            return URLFetcherResponse(
                resource.url, resource.data, {"Content-Type": resource.media_type}
            )

    return KetadocURLFetcher()


def roots_of(paths: Iterable[Path | None]) -> tuple[Path, ...]:
    """The distinct folders among ``paths``, in order, skipping ``None``."""
    return tuple(dict.fromkeys(Path(p) for p in paths if p is not None))
