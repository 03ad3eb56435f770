"""From an Article to PDF bytes: resource policy, content rules, HTML, then WeasyPrint."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import MappingProxyType

from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import FetchError, TemplateError
from ketadoc.exporters.pdf.budget import HANDOUT_PAGES, coverage_line, page_budget
from ketadoc.exporters.pdf.engine import StylesheetSource, write_pdf
from ketadoc.exporters.pdf.fonts import font_faces
from ketadoc.exporters.pdf.options import PdfOptions
from ketadoc.exporters.pdf.qr import qr_data_uri
from ketadoc.exporters.pdf.theme import DEFAULT_ACCENT, page_css
from ketadoc.model.article import Article
from ketadoc.rendering.context import article_context
from ketadoc.rendering.figures import figure_problems
from ketadoc.rendering.html import FootnoteMarks
from ketadoc.rendering.metadata import document_metadata, w3c_date
from ketadoc.rendering.resources import ResourcePolicy
from ketadoc.rendering.templates import render_template, template_environment
from ketadoc.rendering.theme import theme_css
from ketadoc.resources import resource_dir

__all__ = ["PdfPage", "build_html", "render_pdf"]


@dataclass(frozen=True, slots=True)
class PdfPage:
    """What the pdf templates add to ``doc``: theme, document metadata and the QR code."""

    layout: str
    page_css: str
    families: str
    organization_name: str | None
    logo_src: str | None
    logo_alt: str
    url: str | None
    qr_src: str | None
    qr_alt: str
    generator: str
    created: str | None
    modified: str | None
    keywords: tuple[str, ...]
    authors: tuple[str, ...]


def _logo(article: Article, options: PdfOptions) -> Path | None:
    if options.logo is not None:
        return options.logo.resolve()
    publisher = article.publisher
    if publisher is not None and publisher.logo and article.base_dir is not None:
        return (article.base_dir / publisher.logo).resolve()
    return None


def _policy(article: Article, options: PdfOptions, logo: Path | None) -> ResourcePolicy:
    return ResourcePolicy.for_article(
        article.base_dir,
        allowed=options.allowed_resources,
        roots=(options.template_dir, resource_dir("templates") / "pdf", font_faces().folder),
        files=(logo,) if logo is not None else (),
    )


def _stylesheets(options: PdfOptions) -> list[StylesheetSource]:
    fonts = font_faces()
    sources = [
        StylesheetSource(fonts.css, fonts.folder, ("fonts", fonts.css)),
        StylesheetSource(theme_css(), None, ("tones",)),
    ]
    environment = template_environment(options.template_dir)
    assert environment.loader is not None
    for name in ("pdf/theme.css", f"pdf/{options.layout}.css"):
        try:
            css, filename, _ = environment.loader.get_source(environment, name)
        except Exception as exc:
            raise TemplateError(f'stylesheet "{name}" not found: {exc}') from None
        folder = Path(filename).parent if filename else None
        sources.append(StylesheetSource(css, folder, (name, filename, css)))
    return sources


def build_html(article: Article, options: PdfOptions) -> tuple[str, tuple[str, ...]]:
    """The HTML WeasyPrint renders, and the label warnings met on the way.

    Raises TemplateError for a missing or broken template.
    """
    from ketadoc._version import __version__

    doc = article_context(article, labels_file=options.labels_file)
    if doc.footnotes is not None:
        # On paper a note is printed at the foot of the page that calls it.
        doc = dataclasses.replace(
            doc, footnotes=FootnoteMarks(doc.footnotes.numbers, doc.footnotes.notes, page=True)
        )
    if options.layout == "handout":
        # The handout has no room for a reference list, so no citation markers either:
        # a superscript that leads nowhere only puzzles a patient.
        doc = dataclasses.replace(doc, numbers=MappingProxyType({}))
    logo = _logo(article, options)
    meta = document_metadata(article, options.page_size)
    organization = options.organization_name or (
        article.publisher.name if article.publisher else None
    )
    page = PdfPage(
        layout=options.layout,
        page_css=page_css(
            page_size=meta.page_size,
            accent=options.accent_color or DEFAULT_ACCENT,
            page_label=doc.labels["page_x_of_y"],
            families=font_faces().families,
            direction=doc.direction,
        ),
        families=font_faces().families,
        organization_name=organization,
        logo_src=logo.as_uri() if logo is not None else None,
        logo_alt=organization or "",
        url=article.url,
        qr_src=qr_data_uri(article.url) if article.url else None,
        qr_alt=doc.label("qr_alt", url=article.url) if article.url else "",
        generator=f"ketadoc {__version__}",
        created=w3c_date(meta.created) if meta.created else None,
        modified=w3c_date(meta.modified) if meta.modified else None,
        keywords=meta.keywords,
        authors=meta.authors,
    )
    html = render_template(f"pdf/{options.layout}.html.j2", options.template_dir, doc=doc, pdf=page)
    return _resolve_local_links(html, article.url), doc.warnings


_ID = re.compile(r'\sid="([^"]+)"')
_LOCAL_LINK = re.compile(r'<a href="#([^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)


def _resolve_local_links(html: str, url: str | None) -> str:
    """Links to a part this layout does not print (a handout leaves sections out) go to
    that part of the online version, or, without one, keep their words and lose the
    link: a link to nowhere is an error in a PDF and a dead end on paper."""
    ids = set(_ID.findall(html))

    def resolve(link: re.Match[str]) -> str:
        anchor, attributes, words = link.groups()
        if anchor in ids:
            return link.group(0)
        if url is None:
            return words
        return f'<a href="{escape(url)}#{anchor}"{attributes}>{words}</a>'

    return _LOCAL_LINK.sub(resolve, html)


def render_pdf(article: Article, options: PdfOptions) -> tuple[bytes, tuple[str | Diagnostic, ...]]:
    """The PDF bytes of ``article`` in ``options.layout``, and warnings worth showing.

    The accessibility checks that gate the exporter run before this (see
    ``PdfExporter.gates``). Raises FetchError, TemplateError, ExportError or
    MissingDependencyError.
    """
    logo = _logo(article, options)
    policy = _policy(article, options, logo)
    refused = figure_problems(article, policy=policy)
    if refused:
        listing = "\n  ".join(dict.fromkeys(f"{p.field}: {p.message}" for p in refused))
        raise FetchError(f"pdf: a figure cannot be loaded:\n  {listing}")
    if logo is not None:
        policy.check(logo.as_uri())
    html, warnings = build_html(article, options)
    # Same HTML and options, same identifier: two builds of one article are identical.
    identifier = (
        hashlib.sha256(f"{html}\0{options.model_dump_json()}".encode())
        .hexdigest()[:32]
        .encode("ascii")
    )
    result = write_pdf(
        html,
        base_dir=article.base_dir,
        stylesheets=_stylesheets(options),
        policy=policy,
        identifier=identifier,
        pdf_ua=options.pdf_ua,
    )
    budget = options.max_pages or HANDOUT_PAGES.get(options.layout)
    return result.data, (
        *warnings,
        *result.warnings,
        *page_budget(article, options.layout, result, budget),
        *coverage_line(article, options.layout),
    )
