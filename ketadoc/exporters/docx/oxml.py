"""WordprocessingML that python-docx 1.2 has no API for, in one place.

The DOCX exporter writes through python-docx and the named styles of the reference
document. Where python-docx stops (hyperlinks, bookmarks, fields, footnotes, list
restarts, alt text, the document language, table-row and cell properties, paragraph
borders and shading in styles) these helpers build the elements, so no other module of
the exporter touches XML.

Elements are inserted in the order the ECMA-376 schema requires: Word reports a file
with children out of order as corrupt, even where LibreOffice is lenient.

Importing this module registers :class:`FootnotesPart` with python-docx, so a document
opened afterwards (a reference document saved by Word always has a footnotes part)
loads its footnotes as XML instead of opaque bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.story import StoryPart
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ketadoc.exporters.docx.styles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, HYPERLINK

if TYPE_CHECKING:
    from docx.document import Document
    from docx.package import Package
    from docx.shape import InlineShape
    from docx.styles.style import BaseStyle
    from docx.table import _Cell, _Row

__all__ = [
    "MAX_BOOKMARK_NAME",
    "Bookmarks",
    "Footnote",
    "FootnotesPart",
    "add_bookmark",
    "add_field",
    "add_footnote",
    "add_hyperlink",
    "add_internal_link",
    "add_table_of_contents",
    "add_table_of_contents_around",
    "bookmark_name",
    "clear_body",
    "clear_style_formatting",
    "footnotes_part",
    "is_valid_bookmark_name",
    "memoize_style_lookups",
    "new_numbering",
    "normalize_package",
    "prevent_row_split",
    "save_deterministic",
    "set_alt_text",
    "set_cell_shading",
    "set_default_font",
    "set_document_language",
    "set_font_family",
    "set_numbering",
    "set_outline_level",
    "set_paragraph_border",
    "set_paragraph_shading",
    "set_repeat_table_header",
    "set_table_style_borders",
    "set_table_style_header_row",
    "set_update_fields_on_open",
    "table_of_contents_instruction",
]

Element = Any
"""An lxml element; python-docx's element classes carry no usable static type."""

BorderSide = Literal["top", "left", "bottom", "right"]

# Child order of the elements edited here, from the ECMA-376 (transitional) schema.
_STYLES_ORDER: Final = ("w:docDefaults", "w:latentStyles", "w:style")
_DOC_DEFAULTS_ORDER: Final = ("w:rPrDefault", "w:pPrDefault")
_STYLE_ORDER: Final = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
    "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
    "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
    "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
)  # fmt: skip
_PPR_ORDER: Final = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_PBDR_ORDER: Final = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
_RPR_ORDER: Final = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
    "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_TBLPR_ORDER: Final = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
_TBL_BORDERS_ORDER: Final = (
    "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV",
)  # fmt: skip
_TBL_STYLE_PR_ORDER: Final = ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr")
_TRPR_ORDER: Final = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
_TCPR_ORDER: Final = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
_SETTINGS_ORDER: Final = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
    "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
    "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
    "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
    "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
    "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
    "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
    "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
    "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme",
    "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
    "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl",
    "w:printTwoOnOne", "w:strictFirstAndLastChars", "w:noLineBreaksAfter",
    "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving",
    "w:saveThroughXslt", "w:showXMLTags", "w:alwaysMergeEmptyNamespace",
    "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
    "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
    "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
    "w:listSeparator",
)  # fmt: skip

