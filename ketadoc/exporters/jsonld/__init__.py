"""The ``jsonld`` exporter: schema.org markup that matches the visible page, pure Python."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import pydantic_core
from pydantic import Field

from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.exporters.jsonld.builder import JsonLdDocument, build_document, page_url
from ketadoc.model.article import Article

__all__ = ["JsonLdExporter", "JsonLdOptions", "jsonld_script", "page_url", "script_safe", "to_json"]


class JsonLdOptions(ExporterOptions):
    """Options of the jsonld exporter."""

    scope: Literal["page", "faq"] = "page"
    base_url: str | None = Field(None, pattern=r"^https?://\S+$")
    script: bool = False
    indent: int | None = Field(2, ge=0, le=8)


class JsonLdExporter(Exporter[JsonLdOptions]):
    """Writes a MedicalWebPage + FAQPage graph (``scope="page"``) or the FAQPage alone."""

    name: ClassVar[str] = "jsonld"
    media_type: ClassVar[str] = "application/ld+json"
    extension: ClassVar[str] = ".jsonld"
    options: ClassVar[type[ExporterOptions]] = JsonLdOptions

    def render(self, article: Article, options: JsonLdOptions | None = None) -> Rendered:
        """Raises ExportError when the markup would break a rule (see ``build_document``)."""
        options = options or JsonLdOptions()
        document = self.document(article, options)
        text = to_json(document.data, options.indent)
        if options.script:
            text = jsonld_script(text)
        return self.rendered((text + "\n").encode("utf-8"), document.warnings)

    def document(self, article: Article, options: JsonLdOptions | None = None) -> JsonLdDocument:
        """The JSON-LD as data with its warnings, for callers that embed it themselves."""
        options = options or JsonLdOptions()
        return build_document(article, options.scope, options.base_url)


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON text in the data's own key order; non-ASCII kept as is (the output is UTF-8)."""
    # pydantic-core's writer gives the same text as json.dumps(ensure_ascii=False) but
    # stays fast when indenting, where the standard library falls back to pure Python.
    return pydantic_core.to_json(data, indent=indent).decode("utf-8")


def script_safe(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>``: ``<``, ``>`` and ``&`` escaped.

    The escapes are JSON string escapes, so the data parse back unchanged, while no
    ``</script>``, ``<!--`` or entity can appear in the element's raw text.
    """
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def jsonld_script(text: str) -> str:
    """The JSON-LD text inside a ``<script type="application/ld+json">`` element."""
    return f'<script type="application/ld+json">\n{script_safe(text)}\n</script>'
