"""The check framework: what a check is, the registry of checks, and what a run reports.

A check is one small function registered with a stable id::

    @article_check("KD301", "review", "warning", "authors-missing", "No author is named.")
    def authors_missing(article: Article, ctx: CheckContext) -> Iterator[Hit]:
        if not article.authors:
            yield Hit(("authors",), "name at least one author, a person or an organisation")

The function yields :class:`Hit` values (a model path and a message that says what to
change); the runner turns each into a located :class:`Diagnostic` with the check's id,
category and level. Checks that compare several articles (duplicate FAQ answers across
a content folder) are registered with :func:`corpus_check` instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, TypeAlias

from ketadoc.checks.config import CheckConfig, CheckConfigError, load_config
from ketadoc.diagnostics import LEVELS, Diagnostic, Level, Loc, display_path
from ketadoc.errors import KetadocError
from ketadoc.model import Article, Section
from ketadoc.model.walk import located_sections
from ketadoc.readers.source import SourceDocument

__all__ = [
    "CATEGORIES",
    "LEVELS",
    "ArticleCheck",
    "Category",
    "Check",
    "CheckContext",
    "CheckRegistryError",
    "CorpusCheck",
    "Finding",
    "Hit",
    "Level",
    "article_check",
    "corpus_check",
    "display_path",
    "get_check",
    "registered_checks",
    "require_known_ids",
    "run_config",
]

Category = Literal[
    "readability", "pemat", "review", "citations", "accessibility", "markup", "coverage"
]
CATEGORIES: tuple[Category, ...] = (
    "readability",
    "pemat",
    "review",
    "citations",
    "accessibility",
    "markup",
    "coverage",
)
_ID = re.compile(r"KD\d{3}")


class CheckRegistryError(KetadocError):
    """A check id is malformed or registered twice."""


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check function yields: where (a model path) and what to change."""

    loc: Loc
    message: str


Finding = Diagnostic
"""A check's finding is a :class:`~ketadoc.diagnostics.Diagnostic` with its check id set."""


@dataclass
class CheckContext:
    """What every check of one article may read: the thresholds, today's date, the source.

    ``document`` is None when the article was built in Python rather than read from a
    file; checks that need to know what the author wrote (not what defaults filled in)
    then stay silent.
    """

    article: Article
    config: CheckConfig
    today: dt.date
    document: SourceDocument | None = None
    file: str = "<string>"
    #: Results several checks share (readability scores), computed once per article.
    cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def sections(self) -> tuple[tuple[Loc, Section, tuple[Section, ...]], ...]:
        """Every section with its model path and its ancestors, in document order."""
        return tuple(located_sections(self.article))

    @cached_property
    def region(self) -> str | None:
        """The region the article is read in: its own ``region``, then the configuration's,
        then the territory of its language tag (see :mod:`ketadoc.checks.region`)."""
        from ketadoc.checks.region import territory

        chosen = self.article.region or self.config.region
        return chosen.upper() if chosen else territory(self.article.language)

    @cached_property
    def primary_language(self) -> str:
        """The primary subtag of the article's language, lower case: ``en``, ``es``."""
        return self.article.language.replace("_", "-").split("-", 1)[0].lower()

    @cached_property
    def prose(self) -> tuple[tuple[Loc, str], ...]:
        """Every paragraph and list item of the lead, sections and FAQ answers, as plain prose."""
        from ketadoc.checks.prose import body_prose

        return tuple(body_prose(self.article))

    @cached_property
    def located_prose_by_owner(self) -> dict[Loc, list[tuple[Loc, str]]]:
        """The prose of the lead, of each section's own blocks and of each FAQ answer,
        with the path of each piece. Keys are ``("lead",)``, a section's path, or
        ``("faqs", n)``."""
        owners: dict[Loc, list[tuple[Loc, str]]] = {}
        for loc, text in self.prose:
            if loc[0] == "sections":
                owner = loc[: loc.index("blocks")]
            else:
                owner = loc[:2] if loc[0] == "faqs" else loc[:1]
            owners.setdefault(owner, []).append((loc, text))
        return owners

    @cached_property
    def prose_by_owner(self) -> dict[Loc, list[str]]:
        """:attr:`located_prose_by_owner` without the paths."""
        return {
            owner: [text for _, text in pieces]
            for owner, pieces in self.located_prose_by_owner.items()
        }


