"""Batch builds: many sources, bad ones alone, clashes, executors, interruption, skipping."""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from sleep_article import write_article
from typer.testing import CliRunner

import ketadoc
from ketadoc.build import BuildResult, build_many
from ketadoc.build.state import STATE_FILE
from ketadoc.cli import app
from ketadoc.cli.display import BuildReport

# md is the cheapest format; the batch machinery does not care which format it runs.
FORMATS = ("md",)


BAD = """\
---
title: Broken
description: The language tag is wrong.
language: "e n"
---

Text.
"""


def summary(text: str) -> str:
    """The counts line printed at the end of a build, without the time."""
    lines = [line for line in text.splitlines() if line.startswith("built ")]
    assert len(lines) == 1, text
    return lines[0].rsplit(" (", 1)[0]


def part_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.part")) + sorted(folder.glob(".*.part"))


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Three good articles, one in a subfolder, one in a hidden folder that is ignored."""
    src = tmp_path / "src"
    write_article(src / "alpha.md", "Alpha")
    write_article(src / "beta.md", "Beta")
    write_article(src / "nested" / "gamma.md", "Gamma")
    write_article(src / ".drafts" / "hidden.md", "Hidden")
    return src


def statuses(results: list[BuildResult]) -> dict[str, str]:
    return {r.source.name: r.status for r in results}


def test_folders_are_searched_recursively_and_outputs_named_by_slug(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    results = build_many([articles], FORMATS, out, jobs=1)
    assert statuses(results) == {"alpha.md": "built", "beta.md": "built", "gamma.md": "built"}
    assert sorted(p.name for p in out.glob("*.md")) == ["alpha.md", "beta.md", "gamma.md"]
    assert "Sleep matters for Gamma." in (out / "gamma.md").read_text(encoding="utf-8")


def test_a_bad_source_fails_alone_with_its_located_error(articles: Path, tmp_path: Path) -> None:
    (articles / "bad.md").write_text(BAD, encoding="utf-8")
    out = tmp_path / "out"
    results = build_many([articles], FORMATS, out, jobs=1)
    by_name = {r.source.name: r for r in results}
    assert by_name["bad.md"].status == "failed"
    assert str(by_name["bad.md"].problems[0]).startswith(f"{articles / 'bad.md'}:4:11: error:")
    assert [r.status for r in results].count("built") == 3
    assert not (out / "bad.md").exists()


def test_cli_reports_the_bad_source_builds_the_rest_and_exits_1(
    articles: Path, tmp_path: Path
) -> None:
    (articles / "bad.md").write_text(BAD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(articles), "--to", "md", "--out", str(out)])
    assert result.exit_code == 1
    assert f"{articles / 'bad.md'}:4:11: error: language" in result.stderr
    assert f"wrote {out / 'alpha.md'}" in result.stdout
    assert summary(result.stderr) == "built 3, skipped 0, failed 1"
    assert f"failed: {articles / 'bad.md'}\n" in result.stderr
    assert "1 of 4 source(s) failed" in result.stderr


def test_summary_table_counts(tmp_path: Path) -> None:
    report_err = tmp_path / "err.txt"
    with report_err.open("w", encoding="utf-8") as err:
        report = BuildReport(live=False, out=err, err=err)
        results = [
            BuildResult(Path("a.md"), "built"),
            BuildResult(Path("b.md"), "skipped", reason="unchanged since the last build"),
        ]
        for done, result in enumerate(results, 1):
            report(result, done, 2)
        report.summary(results, 1.5)
    text = report_err.read_text(encoding="utf-8")
    assert "skipped b.md: unchanged since the last build" in text
    assert "built 1, skipped 1, failed 0 (1.50 s)" in text


def test_progress_bar_on_a_terminal_prints_problems_above_it(tmp_path: Path) -> None:
    with (tmp_path / "err.txt").open("w", encoding="utf-8") as err:
        problem = ketadoc.Problem("must not be empty", "faqs[0].answer", "a.md", 3, 1)
        with BuildReport(live=True, out=err, err=err) as report:
            report(BuildResult(Path("a.md"), "failed", problems=(problem,)), 1, 2)
            report(BuildResult(Path("b.md"), "built"), 2, 2)
    assert "a.md:3:1: error: faqs[0].answer: must not be empty" in (tmp_path / "err.txt").read_text(
        encoding="utf-8"
    )


def test_two_sources_with_one_slug_are_refused_before_any_work(tmp_path: Path) -> None:
    write_article(tmp_path / "a" / "sleep.md")
    write_article(tmp_path / "b" / "sleep.md")
    write_article(tmp_path / "c" / "other.md", extra="slug: sleep\n")
    out = tmp_path / "out"
    with pytest.raises(ketadoc.ContentError) as caught:
        build_many([tmp_path / "a", tmp_path / "b", tmp_path / "c"], FORMATS, out, jobs=1)
    assert len(caught.value.problems) == 3
    assert 'slug "sleep" is also the slug of' in str(caught.value)
    assert not out.exists()

    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "a"), str(tmp_path / "b"), "--to", "md", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert f'{tmp_path / "a" / "sleep.md"}:1:1: error: slug "sleep" is also' in result.stderr
    assert not out.exists()


def test_a_declared_slug_names_the_outputs(tmp_path: Path) -> None:
    write_article(tmp_path / "src" / "x.md", extra="slug: better-sleep\n")
    results = build_many([tmp_path / "src"], FORMATS, tmp_path / "out", jobs=1)
    assert results[0].outputs == (tmp_path / "out" / "better-sleep.md",)


def test_unknown_format_is_refused_before_any_work(articles: Path, tmp_path: Path) -> None:
    with pytest.raises(ketadoc.UnknownExporterError, match=r"known: .*md"):
        build_many([articles], ["md", "pfd"], tmp_path / "out", jobs=1)
    assert not (tmp_path / "out").exists()


def test_fail_fast_stops_starting_sources(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a-bad.md").write_text(BAD, encoding="utf-8")
    write_article(src / "b.md")
    write_article(src / "c.md")
    results = build_many([src], FORMATS, tmp_path / "out", jobs=1, fail_fast=True)
    assert [r.status for r in results] == ["failed", "skipped", "skipped"]
    assert "not started" in results[1].reason
    # Not started is not "built": the next run builds them.
    again = build_many([src], FORMATS, tmp_path / "out", jobs=1)
    assert [r.status for r in again] == ["failed", "built", "built"]


def test_worker_processes_build_the_batch(articles: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    results = build_many(
        [articles],
        FORMATS,
        tmp_path / "out",
        jobs=2,
        progress=lambda r, done, total: seen.append(done),
    )
    assert [r.status for r in results] == ["built"] * 3
    assert [r.source.name for r in results] == ["alpha.md", "beta.md", "gamma.md"]
    assert seen == [1, 2, 3]


def test_a_dask_cluster_runs_the_batch_unchanged(articles: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = build_many([articles], FORMATS, tmp_path / "out", executor=client.get_executor())
    assert [r.status for r in results] == ["built"] * 3
    assert (tmp_path / "out" / "gamma.md").is_file()


def test_incremental_rebuild_skips_unchanged_and_force_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    figure = src / "room.svg"
    figure.parent.mkdir(parents=True)
    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    write_article(src / "one.md", "One", body='\n![A quiet room](room.svg "Room")\n')
    write_article(src / "two.md", "Two")
    out = tmp_path / "out"

    def run(**kwargs: object) -> dict[str, str]:
        return statuses(build_many([src], FORMATS, out, jobs=1, **kwargs))  # type: ignore[arg-type]

    assert run() == {"one.md": "built", "two.md": "built"}
    assert (out / STATE_FILE).is_file()
    assert run() == {"one.md": "skipped", "two.md": "skipped"}
    assert run(force=True) == {"one.md": "built", "two.md": "built"}

    write_article(src / "two.md", "Two, edited")
    assert run() == {"one.md": "skipped", "two.md": "built"}

    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2"/>', encoding="utf-8")
    assert run() == {"one.md": "built", "two.md": "skipped"}

    (out / "two.md").unlink()
    assert run() == {"one.md": "skipped", "two.md": "built"}

    assert run(options={"md": {}}) == {"one.md": "skipped", "two.md": "skipped"}
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.css").write_text("body {}", encoding="utf-8")
    monkeypatch.setattr("ketadoc.build.state.resource_dir", lambda name: templates)
    assert run() == {"one.md": "built", "two.md": "built"}
    (templates / "page.css").write_text("body { color: black }", encoding="utf-8")
    assert run() == {"one.md": "built", "two.md": "built"}

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run() == {"one.md": "built", "two.md": "built"}


def test_cli_force_and_skip(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", str(articles), "--to", "md", "--out", str(out), "--jobs", "1"]
    assert CliRunner().invoke(app, args).exit_code == 0
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0
    assert f"skipped {articles / 'alpha.md'}: unchanged since the last build" in again.stdout
    forced = CliRunner().invoke(app, [*args, "--force"])
    assert f"wrote {out / 'alpha.md'}" in forced.stdout


def test_a_state_file_that_cannot_be_read_means_build_everything(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert set(statuses(build_many([articles], FORMATS, out, jobs=1)).values()) == {"built"}
    assert json.loads((out / STATE_FILE).read_text(encoding="utf-8"))["version"] == 1


def reference_outputs(articles: Path, tmp_path: Path) -> dict[str, bytes]:
    ref = tmp_path / "reference"
    build_many([articles], FORMATS, ref, jobs=1)
    return {p.name: p.read_bytes() for p in ref.glob("*.md")}


def assert_only_whole_outputs(out: Path, reference: dict[str, bytes]) -> None:
    assert part_files(out) == []
    for path in out.glob("*.md"):
        assert path.read_bytes() == reference[path.name], f"{path.name} is truncated"


def test_interrupted_run_leaves_no_partial_files(articles: Path, tmp_path: Path) -> None:
    reference = reference_outputs(articles, tmp_path)
    out = tmp_path / "out"

    def interrupt(result: BuildResult, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_many([articles], FORMATS, out, jobs=1, progress=interrupt)
    assert_only_whole_outputs(out, reference)
    # What finished before the interruption is remembered; the rest is built next time.
    assert sorted(statuses(build_many([articles], FORMATS, out, jobs=1)).values()) == [
        "built",
        "built",
        "skipped",
    ]


def test_interrupted_process_pool_leaves_no_partial_files(articles: Path, tmp_path: Path) -> None:
    reference = reference_outputs(articles, tmp_path)
    out = tmp_path / "out"

    def interrupt(result: BuildResult, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with cf.ProcessPoolExecutor(max_workers=2) as pool, pytest.raises(KeyboardInterrupt):
        build_many([articles], FORMATS, out, executor=pool, progress=interrupt)
    assert_only_whole_outputs(out, reference)


def test_a_killed_worker_fails_its_sources_and_leaves_no_partial_files(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # What a worker killed in the middle of write_atomic leaves behind.
    (out / ".alpha.md.x1y2z3.part").write_bytes(b"half an artic")
    pool = cf.ProcessPoolExecutor(max_workers=1)
    # Keep the only worker busy so the batch's sources are still queued when it dies.
    busy = pool.submit(time.sleep, 5)

    def kill_worker() -> None:
        for pid in list(pool._processes):  # the pool has no public list of its workers
            os.kill(pid, signal.SIGKILL)

    timer = threading.Timer(0.3, kill_worker)
    timer.start()
    try:
        results = build_many([articles], FORMATS, out, executor=pool)
    finally:
        timer.join()
        pool.shutdown()
    assert isinstance(busy.exception(), cf.process.BrokenProcessPool)
    assert [r.status for r in results] == ["failed"] * 3
    assert all("stopped unexpectedly" in str(r.problems[0]) for r in results)
    assert part_files(out) == []
    assert not (out / STATE_FILE).exists()