_HEX_COLOR = re.compile(r"[0-9A-Fa-f]{6}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


# -- element plumbing ----------------------------------------------------------------


def _get_or_add(parent: Element, tag: str, order: Sequence[str]) -> Element:
    """``parent``'s ``tag`` child, created at its schema position when missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        _insert_in_order(parent, child, tag, order)
    return child


def _insert_in_order(parent: Element, child: Element, tag: str, order: Sequence[str]) -> None:
    later = {qn(name) for name in order[order.index(tag) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def _set_attributes(element: Element, **values: str) -> None:
    for name, value in values.items():
        element.set(qn(f"w:{name}"), value)


def _hex_color(value: str) -> str:
    if not _HEX_COLOR.fullmatch(value):
        raise ValueError(f'colour "{value}" is not six hexadecimal digits such as "1F3864"')
    return value.upper()


def _paragraph_properties(target: Paragraph | BaseStyle) -> Element:
    if isinstance(target, Paragraph):
        return target._p.get_or_add_pPr()
    return _get_or_add(target.element, "w:pPr", _STYLE_ORDER)


def _fld_char_run(paragraph: Paragraph, kind: str, *, dirty: bool = False) -> Run:
    run = paragraph.add_run()
    fld_char = OxmlElement("w:fldChar", {qn("w:fldCharType"): kind})
    if dirty:
        fld_char.set(qn("w:dirty"), "true")
    run._r.append(fld_char)
    return run


# -- hyperlinks ----------------------------------------------------------------------


def add_hyperlink(
    paragraph: Paragraph,
    url: str,
    content: str | Iterable[Run],
    *,
    style: str | None = HYPERLINK,
) -> Hyperlink:
    """Append an external hyperlink to ``paragraph``; return python-docx's view of it.

    ``content`` is the link text, or runs already added to ``paragraph`` (to keep bold or
    italic inside a link); those runs move into the link, which takes the place of the
    first. The relationship is created on the paragraph's own part, so links work in
    footnotes too. ``style`` is the character style given to every run of the link.
    Raises ValueError for an empty URL or runs that are not children of ``paragraph``,
    and KeyError when ``style`` is not defined in the document.
    """
    if not url:
        raise ValueError("a hyperlink needs a URL")
    runs = _link_runs(paragraph, content, style)
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id, qn("w:history"): "1"})
    return _wrap_runs(paragraph, link, runs, style)


def add_internal_link(
    paragraph: Paragraph,
    bookmark: str,
    content: str | Iterable[Run],
    *,
    style: str | None = HYPERLINK,
) -> Hyperlink:
    """Append a link to the bookmark named ``bookmark`` (see :func:`add_bookmark`).

    ``content`` and ``style`` work as in :func:`add_hyperlink`. Raises ValueError when
    ``bookmark`` is not a valid bookmark name.
    """
    if not is_valid_bookmark_name(bookmark):
        raise ValueError(f'"{bookmark}" is not a valid bookmark name; use bookmark_name()')
    runs = _link_runs(paragraph, content, style)
    link = OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})
    return _wrap_runs(paragraph, link, runs, style)


def _link_runs(paragraph: Paragraph, content: str | Iterable[Run], style: str | None) -> list[Run]:
    # Everything that can fail is checked before the paragraph is touched.
    _check_style(paragraph, style, WD_STYLE_TYPE.CHARACTER)
    if isinstance(content, str):
        return [paragraph.add_run(content)]
    runs = list(content)
    if not runs:
        raise ValueError("a link needs text or at least one run")
    if any(run._r.getparent() is not paragraph._p for run in runs):
        raise ValueError("the runs of a link must be children of the paragraph it is added to")
    return runs


def _wrap_runs(
    paragraph: Paragraph, link: Element, runs: list[Run], style: str | None
) -> Hyperlink:
    runs[0]._r.addprevious(link)
    for run in runs:
        if style is not None:
            run.style = style
        link.append(run._r)
    return Hyperlink(link, paragraph)


def _check_style(paragraph: Paragraph, style: str | None, kind: WD_STYLE_TYPE) -> None:
    """Raise KeyError unless ``style`` names a style of type ``kind`` in the document."""
    if style is not None:
        paragraph.part.get_style_id(style, kind)


# -- bookmarks -----------------------------------------------------------------------

MAX_BOOKMARK_NAME: Final = 40
"""Word truncates longer bookmark names and then no longer finds their links."""

_BOOKMARK_NAME = re.compile(rf"[A-Za-z][A-Za-z0-9_]{{0,{MAX_BOOKMARK_NAME - 1}}}")
_NOT_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9]+")


def is_valid_bookmark_name(name: str) -> bool:
    """Whether Word accepts ``name`` for a visible bookmark: a letter, then up to 39
    letters, digits or underscores (ASCII only, as LibreOffice expects)."""
    return _BOOKMARK_NAME.fullmatch(name) is not None


def bookmark_name(anchor: str) -> str:
    """A valid bookmark name for a section id or other anchor, e.g.
    ``"background-on-ketamine"`` -> ``"background_on_ketamine"``.

    Accents are dropped, other characters become underscores, a name that would not start
    with a letter gets an ``s_`` prefix, and the result is cut to 40 characters. Distinct
    anchors can map to one name; :class:`Bookmarks` makes names unique.
    """
    ascii_text = unicodedata.normalize("NFKD", anchor).encode("ascii", "ignore").decode()
    name = _NOT_NAME_CHARACTERS.sub("_", ascii_text).strip("_")
    if not name:
        name = "section"
    elif not name[0].isalpha():
        name = f"s_{name}"
    return name[:MAX_BOOKMARK_NAME].rstrip("_")


class Bookmarks:
    """The bookmarks of one document: unique names per anchor, and unique ids.

    The same anchor always gets the same name, so links made before or after the
    bookmark itself agree. Word compares bookmark names without regard to case, and so
    does the uniqueness check.
    """

    def __init__(self, document: Document | None = None) -> None:
        """Start empty, or reserve the names and ids of ``document``'s existing bookmarks."""
        self._names: dict[str, str] = {}
        self._taken: set[str] = set()
        self._next_id = 0
        if document is not None:
            for start in document.element.body.iter(qn("w:bookmarkStart")):
                self._taken.add(start.get(qn("w:name"), "").casefold())
                self._next_id = max(self._next_id, int(start.get(qn("w:id"), "-1")) + 1)

    def name_for(self, anchor: str) -> str:
        """The bookmark name of ``anchor``, chosen on first use and unique in the document."""
        if anchor in self._names:
            return self._names[anchor]
        base = bookmark_name(anchor)
        name, number = base, 1
        while name.casefold() in self._taken:
            number += 1
            suffix = f"_{number}"
            name = base[: MAX_BOOKMARK_NAME - len(suffix)].rstrip("_") + suffix
        self._taken.add(name.casefold())
        self._names[anchor] = name
        return name

    def add(self, paragraph: Paragraph, anchor: str) -> str:
        """Bookmark ``paragraph`` under the name of ``anchor`` and return the name."""
        name = self.name_for(anchor)
        add_bookmark(paragraph, name, self._next_id)
        self._next_id += 1
        return name


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Put a bookmark around the current content of ``paragraph``.

    Call it once the paragraph's text is in place; runs added later fall outside the
    bookmark, which still marks the paragraph as a link target. ``bookmark_id`` must be
    unique among the document's bookmarks. Raises ValueError for an invalid name or a
    negative id.
    """
    if not is_valid_bookmark_name(name):
        raise ValueError(f'"{name}" is not a valid bookmark name; use bookmark_name()')
    if bookmark_id < 0:
        raise ValueError(f"bookmark id must not be negative, got {bookmark_id}")
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)})
    p = paragraph._p
    properties = p.pPr
    if properties is None:
        p.insert(0, start)
    else:
        properties.addnext(start)
    p.append(end)


# -- fields --------------------------------------------------------------------------


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
    _fld_char_run(paragraph, "begin", dirty=dirty)
    instruction_run = paragraph.add_run()
    text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    text.text = f" {instruction.strip()} "
    instruction_run._r.append(text)
    _fld_char_run(paragraph, "separate")
    result = paragraph.add_run(placeholder)
    _fld_char_run(paragraph, "end")
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
    first: Paragraph, last: Paragraph, *, levels: tuple[int, int] = (1, 3)
) -> None:
    """Make the paragraphs from ``first`` to ``last`` (siblings, in order) the result of a
    TOC field marked dirty.

    Word replaces them with a real table of contents, page numbers included, when it
    updates fields on open; LibreOffice, which does not update the field, shows them as
    they are. So the paragraphs should be a usable contents list of their own (links to
    the headings' bookmarks), and the reader of either program sees one contents list,
    never two. Raises ValueError when ``last`` does not follow or equal ``first``.
    """
    if first._p is not last._p and first._p not in last._p.itersiblings(preceding=True):
        raise ValueError("the last paragraph of a table of contents must follow the first")
    instruction = table_of_contents_instruction(levels)
    begin = OxmlElement("w:r")
    begin.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin", qn("w:dirty"): "true"}))
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    text.text = f" {instruction} "
    code.append(text)
    separate = OxmlElement("w:r")
    separate.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    p = first._p
    anchor = p.pPr
    for run in (begin, code, separate):
        if anchor is None:
            p.insert(0, run)
        else:
            anchor.addnext(run)
        anchor = run
    _fld_char_run(last, "end")


def set_update_fields_on_open(document: Document) -> None:
    """Make Word offer to update every field (the TOC, page numbers) when it opens the file."""
    update = _get_or_add(document.settings.element, "w:updateFields", _SETTINGS_ORDER)
    update.set(qn("w:val"), "true")


# -- footnotes -----------------------------------------------------------------------

_SEPARATOR_ID: Final = -1
_CONTINUATION_SEPARATOR_ID: Final = 0

# Word numbers the two separator footnotes -1 and 0 and declares them in settings.xml;
# real footnotes start at 1. Zero spacing keeps the separator line tight.
_FOOTNOTES_XML: Final = f"""\
<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="{_SEPARATOR_ID}">
    <w:p>
      <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r>
    </w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="{_CONTINUATION_SEPARATOR_ID}">
    <w:p>
      <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r>
    </w:p>
  </w:footnote>
</w:footnotes>
"""


class FootnotesElement(BaseOxmlElement):
    """``<w:footnotes>``: registered so the part's root answers python-docx's XPath
    queries (relationship reference counting) like every other part root."""


class FootnotesPart(StoryPart):
    """The footnotes part, ``/word/footnotes.xml``.

    A story part, so paragraphs inside footnotes resolve styles and relate hyperlinks
    exactly like body paragraphs.
    """

    @classmethod
    def new(cls, package: Package) -> FootnotesPart:
        """A footnotes part holding only the separator and continuation separator."""
        partname = PackURI("/word/footnotes.xml")
        if any(part.partname == partname for part in package.iter_parts()):
            partname = package.next_partname("/word/footnotes%d.xml")
        return cls(partname, CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML.encode()), package)


register_element_cls("w:footnotes", FootnotesElement)
PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote just added: its id, the paragraph holding its text, and the
    reference run in the body."""

    id: int
    paragraph: Paragraph
    reference: Run


def footnotes_part(document: Document) -> FootnotesPart:
    """The document's footnotes part, created on first use with its relationship from
    the document part and the separator footnotes declared in settings.xml.

    Raises ValueError when the document was opened before this module was imported, so
    its footnotes were loaded as bytes that cannot be extended.
    """
    document_part = document.part
    for rel in document_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, FootnotesPart):
                raise ValueError(
                    "the footnotes of this document were loaded as plain bytes; import "
                    "ketadoc.exporters.docx.oxml before opening the document"
                )
            return part
    part = FootnotesPart.new(document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        properties = _get_or_add(settings, "w:footnotePr", _SETTINGS_ORDER)
        for special_id in (_SEPARATOR_ID, _CONTINUATION_SEPARATOR_ID):
            properties.append(OxmlElement("w:footnote", {qn("w:id"): str(special_id)}))
    return part


def add_footnote(
    paragraph: Paragraph,
    text: str = "",
    *,
    text_style: str = FOOTNOTE_TEXT,
    reference_style: str = FOOTNOTE_REFERENCE,
) -> Footnote:
    """Append a footnote reference to ``paragraph`` and create the footnote it points to.

    The footnote's paragraph starts with the footnote mark and a space, then ``text``;
    add more runs or links (:func:`add_hyperlink`) to :attr:`Footnote.paragraph`. The
    reference run carries ``reference_style``, which the reference document makes
    superscript. Raises ValueError when ``paragraph`` is not in the document body (Word
    allows footnotes nowhere else) and KeyError when a style is not defined.
    """
    document_part = paragraph.part
    if not isinstance(document_part, DocumentPart):
        raise ValueError("footnotes can only be referenced from the body of the document")
    _check_style(paragraph, text_style, WD_STYLE_TYPE.PARAGRAPH)
    _check_style(paragraph, reference_style, WD_STYLE_TYPE.CHARACTER)
    part = footnotes_part(document_part.document)
    root = part.element
    ids = [int(note.get(qn("w:id"))) for note in root.iter(qn("w:footnote"))]
    footnote_id = max([0, *ids]) + 1

    reference = paragraph.add_run()
    reference.style = reference_style
    reference._r.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(footnote_id)}))

    note = OxmlElement("w:footnote", {qn("w:id"): str(footnote_id)})
    root.append(note)
    p = OxmlElement("w:p")
    note.append(p)
    note_paragraph = Paragraph(p, part)
    note_paragraph.style = text_style
    mark = note_paragraph.add_run()
    mark.style = reference_style
    mark._r.append(OxmlElement("w:footnoteRef"))
    note_paragraph.add_run(" ")
    if text:
        note_paragraph.add_run(text)
    return Footnote(footnote_id, note_paragraph, reference)


