"""`ketadoc check` and `ketadoc build` give one verdict: the PDF is gated by the same checks.

One table drives both commands. Each row edits the clean article, says which checks its
settings file disables, and whether the content is then acceptable in a PDF/UA file, and
which check names the problem when it is not. A check the settings disable is neither
reported by ``check`` nor stops ``build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pikepdf
import pytest
from check_articles import CLEAN, edit
from pdf_samples import png
from typer.testing import CliRunner

import ketadoc
from ketadoc.build import build_many
from ketadoc.checks import CheckConfig, check, run_config
from ketadoc.cli import app
from ketadoc.errors import CheckGateError, ContentError, ExportError, UsageError

SENTENCE = "It also says what to watch for."
AQUI = "Lea más [aquí](https://example.org/x)."
PILL_ALT = "![A hand holding one small white pill next to a glass of water]"


class Case(NamedTuple):
    case: str
    old: str
    new: str
    check_id: str
    """The check the edit trips ("" for none)."""
    fails: bool
    """Do both commands fail (exit 1)?"""
    disable: tuple[str, ...] = ()
    """Check ids the settings file disables."""
    settings: str = "ketadoc.toml"
    """Where ``disable`` is said: the settings file ketadoc.toml ([check]) or pyproject.toml
    ([tool.ketadoc.check]), or "--disable" on both command lines."""


CASES: list[Case] = [
    Case("spanish-aqui", SENTENCE, AQUI, "KD502", True),
    Case("more-info", SENTENCE, "See [more info](https://example.org/x).", "KD502", True),
    Case("click-here", SENTENCE, "For more, [click here](https://example.org/x).", "KD502", True),
    Case("generic-alt", PILL_ALT, "![image]", "KD501", True),
    Case("spanish-alt", PILL_ALT, "![imagen]", "KD501", True),
    Case("empty-header", "| Week | What to expect |", "|  | What to expect |", "KD504", True),
    Case("named-link", SENTENCE, "Read [the sertraline leaflet](https://example.org/x).", "", False),
    Case("bare-url-link", SENTENCE,
         "It is at [https://example.org/x](https://example.org/x).", "KD507", False),
    # The settings file decides for both commands.
    Case("aqui-disabled", SENTENCE, AQUI, "KD502", False, ("KD502",)),
    Case("aqui-disabled-in-pyproject", SENTENCE, AQUI, "KD502", False, ("KD502",),
         "pyproject.toml"),
    Case("aqui-disabled-lowercase", SENTENCE, AQUI, "KD502", False, ("kd502",)),
    Case("aqui-other-disabled", SENTENCE, AQUI, "KD502", True, ("KD501",)),
    Case("alt-link-check-disabled", PILL_ALT, "![image]", "KD501", True, ("KD502",),
         "pyproject.toml"),
    Case("alt-disabled", PILL_ALT, "![image]", "KD501", False, ("KD501", "KD205")),
    # So does --disable, given to both commands.
    Case("aqui-disabled-on-the-command-line", SENTENCE, AQUI, "KD502", False, ("KD502",),
         "--disable"),
    Case("aqui-other-disabled-on-the-command-line", SENTENCE, AQUI, "KD502", True, ("KD501",),
         "--disable"),
]  # fmt: skip


def _settings(disable: tuple[str, ...], settings: str) -> tuple[str, str]:
    lines = ["today = 2026-06-01"]
    if disable and settings != "--disable":
        lines.append("disable = [" + ", ".join(f'"{d}"' for d in disable) + "]")
    table = "[tool.ketadoc.check]" if settings == "pyproject.toml" else "[check]"
    return settings, "\n".join([table, *lines]) + "\n"


def _write(
    folder: Path,
    case: str,
    old: str,
    new: str,
    disable: tuple[str, ...] = (),
    settings: str = "ketadoc.toml",
) -> Path:
    source = folder / case / "article.md"
    source.parent.mkdir(parents=True)
    source.write_text(edit(CLEAN, old, new), encoding="utf-8")
    (source.parent / "pill.png").write_bytes(png(8, 4))
    name, text = _settings(disable, settings)
    (source.parent / ("ketadoc.toml" if name == "--disable" else name)).write_text(text, "utf-8")
    return source


@pytest.mark.parametrize("row", CASES, ids=[c.case for c in CASES])
def test_check_and_build_agree(tmp_path: Path, row: Case) -> None:
    source = _write(tmp_path, row.case, row.old, row.new, row.disable, row.settings)
    runner = CliRunner()
    given = [f"--disable={d}" for d in row.disable] if row.settings == "--disable" else []
    checked = runner.invoke(app, ["check", str(source), *given])
    out = tmp_path / "out"
    built = runner.invoke(
        app, ["build", str(source), "--to", "pdf", "--out", str(out), "--jobs", "1", *given]
    )
    assert checked.exit_code == built.exit_code == (1 if row.fails else 0), (
        checked.output,
        built.output,
    )
    disabled = row.check_id.lower() in {d.lower() for d in row.disable}
    if row.check_id and disabled:
        # Disabled: check says nothing of it, and the build does not name it either.
        assert row.check_id not in checked.output
        assert row.check_id not in built.output
    elif row.check_id:
        assert row.check_id in checked.output
    pdf = out / "article.pdf"
    if row.fails:
        # The build names the same check, at the line of the source, and writes nothing.
        assert f"{source}:" in built.output
        assert f"error: {row.check_id}:" in built.output
        assert not pdf.exists()
    else:
        with pikepdf.open(pdf) as document:
            assert len(document.pages) >= 1


def test_export_raises_the_checks_findings(tmp_path: Path) -> None:
    source = _write(tmp_path, "aqui", SENTENCE, AQUI)
    article = ketadoc.load(source)
    with pytest.raises(CheckGateError) as caught:
        ketadoc.export(article, "pdf")
    assert isinstance(caught.value, ExportError)
    assert isinstance(caught.value, ContentError)
    gate = {(p.check_id, p.field, p.level) for p in caught.value.problems}
    reported = {(f.check_id, f.field, f.level) for f in check(article).findings}
    assert gate == {("KD502", "lead[0].text", "error")}
    assert gate <= reported
    # Loaded from a file, the article's findings name its file and line, as str() prints.
    problem = caught.value.problems[0]
    assert problem.file == str(source)
    assert str(problem).startswith(f"{source}:{problem.line}:")
    assert "[aquí]" in source.read_text("utf-8").splitlines()[problem.line - 1]


def test_formats_without_gates_still_render(tmp_path: Path) -> None:
    source = _write(tmp_path, "aqui", SENTENCE, AQUI)
    rendered = ketadoc.export(ketadoc.load(source), "jsonld")
    assert rendered.media_type == "application/ld+json"


def test_export_gates_with_the_check_settings_it_is_given(tmp_path: Path) -> None:
    source = _write(tmp_path, "aqui", SENTENCE, AQUI, ("KD502",))
    article = ketadoc.load(source)
    # The settings file beside the article, read as check and build read it.
    settings = run_config([source])
    assert settings.disable == {"KD502"}
    assert not [f for f in check(article, config=settings).findings if f.check_id == "KD502"]
    rendered = ketadoc.export(article, "pdf", check_config=settings)
    assert rendered.data.startswith(b"%PDF-")
    with pytest.raises(CheckGateError):
        ketadoc.export(article, "pdf", check_config=CheckConfig(disable=frozenset({"KD501"})))


def test_enabling_a_check_again_rebuilds_what_it_let_through(tmp_path: Path) -> None:
    # An incremental build must not skip a source the newly enabled check now stops.
    source = _write(tmp_path, "aqui", SENTENCE, AQUI, ("KD502",))
    out = tmp_path / "out"
    (first,) = build_many([source], ["pdf"], out, jobs=1)
    assert first.status == "built"
    (source.parent / "ketadoc.toml").write_text("[check]\ntoday = 2026-06-01\n", "utf-8")
    (second,) = build_many([source], ["pdf"], out, jobs=1)
    assert second.status == "failed"
    assert [p.check_id for p in second.problems] == ["KD502"]
    assert not (out / "article.pdf").exists()


def test_a_disabled_id_no_check_has_stops_check_and_build_alike(tmp_path: Path) -> None:
    source = _write(tmp_path, "typo", SENTENCE, "Read the leaflet.", ("KD999",))
    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(source)])
    built = runner.invoke(app, ["build", str(source), "--to", "pdf", "--out", str(tmp_path / "o")])
    assert checked.exit_code == built.exit_code == 2, (checked.output, built.output)
    assert "unknown check id KD999" in checked.output
    assert "unknown check id KD999" in built.output
    with pytest.raises(UsageError, match="unknown check id KD999"):
        build_many([source], ["pdf"], tmp_path / "o", jobs=1)
