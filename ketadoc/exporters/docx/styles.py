"""Names of the styles the reference document defines and the DOCX exporter applies.

Word recognises its built-in styles by their internal names, several of which are lower
case ("footnote text", "toc 1"); python-docx looks styles up by that same name, so these
constants hold exactly what is written to ``w:name``.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ARTICLE_TABLE",
    "BODY_TEXT",
    "BOX_HEADING",
    "CAPTION",
    "CHECKLIST",
    "CODE",
    "DEFINITION",
    "DEFINITION_TERM",
    "DISCLAIMER",
    "FOOTER",
    "FOOTNOTE_REFERENCE",
    "FOOTNOTE_TEXT",
    "HEADER",
    "HEADINGS",
    "HTML_STYLE_MAP",
    "HYPERLINK",
    "LIST_BULLET",
    "LIST_CONTINUE",
    "LIST_NUMBER",
    "NORMAL",
    "QUOTE",
    "REVIEW_BLOCK",
    "SUBTITLE",
    "TITLE",
    "TOC_HEADING",
    "TOC_LEVELS",
]

NORMAL: Final = "Normal"
TITLE: Final = "Title"
SUBTITLE: Final = "Subtitle"
HEADINGS: Final = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
"""Indexed by depth: ``HEADINGS[0]`` carries outline level 0 in Word's navigation pane."""
BODY_TEXT: Final = NORMAL
"""Body paragraphs are in Word's default style, which every DOCX reader (mammoth,
pandoc, LibreOffice) takes for a plain paragraph."""
LIST_BULLET: Final = ("List Bullet", "List Bullet 2", "List Bullet 3")
"""Indexed by nesting depth, each with its own numbering definition."""
LIST_NUMBER: Final = ("List Number", "List Number 2", "List Number 3")
LIST_CONTINUE: Final = ("List Continue", "List Continue 2", "List Continue 3")
"""A further paragraph of a list item, indented as the item's text, by nesting depth."""
CHECKLIST: Final = "Checklist"
"""A list whose marker is a box to tick (through numbering, like every list)."""
BOX_HEADING: Final = "Box Heading"
"""The title of a box or card ("Important", "Emergency"): a heading to the reader, at
body-text outline level so the contents and the navigation pane list sections only."""
QUOTE: Final = "Quote"
"""A quotation, and its attribution line."""
DEFINITION_TERM: Final = "Definition Term"
"""The term of a definition list ("Drowsiness")."""
DEFINITION: Final = "Definition"
"""What the term means or what to do about it, indented under the term."""
HYPERLINK: Final = "Hyperlink"
CAPTION: Final = "Caption"
CODE: Final = "HTML Code"
"""Character style for inline code: Word's built-in name for monospaced text."""
ARTICLE_TABLE: Final = "Article Table"
"""Table style for the risk table and content tables: grid lines and a shaded header row."""
FOOTNOTE_TEXT: Final = "footnote text"
FOOTNOTE_REFERENCE: Final = "footnote reference"
TOC_HEADING: Final = "TOC Heading"
TOC_LEVELS: Final = ("toc 1", "toc 2", "toc 3")
REVIEW_BLOCK: Final = "Review Block"
"""Small text for the "last reviewed by" block."""
DISCLAIMER: Final = "Disclaimer"
HEADER: Final = "Header"
FOOTER: Final = "Footer"

HTML_STYLE_MAP: Final = """\
p[style-name='Title'] => h1:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h5:fresh
p[style-name='Box Heading'] => h3.box-title:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
p[style-name='TOC Heading'] => h2.contents:fresh
p[style-name='toc 1'] => p.contents-entry:fresh
p[style-name='caption'] => p.caption:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Definition Term'] => dl > dt:fresh
p[style-name='Definition'] => dl > dd:fresh
p[style-name='List Continue'] => p.list-continue:fresh
p[style-name='List Continue 2'] => p.list-continue:fresh
p[style-name='List Continue 3'] => p.list-continue:fresh
p[style-name='Review Block'] => p.review:fresh
p[style-name='Disclaimer'] => p.disclaimer:fresh
r[style-name='HTML Code'] => code
"""
"""A mammoth style map for ketadoc's documents: the title is the page's ``h1`` and the
section headings follow it, as on ketadoc's own web page, and the styles mammoth's
default map does not know (Word's Title, Subtitle, Caption, Quote, TOC and HTML Code
styles, and
ketadoc's own) keep their meaning. Pass it as ``mammoth.convert_to_html(file,
style_map=HTML_STYLE_MAP)``."""
