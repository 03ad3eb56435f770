"""Running the checks over articles, and the report they produce."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ketadoc.checks.config import CheckConfig
from ketadoc.checks.framework import (
    CheckContext,
    Finding,
    Level,
    require_known_ids,
    run_article_checks,
    run_config,
    run_corpus_checks,
)
from ketadoc.checks.pemat import PematResult, pemat_summary
from ketadoc.checks.reading import ScoredText, scored_texts
from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import ContentError
from ketadoc.model import Article
from ketadoc.parallel import run_each
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


@dataclass
class _Checked:
    """One article after its own checks: what the cross-file checks and the report need."""

    context: CheckContext
    findings: list[Finding]


def _check_one(
    article: Article, document: SourceDocument | None, config: CheckConfig, today: dt.date
) -> _Checked:
    if document is None and isinstance(article.source, SourceDocument):
        document = article.source  # loaded from a file: findings name its lines
    file = document.file if document else "<string>"
    context = CheckContext(article, config, today, document, file)
    findings = run_article_checks(context, config.disable)
    scored_texts(context)  # computed here, where the work runs, and kept in the cache
    return _Checked(context, findings)


def _invalid_report(file: str, error: ContentError) -> ArticleReport:
    problems = tuple(
        dataclasses.replace(problem, check_id=INVALID_SOURCE, category="markup", level="error")
        for problem in error.problems
    )
    return ArticleReport(file, None, problems)


def _report(checked: list[_Checked | ArticleReport], config: CheckConfig, today: dt.date) -> Report:
    valid = [item for item in checked if isinstance(item, _Checked)]
    contexts = [item.context for item in valid]
    for index, finding in run_corpus_checks(contexts, config.disable):
        valid[index].findings.append(finding)
    reports: list[ArticleReport] = []
    for item in checked:
        if isinstance(item, ArticleReport):
            reports.append(item)
            continue
        ctx, findings = item.context, sorted(item.findings, key=lambda f: f.sort_key)
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
    return Report(tuple(reports), config, today)


def check_articles(
    items: Iterable[tuple[Article, SourceDocument | None]],
    *,
    config: CheckConfig | None = None,
) -> Report:
    """Check articles together (cross-file checks see all of them) and report on each.

    Raises CheckConfigError when ``config`` disables an unknown check id.
    """
    config = config or CheckConfig()
    require_known_ids(config.disable)
    today = _today(config)
    checked: list[_Checked | ArticleReport] = [
        _check_one(article, document, config, today) for article, document in items
    ]
    return _report(checked, config, today)


def check(
    article: Article,
    *,
    config: CheckConfig | None = None,
    locations: SourceDocument | None = None,
) -> Report:
    """Check one article. Findings point at the file and line the article was read from
    (``locations``, else the article's own :attr:`~ketadoc.Article.source`).

    Raises CheckConfigError when ``config`` disables an unknown check id.
    """
    if locations is None and isinstance(article.source, SourceDocument):
        locations = article.source
    return check_articles([(article, locations)], config=config)


def _load_and_check(
    path: str | Path, config: CheckConfig, today: dt.date
) -> _Checked | tuple[str, tuple[Diagnostic, ...]]:
    from ketadoc.readers import load_located

    try:
        article, document = load_located(path)
    except ContentError as exc:
        # ContentError does not survive pickling between processes; its problems do.
        return str(path), exc.problems
    return _check_one(article, document, config, today)


#: Below this many files a process pool costs more than it saves.
_POOL_MIN_FILES = 16


def check_paths(
    paths: Sequence[str | Path],
    *,
    config: CheckConfig | None = None,
    jobs: int | None = None,
    executor: Executor | None = None,
) -> Report:
    """Load and check article files together; an invalid file is reported, not raised.

    Loading (YAML front matter above all) and each article's own checks run in ``jobs``
    processes (default: the CPU count, for 16 files or more), or on ``executor`` when one is
    given; cross-file checks then run here over every article. Without ``config``, the
    settings are those of the nearest configuration file, as ``ketadoc build`` reads them
    (:func:`~ketadoc.checks.framework.run_config`). Raises CheckConfigError for an
    unreadable file, an unknown setting, or a disabled id that no check has.
    """
    config = run_config(paths, config)
    today = _today(config)
    work = partial(_load_and_check, config=config, today=today)
    outcomes = run_each(
        work, list(paths), jobs=jobs, executor=executor, min_pool_items=_POOL_MIN_FILES
    )
    results = []
    for path, outcome in zip(paths, outcomes, strict=True):
        if outcome.value is None:
            raise outcome.error or RuntimeError(f"{path} was not checked")
        results.append(outcome.value)
    checked: list[_Checked | ArticleReport] = [
        item if isinstance(item, _Checked) else _invalid_report(item[0], ContentError(item[1]))
        for item in results
    ]
    return _report(checked, config, today)
