"""Building many sources: plan once, skip what is up to date, run the rest on workers.

Sources are spread over worker processes (or any ``concurrent.futures.Executor``: a Dask
or Ray cluster runs a batch unchanged); each worker renders many articles, so the
imported modules, templates and stylesheets each exporter caches are parsed once per
worker, not once per article.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ketadoc.build.plan import FormatOptions, plan_sources, plan_targets
from ketadoc.build.session import build_split
from ketadoc.build.sources import discover_sources
from ketadoc.build.state import BuildState
from ketadoc.build.worker import WORKER_DIED, BuildResult, SourceTask, build_source
from ketadoc.checks.config import CheckConfig
from ketadoc.checks.framework import run_config
from ketadoc.errors import Problem
from ketadoc.parallel import Outcome, WarmPool, default_jobs, forks_cleanly, run_each

__all__ = ["ProgressCallback", "build_many"]

ProgressCallback = Callable[[BuildResult, int, int], None]
"""Called in the calling process as each source finishes: ``(result, done, total)``."""


def build_many(
    sources: Iterable[str | Path],
    formats: Sequence[str],
    out_dir: str | Path,
    *,
    options: FormatOptions | None = None,
    layouts: Sequence[str] | None = None,
    strict: bool = False,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    force: bool = False,
    fail_fast: bool = False,
    progress: ProgressCallback | None = None,
    check_config: CheckConfig | None = None,
) -> list[BuildResult]:
    """Build every source (files, or folders searched recursively) to every format.

    Outputs are written atomically to ``<out_dir>/<slug><ext>`` (a layout other than the
    default adds its name: ``<slug>.article.pdf``); ``layouts`` builds several layouts
    of the formats that have them. One failing format fails only itself: the source's
    other formats are written. ``strict`` makes warnings errors: such a source writes
    nothing. Sources whose inputs are unchanged since their last build into ``out_dir``
    are skipped unless ``force``. The work runs on ``executor`` when given (not shut
    down), else on ``jobs`` worker processes (default: the CPU count; 1 builds in this
    process). One source left to build renders its slowest format (the PDF) here and
    the others on a forked process beside it, where this process can fork cleanly (see
    :func:`ketadoc.parallel.forks_cleanly`). ``fail_fast`` stops starting sources after
    the first failure. The checks that gate a format run with ``check_config``, by
    default the settings file ``ketadoc check`` reads for the same sources, so both give
    one verdict. Returns one result per source, in source order.

    Raises, before any work: ContentError for missing sources, a folder without articles
    or two sources sharing a slug; UnknownExporterError, OptionError or CheckConfigError
    (all UsageErrors) for unknown formats, options or values, or a bad settings file.
    Interrupting the batch (KeyboardInterrupt) leaves no partial files and re-raises.
    """
    targets = plan_targets(formats, options, layouts)
    out = Path(out_dir)
    paths = discover_sources(sources)
    checks = run_config(paths, check_config)
    planned = plan_sources(paths)
    state = BuildState.load(out, targets, checks)
    total = len(planned)
    results: dict[Path, BuildResult] = {}

    def finish(result: BuildResult, digest: str) -> bool:
        results[result.source] = result
        if result.status == "built":
            state.record(result.source, digest, result.dependencies, result.outputs)
        elif result.status == "failed":
            state.forget(result.source)
        if progress is not None:
            progress(result, len(results), total)
        return fail_fast and result.status == "failed"

    todo: list[SourceTask] = []
    try:
        for source in planned:
            if not force and state.is_fresh(source.path, source.digest):
                finish(
                    BuildResult(source.path, "skipped", reason="unchanged since the last build"), ""
                )
            else:
                todo.append(SourceTask(source, targets, out, strict, checks))

        def on_outcome(index: int, outcome: Outcome[BuildResult]) -> bool:
            source = todo[index].source
            return finish(_result_of(source.path, outcome), source.digest)

        work = build_source
        processes = min(jobs or default_jobs(), len(targets))
        if executor is None and len(todo) == 1 and processes > 1 and forks_cleanly():
            work = functools.partial(_build_alone, processes=processes)
        run_each(work, todo, jobs=jobs, executor=executor, on_outcome=on_outcome)
    finally:
        _remove_partial_files(out, (source.slug for source in planned))
        state.save()
    return [results[source.path] for source in planned]


def _build_alone(task: SourceTask, processes: int) -> BuildResult:
    # The batch's other processes would be idle: the source's formats render on them.
    helpers = WarmPool(processes - 1, start_method="fork")
    try:
        return build_split(task, processes, helpers, {})
    finally:
        helpers.close()


def _result_of(source: Path, outcome: Outcome[BuildResult]) -> BuildResult:
    if not outcome.started:
        return BuildResult(source, "skipped", reason="not started: the batch stopped at a failure")
    if outcome.value is not None:
        return outcome.value
    if isinstance(outcome.error, cf.process.BrokenProcessPool):
        message = (
            f"the worker process building this source {WORKER_DIED}; nothing partial was written"
        )
    else:
        message = f"the build failed in its worker: {type(outcome.error).__name__}: {outcome.error}"
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
