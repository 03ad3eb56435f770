"""A warm build session: plan once, load every exporter once, rebuild what changes.

A :class:`Worker` keeps its processes warm between builds: formats and options are
parsed once, WeasyPrint and python-docx are imported, fonts registered, stylesheets
parsed and templates compiled by the first build, and each later build pays only for
the article it renders. ``ketadoc build --watch`` uses it to rebuild a source each time
it (or a figure it shows) is saved; a preview server or a CMS calling ketadoc again and
again can use it the same way.

With two processes (the default when there are two CPUs and several targets), the
targets of each source are split by how long they take to render: the longest (the
PDF) renders in this process while a second, warm process renders the rest, and the
outputs are written here once every target has rendered, as in one process.
"""

from __future__ import annotations

import concurrent.futures as cf
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from ketadoc.build.plan import FormatOptions, Target, plan_sources, plan_targets
from ketadoc.build.sources import discover_sources
from ketadoc.build.worker import (
    BUG_REPORT,
    WORKER_DIED,
    BuildResult,
    Rendering,
    SourceTask,
    render_source,
    unrendered,
    write_rendered,
)
from ketadoc.checks.config import CheckConfig
from ketadoc.checks.framework import run_config
from ketadoc.errors import ContentError
from ketadoc.parallel import WarmPool, default_jobs

__all__ = ["RebuildCallback", "Worker", "build_split", "split_targets"]

RebuildCallback = Callable[[Sequence[BuildResult], float], None]
"""Called after each build of :meth:`Worker.watch` with its results and its seconds."""


