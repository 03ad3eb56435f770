"""Links, as PDF/UA-1 wants them (a step of the tagging pass): one ``Link`` element per
link owning each of its annotations, every annotation with the link's text as its
``/Contents`` rather than its target.
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, String

from ketadoc.exporters.pdf.tag_tree import Retagger

__all__ = ["links"]


def links(retagger: Retagger, elements: list[Any]) -> None:
    """One readable /Contents per link annotation; stray annotations join their link."""
    owned: set[tuple[int, int]] = set()
    link_elements = [e for e in elements if retagger.kind(e) == "/Link"]
    for link in link_elements:
        for kid in retagger.kids(link):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                owned.add(kid.Obj.objgen)
    # Links by target, with the pages they are on: built once, if a stray needs it.
    by_target: dict[str, list[tuple[Any, set[int]]]] | None = None
    for index, page in enumerate(retagger.pages):
        for annotation in page.obj.get("/Annots", Array()):
            if annotation.get("/Subtype") != Name.Link or annotation.objgen in owned:
                continue
            if by_target is None:
                by_target = {}
                for link in link_elements:
                    noted = retagger.sources.links.get(link.objgen[0])
                    if noted is not None:
                        pages = {page for page, _ in retagger.marked(link)}
                        by_target.setdefault(noted[0], []).append((link, pages))
            for link, pages in by_target.get(_target(annotation), []):
                if index in pages:
                    kids = retagger.kids(link)
                    kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj))
                    retagger.set_kids(link, kids)
                    owned.add(annotation.objgen)
                    break
    for link in link_elements:
        noted = retagger.sources.links.get(link.objgen[0])
        if noted is None or not noted[1]:
            continue
        for kid in retagger.kids(link):
            if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                kid.Obj.Contents = String(noted[1])


def _target(annotation: Any) -> str:
    if "/A" in annotation and "/URI" in annotation.A:
        return str(annotation.A.URI)
    if "/Dest" in annotation and isinstance(annotation.Dest, String):
        return "#" + str(annotation.Dest)
    return ""
