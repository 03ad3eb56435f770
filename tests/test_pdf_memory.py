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
