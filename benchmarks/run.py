"""Side-by-side benchmarks of ketadoc against its peers, measured in one run.

    python benchmarks/run.py            # everything, a few minutes on 2 cores
    python benchmarks/run.py --quick    # smaller batches and fewer repeats
    python benchmarks/run.py --only pdf scale --profile
    python benchmarks/run.py --only full toc --baseline ../ketadoc-previous

Parts (``--only`` takes these names):

- ``full``   the example to pdf (handout), docx and html: ``ketadoc build`` against pandoc
             making the same three files from the same Markdown, each a fresh process as
             a user runs them. Target: ketadoc <= 1.25x pandoc. ``--jobs 1`` (one
             process) and the article layout are printed beside it for information.
- ``light``  the commands that should start light: ``ketadoc jsonld`` against
             ``pandoc -t json`` on the same file (target <= 2.0x), and ``ketadoc --version``.
- ``pdf``    ketadoc's pdf exporter against raw WeasyPrint making the very calls ketadoc
             makes (the same HTML, the same parsed stylesheets and font configuration,
             the same options, so WeasyPrint's part is byte-identical), both warm in this
             process. What is left is ketadoc's own work: templating, checks and its
             tag-tree pass. Target <= 1.10x.
- ``toc``    the article layout (contents with page numbers) rendered warm by this tree
             and by the ``--baseline`` tree, alternately in fresh worker processes.
             Target <= 0.70x the baseline.
- ``warm``   the warm worker: save -> handout PDF written through the file watcher, median
             of 10 edits of the example (target <= 0.6 s); and a warm rebuild of pdf, docx
             and html by the default Worker (two processes on two CPUs) against pandoc's
             three cold runs (target <= 0.60x), with one process beside it.
- ``batch``  100 generated handouts with ``--jobs 1`` and ``--jobs 2``. Targets: speed-up
             >= 1.7x on 2 cores; time per article in the batch <= 0.5x one cold build.
- ``noop``   rebuilding 40 unchanged articles (everything up to date). Target < 0.5 s.
- ``memory`` 300 handouts on 2 worker processes: each worker's peak RSS at the end
             against its peak after the first 30 articles. Target: within 10%.
- ``scale``  an article 20x the example's length against the example. Target <= 25x.

With ``--baseline TREE`` (a checkout of an earlier ketadoc), ``full`` and ``light`` also
run that tree's command line, alternating with this one, so before and after are
measured in one run. Medians are printed with their ratios, each beside its target, and
the load average before and after; nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import cProfile
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ketamine-anxiety.md"
KETADOC = [sys.executable, "-m", "ketadoc"]
BASELINE: Path | None = None


def tree_env(tree: Path | None = None) -> dict[str, str]:
    """The environment that runs ``python -m ketadoc`` from ``tree`` (default: this one)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env["PYTHONPATH"] = str(tree or ROOT)
    return env


RENDERED = ("pdf", "docx", "html")
BATCH_FORMATS = ("pdf", "docx", "jsonld", "html")


def registered(formats: Sequence[str]) -> list[str]:
    from ketadoc import exporter_names

    known = exporter_names()
    missing = [f for f in formats if f not in known]
    if missing:
        print(f"  (not registered, left out: {', '.join(missing)})")
    return [f for f in formats if f in known]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def side_by_side(
    actions: dict[str, Callable[[], object]], repeats: int, warmup: bool = True
) -> dict[str, float]:
    """Median seconds of each action, run interleaved so drift hits every one alike."""
    if warmup:
        for action in actions.values():
            action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            samples[name].append(timed(action))
    return {name: statistics.median(values) for name, values in samples.items()}


def run(command: Sequence[str | Path], **kwargs: Any) -> None:
    subprocess.run([str(c) for c in command], check=True, capture_output=True, **kwargs)


def row(label: str, seconds: float, unit: str = "s") -> None:
    print(f"  {label:<52} {seconds:9.3f} {unit}")


def verdict(label: str, value: float, target: str, met: bool) -> None:
    print(f"  {label:<52} {value:9.2f}x   target {target}: {'met' if met else 'MISSED'}")


def info(label: str, value: float) -> None:
    print(f"  {label:<52} {value:9.2f}x   (for information)")


# -- article generators -------------------------------------------------------------------


