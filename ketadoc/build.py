"""Building sources to output files: find sources, render each, report per source.

:func:`build_many` runs a whole batch. Sources are spread over worker processes (or any
``concurrent.futures.Executor``: a Dask or Ray cluster runs a batch unchanged); each
worker renders many articles, so the imported modules, templates and stylesheets each
exporter caches are parsed once per worker, not once per article. A source whose inputs
have not changed since the last build into the same folder is skipped.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import ContentError, ExportError, Problem
from ketadoc.exporters.base import export, exporter_names, get_exporter
from ketadoc.model import Article, Figure
from ketadoc.output import write_atomic
from ketadoc.readers import SOURCE_SUFFIXES, load_located

__all__ = [
    "BuildResult",
    "ProgressCallback",
    "build_many",
    "build_one",
    "default_jobs",
    "discover_sources",
]

FormatOptions = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What happened to one source: its outputs, or the problems that stopped it."""

    source: Path
    status: Literal["built", "failed", "skipped"]
    outputs: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0
    dependencies: tuple[Path, ...] = ()
    """Files the article read besides itself (figures): inputs of the incremental check."""
    reason: str = ""
    """Why a source was skipped: unchanged since the last build, or the batch stopped."""


ProgressCallback = Callable[[BuildResult, int, int], None]
"""Called in the calling process as each source finishes: ``(result, done, total)``."""


def discover_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into article sources, in a stable order.

    Raises ContentError for a path that does not exist or a file of an unknown type.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SOURCE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            if path.suffix.lower() not in SOURCE_SUFFIXES:
                known = ", ".join(SOURCE_SUFFIXES)
                problems.append(Problem(f"unknown file type; use one of {known}", "", str(path)))
            else:
                found.append(path)
        else:
            problems.append(Problem("no such file or folder", "", str(path)))
    if problems:
        raise ContentError(problems)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def _figures(node: object) -> Iterator[Figure]:
    if isinstance(node, Figure):
        yield node
    elif isinstance(node, BaseModel):
        for value in node.__dict__.values():
            yield from _figures(value)
    elif isinstance(node, tuple):
        for item in node:
            yield from _figures(item)


def _figure_files(article: Article) -> tuple[Path, ...]:
    base = article.base_dir or Path.cwd()
    files: dict[Path, None] = {}
    for figure in _figures(article):
        src = figure.src
        if ":" in src.split("/", 1)[0]:  # data:, http: and other URLs are not files
            continue
        files.setdefault(base / src, None)
    return tuple(files)


def build_one(
    source: Path,
    formats: Sequence[str],
    out_dir: Path,
    options: FormatOptions | None = None,
) -> BuildResult:
    """Load, validate and render one source to every format, then write the outputs.

    Never raises for a bad source: its problems are in the result. Every format is
    rendered before anything is written, so a failure leaves no partial set of files.
    """
    started = time.perf_counter()
    options = options or {}
    try:
        article, document = load_located(source)
    except ContentError as exc:
        return BuildResult(source, "failed", problems=exc.problems)
    try:
        rendered = [export(article, name, **options.get(name, {})) for name in formats]
    except ContentError as exc:  # a check that gates a format found errors
        located = tuple(problem.locate(document) for problem in exc.problems)
        return BuildResult(source, "failed", problems=located)
    except ExportError as exc:
        return BuildResult(source, "failed", problems=(Problem(str(exc), "", str(source)),))
    stem = article.slug or source.stem
    outputs = tuple(write_atomic(out_dir / f"{stem}{r.extension}", r.data) for r in rendered)
    # One warning met by several formats (the JSON-LD the html page embeds) is one line.
    warnings = tuple(
        dict.fromkeys(
            warning.locate(document) for result in rendered for warning in result.warnings
        )
    )
    return BuildResult(
        source,
        "built",
        outputs,
        warnings=warnings,
        seconds=time.perf_counter() - started,
        dependencies=_figure_files(article),
    )


@dataclass(frozen=True, slots=True)
class _Task:
    """One source's work, small and picklable so any executor can ship it to a worker."""

    source: Path
    formats: tuple[str, ...]
    out_dir: Path
    options: dict[str, dict[str, Any]]


def _run_task(task: _Task) -> BuildResult:
    # Top level, so pickle (and cloudpickle) send it by reference, not by value.
    return build_one(task.source, task.formats, task.out_dir, task.options)