class Worker:
    """Builds sources again and again, reusing everything the exporters cache.

    ``jobs`` is the number of processes a source's targets render on: 1 renders them one
    after another in this process; the default is 2 when this process may run on two
    CPUs and more than one target renders. The second process starts on the first build
    that needs it and runs until :meth:`close` (or the end of a ``with`` block, or of
    :meth:`watch`); a build after that starts it again. Where that process is not
    forked (macOS and Windows; on Python 3.12 and later everywhere, since it starts
    from a forkserver: see :class:`ketadoc.parallel.WarmPool`), a script using a Worker
    needs the usual ``if __name__ == "__main__":`` guard, as for
    :func:`ketadoc.build_many`.

    Raises, when created, UnknownExporterError or OptionError for unknown formats,
    options or values, as :func:`ketadoc.build_many` does. Without ``check_config`` each
    build reads the settings file ``ketadoc check`` reads, so an edit to it counts.
    """

    def __init__(
        self,
        formats: Sequence[str],
        out_dir: str | Path,
        *,
        options: FormatOptions | None = None,
        layouts: Sequence[str] | None = None,
        strict: bool = False,
        check_config: CheckConfig | None = None,
        jobs: int | None = None,
    ) -> None:
        self.targets = plan_targets(formats, options, layouts)
        self.out_dir = Path(out_dir)
        self.strict = strict
        self.check_config = check_config
        wanted = jobs if jobs is not None else min(2, default_jobs())
        self.processes = max(1, min(wanted, len(self.targets)))
        """How many processes render the targets of a source."""
        self._inputs: dict[Path, frozenset[Path]] = {}
        self._helpers = WarmPool(self.processes - 1)
        self._seconds: dict[str, float] = {}

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the other processes (after what they render now); builds still work."""
        self._helpers.close()

    def build(self, sources: Iterable[str | Path]) -> list[BuildResult]:
        """Build every source (files or folders) to every format, one after another.

        Raises, before any work, ContentError for missing sources, a folder without
        articles or two sources sharing a slug, or CheckConfigError for a bad settings
        file; a bad source or format is in its result.
        """
        paths = discover_sources(sources)
        checks = run_config(paths, self.check_config)
        results = []
        for source in plan_sources(paths):
            task = SourceTask(source, self.targets, self.out_dir, self.strict, checks)
            result = build_split(task, self.processes, self._helpers, self._seconds)
            inputs = {source.path.resolve(), *(p.resolve() for p in result.dependencies)}
            self._inputs[source.path.resolve()] = frozenset(inputs)
            results.append(result)
        return results

    def affected(self, sources: Iterable[str | Path], changed: Iterable[Path]) -> list[Path]:
        """The sources among ``sources`` that a change to the files ``changed`` touches:
        new sources, changed sources, and sources showing a changed figure."""
        changed = {Path(path).resolve() for path in changed}
        return [
            path
            for path in discover_sources(sources)
            if path.resolve() not in self._inputs or self._inputs[path.resolve()] & changed
        ]

    def watch(
        self,
        sources: Sequence[str | Path],
        on_rebuild: RebuildCallback,
        *,
        stop: threading.Event | None = None,
    ) -> None:
        """Build ``sources``, then rebuild what each save changes until ``stop`` is set (or
        KeyboardInterrupt, which is re-raised). Every file is written atomically, so
        stopping never leaves half a file."""
        try:
            self._watch(sources, on_rebuild, stop)
        finally:
            self.close()

    def _watch(
        self,
        sources: Sequence[str | Path],
        on_rebuild: RebuildCallback,
        stop: threading.Event | None,
    ) -> None:
        from watchfiles import watch

        roots = sorted({str(Path(s).resolve().parent if Path(s).is_file() else s) for s in sources})
        started = False
        # The watcher is listening from its first (empty) yield on, so the first build
        # happens then: a save made while it runs is reported by the next yield, not lost.
        changes_seen = watch(
            *roots, stop_event=stop, debounce=200, step=20, rust_timeout=100, yield_on_timeout=True
        )
        for changes in changes_seen:
            if not started:
                started = True
                on_rebuild(*self._timed(sources))
                continue
            if not changes:
                continue
            try:
                todo = self.affected(sources, (Path(path) for _, path in changes))
                if todo:
                    on_rebuild(*self._timed(todo))
            except ContentError as exc:  # a source deleted or renamed while watched
                failed = [BuildResult(Path(p.file), "failed", problems=(p,)) for p in exc.problems]
                on_rebuild(failed, 0.0)

    def _timed(self, sources: Iterable[str | Path]) -> tuple[list[BuildResult], float]:
        started = time.perf_counter()
        results = self.build(sources)
        return results, time.perf_counter() - started


def build_split(
    task: SourceTask, processes: int, helpers: WarmPool, seconds: dict[str, float]
) -> BuildResult:
    """Build one source with its targets split over ``processes`` processes: this one
    and ``processes - 1`` of ``helpers``. ``seconds`` holds the last render time of each
    target's label (see :func:`split_targets`) and is updated with this build's. The
    outputs are written here once every target has rendered, as :func:`build_source`
    writes them."""
    started = time.perf_counter()
    mine, *theirs = split_targets(task.targets, processes, seconds)
    helping = [(group, _send(helpers, task, group)) for group in theirs]
    parts = [render_source(task, mine)]
    parts.extend(_collect(task, group, future) for group, future in helping)
    for part in parts:
        for target in part.targets:
            seconds[task.targets[target.index].label] = target.seconds
    return write_rendered(task, parts, started)


def _send(helpers: WarmPool, task: SourceTask, group: Sequence[int]) -> cf.Future[Rendering]:
    try:
        return helpers.submit(render_source, task, group)
    except Exception as exc:  # no process could be started: the group fails below
        failed: cf.Future[Rendering] = cf.Future()
        failed.set_exception(exc)
        return failed


def _collect(task: SourceTask, group: Sequence[int], future: cf.Future[Rendering]) -> Rendering:
    try:
        return future.result()
    except cf.process.BrokenProcessPool:  # the next submit starts a new process
        return unrendered(task, group, f"the process rendering it {WORKER_DIED}")
    except Exception as exc:  # e.g. options a plugin made that cannot be pickled
        reason = f"internal error {type(exc).__name__}: {exc}; {BUG_REPORT}"
        return unrendered(task, group, reason, "".join(traceback.format_exception(exc)))


def split_targets(
    targets: Sequence[Target], processes: int, seconds: Mapping[str, float]
) -> list[tuple[int, ...]]:
    """The positions of ``targets`` in at most ``processes`` groups, one per process:
    the longest targets each alone, longest first, and the rest together last, so no
    process waits for a long render behind another. ``seconds`` holds the last render
    time of each target's label; until every target has one, a guess ranks the PDFs
    (the article layout first) above DOCX, and DOCX above the rest."""
    measured = all(target.label in seconds for target in targets)
    cost = [seconds[t.label] if measured else _guessed_seconds(t) for t in targets]
    longest = sorted(range(len(targets)), key=lambda i: -cost[i])  # ties keep their order
    alone = max(0, min(processes, len(targets)) - 1)
    rest = tuple(sorted(longest[alone:]))
    return [(index,) for index in longest[:alone]] + [rest]


def _guessed_seconds(target: Target) -> float:
    # Rough warm times of the example on one core; only the order matters.
    layout = target.layout or getattr(target.options, "layout", None)
    if target.format == "pdf":
        return 0.7 if layout == "article" else 0.55
    return 0.15 if target.format == "docx" else 0.03
