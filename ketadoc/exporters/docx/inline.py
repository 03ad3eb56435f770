"""Inline text and the paragraphs that hold it: runs, links, citations, footnotes.

:class:`InlineWriter` writes the model's inline nodes as runs of python-docx paragraphs
in the reference document's named styles; links, bookmarks and footnotes come from the
exporter's API modules (:mod:`.links`, :mod:`.footnotes`). :class:`~.blocks.BlockWriter`
builds on it for body blocks. No XML is written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from docx.shared import RGBColor

from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.footnotes import add_footnote, number_footnotes
from ketadoc.exporters.docx.links import Bookmarks, add_hyperlink, add_internal_link
from ketadoc.exporters.docx.stylesheet import add_paragraph, add_run
from ketadoc.model.inline import (
    Cite,
    Code,
    Emphasis,
    FootnoteRef,
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from ketadoc.rendering.notes import NOTE_MARKS
from ketadoc.rendering.references import ReferencePiece
from ketadoc.rendering.theme import Tone

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    from ketadoc.exporters.docx import DocxOptions
    from ketadoc.rendering.context import ArticleContext

__all__ = ["InlineWriter", "reference_anchor"]


def reference_anchor(number: int) -> str:
    """The anchor of reference ``number`` in the reference list."""
    return f"ref-{number}"


class InlineWriter:
    """Writes headings, paragraphs and inline text into a document opened from the
    reference document, or into the table cell ``container`` names."""

    def __init__(self, document: Document, doc: ArticleContext, options: DocxOptions) -> None:
        self.document = document
        self.doc = doc
        self.article = doc.article
        self.labels = doc.labels
        self.footnotes = options.citation_style == "footnotes"
        self.notes_written = 0
        self.bookmarks = Bookmarks()
        self.container: Document | _Cell = document

    def _paragraph(self, style: str, text: str = "") -> DocxParagraph:
        return add_paragraph(self.container, text, style)

    def _heading(self, text: str, depth: int, anchor: str | None = None) -> DocxParagraph:
        paragraph = self._paragraph(names.HEADINGS[depth - 1], text)
        if anchor is not None:
            self.bookmarks.add(paragraph, anchor)
        return paragraph

    def _box_heading(self, text: str, tone: Tone | None = None) -> DocxParagraph:
        """A box or card title: a heading to readers, kept out of the contents."""
        paragraph = self._paragraph(names.BOX_HEADING)
        run = paragraph.add_run(text)
        if tone is not None:
            run.font.color.rgb = RGBColor.from_string(tone.color_hex)
        return paragraph

    def _text(self, paragraph: DocxParagraph, text: InlineText) -> None:
        self._inline(paragraph, text.nodes)

    def _inline(
        self,
        paragraph: DocxParagraph,
        nodes: Sequence[Inline],
        *,
        bold: bool = False,
        italic: bool = False,
        deferred: list[Cite | FootnoteRef] | None = None,
    ) -> list[Run]:
        """Write ``nodes`` as runs of ``paragraph`` and return the runs, so a link can
        wrap them. Inside a link (``deferred`` given) citation and footnote marks are
        collected instead, to follow the link."""
        runs: list[Run] = []
        for index, node in enumerate(nodes):
            if isinstance(node, Text | Code):
                text = node.text
                if isinstance(node, Text) and _before_citation(nodes, index, deferred):
                    # A citation mark sits against the word it supports: "works¹".
                    text = text.rstrip()
                run = add_run(paragraph, text, names.CODE if isinstance(node, Code) else None)
                run.bold = bold or None
                run.italic = italic or None
                runs.append(run)
            elif isinstance(node, LineBreak):
                run = paragraph.add_run()
                run.add_break()
                runs.append(run)
            elif isinstance(node, Emphasis | Strong):
                strong = bold or isinstance(node, Strong)
                emphasis = italic or isinstance(node, Emphasis)
                runs += self._inline(
                    paragraph, node.children, bold=strong, italic=emphasis, deferred=deferred
                )
            elif isinstance(node, Subscript | Superscript):
                run = add_run(paragraph, node.text)
                if isinstance(node, Subscript):
                    run.font.subscript = True
                else:
                    run.font.superscript = True
                run.bold = bold or None
                run.italic = italic or None
                runs.append(run)
            elif isinstance(node, Link):
                self._link(paragraph, node, bold=bold, italic=italic)
            elif deferred is not None:
                deferred.append(node)
            else:
                self._mark(paragraph, node)
        return runs

    def _mark(self, paragraph: DocxParagraph, node: Cite | FootnoteRef) -> None:
        if isinstance(node, Cite):
            self._cite(paragraph, node.keys)
        else:
            self._footnote(paragraph, node.id)

    def _footnote(self, paragraph: DocxParagraph, ident: str) -> None:
        """A real Word footnote holding the article's note ``ident``, lettered
        (:data:`~ketadoc.rendering.notes.NOTE_MARKS`) so it does not read as a
        citation's number. Word cannot point two marks at one note: a note referred to
        twice is written twice, with the next letter.

        When the citations are the document's other footnotes, Word numbers those, and
        each note carries its letter as a custom mark; otherwise the notes are the only
        footnotes and Word letters them itself."""
        self.notes_written += 1
        if self.footnotes:
            note = add_footnote(paragraph, mark=NOTE_MARKS.mark(self.notes_written))
        else:
            if self.notes_written == 1:
                number_footnotes(self.document, NOTE_MARKS.word_number_format)
            note = add_footnote(paragraph)
        self._text(note.paragraph, self.article.footnote(ident).text)

    def _link(self, paragraph: DocxParagraph, link: Link, *, bold: bool, italic: bool) -> None:
        # A footnote mark inside a hyperlink would take the link's style and lose its
        # superscript, so citations in the link text follow the link instead.
        cites: list[Cite | FootnoteRef] = []
        runs = self._inline(paragraph, link.children, bold=bold, italic=italic, deferred=cites)
        content: list[Run] | str = runs or link.href
        if link.href.startswith("#"):
            add_internal_link(paragraph, self.bookmarks.name_for(link.href[1:]), content)
        else:
            add_hyperlink(paragraph, link.href, content)
        for mark in cites:
            self._mark(paragraph, mark)

    def _cite(self, paragraph: DocxParagraph, keys: Iterable[str]) -> None:
        numbers = sorted({self.doc.numbers[key] for key in keys if key in self.doc.numbers})
        if not numbers:
            return
        # Inside a footnote (an article's note citing a source) Word allows no further
        # footnote: the number links to the reference list instead.
        if self.footnotes and paragraph.part is self.document.part:
            note = add_footnote(paragraph)
            for index, number in enumerate(numbers):
                if index:
                    note.paragraph.add_run("; ")
                self._reference_pieces(note.paragraph, self.doc.references[number - 1].pieces)
            return
        for index, number in enumerate(numbers):
            if index:
                separator = paragraph.add_run(",")
                separator.font.superscript = True
            mark = paragraph.add_run(str(number))
            anchor = self.bookmarks.name_for(reference_anchor(number))
            add_internal_link(paragraph, anchor, [mark])
            mark.font.superscript = True

    def _reference_pieces(self, paragraph: DocxParagraph, pieces: Iterable[ReferencePiece]) -> None:
        for piece in pieces:
            if piece.style == "link" and piece.href:
                add_hyperlink(paragraph, piece.href, piece.text)
            else:
                run = paragraph.add_run(piece.text)
                run.italic = piece.style == "italic" or None


def _before_citation(
    nodes: Sequence[Inline], index: int, deferred: list[Cite | FootnoteRef] | None
) -> bool:
    following = nodes[index + 1] if index + 1 < len(nodes) else None
    return isinstance(following, Cite | FootnoteRef) and deferred is None