ArticleCheck: TypeAlias = Callable[[Article, CheckContext], Iterable[Hit]]
#: Yields (index of the article in the sequence, hit).
CorpusCheck: TypeAlias = Callable[[Sequence[CheckContext]], Iterable[tuple[int, Hit]]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its stable id, what it looks at, and the function that runs it."""

    id: str
    category: Category
    level: Level
    name: str
    summary: str
    heuristic: bool = False
    run: ArticleCheck | None = field(default=None, repr=False, compare=False)
    run_corpus: CorpusCheck | None = field(default=None, repr=False, compare=False)


_REGISTRY: dict[str, Check] = {}


def _register(check: Check) -> None:
    if not _ID.fullmatch(check.id):
        raise CheckRegistryError(f'check id "{check.id}" must look like KD123')
    if check.category not in CATEGORIES:
        raise CheckRegistryError(f'check {check.id}: unknown category "{check.category}"')
    if check.id in _REGISTRY:
        raise CheckRegistryError(
            f"check id {check.id} is already registered for {_REGISTRY[check.id].name}"
        )
    _REGISTRY[check.id] = check


def article_check(
    id: str,
    category: Category,
    level: Level,
    name: str,
    summary: str,
    *,
    heuristic: bool = False,
) -> Callable[[ArticleCheck], ArticleCheck]:
    """Register a check of one article under ``id``; raise CheckRegistryError on a duplicate."""

    def decorate(function: ArticleCheck) -> ArticleCheck:
        _register(Check(id, category, level, name, summary, heuristic, run=function))
        function.__doc__ = function.__doc__ or f"{id}: {summary}"
        return function

    return decorate


def corpus_check(
    id: str,
    category: Category,
    level: Level,
    name: str,
    summary: str,
    *,
    heuristic: bool = False,
) -> Callable[[CorpusCheck], CorpusCheck]:
    """Register a check across every article checked together; raise on a duplicate id."""

    def decorate(function: CorpusCheck) -> CorpusCheck:
        _register(Check(id, category, level, name, summary, heuristic, run_corpus=function))
        function.__doc__ = function.__doc__ or f"{id}: {summary}"
        return function

    return decorate


def registered_checks() -> tuple[Check, ...]:
    """Every registered check, by id."""
    from ketadoc.checks import catalogue  # noqa: F401  (registers the built-in checks)

    return tuple(_REGISTRY[key] for key in sorted(_REGISTRY))


def get_check(id: str) -> Check:
    """The check registered as ``id``; KeyError if there is none."""
    from ketadoc.checks import catalogue  # noqa: F401

    return _REGISTRY[id.upper()]


def require_known_ids(ids: Iterable[str]) -> None:
    """Raise CheckConfigError for the first of ``ids`` no check is registered under."""
    for check_id in sorted(ids):
        try:
            get_check(check_id)
        except KeyError:
            known = ", ".join(c.id for c in registered_checks())
            raise CheckConfigError(f"unknown check id {check_id}; known: {known}") from None


def run_config(
    sources: Sequence[str | Path] = (), config: CheckConfig | None = None
) -> CheckConfig:
    """The settings checks run with over ``sources``, for reports and export gates alike:
    ``config`` when given, else the nearest configuration file's (:func:`load_config`).

    Raises CheckConfigError for an unreadable file, an unknown setting, or a disabled id
    that no check has.
    """
    if config is None:
        config, _ = load_config([Path(source) for source in sources[:1]])
    require_known_ids(config.disable)
    return config


def located(check: Check, hit: Hit, ctx: CheckContext, level: Level | None = None) -> Finding:
    """Turn a hit into a finding at the position the source gives for its model path."""
    line: int | None = None
    column: int | None = None
    if ctx.document is not None:
        line, column = ctx.document.position(hit.loc)
    return Diagnostic(
        hit.message,
        display_path(hit.loc),
        ctx.file,
        line,
        column,
        level or check.level,
        check.id,
        check.category,
    )


def run_article_checks(ctx: CheckContext, disabled: frozenset[str]) -> list[Finding]:
    """Run every enabled check of one article; return its findings."""
    findings: list[Finding] = []
    for check in registered_checks():
        if check.run is not None and check.id not in disabled:
            findings.extend(located(check, hit, ctx) for hit in check.run(ctx.article, ctx))
    return findings


def run_corpus_checks(
    contexts: Sequence[CheckContext], disabled: frozenset[str]
) -> list[tuple[int, Finding]]:
    """Run every enabled cross-file check; return (article index, finding) pairs."""
    found: list[tuple[int, Finding]] = []
    for check in registered_checks():
        if check.run_corpus is not None and check.id not in disabled:
            for index, hit in check.run_corpus(contexts):
                found.append((index, located(check, hit, contexts[index])))
    return found
