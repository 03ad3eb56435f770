"""Named styles applied by name, each name resolved to its style id once per document.

python-docx resolves a style name on every ``paragraph.style = name`` by scanning all
styles, then scanning them again for the default style: with a real reference document
that is most of the time spent writing a long article. :func:`style_id` asks python-docx
once per document, name and type, and remembers the answer for as long as the document
lives. ketadoc never adds or renames styles while writing; code that does should not
use these functions on that document afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE

if TYPE_CHECKING:
    from docx.opc.part import Part
    from docx.parts.document import DocumentPart
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

__all__ = ["add_paragraph", "add_run", "set_paragraph_style", "set_run_style", "style_id"]

_IDS: WeakKeyDictionary[DocumentPart, dict[tuple[str, WD_STYLE_TYPE], str | None]] = (
    WeakKeyDictionary()
)


def style_id(part: Part, name: str, kind: WD_STYLE_TYPE) -> str | None:
    """The id of style ``name`` of type ``kind`` in the document ``part`` belongs to;
    ``None`` for the default style of that type, which Word leaves unnamed.

    Raises KeyError when the document defines no such style.
    """
    document_part = cast("DocumentPart", part.package.main_document_part)
    known = _IDS.setdefault(document_part, {})
    key = (name, kind)
    if key not in known:
        known[key] = document_part.get_style_id(name, kind)  # type: ignore[no-untyped-call]
    return known[key]


def set_paragraph_style(paragraph: Paragraph, name: str | None) -> None:
    """Give ``paragraph`` the paragraph style ``name`` (``None``: the default style)."""
    paragraph._p.style = (
        None if name is None else style_id(paragraph.part, name, WD_STYLE_TYPE.PARAGRAPH)
    )


def set_run_style(run: Run, name: str | None) -> None:
    """Give ``run`` the character style ``name`` (``None``: the default style)."""
    run._r.style = None if name is None else style_id(run.part, name, WD_STYLE_TYPE.CHARACTER)


def add_paragraph(container: object, text: str = "", style: str | None = None) -> Paragraph:
    """Append a paragraph in style ``style`` holding ``text`` to ``container`` (a
    document, cell, header or footer)."""
    paragraph: Paragraph = container.add_paragraph(text)  # type: ignore[attr-defined]
    if style is not None:
        set_paragraph_style(paragraph, style)
    return paragraph


def add_run(paragraph: Paragraph, text: str = "", style: str | None = None) -> Run:
    """Append a run in character style ``style`` holding ``text`` to ``paragraph``."""
    run = paragraph.add_run(text)
    if style is not None:
        set_run_style(run, style)
    return run
