"""What WeasyPrint knows while it builds the tag tree and the PDF no longer says.

WeasyPrint builds its structure tree one page, one column and one printed line at a
time, from the laid-out boxes: a paragraph that crosses a page, a table whose header
repeats, a link that wraps, each becomes several structure elements, and nothing in the
PDF says they were one HTML element (WeasyPrint issues 2902 and 2903). The tagging pass
(:mod:`ketadoc.exporters.pdf.tagging`) mends the tree after the PDF is written; to do
that exactly rather than by guessing, this module watches the tree being built and
notes, per structure element, which HTML element (or pseudo-element) it was made for,
plus the few facts only the boxes hold: the text of each printed line's last piece (the
space or hyphen at a line end is not in the PDF), the spaces between inline elements
(drawn as no glyph at all), which ``/NonStruct`` elements are inline elements, the
margin-box text (page furniture), header-cell scopes and link targets.

It does so by wrapping WeasyPrint's per-box tree builder, which calls itself by its
module-level name for every box. The wrapper only observes: it yields exactly what
WeasyPrint yields. Notes are kept per thread, for the render that asked for them.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["HOOK_PARAMETERS", "SourceKey", "TagSources", "hook_parameters", "recording"]

_LOCAL = threading.local()
_INSTALL_LOCK = threading.Lock()
_INSTALLED = False

#: (number of the HTML element in the order first met, element or pseudo-element tag,
#: structure type): equal keys mean "made for the same thing".
SourceKey = tuple[int, str, str]


@dataclass
class TagSources:
    """Notes taken while WeasyPrint built one PDF's tag tree, by object number."""

    keys: dict[int, SourceKey] = field(default_factory=dict)
    #: (page index, MCID) -> what a reader should read for that marked content, where it
    #: differs from the glyphs: a line's last word with its space or without its hyphen,
    #: the undrawn space between two inline elements.
    spoken: dict[tuple[int, int], str] = field(default_factory=dict)
    #: (page index, MCID) -> the margin box it was drawn in ("@bottom-left", ...).
    furniture: dict[tuple[int, int], str] = field(default_factory=dict)
    #: object number of a TH element -> "Column", "Row" or "Both".
    scopes: dict[int, str] = field(default_factory=dict)
    #: object number of a Link element -> (its target, its text).
    links: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: object number of an element WeasyPrint left /NonStruct for an inline box -> the
    #: inline structure type it is ("Span", "Code", "Quote").
    inline: dict[int, str] = field(default_factory=dict)
    #: number of an HTML element set as a footnote -> its id attribute, if any.
    footnotes: dict[int, str | None] = field(default_factory=dict)
    _elements: dict[Any, int] = field(default_factory=dict)

    def _number(self, element: Any) -> int:
        return self._elements.setdefault(element, len(self._elements))

    def note_element(self, pdf_element: Any, box: Any) -> None:
        """Remember which HTML element ``pdf_element`` (a pydyf dictionary) was made for."""
        element = box.element
        if element is None or pdf_element.number is None:
            return
        number = int(pdf_element.number)
        if number in self.keys:
            # WeasyPrint's builder yields the elements of the html and body boxes' (and
            # the page's) children through their own calls: the first note, made by the
            # call for the box the element was made for, is the right one.
            return
        kind = str(pdf_element["S"])[1:]
        source = self._number(element)
        self.keys[number] = (source, str(box.element_tag), kind)
        if str(box.element_tag).endswith("::footnote-call"):
            self.footnotes[source] = element.get("id")
        tag = str(box.element_tag)
        if kind == "NonStruct" and (tag in _PHRASING or isinstance(box, _boxes().InlineBox)):
            # WeasyPrint tags only span and a as inline elements: strong, em, sub, sup,
            # time... (displayed as blocks or not) and inline pseudo-elements are read as
            # part of their paragraph or cell.
            self.inline[number] = _INLINE_KINDS.get(tag, "Span")
        elif kind == "TH":
            self.scopes[number] = _scope(element)
        elif kind == "Link" and str(box.element_tag) == "a":
            text = " ".join("".join(element.itertext()).split())
            self.links[number] = (str(element.get("href", "")), text)

    def note_box(self, box: Any, page: int, tags: dict[Any, dict[str, Any]]) -> None:
        """Before WeasyPrint consumes ``tags`` for ``box``: note its line ends and the
        spaces it does not draw and, for a margin box, that its text is page furniture."""
        boxes = _boxes()

        if isinstance(box, boxes.MarginBox):
            for leaf in _leaves(box):
                mark = tags.get(leaf)
                if mark is not None:
                    self.furniture[(page, int(mark["mcid"]))] = str(box.at_keyword)
            return
        if not isinstance(box, boxes.ParentBox):
            return
        lines: list[Any] = []
        for child in box.children:
            if isinstance(child, boxes.LineBox):
                lines.append(child)
                self._blank_spaces(child.children, page, tags)
            elif isinstance(child, boxes.TextBox):
                self._blank_spaces((child,), page, tags)
        source: str | None = None
        for index, line in enumerate(lines):
            if index == len(lines) - 1 and isinstance(box, boxes.InlineBlockBox):
                # An inline block (a piece of a printed address) ends inside the line that
                # holds it: that line's note says how its end reads.
                break
            following = _first_text(lines[index + 1]) if index + 1 < len(lines) else None
            last = _last_text(line)
            if last is None or last not in tags:
                continue
            if source is None and following is not None:
                # The whole block's text, once: the context that tells a hyphen WeasyPrint
                # added at a break from one the author wrote.
                source = _comparable(" ".join("".join(box.element.itertext()).split()))
            spoken = _spoken(last, following, source or "")
            if spoken != last.text:
                self.spoken[(page, int(tags[last]["mcid"]))] = spoken

    def _blank_spaces(self, children: Any, page: int, tags: dict[Any, dict[str, Any]]) -> None:
        """A text box of spaces alone (between two inline elements) draws no glyph, so
        its marked content is empty: it reads as the one space it stands for."""
        boxes = _boxes()

        for child in children:
            if (
                type(child) is boxes.TextBox
                and child.text
                and child.text.isspace()
                and child in tags
            ):
                self.spoken[(page, int(tags[child]["mcid"]))] = " "


