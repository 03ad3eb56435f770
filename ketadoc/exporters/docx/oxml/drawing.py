"""Drawing properties: the alternative text and title of an inline picture."""

from __future__ import annotations

from docx.oxml.shape import CT_NonVisualDrawingProps as _CT_NonVisualDrawingProps
from docx.oxml.simpletypes import XsdString
from docx.oxml.xmlchemy import OptionalAttribute

__all__ = ["CT_NonVisualDrawingProps"]


class CT_NonVisualDrawingProps(_CT_NonVisualDrawingProps):
    """``<wp:docPr>`` with ``descr`` (alt text, read by screen readers) and ``title``."""

    descr = OptionalAttribute("descr", XsdString)
    title = OptionalAttribute("title", XsdString)
