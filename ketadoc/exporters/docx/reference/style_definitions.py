"""The named styles of the reference document, defined from scratch.

Each style named in :mod:`ketadoc.exporters.docx.styles` is taken from python-docx's
default template (or added), cleared of its formatting, and defined completely here: the
text styles (title, headings, body, captions, code, links, small print), the multi-level
list definitions and their styles, boxes, quotations and definition lists, footnotes and
contents entries, and the article's table style. Colours are the reference document's
own; the exporter recolours boxes from the theme when it writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor, Twips

from ketadoc.exporters.docx import styles as names
from ketadoc.exporters.docx.oxml.numbering import ListLevel
from ketadoc.exporters.docx.reference.authoring import (
    clear_style_formatting,
    set_font_family,
    set_outline_level,
    set_paragraph_border,
    set_table_style_borders,
    set_table_style_header_row,
)
from ketadoc.rendering.theme import LIST_LEVELS

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle
    from docx.styles.styles import Styles

__all__ = ["define_styles"]

# Installed with Windows and macOS; LibreOffice maps it to Liberation Mono.
_CODE_FONT: Final = "Courier New"

_TEXT_DARK: Final = RGBColor(0x26, 0x26, 0x26)
_TEXT_MUTED: Final = RGBColor(0x40, 0x40, 0x40)
_HEADING: Final = RGBColor(0x1F, 0x38, 0x64)
_LINK: Final = RGBColor(0x05, 0x63, 0xC1)
_LIST_INDENT: Final = 360  # twips (a quarter inch) per list level
# Word's names for the CSS list-style-types of the theme's list levels.
_WORD_NUMBER_FORMATS: Final = {
    "decimal": "decimal",
    "lower-alpha": "lowerLetter",
    "lower-roman": "lowerRoman",
}
_CHECKBOX: Final = "\u2610"
_CHECKBOX_INDENT: Final = 400  # a box to tick is wider than a bullet
_TABLE_GRID: Final = "8C8C8C"
_TABLE_HEADER_FILL: Final = "D9E2F3"
_RULE: Final = "BFBFBF"

# (size in points, space before, space after) for Heading 1-4; all bold and kept with
# the paragraph that follows.
_HEADING_METRICS: Final = (
    (18.0, 18.0, 6.0),
    (15.0, 14.0, 4.0),
    (13.0, 12.0, 4.0),
    (11.5, 10.0, 2.0),
)


def _get_or_add_style(
    styles: Styles, name: str, kind: WD_STYLE_TYPE, *, style_id: str | None, builtin: bool
) -> BaseStyle:
    if name in styles:
        return cast("BaseStyle", styles[name])
    style: BaseStyle = styles.add_style(name, kind, builtin=builtin)  # type: ignore[no-untyped-call]
    if style_id is not None:
        # python-docx derives "footnotetext" from "footnote text"; Word uses "FootnoteText".
        style.style_id = style_id
    return style


def _paragraph_style(
    styles: Styles,
    name: str,
    *,
    style_id: str | None = None,
    base: str | None = names.NORMAL,
    next_style: str | None = None,
    builtin: bool = True,
) -> ParagraphStyle:
    """``name`` from the template, or a new style; either way with no formatting left, so
    what follows defines it completely."""
    style = cast(
        "ParagraphStyle",
        _get_or_add_style(
            styles, name, WD_STYLE_TYPE.PARAGRAPH, style_id=style_id, builtin=builtin
        ),
    )
    clear_style_formatting(style)
    style.base_style = None if base is None else styles[base]
    if next_style is not None:
        style.next_paragraph_style = _existing(styles, next_style)
    style.hidden = False
    style.quick_style = True
    return style


def _character_style(styles: Styles, name: str, *, style_id: str) -> CharacterStyle:
    style = cast(
        "CharacterStyle",
        _get_or_add_style(styles, name, WD_STYLE_TYPE.CHARACTER, style_id=style_id, builtin=True),
    )
    clear_style_formatting(style)
    style.hidden = False
    style.unhide_when_used = True
    return style


def _existing(styles: Styles, name: str) -> ParagraphStyle:
    return cast("ParagraphStyle", styles[name])


def define_styles(document: Document) -> None:
    """Define every named style the exporter uses, and the list definitions."""
    styles = document.styles
    _define_text_styles(styles)
    _define_lists(document)
    _define_boxes(styles)
    _define_note_and_contents_styles(styles)
    _define_table_style(styles)
    # Complex-script text (Arabic, Hebrew, Devanagari, Thai...) is sized and bolded by
    # its own properties: every style's are set to match (see docx.direction).
    for properties in styles.element.iter(qn("w:rPr")):
        properties.mirror_complex_script()


def _define_text_styles(styles: Styles) -> None:
    title = _paragraph_style(styles, names.TITLE, next_style=names.SUBTITLE)
    title.font.size = Pt(26)
    title.font.bold = True
    title.font.color.rgb = _HEADING
    title.paragraph_format.space_after = Pt(6)
    title.paragraph_format.line_spacing = 1.0
    title.paragraph_format.keep_with_next = True

    subtitle = _paragraph_style(styles, names.SUBTITLE, next_style=names.BODY_TEXT)
    subtitle.font.size = Pt(14)
    subtitle.font.color.rgb = _TEXT_MUTED
    subtitle.paragraph_format.space_after = Pt(12)

    for level, (name, (size, before, after)) in enumerate(
        zip(names.HEADINGS, _HEADING_METRICS, strict=True)
    ):
        heading = _paragraph_style(styles, name, next_style=names.BODY_TEXT)
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = _HEADING if level < 3 else _TEXT_DARK
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
        set_outline_level(heading, level)

    # Every style not set below inherits these from Normal, the body text's style.
    body = _existing(styles, names.BODY_TEXT)
    body.paragraph_format.space_after = Pt(8)
    body.paragraph_format.line_spacing = 1.15

    caption = _paragraph_style(styles, names.CAPTION, next_style=names.BODY_TEXT)
    caption.font.size = Pt(9.5)
    caption.font.color.rgb = _TEXT_MUTED
    caption.paragraph_format.space_before = Pt(4)
    caption.paragraph_format.space_after = Pt(12)

    code = _character_style(styles, names.CODE, style_id="HTMLCode")
    set_font_family(code, _CODE_FONT)
    code.font.size = Pt(10)

    hyperlink = _character_style(styles, names.HYPERLINK, style_id="Hyperlink")
    hyperlink.font.color.rgb = _LINK
    hyperlink.font.underline = True

    for name in (names.REVIEW_BLOCK, names.DISCLAIMER):
        small = _paragraph_style(styles, name, builtin=False, next_style=name)
        small.font.size = Pt(9.5) if name == names.REVIEW_BLOCK else Pt(9)
        small.font.color.rgb = _TEXT_MUTED
        small.paragraph_format.space_after = Pt(4)
        small.paragraph_format.line_spacing = 1.1
    review = _existing(styles, names.REVIEW_BLOCK)
    review.paragraph_format.space_before = Pt(12)
    set_paragraph_border(review, "top", color=_RULE, size=4, space=6)

    for name in (names.HEADER, names.FOOTER):
        margin = _existing(styles, name)
        margin.font.size = Pt(9)
        margin.font.color.rgb = _TEXT_MUTED
        margin.paragraph_format.space_after = Pt(0)
        margin.paragraph_format.line_spacing = 1.0


def _define_lists(document: Document) -> None:
    """One multi-level definition per kind of list, so nested items carry their level
    (``w:ilvl``) as Word's outline and every DOCX reader expects; each list style
    points at its kind and level. Lists in ketadoc's output restart by taking a new
    instance of the definition, never by copying it."""
    bullets, numbers, boxes = document.part.numbering_part.element.replace_definitions(
        (
            [
                ListLevel("bullet", marks.bullet_glyph, _LIST_INDENT * (depth + 1))
                for depth, marks in enumerate(LIST_LEVELS)
            ],
            [
                ListLevel(
                    _WORD_NUMBER_FORMATS[marks.number], f"%{depth + 1}.", _LIST_INDENT * (depth + 1)
                )
                for depth, marks in enumerate(LIST_LEVELS)
            ],
            [ListLevel("bullet", _CHECKBOX, _CHECKBOX_INDENT, _CHECKBOX_INDENT)],
        )
    )
    styles = document.styles
    checklist = _paragraph_style(styles, names.CHECKLIST, builtin=False, next_style=names.CHECKLIST)
    checklist.paragraph_format.space_after = Pt(4)
    checklist.paragraph_format.line_spacing = 1.15
    for group, num_id in (
        (names.LIST_BULLET, bullets),
        (names.LIST_NUMBER, numbers),
        ((names.CHECKLIST,), boxes),
    ):
        for depth, name in enumerate(group):
            item = _existing(styles, name)
            item.hidden = False
            item.quick_style = True
            item.paragraph_format.space_after = Pt(4)
            item.paragraph_format.line_spacing = 1.15
            numbering = item.element.get_or_add_pPr()
            numbering._remove_numPr()
            properties = numbering.get_or_add_numPr()
            properties.get_or_add_ilvl().val = depth
            properties.get_or_add_numId().val = num_id
    for depth, name in enumerate(names.LIST_CONTINUE):
        continued = _paragraph_style(styles, name, next_style=name)
        continued.paragraph_format.left_indent = Twips(_LIST_INDENT * (depth + 1))
        continued.paragraph_format.space_after = Pt(4)
        continued.paragraph_format.line_spacing = 1.15


def _define_boxes(styles: Styles) -> None:
    # Boxes themselves are one-cell tables coloured from the theme when the document is
    # written; their titles share this style.
    box_heading = _paragraph_style(
        styles, names.BOX_HEADING, builtin=False, next_style=names.BODY_TEXT
    )
    box_heading.font.size = Pt(12)
    box_heading.font.bold = True
    box_heading.font.color.rgb = _HEADING
    box_heading.paragraph_format.space_before = Pt(4)
    box_heading.paragraph_format.space_after = Pt(4)
    box_heading.paragraph_format.keep_with_next = True
    # Body-text outline level: a heading to the reader, not a section of the contents.
    set_outline_level(box_heading, 9)

    quote = _paragraph_style(styles, names.QUOTE, next_style=names.BODY_TEXT)
    quote.font.italic = True
    quote.font.color.rgb = _TEXT_DARK
    quote.paragraph_format.left_indent = Pt(24)
    quote.paragraph_format.right_indent = Pt(24)
    quote.paragraph_format.space_after = Pt(8)
    quote.paragraph_format.line_spacing = 1.15
    set_paragraph_border(quote, "left", color=_RULE, size=18, space=8)

    definition = _paragraph_style(
        styles, names.DEFINITION, builtin=False, next_style=names.DEFINITION
    )
    definition.paragraph_format.left_indent = Twips(_LIST_INDENT)
    definition.paragraph_format.space_after = Pt(4)

    term = _paragraph_style(
        styles, names.DEFINITION_TERM, builtin=False, next_style=names.DEFINITION
    )
    term.font.bold = True
    term.paragraph_format.space_before = Pt(6)
    term.paragraph_format.space_after = Pt(2)
    term.paragraph_format.keep_with_next = True


def _define_note_and_contents_styles(styles: Styles) -> None:
    footnote = _paragraph_style(styles, names.FOOTNOTE_TEXT, style_id="FootnoteText")
    footnote.font.size = Pt(9)
    footnote.paragraph_format.space_after = Pt(2)
    footnote.paragraph_format.line_spacing = 1.0
    footnote.unhide_when_used = True

    reference = _character_style(styles, names.FOOTNOTE_REFERENCE, style_id="FootnoteReference")
    reference.font.superscript = True

    toc_heading = _paragraph_style(
        styles, names.TOC_HEADING, base=names.HEADINGS[0], next_style=names.NORMAL
    )
    # Body-text outline level keeps the contents heading out of the contents and the
    # navigation pane.
    set_outline_level(toc_heading, 9)

    for depth, name in enumerate(names.TOC_LEVELS):
        entry = _paragraph_style(styles, name, style_id=f"TOC{depth + 1}", next_style=names.NORMAL)
        entry.paragraph_format.left_indent = Inches(0.25 * depth)
        entry.paragraph_format.space_after = Pt(4)
        entry.unhide_when_used = True


def _define_table_style(styles: Styles) -> None:
    table = cast(
        "ParagraphStyle",
        _get_or_add_style(
            styles, names.ARTICLE_TABLE, WD_STYLE_TYPE.TABLE, style_id=None, builtin=False
        ),
    )
    table.base_style = styles["Table Grid"]
    table.quick_style = True
    table.paragraph_format.space_before = Pt(2)
    table.paragraph_format.space_after = Pt(2)
    table.paragraph_format.line_spacing = 1.0
    set_table_style_borders(table, color=_TABLE_GRID, size=4)
    set_table_style_header_row(table, fill=_TABLE_HEADER_FILL, bold=True)
