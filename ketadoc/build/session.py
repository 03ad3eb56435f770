"""A warm build session: plan once, load every exporter once, rebuild what changes.

A :class:`Worker` keeps one process warm between builds: formats and options are
parsed once, WeasyPrint and python-docx are imported, fonts registered, stylesheets
parsed and templates compiled by the first build, and each later build pays only for
the article it renders. ``ketadoc build --watch`` uses it to rebuild a source each time
it (or a figure it shows) is saved; a preview server or a CMS calling ketadoc again and
again can use it the same way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ketadoc.build.plan import FormatOptions, plan_sources, plan_targets
from ketadoc.build.sources import discover_sources
from ketadoc.build.worker import BuildResult, SourceTask, build_source
from ketadoc.checks.config import CheckConfig
from ketadoc.checks.framework import run_config
from ketadoc.errors import ContentError

__all__ = ["RebuildCallback", "Worker"]

RebuildCallback = Callable[[Sequence[BuildResult], float], None]
"""Called after each build of :meth:`Worker.watch` with its results and its seconds."""


class Worker:
    """Builds sources in this process, reusing everything the exporters cache.

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
    ) -> None:
        self.targets = plan_targets(formats, options, layouts)
        self.out_dir = Path(out_dir)
        self.strict = strict
        self.check_config = check_config
        self._inputs: dict[Path, frozenset[Path]] = {}

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
            result = build_source(task)
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