# -- numbering -----------------------------------------------------------------------


def new_numbering(document: Document, style: str, *, start: int = 1) -> int:
    """A new numbering instance for list style ``style`` that starts at ``start``.

    Word continues a numbered list across the whole document while its paragraphs share
    the style's ``w:num``. A list restarts when its paragraphs refer to another
    ``w:num`` on the same abstract definition (so it looks the same) whose
    ``w:lvlOverride/w:startOverride`` resets the counter; this creates one. Pass the
    returned id to :func:`set_numbering` for every paragraph of the list.
    Raises KeyError for an unknown style and ValueError when the style has no numbering.
    """
    numbering = document.part.numbering_part.element
    num_id = _style_num_id(document.styles[style])
    if num_id is None:
        raise ValueError(f'style "{style}" has no numbering to restart')
    matches = [
        num.find(qn("w:abstractNumId")).get(qn("w:val"))
        for num in numbering.iter(qn("w:num"))
        if num.get(qn("w:numId")) == num_id
    ]
    if not matches:
        raise ValueError(f'style "{style}" refers to numbering {num_id}, which is not defined')
    num = numbering.add_num(int(matches[0]))
    override = OxmlElement("w:lvlOverride", {qn("w:ilvl"): "0"})
    override.append(OxmlElement("w:startOverride", {qn("w:val"): str(start)}))
    num.append(override)
    return int(num.get(qn("w:numId")))


