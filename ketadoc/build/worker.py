"""Building one source in a worker: validate it once, render every target, then write.

Every target is rendered before anything is written. A target that fails fails alone:
the other formats of the source are still written, and the failed one leaves no file of
its name behind (an older one is removed), so the output folder never holds a file that
does not match its source. With ``strict``, a warning fails the whole source before
anything is written. An exception that is not one of ketadoc's own is a bug: it fails
its target with a one-line message, and its traceback travels in the result.

Rendering and writing are two steps: :func:`render_source` loads the source and renders
some or all of its targets in memory, in any process; :func:`write_rendered` merges what
every process rendered, applies ``strict`` and writes, in the process that asked.
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
from ketadoc.exporters.base import get_exporter
from ketadoc.model import Article, Figure
from ketadoc.model.walk import located_blocks
from ketadoc.output import write_atomic
from ketadoc.readers import load_located
from ketadoc.readers.source import SourceDocument

__all__ = [
    "BuildResult",
    "Rendering",
    "SourceTask",
    "TargetRendering",
    "build_source",
    "render_source",
    "unrendered",
    "write_rendered",
]

BUG_REPORT = "this is a bug in ketadoc: please report it with the output of `ketadoc info`"
WORKER_DIED = "stopped unexpectedly (killed, or out of memory)"
"""What happened to a worker process whose results never came back."""


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


@dataclass(frozen=True, slots=True)
class TargetRendering:
    """One target of a source rendered in memory, or the problems that stopped it."""

    index: int
    """The target's position in the task's targets."""
    data: bytes | None
    """The output's bytes; None when the target failed."""
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    """The exporter's warnings, located in the source."""
    internal_error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Rendering:
    """Some targets of one source rendered in memory, nothing written: what one process
    hands to :func:`write_rendered`. Small and picklable, so it can come back from
    another process."""

    slug: str
    targets: tuple[TargetRendering, ...] = ()
    refused: tuple[Problem, ...] = ()
    """Why the source itself failed (it could not be loaded, or a figure cannot be
    shown); then no target was tried."""
    clear: bool = True
    """Whether a refused source's older outputs are removed (not after a bug in loading)."""
    dependencies: tuple[Path, ...] = ()
    internal_errors: tuple[str, ...] = ()


def build_source(task: SourceTask) -> BuildResult:
    """Load, validate and render one source to every target, then write the outputs.

    Never raises for a bad source, a failing format or a bug in an exporter: all of it
    is in the result.
    """
    started = time.perf_counter()
    return write_rendered(task, [render_source(task)], started)


def render_source(task: SourceTask, only: Sequence[int] | None = None) -> Rendering:
    """Load the source of ``task``, check its figures for every target, and render the
    targets at the positions ``only`` (default: all) in memory. Nothing is written.

    The source is loaded from the bytes the planner read, so processes sharing the
    targets of one source render the same version of it.
    """
    path = task.source.path
    try:
        article, document = load_located(path, task.source.data)
    except ContentError as exc:
        return Rendering(task.source.slug, refused=exc.problems)
    except Exception as exc:
        message = f"cannot be read: internal error {type(exc).__name__}: {exc}; {BUG_REPORT}"
        return Rendering(
            task.source.slug,
            refused=(Problem(message, "", str(path)),),
            clear=False,
            internal_errors=(f"{path}:\n{traceback.format_exc()}",),
        )
    slug = article.slug or task.source.slug
    dependencies = _figure_files(article)
    try:
        _check_figures(article, task.targets)
    except KetadocError as exc:
        refused = (
            exc.problems if isinstance(exc, ContentError) else (Problem(str(exc), "", str(path)),)
        )
        return Rendering(slug, refused=refused, dependencies=dependencies)
    positions = range(len(task.targets)) if only is None else only
    rendered = tuple(_render_target(task, index, article, document) for index in positions)
    return Rendering(slug, rendered, dependencies=dependencies)


