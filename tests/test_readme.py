"""The README's examples run as written, so the README never lies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ketadoc

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def _python_block(containing: str) -> str:
    [block] = [b for b in _blocks("python") if containing in b]
    return block


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "article.md").write_text(_blocks("markdown")[0], encoding="utf-8")
    (tmp_path / "content").mkdir()
    shutil.copy(tmp_path / "article.md", tmp_path / "content" / "article.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_setup_commands_come_first() -> None:
    first_two = _blocks("sh")[:2]
    assert first_two[0].strip().endswith(".venv/bin/ketadoc build")
    assert first_two[1].strip().endswith(".venv/bin/pytest")
    assert README.index("```sh") < README.index("## What ketadoc is for")


def test_authoring_example_is_a_valid_article(workdir: Path) -> None:
    article = ketadoc.load(workdir / "article.md")
    assert article.title == "Sleep habits that help"
    assert [s.heading for s in article.sections] == ["Habits to Try"]
    assert article.faqs[0].question == "How many hours should I sleep?"


def test_leaflet_example_is_a_valid_article(tmp_path: Path) -> None:
    source = tmp_path / "leaflet.md"
    source.write_text(_blocks("markdown")[1], encoding="utf-8")
    article = ketadoc.load(source)
    [how, side_effects] = article.sections
    assert article.risks_section == side_effects
    kinds = [block.type for block in how.blocks]
    assert kinds == ["list", "definition_list", "callout", "quote", "paragraph"]
    assert [f.id for f in article.footnotes] == ["smpc"]
    assert ketadoc.loads(ketadoc.export(article, "md").text).sections == article.sections


def test_labels_file_example_dates_an_italian_article(workdir: Path) -> None:
    [block] = [b for b in _blocks("yaml") if "months:" in b]
    (workdir / "labels.yaml").write_text(block, encoding="utf-8")
    source = workdir / "article.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("language: en-US", "language: it-IT"),
        encoding="utf-8",
    )
    rendered = ketadoc.export(ketadoc.load(source), "html", labels_file="labels.yaml")
    assert rendered.warnings == ()
    assert "Punti chiave" in rendered.text
    assert "15 gennaio 2024" in rendered.text  # date_published: 2024-01-15
    assert "1º marzo 2024" in rendered.text  # last_reviewed: 2024-03-01


def test_library_example_runs(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(_python_block("ketadoc.load("), "README.md", "exec"), {})
    assert capsys.readouterr().out.startswith("Does Ketamine Help With Anxiety? 8\n")
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        "ketamine-anxiety.docx",
        "ketamine-anxiety.html",
    ]


def test_plugin_example_renders(workdir: Path) -> None:
    namespace: dict[str, object] = {}
    exec(compile(_python_block("class TextExporter"), "README.md", "exec"), namespace)
    exporter = namespace["TextExporter"]()  # type: ignore[operator]
    options = namespace["TextOptions"](shout=True)  # type: ignore[operator]
    article = ketadoc.load(workdir / "article.md")
    assert exporter.render(article, options).data == b"SLEEP HABITS THAT HELP"


@pytest.mark.slow
def test_command_line_examples_succeed(workdir: Path) -> None:
    commands = [
        line.removeprefix("$ ").split("  #")[0].strip()
        for block in _blocks("console")
        for line in block.splitlines()
        if line.startswith("$ ")
    ]
    assert len(commands) >= 20
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=workdir, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
    assert (workdir / "out" / "article.pdf").is_file()
    assert (workdir / "site" / "article.pdf").is_file()
    assert '"version": "2.1.0"' in (workdir / "ketadoc.sarif").read_text(encoding="utf-8")


def test_error_example_is_what_ketadoc_prints(workdir: Path) -> None:
    lines = _blocks("text")[0].strip().splitlines()
    body = (
        "---\ntitle: Test\nlanguag: en\ndate_published: 2024-13-01\n---\n"
        + "\nText.\n" * 6
        + "\n\n## FAQ\n\n### Q1?\n"
    )
    (workdir / "article.md").write_text(body, encoding="utf-8")
    assert body.splitlines()[21] == "### Q1?"
    done = subprocess.run(
        [sys.executable, "-m", "ketadoc", "validate", "article.md"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    printed = done.stderr.splitlines()
    for line in lines:
        assert line in printed, (line, printed)


def test_dask_example_runs_on_a_local_cluster(workdir: Path) -> None:
    # The README connects to a scheduler; here the same code runs on an in-process cluster.
    code = _python_block("get_executor()").replace(
        'Client("scheduler:8786")',
        'Client(LocalCluster(processes=False, n_workers=1, dashboard_address=":0"))',
    )
    namespace: dict[str, object] = {}
    exec(compile("from distributed import LocalCluster\n" + code, "README.md", "exec"), namespace)
    assert namespace["failed"] == []
    assert sorted(p.name for p in (workdir / "out").glob("article.*")) == [
        "article.jsonld",
        "article.pdf",
    ]
