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
    "CALLOUT",
    "CAPTION",
    "CODE",
    "DISCLAIMER",
    "FOOTER",
    "FOOTNOTE_REFERENCE",
    "FOOTNOTE_TEXT",
    "HEADER",
    "HEADINGS",
    "HYPERLINK",
    "LIST_BULLET",
    "LIST_NUMBER",
    "NORMAL",
    "REVIEW_BLOCK",
    "SUBTITLE",
    "TITLE",
    "TOC_HEADING",
    "TOC_LEVELS",
    "WARNING_CALLOUT",
]

NORMAL: Final = "Normal"
TITLE: Final = "Title"
SUBTITLE: Final = "Subtitle"
HEADINGS: Final = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
"""Indexed by depth: ``HEADINGS[0]`` carries outline level 0 in Word's navigation pane."""
BODY_TEXT: Final = "Body Text"
LIST_BULLET: Final = ("List Bullet", "List Bullet 2", "List Bullet 3")
"""Indexed by nesting depth, each with its own numbering definition."""
LIST_NUMBER: Final = ("List Number", "List Number 2", "List Number 3")
HYPERLINK: Final = "Hyperlink"
CAPTION: Final = "Caption"
CODE: Final = "HTML Code"
"""Character style for inline code: Word's built-in name for monospaced text."""
CALLOUT: Final = "Callout"
"""Shaded box with a coloured left border, for NOTE, TIP and IMPORTANT callouts."""
WARNING_CALLOUT: Final = "Warning Callout"
"""The same box in warning colours, for WARNING and CAUTION callouts and safety warnings."""
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
