"""Time ``ketadoc check`` over a folder of generated articles.

Usage: python benchmarks/check_bench.py [--articles 200] [--cli]

Each article is the bundled example with its title, FAQ answers and one paragraph varied,
so every article is distinct and the cross-file duplicate-answer check has real work to
do. Without --cli the library is timed (load, validate, check); with --cli the whole
command runs in a fresh process, start-up included. The target is under 10 s for 200.
"""

from __future__ import annotations

import argparse
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
    mode = "command" if options.cli else "library"
    print(
        f"{options.articles} articles, {findings} findings: {seconds:.2f} s ({mode});"
        f" {seconds / options.articles * 1000:.1f} ms per article"
    )


if __name__ == "__main__":
    main()
