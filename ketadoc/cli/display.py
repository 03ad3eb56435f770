"""What the command line prints: progress, summaries and errors, and nothing else.

On a terminal, a rich progress bar on standard error with problems printed above it; in
a log or a pipe, one plain line per event (``wrote out/x.pdf``) so CI output stays
readable, and rich is not even imported. Every error a command meets goes through
:func:`report_errors`, the one place that maps errors to exit codes.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

import typer

from ketadoc.errors import ContentError, KetadocError, UsageError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ketadoc.build import BuildResult

__all__ = ["BuildReport", "report_errors", "say"]

BUG_REPORT = "this is a bug in ketadoc: please report it with the output of `ketadoc info`"


def say(text: str, *, error: bool = False) -> None:
    """Print one line to standard output, or to standard error for problems."""
    typer.echo(text, err=error)


def _log_internal_errors(tracebacks: Sequence[str], debug: bool) -> str:
    """Print the tracebacks (``--debug``) or write them to a log file; say where."""
    if debug:
        for text in tracebacks:
            say(text, error=True)
        return ""
    handle, path = tempfile.mkstemp(prefix="ketadoc-error-", suffix=".log")
    with open(handle, "w", encoding="utf-8") as log:
        log.write("\n".join(tracebacks))
    return f"; the traceback is in {path} (or run again with --debug)"


@contextmanager
def report_errors(*, debug: bool = False) -> Iterator[None]:
    """Turn what a command raises into located messages and an exit code: 2 for usage
    errors, 1 for content and export errors, 1 with a bug-report line for anything else.
    No traceback reaches the user unless ``debug``."""
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except UsageError as exc:
        say(f"ketadoc: error: {exc}", error=True)
        raise typer.Exit(2) from None
    except ContentError as exc:
        for problem in exc.problems:
            say(str(problem), error=True)
        raise typer.Exit(1) from None
    except KetadocError as exc:
        say(f"ketadoc: error: {exc}", error=True)
        raise typer.Exit(1) from None
    except Exception as exc:
        where = _log_internal_errors([traceback.format_exc()], debug)
        say(
            f"ketadoc: internal error: {type(exc).__name__}: {exc}; {BUG_REPORT}{where}", error=True
        )
        raise typer.Exit(1) from None


class BuildReport:
    """A progress callback for :func:`ketadoc.build_many` that prints as results arrive.

    Use it as a context manager around the batch so the progress bar is removed cleanly.
    """

    def __init__(
        self, *, live: bool | None = None, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.live = self.err.isatty() if live is None else live
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BuildReport:
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

    def _start(self, total: int) -> None:
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
        self._task = self._progress.add_task("", total=total)

    def _say(self, text: str, *, error: bool = False) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.err if error else self.out, flush=True)

    def __call__(self, result: BuildResult, done: int, total: int) -> None:
        if self.live and total > 1 and self._progress is None and done < total:
            self._start(total)
        for problem in (*result.problems, *result.warnings):
            self._say(str(problem), error=True)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, description=str(result.source))
        elif result.status == "skipped":
            self._say(f"skipped {result.source}: {result.reason}")
        else:
            for output in result.outputs:
                self._say(f"wrote {output}")

    def summary(
        self, results: Sequence[BuildResult], seconds: float, *, debug: bool = False
    ) -> None:
        """Print what was built, skipped (up to date) and failed (with the failed formats),
        the wall time, and where the traceback of any internal error went."""
        counts = dict.fromkeys(("built", "skipped", "failed"), 0)
        for result in results:
            counts[result.status] += 1
        tracebacks = [text for result in results for text in result.internal_errors]
        if tracebacks:
            where = _log_internal_errors(tracebacks, debug)
            self._say(f"ketadoc: {len(tracebacks)} internal error(s){where}", error=True)
        line = ", ".join(f"{status} {count}" for status, count in counts.items())
        self._say(f"{line} ({seconds:.2f} s)", error=True)
        for result in results:
            if result.status == "failed":
                formats = f" ({', '.join(result.failed_formats)})" if result.failed_formats else ""
                self._say(f"failed: {result.source}{formats}", error=True)
