"""Building one source in a worker: validate it once, render every target, then write.

Every target is rendered before anything is written. A target that fails fails alone:
the other formats of the source are still written, and the failed one leaves no file of
its name behind (an older one is removed), so the output folder never holds a file that
does not match its source. With ``strict``, a warning fails the whole source before
anything is written. An exception that is not one of ketadoc's own is a bug: it fails
its target with a one-line message, and its traceback travels in the result.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ketadoc.build.plan import PlannedSource, Target
from ketadoc.checks.config import CheckConfig
from ketadoc.errors import ContentError, KetadocError, Problem
from ketadoc.exporters.base import Rendered, get_exporter
from ketadoc.model import Article, Figure
from ketadoc.model.walk import located_blocks
from ketadoc.output import write_atomic
from ketadoc.readers import load_located
from ketadoc.readers.source import SourceDocument

__all__ = ["BuildResult", "SourceTask", "build_source"]

BUG_REPORT = "this is a bug in ketadoc: please report it with the output of `ketadoc info`"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What happened to one source: its outputs, and the problems of what failed."""

    source: Path
    status: Literal["built", "failed", "skipped"]
    """``failed`` when the source, or any one of its formats, failed."""
    outputs: tuple[Path, ...] = ()
    """The files written: every format that did not fail."""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    seconds: float = 0.0
    dependencies: tuple[Path, ...] = ()
    """Files the article read besides itself (figures): inputs of the incremental check."""
    reason: str = ""
    """Why a source was skipped: unchanged since the last build, or the batch stopped."""
    failed_formats: tuple[str, ...] = ()
    """The formats (``pdf``, ``pdf (article layout)``) that failed; empty when the source
    itself could not be loaded, since then no format was tried."""
    internal_errors: tuple[str, ...] = ()
    """Tracebacks of unexpected exceptions (bugs), for a log file or ``--debug``."""


@dataclass(frozen=True, slots=True)
class SourceTask:
    """One source's work, small and picklable so any executor can ship it to a worker."""

    source: PlannedSource
    targets: tuple[Target, ...]
    out_dir: Path
    strict: bool = False
    check_config: CheckConfig = field(default_factory=CheckConfig)
    """What the checks that gate a format run with: the settings ``ketadoc check`` uses."""


def build_source(task: SourceTask) -> BuildResult:
    """Load, validate and render one source to every target, then write the outputs.

    Never raises for a bad source, a failing format or a bug in an exporter: all of it
    is in the result.
    """
    started = time.perf_counter()
    path = task.source.path
    try:
        article, document = load_located(path, task.source.data)
    except ContentError as exc:
        _remove_outputs(task, task.source.slug, task.targets)
        return BuildResult(path, "failed", problems=exc.problems)
    except Exception as exc:
        message = f"cannot be read: internal error {type(exc).__name__}: {exc}; {BUG_REPORT}"
        return BuildResult(
            path,
            "failed",
            problems=(Problem(message, "", str(path)),),
            internal_errors=(f"{path}:\n{traceback.format_exc()}",),
        )
    slug = article.slug or task.source.slug
    try:
        _check_figures(article, task.targets)
    except KetadocError as exc:
        refused = (
            exc.problems if isinstance(exc, ContentError) else (Problem(str(exc), "", str(path)),)
        )
        _remove_outputs(task, slug, task.targets)
        return BuildResult(path, "failed", problems=refused, dependencies=_figure_files(article))
    # Pairs, not a dict: a plugin's options need not be hashable.
    rendered: list[tuple[Target, Rendered]] = []
    problems: list[Problem] = []
    failed: list[Target] = []
    internal: list[str] = []
    for target in task.targets:
        try:
            exporter = get_exporter(target.format)
            result = exporter.export(article, target.options, check_config=task.check_config)
            rendered.append((target, result))
        except ContentError as exc:  # a check that gates this format found errors
            problems.extend(problem.locate(document) for problem in exc.problems)
            failed.append(target)
        except KetadocError as exc:
            problems.append(Problem(f"{target.label} not written: {exc}", "", str(path)))
            failed.append(target)
        except Exception as exc:
            message = f"{target.label} not written: internal error {type(exc).__name__}: {exc}"
            problems.append(Problem(f"{message}; {BUG_REPORT}", "", str(path)))
            internal.append(f"{path}: {target.label}:\n{traceback.format_exc()}")
            failed.append(target)
    warnings = _warnings((result for _, result in rendered), document)
    # Notes (what a handout leaves out) inform; only warnings fail a strict build.
    serious = [w for w in warnings if w.level == "warning"]
    if task.strict and serious:
        problems.extend(replace(w, level="error") for w in serious)
        failed = list(task.targets)
        rendered = []
    outputs = tuple(
        write_atomic(task.out_dir / target.output_name(slug), result.data)
        for target, result in rendered
    )
    _remove_outputs(task, slug, failed)
    return BuildResult(
        path,
        "failed" if failed else "built",
        outputs,
        problems=tuple(problems),
        warnings=tuple(w for w in warnings if not (task.strict and w.level == "warning")),
        seconds=time.perf_counter() - started,
        dependencies=_figure_files(article),
        failed_formats=tuple(target.label for target in failed),
        internal_errors=tuple(internal),
    )


def _warnings(results: Iterable[Rendered], document: SourceDocument) -> tuple[Problem, ...]:
    # One warning met by several formats (the JSON-LD the html page embeds) is one line.
    located: dict[Problem, None] = {}
    for result in results:
        for warning in result.warnings:
            located.setdefault(warning.locate(document), None)
    return tuple(located)


def _check_figures(article: Article, targets: Sequence[Target]) -> None:
    """Resolve every figure once for all formats that show them (each format's allowed
    resources count), so a figure that cannot be shown is one located error of the
    source, not one unlocated error per format."""
    from ketadoc.rendering.figures import check_figures  # imported by builds, not no-ops

    showing = [t for t in targets if get_exporter(t.format).embeds_figures]
    if showing:
        allowed = (getattr(t.options, "allowed_resources", ()) for t in showing)
        check_figures(article, tuple(dict.fromkeys(a for group in allowed for a in group)))


def _remove_outputs(task: SourceTask, slug: str, targets: Sequence[Target]) -> None:
    if "/" in slug or "\\" in slug or slug.startswith("."):
        return  # not a name this build would ever have written
    for target in targets:
        (task.out_dir / target.output_name(slug)).unlink(missing_ok=True)


def _figure_files(article: Article) -> tuple[Path, ...]:
    from ketadoc.rendering.resources import is_url

    base = article.base_dir or Path.cwd()
    files = (
        base / block.src
        for _, block in located_blocks(article)
        if isinstance(block, Figure) and not is_url(block.src)
    )
    return tuple(dict.fromkeys(files))
