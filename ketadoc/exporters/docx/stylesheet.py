"""Named styles applied by name, each name resolved to its style id from a table read
once per document.

python-docx resolves a style name on every ``paragraph.style = name`` by scanning all
styles, then scanning them again for the default style: with a real reference document
that is most of the time spent writing a long article. :func:`style_id` reads the
styles once per document and gives python-docx's answer from that table for as long as
the document lives. ketadoc never adds or renames styles while writing; code that does
should not use these functions on that document afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE
from docx.styles import BabelFish

if TYPE_CHECKING:
    from docx.opc.part import Part
    from docx.parts.document import DocumentPart
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

__all__ = ["add_paragraph", "add_run", "set_paragraph_style", "set_run_style", "style_id"]


@dataclass(frozen=True, slots=True)
class _StyleTable:
    """The styles of one document by internal name ("heading 1"), read in one pass."""

    by_name: dict[str, tuple[WD_STYLE_TYPE, str | None, object]]
    defaults: dict[WD_STYLE_TYPE, object]

    @classmethod
    def of(cls, document_part: DocumentPart) -> _StyleTable:
        by_name: dict[str, tuple[WD_STYLE_TYPE, str | None, object]] = {}
        defaults: dict[WD_STYLE_TYPE, object] = {}
        for style in document_part.styles.element.style_lst:
            kind = style.type or WD_STYLE_TYPE.PARAGRAPH
            if style.name_val is not None:
                # The first style of a name wins, as in python-docx's lookup by name.
                by_name.setdefault(style.name_val, (kind, style.styleId, style))
            if style.default:
                defaults[kind] = style  # the last default of a type wins, as in python-docx
        return cls(by_name, defaults)


_TABLES: WeakKeyDictionary[DocumentPart, _StyleTable] = WeakKeyDictionary()


def style_id(part: Part, name: str, kind: WD_STYLE_TYPE) -> str | None:
    """The id of style ``name`` (as Word's interface names it: "Heading 1") of type
    ``kind`` in the document ``part`` belongs to; ``None`` for the default style of that
    type, which Word leaves unnamed. The same answer python-docx gives.

    Raises KeyError when the document defines no such style and ValueError when the
    style is of another type.
    """
    document_part = cast("DocumentPart", part.package.main_document_part)
    table = _TABLES.get(document_part)
    if table is None:
        table = _TABLES[document_part] = _StyleTable.of(document_part)
    try:
        found_kind, found_id, element = table.by_name[BabelFish.ui2internal(name)]
    except KeyError:
        raise KeyError(f"no style with name '{name}'") from None
    if found_kind != kind:
        raise ValueError(f"style '{name}' is type {found_kind}, need type {kind}")
    return None if table.defaults.get(kind) is element else found_id


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