def _style_num_id(style: BaseStyle | None) -> str | None:
    while style is not None:
        num_id = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            return str(num_id.get(qn("w:val")))
        # Only paragraph and character styles have a base style.
        style = getattr(style, "base_style", None)
    return None


def set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    """Number ``paragraph`` with numbering instance ``num_id`` (from :func:`new_numbering`)
    at list level ``level`` (0-8). Raises ValueError for a level out of range."""
    if not 0 <= level <= 8:
        raise ValueError(f"list level must be 0-8, got {level}")
    properties = _get_or_add(paragraph._p.get_or_add_pPr(), "w:numPr", _PPR_ORDER)
    for child in list(properties):
        properties.remove(child)
    properties.append(OxmlElement("w:ilvl", {qn("w:val"): str(level)}))
    properties.append(OxmlElement("w:numId", {qn("w:val"): str(num_id)}))


# -- images --------------------------------------------------------------------------


def set_alt_text(shape: InlineShape, alt: str, title: str = "") -> None:
    """Give an inline picture its alternative text (``wp:docPr/@descr``), read by screen
    readers and carried into tagged PDF, and an optional title. Raises ValueError for
    empty alt text."""
    if not alt.strip():
        raise ValueError("alt text must not be empty")
    properties = shape._inline.find(qn("wp:docPr"))
    properties.set("descr", alt)
    if title:
        properties.set("title", title)
    elif "title" in properties.attrib:
        del properties.attrib["title"]