_INLINE_KINDS = {"code": "Code", "kbd": "Code", "samp": "Code", "q": "Quote"}
_PHRASING = frozenset(
    {
        *("abbr", "b", "cite", "dfn", "em", "i", "mark", "s", "small", "strong", "sub"),
        *("sup", "time", "u", "var", *_INLINE_KINDS),
    }
)
_DASHES = ("-", "\u2010", "\u2013", "\u2014", "/")
_SOFT_HYPHEN = "\u00ad"


def _comparable(text: str) -> str:
    return text.replace(_SOFT_HYPHEN, "") if _SOFT_HYPHEN in text else text


def _spoken(last: Any, following: Any, source: str) -> str:
    """How the last piece of a printed line reads, given the next line's first piece and
    the text of the block both are in."""
    text = _comparable(str(last.text))
    if text[-1:].isspace():
        return text
    if following is not None:
        hyphen = str(last.style["hyphenate_character"])
        # The next line's first word is enough to tell; it may itself end with the hyphen
        # of another break, which the source does not have either.
        head = _comparable(str(following.text)).split(maxsplit=1)
        word = head[0] if head else ""
        if hyphen and len(head) == 1 and word.endswith(hyphen):
            word = word[: -len(hyphen)]
        joined, spaced = text + word, f"{text} {word}"
        if joined in source and spaced not in source:
            return text  # broken inside a word (a long address, a hyphenated compound)
        if hyphen and text.endswith(hyphen) and text[: -len(hyphen)] + word in source:
            return text[: -len(hyphen)]  # a word hyphenated at the line end reads whole
        if spaced in source:
            return text + " "
    if text.endswith(_DASHES):
        return text
    return text + " "


