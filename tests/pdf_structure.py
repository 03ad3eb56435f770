"""A reader of a tagged PDF's structure tree, and the PDF/UA-1 rules the tests hold it to.

pdfua runs only part of the machine-checkable PDF/UA-1 rules, so this module reads what a
screen reader reads: the structure tree from ``StructTreeRoot``, the marked content of
every page (decoded through each font's ToUnicode map, :mod:`pdf_marked_content`) and the
annotations, with pikepdf alone. :func:`read_structure` builds a :class:`Structure`;
:func:`ua_problems` lists what breaks a rule, as sentences a failing test prints.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pdf_marked_content import read_page

__all__ = ["Element", "Structure", "read_structure", "ua_problems"]

_HEADING = re.compile(r"^H([1-6])$")
# Elements whose kids are text and the inline elements inside it: an inline element there
# (strong, em, sub, sup, time...) is an ILSE (Span, Quote, Code, Link...), not NonStruct.
_HOLDS_TEXT = {
    *(f"H{level}" for level in range(1, 7)),
    *("P", "H", "Span", "Link", "Quote", "Code", "Reference", "Note", "Caption"),
    *("Lbl", "LBody", "TH", "TD"),
}


@dataclass(frozen=True)
class Annotation:
    """A link annotation: where it points and what it says to assistive technology."""

    number: tuple[int, int]
    contents: str | None
    dest: str | None
    uri: str | None

    @classmethod
    def of(cls, annotation: pikepdf.Dictionary) -> Annotation:
        action = annotation.get("/A")
        dest = annotation.get("/Dest")
        return cls(
            number=annotation.objgen,
            contents=str(annotation.Contents) if "/Contents" in annotation else None,
            dest=str(dest) if isinstance(dest, pikepdf.String) else None,
            uri=str(action.URI) if action is not None and "/URI" in action else None,
        )


@dataclass
class Element:
    """One structure element: its type, attributes and kids in reading order."""

    kind: str
    attributes: dict[str, object]
    kids: list[Element | tuple[int, int] | Annotation] = field(default_factory=list)
    id: str | None = None
    alt: str | None = None
    lang: str | None = None
    actual_text: str | None = None
    parent: Element | None = field(default=None, repr=False)

    def walk(self) -> Iterator[Element]:
        """This element and every element below it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def marked(self) -> Iterator[tuple[int, int]]:
        """The (page index, MCID) of every marked-content sequence below this element."""
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.marked()
            elif isinstance(kid, tuple):
                yield kid

    def annotations(self) -> Iterator[Annotation]:
        """The annotations this element owns directly (through OBJR kids)."""
        for kid in self.kids:
            if isinstance(kid, Annotation):
                yield kid

    def find(self, kind: str) -> list[Element]:
        """Every element of ``kind`` below this one (this one included)."""
        return [e for e in self.walk() if e.kind == kind]


@dataclass
class Structure:
    """What a PDF holds for assistive technology."""

    root: Element
    lang: str | None
    texts: dict[tuple[int, int], str]
    artifact_text: list[str]
    untagged_text: list[str]
    id_tree: dict[str, Element | None] | None
    id_targets: dict[str, Element]
    link_annotations: list[Annotation]
    pages: int

    def text(self, element: Element) -> str:
        """The text a screen reader reads for ``element``: ActualText where set, else its
        marked content in order."""
        if element.actual_text is not None:
            return element.actual_text
        parts: list[str] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                parts.append(self.text(kid))
            elif isinstance(kid, tuple):
                parts.append(self.texts.get(kid, ""))
        return "".join(parts)

    def plain(self, element: Element) -> str:
        """:meth:`text` with runs of white space made one space."""
        return " ".join(self.text(element).split())


# -- the structure tree -----------------------------------------------------------------


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _attributes(node: pikepdf.Dictionary) -> dict[str, object]:
    merged: dict[str, object] = {}
    for attribute in _as_list(node.get("/A")):
        if isinstance(attribute, pikepdf.Dictionary):
            for key, value in attribute.items():
                merged[key] = value
    return merged


