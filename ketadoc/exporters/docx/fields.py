"""Fields: page numbers, the table of contents, and whether Word updates them on open.

python-docx 1.2 has no API for fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketadoc.exporters.docx.oxml.text import (
    insert_after_properties,
    new_field_char_run,
    new_instruction_run,
)
from ketadoc.exporters.docx.stylesheet import add_run

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

__all__ = [
    "add_field",
    "add_table_of_contents",
    "add_table_of_contents_around",
    "set_update_fields_on_open",
    "table_of_contents_instruction",
]


def add_field(
    paragraph: Paragraph, instruction: str, placeholder: str = "", *, dirty: bool = False
) -> Run:
    """Append a complex field (``PAGE``, ``NUMPAGES``, ``TOC ...``) to ``paragraph``.

    ``placeholder`` is the result shown until the field is updated; it is returned as a
    run so it can be formatted. ``dirty`` asks Word to update the field when the document
    opens. Raises ValueError for an empty instruction.
    """
    if not instruction.strip():
        raise ValueError("a field needs an instruction such as PAGE")
    p = paragraph._p
    p.append(new_field_char_run("begin", dirty=dirty))
    p.append(new_instruction_run(instruction.strip()))
    p.append(new_field_char_run("separate"))
    result = add_run(paragraph, placeholder)
    p.append(new_field_char_run("end"))
    return result


def table_of_contents_instruction(levels: tuple[int, int] = (1, 3)) -> str:
    """The TOC field instruction for heading levels ``levels``, with entries that are
    links (``\\h``), no page numbers in web view (``\\z``) and outline levels used
    (``\\u``). Raises ValueError unless 1 <= first <= last <= 9."""
    first, last = levels
    if not 1 <= first <= last <= 9:
        raise ValueError(f"TOC levels must satisfy 1 <= first <= last <= 9, got {levels}")
    return f'TOC \\o "{first}-{last}" \\h \\z \\u'


def add_table_of_contents(
    paragraph: Paragraph, placeholder: str, *, levels: tuple[int, int] = (1, 3)
) -> Run:
    """Append a TOC field marked dirty, so Word fills it in when the document opens.

    Word only fills it in if fields are updated on open, which
    :func:`set_update_fields_on_open` asks for; until then ``placeholder`` shows.
    """
    return add_field(paragraph, table_of_contents_instruction(levels), placeholder, dirty=True)


def add_table_of_contents_around(
    first: Paragraph,
    last: Paragraph,
    *,
    levels: tuple[int, int] = (1, 3),
    dirty: bool = True,
) -> None:
    """Make the paragraphs from ``first`` to ``last`` (siblings, in order) the result of a
    TOC field, marked ``dirty`` (to be rebuilt when Word opens the file) or not.

    Word shows them until the field is updated, then replaces them with a table of
    contents it builds from the headings; LibreOffice, which does not update the field
    on opening, shows them as they are. So the paragraphs should be a usable contents
    list of their own (links to the headings' bookmarks, page numbers as ``PAGEREF``
    fields), and the reader of either program sees one contents list, never two.
    Raises ValueError when ``last`` does not follow or equal ``first``.
    """
    if first._p is not last._p and first._p not in last._p.itersiblings(preceding=True):
        raise ValueError("the last paragraph of a table of contents must follow the first")
    instruction = table_of_contents_instruction(levels)
    insert_after_properties(
        first._p,
        [
            new_field_char_run("begin", dirty=dirty),
            new_instruction_run(instruction),
            new_field_char_run("separate"),
        ],
    )
    last._p.append(new_field_char_run("end"))


def set_update_fields_on_open(document: Document) -> None:
    """Make Word offer to update every field (the TOC, page numbers) when it opens the file."""
    document.settings.element.update_fields_on_open()
