"""Count the instructions of a warm handout rebuild, which the machine's speed does not move.

Run from the repository root (needs valgrind; several minutes, both runs side by side):

    python benchmarks/instructions.py                 # this tree
    python benchmarks/instructions.py --tree ../ketadoc-previous --rebuilds 4

Seconds on a shared virtual machine drift by half within an hour; instructions counted
by valgrind's callgrind do not. The same script runs twice under callgrind in a fresh
interpreter: a Worker builds the example twice (imports, fonts, stylesheets, templates),
then one run saves and rebuilds it ``--rebuilds`` times with a word changed each time,
the other stops there. The difference over the rebuilds is the instructions of one warm
rebuild. Instructions leave out what they cannot see (cache misses, the garbage
collector's memory traffic), so they complement the seconds of ``run.py``; they do not
replace them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REBUILDS = """
import sys
from pathlib import Path
from ketadoc.build import Worker
folder, count = Path(sys.argv[1]), int(sys.argv[2])
source = folder / "article.md"
text = Path(sys.argv[3]).read_text(encoding="utf-8")
source.write_text(text, encoding="utf-8")
worker = Worker(["pdf"], folder / "out")  # one target: one process
worker.build([source])
worker.build([source])
for n in range(count):
    edited = text.replace("description: ", f"description: Edit {n}. ", 1)
    source.write_text(edited, encoding="utf-8")
    worker.build([source])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the ketadoc source tree")
    parser.add_argument("--rebuilds", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    tree = args.tree.resolve()
    env = dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.TemporaryDirectory(prefix="ketadoc-instructions-") as temporary:
        runs = {}
        for count in (0, args.rebuilds):
            folder = Path(temporary) / str(count)
            folder.mkdir()
            command = [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder / 'callgrind.out'}",
                sys.executable,
                "-c",
                REBUILDS,
                str(folder),
                str(count),
                str(tree / "examples" / "ketamine-anxiety.md"),
            ]
            runs[count] = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
        totals = {}
        for count, process in runs.items():
            _, errors = process.communicate()
            found = re.search(r"I\s+refs:\s+([\d,]+)", errors)
            if process.returncode != 0 or found is None:
                sys.exit(f"the run with {count} rebuilds failed:\n{errors[-2000:]}")
            totals[count] = int(found.group(1).replace(",", ""))
    per_rebuild = (totals[args.rebuilds] - totals[0]) / args.rebuilds
    print(f"tree: {tree}")
    print(f"warm-up only: {totals[0] / 1e6:,.0f} M instructions")
    print(f"one warm handout rebuild: {per_rebuild / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
