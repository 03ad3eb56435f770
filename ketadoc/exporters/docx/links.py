"""Hyperlinks and bookmarks: links to web addresses and to places in the document.

python-docx 1.2 reads hyperlinks but cannot write them, and has no bookmarks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.hyperlink import Hyperlink

from ketadoc.exporters.docx.oxml.text import (
    bookmarks_in,
    insert_after_properties,
    new_bookmark,
    new_hyperlink,
)
from ketadoc.exporters.docx.styles import HYPERLINK
from ketadoc.exporters.docx.stylesheet import add_run, set_run_style, style_id

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from ketadoc.exporters.docx.oxml.shared import Element

__all__ = [
    "MAX_BOOKMARK_NAME",
    "Bookmarks",
    "add_bookmark",
    "add_hyperlink",
    "add_internal_link",
    "bookmark_name",
    "is_valid_bookmark_name",
]


def add_hyperlink(
    paragraph: Paragraph,
    url: str,
    content: str | Iterable[Run],
    *,
    style: str | None = HYPERLINK,
) -> Hyperlink:
    """Append an external hyperlink to ``paragraph``; return python-docx's view of it.

    ``content`` is the link text, or runs already added to ``paragraph`` (to keep bold or
    italic inside a link); those runs move into the link, which takes the place of the
    first. The relationship is created on the paragraph's own part, so links work in
    footnotes too. ``style`` is the character style given to every run of the link.
    Raises ValueError for an empty URL or runs that are not children of ``paragraph``,
    and KeyError when ``style`` is not defined in the document.
    """
    if not url:
        raise ValueError("a hyperlink needs a URL")
    runs = _link_runs(paragraph, content, style)
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    return _wrap_runs(paragraph, new_hyperlink(r_id=r_id), runs, style)


def add_internal_link(
    paragraph: Paragraph,
    bookmark: str,
    content: str | Iterable[Run],
    *,
    style: str | None = HYPERLINK,
) -> Hyperlink:
    """Append a link to the bookmark named ``bookmark`` (see :func:`add_bookmark`).

    ``content`` and ``style`` work as in :func:`add_hyperlink`. Raises ValueError when
    ``bookmark`` is not a valid bookmark name.
    """
    if not is_valid_bookmark_name(bookmark):
        raise ValueError(f'"{bookmark}" is not a valid bookmark name; use bookmark_name()')
    runs = _link_runs(paragraph, content, style)
    return _wrap_runs(paragraph, new_hyperlink(anchor=bookmark), runs, style)


def _link_runs(paragraph: Paragraph, content: str | Iterable[Run], style: str | None) -> list[Run]:
    # Everything that can fail is checked before the paragraph is touched.
    if style is not None:
        style_id(paragraph.part, style, WD_STYLE_TYPE.CHARACTER)
    if isinstance(content, str):
        return [add_run(paragraph, content)]
    runs = list(content)
    if not runs:
        raise ValueError("a link needs text or at least one run")
    if any(run._r.getparent() is not paragraph._p for run in runs):
        raise ValueError("the runs of a link must be children of the paragraph it is added to")
    return runs


def _wrap_runs(
    paragraph: Paragraph, link: Element, runs: list[Run], style: str | None
) -> Hyperlink:
    runs[0]._r.addprevious(link)
    for run in runs:
        if style is not None:
            set_run_style(run, style)
        link.append(run._r)
    return Hyperlink(link, paragraph)


# -- bookmarks -----------------------------------------------------------------------

MAX_BOOKMARK_NAME: Final = 40
"""Word truncates longer bookmark names and then no longer finds their links."""

_BOOKMARK_NAME = re.compile(rf"[A-Za-z][A-Za-z0-9_]{{0,{MAX_BOOKMARK_NAME - 1}}}")
_NOT_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9]+")


def is_valid_bookmark_name(name: str) -> bool:
    """Whether Word accepts ``name`` for a visible bookmark: a letter, then up to 39
    letters, digits or underscores (ASCII only, as LibreOffice expects)."""
    return _BOOKMARK_NAME.fullmatch(name) is not None


def bookmark_name(anchor: str) -> str:
    """A valid bookmark name for a section id or other anchor, e.g.
    ``"background-on-ketamine"`` -> ``"background_on_ketamine"``.

    Accents are dropped, other characters become underscores, a name that would not start
    with a letter gets an ``s_`` prefix, and the result is cut to 40 characters. Distinct
    anchors can map to one name; :class:`Bookmarks` makes names unique.
    """
    ascii_text = unicodedata.normalize("NFKD", anchor).encode("ascii", "ignore").decode()
    name = _NOT_NAME_CHARACTERS.sub("_", ascii_text).strip("_")
    if not name:
        name = "section"
    elif not name[0].isalpha():
        name = f"s_{name}"
    return name[:MAX_BOOKMARK_NAME].rstrip("_")


class Bookmarks:
    """The bookmarks of one document: unique names per anchor, and unique ids.

    The same anchor always gets the same name, so links made before or after the
    bookmark itself agree. Word compares bookmark names without regard to case, and so
    does the uniqueness check.
    """

    def __init__(self, document: Document | None = None) -> None:
        """Start empty, or reserve the names and ids of ``document``'s existing bookmarks."""
        self._names: dict[str, str] = {}
        self._taken: set[str] = set()
        self._next_id = 0
        if document is not None:
            for bookmark_id, name in bookmarks_in(document.element.body):
                self._taken.add(name.casefold())
                self._next_id = max(self._next_id, bookmark_id + 1)

    def name_for(self, anchor: str) -> str:
        """The bookmark name of ``anchor``, chosen on first use and unique in the document."""
        if anchor in self._names:
            return self._names[anchor]
        base = bookmark_name(anchor)
        name, number = base, 1
        while name.casefold() in self._taken:
            number += 1
            suffix = f"_{number}"
            name = base[: MAX_BOOKMARK_NAME - len(suffix)].rstrip("_") + suffix
        self._taken.add(name.casefold())
        self._names[anchor] = name
        return name

    def add(self, paragraph: Paragraph, anchor: str) -> str:
        """Bookmark ``paragraph`` under the name of ``anchor`` and return the name."""
        name = self.name_for(anchor)
        add_bookmark(paragraph, name, self._next_id)
        self._next_id += 1
        return name


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Put a bookmark around the current content of ``paragraph``.

    Call it once the paragraph's text is in place; runs added later fall outside the
    bookmark, which still marks the paragraph as a link target. ``bookmark_id`` must be
    unique among the document's bookmarks. Raises ValueError for an invalid name or a
    negative id.
    """
    if not is_valid_bookmark_name(name):
        raise ValueError(f'"{name}" is not a valid bookmark name; use bookmark_name()')
    if bookmark_id < 0:
        raise ValueError(f"bookmark id must not be negative, got {bookmark_id}")
    start, end = new_bookmark(bookmark_id, name)
    insert_after_properties(paragraph._p, [start])
    paragraph._p.append(end)
