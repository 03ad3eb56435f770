"""Running the checks over articles, and the report they produce."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ketadoc.checks.config import CheckConfig, CheckConfigError
from ketadoc.checks.framework import (
    CheckContext,
    Finding,
    Level,
    get_check,
    registered_checks,
    run_checks,
)
from ketadoc.checks.pemat import PematResult, pemat_summary
from ketadoc.checks.reading import ScoredText, scored_texts
from ketadoc.errors import ContentError
from ketadoc.model import Article
from ketadoc.readers.source import SourceDocument

__all__ = ["ArticleReport", "Report", "check", "check_articles", "check_paths"]

#: The id of findings that are validation problems: the source could not be checked.
INVALID_SOURCE = "KD000"


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """The findings, readability scores and PEMAT-P item statuses of one article."""

    file: str
    title: str | None
    findings: tuple[Finding, ...]
    readability: tuple[ScoredText, ...] = ()
    pemat: tuple[PematResult, ...] = ()
    #: Where each readability scope starts in the source (None when not read from a file).
    readability_lines: tuple[int | None, ...] = ()

    @property
    def valid(self) -> bool:
        """False when the source failed validation and was not checked."""
        return not any(f.check_id == INVALID_SOURCE for f in self.findings)


@dataclass(frozen=True, slots=True)
class Report:
    """What ``ketadoc check`` found, per article, and the settings it ran with."""

    articles: tuple[ArticleReport, ...]
    config: CheckConfig
    today: dt.date

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, file by file in source order."""
        return tuple(f for article in self.articles for f in article.findings)

    def count(self, level: Level) -> int:
        """How many findings have ``level``."""
        return sum(1 for f in self.findings if f.level == level)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    def failed(self, *, strict: bool = False) -> bool:
        """True when there are errors (or, with ``strict``, warnings)."""
        return self.errors > 0 or (strict and self.warnings > 0)


def _today(config: CheckConfig) -> dt.date:
    return config.today or dt.date.today()


def _check_disabled_ids(config: CheckConfig) -> None:
    for check_id in sorted(config.disable):
        try:
            get_check(check_id)
        except KeyError:
            known = ", ".join(c.id for c in registered_checks())
            raise CheckConfigError(f"unknown check id {check_id}; known: {known}") from None


def check_articles(
    items: Iterable[tuple[Article, SourceDocument | None]],
    *,
    config: CheckConfig | None = None,
    invalid: Sequence[tuple[int, ContentError, str]] = (),
) -> Report:
    """Check articles together (cross-file checks see all of them) and report on each.

    ``invalid`` lists sources that failed validation as (position, error, file); they are
    reported with their problems under check id KD000. Raises CheckConfigError when
    ``config`` disables an unknown check id.
    """
    config = config or CheckConfig()
    _check_disabled_ids(config)
    today = _today(config)
    contexts = [
        CheckContext(article, config, today, document, document.file if document else "<string>")
        for article, document in items
    ]
    per_article = run_checks(contexts, config.disable)
    reports: list[ArticleReport] = []
    for ctx, findings in zip(contexts, per_article, strict=True):
        readability = scored_texts(ctx)
        lines = tuple(
            ctx.document.position(scored.loc)[0] if ctx.document else None for scored in readability
        )
        reports.append(
            ArticleReport(
                ctx.file,
                ctx.article.title,
                tuple(findings),
                readability,
                pemat_summary(ctx.article, findings, config.disable),
                lines,
            )
        )
    for position, error, file in sorted(invalid, key=lambda item: item[0]):
        problems = tuple(
            Finding(
                INVALID_SOURCE,
                "markup",
                "error",
                problem.message,
                problem.field,
                problem.file,
                problem.line,
                problem.column,
            )
            for problem in error.problems
        )
        reports.insert(position, ArticleReport(file, None, problems))
    return Report(tuple(reports), config, today)


def check(
    article: Article,
    *,
    config: CheckConfig | None = None,
    locations: SourceDocument | None = None,
) -> Report:
    """Check one article; ``locations`` (from :func:`ketadoc.readers.load_located`) adds lines.

    Raises CheckConfigError when ``config`` disables an unknown check id.
    """
    return check_articles([(article, locations)], config=config)


def check_paths(paths: Sequence[str | Path], *, config: CheckConfig | None = None) -> Report:
    """Load and check article files together; an invalid file is reported, not raised.

    Raises CheckConfigError when ``config`` disables an unknown check id.
    """
    from ketadoc.readers import load_located

    loaded: list[tuple[Article, SourceDocument | None]] = []
    invalid: list[tuple[int, ContentError, str]] = []
    for position, path in enumerate(paths):
        try:
            loaded.append(load_located(path))
        except ContentError as exc:
            invalid.append((position, exc, str(path)))
    return check_articles(loaded, config=config, invalid=invalid)