def split_example() -> tuple[str, str, list[str], list[str]]:
    """Front matter, lead, the level-2 sections before the FAQ, and the FAQ items."""
    text = EXAMPLE.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    front, body = text[:end], text[end:]
    parts = re.split(r"(?m)^(?=## )", body)
    lead, sections = parts[0], parts[1:]
    faq = next(s for s in sections if s.startswith("## Frequently Asked Questions"))
    faqs = re.split(r"(?m)^(?=### )", faq)[1:]
    return front, lead, [s for s in sections if s is not faq], faqs


def long_article(times: int) -> str:
    """The example with its sections and FAQs repeated ``times`` times."""
    front, lead, sections, faqs = split_example()
    body = [lead]
    for n in range(1, times + 1):
        suffix = f" (part {n})" if times > 1 else ""
        for section in sections:
            body.append(re.sub(r"(?m)^(#{2,4} .*?)\s*$", rf"\1{suffix}", section, count=0))
    body.append("## Frequently Asked Questions\n\n")
    for n in range(1, times + 1):
        suffix = f" (part {n})" if times > 1 else ""
        for item in faqs:
            body.append(re.sub(r"(?m)^(### .*?)\?\s*$", rf"\1{suffix}?", item, count=1))
    return front + "".join(body)


def generate_batch(folder: Path, count: int) -> list[Path]:
    """``count`` distinct handouts: the example with a numbered title and lead."""
    text = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        variant = text.replace(
            "title: Does Ketamine Help With Anxiety?",
            f"title: Does Ketamine Help With Anxiety? Edition {n}",
            1,
        ).replace(
            "url: https://example.org/health/ketamine-anxiety",
            f"url: https://example.org/health/k-{n}",
        )
        path = folder / f"article-{n:04d}.md"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


# -- the parts ------------------------------------------------------------------------------


def pandoc_runs(out: Path, formats: Sequence[str]) -> Callable[[], None]:
    """pandoc making the example's ``formats`` into ``out``, one fresh process per format."""
    out.mkdir()
    pandoc_args = {
        "docx": ["-o", out / "p.docx"],
        "html": ["-s", "-o", out / "p.html"],
        "pdf": ["--pdf-engine=weasyprint", "-o", out / "p.pdf"],
    }

    def pandoc() -> None:
        for fmt in formats:
            run(["pandoc", EXAMPLE, *pandoc_args[fmt]], env=tree_env())

    return pandoc


def bench_full(work: Path, repeats: int) -> None:
    print("\nfull build of the example (pdf, docx, html), each run a fresh process")
    formats = registered(RENDERED)
    if shutil.which("pandoc") is None:
        print("  pandoc is not installed: skipped")
        return
    out = work / "full"
    pandoc = pandoc_runs(out, formats)

    def ketadoc(
        layout: str, tree: Path | None = None, jobs: int | None = None
    ) -> Callable[[], None]:
        command = [*KETADOC, "build", EXAMPLE, "--to", ",".join(formats)]
        name = f"k-{layout}-{'base' if tree else 'this'}-{jobs or 'default'}"
        command += ["--out", out / name, "--force", "--layout", layout]
        command += ["--jobs", str(jobs)] if jobs else []
        return lambda: run(command, env=tree_env(tree))

    # The default: one source renders its PDF in the command's process and the other
    # formats in a forked second process, when there are two CPUs.
    actions: dict[str, Callable[[], object]] = {
        "handout": ketadoc("handout"),
        "handout alone": ketadoc("handout", jobs=1),
        "article": ketadoc("article"),
        "pandoc": pandoc,
    }
    if BASELINE is not None:
        actions["baseline handout"] = ketadoc("handout", BASELINE)
    medians = side_by_side(actions, repeats)
    to = ",".join(formats)
    row(f"ketadoc build --to {to} (handout)", medians["handout"])
    row("the same with --jobs 1 (one process)", medians["handout alone"])
    row(f"ketadoc build --to {to} --layout article", medians["article"])
    row(f"pandoc, {len(formats)} runs (one per format)", medians["pandoc"])
    ratio = medians["handout"] / medians["pandoc"]
    verdict("ketadoc (handout) / pandoc", ratio, "<= 1.25", ratio <= 1.25)
    info("ketadoc --jobs 1 (handout) / pandoc", medians["handout alone"] / medians["pandoc"])
    info("ketadoc (article) / pandoc", medians["article"] / medians["pandoc"])
    if BASELINE is not None:
        row("baseline tree, handout", medians["baseline handout"])
        info("this tree / baseline (handout)", medians["handout"] / medians["baseline handout"])


