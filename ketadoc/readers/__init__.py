"""Readers turn a source (Markdown, YAML, JSON) into a validated Article."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ketadoc.errors import ContentError, Problem
from ketadoc.model.article import Article
from ketadoc.model.text import slugify
from ketadoc.readers.json import read_json
from ketadoc.readers.markdown import read_markdown
from ketadoc.readers.source import SourceDocument
from ketadoc.readers.validation import validate_document
from ketadoc.readers.yaml import read_yaml

__all__ = [
    "SOURCE_SUFFIXES",
    "SourceFormat",
    "default_slug",
    "load",
    "load_located",
    "loads",
    "read_markdown",
    "source_slug",
]

SourceFormat = Literal["md", "yaml", "json"]
SOURCE_SUFFIXES: dict[str, SourceFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}

_READERS = {"md": read_markdown, "yaml": read_yaml, "json": read_json}


def loads(
    text: str,
    format: SourceFormat = "md",
    *,
    file: str = "<string>",
    base_dir: Path | None = None,
) -> Article:
    """Read and validate an article from text.

    Raises ContentError with every located problem when the article is invalid.
    """
    if format not in _READERS:
        raise ValueError(f'unknown source format "{format}"; use md, yaml or json')
    document: SourceDocument = _READERS[format](text, file)
    return validate_document(document, base_dir)


def load(path: str | Path) -> Article:
    """Read and validate an article file (.md, .yaml, .yml or .json).

    The slug defaults to the file's stem, and relative figure paths resolve against the
    file's folder. Raises ContentError for an unreadable or invalid file.
    """
    return load_located(path)[0]


def default_slug(path: Path) -> str:
    """The slug of an article that declares none: its file stem, as a slug."""
    return slugify(path.stem) or "article"


def source_slug(path: Path, data: bytes) -> str:
    """The slug :func:`load` gives the file ``path`` holding ``data``, without validating it.

    Its declared ``slug`` when it declares one, else :func:`default_slug`. A file that
    cannot be read gets the default; loading it reports the problem.
    """
    if b"slug" not in data:  # most sources take their file's name; skip parsing them
        return default_slug(path)
    try:
        declared = _read(path, data).data.get("slug")
    except ContentError:
        return default_slug(path)
    return declared if isinstance(declared, str) and declared else default_slug(path)


def _read(path: Path, data: bytes | None) -> SourceDocument:
    suffix = path.suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        known = ", ".join(SOURCE_SUFFIXES)
        raise ContentError([Problem(f"unknown file type; use one of {known}", "", str(path))])
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ContentError([Problem(f"cannot read the file: {reason}", "", str(path))]) from None
    return _READERS[SOURCE_SUFFIXES[suffix]](text, str(path))


def load_located(path: str | Path, data: bytes | None = None) -> tuple[Article, SourceDocument]:
    """Like :func:`load`, and also return the source document with every value's position.

    Checks use the document to point findings at a file and line; the file is read and
    parsed once. ``data`` is the file's bytes when the caller has read them already (a
    batch reads each source once). Raises ContentError for an unreadable or invalid file.
    """
    path = Path(path)
    document = _read(path, data)
    document.data.setdefault("slug", default_slug(path))
    return validate_document(document, path.resolve().parent), document
