"""Footnotes and lists as PDF/UA structure, where WeasyPrint tags them as boxes.

Steps of the tagging pass (:mod:`ketadoc.exporters.pdf.tagging`), each taking its
retagger (which reads and writes the tree) and the root element:

- a footnote (``float: footnote``) is tagged where it is printed, in the page's footnote
  area, far from its call; it becomes a ``Note`` with an ``/ID`` right after the call,
  which becomes a ``Reference``;
- a definition list is one ``LI`` per term, its ``Lbl`` the term and its ``LBody`` the
  definitions, rather than one list item per ``dt`` and per ``dd``;
- a list item holding blocks (several paragraphs, a nested list) keeps them in its
  ``LBody``, since a list item holds only ``Lbl`` and ``LBody``.
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, String

__all__ = ["definition_items", "item_bodies", "move_notes"]

_CALL = "::footnote-call"


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, Dictionary) and isinstance(b, Dictionary) and a.objgen == b.objgen


def move_notes(retagger: Any, root: Any) -> None:
    """Put each footnote, as a Note, right after its call."""
    footnotes: dict[int, str | None] = retagger.sources.footnotes
    if not footnotes:
        return
    parents: dict[tuple[int, int], Any] = {}
    calls: dict[int, Any] = {}
    bodies: list[Any] = []
    for element in retagger.walk(root):
        for kid in retagger.kids(element):
            if retagger.is_element(kid):
                parents[kid.objgen] = element
        key = retagger.key(element)
        if key is None or key[0] not in footnotes:
            continue
        if key[1].endswith(_CALL):
            calls[key[0]] = element
        elif "::" not in key[1]:
            bodies.append(element)
    last: dict[int, Any] = {}
    for body in bodies:
        number = retagger.key(body)[0]
        call = calls.get(number)
        if call is None:
            continue
        area = parents[body.objgen]
        retagger.set_kids(area, [k for k in retagger.kids(area) if not _same(k, body)])
        if not retagger.kids(area) and area.objgen in parents:
            holder = parents[area.objgen]
            retagger.set_kids(holder, [k for k in retagger.kids(holder) if not _same(k, area)])
        after = last.get(number, call)
        host = parents[call.objgen]
        kids = retagger.kids(host)
        index = next(i for i, k in enumerate(kids) if _same(k, after))
        kids.insert(index + 1, body)
        retagger.set_kids(host, kids)
        body.P = host
        parents[body.objgen] = host
        if number not in last:
            body.ID = String(footnotes[number] or f"note-{number}")
            retagger.set_kind(call, "/Reference")
        retagger.set_kind(body, "/Note")
        last[number] = body


def definition_items(retagger: Any, root: Any) -> None:
    """One LI per term of a definition list: Lbl the term, LBody its definitions."""
    for element in list(retagger.walk(root)):
        key = retagger.key(element)
        if retagger.kind(element) != "/L" or key is None or key[1] != "dl":
            continue
        out: list[Any] = []
        item: Any = None
        body: Any = None
        for kid in retagger.kids(element):
            kid_key = retagger.key(kid) if retagger.is_element(kid) else None
            tag = kid_key[1] if kid_key is not None else None
            if retagger.kind(kid) == "/LI" and tag == "dt":
                for part in retagger.kids(kid):
                    if retagger.kind(part) == "/LBody":
                        retagger.set_kind(part, "/Lbl")
                item, body = kid, None
                out.append(kid)
            elif retagger.kind(kid) == "/LI" and tag == "dd" and item is not None:
                for part in retagger.kids(kid):
                    if retagger.kind(part) != "/LBody":
                        continue
                    if body is None:
                        body = part
                        part.P = item
                        retagger.set_kids(item, [*retagger.kids(item), part])
                    else:
                        retagger.join(body, part)
            else:
                item = body = None
                out.append(kid)
        retagger.set_kids(element, out)


def item_bodies(retagger: Any, root: Any) -> None:
    """Whatever a list item holds besides its label goes in its LBody, a nested list
    that WeasyPrint tags beside its item (in the outer L) included."""
    for element in list(retagger.walk(root)):
        if retagger.kind(element) == "/L":
            _nest_lists(retagger, element)
    for item in list(retagger.walk(root)):
        if retagger.kind(item) != "/LI":
            continue
        kids = retagger.kids(item)
        bodies = [k for k in kids if retagger.is_element(k) and retagger.kind(k) == "/LBody"]
        if len(bodies) > 1:  # an item whose paragraphs a page break parts: one LBody
            for later in bodies[1:]:
                retagger.join(bodies[0], later)
            kids = [k for k in kids if not any(_same(k, later) for later in bodies[1:])]
            retagger.set_kids(item, kids)
        if all(retagger.kind(k) in ("/Lbl", "/LBody") for k in kids):
            continue
        out: list[Any] = []
        loose: list[Any] = []
        for kid in [*kids, None]:
            if kid is not None and retagger.kind(kid) not in ("/Lbl", "/LBody"):
                loose.append(kid)
                continue
            if loose and out and retagger.kind(out[-1]) == "/LBody":
                # what follows the item's body (its next paragraph, a nested list) joins it
                body, here, there = out[-1], retagger.page_of(item), retagger.page_of(out[-1])
                moved = [retagger.portable(part, here, there) for part in loose]
                retagger.set_kids(body, [*retagger.kids(body), *moved])
                for part in moved:
                    if retagger.is_element(part):
                        part.P = body
                loose = []
            elif loose:
                out.append(_body(retagger, item, loose))
                loose = []
            if kid is not None:
                out.append(kid)
        retagger.set_kids(item, out)


def _nest_lists(retagger: Any, element: Any) -> None:
    """Move each L that follows an LI among the kids of ``element`` into that LI."""
    out: list[Any] = []
    for kid in retagger.kids(element):
        item = out[-1] if out and retagger.is_element(out[-1]) else None
        if (
            item is not None
            and retagger.is_element(kid)
            and retagger.kind(kid) == "/L"
            and retagger.kind(item) == "/LI"
        ):
            parts = retagger.kids(item)
            body = parts[-1] if parts and retagger.is_element(parts[-1]) else None
            holder = body if body is not None and retagger.kind(body) == "/LBody" else item
            retagger.set_kids(holder, [*retagger.kids(holder), kid])
            kid.P = holder
            continue
        out.append(kid)
    retagger.set_kids(element, out)


def _body(retagger: Any, item: Any, kids: list[Any]) -> Any:
    body = retagger.pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.LBody, P=item, Pg=item.Pg, K=Array(kids))
    )
    for kid in kids:
        if retagger.is_element(kid):
            kid.P = body
    return body
