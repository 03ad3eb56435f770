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

__all__ = ["artifact_streams", "marked_content"]

_MARKED = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")


def marked_content(retagger: Retagger, tree: Any, elements: list[Any]) -> None:
    """Give text whose glyphs do not say what it reads its ``/ActualText``, then rebuild
    the parent tree (MCID and annotation -> element) from the final tree, in one pass.

    ``/ActualText`` goes on a line's last piece (with the space the line dropped or
    without the hyphen WeasyPrint added) and on an undrawn space between two inline
    elements; ``elements`` is every element of the final tree.
    """
    spoken = retagger.sources.spoken
    page_index = retagger.page_index
    owners: dict[int, dict[int, Any]] = {}
    annotations: dict[int, Any] = {}
    for element in elements:
        page = retagger.page_of(element)
        kids = retagger.kids(element)
        changed = False
        for i, kid in enumerate(kids):
            if type(kid) is int:
                if page is None:
                    continue
                kid_page, mcid = page, kid
            elif retagger.kind(kid) is not None:
                continue
            else:
                reference = kid.get("/Type")
                if reference == Name.OBJR:
                    if "/StructParent" in kid.Obj:
                        annotations[int(kid.Obj.StructParent)] = element
                    continue
                if reference != Name.MCR:
                    continue
                kid_page, mcid = page_index[kid.Pg.objgen], int(kid.MCID)
            owner = element
            text = spoken.get((kid_page, mcid)) if spoken else None
            if text is not None and (kid_page, mcid) not in retagger.artifacts:
                if len(kids) == 1 and retagger.kind(element) == "/Span":
                    element.ActualText = String(text)
                else:
                    owner = kids[i] = retagger.pdf.make_indirect(
                        Dictionary(
                            Type=Name.StructElem,
                            S=Name.Span,
                            P=element,
                            Pg=retagger.pages[kid_page].obj,
                            K=mcid,
                            ActualText=String(text),
                        )
                    )
                    changed = True
            owners.setdefault(kid_page, {})[mcid] = owner
        if changed:
            retagger.set_kids(element, kids)
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
