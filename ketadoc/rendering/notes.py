"""How a footnote's call reads, told apart from a citation's in every format.

Citations print as superscript numbers (``diabetes¹``) pointing to the reference list; a
footnote printed the same way would read as one more reference. So a footnote is called
and marked by a lowercase letter (``months^a``): a, b … z, then aa, ab …, the
``lower-alpha`` counter style of CSS. :data:`NOTE_MARKS` holds that rule once, in the
vocabulary of each format: the letter itself for the page, the PDF and the JSON-LD
answer; the HTML list type; the Word footnote number format.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import ascii_lowercase
from typing import Final

__all__ = ["NOTE_MARKS", "NoteMarkStyle", "note_mark"]


def note_mark(number: int) -> str:
    """The letter of note ``number`` (1 -> ``a``, 26 -> ``z``, 27 -> ``aa``), as CSS's
    ``lower-alpha`` writes it. Raises ValueError when ``number`` is below 1."""
    if number < 1:
        raise ValueError(f"a note is numbered from 1, not {number}")
    letters = []
    while number:
        number, digit = divmod(number - 1, 26)
        letters.append(ascii_lowercase[digit])
    return "".join(reversed(letters))


@dataclass(frozen=True, slots=True)
class NoteMarkStyle:
    """The footnote mark style, named as each format names it."""

    html_list_type: str
    """The ``type`` of the ``<ol>`` listing a web page's notes."""
    word_number_format: str
    """``w:numFmt`` of Word's footnote numbering (``w:footnotePr``)."""
    plain_format: str
    """A call in plain text (a JSON-LD ``Answer.text``): ``{mark}`` is the letter."""

    def mark(self, number: int) -> str:
        """The letter of note ``number``: see :func:`note_mark`."""
        return note_mark(number)

    def plain(self, number: int) -> str:
        """Note ``number``'s call where no superscript exists: ``[a]``, as an
        encyclopedia marks its notes beside its ``[1]`` references."""
        return self.plain_format.format(mark=note_mark(number))


NOTE_MARKS: Final = NoteMarkStyle(
    html_list_type="a", word_number_format="lowerLetter", plain_format="[{mark}]"
)
"""Footnotes are lettered a, b, c …; citations keep their numbers."""