# -- document-wide settings and styles -----------------------------------------------


def _default_run_properties(document: Document) -> Element:
    styles = document.styles.element
    defaults = _get_or_add(styles, "w:docDefaults", _STYLES_ORDER)
    run_defaults = _get_or_add(defaults, "w:rPrDefault", _DOC_DEFAULTS_ORDER)
    return _get_or_add(run_defaults, "w:rPr", ("w:rPr",))


def set_document_language(
    document: Document,
    language: str,
    *,
    east_asia: str | None = None,
    bidi: str | None = None,
) -> None:
    """Set the language of the document's text (spelling, hyphenation, what screen
    readers announce) in the style defaults, which every style inherits.

    ``language`` is a BCP 47 tag such as ``"es-ES"``. ``east_asia`` and ``bidi`` are the
    languages Word assumes for East Asian and right-to-left text; left as they are unless
    given. Raises ValueError for something that is not a language tag.
    """
    for tag in (language, east_asia, bidi):
        if tag is not None and not _LANGUAGE_TAG.fullmatch(tag):
            raise ValueError(f'"{tag}" is not a language tag such as "en-US" or "es"')
    lang = _get_or_add(_default_run_properties(document), "w:lang", _RPR_ORDER)
    lang.set(qn("w:val"), language)
    if east_asia is not None:
        lang.set(qn("w:eastAsia"), east_asia)
    if bidi is not None:
        lang.set(qn("w:bidi"), bidi)


