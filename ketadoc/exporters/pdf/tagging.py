"""The tagging pass: mend the structure tree WeasyPrint wrote, so screen readers can use it.

WeasyPrint tags one page, one column and one printed line at a time, leaves inline
elements (strong, em, sub, sup...) as ``/NonStruct``, and leaves the text of ``@page``
margin boxes (the running footer) as marked content that no element owns (WeasyPrint
issues 1836, 2902, 2903). Guided by the notes of
:mod:`ketadoc.exporters.pdf.tag_sources`, this pass rewrites the PDF with pikepdf, one
step per module:

- :mod:`.tag_tree`: the pieces of one HTML element (a section, paragraph, list or table
  that crosses a page or column, a link that wraps) become one structure element again,
  and a table header row repeated on the next page becomes page furniture;
- :mod:`.tag_blocks`: footnotes and list items follow the PDF/UA structure;
- :mod:`.tag_tables`: every ``TH`` gets a ``/Scope``; ``StructTreeRoot`` gets the
  ``/IDTree`` its cell IDs require;
- :mod:`.tag_links`: a link annotation's ``/Contents`` is the link's text, not its target;
- :mod:`.tag_content`: text reads with the spaces and without the hyphens the printed
  lines add or drop (``/ActualText``), page furniture is ``/Artifact`` with
  ``/Type /Pagination`` and a ``/Subtype``, and the parent tree is rebuilt from the
  final tree.

Inline elements become ``/Span`` (``/Code``, ``/Quote``) here, before any step reads the
tree. The pass is deterministic: the same PDF and notes give the same bytes.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
from pikepdf import Name

from ketadoc.exporters.pdf.tag_blocks import definition_items, item_bodies, move_notes
from ketadoc.exporters.pdf.tag_content import artifact_streams, marked_content
from ketadoc.exporters.pdf.tag_links import links
from ketadoc.exporters.pdf.tag_sources import TagSources
from ketadoc.exporters.pdf.tag_tables import cells, id_tree
from ketadoc.exporters.pdf.tag_tree import Retagger, is_element, kids_of

__all__ = ["retag"]


@contextmanager
def _without_cyclic_collection() -> Iterator[None]:
    """The pass makes a few hundred thousand short-lived pikepdf objects while the
    rendered document (millions of objects) is still alive; every full garbage
    collection they would trigger walks that whole document again (a third of the pass
    on a long article). So the cyclic collector waits until the pass is done; reference
    counting still frees what the pass drops. (Freezing the live objects instead, with
    ``gc.freeze``, kept each render's cyclic garbage from ever being collected: a
    worker grew by megabytes per PDF.)"""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def retag(data: bytes, sources: TagSources) -> bytes:
    """``data`` (a tagged PDF from WeasyPrint) with its structure tree mended."""
    with _without_cyclic_collection(), pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        for number, kind in sources.inline.items():
            pdf.get_object(number, 0).S = Name("/" + kind)
        retagger = Retagger(pdf, sources)
        roots = [kid for kid in kids_of(tree) if is_element(kid)]
        for root in roots:
            move_notes(retagger, root)
            retagger.settle(root)
            definition_items(retagger, root)
            item_bodies(retagger, root)
        # The shape is final: the remaining steps read its elements, once.
        elements = [element for root in roots for element in retagger.walk(root)]
        cells(retagger, elements)
        links(retagger, elements)
        marked_content(retagger, tree, elements)
        id_tree(retagger, tree, elements)
        artifact_streams(retagger)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()
