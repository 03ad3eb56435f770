"""The warm Worker on two processes: the same results and bytes as on one, faster.

The targets of a source are split between this process and a warm second one; the
outputs are written here once every target has rendered. Whatever the split, a build
must give what the one-process build gives: the same files byte for byte, the same
problems and warnings in the same order, the same failed formats. A second process
that dies fails only its targets, and the next build starts another.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sleep_article import write_article as write

import ketadoc
import ketadoc.build.worker as build_worker
from ketadoc.build import BuildResult
from ketadoc.build.session import split_targets
from ketadoc.exporters.html import HtmlExporter
from ketadoc.parallel import WarmPool

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ketamine-anxiety.md"
CORPUS_ARTICLE = ROOT / "tests" / "corpus" / "diabetes-overview.md"
FORMATS = ["pdf", "docx", "html", "jsonld"]
LAYOUTS = ["handout", "article"]


forked = pytest.mark.skipif(
    WarmPool.start_method() != "fork",
    reason="the second process must inherit this test's patch of an exporter",
)


def summary(result: BuildResult) -> tuple[Any, ...]:
    """Everything of a result but its timing and the folder its outputs went to."""
    return (
        result.source,
        result.status,
        tuple(path.name for path in result.outputs),
        result.problems,
        result.warnings,
        result.dependencies,
        result.reason,
        result.failed_formats,
        result.internal_errors,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def children() -> set[int]:
    return {process.pid for process in multiprocessing.active_children()}


def build_both(
    sources: Sequence[Path], out: Path, formats: Sequence[str], **kwargs: Any
) -> tuple[list[BuildResult], list[BuildResult]]:
    """Build ``sources`` in one process into ``out/one`` and on two into ``out/two``."""
    with ketadoc.Worker(formats, out / "one", jobs=1, **kwargs) as alone:
        one = alone.build(sources)
    with ketadoc.Worker(formats, out / "two", jobs=2, **kwargs) as pair:
        assert pair.processes == 2
        two = pair.build(sources)
    return one, two


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ketadoc.Worker]:
    """One warm two-process worker for every format and both PDF layouts."""
    with ketadoc.Worker(FORMATS, tmp_path_factory.mktemp("two"), layouts=LAYOUTS, jobs=2) as worker:
        yield worker


def test_the_longest_target_renders_alone_in_this_process() -> None:
    targets = ketadoc.Worker(FORMATS, "out", layouts=LAYOUTS, jobs=1).targets
    labels = [target.label for target in targets]
    assert labels[:2] == ["pdf (handout layout)", "pdf (article layout)"]
    # Before anything was measured: the article layout alone, everything else beside it.
    assert split_targets(targets, 2, {}) == [(1,), (0, 2, 3, 4)]
    trio = ketadoc.Worker(["pdf", "docx", "html"], "out", jobs=1).targets
    assert split_targets(trio, 2, {}) == [(0,), (1, 2)]
    # Measured times decide once every target has one.
    measured = {"pdf": 0.1, "docx": 0.9, "html": 0.2}
    assert split_targets(trio, 2, measured) == [(1,), (0, 2)]
    assert split_targets(trio, 3, measured) == [(1,), (2,), (0,)]
    assert split_targets(trio, 3, {}) == [(0,), (1,), (2,)]
    assert split_targets(trio, 5, {}) == [(0,), (1,), (2,)]
    assert split_targets(trio, 1, measured) == [(0, 1, 2)]


def test_the_default_is_two_processes_when_there_are_two_cpus_and_two_targets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ketadoc.build.session as session

    monkeypatch.setattr(session, "default_jobs", lambda: 2)
    assert ketadoc.Worker(["md", "html"], "out").processes == 2
    assert ketadoc.Worker(["md"], "out").processes == 1
    assert ketadoc.Worker(["md", "html"], "out", jobs=1).processes == 1
    assert ketadoc.Worker(["md", "html", "jsonld"], "out", jobs=8).processes == 3
    monkeypatch.setattr(session, "default_jobs", lambda: 1)
    assert ketadoc.Worker(["md", "html"], "out").processes == 1


@pytest.mark.parametrize("source", [EXAMPLE, CORPUS_ARTICLE], ids=["example", "corpus"])
def test_two_processes_write_what_one_writes_byte_for_byte(
    source: Path, pair: ketadoc.Worker, tmp_path: Path
) -> None:
    before = children()
    [two] = pair.build([source])
    assert children() - before or before, "the second process never started"
    with ketadoc.Worker(FORMATS, tmp_path, layouts=LAYOUTS, jobs=1) as alone:
        [one] = alone.build([source])
    assert two.status == "built", two.problems
    assert summary(two) == summary(one)
    slug = two.outputs[0].name.split(".")[0]
    written = {name: data for name, data in files(pair.out_dir).items() if name.startswith(slug)}
    assert written == files(tmp_path)
    assert len(written) == 5
    # Rebuilt warm (and split by measured times now), the bytes stay the same.
    [again] = pair.build([source])
    assert summary(again) == summary(two)
    assert {name: (pair.out_dir / name).read_bytes() for name in written} == written


def test_a_failing_format_in_the_second_process_fails_alone_as_in_one(tmp_path: Path) -> None:
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    formats = ["docx", "html"]
    options = {"html": {"labels_file": str(tmp_path / "missing.yaml")}}
    assert split_targets(ketadoc.Worker(formats, "out", jobs=1).targets, 2, {}) == [(0,), (1,)]
    one, two = build_both([source], tmp_path, formats, options=options)
    assert summary(two[0]) == summary(one[0])
    assert two[0].failed_formats == ("html",)
    [problem] = two[0].problems
    assert "html not written: cannot read labels file" in problem.message
    assert files(tmp_path / "two") == files(tmp_path / "one")
    assert list(files(tmp_path / "two")) == ["sleep.docx"]


def test_a_figure_that_cannot_load_fails_the_source_as_in_one(tmp_path: Path) -> None:
    body = '\n![A quiet room](missing-room.svg "Room")\n'
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/s\n", body=body)
    for folder in ("one", "two"):  # older outputs, which the failed build removes
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "sleep.html").write_text("old", encoding="utf-8")
    one, two = build_both([source], tmp_path, ["md", "html", "jsonld"])
    assert summary(two[0]) == summary(one[0])
    assert two[0].status == "failed"
    assert "missing-room.svg" in str(two[0].problems[0])
    assert files(tmp_path / "two") == files(tmp_path / "one") == {}


def test_strict_writes_nothing_and_warnings_merge_in_target_order(tmp_path: Path) -> None:
    # No url: jsonld (alone in this process) and html (in the second one) warn alike.
    source = write(tmp_path / "src" / "sleep.md")
    formats = ["jsonld", "md", "html"]
    assert split_targets(ketadoc.Worker(formats, "out", jobs=1).targets, 2, {}) == [(0,), (1, 2)]
    one, two = build_both([source], tmp_path / "lenient", formats)
    assert summary(two[0]) == summary(one[0])
    assert two[0].status == "built"
    assert [w.level for w in two[0].warnings] == ["warning"]  # met by both, printed once
    one, two = build_both([source], tmp_path / "strict", formats, strict=True)
    assert summary(two[0]) == summary(one[0])
    assert two[0].status == "failed"
    assert two[0].failed_formats == tuple(formats)
    assert not (tmp_path / "strict" / "two").exists()


@forked
def test_a_bug_in_the_second_process_is_reported_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: HtmlExporter, article: ketadoc.Article, options: object = None) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(HtmlExporter, "render", broken)
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    one, two = build_both([source], tmp_path, ["md", "html"])
    assert summary(two[0]) == summary(one[0])
    assert two[0].failed_formats == ("html",)
    assert "html not written: internal error ZeroDivisionError" in two[0].problems[0].message
    assert 'raise ZeroDivisionError("division by zero")' in two[0].internal_errors[0]


def test_close_stops_the_second_process_and_a_later_build_starts_another(
    tmp_path: Path,
) -> None:
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    before = children()
    worker = ketadoc.Worker(["md", "html"], tmp_path / "out", jobs=2)
    assert children() == before  # started on first use, not before
    assert [r.status for r in worker.build([source])] == ["built"]
    started = children() - before
    assert len(started) == 1
    worker.close()
    assert not children() & started
    with worker:
        assert [r.status for r in worker.build([source])] == ["built"]
        assert children() - before
    assert children() <= before


@forked
def test_a_killed_second_process_fails_its_formats_and_the_next_build_starts_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    out = tmp_path / "out"
    render = HtmlExporter.render
    parent = os.getpid()

    def killed(self: HtmlExporter, article: ketadoc.Article, options: Any = None) -> Any:
        if os.getpid() != parent:  # the second process dies as the OOM killer would kill it
            os.kill(os.getpid(), signal.SIGKILL)
        return render(self, article, options)

    (out).mkdir()
    (out / "sleep.html").write_text("old", encoding="utf-8")
    with ketadoc.Worker(["md", "html"], out, jobs=2) as worker:
        monkeypatch.setattr(HtmlExporter, "render", killed)
        [result] = worker.build([source])
        assert result.status == "failed"
        assert result.failed_formats == ("html",)
        [problem] = result.problems
        assert problem.message == (
            "html not written: the process rendering it stopped unexpectedly"
            " (killed, or out of memory)"
        )
        assert sorted(files(out)) == ["sleep.md"]  # the older html is removed, not kept
        monkeypatch.setattr(HtmlExporter, "render", render)
        [result] = worker.build([source])
        assert result.status == "built", result.problems
        assert sorted(files(out)) == ["sleep.html", "sleep.md"]
        # A second process killed between builds is replaced without a failure.
        for pid in children():
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        assert [r.status for r in worker.build([source])] == ["built"]


@pytest.mark.slow
def test_ctrl_c_stops_watch_and_its_second_process_cleanly(tmp_path: Path) -> None:
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "ketadoc", "build", str(source), "--to", "md,html"]
    with subprocess.Popen(
        [*command, "--out", str(out), "--watch", "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's command has
    ) as watch:
        timer = threading.Timer(60, watch.kill)
        timer.start()
        try:
            assert watch.stderr is not None
            lines = []
            for line in watch.stderr:
                lines.append(line)
                if "watching for changes" in line:
                    break
            # Ctrl-C: the terminal interrupts every process of the command.
            os.killpg(watch.pid, signal.SIGINT)
            rest = watch.stderr.read()
            watch.wait(30)
        finally:
            timer.cancel()
    err = "".join(lines) + rest
    assert watch.returncode == 0, err
    assert "stopped watching" in err
    assert "Traceback" not in err
    assert sorted(files(out)) == ["sleep.html", "sleep.md"]
    assert not list(out.glob(".*.part"))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(watch.pid, 0)  # anything left of the command's processes?
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a process of the watch outlived it")


def test_a_process_forks_cleanly_only_while_it_runs_one_thread() -> None:
    # In a fresh interpreter: pytest's process may have threads of earlier tests.
    script = """
