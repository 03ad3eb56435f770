"""Time ``ketadoc check`` over a folder of generated articles.

Usage: python benchmarks/check_bench.py [--articles 200] [--cli]

Each article is the bundled example with its title, FAQ answers and one paragraph varied,
so every article is distinct and the cross-file duplicate-answer check has real work to
do. Without --cli the library is timed (load, validate, check); with --cli the whole
command runs in a fresh process, start-up included. The target is under 10 s for 200.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ketadoc.checks import check_paths
from ketadoc.checks.formats import format_report
from ketadoc.resources import example_path


def generate(folder: Path, count: int) -> list[Path]:
    """Write ``count`` varied copies of the example article into ``folder``."""
    source = example_path().read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        text = source.replace(
            "title: Does Ketamine Help With Anxiety?",
            f"title: Does Ketamine Help With Anxiety? (variant {number})",
        )
        # Half of the answers vary per article; the rest repeat, as copied FAQs do.
        text = text.replace("Reviews on ketamine for anxiety vary.", f"Reviews vary ({number}).")
        text = text.replace(
            "Ketamine is a medication that has been used for many years",
            f"Ketamine is a medicine that has been used for {number % 40 + 10} years",
        )
        path = folder / f"article-{number:03}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--cli", action="store_true", help="time the command in a subprocess")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate(folder, options.articles)
        start = time.perf_counter()
        cpu_start = _cpu_seconds()
        if options.cli:
            done = subprocess.run(
                [sys.executable, "-m", "ketadoc", "check", str(folder), "--format", "json"],
                capture_output=True,
                check=False,
            )
            findings = done.stdout.count(b'"id": "KD')
        else:
            report = check_paths(paths)
            format_report(report, "sarif")
            findings = len(report.findings)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu_start
    mode = "command" if options.cli else "library"
    print(
        f"{options.articles} articles, {findings} findings: {seconds:.2f} s wall ({mode},"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f});"
        f" {cpu:.2f} s CPU in all processes"
    )


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children: what other load cannot inflate."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
