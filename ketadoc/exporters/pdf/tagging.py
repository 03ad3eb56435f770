"""The tagging pass: mend the structure tree WeasyPrint wrote, so screen readers can use it.

WeasyPrint tags one page, one column and one printed line at a time, and leaves the text
of ``@page`` margin boxes (the running footer) as marked content that no element owns
(WeasyPrint issues 1836, 2902, 2903). Guided by the notes of
:mod:`ketadoc.exporters.pdf.tag_sources`, this pass rewrites the PDF with pikepdf:

- the pieces of one HTML element (a section, paragraph, list or table that crosses a page
  or column, a link that wraps) become one structure element again;
- a table header row repeated on the next page, and the running header and footer,
  become ``/Artifact`` with ``/Type /Pagination`` and a ``/Subtype``;
- every ``TH`` gets a ``/Scope``; ``StructTreeRoot`` gets the ``/IDTree`` its cell IDs
  require, and the parent tree is rebuilt from the final tree;
- a link annotation's ``/Contents`` is the link's text, not its target;
- the last piece of each printed line reads with its space (or without the hyphen that
  split a word), through ``/ActualText``;
- footnotes and list items follow the PDF/UA structure (:mod:`.tag_blocks`).

The pass is deterministic: the same PDF and notes give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ketadoc.exporters.pdf.tag_blocks import definition_items, item_bodies, move_notes
from ketadoc.exporters.pdf.tag_sources import SourceKey, TagSources

__all__ = ["retag"]

_MARKED = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")
_REPEATED_GROUPS = ("/THead", "/TFoot")

# pikepdf objects: a structure element, an MCID, a marked-content or object reference.
Kid = Any
Artifact = tuple[str, str | None]


def _kids(node: Any) -> list[Kid]:
    kids = node.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def _is_element(item: Kid) -> bool:
    return (
        isinstance(item, Dictionary)
        and item.get("/Type", Name.StructElem) == Name.StructElem
        and "/S" in item
    )


class _Retagger:
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
        if isinstance(item, int) or not isinstance(item, Dictionary):
            return None
        number = item.objgen
        if number == (0, 0):
            return None  # only references are direct objects here
        if number not in self._kinds:
            self._kinds[number] = str(item.S) if _is_element(item) else None
        return self._kinds[number]

    def is_element(self, item: Kid) -> bool:
        return self.kind(item) is not None

    def kids(self, node: Any) -> list[Kid]:
        number = node.objgen
        if number not in self._kid_lists:
            self._kid_lists[number] = _kids(node)
        return list(self._kid_lists[number])

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
        for kid in self.kids(node):
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
        yield node
        for kid in self.kids(node):
            if self.is_element(kid):
                yield from self.walk(kid)

    # -- attributes ---------------------------------------------------------------------

    def cells(self, root: Any) -> None:
        """Scope on every TH; Headers that name a repeated header point at the original."""
        for element in self.walk(root):
            if self.kind(element) not in ("/TH", "/TD"):
                continue
            attributes = element.get("/A")
            if not isinstance(attributes, Dictionary):
                attributes = Dictionary(O=Name.Table)
                element.A = attributes
            if self.kind(element) == "/TH":
                scope = self.sources.scopes.get(element.objgen[0], "Both")
                attributes.Scope = Name("/" + scope)
            headers = attributes.get("/Headers")
            if headers is not None and self.renamed_ids:
                attributes.Headers = Array(
                    [String(self.renamed_ids.get(str(h), str(h))) for h in headers]
                )

    def id_tree(self, tree: Any, roots: list[Any]) -> None:
        named = sorted(
            (
                (bytes(element.ID), element)
                for root in roots
                for element in self.walk(root)
                if "/ID" in element
            ),
            key=lambda pair: pair[0],
        )
        if not named:
            return
        names: list[object] = []
        for raw, element in named:
            names.extend((String(raw), element))
        tree.IDTree = self.pdf.make_indirect(Dictionary(Names=Array(names)))

    def links(self, root: Any) -> None:
        """One readable /Contents per link annotation; stray annotations join their link."""
        owned: set[tuple[int, int]] = set()
        link_elements = [e for e in self.walk(root) if self.kind(e) == "/Link"]
        for link in link_elements:
            for kid in self.kids(link):
                if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                    owned.add(kid.Obj.objgen)
        # Links by target, with the pages they are on: built once, if a stray needs it.
        by_target: dict[str, list[tuple[Any, set[int]]]] | None = None
        for index, page in enumerate(self.pages):
            for annotation in page.obj.get("/Annots", Array()):
                if annotation.get("/Subtype") != Name.Link or annotation.objgen in owned:
                    continue
                if by_target is None:
                    by_target = {}
                    for link in link_elements:
                        noted = self.sources.links.get(link.objgen[0])
                        if noted is not None:
                            pages = {page for page, _ in self.marked(link)}
                            by_target.setdefault(noted[0], []).append((link, pages))
                for link, pages in by_target.get(_target(annotation), []):
                    if index in pages:
                        kids = self.kids(link)
                        kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
                        self.set_kids(link, kids)
                        owned.add(annotation.objgen)
                        break
        for link in link_elements:
            noted = self.sources.links.get(link.objgen[0])
            if noted is None or not noted[1]:
                continue
            for kid in self.kids(link):
                if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                    kid.Obj.Contents = String(noted[1])

    def line_ends(self, root: Any) -> None:
        """A line's last piece reads with the space the printed line dropped."""
        if not self.sources.spoken:
            return
        for element in list(self.walk(root)):
            page = self.page_of(element)
            kids = self.kids(element)
            changed = False
            for i, kid in enumerate(kids):
                if isinstance(kid, int) and page is not None:
                    mark, kid_page = (page, kid), page
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    kid_page = self.page_index[kid.Pg.objgen]
                    mark = (kid_page, int(kid.MCID))
                else:
                    continue
                spoken = self.sources.spoken.get(mark)
                if spoken is None or mark in self.artifacts:
                    continue
                if self.kind(element) == "/Span" and len(kids) == 1:
                    element.ActualText = String(spoken)
                    continue
                kids[i] = self.pdf.make_indirect(
                    Dictionary(
                        Type=Name.StructElem,
                        S=Name.Span,
                        P=element,
                        Pg=self.pages[kid_page].obj,
                        K=mark[1],
                        ActualText=String(spoken),
                    )
                )
                changed = True
            if changed:
                self.set_kids(element, kids)

    # -- what points at the tree --------------------------------------------------------

    def parent_tree(self, tree: Any, roots: list[Any]) -> None:
        """Rebuild the MCID and annotation -> element map from the final tree."""
        owners: dict[int, dict[int, Any]] = {}
        annotations: dict[int, Any] = {}
        for element in (e for root in roots for e in self.walk(root)):
            page = self.page_of(element)
            for kid in self.kids(element):
                if isinstance(kid, int) and page is not None:
                    owners.setdefault(page, {})[kid] = element
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    owners.setdefault(self.page_index[kid.Pg.objgen], {})[int(kid.MCID)] = element
                elif (
                    isinstance(kid, Dictionary)
                    and kid.get("/Type") == Name.OBJR
                    and "/StructParent" in kid.Obj
                ):
                    annotations[int(kid.Obj.StructParent)] = element
        entries: dict[int, object] = {}
        for index, pdf_page in enumerate(self.pages):
            if "/StructParents" not in pdf_page.obj:
                continue
            mapping = owners.get(index, {})
            size = max(mapping, default=-1) + 1
            entries[int(pdf_page.obj.StructParents)] = Array([mapping.get(i) for i in range(size)])
        entries.update(annotations)
        nums: list[object] = []
        for number in sorted(entries):
            nums.extend((number, entries[number]))
        tree.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = max(entries, default=-1) + 1

    def artifact_streams(self) -> None:
        """Turn the marked content of page furniture into artifacts in the page streams."""
        for (page, mcid), at in self.sources.furniture.items():
            self.artifacts.setdefault((page, mcid), ("Pagination", _subtype(at)))
        by_page: dict[int, dict[int, Artifact]] = {}
        for (page, mcid), kind in self.artifacts.items():
            by_page.setdefault(page, {})[mcid] = kind
        for page, marks in sorted(by_page.items()):
            contents = self.pages[page].obj.Contents
            streams = list(contents) if isinstance(contents, Array) else [contents]
            for stream in streams:
                data = stream.read_bytes()

                def artifact(match: re.Match[bytes], marks: dict[int, Artifact] = marks) -> bytes:
                    kind = marks.get(int(match.group(2)))
                    if kind is None:
                        return match.group(0)
                    subtype = f" /Subtype /{kind[1]}" if kind[1] else ""
                    return f"/Artifact\n<</Type /{kind[0]}{subtype}>>\nBDC".encode("ascii")

                changed = _MARKED.sub(artifact, data)
                if changed != data:
                    stream.write(changed)


def _subtype(at_keyword: str) -> str | None:
    if at_keyword.startswith("@top"):
        return "Header"
    if at_keyword.startswith("@bottom"):
        return "Footer"
    return None


def _target(annotation: Any) -> str:
    if "/A" in annotation and "/URI" in annotation.A:
        return str(annotation.A.URI)
    if "/Dest" in annotation and isinstance(annotation.Dest, String):
        return "#" + str(annotation.Dest)
    return ""


def retag(data: bytes, sources: TagSources) -> bytes:
    """``data`` (a tagged PDF from WeasyPrint) with its structure tree mended."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        for number, kind in sources.inline.items():
            pdf.get_object(number, 0).S = Name("/" + kind)
        retagger = _Retagger(pdf, sources)
        roots = [kid for kid in _kids(tree) if _is_element(kid)]
        for root in roots:
            move_notes(retagger, root)
            retagger.settle(root)
            definition_items(retagger, root)
            item_bodies(retagger, root)
            retagger.cells(root)
            retagger.links(root)
            retagger.line_ends(root)
        retagger.parent_tree(tree, roots)
        retagger.id_tree(tree, roots)
        retagger.artifact_streams()
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()