def _boxes() -> Any:
    """WeasyPrint's box classes, imported when a render first needs them."""
    from weasyprint.formatting_structure import boxes

    return boxes


def _scope(element: Any) -> str:
    scope = str(element.get("scope", "")).lower()
    if scope in ("col", "colgroup"):
        return "Column"
    if scope in ("row", "rowgroup"):
        return "Row"
    section = element.getparent().getparent() if element.getparent() is not None else None
    return "Column" if section is not None and section.tag == "thead" else "Both"


def _leaves(box: Any) -> Iterator[Any]:
    children = getattr(box, "children", None)
    if children is None:
        yield box
        return
    yield box
    for child in children:
        yield from _leaves(child)


def _last_text(line: Any) -> Any:
    """The last text box drawn on ``line``, looking into inline boxes."""
    return _edge_text(line, reversed)


def _first_text(line: Any) -> Any:
    """The first text box drawn on ``line``, looking into inline boxes."""
    return _edge_text(line, iter)


def _edge_text(line: Any, order: Any) -> Any:
    boxes = _boxes()

    for child in order(line.children):
        if _out_of_flow(child):
            continue  # a float or positioned box is read where it stands in the tree
        if isinstance(child, boxes.TextBox):
            if child.text:
                return child
            continue  # emptied by the line break (the space before it)
        if isinstance(child, boxes.InlineBox):
            found = _edge_text(child, order)
            if found is not None:
                return found
        elif isinstance(child, boxes.InlineBlockBox):
            lines = [line for line in child.children if isinstance(line, boxes.LineBox)]
            return _edge_text(next(order(lines)), order) if lines else None
        else:
            return None
    return None


def _out_of_flow(box: Any) -> bool:
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    return bool(box.is_floated() or box.is_absolutely_positioned())


#: The parameters of the WeasyPrint function watched (``weasyprint.pdf.tags.
#: _build_box_tree``, private; WeasyPrint 70), in the order ``add_tags`` passes them.
HOOK_PARAMETERS: Final = ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags")


def hook_parameters(function: Any) -> tuple[str, ...]:
    """The parameter names of ``function`` (WeasyPrint's tree builder, unwrapped)."""
    return tuple(inspect.signature(inspect.unwrap(function)).parameters)


def _install() -> bool:
    """Wrap WeasyPrint's tree builder once per process; False if it cannot be found."""
    global _INSTALLED
    with _INSTALL_LOCK:
        if _INSTALLED:
            return True
        try:
            from weasyprint.layout.absolute import AbsolutePlaceholder
            from weasyprint.pdf import tags
        except ImportError:  # pragma: no cover - a WeasyPrint without tagging
            return False
        original = getattr(tags, "_build_box_tree", None)
        if original is None or hook_parameters(original) != HOOK_PARAMETERS:
            return False  # pragma: no cover - a WeasyPrint that builds tags otherwise

        def build_box_tree(
            box: Any, parent: Any, pdf: Any, page: int, nums: Any, annotations: Any, marks: Any
        ) -> Iterator[Any]:
            sources: TagSources | None = getattr(_LOCAL, "sources", None)
            real = box._box if isinstance(box, AbsolutePlaceholder) else box
            if sources is not None:
                sources.note_box(real, page, marks)
            for element in original(box, parent, pdf, page, nums, annotations, marks):
                if sources is not None:
                    sources.note_element(element, real)
                yield element

        build_box_tree.__wrapped__ = original  # type: ignore[attr-defined]
        tags._build_box_tree = build_box_tree
        _INSTALLED = True
        return True


@contextmanager
def recording() -> Iterator[TagSources | None]:
    """Take notes on the tag trees WeasyPrint builds in this thread until the block ends.

    Yields None when this WeasyPrint cannot be watched; the tagging pass then leaves the
    tree as WeasyPrint wrote it.
    """
    if not _install():
        yield None
        return
    sources = TagSources()
    _LOCAL.sources = sources
    try:
        yield sources
    finally:
        _LOCAL.sources = None
