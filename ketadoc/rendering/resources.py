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
object WeasyPrint expects. The bytes themselves (``data:`` URIs, SVG, whether a file holds
an image) are :mod:`ketadoc.rendering.images`' business.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ketadoc.errors import FetchError
from ketadoc.rendering.images import (
    NOT_AN_IMAGE,
    FetchedResource,
    cannot_read,
    data_image_problem,
    decode_data_uri,
    file_image_problem,
    parse_svg,
    shown_url,
)
from ketadoc.rendering.native import load_weasyprint

__all__ = [
    "DATA_URI_LIMIT",
    "ResourcePolicy",
    "figure_url",
    "is_url",
    "roots_of",
    "url_fetcher",
]


DATA_URI_LIMIT = 8 * 1024 * 1024
"""Largest ``data:`` URI accepted, in characters: a figure, not a smuggled archive."""


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
                    raise cannot_read(path, exc) from None
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
                    raise cannot_read(path, exc) from None
                problem = file_image_problem(str(path), stat.st_mtime_ns, stat.st_size)
            elif scheme == "data":
                problem = data_image_problem(url)
            else:
                return url  # an allowed network image: the reader's browser loads it
        except FetchError as exc:
            raise _about_figure(src, exc) from None
        if problem is not None:
            joint = " " if problem == NOT_AN_IMAGE else ": "
            raise FetchError(f'figure "{shown_url(src)}"{joint}{problem}')
        return url

    def read_figure(self, src: str, base_dir: Path | None) -> FetchedResource:
        """The bytes of figure ``src``, a file or ``data:`` URI, for a format that embeds
        it. Raises FetchError, with the message of :meth:`check_figure`, when it is
        refused or missing, or is a network address (allowed ones are linked, never
        downloaded into a document)."""
        url = self.check_figure(src, base_dir)
        if urlsplit(url).scheme.lower() not in ("data", "file"):
            raise FetchError(
                f'figure "{shown_url(src)}": a network image cannot be embedded; put the file'
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
            f'refused to fetch "{shown_url(url)}": network and other non-file addresses are not'
            " fetched unless explicitly allowed (option allowed_resources); put the file"
            " in the article's folder instead"
        )

    def local_path(self, url: str) -> Path:
        """The file a ``file:`` URL names, if it lies inside a root or an allowed folder.

        Raises FetchError naming the URL otherwise.
        """
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchError(f'refused to fetch "{shown_url(url)}": a file URL on another host')
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
            f'refused to read "{shown_url(url)}"{hint}: only files inside {where} are'
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
            return decode_data_uri(url)
        path = self.local_path(url)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise cannot_read(path, exc) from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return FetchedResource(path.as_uri(), data, media_type)


def _about_figure(src: str, exc: FetchError) -> FetchError:
    message = str(exc)
    if message.startswith("figure "):
        return exc
    return FetchError(f'figure "{shown_url(src)}": {message}')


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