def _render_target(
    task: SourceTask, index: int, article: Article, document: SourceDocument
) -> TargetRendering:
    target, path = task.targets[index], task.source.path
    started = time.perf_counter()
    problems: tuple[Problem, ...]
    internal = ""
    try:
        exporter = get_exporter(target.format)
        result = exporter.export(article, target.options, check_config=task.check_config)
    except ContentError as exc:  # a check that gates this format found errors
        problems = tuple(problem.locate(document) for problem in exc.problems)
    except KetadocError as exc:
        problems = (Problem(f"{target.label} not written: {exc}", "", str(path)),)
    except Exception as exc:
        message = f"{target.label} not written: internal error {type(exc).__name__}: {exc}"
        problems = (Problem(f"{message}; {BUG_REPORT}", "", str(path)),)
        internal = f"{path}: {target.label}:\n{traceback.format_exc()}"
    else:
        warnings = tuple(warning.locate(document) for warning in result.warnings)
        return TargetRendering(
            index, result.data, warnings=warnings, seconds=time.perf_counter() - started
        )
    return TargetRendering(
        index, None, problems, internal_error=internal, seconds=time.perf_counter() - started
    )


def unrendered(task: SourceTask, only: Sequence[int], reason: str, internal: str = "") -> Rendering:
    """The targets at ``only`` failed for ``reason`` without rendering (the process
    rendering them died); ``internal`` is the traceback of a bug."""
    path = task.source.path
    failed = (
        TargetRendering(
            index,
            None,
            (Problem(f"{task.targets[index].label} not written: {reason}", "", str(path)),),
            internal_error=f"{path}: {task.targets[index].label}:\n{internal}" if internal else "",
        )
        for index in only
    )
    return Rendering(task.source.slug, tuple(failed))


def write_rendered(task: SourceTask, parts: Sequence[Rendering], started: float) -> BuildResult:
    """Write what ``parts`` (together: every target of ``task``) rendered, once all of it
    has, and remove the outputs of what failed; ``started`` is when the build began.

    The first part is this process's own: its slug and figures name the outputs.
    """
    path = task.source.path
    refusal = next((part for part in parts if part.refused), None)
    if refusal is not None:
        if refusal.clear:
            _remove_outputs(task, refusal.slug, task.targets)
        return BuildResult(
            path,
            "failed",
            problems=refusal.refused,
            dependencies=refusal.dependencies,
            internal_errors=refusal.internal_errors,
        )
    slug, dependencies = parts[0].slug, parts[0].dependencies
    done = sorted((target for part in parts for target in part.targets), key=lambda t: t.index)
    # Pairs, not a dict: a plugin's options need not be hashable.
    rendered = [(task.targets[t.index], t.data) for t in done if t.data is not None]
    failed = [task.targets[t.index] for t in done if t.data is None]
    problems = [problem for t in done for problem in t.problems]
    warnings = _warnings(t.warnings for t in done if t.data is not None)
    # Notes (what a handout leaves out) inform; only warnings fail a strict build.
    serious = [w for w in warnings if w.level == "warning"]
    if task.strict and serious:
        problems.extend(replace(w, level="error") for w in serious)
        failed = list(task.targets)
        rendered = []
    outputs = tuple(
        write_atomic(task.out_dir / target.output_name(slug), data) for target, data in rendered
    )
    _remove_outputs(task, slug, failed)
    return BuildResult(
        path,
        "failed" if failed else "built",
        outputs,
        problems=tuple(problems),
        warnings=tuple(w for w in warnings if not (task.strict and w.level == "warning")),
        seconds=time.perf_counter() - started,
        dependencies=dependencies,
        failed_formats=tuple(target.label for target in failed),
        internal_errors=tuple(t.internal_error for t in done if t.internal_error),
    )


def _warnings(per_target: Iterable[tuple[Problem, ...]]) -> tuple[Problem, ...]:
    # One warning met by several formats (the JSON-LD the html page embeds) is one line.
    return tuple(dict.fromkeys(warning for warnings in per_target for warning in warnings))


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
