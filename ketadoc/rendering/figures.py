"""Every figure of an article resolved before any format is rendered.

``ketadoc validate`` and ``ketadoc build`` ask the same question of each figure, under
the one resource policy (:mod:`ketadoc.rendering.resources`): may it be read, is it
there, and does it hold an image? So a source that validates does not fail its build on
a figure, and a figure that cannot be shown is reported once, at the line it is written
on, not once per format at the top of the file.
"""

from __future__ import annotations

from pathlib import Path

from ketadoc.errors import ContentError, FetchError, Problem
from ketadoc.model.article import Article
from ketadoc.model.blocks import Figure
from ketadoc.model.walk import display_path, located_blocks
from ketadoc.readers import load_located
from ketadoc.rendering.resources import ResourcePolicy

__all__ = ["check_figures", "figure_problems", "validate"]


def figure_problems(
    article: Article, allowed: tuple[str, ...] = (), *, policy: ResourcePolicy | None = None
) -> tuple[Problem, ...]:
    """A located problem for each figure that cannot be shown: refused by the resource
    policy (``policy``, else the article's with ``allowed`` URL prefixes or folders),
    missing, or not an image.

    Raises FetchError for an ``allowed`` entry that is neither a URL prefix nor a folder.
    """
    policy = policy or ResourcePolicy.for_article(article.base_dir, allowed=allowed)
    problems: list[Problem] = []
    for loc, block in located_blocks(article):
        if not isinstance(block, Figure):
            continue
        try:
            policy.resolve_figure(block.src, article.base_dir)
        except FetchError as exc:
            problem = Problem(str(exc), display_path((*loc, "src")))
            problems.append(problem.locate(article.source))
    return tuple(problems)


def check_figures(article: Article, allowed: tuple[str, ...] = ()) -> None:
    """Raise ContentError listing every figure of ``article`` that cannot be shown."""
    problems = figure_problems(article, allowed)
    if problems:
        raise ContentError(problems)


def validate(path: str | Path, allowed_resources: tuple[str, ...] = ()) -> Article:
    """Load an article and resolve every figure, as ``ketadoc validate`` does: when this
    passes, building it fails on nothing the article says.

    Raises ContentError listing every located problem of the file.
    """
    article, _ = load_located(path)
    check_figures(article, allowed_resources)
    return article