def bench_light(repeats: int) -> None:
    print("\nlight commands, each run a fresh process")
    if shutil.which("pandoc") is None:
        print("  pandoc is not installed: skipped")
        return
    jsonld = [*KETADOC, "jsonld", EXAMPLE]
    actions: dict[str, Callable[[], object]] = {
        "jsonld": lambda: run(jsonld, env=tree_env()),
        "version": lambda: run([*KETADOC, "--version"], env=tree_env()),
        "pandoc": lambda: run(["pandoc", "-t", "json", EXAMPLE]),
    }
    if BASELINE is not None:
        actions["baseline jsonld"] = lambda: run(jsonld, env=tree_env(BASELINE))
    medians = side_by_side(actions, repeats)
    row("ketadoc jsonld example.md", medians["jsonld"])
    row("ketadoc --version", medians["version"])
    row("pandoc -t json example.md", medians["pandoc"])
    ratio = medians["jsonld"] / medians["pandoc"]
    verdict("ketadoc jsonld / pandoc -t json", ratio, "<= 2.0", ratio <= 2.0)
    if BASELINE is not None:
        row("baseline tree, ketadoc jsonld", medians["baseline jsonld"])
        info("this tree / baseline (jsonld)", medians["jsonld"] / medians["baseline jsonld"])