def _set_fonts(run_properties: Element, name: str) -> None:
    fonts = _get_or_add(run_properties, "w:rFonts", _RPR_ORDER)
    # Theme attributes win over named fonts, so they must go for the name to apply.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    _set_attributes(fonts, ascii=name, hAnsi=name, cs=name)


def set_default_font(document: Document, name: str) -> None:
    """Make ``name`` the font of every style that does not name its own (Latin and
    complex-script text; East Asian text keeps the theme font)."""
    _set_fonts(_default_run_properties(document), name)


def set_font_family(style: BaseStyle, name: str) -> None:
    """Give ``style`` the font ``name``, replacing any theme font it referred to
    (python-docx's ``font.name`` leaves theme references, which override it)."""
    _set_fonts(_get_or_add(style.element, "w:rPr", _STYLE_ORDER), name)


def clear_style_formatting(style: BaseStyle) -> None:
    """Remove all paragraph, run and table formatting from ``style``, keeping its name and
    type, so it can be defined from scratch.

    A linked character style (Word's "Heading 1 Char") is deleted with the link: it
    mirrors the old formatting and would contradict the new one wherever it is applied.
    """
    element = style.element
    link = element.find(qn("w:link"))
    if link is not None:
        element.remove(link)
        styles = element.getparent()
        for candidate in styles.findall(qn("w:style")):
            linked = candidate.get(qn("w:styleId")) == link.get(qn("w:val"))
            if linked and candidate.get(qn("w:type")) == "character":
                styles.remove(candidate)
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def set_outline_level(target: Paragraph | BaseStyle, level: int) -> None:
    """Set the outline level (0 = top) that puts a heading in Word's navigation pane and
    TOC; 9 means body text. Raises ValueError outside 0-9."""
    if not 0 <= level <= 9:
        raise ValueError(f"outline level must be 0-9, got {level}")
    outline = _get_or_add(_paragraph_properties(target), "w:outlineLvl", _PPR_ORDER)
    outline.set(qn("w:val"), str(level))


def set_paragraph_shading(target: Paragraph | BaseStyle, fill: str) -> None:
    """Shade the background of a paragraph style or paragraph with colour ``fill``
    (``"RRGGBB"``). Raises ValueError for a malformed colour."""
    shading = _get_or_add(_paragraph_properties(target), "w:shd", _PPR_ORDER)
    _set_attributes(shading, val="clear", color="auto", fill=_hex_color(fill))


def set_paragraph_border(
    target: Paragraph | BaseStyle,
    side: BorderSide,
    *,
    color: str,
    size: int = 4,
    space: int = 4,
) -> None:
    """Draw a single-line border on one ``side`` of a paragraph style or paragraph.

    ``size`` is the width in eighths of a point (2-96) and ``space`` the gap to the text
    in points (0-31). Consecutive paragraphs with the same borders share one box.
    Raises ValueError for values out of range.
    """
    if side not in ("top", "left", "bottom", "right"):
        raise ValueError(f'border side must be top, left, bottom or right, got "{side}"')
    if not 2 <= size <= 96:
        raise ValueError(f"border size must be 2-96 eighths of a point, got {size}")
    if not 0 <= space <= 31:
        raise ValueError(f"border space must be 0-31 points, got {space}")
    borders = _get_or_add(_paragraph_properties(target), "w:pBdr", _PPR_ORDER)
    edge = _get_or_add(borders, f"w:{side}", _PBDR_ORDER)
    _set_attributes(edge, val="single", sz=str(size), space=str(space), color=_hex_color(color))


def set_table_style_borders(style: BaseStyle, *, color: str, size: int = 4) -> None:
    """Give table style ``style`` single-line outer and inner borders of ``size`` eighths
    of a point in colour ``color``. Raises ValueError for a malformed colour."""
    color = _hex_color(color)
    properties = _get_or_add(style.element, "w:tblPr", _STYLE_ORDER)
    borders = _get_or_add(properties, "w:tblBorders", _TBLPR_ORDER)
    for edge_tag in _TBL_BORDERS_ORDER:
        edge = _get_or_add(borders, edge_tag, _TBL_BORDERS_ORDER)
        _set_attributes(edge, val="single", sz=str(size), space="0", color=color)


