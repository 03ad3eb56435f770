"""The ``jsonld`` exporter: schema.org markup that matches the visible page, pure Python."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ketadoc._lazy import lazy_names as _lazy_names
from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.model.article import Article

if TYPE_CHECKING:
    from ketadoc.rendering.jsonld import JsonLdDocument, jsonld_script, page_url, script_safe

# The graph builder is imported on first render: planning a build (which parses each
# format's options) and a no-op rebuild do not pay for it.
__getattr__ = _lazy_names(
    __name__,
    dict.fromkeys(("jsonld_script", "page_url", "script_safe"), "ketadoc.rendering.jsonld"),
)

__all__ = ["JsonLdExporter", "JsonLdOptions", "jsonld_script", "page_url", "script_safe"]


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
        from ketadoc.rendering.jsonld import jsonld_script, to_json

        options = options or JsonLdOptions()
        document = self.document(article, options)
        text = to_json(document.data, options.indent)
        if options.script:
            text = jsonld_script(text)
        return self.rendered((text + "\n").encode("utf-8"), document.warnings)

    def document(self, article: Article, options: JsonLdOptions | None = None) -> JsonLdDocument:
        """The JSON-LD as data with its warnings, for callers that embed it themselves."""
        from ketadoc.rendering.jsonld import build_document

        options = options or JsonLdOptions()
        return build_document(article, options.scope, options.base_url)
