"""The warm worker behind ``ketadoc build --watch``: one rebuild of what changed, a clean stop."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ketadoc
from ketadoc.build import BuildResult
from ketadoc.cli import app

ARTICLE = """\
---
title: {title}
description: How to sleep well.
language: en
url: https://example.org/{slug}
date_published: 2024-01-15
---

Sleep matters for {title}.

## Habits

Go to bed when you feel sleepy.
"""


def write(path: Path, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, slug=path.stem), encoding="utf-8")


@pytest.mark.slow
def test_a_save_rebuilds_only_that_source_and_stop_ends_cleanly(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write(src / "one.md", "One")
    write(src / "two.md", "Two")
    running = {process.pid for process in multiprocessing.active_children()}
    worker = ketadoc.Worker(["md", "html"], out, jobs=2)  # html renders in a second process
    builds: list[list[str]] = []
    built = threading.Event()
    stop = threading.Event()

    def rebuilt(results: Sequence[BuildResult], seconds: float) -> None:
        assert seconds >= 0
        builds.append([f"{r.source.name} {r.status}" for r in results])
        built.set()

    thread = threading.Thread(target=worker.watch, args=([src], rebuilt), kwargs={"stop": stop})
    thread.start()
    try:
        assert built.wait(60)
        assert builds == [["one.md built", "two.md built"]]
        before = (out / "two.md").read_bytes()
        built.clear()
        write(src / "one.md", "One, edited")
        assert built.wait(60), builds
        assert builds[1] == ["one.md built"]
        assert "Sleep matters for One, edited." in (out / "one.md").read_text(encoding="utf-8")
        assert (out / "two.md").read_bytes() == before
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert len(builds) == 2
    assert not list(out.glob(".*.part"))
    # The watch stopped the second process when it ended.
    assert {process.pid for process in multiprocessing.active_children()} <= running


@pytest.mark.slow
def test_a_save_made_during_the_first_build_is_rebuilt(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    write(src / "one.md", "One")
    worker = ketadoc.Worker(["md"], out)
    first_build = worker.build

    def build_while_the_author_saves(sources: object) -> list[BuildResult]:
        worker.build = first_build  # type: ignore[method-assign]
        results = first_build(sources)  # type: ignore[arg-type]
        write(src / "one.md", "One, saved during the first build")
        return results

    worker.build = build_while_the_author_saves  # type: ignore[method-assign]
    builds: list[list[str]] = []
    second = threading.Event()
    stop = threading.Event()

    def rebuilt(results: Sequence[BuildResult], seconds: float) -> None:
        builds.append([f"{r.source.name} {r.status}" for r in results])
        if len(builds) == 2:
            second.set()

    thread = threading.Thread(target=worker.watch, args=([src], rebuilt), kwargs={"stop": stop})
    thread.start()
    try:
        assert second.wait(30), builds
        assert builds == [["one.md built"], ["one.md built"]]
        text = (out / "one.md").read_text(encoding="utf-8")
        assert "Sleep matters for One, saved during the first build." in text
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_affected_sources_are_the_changed_ones_and_those_showing_a_changed_figure(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    write(src / "one.md", "One")
    write(src / "two.md", "Two")
    (src / "room.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    with (src / "two.md").open("a", encoding="utf-8") as stream:
        stream.write('\n![A quiet room](room.svg "Room")\n')
    worker = ketadoc.Worker(["md"], tmp_path / "out")
    assert [r.status for r in worker.build([src])] == ["built", "built"]
    assert worker.affected([src], [src / "one.md"]) == [src / "one.md"]
    assert worker.affected([src], [src / "room.svg"]) == [src / "two.md"]
    assert worker.affected([src], [tmp_path / "elsewhere.txt"]) == []
    write(src / "three.md", "Three")
    assert worker.affected([src], [src / "three.md"]) == [src / "three.md"]


def test_cli_watch_stops_cleanly_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "src" / "one.md", "One")

    def interrupted(
        self: ketadoc.Worker, sources: object, on_rebuild: object, **kw: object
    ) -> None:
        self.build(sources)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(ketadoc.Worker, "watch", interrupted)
    result = CliRunner().invoke(
        app,
        ["build", str(tmp_path / "src"), "--to", "md", "--out", str(tmp_path / "out"), "--watch"],
    )
    assert result.exit_code == 0, result.output
    assert "stopped watching" in result.stderr
    assert (tmp_path / "out" / "one.md").is_file()


def test_the_readme_worker_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_readme import _python_block

    write(tmp_path / "article.md", "Sleep")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"ketadoc": ketadoc}
    exec(compile(_python_block("ketadoc.Worker("), "README.md", "exec"), namespace)
    results = namespace["results"]
    assert [r.status for r in results] == ["built"]  # type: ignore[attr-defined]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "article.html",
        "article.pdf",
    ]
