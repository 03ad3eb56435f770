"""The ``pdf`` exporter: a printable, accessible (tagged PDF/UA-1) handout or full article.

PDF is HTML plus one step: the Jinja2 templates under ``templates/pdf/`` reuse the body
macros of the html exporter, print CSS lays them out, and WeasyPrint writes the PDF.
"""

from __future__ import annotations

from typing import ClassVar

from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.exporters.pdf.options import PdfOptions
from ketadoc.model.article import Article

__all__ = ["PdfExporter", "PdfOptions"]


class PdfExporter(Exporter[PdfOptions]):
    """Renders the handout or article layout to PDF with WeasyPrint."""

    name: ClassVar[str] = "pdf"
    media_type: ClassVar[str] = "application/pdf"
    extension: ClassVar[str] = ".pdf"
    embeds_figures: ClassVar[bool] = True
    options: ClassVar[type[ExporterOptions]] = PdfOptions
    # WeasyPrint writes the PDF/UA claim whatever the content: these checks keep it true.
    gates: ClassVar[tuple[str, ...]] = ("KD501", "KD502", "KD503", "KD504")

    def render(self, article: Article, options: PdfOptions | None = None) -> Rendered:
        """Render ``article`` to PDF bytes.

        ``ketadoc.export`` first runs the checks in ``gates`` (alt text, link text,
        heading levels, table headers). Raises FetchError when
        a resource is refused or missing, TemplateError for a broken template, and
        MissingDependencyError when Pango cannot be loaded.
        """
        from ketadoc.exporters.pdf.document import render_pdf

        data, warnings = render_pdf(article, options or PdfOptions())
        return self.rendered(data, warnings)
