"""Time the jsonld exporter in-process: milliseconds per article (target: under 5 ms).

Run from the repository root:  python benchmarks/jsonld_bench.py [ARTICLE] [--repeat N]

Loading and validating are timed separately: the exporter's cost is what a build
pipeline pays per article once the model exists. ``json.dumps`` of the finished data
is printed beside it as the floor any JSON-LD writer pays.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import ketadoc
from ketadoc.exporters.jsonld import JsonLdExporter, JsonLdOptions

DEFAULT = Path(__file__).resolve().parent.parent / "examples" / "ketamine-anxiety.md"


def _per_call_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best milliseconds per call over ``repeat`` batches of 20 calls."""
    batches = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(20):
            action()
        batches.append((time.perf_counter() - started) * 1000 / 20)
    return statistics.median(batches), min(batches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()

    started = time.perf_counter()
    article = ketadoc.load(args.article)
    load_ms = (time.perf_counter() - started) * 1000
    exporter = JsonLdExporter()
    page, faq = JsonLdOptions(), JsonLdOptions(scope="faq")
    exporter.render(article, page)  # warm caches (templates, regexes) before timing
    data = exporter.document(article, page).data

    rows = [
        ("load + validate (once, cold)", load_ms, load_ms),
        ("jsonld scope=page", *_per_call_ms(lambda: exporter.render(article, page), args.repeat)),
        ("jsonld scope=faq", *_per_call_ms(lambda: exporter.render(article, faq), args.repeat)),
        ("json.dumps of the same data", *_per_call_ms(lambda: json.dumps(data), args.repeat)),
    ]
    print(f"{args.article.name}: {len(article.faqs)} FAQs, {len(article.citations)} citations")
    print(f"{'':32} {'median ms':>10} {'best ms':>9}")
    for name, median, best in rows:
        print(f"{name:32} {median:10.2f} {best:9.2f}")


if __name__ == "__main__":
    main()