def _name_tree(node: pikepdf.Dictionary, out: dict[str, tuple[int, int]]) -> None:
    names = node.get("/Names")
    if names is not None:
        items = list(names)
        for key, value in zip(items[::2], items[1::2], strict=True):
            out[str(key)] = value.objgen
    for kid in _as_list(node.get("/Kids")):
        if isinstance(kid, pikepdf.Dictionary):
            _name_tree(kid, out)


def read_structure(data: bytes) -> Structure:
    """Read the tag tree, the marked content and the link annotations of a PDF."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        fonts: dict[tuple[int, int], tuple[dict[bytes, str], int]] = {}
        texts: dict[tuple[int, int], str] = {}
        artifacts: list[str] = []
        untagged: list[str] = []
        for i, page in enumerate(pdf.pages):
            read_page(page, i, fonts, texts, artifacts, untagged)

        tree_root = pdf.Root.get("/StructTreeRoot")
        root = Element("StructTreeRoot", {})
        id_targets: dict[str, Element] = {}
        by_number: dict[tuple[int, int], Element] = {}

        def build(node: pikepdf.Dictionary, parent: Element, page: int | None) -> Element:
            own_page = node.get("/Pg")
            if own_page is not None:
                page = page_index.get(own_page.objgen, page)
            element = Element(
                kind=str(node.get("/S", "/?"))[1:],
                attributes=_attributes(node),
                id=str(node.ID) if "/ID" in node else None,
                alt=str(node.Alt) if "/Alt" in node else None,
                lang=str(node.Lang) if "/Lang" in node else None,
                actual_text=str(node.ActualText) if "/ActualText" in node else None,
                parent=parent,
            )
            if element.id is not None:
                id_targets[element.id] = element
            by_number[node.objgen] = element
            for kid in _as_list(node.get("/K")):
                if isinstance(kid, int):
                    assert page is not None, f"MCID {kid} of {element.kind} has no page"
                    element.kids.append((page, kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    kid_page = page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                    assert kid_page is not None
                    element.kids.append((kid_page, int(kid.MCID)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    element.kids.append(Annotation.of(kid.Obj))
                elif isinstance(kid, pikepdf.Dictionary):
                    element.kids.append(build(kid, element, page))
            return element

        if tree_root is not None:
            for kid in _as_list(tree_root.get("/K")):
                if isinstance(kid, pikepdf.Dictionary):
                    root.kids.append(build(kid, root, None))
        id_tree: dict[str, Element | None] | None = None
        if tree_root is not None and "/IDTree" in tree_root:
            named: dict[str, tuple[int, int]] = {}
            _name_tree(tree_root.IDTree, named)
            id_tree = {key: by_number.get(number) for key, number in named.items()}
        links = [
            Annotation.of(annot)
            for page in pdf.pages
            for annot in page.obj.get("/Annots", pikepdf.Array())
            if annot.get("/Subtype") == "/Link"
        ]
        lang = str(pdf.Root.Lang) if "/Lang" in pdf.Root else None
        return Structure(
            root=root,
            lang=lang,
            texts=texts,
            artifact_text=artifacts,
            untagged_text=untagged,
            id_tree=id_tree,
            id_targets=id_targets,
            link_annotations=links,
            pages=len(pdf.pages),
        )


# -- the rules --------------------------------------------------------------------------


def _cells(row: Element) -> list[Element]:
    return [kid for kid in row.kids if isinstance(kid, Element) and kid.kind in ("TH", "TD")]


def ua_problems(structure: Structure) -> list[str]:
    """Every PDF/UA-1 structure rule the PDF breaks, one sentence each."""
    problems: list[str] = []
    root = structure.root
    elements = list(root.walk())[1:]

    # ISO 14289-1 7.1: content is real content reachable from the tree, or an artifact.
    reachable = set(root.marked())
    for key, text in sorted(structure.texts.items()):
        if key not in reachable and text.strip():
            problems.append(
                f"marked content {key} ({text!r}) is neither in the tree nor an artifact"
            )
    stray = [t for t in structure.untagged_text if t.strip()]
    if stray:
        problems.append(f"text outside both tags and artifacts: {stray[:5]!r}")
    counted: dict[tuple[int, int], int] = {}
    for key in root.marked():
        counted[key] = counted.get(key, 0) + 1
    doubled = [key for key, n in counted.items() if n > 1]
    if doubled:
        problems.append(f"marked content owned by more than one element: {doubled[:5]}")

    # Headings: the first is H1, and no level is skipped on the way down.
    levels = [int(m.group(1)) for e in elements if (m := _HEADING.match(e.kind))]
    if levels and levels[0] != 1:
        problems.append(f"the first heading is H{levels[0]}, not H1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level skipped: H{before} then H{after}")

    # ISO 14289-1 7.4: a heading is not empty (pdfua's UA-14-001, which cannot run here).
    for element in elements:
        if _HEADING.match(element.kind) and not structure.plain(element):
            problems.append(f"an empty {element.kind}")

    # Tables: rows of cells, every header cell with a scope.
    for table in root.find("Table"):
        rows = table.find("TR")
        if not rows:
            problems.append("a Table without rows")
        for cell in table.find("TH"):
            scope = cell.attributes.get("/Scope")
            if str(scope) not in ("/Column", "/Row", "/Both"):
                problems.append(f"TH {structure.plain(cell)!r} has no /Scope")
        for cell in table.find("TD"):
            for header in _as_list(cell.attributes.get("/Headers")):
                if str(header) not in structure.id_targets:
                    problems.append(f"TD {structure.plain(cell)!r} names unknown header {header}")
        nested = [e for e in table.walk() if e is not table and e.kind == "Table"]
        if nested:
            problems.append("a Table inside a Table")

    # ISO 32000-1 Table 322: IDTree is required as soon as an element has an ID.
    ids = [e.id for e in elements if e.id is not None]
    if ids:
        if structure.id_tree is None:
            problems.append(f"{len(ids)} elements have an /ID but StructTreeRoot has no /IDTree")
        else:
            wrong = [i for i in ids if structure.id_tree.get(i) is not structure.id_targets[i]]
            if wrong:
                problems.append(f"IDs missing from /IDTree or naming another element: {wrong[:5]}")
        if len(set(ids)) != len(ids):
            problems.append("two elements share an /ID")

    # Figures need alternative text; links need readable annotation text.
    for figure in root.find("Figure"):
        if not (figure.alt or "").strip():
            problems.append("a Figure without /Alt")
    owned: set[tuple[int, int]] = set()
    for link in root.find("Link"):
        if link.parent is not None and link.parent.kind == "Link":
            problems.append(f"a Link inside a Link ({structure.plain(link)!r})")
        annotations = list(link.annotations())
        if not annotations:
            problems.append(f"Link {structure.plain(link)!r} has no annotation")
        for annotation in annotations:
            owned.add(annotation.number)
            contents = " ".join((annotation.contents or "").split())
            if not contents:
                problems.append(f"Link {structure.plain(link)!r}: annotation without /Contents")
            elif contents == annotation.dest:
                problems.append(f"Link {structure.plain(link)!r}: /Contents is the fragment id")
    for annotation in structure.link_annotations:
        if annotation.number not in owned:
            problems.append(f"a link annotation outside the tree: {annotation.contents!r}")

    # ISO 32000-1 14.8.4.4: inline elements are ILSEs; a NonStruct in a paragraph hides
    # that "Published:" is a separate (bold) part, and WeasyPrint writes one per inline.
    for element in elements:
        if element.kind == "NonStruct" and element.parent and element.parent.kind in _HOLDS_TEXT:
            problems.append(
                f"{element.parent.kind} holds a NonStruct ({structure.plain(element)!r}),"
                " not a Span"
            )

    # ISO 14289-1 7.9: a Note has an ID.
    for note in root.find("Note"):
        if not note.id:
            problems.append(f"Note {structure.plain(note)!r} has no /ID")

    # Lists: list items hold Lbl and LBody only.
    for item in root.find("LI"):
        for kid in item.kids:
            if isinstance(kid, Element) and kid.kind not in ("Lbl", "LBody"):
                problems.append(f"LI holds {kid.kind}")
    if not structure.lang:
        problems.append("the catalog has no /Lang")
    return problems