def set_table_style_header_row(style: BaseStyle, *, fill: str, bold: bool = True) -> None:
    """Make the first row of tables in style ``style`` shaded with ``fill`` and, by
    default, bold. Word applies it to tables whose ``tblLook`` enables the header row,
    as python-docx's ``add_table`` does. Raises ValueError for a malformed colour."""
    element = style.element
    conditional = next(
        (
            candidate
            for candidate in element.findall(qn("w:tblStylePr"))
            if candidate.get(qn("w:type")) == "firstRow"
        ),
        None,
    )
    if conditional is None:
        conditional = OxmlElement("w:tblStylePr", {qn("w:type"): "firstRow"})
        element.append(conditional)
    run_properties = _get_or_add(conditional, "w:rPr", _TBL_STYLE_PR_ORDER)
    for tag in ("w:b", "w:bCs"):
        existing = run_properties.find(qn(tag))
        if existing is not None:
            run_properties.remove(existing)
        if bold:
            _get_or_add(run_properties, tag, _RPR_ORDER)
    cell_properties = _get_or_add(conditional, "w:tcPr", _TBL_STYLE_PR_ORDER)
    shading = _get_or_add(cell_properties, "w:shd", _TCPR_ORDER)
    _set_attributes(shading, val="clear", color="auto", fill=_hex_color(fill))


# -- tables --------------------------------------------------------------------------


def _set_row_flag(row: _Row, tag: str) -> None:
    flag = _get_or_add(row._tr.get_or_add_trPr(), tag, _TRPR_ORDER)
    flag.attrib.pop(qn("w:val"), None)


def set_repeat_table_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table continues on. Word needs it on
    each leading header row, and screen readers take such rows as column headers."""
    _set_row_flag(row, "w:tblHeader")


def prevent_row_split(row: _Row) -> None:
    """Keep ``row`` whole on one page instead of breaking it across pages."""
    _set_row_flag(row, "w:cantSplit")


def set_cell_shading(cell: _Cell, fill: str) -> None:
    """Shade table cell ``cell`` with colour ``fill`` (``"RRGGBB"``). Raises ValueError
    for a malformed colour."""
    shading = _get_or_add(cell._tc.get_or_add_tcPr(), "w:shd", _TCPR_ORDER)
    _set_attributes(shading, val="clear", color="auto", fill=_hex_color(fill))


# -- speed ---------------------------------------------------------------------------


def memoize_style_lookups(document: Document) -> None:
    """Remember the style id of each style name once it has been looked up.

    python-docx resolves a style name on every ``paragraph.style = name`` by scanning all
    styles, then scanning them again for the default style: with a real reference
    document that is most of the time spent writing a long article. Call this once the
    document's styles are final; adding or renaming styles afterwards is not seen.
    """
    part = document.part
    lookup: Any = part.get_style_id
    known: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)  # type: ignore[no-any-return]
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id  # type: ignore[method-assign]


# -- body ----------------------------------------------------------------------------


def clear_body(document: Document) -> None:
    """Remove every paragraph and table from the body, keeping the page setup, so a
    document opened from the reference document starts empty."""
    document.element.body.clear_content()


# -- deterministic packaging ---------------------------------------------------------

_ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_COMPRESS_LEVEL: Final = 6
_LEADING_ENTRIES: Final = ("[Content_Types].xml", "_rels/.rels")


def _entry_order(name: str) -> tuple[int, str]:
    if name in _LEADING_ENTRIES:
        return _LEADING_ENTRIES.index(name), ""
    return len(_LEADING_ENTRIES), name


def normalize_package(data: bytes) -> bytes:
    """Rewrite a DOCX (any zip) so that equal contents give equal bytes.

    Entries get the zip epoch (1980-01-01) as their time, no host-specific attributes,
    Deflate at a fixed level, and a fixed order: ``[Content_Types].xml`` first (some
    readers sniff for it), then the package relationships, then the rest by name.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in sorted(members, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.create_system = 0
            info.external_attr = 0
            target.writestr(
                info,
                members[name],
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=_COMPRESS_LEVEL,
            )
    return output.getvalue()


def save_deterministic(document: Document) -> bytes:
    """Serialize ``document`` to DOCX bytes that depend only on its content.

    python-docx stamps every zip entry with the current time; :func:`normalize_package`
    removes that. Nothing else it writes comes from the clock: its default template
    carries fixed core-property dates, and python-docx only fills ``modified`` with the
    current time when a package has no core properties part at all, so callers set
    ``created``/``modified`` explicitly (from the article) before saving.
    """
    stream = io.BytesIO()
    document.save(stream)
    return normalize_package(stream.getvalue())
