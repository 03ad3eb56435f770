"""Table cells and the IDs they name, as PDF/UA-1 wants them (steps of the tagging pass).

WeasyPrint gives header cells an ``/ID`` and data cells ``/Headers`` naming them, but no
``/Scope`` on a ``TH`` and no ``/IDTree`` on the structure tree root (ISO 32000-1
Table 322 requires it once any element has an ID).
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, String

from ketadoc.exporters.pdf.tag_tree import Retagger

__all__ = ["cells", "id_tree"]


def cells(retagger: Retagger, elements: list[Any]) -> None:
    """Scope on every TH; Headers that name a repeated header point at the original."""
    for element in elements:
        if retagger.kind(element) not in ("/TH", "/TD"):
            continue
        attributes = element.get("/A")
        if not isinstance(attributes, Dictionary):
            attributes = Dictionary(O=Name.Table)
            element.A = attributes
        if retagger.kind(element) == "/TH":
            scope = retagger.sources.scopes.get(element.objgen[0], "Both")
            attributes.Scope = Name("/" + scope)
        headers = attributes.get("/Headers")
        if headers is not None and retagger.renamed_ids:
            attributes.Headers = Array(
                [String(retagger.renamed_ids.get(str(h), str(h))) for h in headers]
            )


def id_tree(retagger: Retagger, tree: Any, elements: list[Any]) -> None:
    """The ``/IDTree`` of every element of the final tree that has an ``/ID``."""
    named = sorted(
        ((bytes(element.ID), element) for element in elements if "/ID" in element),
        key=lambda pair: pair[0],
    )
    if not named:
        return
    names: list[object] = []
    for raw, element in named:
        names.extend((String(raw), element))
    tree.IDTree = retagger.pdf.make_indirect(Dictionary(Names=Array(names)))
