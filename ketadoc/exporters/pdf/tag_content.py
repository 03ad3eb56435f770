"""The marked content of the pages and what points at it (steps of the tagging pass).

- a piece of text whose glyphs do not say what it reads (a line's last word without the
  space the line dropped, a word hyphenated at the line end, an undrawn space between
  two inline elements) gets ``/ActualText``;
- the marked content of page furniture (running header and footer, repeated table
  headers) becomes ``/Artifact`` in the page's content stream;
- the parent tree (MCID and annotation -> structure element) is rebuilt from the final
  tree.
"""

from __future__ import annotations

import re
from typing import Any

from pikepdf import Array, Dictionary, Name, String

from ketadoc.exporters.pdf.tag_tree import Artifact, Retagger

__all__ = ["artifact_streams", "parent_tree", "spoken_text"]

_MARKED = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")


def spoken_text(retagger: Retagger, root: Any) -> None:
    """Text whose glyphs do not say what it reads gets ``/ActualText``: a line's last piece
    with the space the line dropped or without the hyphen WeasyPrint added, an undrawn
    space between two inline elements."""
    if not retagger.sources.spoken:
        return
    for element in list(retagger.walk(root)):
        page = retagger.page_of(element)
        kids = retagger.kids(element)
        changed = False
        for i, kid in enumerate(kids):
            if isinstance(kid, int) and page is not None:
                mark, kid_page = (page, kid), page
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                kid_page = retagger.page_index[kid.Pg.objgen]
                mark = (kid_page, int(kid.MCID))
            else:
                continue
            spoken = retagger.sources.spoken.get(mark)
            if spoken is None or mark in retagger.artifacts:
                continue
            if retagger.kind(element) == "/Span" and len(kids) == 1:
                element.ActualText = String(spoken)
                continue
            kids[i] = retagger.pdf.make_indirect(
                Dictionary(
                    Type=Name.StructElem,
                    S=Name.Span,
                    P=element,
                    Pg=retagger.pages[kid_page].obj,
                    K=mark[1],
                    ActualText=String(spoken),
                )
            )
            changed = True
        if changed:
            retagger.set_kids(element, kids)


def parent_tree(retagger: Retagger, tree: Any, roots: list[Any]) -> None:
    """Rebuild the MCID and annotation -> element map from the final tree."""
    owners: dict[int, dict[int, Any]] = {}
    annotations: dict[int, Any] = {}
    for element in (e for root in roots for e in retagger.walk(root)):
        page = retagger.page_of(element)
        for kid in retagger.kids(element):
            if isinstance(kid, int) and page is not None:
                owners.setdefault(page, {})[kid] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                owners.setdefault(retagger.page_index[kid.Pg.objgen], {})[int(kid.MCID)] = element
            elif (
                isinstance(kid, Dictionary)
                and kid.get("/Type") == Name.OBJR
                and "/StructParent" in kid.Obj
            ):
                annotations[int(kid.Obj.StructParent)] = element
    entries: dict[int, object] = {}
    for index, pdf_page in enumerate(retagger.pages):
        if "/StructParents" not in pdf_page.obj:
            continue
        mapping = owners.get(index, {})
        size = max(mapping, default=-1) + 1
        entries[int(pdf_page.obj.StructParents)] = Array([mapping.get(i) for i in range(size)])
    entries.update(annotations)
    nums: list[object] = []
    for number in sorted(entries):
        nums.extend((number, entries[number]))
    tree.ParentTree = retagger.pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = max(entries, default=-1) + 1


def artifact_streams(retagger: Retagger) -> None:
    """Turn the marked content of page furniture into artifacts in the page streams."""
    for (page, mcid), at in retagger.sources.furniture.items():
        retagger.artifacts.setdefault((page, mcid), ("Pagination", _subtype(at)))
    by_page: dict[int, dict[int, Artifact]] = {}
    for (page, mcid), kind in retagger.artifacts.items():
        by_page.setdefault(page, {})[mcid] = kind
    for page, marks in sorted(by_page.items()):
        contents = retagger.pages[page].obj.Contents
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
