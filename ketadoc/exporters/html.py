"""The ``html`` exporter: one self-contained, accessible page with the JSON-LD embedded."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from pydantic import Field

from ketadoc.errors import TemplateError
from ketadoc.exporters.base import Exporter, ExporterOptions, Rendered
from ketadoc.model.article import Article
from ketadoc.rendering.allowed_resources import AllowedResources

# Templates, the JSON-LD graph and the resource policy are imported on first render, so
# parsing this format's options (planning a build, a no-op rebuild) stays light.

__all__ = ["HtmlExporter", "HtmlOptions"]

PAGE_TEMPLATE = "html/page.html.j2"
PAGE_CSS = "html/page.css"


class HtmlOptions(ExporterOptions):
    """Options of the html exporter."""

    base_url: str | None = Field(None, pattern=r"^https?://\S+$")
    template_dir: Path | None = None
    labels_file: Path | None = None
    embed_images: bool = True
    allowed_resources: AllowedResources = Field(
        (), description="URL prefixes or folders figures may also load from."
    )


class HtmlExporter(Exporter[HtmlOptions]):
    """Renders ``templates/html/page.html.j2`` with inline CSS and the page's JSON-LD."""

    name: ClassVar[str] = "html"
    media_type: ClassVar[str] = "text/html"
    extension: ClassVar[str] = ".html"
    embeds_figures: ClassVar[bool] = True
    options: ClassVar[type[ExporterOptions]] = HtmlOptions

    def render(self, article: Article, options: HtmlOptions | None = None) -> Rendered:
        """Raises TemplateError for a missing or broken template, FetchError for an image
        that cannot be embedded, ExportError when the JSON-LD would break a rule."""
        from markupsafe import Markup

        from ketadoc.rendering.context import article_context
        from ketadoc.rendering.jsonld import build_document, page_url, script_safe, to_json
        from ketadoc.rendering.templates import render_template

        options = options or HtmlOptions()
        jsonld = build_document(article, "page", options.base_url)
        image_src = (
            ImageEmbedder(article.base_dir, options.allowed_resources)
            if options.embed_images
            else None
        )
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
        # The graph's warnings are the jsonld format's to report: repeating them here
        # would print each one twice per source.
        return self.rendered(html.encode("utf-8"), doc.warnings)


def _stylesheet(template_dir: Path | None) -> str:
    # Read through the template loader so a user's page.css overrides the bundled one;
    # the theme's tones come first, so a user's stylesheet can use them too.
    import jinja2

    from ketadoc.rendering.templates import template_environment
    from ketadoc.rendering.theme import theme_css

    environment = template_environment(template_dir)
    assert environment.loader is not None
    try:
        css, _, _ = environment.loader.get_source(environment, PAGE_CSS)
    except jinja2.TemplateNotFound:
        raise TemplateError(f'stylesheet "{PAGE_CSS}" not found') from None
    if "</" in css:
        raise TemplateError(f'stylesheet "{PAGE_CSS}" must not contain "</"')
    return theme_css() + css


class ImageEmbedder:
    """Turns a figure's ``src`` into a ``data:`` URI, so the page needs no other file.

    Figures are read under the resource policy every format uses; a network image the
    caller allowed is linked as written, since a browser loads it anyway.
    """

    def __init__(self, base_dir: Path | None, allowed: tuple[str, ...] = ()) -> None:
        from ketadoc.rendering.resources import ResourcePolicy

        self.base_dir = base_dir
        self.policy = ResourcePolicy.for_article(base_dir, allowed=allowed)

    def __call__(self, src: str) -> str:
        url = self.policy.resolve_figure(src, self.base_dir)
        if urlsplit(url).scheme.lower() in ("http", "https"):
            return src
        from ketadoc.rendering.images import data_uri

        return data_uri(self.policy.read_figure(src, self.base_dir))
