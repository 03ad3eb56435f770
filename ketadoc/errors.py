"""Errors raised by ketadoc.

Every error ketadoc raises on purpose derives from one root, so a caller can catch
``KetadocError`` and be sure nothing of ketadoc's own slips through::

    KetadocError
    ├── ContentError            the article is invalid; carries every located Diagnostic
    │   └── CheckGateError      (also an ExportError) a check that gates a format failed
    ├── UnknownExporterError    no exporter has that name
    ├── ExporterRegistryError   two exporters claim one name, or one cannot be loaded
    ├── ExportError             an exporter could not render a valid article
    │   ├── FetchError          a resource (image, font, stylesheet) was refused or missing
    │   └── TemplateError       a template is missing or broken
    └── MissingDependencyError  a system library (Pango, LibreOffice...) is not installed
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ketadoc.diagnostics import Diagnostic

__all__ = [
    "CheckGateError",
    "ContentError",
    "Diagnostic",
    "ExportError",
    "ExporterRegistryError",
    "FetchError",
    "KetadocError",
    "MissingDependencyError",
    "Problem",
    "TemplateError",
    "UnknownExporterError",
]


Problem = Diagnostic
"""A located validation problem: the name ContentError's ``problems`` had before
:class:`~ketadoc.diagnostics.Diagnostic` served validation, checks and exporters alike."""


class KetadocError(Exception):
    """Root of every error ketadoc raises on purpose."""


class ContentError(KetadocError):
    """The article is invalid. ``problems`` holds every located problem, in source order."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self.problems: tuple[Diagnostic, ...] = tuple(sorted(problems, key=lambda p: p.sort_key))
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownExporterError(KetadocError):
    """No exporter is registered under the requested name."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(f'unknown exporter "{name}"; known: {", ".join(self.known)}')


class ExporterRegistryError(KetadocError):
    """Two exporters claim the same name, or a registered exporter cannot be loaded."""


class ExportError(KetadocError):
    """An exporter could not render a valid article."""


class CheckGateError(ContentError, ExportError):
    """Checks that gate an exporter found errors, so that format is not rendered.

    It is a ContentError (``problems`` holds the findings, with their check ids) and an
    ExportError (the export of this format failed): ``ketadoc check`` reports the same
    findings as errors.
    """


class FetchError(ExportError):
    """A resource was refused by ketadoc's URL fetcher, or could not be read."""


class TemplateError(ExportError):
    """A template is missing or could not be rendered."""


class MissingDependencyError(KetadocError):
    """A system library or program that an exporter needs is not installed."""
