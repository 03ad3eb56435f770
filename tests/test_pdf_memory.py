"""A process that renders PDF after PDF (a batch worker, ``--watch``, a CMS calling the
library) keeps its memory flat: each render's objects are freed once it is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RENDERS = """
import resource, sys
import ketadoc
article = ketadoc.load(sys.argv[1])
peaks = []
for n in range(12):
    ketadoc.export(article, "pdf")
    if n in (3, 11):
        peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(*peaks)
"""


def test_rendering_pdf_after_pdf_does_not_grow_the_process(example_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RENDERS, str(example_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    after_four, after_twelve = (int(kib) for kib in done.stdout.split())
    # A render keeping its garbage alive grew the process by about 4 MiB each time
    # (32 MiB over these eight); the allocator's own slack stays well under 12 MiB.
    assert after_twelve - after_four < 12 * 1024, (after_four, after_twelve)


def test_a_render_leaves_the_collector_as_it_found_it(example_path: Path) -> None:
    import gc

    import ketadoc
    from ketadoc.collector import RENDER_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    ketadoc.export(ketadoc.load(example_path), "pdf")
    assert gc.get_threshold() == before
    assert gc.isenabled()
    with fewer_collections():
        assert gc.get_threshold() == (RENDER_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before


def test_renders_in_two_threads_restore_the_collector_when_the_last_ends() -> None:
    import gc
    import threading

    from ketadoc.collector import RENDER_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[int] = []

    def first() -> None:
        with fewer_collections():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with fewer_collections():
            second_in.set()
            first_out.wait(10)
            seen.append(gc.get_threshold()[0])  # the first render ended: still raised

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [RENDER_THRESHOLD]
    assert gc.get_threshold() == before


def test_an_application_s_own_higher_threshold_is_kept() -> None:
    import gc

    from ketadoc.collector import RENDER_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    gc.set_threshold(RENDER_THRESHOLD * 5, before[1], before[2])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == RENDER_THRESHOLD * 5
        assert gc.get_threshold()[0] == RENDER_THRESHOLD * 5
    finally:
        gc.set_threshold(*before)