import threading
from ketadoc.parallel import forks_cleanly
alone = forks_cleanly()
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
print(alone, forks_cleanly())
stop.set()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    forks = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    assert done.stdout.split() == [str(forks), "False"]


def rendered_by_pid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every target's output the id of the process that rendered it."""
    real = build_worker._render_target

    def marked(*args: Any) -> Any:
        rendering = real(*args)
        return dataclasses.replace(rendering, data=str(os.getpid()).encode())

    monkeypatch.setattr(build_worker, "_render_target", marked)


@forked
def test_one_source_splits_its_formats_over_a_forked_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A single cold `ketadoc build` would leave the second CPU idle: the PDF renders in
    # this process, the rest in a fork of it, and this process writes all of them.
    import ketadoc.build.batch as batch

    monkeypatch.setattr(batch, "forks_cleanly", lambda: True)  # pytest may run threads
    rendered_by_pid(monkeypatch)
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    formats = ["html", "md", "jsonld"]  # no PDF: the first target renders here
    before = children()
    [result] = ketadoc.build_many([source], formats, tmp_path / "two", jobs=2)
    assert result.status == "built", result.problems
    pids = {name: int(data) for name, data in files(tmp_path / "two").items()}
    assert pids["sleep.html"] == os.getpid()
    assert pids["sleep.md"] == pids["sleep.jsonld"] != os.getpid()
    assert children() <= before, "the forked process outlived the build"
    [result] = ketadoc.build_many([source], formats, tmp_path / "one", jobs=1)
    assert set(files(tmp_path / "one").values()) == {str(os.getpid()).encode()}


@forked
def test_one_source_renders_in_this_process_when_it_cannot_fork_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ketadoc.build.batch as batch

    monkeypatch.setattr(batch, "forks_cleanly", lambda: False)  # e.g. an app's threads
    rendered_by_pid(monkeypatch)
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    [result] = ketadoc.build_many([source], ["html", "md"], tmp_path / "out", jobs=2)
    assert result.status == "built", result.problems
    assert set(files(tmp_path / "out").values()) == {str(os.getpid()).encode()}


def test_a_cold_build_of_one_source_writes_what_jobs_1_writes(tmp_path: Path) -> None:
    source = write(tmp_path / "src" / "sleep.md", extra="url: https://example.org/sleep\n")
    for jobs in ("2", "1"):
        command = [sys.executable, "-m", "ketadoc", "build", str(source), "--to", "docx,html,md"]
        done = subprocess.run(
            [*command, "--out", str(tmp_path / jobs), "--jobs", jobs],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert files(tmp_path / "2") == files(tmp_path / "1")
    assert sorted(files(tmp_path / "2")) == ["sleep.docx", "sleep.html", "sleep.md"]