class WeasyPrintCalls:
    """Records the WeasyPrint calls one ketadoc export makes, so they can be made again raw."""

    def __init__(self) -> None:
        self.init: dict[str, Any] = {}
        self.render: dict[str, Any] = {}
        self.write: dict[str, Any] = {}
        self.output = b""

    def record(self, action: Callable[[], object]) -> None:
        import weasyprint
        from weasyprint.document import Document

        html_init, html_render, write_pdf = (
            weasyprint.HTML.__init__,
            weasyprint.HTML.render,
            Document.write_pdf,
        )
        calls = self

        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            calls.init = kwargs
            html_init(self, *args, **kwargs)

        def render(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.render = kwargs
            return html_render(self, *args, **kwargs)

        def write(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls.write = kwargs
            calls.output = write_pdf(self, *args, **kwargs)
            return calls.output

        weasyprint.HTML.__init__, weasyprint.HTML.render, Document.write_pdf = init, render, write
        try:
            action()
        finally:
            weasyprint.HTML.__init__, weasyprint.HTML.render = html_init, html_render
            Document.write_pdf = write_pdf

    def replay(self) -> bytes:
        import weasyprint

        document = weasyprint.HTML(**self.init).render(**self.render)
        data: bytes = document.write_pdf(**self.write)
        return data


def bench_pdf(repeats: int, profile: bool) -> None:
    print("\npdf: ketadoc's exporter against the same WeasyPrint calls made raw (warm)")
    if not registered(["pdf"]):
        return
    import ketadoc

    article = ketadoc.load(EXAMPLE)
    for layout in ("handout", "article"):

        def ours(layout: str = layout) -> bytes:
            return ketadoc.export(article, "pdf", layout=layout).data

        calls = WeasyPrintCalls()
        calls.record(ours)
        if not calls.init:
            print("  ketadoc made no WeasyPrint call that could be recorded: skipped")
            return
        same = calls.replay() == calls.output
        print(f"  raw calls give WeasyPrint's bytes again: {'yes' if same else 'NO'}", end="")
        print("; ketadoc's file differs from them" if ours() != calls.output else "")
        medians = side_by_side({"ketadoc": ours, "weasyprint": calls.replay}, repeats)
        row(f"ketadoc.export(article, 'pdf', layout={layout!r})", medians["ketadoc"])
        row("the same calls: HTML(...).render(...).write_pdf(...)", medians["weasyprint"])
        ratio = medians["ketadoc"] / medians["weasyprint"]
        verdict(f"ketadoc / weasyprint ({layout})", ratio, "<= 1.10", ratio <= 1.10)
        if profile:
            profiled(f"ketadoc pdf {layout}", ours)


TOC_WORKER = """
import io, statistics, sys, time
import ketadoc
from pypdf import PdfReader
article = ketadoc.load(sys.argv[1])
ketadoc.export(article, "pdf", layout="article")
times = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter()
    data = ketadoc.export(article, "pdf", layout="article").data
    times.append(time.perf_counter() - started)
print(statistics.median(times), len(PdfReader(io.BytesIO(data)).pages))
"""


def bench_toc(repeats: int) -> None:
    print("\ntoc: the article layout rendered warm, this tree against the baseline tree")
    if BASELINE is None:
        print("  needs --baseline TREE: skipped")
        return
    if not registered(["pdf"]):
        return
    samples: dict[str, list[float]] = {"this": [], "baseline": []}
    pages: dict[str, str] = {}
    for _ in range(repeats):
        for name, tree in (("this", None), ("baseline", BASELINE)):
            result = subprocess.run(
                [sys.executable, "-c", TOC_WORKER, str(EXAMPLE), "3"],
                env=tree_env(tree),
                capture_output=True,
                text=True,
                check=True,
            )
            seconds, count = result.stdout.split()
            samples[name].append(float(seconds))
            pages[name] = count
    this, base = (statistics.median(samples[n]) for n in ("this", "baseline"))
    row(f"this tree, article layout ({pages['this']} pages)", this)
    row(f"baseline tree, article layout ({pages['baseline']} pages)", base)
    verdict("this / baseline (article layout)", this / base, "<= 0.70", this / base <= 0.70)


def bench_warm(work: Path, edits: int) -> None:
    print("\nwarm: a save rebuilt by the warm worker (`ketadoc build --watch`)")
    formats = registered(RENDERED)
    if "pdf" not in formats:
        return
    import threading

    import ketadoc

    folder = work / "warm"
    folder.mkdir()
    source = folder / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")

    def edit(n: int) -> None:
        # A new word in the description, as an author saving a small change.
        source.write_text(
            text.replace("description: ", f"description: Edit {n}. ", 1), encoding="utf-8"
        )

    # Save -> handout PDF written, through the file watcher, as `--watch` does it.
    worker = ketadoc.Worker(["pdf"], work / "warm-out")
    rebuilt = threading.Event()
    stop = threading.Event()

    def on_rebuild(results: Sequence[Any], seconds: float) -> None:
        rebuilt.set()

    watcher = threading.Thread(
        target=worker.watch, args=([source], on_rebuild), kwargs={"stop": stop}
    )
    watcher.start()
    rebuilt.wait(60)  # the first build: imports, fonts, stylesheets, templates
    latencies = []
    for n in range(1, edits + 1):
        rebuilt.clear()
        started = time.perf_counter()
        edit(n)
        if not rebuilt.wait(60):
            print("  the watcher saw no save: skipped")
            break
        latencies.append(time.perf_counter() - started)
        time.sleep(0.3)  # an author does not save twice within the watcher's debounce
    stop.set()
    watcher.join()
    if latencies:
        latency = statistics.median(latencies)
        row(f"save -> handout PDF written, median of {len(latencies)} edits", latency)
        print(f"  {'target <= 0.6 s':<52} {'met' if latency <= 0.6 else 'MISSED':>9}")

    # A warm rebuild of the three rendered formats against pandoc's three, cold: the
    # default Worker (the PDF in this process, the rest in a second warm one when there
    # are two CPUs), and one process for information.
    if shutil.which("pandoc") is None:
        print("  pandoc is not installed: the trio comparison is skipped")
        return
    trio = ketadoc.Worker(formats, work / "warm-trio")
    alone = ketadoc.Worker(formats, work / "warm-alone", jobs=1)
    mode = f"{trio.processes} processes" if trio.processes > 1 else "1 process"
    print(f"  the default Worker renders on {mode}")
    pandoc = pandoc_runs(work / "warm-pandoc", formats)
    counter = iter(range(edits + 100, 10**6))

    def rebuild(worker: Any) -> Callable[[], None]:
        def warm() -> None:
            edit(next(counter))
            worker.build([source])

        return warm

    with trio, alone:
        actions = {"warm": rebuild(trio), "alone": rebuild(alone), "pandoc": pandoc}
        medians = side_by_side(actions, max(3, edits // 2))
    row(f"warm rebuild, --to {','.join(formats)} ({mode})", medians["warm"])
    row("warm rebuild, one process", medians["alone"])
    row(f"pandoc, {len(formats)} runs, cold", medians["pandoc"])
    info("warm one process / cold pandoc", medians["alone"] / medians["pandoc"])
    ratio = medians["warm"] / medians["pandoc"]
    verdict(f"warm ketadoc ({mode}) / cold pandoc", ratio, "<= 0.60", ratio <= 0.60)


def bench_batch(work: Path, count: int, repeats: int) -> None:
    print(f"\nbatch of {count} generated handouts, `ketadoc build` in a fresh process")
    formats = registered(BATCH_FORMATS)
    sources = generate_batch(work / "batch", count)
    to = ",".join(formats)

    def build(jobs: int) -> Callable[[], None]:
        out = work / f"batch-out-{jobs}"
        command = [*KETADOC, "build", sources[0].parent, "--to", to, "--out", out]
        return lambda: run([*command, "--jobs", str(jobs), "--force"])

    single = [*KETADOC, "build", sources[0], "--to", to, "--out", work / "single", "--force"]
    medians = side_by_side(
        {"jobs1": build(1), "jobs2": build(2), "single": lambda: run(single)},
        repeats,
        warmup=False,
    )
    row(f"--jobs 1, {count} articles, --to {to}", medians["jobs1"])
    row(f"--jobs 2, {count} articles", medians["jobs2"])
    row("one article, cold `ketadoc build`", medians["single"])
    row("per article in the --jobs 1 batch", medians["jobs1"] / count)
    row("per article in the --jobs 2 batch", medians["jobs2"] / count)
    speedup = medians["jobs1"] / medians["jobs2"]
    verdict("speed-up --jobs 2 over --jobs 1", speedup, ">= 1.7", speedup >= 1.7)
    per_article = medians["jobs1"] / count / medians["single"]
    verdict("per article (--jobs 1) / one cold build", per_article, "<= 0.5", per_article <= 0.5)


def bench_noop(work: Path, count: int, repeats: int) -> None:
    print(f"\nno-op rebuild of {count} unchanged articles, a fresh process")
    formats = registered(BATCH_FORMATS)
    sources = generate_batch(work / "noop", count)
    command = [*KETADOC, "build", sources[0].parent, "--to", ",".join(formats)]
    command += ["--out", work / "noop-out"]
    run(command, env=tree_env())
    medians = side_by_side({"noop": lambda: run(command, env=tree_env())}, repeats)
    row(f"ketadoc build of {count} articles, all up to date", medians["noop"])
    verdict("seconds", medians["noop"], "< 0.5 s", medians["noop"] < 0.5)


def _peak_rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def bench_memory(work: Path, count: int, formats: Sequence[str]) -> None:
    checkpoint = max(1, count // 10)
    print(f"\nmemory: {count} handouts on 2 worker processes, peak RSS per worker")
    formats = registered(formats)
    if not Path("/proc/self/status").exists():
        print("  needs /proc (Linux): skipped")
        return
    from ketadoc import build_many

    sources = generate_batch(work / "memory", count)
    early: dict[int, int] = {}
    with cf.ProcessPoolExecutor(max_workers=2) as pool:

        def sample(result: Any, done: int, total: int) -> None:
            if done == checkpoint:
                for pid in list(pool._processes):
                    early[pid] = _peak_rss_kib(pid)

        started = time.perf_counter()
        results = build_many(
            [sources[0].parent], formats, work / "memory-out", executor=pool, progress=sample
        )
        elapsed = time.perf_counter() - started
        late = {pid: _peak_rss_kib(pid) for pid in list(pool._processes)}
    failed = sum(r.status != "built" for r in results)
    built = len(results) - failed
    print(f"  built {built} of {count} in {elapsed:.1f} s (--to {','.join(formats)})")
    worst = 0.0
    for pid in sorted(early):
        growth = late.get(pid, 0) / early[pid] if early[pid] else 0.0
        worst = max(worst, growth)
        print(
            f"  worker {pid}: peak {early[pid] / 1024:7.1f} MiB after {checkpoint},"
            f" {late.get(pid, 0) / 1024:7.1f} MiB after {count}"
        )
    verdict(f"peak RSS after {count} / after {checkpoint}", worst, "<= 1.10", worst <= 1.10)


def bench_scale(repeats: int, times: int, profile: bool) -> None:
    print(f"\nscale: an article {times}x the example's length against the example (warm)")
    formats = registered(RENDERED)
    import ketadoc

    base = ketadoc.load(EXAMPLE)
    big = ketadoc.loads(long_article(times), "md", file="long.md", base_dir=EXAMPLE.parent)
    print(f"  sections {len(base.sections)} -> {len(big.sections)}", end=", ")
    print(f"faqs {len(base.faqs)} -> {len(big.faqs)}")
    options = {"pdf": {"layout": "article"}}
    total_small = total_big = 0.0
    for fmt in formats:
        opts = options.get(fmt, {})
        medians = side_by_side(
            {
                "1x": lambda fmt=fmt, opts=opts: ketadoc.export(base, fmt, **opts),
                "big": lambda fmt=fmt, opts=opts: ketadoc.export(big, fmt, **opts),
            },
            repeats,
        )
        total_small += medians["1x"]
        total_big += medians["big"]
        row(f"{fmt} 1x", medians["1x"])
        row(f"{fmt} {times}x", medians["big"])
        print(f"  {fmt + ' ratio':<52} {medians['big'] / medians['1x']:9.2f}x")
    ratio = total_big / total_small
    verdict(f"{'+'.join(formats)} {times}x / 1x", ratio, "<= 25", ratio <= 25)
    if profile:
        for fmt in formats:
            profiled(
                f"{fmt} {times}x", lambda fmt=fmt: ketadoc.export(big, fmt, **options.get(fmt, {}))
            )


def profiled(label: str, action: Callable[[], object], top: int = 15) -> None:
    profile = cProfile.Profile()
    profile.runcall(action)
    print(f"\n  profile: {label} (top {top} by own time)")
    stats = pstats.Stats(profile, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


def machine() -> None:
    from importlib.metadata import version

    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    print(f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), {cpu}")
    print(f"python {platform.python_version()}, weasyprint {version('weasyprint')},")
    pandoc_version = pandoc.splitlines()[0] if pandoc else "no pandoc"
    print(f"python-docx {version('python-docx')}, {pandoc_version}")
    print(f"ketadoc {version('ketadoc')}, exporters: {', '.join(registered_names())}")
    load()


def compile_bytecode(*trees: Path) -> None:
    """Write the bytecode of each tree's modules first, as installing a wheel does. An
    editable install in an environment with PYTHONDONTWRITEBYTECODE set (or a read-only
    tree) never keeps it, and every fresh process then compiles each ketadoc module it
    imports again: 60-70 ms of a cold ``ketadoc jsonld``, which no installed ketadoc pays."""
    import compileall

    for tree in trees:
        compileall.compile_dir(tree / "ketadoc", quiet=1)
    print(f"bytecode written for the ketadoc modules of {len(trees)} tree(s)")


def load() -> None:
    # Other work on the machine skews every figure; say how busy it was.
    one, five, fifteen = os.getloadavg()
    print(f"load average: {one:.2f} {five:.2f} {fifteen:.2f}")


def registered_names() -> tuple[str, ...]:
    from ketadoc import exporter_names

    return exporter_names()


PARTS = ("full", "light", "pdf", "toc", "warm", "batch", "noop", "memory", "scale")


def main(argv: Sequence[str] | None = None) -> None:
    global BASELINE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Smaller batches, fewer repeats.")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=None)
    parser.add_argument("--profile", action="store_true", help="Print cProfile summaries.")
    parser.add_argument(
        "--baseline", type=Path, default=None, help="An earlier ketadoc source tree to compare."
    )
    args = parser.parse_args(argv)
    BASELINE = args.baseline.resolve() if args.baseline else None
    parts = set(args.only or PARTS)
    quick = args.quick
    machine()
    compile_bytecode(ROOT, *([BASELINE] if BASELINE else []))
    with tempfile.TemporaryDirectory(prefix="ketadoc-bench-") as temporary:
        work = Path(temporary)
        if "full" in parts:
            bench_full(work, repeats=3 if quick else 5)
        if "light" in parts:
            bench_light(repeats=5 if quick else 11)
        if "pdf" in parts:
            bench_pdf(repeats=3 if quick else 7, profile=args.profile)
        if "toc" in parts:
            bench_toc(repeats=2 if quick else 5)
        if "warm" in parts:
            bench_warm(work, edits=10)
        if "batch" in parts:
            bench_batch(work, count=20 if quick else 100, repeats=1)
        if "noop" in parts:
            bench_noop(work, count=40, repeats=3 if quick else 5)
        if "memory" in parts:
            bench_memory(work, count=60 if quick else 300, formats=("pdf", "docx", "html"))
        if "scale" in parts:
            bench_scale(repeats=1 if quick else 3, times=20, profile=args.profile)
    print()
    load()


if __name__ == "__main__":
    main()
