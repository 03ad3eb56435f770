"""Time the docx exporter against pandoc's DOCX writer, medians side by side.

Run from the repository root:  python benchmarks/docx_bench.py [ARTICLE] [--repeat N]

* ketadoc (in-process): ``DocxExporter.render`` on an already loaded article, as a batch
  build calls it.
* ketadoc CLI: ``ketadoc build ARTICLE --to docx`` in a fresh process (interpreter
  start-up, loading and validating the article, python-docx import included).
* pandoc: ``pandoc ARTICLE -o x.docx`` in a fresh process, the whole of what a user runs.

Target: the ketadoc command faster than pandoc's whole process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ketadoc
from ketadoc.exporters.docx import DocxExporter

DEFAULT = Path(__file__).resolve().parent.parent / "examples" / "ketamine-anxiety.md"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``action`` over ``repeat`` runs, after one warm-up."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=9)
    options = parser.parse_args()
    article = ketadoc.load(options.article)
    exporter = DocxExporter()
    rows: list[tuple[str, float]] = []
    rows.append(
        (
            "ketadoc render (in-process)",
            median_seconds(lambda: exporter.render(article), options.repeat),
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        command = [sys.executable, "-m", "ketadoc", "build", str(options.article), "--to", "docx"]
        cli = [*command, "--out", str(out / "ketadoc"), "--force"]
        rows.append(
            ("ketadoc build --to docx (process)", median_seconds(lambda: _run(cli), options.repeat))
        )
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("pandoc is not installed: only ketadoc was timed", file=sys.stderr)
        else:
            pandoc_command = [pandoc, str(options.article), "-o", str(out / "pandoc.docx")]
            rows.append(
                (
                    "pandoc -o x.docx (process)",
                    median_seconds(lambda: _run(pandoc_command), options.repeat),
                )
            )
    width = max(len(name) for name, _ in rows)
    print(f"{'':{width}}  median      vs pandoc")
    reference = rows[-1][1] if pandoc else None
    for name, seconds in rows:
        ratio = f"{seconds / reference:.2f}x" if reference else "-"
        print(f"{name:{width}}  {seconds * 1000:7.1f} ms  {ratio}")


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


if __name__ == "__main__":
    main()
