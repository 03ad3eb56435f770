"""``ketadoc build --watch``: one warm worker, a rebuild per save, a clean stop on Ctrl-C.

The worker's second process (rendering the formats the PDF does not wait for) stops
with it: Ctrl-C ends the watch, leaves no half-written file and no process behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ketadoc.build import BuildResult, Worker
from ketadoc.checks.config import CheckConfig
from ketadoc.cli.display import BuildReport, say

__all__ = ["watch_and_rebuild"]


def watch_and_rebuild(
    roots: list[Path],
    formats: list[str],
    out: Path,
    options: dict[str, dict[str, Any]],
    layouts: list[str] | None,
    strict: bool,
    checks: CheckConfig | None = None,
    *,
    jobs: int | None = None,
    debug: bool = False,
) -> None:
    """Build, then rebuild what each save changes until Ctrl-C, printing each rebuild;
    ``jobs`` processes render each source's formats (default: the Worker's)."""
    worker = Worker(
        formats,
        out,
        options=options,
        layouts=layouts,
        strict=strict,
        check_config=checks,
        jobs=jobs,
    )
    report = BuildReport(live=False)

    def rebuilt(results: Sequence[BuildResult], seconds: float) -> None:
        for done, result in enumerate(results, 1):
            report(result, done, len(results))
        report.summary(results, seconds, debug=debug)
        say("watching for changes; Ctrl-C stops", error=True)

    try:
        worker.watch(roots, rebuilt)
    except KeyboardInterrupt:
        say("stopped watching", error=True)
