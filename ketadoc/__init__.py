"""ketadoc: structured health articles, written once, published as PDF, DOCX, JSON-LD and HTML.

>>> import ketadoc
>>> article = ketadoc.load("article.md")          # doctest: +SKIP
>>> pdf = ketadoc.export(article, "pdf")          # doctest: +SKIP
"""

from typing import TYPE_CHECKING, Any

from ketadoc._version import __version__
from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import (
    CheckGateError,
    ContentError,
    ExporterRegistryError,
    ExportError,
    FetchError,
    KetadocError,
    MissingDependencyError,
    OptionError,
    Problem,
    TemplateError,
    UnknownExporterError,
    UsageError,
)
from ketadoc.exporters.base import (
    Exporter,
    ExporterOptions,
    Rendered,
    export,
    export_to,
    exporter_names,
    get_exporter,
)
from ketadoc.model import (
    Article,
    Callout,
    CareAdvice,
    Citation,
    Entity,
    Faq,
    Figure,
    InlineText,
    ListBlock,
    Organization,
    Paragraph,
    Person,
    Risk,
    Section,
    Table,
)
from ketadoc.readers import load, loads

if TYPE_CHECKING:
    from ketadoc.build import BuildResult, build_many
    from ketadoc.checks import Report, check

# Batch building and checking pull in process pools and scoring tables; load them on
# first use so `import ketadoc` (and `ketadoc jsonld`) stays quick.
_LAZY = {
    "BuildResult": "ketadoc.build",
    "build_many": "ketadoc.build",
    "Report": "ketadoc.checks",
    "check": "ketadoc.checks",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ketadoc' has no attribute {name!r}")


__all__ = [
    "Article",
    "BuildResult",
    "Callout",
    "CareAdvice",
    "CheckGateError",
    "Citation",
    "ContentError",
    "Diagnostic",
    "Entity",
    "ExportError",
    "Exporter",
    "ExporterOptions",
    "ExporterRegistryError",
    "Faq",
    "FetchError",
    "Figure",
    "InlineText",
    "KetadocError",
    "ListBlock",
    "MissingDependencyError",
    "OptionError",
    "Organization",
    "Paragraph",
    "Person",
    "Problem",
    "Rendered",
    "Report",
    "Risk",
    "Section",
    "Table",
    "TemplateError",
    "UnknownExporterError",
    "UsageError",
    "__version__",
    "build_many",
    "check",
    "export",
    "export_to",
    "exporter_names",
    "get_exporter",
    "load",
    "loads",
]
