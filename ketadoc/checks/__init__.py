"""Content checks run by ``ketadoc check``: readability, PEMAT-P, review, citations,
accessibility, FAQ markup and what the handout carries, on the validated model (nothing
is rendered).

>>> import ketadoc
>>> report = ketadoc.check(ketadoc.load("article.md"))      # doctest: +SKIP
>>> [str(finding) for finding in report.findings]          # doctest: +SKIP
"""

from ketadoc.checks.config import CheckConfig, CheckConfigError, load_config
from ketadoc.checks.framework import (
    Category,
    Check,
    CheckContext,
    CheckRegistryError,
    Finding,
    Hit,
    Level,
    article_check,
    corpus_check,
    get_check,
    registered_checks,
    run_config,
)
from ketadoc.checks.report import ArticleReport, Report, check, check_articles, check_paths

__all__ = [
    "ArticleReport",
    "Category",
    "Check",
    "CheckConfig",
    "CheckConfigError",
    "CheckContext",
    "CheckRegistryError",
    "Finding",
    "Hit",
    "Level",
    "Report",
    "article_check",
    "check",
    "check_articles",
    "check_paths",
    "corpus_check",
    "get_check",
    "load_config",
    "registered_checks",
    "run_config",
]
