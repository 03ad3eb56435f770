"""ketadoc: structured health articles, written once, published as PDF, DOCX, JSON-LD and HTML.

>>> import ketadoc
>>> article = ketadoc.load("article.md")          # doctest: +SKIP
>>> pdf = ketadoc.export(article, "pdf")          # doctest: +SKIP

Every public name is imported on first use, so ``import ketadoc`` (and every command,
``ketadoc --version`` first) pays only for what it touches: the model and its Pydantic
schemas, the exporter registry, process pools and scoring tables load when asked for.
"""

from typing import TYPE_CHECKING

from ketadoc._lazy import lazy_names as _lazy_names
from ketadoc._version import __version__

if TYPE_CHECKING:
    from ketadoc.build import BuildResult, Worker, build_many
    from ketadoc.checks import Report, check
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
        DefinedTerm,
        DefinitionList,
        Entity,
        Faq,
        Figure,
        Footnote,
        InlineText,
        ListBlock,
        ListItem,
        Organization,
        Paragraph,
        Person,
        Quote,
        Risk,
        Section,
        Table,
    )
    from ketadoc.readers import load, loads
    from ketadoc.rendering.figures import validate

_PUBLIC = {
    "Article": "ketadoc.model",
    "build_many": "ketadoc.build",
    "BuildResult": "ketadoc.build",
    "Worker": "ketadoc.build",
    "Callout": "ketadoc.model",
    "CareAdvice": "ketadoc.model",
    "check": "ketadoc.checks",
    "CheckGateError": "ketadoc.errors",
    "Citation": "ketadoc.model",
    "ContentError": "ketadoc.errors",
    "Diagnostic": "ketadoc.diagnostics",
    "DefinedTerm": "ketadoc.model",
    "DefinitionList": "ketadoc.model",
    "Entity": "ketadoc.model",
    "Footnote": "ketadoc.model",
    "ListItem": "ketadoc.model",
    "Quote": "ketadoc.model",
    "export": "ketadoc.exporters.base",
    "export_to": "ketadoc.exporters.base",
    "Exporter": "ketadoc.exporters.base",
    "exporter_names": "ketadoc.exporters.base",
    "ExporterOptions": "ketadoc.exporters.base",
    "ExporterRegistryError": "ketadoc.errors",
    "ExportError": "ketadoc.errors",
    "Faq": "ketadoc.model",
    "FetchError": "ketadoc.errors",
    "Figure": "ketadoc.model",
    "get_exporter": "ketadoc.exporters.base",
    "InlineText": "ketadoc.model",
    "KetadocError": "ketadoc.errors",
    "ListBlock": "ketadoc.model",
    "load": "ketadoc.readers",
    "loads": "ketadoc.readers",
    "MissingDependencyError": "ketadoc.errors",
    "OptionError": "ketadoc.errors",
    "Organization": "ketadoc.model",
    "Paragraph": "ketadoc.model",
    "Person": "ketadoc.model",
    "Problem": "ketadoc.errors",
    "Rendered": "ketadoc.exporters.base",
    "Report": "ketadoc.checks",
    "Risk": "ketadoc.model",
    "Section": "ketadoc.model",
    "Table": "ketadoc.model",
    "TemplateError": "ketadoc.errors",
    "UnknownExporterError": "ketadoc.errors",
    "UsageError": "ketadoc.errors",
    "validate": "ketadoc.rendering.figures",
}
"""Each public name and the module that defines it."""


__getattr__ = _lazy_names(__name__, _PUBLIC)


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


__all__ = [
    "Article",
    "BuildResult",
    "Callout",
    "CareAdvice",
    "CheckGateError",
    "Citation",
    "ContentError",
    "DefinedTerm",
    "DefinitionList",
    "Diagnostic",
    "Entity",
    "ExportError",
    "Exporter",
    "ExporterOptions",
    "ExporterRegistryError",
    "Faq",
    "FetchError",
    "Figure",
    "Footnote",
    "InlineText",
    "KetadocError",
    "ListBlock",
    "ListItem",
    "MissingDependencyError",
    "OptionError",
    "Organization",
    "Paragraph",
    "Person",
    "Problem",
    "Quote",
    "Rendered",
    "Report",
    "Risk",
    "Section",
    "Table",
    "TemplateError",
    "UnknownExporterError",
    "UsageError",
    "Worker",
    "__version__",
    "build_many",
    "check",
    "export",
    "export_to",
    "exporter_names",
    "get_exporter",
    "load",
    "loads",
    "validate",
]
