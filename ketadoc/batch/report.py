"""What ``ketadoc build`` shows while a batch runs and after: progress and a summary.

On a terminal, a rich progress bar on standard error with problems printed above it; in
a log or a pipe, one plain line per event (``wrote out/x.pdf``) so CI output stays
readable. Either way a summary table closes the run.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from ketadoc.build import BuildResult

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["BuildReport"]


class BuildReport:
    """A progress callback for :func:`ketadoc.build_many` that prints as results arrive.

    Use it as a context manager around the batch so the progress bar is removed cleanly.
    """

    def __init__(
        self,
        total: int,
        *,
        live: bool | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.total = total
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.live = self.err.isatty() if live is None else live
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BuildReport:
        if self.live and self.total > 1:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("building"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(file=self.err),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _say(self, text: str, *, error: bool = False) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.err if error else self.out, flush=True)

    def __call__(self, result: BuildResult, done: int, total: int) -> None:
        for problem in result.problems:
            self._say(str(problem), error=True)
        for warning in result.warnings:
            self._say(str(warning), error=True)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, description=str(result.source))
        elif result.status == "built":
            for output in result.outputs:
                self._say(f"wrote {output}")
        elif result.status == "skipped":
            self._say(f"skipped {result.source}: {result.reason}")

    def summary(self, results: Sequence[BuildResult], seconds: float) -> None:
        """Print the table of built, failed and skipped sources and the wall time."""
        from rich import box
        from rich.console import Console
        from rich.table import Table

        counts = dict.fromkeys(("built", "failed", "skipped"), 0)
        for result in results:
            counts[result.status] += 1
        table = Table(box=box.SIMPLE if self.live else box.ASCII)
        for heading in ("built", "failed", "skipped", "time"):
            table.add_column(heading, justify="right")
        table.add_row(
            str(counts["built"]), str(counts["failed"]), str(counts["skipped"]), f"{seconds:.2f} s"
        )
        console: Console = Console(file=self.err, highlight=False, soft_wrap=False)
        console.print(table)
