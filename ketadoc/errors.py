"""Errors raised by ketadoc.

Every error ketadoc raises on purpose derives from one root, so a caller can catch
``KetadocError`` and be sure nothing of ketadoc's own slips through::

    KetadocError
    ├── ContentError            the article is invalid; carries every located Problem
    ├── UnknownExporterError    no exporter has that name
    ├── ExporterRegistryError   two exporters claim one name, or one cannot be loaded
    ├── ExportError             an exporter could not render a valid article
    │   ├── FetchError          a resource (image, font, stylesheet) was refused or missing
    │   └── TemplateError       a template is missing or broken
    └── MissingDependencyError  a system library (Pango, LibreOffice...) is not installed
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ContentError",
    "ExportError",
    "ExporterRegistryError",
    "FetchError",
    "KetadocError",
    "MissingDependencyError",
    "Problem",
    "TemplateError",
    "UnknownExporterError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located finding: ``article.md:14:3: error: faqs[2].answer: must not be empty``."""

    message: str
    field: str = ""
    file: str = "<string>"
    line: int = 1
    column: int = 1
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {subject}{self.message}"


class KetadocError(Exception):
    """Root of every error ketadoc raises on purpose."""


class ContentError(KetadocError):
    """The article is invalid. ``problems`` holds every located problem, in source order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field))
        )
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


class FetchError(ExportError):
    """A resource was refused by ketadoc's URL fetcher, or could not be read."""


class TemplateError(ExportError):
    """A template is missing or could not be rendered."""


class MissingDependencyError(KetadocError):
    """A system library or program that an exporter needs is not installed."""
