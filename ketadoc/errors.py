"""Errors raised by ketadoc.

Every error ketadoc raises on purpose derives from one root, so a caller can catch
``KetadocError`` and be sure nothing of ketadoc's own slips through::

    KetadocError
    ├── ContentError            the article is invalid; carries every located Diagnostic
    │   └── CheckGateError      (also an ExportError) a check that gates a format failed
    ├── UsageError              the request names something that does not exist (exit 2)
    │   ├── UnknownExporterError  no exporter has that name
    │   └── OptionError          (also an ExportError) an unknown exporter option or value
    ├── ExporterRegistryError   two exporters claim one name, or one cannot be loaded
    ├── ExportError             an exporter could not render a valid article
    │   ├── FetchError          a resource (image, font, stylesheet) was refused or missing
    │   └── TemplateError       a template is missing or broken
    └── MissingDependencyError  a system library (Pango, LibreOffice...) is not installed
"""

from __future__ import annotations

import difflib
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
    "OptionError",
    "Problem",
    "TemplateError",
    "UnknownExporterError",
    "UsageError",
    "choices_hint",
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


def choices_hint(given: str, choices: Iterable[str]) -> str:
    """``did you mean "article"?`` when ``given`` is close to one of ``choices``, else ""."""
    close = difflib.get_close_matches(given, list(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else ""


class UsageError(KetadocError):
    """The request names a format, option or value that does not exist (the CLI exits 2)."""


class UnknownExporterError(UsageError):
    """No exporter is registered under the requested name."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        hint = choices_hint(name, self.known)
        message = f'unknown exporter "{name}"; known: {", ".join(self.known)}'
        super().__init__(f"{message}; {hint}" if hint else message)


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


class OptionError(UsageError, ExportError):
    """An exporter option that does not exist, or a value it does not accept."""


class FetchError(ExportError):
    """A resource was refused by ketadoc's URL fetcher, or could not be read."""


class TemplateError(ExportError):
    """A template is missing or could not be rendered."""


class MissingDependencyError(KetadocError):
    """A system library or program that an exporter needs is not installed."""
