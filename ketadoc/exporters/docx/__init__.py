"""The ``docx`` exporter: an editable Word document built with python-docx on the named
styles of a reference document (``templates/docx/reference.docx``).

python-docx is imported only by the submodules, when a document is actually built, so
importing this package stays cheap for commands that never write DOCX.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field

from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.model.article import Article
from ketadoc.rendering.allowed_resources import AllowedResources

__all__ = ["DocxExporter", "DocxOptions"]


def _case_insensitive(allowed: tuple[str, ...]) -> BeforeValidator:
    names = {name.casefold(): name for name in allowed}
    return BeforeValidator(lambda v: names.get(v.casefold(), v) if isinstance(v, str) else v)


class DocxOptions(ExporterOptions):
    """Options of the docx exporter (CLI: ``-O docx.NAME=VALUE``)."""

    page_size: Annotated[Literal["Letter", "A4"] | None, _case_insensitive(("Letter", "A4"))] = (
        Field(None, description="Default: Letter for US (and nearby) English/Spanish, else A4.")
    )
    citation_style: Annotated[
        Literal["footnotes", "numbered"], _case_insensitive(("footnotes", "numbered"))
    ] = Field(
        "numbered",
        description="Superscript numbers linking to the numbered reference list (as in"
        " the PDF), or Word footnotes each holding the full references.",
    )
    reference_docx: Path | None = Field(
        None, description="A DOCX whose styles (same names as ketadoc's) replace ours."
    )
    allowed_resources: AllowedResources = Field(
        (), description="Folders figures may also load from."
    )
    labels_file: Path | None = Field(None, description="YAML/JSON labels that override ours.")


class DocxExporter(Exporter[DocxOptions]):
    """Writes the whole article (the PDF ``article`` layout's content) as a Word document."""

    name: ClassVar[str] = "docx"
    media_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    extension: ClassVar[str] = ".docx"
    embeds_figures: ClassVar[bool] = True
    options: ClassVar[type[ExporterOptions]] = DocxOptions

    def render(self, article: Article, options: DocxOptions | None = None) -> Rendered:
        """Render ``article`` to DOCX bytes, identical for identical input.

        Raises TemplateError for an unusable reference document or labels file,
        FetchError for a refused or missing figure, ExportError for a figure that cannot
        be embedded, and MissingDependencyError when an SVG figure cannot be rasterised.
        """
        from ketadoc.exporters.docx.document import render_docx

        data, warnings = render_docx(article, options or DocxOptions())
        return self.rendered(data, warnings)
