"""The structure tree as the tagging pass reads and rewrites it, and the one rewrite that
needs its whole shape: the pieces of one HTML element become one structure element again.

WeasyPrint makes one structure element per box, and a section, paragraph, list or table
that crosses a page or a column, or a link that wraps, is several boxes. Guided by the
notes of :mod:`ketadoc.exporters.pdf.tag_sources` (which HTML element each structure
element was made for), :meth:`Retagger.settle` joins the pieces, hoists anonymous boxes
into the element they belong to, and turns a table header row repeated on a later page
into page furniture.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from ketadoc.exporters.pdf.tag_sources import SourceKey, TagSources

__all__ = ["Artifact", "Kid", "Retagger", "is_element", "kids_of"]

_REPEATED_GROUPS = ("/THead", "/TFoot")
_UNREAD = "?"

# pikepdf objects: a structure element, an MCID, a marked-content or object reference.
Kid = Any
#: What a marked-content sequence becomes when it is page furniture: (type, subtype).
Artifact = tuple[str, str | None]


def kids_of(node: Any) -> list[Kid]:
    """The kids of a structure node, read from the PDF (``/K`` may be one kid or an array)."""
    kids = node.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def is_element(item: Kid) -> bool:
    """True for a structure element (not an MCID or a reference), read from the PDF."""
    return (
        isinstance(item, Dictionary)
        and item.get("/Type", Name.StructElem) == Name.StructElem
        and "/S" in item
    )


class Retagger:
    """The structure tree of one PDF while the pass rewrites it, and what the pass noted."""

    def __init__(self, pdf: pikepdf.Pdf, sources: TagSources) -> None:
        self.pdf = pdf
        self.sources = sources
        self.pages = list(pdf.pages)
        self.page_index = {page.obj.objgen: i for i, page in enumerate(self.pages)}
        self.artifacts: dict[tuple[int, int], Artifact] = {}
        self.renamed_ids: dict[str, str] = {}
        # Reading a pikepdf object crosses into C++ every time: each element's type and
        # kids are read once and kept here, by object number.
        self._kinds: dict[tuple[int, int], str | None] = {}
        self._kid_lists: dict[tuple[int, int], list[Kid]] = {}
        self._pages_of: dict[tuple[int, int], int | None] = {}

    def kind(self, item: Kid) -> str | None:
        """The structure type ("/P", "/Table"...) of an element; None for anything else
        (an MCID, a marked-content or object reference)."""
        if type(item) is int:
            return None
        try:
            number = item.objgen
        except AttributeError:  # pragma: no cover - nothing else is a kid
            return None
        if number == (0, 0):
            return None  # only references are direct objects here
        kind = self._kinds.get(number, _UNREAD)
        if kind is _UNREAD:
            kind = self._kinds[number] = str(item.S) if is_element(item) else None
        return kind

    def is_element(self, item: Kid) -> bool:
        return self.kind(item) is not None

    def kids(self, node: Any) -> list[Kid]:
        """A copy of ``node``'s kids, to change and give back with :meth:`set_kids`."""
        return list(self._kids(node))

    def _kids(self, node: Any) -> list[Kid]:
        number = node.objgen
        kids = self._kid_lists.get(number)
        if kids is None:
            kids = self._kid_lists[number] = kids_of(node)
        return kids

    def set_kind(self, node: Any, kind: str) -> None:
        node.S = Name(kind)
        self._kinds[node.objgen] = kind

    def set_kids(self, node: Any, kids: list[Kid]) -> None:
        node.K = Array(kids)
        self._kid_lists[node.objgen] = list(kids)

    # -- helpers ------------------------------------------------------------------------

    def key(self, node: Any) -> SourceKey | None:
        return self.sources.keys.get(node.objgen[0])

    def page_of(self, node: Any) -> int | None:
        number = node.objgen
        if number not in self._pages_of:
            page = node.get("/Pg")
            self._pages_of[number] = None if page is None else self.page_index.get(page.objgen)
        return self._pages_of[number]

    def portable(self, item: Kid, from_page: int | None, to_page: int | None) -> Kid:
        """``item`` as a kid of an element on ``to_page``: a bare MCID keeps its page."""
        if isinstance(item, int) and from_page is not None and from_page != to_page:
            return Dictionary(Type=Name.MCR, Pg=self.pages[from_page].obj, MCID=item)
        return item

    def marked(self, node: Any) -> Iterator[tuple[int, int]]:
        page = self.page_of(node)
        for kid in self._kids(node):
            if isinstance(kid, int) and page is not None:
                yield page, kid
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                yield self.page_index[kid.Pg.objgen], int(kid.MCID)
            elif self.is_element(kid):
                yield from self.marked(kid)

    # -- one element per HTML element ---------------------------------------------------

    def settle(self, node: Any) -> None:
        """Join the pieces of split elements below ``node``, depth first."""
        own_key = self.key(node)
        own_page = self.page_of(node)
        out: list[Kid] = []
        queue: deque[tuple[Kid, int | None]] = deque((kid, own_page) for kid in self.kids(node))
        while queue:
            item, page = queue.popleft()
            if not self.is_element(item):
                out.append(self.portable(item, page, own_page))
                continue
            assert isinstance(item, Dictionary)
            key = self.key(item)
            kind = self.kind(item)
            if (
                (key is not None and key == own_key)
                or (kind == "/Link" and self.kind(node) == "/Link")
                or (kind == "/NonStruct" and key is not None and key[:2] == (own_key or ())[:2])
            ):
                # A column or line box of this same element, an anonymous box inside it
                # (a list item's or a cell's text), or a link's pseudo-element: its kids
                # take its place.
                item_page = self.page_of(item)
                queue.extendleft(reversed([(kid, item_page) for kid in self.kids(item)]))
                continue
            if key is not None and kind in _REPEATED_GROUPS:
                first = next((k for k in out if self.is_element(k) and self.key(k) == key), None)
                if first is not None:
                    self.repeated(first, item)
                    continue
            previous = out[-1] if out and self.is_element(out[-1]) else None
            if previous is not None and key is not None and self.key(previous) == key:
                assert isinstance(previous, Dictionary)
                self.join(previous, item)
                continue
            if kind == "/NonStruct" and not self.kids(item):
                continue  # a drawn decoration (an empty positioned ::before) holds nothing
            item.P = node
            out.append(item)
        self.set_kids(node, out)
        for item in out:
            if self.is_element(item):
                self.settle(item)

    def join(self, first: Any, later: Any) -> None:
        """Move ``later``'s kids to the end of ``first`` (its earlier piece)."""
        first_page, later_page = self.page_of(first), self.page_of(later)
        kids = self.kids(first)
        for kid in self.kids(later):
            if self.is_element(kid):
                kid.P = first
            kids.append(self.portable(kid, later_page, first_page))
        self.set_kids(first, kids)

    def repeated(self, first: Any, repeat: Any) -> None:
        """A table header (or footer) group drawn again on a later page: page furniture."""
        for mark in self.marked(repeat):
            self.artifacts[mark] = (
                "Pagination",
                "Header" if self.kind(repeat) == "/THead" else "Footer",
            )
        originals = [e for e in self.walk(first) if "/ID" in e]
        copies = [e for e in self.walk(repeat) if "/ID" in e]
        for original, copy in zip(originals, copies, strict=False):
            self.renamed_ids[str(copy.ID)] = str(original.ID)

    def walk(self, node: Any) -> Iterator[Any]:
        """``node`` and every element below it, in reading order."""
        stack = [node]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(kid for kid in reversed(self._kids(element)) if self.kind(kid))
