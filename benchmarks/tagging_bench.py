"""What the tagging pass costs: the PDF exporter with and without it, warm, in one process.

    python benchmarks/tagging_bench.py            # example handout and article, 30x article
    python benchmarks/tagging_bench.py --times 5 --repeats 5
    python benchmarks/tagging_bench.py --inside   # the pass's own CPU time inside renders

Without the pass the exporter renders exactly what WeasyPrint writes (no notes taken
while the tag tree is built, no pikepdf rewrite). Renders alternate with and without, and
CPU time is compared (wall time on a shared machine measures the neighbours). Target: the
pass adds under 10% to the PDF render.

With ``--inside`` the pass is timed from within each tagged render instead: the CPU time
spent taking notes while WeasyPrint builds its tag tree (``TagSources.note_box`` and
``note_element``) and in the pikepdf rewrite (``tagging.retag``), against the whole
render. Two renders of a long article differ by more than the pass on a shared machine;
this share does not depend on that. (It leaves out the wrapper's own generator frames,
which the with/without comparison includes.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def measure_inside(name: str, article: ketadoc.Article, layout: str, repeats: int) -> None:
    from ketadoc.exporters.pdf import tag_sources, tagging

    spent = {"notes": 0.0, "rewrite": 0.0}
    originals = (
        tag_sources.TagSources.note_box,
        tag_sources.TagSources.note_element,
        tagging.retag,
    )

    def timed(part: str, function: Any) -> Any:
        def call(*args: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args)
            finally:
                spent[part] += time.process_time() - start

        return call

    tag_sources.TagSources.note_box = timed("notes", originals[0])  # type: ignore[method-assign]
    tag_sources.TagSources.note_element = timed("notes", originals[1])  # type: ignore[method-assign]
    tagging.retag = timed("rewrite", originals[2])
    try:
        cpu_seconds(article, layout, True)  # warm
        renders, notes, rewrites = [], [], []
        for _ in range(repeats):
            spent.update(notes=0.0, rewrite=0.0)
            renders.append(cpu_seconds(article, layout, True))
            notes.append(spent["notes"])
            rewrites.append(spent["rewrite"])
    finally:
        (
            tag_sources.TagSources.note_box,
            tag_sources.TagSources.note_element,
            tagging.retag,
        ) = originals  # type: ignore[method-assign]
    render, note, rewrite = (statistics.median(v) for v in (renders, notes, rewrites))
    share = (note + rewrite) / (render - note - rewrite)
    print(
        f"  {name:<34} render {render:7.3f} s   notes {note:6.3f} s   rewrite {rewrite:6.3f} s"
        f"   pass {share:+6.1%} of the render without it"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=30, help="length of the long article")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--inside", action="store_true", help="time the pass inside renders")
    args = parser.parse_args()
    example = ketadoc.load(EXAMPLE)
    long = ketadoc.loads(long_article(args.times), "md", file="long.md", base_dir=EXAMPLE.parent)
    if args.inside:
        print("tagging pass: CPU seconds inside each tagged PDF render (median)")
        measure_inside("example, handout", example, "handout", args.repeats)
        measure_inside("example, article", example, "article", args.repeats)
        measure_inside(f"{args.times}x example, article", long, "article", args.repeats)
        return
    print("tagging pass: CPU seconds per PDF render (median), without and with the pass")
    measure("example, handout", example, "handout", args.repeats)
    measure("example, article", example, "article", args.repeats)
    measure(f"{args.times}x example, article", long, "article", max(1, args.repeats - 1))


if __name__ == "__main__":
    main()
