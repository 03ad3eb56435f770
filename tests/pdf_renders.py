"""Each PDF the tests read, rendered once per test session.

Rendering is the slow part of the pdf tests, so every test module asks here: the same
source, layout and page size give the bytes rendered the first time. A render fails the
asking test if WeasyPrint logs anything at warning level or above.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import ketadoc

__all__ = ["render_quietly", "rendered"]


class _FailOnLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def render_quietly(article: ketadoc.Article, **options: object) -> bytes:
    """Render to PDF; fail if WeasyPrint logs anything at warning level or above."""
    handler = _FailOnLog()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        data = ketadoc.export(article, "pdf", **options).data
    finally:
        logger.removeHandler(handler)
    assert not handler.records, [r.getMessage() for r in handler.records]
    return data


@functools.cache
def rendered(source: Path, layout: str, page_size: str) -> bytes:
    """The PDF of ``source`` in ``layout`` and ``page_size``, rendered once per session."""
    return render_quietly(ketadoc.load(source), layout=layout, page_size=page_size)
