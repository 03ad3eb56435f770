"""What the tagging pass costs: the PDF exporter with and without it, warm, in one process.

    python benchmarks/tagging_bench.py            # example handout and article, 30x article
    python benchmarks/tagging_bench.py --times 5 --repeats 5

Without the pass the exporter renders exactly what WeasyPrint writes (no notes taken
while the tag tree is built, no pikepdf rewrite). Renders alternate with and without, and
CPU time is compared (wall time on a shared machine measures the neighbours). Target: the
pass adds under 10% to the PDF render.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import EXAMPLE, long_article

import ketadoc
from ketadoc.exporters.pdf import engine


@contextmanager
def _unwatched() -> Iterator[None]:
    yield None


def cpu_seconds(article: ketadoc.Article, layout: str, tagged: bool) -> float:
    watched = engine.recording
    if not tagged:
        engine.recording = _unwatched  # type: ignore[assignment]
    try:
        start = time.process_time()
        ketadoc.export(article, "pdf", layout=layout)
        return time.process_time() - start
    finally:
        engine.recording = watched


def measure(name: str, article: ketadoc.Article, layout: str, repeats: int) -> None:
    cpu_seconds(article, layout, True)  # warm: fonts, stylesheets, templates
    samples: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(repeats):
        for tagged in (False, True):
            samples[tagged].append(cpu_seconds(article, layout, tagged))
    plain, tagged = (statistics.median(samples[t]) for t in (False, True))
    share = (tagged - plain) / plain
    verdict = "met" if share < 0.10 else "MISSED"
    print(
        f"  {name:<34} without {plain:7.3f} s   with {tagged:7.3f} s   "
        f"pass {share:+6.1%}   target < 10%: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=30, help="length of the long article")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    example = ketadoc.load(EXAMPLE)
    long = ketadoc.loads(long_article(args.times), "md", file="long.md", base_dir=EXAMPLE.parent)
    print("tagging pass: CPU seconds per PDF render (median), without and with the pass")
    measure("example, handout", example, "handout", args.repeats)
    measure("example, article", example, "article", args.repeats)
    measure(f"{args.times}x example, article", long, "article", max(1, args.repeats - 1))


if __name__ == "__main__":
    main()