def default_jobs() -> int:
    """The number of CPUs this process may run on: the default number of workers."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _crashed(source: Path, exc: BaseException) -> BuildResult:
    if isinstance(exc, cf.process.BrokenProcessPool):
        message = (
            "the worker process building this source stopped unexpectedly"
            " (killed, or out of memory); nothing partial was written"
        )
    else:
        message = f"the build failed in its worker: {type(exc).__name__}: {exc}"
    return BuildResult(source, "failed", problems=(Problem(message, "", str(source)),))


def _remove_partial_files(out_dir: Path, slugs: Iterable[str]) -> None:
    # write_atomic cleans up after itself unless its process is killed outright; then the
    # temporary ``.<slug><ext>.<random>.part`` stays behind for the batch to remove.
    prefixes = tuple(f".{slug}." for slug in slugs)
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".part") and entry.name.startswith(prefixes):
            Path(entry.path).unlink(missing_ok=True)


def _check_formats(formats: Sequence[str], options: FormatOptions) -> None:
    known = exporter_names()
    for name in formats:
        if name not in known:
            get_exporter(name)  # raises UnknownExporterError listing the known names
    for name, values in options.items():
        if name not in formats:
            raise ExportError(f'options given for "{name}", which is not among the formats')
        get_exporter(name).parse_options(values)


def build_many(
    sources: Iterable[str | Path],
    formats: Sequence[str],
    out_dir: str | Path,
    *,
    options: FormatOptions | None = None,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    force: bool = False,
    fail_fast: bool = False,
    progress: ProgressCallback | None = None,
) -> list[BuildResult]:
    """Build every source (files, or folders searched recursively) to every format.

    Outputs are written atomically to ``<out_dir>/<slug><ext>``. Sources whose inputs are
    unchanged since their last build into ``out_dir`` are skipped unless ``force``. The
    work runs on ``executor`` when given (any ``concurrent.futures.Executor``; it is not
    shut down), else on ``jobs`` worker processes (default: the CPU count; 1 builds in
    this process). A bad source fails alone unless ``fail_fast``, which stops starting
    new sources after the first failure. Returns one result per source, in source order.

    Raises ContentError before any work for missing sources or two sources sharing a
    slug; UnknownExporterError or ExportError for unknown formats or invalid options.
    Interrupting the batch (KeyboardInterrupt) leaves no partial files and re-raises.
    """
    from ketadoc.batch.plan import check_unique_slugs
    from ketadoc.batch.state import BuildState

    formats = tuple(dict.fromkeys(formats))
    task_options = {name: dict(values) for name, values in (options or {}).items()}
    _check_formats(formats, task_options)
    out = Path(out_dir)
    paths = discover_sources(sources)
    slugs = check_unique_slugs(paths)
    state = BuildState.load(out, formats, task_options)
    total = len(paths)
    results: dict[Path, BuildResult] = {}
    digests: dict[Path, str] = {}
    todo: list[_Task] = []

    def finish(result: BuildResult) -> None:
        results[result.source] = result
        if result.status == "built":
            state.record(result.source, digests[result.source], result.dependencies, result.outputs)
        elif result.status == "failed":
            state.forget(result.source)
        if progress is not None:
            progress(result, len(results), total)

    try:
        for path in paths:
            digests[path] = _digest(path)
            if not force and state.is_fresh(path, digests[path]):
                finish(BuildResult(path, "skipped", reason="unchanged since the last build"))
            else:
                todo.append(_Task(path, formats, out, task_options))
        workers = min(jobs or default_jobs(), len(todo))
        if executor is not None:
            _run_on(executor, todo, finish, fail_fast)
        elif workers <= 1:
            for index, task in enumerate(todo):
                finish(_run_task(task))
                if fail_fast and results[task.source].status == "failed":
                    for rest in todo[index + 1 :]:
                        finish(_not_started(rest.source))
                    break
        else:
            with cf.ProcessPoolExecutor(max_workers=workers) as pool:
                _run_on(pool, todo, finish, fail_fast)
    finally:
        _remove_partial_files(out, slugs)
        state.save()
    return [results[path] for path in paths]


def _not_started(source: Path) -> BuildResult:
    return BuildResult(source, "skipped", reason="not started: the batch stopped at a failure")


def _run_on(
    executor: cf.Executor,
    todo: Sequence[_Task],
    finish: Callable[[BuildResult], None],
    fail_fast: bool,
) -> None:
    futures = {executor.submit(_run_task, task): task.source for task in todo}
    reported: set[cf.Future[BuildResult]] = set()

    def report(future: cf.Future[BuildResult]) -> BuildResult:
        reported.add(future)
        source = futures[future]
        if future.cancelled():
            result = _not_started(source)
        else:
            exc = future.exception()
            result = future.result() if exc is None else _crashed(source, exc)
        finish(result)
        return result

    try:
        for future in cf.as_completed(futures):
            if report(future).status == "failed" and fail_fast:
                _stop(futures)
                break
    except BaseException:
        _stop(futures)
        raise
    for future in futures:
        if future not in reported:
            report(future)


def _stop(futures: Iterable[cf.Future[BuildResult]]) -> None:
    # Sources already running finish writing (each write is atomic) before the batch
    # returns, so the clean-up afterwards sees every temporary file that will ever exist.
    pending = list(futures)
    for future in pending:
        future.cancel()
    cf.wait(pending)
