"""The ``html`` exporter: one self-contained, accessible page with the JSON-LD embedded."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import ClassVar

import jinja2
from markupsafe import Markup
from pydantic import Field

from ketadoc.errors import FetchError, TemplateError
from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.model.article import Article
from ketadoc.rendering.context import article_context
from ketadoc.rendering.jsonld import build_document, page_url, script_safe, to_json
from ketadoc.rendering.templates import render_template, template_environment

__all__ = ["HtmlExporter", "HtmlOptions"]

PAGE_TEMPLATE = "html/page.html.j2"
PAGE_CSS = "html/page.css"


class HtmlOptions(ExporterOptions):
    """Options of the html exporter."""

    base_url: str | None = Field(None, pattern=r"^https?://\S+$")
    template_dir: Path | None = None
    labels_file: Path | None = None
    embed_images: bool = True


class HtmlExporter(Exporter[HtmlOptions]):
    """Renders ``templates/html/page.html.j2`` with inline CSS and the page's JSON-LD."""

    name: ClassVar[str] = "html"
    media_type: ClassVar[str] = "text/html"
    extension: ClassVar[str] = ".html"
    options: ClassVar[type[ExporterOptions]] = HtmlOptions

    def render(self, article: Article, options: HtmlOptions | None = None) -> Rendered:
        """Raises TemplateError for a missing or broken template, FetchError for an image
        that cannot be embedded, ExportError when the JSON-LD would break a rule."""
        options = options or HtmlOptions()
        jsonld = build_document(article, "page", options.base_url)
        image_src = ImageEmbedder(article.base_dir) if options.embed_images else None
        doc = article_context(
            article,
            labels_file=options.labels_file,
            jsonld=script_safe(to_json(jsonld.data)),
            image_src=image_src,
        )
        html = render_template(
            PAGE_TEMPLATE,
            options.template_dir,
            doc=doc,
            css=Markup(_stylesheet(options.template_dir)),
            canonical_url=page_url(article, options.base_url),
        )
        return self.rendered(html.encode("utf-8"), (*doc.warnings, *jsonld.warnings))


def _stylesheet(template_dir: Path | None) -> str:
    # Read through the template loader so a user's page.css overrides the bundled one.
    environment = template_environment(template_dir)
    assert environment.loader is not None
    try:
        css, _, _ = environment.loader.get_source(environment, PAGE_CSS)
    except jinja2.TemplateNotFound:
        raise TemplateError(f'stylesheet "{PAGE_CSS}" not found') from None
    if "</" in css:
        raise TemplateError(f'stylesheet "{PAGE_CSS}" must not contain "</"')
    return css


class ImageEmbedder:
    """Turns a figure's ``src`` into a ``data:`` URI, so the page needs no other file.

    Only files inside the article's folder are read; ``data:`` URIs pass through.
    """

    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = base_dir

    def __call__(self, src: str) -> str:
        if src.startswith("data:"):
            return src
        if "://" in src or self.base_dir is None:
            raise FetchError(
                f'figure "{src}" cannot be embedded: only files next to the article are read'
                " (or set embed_images to false to link it instead)"
            )
        base = self.base_dir.resolve()
        path = (base / src).resolve()
        if not path.is_relative_to(base):
            raise FetchError(f'figure "{src}" is outside the article\'s folder {base}')
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchError(f'figure "{src}" cannot be read: {exc.strerror}') from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
