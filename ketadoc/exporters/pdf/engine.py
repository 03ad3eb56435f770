"""The one step from HTML to PDF: WeasyPrint, imported lazily and reused across renders.

Importing WeasyPrint loads Pango, cairo-free but still heavy (about a second), so it
happens on the first PDF render, never when ketadoc is imported. A batch build calls
:func:`write_pdf` many times in one process: the font configuration (which registers
the bundled fonts with fontconfig) and the parsed stylesheets are kept per thread and
reused, as WeasyPrint allows, instead of being rebuilt for every article.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ketadoc.errors import ExportError, FetchError
from ketadoc.exporters.pdf.tag_sources import recording
from ketadoc.rendering.native import load_weasyprint
from ketadoc.rendering.resources import ResourcePolicy, url_fetcher

__all__ = ["RenderResult", "StylesheetSource", "weasyprint_module", "write_pdf"]

_LOCAL = threading.local()


def weasyprint_module() -> ModuleType:
    """WeasyPrint, imported on first use (see :mod:`ketadoc.rendering.native`).

    Raises MissingDependencyError naming Pango when its system libraries cannot load.
    """
    return load_weasyprint()


@dataclass
class _ThreadState:
    font_config: Any
    stylesheets: dict[tuple[Any, ...], Any] = field(default_factory=dict)


def _state() -> _ThreadState:
    state: _ThreadState | None = getattr(_LOCAL, "state", None)
    if state is None:
        from weasyprint.text.fonts import FontConfiguration

        state = _ThreadState(FontConfiguration())
        _LOCAL.state = state
    return state


def _stylesheet(css: str, base: Path | None, policy: ResourcePolicy, key: tuple[Any, ...]) -> Any:
    """A parsed stylesheet, cached by ``key`` (which must name the text it was parsed from)."""
    state = _state()
    sheet = state.stylesheets.get(key)
    if sheet is None:
        weasyprint = weasyprint_module()
        sheet = weasyprint.CSS(
            string=css,
            base_url=base.as_uri() + "/" if base is not None else None,
            url_fetcher=url_fetcher(policy),
            font_config=state.font_config,
        )
        state.stylesheets[key] = sheet
    return sheet


@dataclass(frozen=True, slots=True)
class StylesheetSource:
    """A stylesheet's text, the folder its relative URLs resolve in, and a cache key."""

    css: str
    base: Path | None
    key: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The PDF bytes and what WeasyPrint warned about while making them."""

    data: bytes
    warnings: tuple[str, ...]
    pages: int
    page_anchors: tuple[tuple[str, ...], ...] = ()
    """The element ids on each page, in page order: what lands where."""


class _Collector(logging.Handler):
    """Collects WeasyPrint's warnings raised by this thread's render only."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _collected_warnings() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


def write_pdf(
    html: str,
    *,
    base_dir: Path | None,
    stylesheets: Sequence[StylesheetSource],
    policy: ResourcePolicy,
    identifier: bytes,
    pdf_ua: bool,
) -> RenderResult:
    """Render ``html`` (with ``stylesheets`` as user stylesheets) to PDF bytes.

    Raises FetchError when a resource is refused or cannot be loaded, ExportError when
    WeasyPrint reports an error, MissingDependencyError when Pango is missing.
    """
    weasyprint = weasyprint_module()
    from weasyprint.urls import FatalURLFetchingError

    fetcher = url_fetcher(policy)
    with _collected_warnings() as collector:
        try:
            sheets = [_stylesheet(s.css, s.base, policy, s.key) for s in stylesheets]
            document = weasyprint.HTML(
                string=html,
                base_url=base_dir.as_uri() + "/" if base_dir is not None else None,
                url_fetcher=fetcher,
            ).render(
                font_config=_state().font_config,
                stylesheets=sheets,
                pdf_variant="pdf/ua-1" if pdf_ua else None,
                pdf_tags=True,
                pdf_identifier=identifier,
            )
            with recording() as sources:
                data = document.write_pdf(
                    pdf_variant="pdf/ua-1" if pdf_ua else None,
                    pdf_tags=True,
                    pdf_identifier=identifier,
                )
        except FatalURLFetchingError as exc:
            cause = exc.__cause__
            if isinstance(cause, FetchError):
                raise FetchError(str(cause)) from None
            raise FetchError(f"{exc}: {cause}") from None
    problems = [record.getMessage() for record in collector.records]
    failed_loads = [p for p in problems if p.startswith(("Failed to load", "Error fetching"))]
    if failed_loads:
        raise FetchError("pdf: " + "; ".join(failed_loads))
    errors = [r.getMessage() for r in collector.records if r.levelno >= logging.ERROR]
    if errors:
        raise ExportError("pdf: WeasyPrint reported: " + "; ".join(errors))
    if sources is not None:
        from ketadoc.exporters.pdf.tagging import retag

        data = retag(data, sources)
    anchors = tuple(tuple(page.anchors) for page in document.pages)
    return RenderResult(data, tuple(problems), len(document.pages), anchors)
