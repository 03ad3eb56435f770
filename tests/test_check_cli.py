"""``ketadoc check`` on the command line: formats, exit codes, configuration, imports."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from check_articles import CLEAN, edit
from typer.testing import CliRunner

from ketadoc.checks import CheckConfig, CheckConfigError, check_paths, load_config
from ketadoc.checks.formats import format_report
from ketadoc.cli import app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests/data/sarif-2.1.0-subset.schema.json").read_text("utf-8"))
EXAMPLE = ROOT / "examples" / "ketamine-anxiety.md"
TODAY_CONFIG = "[check]\ntoday = 2026-06-01\n"


def _validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """The few JSON Schema keywords the bundled SARIF subset uses."""
    errors: list[str] = []
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "integer": int}
    if kind and not isinstance(value, types[kind]):
        return [f"{path}: expected {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [
            f"{path}: missing {key}" for key in schema.get("required", []) if key not in value
        ]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += _validate(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += _validate(item, schema["items"], f"{path}[{index}]")
    return errors


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ketadoc.toml").write_text(TODAY_CONFIG, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", *args])


def test_a_clean_article_exits_0(folder: Path) -> None:
    result = invoke(str(folder / "clean.md"))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output
    assert "0 error(s), 0 warning(s), 0 info in 1 file(s)" in result.output


def test_warnings_fail_only_with_strict(folder: Path) -> None:
    (folder / "clean.md").write_text(edit(CLEAN, "## How to Take It", "## Overview"), "utf-8")
    assert invoke(str(folder)).exit_code == 0
    result = invoke(str(folder), "--strict")
    assert result.exit_code == 1
    assert "KD204" in result.output


def test_errors_exit_1(folder: Path) -> None:
    text = edit(
        CLEAN, "![A hand holding one small white pill next to a glass of water]", "![image]"
    )
    (folder / "clean.md").write_text(text, "utf-8")
    result = invoke(str(folder / "clean.md"))
    assert result.exit_code == 1
    assert "error    KD501" in result.output


def test_an_invalid_article_is_reported_and_the_others_still_checked(folder: Path) -> None:
    (folder / "broken.md").write_text("---\ntitle: x\n---\n\n<b>raw</b>\n", "utf-8")
    result = invoke(str(folder), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [f["valid"] for f in data["files"]] == [False, True]
    assert data["files"][0]["findings"][0]["id"] == "KD000"


@pytest.mark.parametrize(
    "args",
    [("--format", "xml"), ("--disable", "KD999"), ("--max-grade", "-1")],
)
def test_usage_errors_exit_2(folder: Path, args: tuple[str, ...]) -> None:
    result = invoke(str(folder), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_disable_and_max_grade_options(folder: Path) -> None:
    text = edit(CLEAN, "## How to Take It", "## Overview")
    (folder / "clean.md").write_text(text, "utf-8")
    assert "KD204" not in invoke(str(folder), "--disable", "KD204").output
    result = invoke(str(folder), "--max-grade", "0.5", "--format", "json")
    assert "KD101" in {f["id"] for f in json.loads(result.output)["files"][0]["findings"]}
    assert json.loads(result.output)["config"]["max_grade"] == 0.5


def test_sarif_validates_and_every_result_has_file_and_line(folder: Path) -> None:
    result = invoke(str(EXAMPLE), "--format", "sarif")
    log = json.loads(result.output)
    assert _validate(log, SCHEMA) == []
    run = log["runs"][0]
    assert run["results"], "the example has findings"
    rules = run["tool"]["driver"]["rules"]
    for item in run["results"]:
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("ketamine-anxiety.md")
        assert location["region"]["startLine"] >= 1
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]


def test_json_records_readability_method_and_pemat_note() -> None:
    report = check_paths([EXAMPLE], config=CheckConfig(today=dt.date(2026, 6, 1)))
    data = json.loads(format_report(report, "json"))
    scores = data["files"][0]["readability"]
    assert scores[0]["scope"] == "article"
    assert scores[0]["method"].startswith("readability/")
    assert all(s["line"] for s in scores)
    assert "not a PEMAT score" in data["files"][0]["pemat"]["note"]


def test_text_output_has_colour_only_when_asked() -> None:
    report = check_paths([EXAMPLE])
    assert "\x1b[" not in format_report(report, "text")
    assert "\x1b[" in format_report(report, "text", color=True)


def test_config_file_precedence(tmp_path: Path) -> None:
    nested = tmp_path / "content" / "drugs"
    nested.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ketadoc.check]\nmax_grade = 7\ndisable = ['KD205']\n", "utf-8"
    )
    config, path = load_config([nested / "a.md"], cwd=tmp_path)
    assert (config.max_grade, config.disable, path) == (7, {"KD205"}, tmp_path / "pyproject.toml")
    (tmp_path / "ketadoc.toml").write_text("[check]\nmax-grade = 6\n", "utf-8")
    config, path = load_config([nested / "a.md"], cwd=tmp_path)
    assert (config.max_grade, path) == (6, tmp_path / "ketadoc.toml")
    (nested / "pyproject.toml").write_text("[project]\nname = 'x'\n", "utf-8")
    assert load_config([nested / "a.md"], cwd=tmp_path)[1] == tmp_path / "ketadoc.toml"
    overridden = config.with_options(max_grade=9, disable=["kd101"])
    assert (overridden.max_grade, overridden.disable) == (9, {"KD101"})


def test_config_falls_back_to_the_current_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "ketadoc.toml").write_text("[check]\nmax_review_age_months = 6\n", "utf-8")
    outside = Path(os.path.abspath(os.sep))
    config, path = load_config([outside / "no-such-dir" / "a.md"], cwd=elsewhere)
    assert (config.max_review_age_months, path) == (6, tmp_path / "ketadoc.toml")


def test_unknown_setting_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "ketadoc.toml").write_text("[check]\nmax_grad = 6\n", "utf-8")
    with pytest.raises(
        CheckConfigError, match='unknown setting "max_grad"; did you mean "max_grade"'
    ):
        load_config([], cwd=tmp_path)
    (tmp_path / "clean.md").write_text(CLEAN, "utf-8")
    result = invoke(str(tmp_path / "clean.md"))
    assert result.exit_code == 2
    assert "max_grad" in result.output


@pytest.mark.slow
def test_check_imports_neither_weasyprint_nor_docx(folder: Path) -> None:
    code = (
        "import sys\n"
        "from ketadoc.cli import main\n"
        f"sys.argv = ['ketadoc', 'check', {str(folder)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docx'))\n"
        "print('HEAVY', heavy, code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=folder, check=False
    )
    assert "HEAVY [] 0" in done.stderr, done.stderr


def test_a_process_pool_reports_the_same_as_one_process(tmp_path: Path) -> None:
    for number in range(17):
        text = edit(CLEAN, "title: Taking Sertraline", f"title: Taking Sertraline {number}")
        (tmp_path / f"a{number:02}.md").write_text(text, "utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: x\n---\n\n<b>raw</b>\n", "utf-8")
    paths = sorted(tmp_path.glob("*.md"))
    config = CheckConfig(today=dt.date(2026, 6, 1))
    alone = check_paths(paths, config=config, jobs=1)
    pooled = check_paths(paths, config=config, jobs=2)
    assert pooled.findings == alone.findings
    assert [a.readability for a in pooled.articles] == [a.readability for a in alone.articles]
    assert {f.check_id for f in pooled.findings} == {"KD000", "KD606"}


def test_export_warnings_are_located_diagnostics_that_write_as_sarif(tmp_path: Path) -> None:
    from ketadoc.checks.formats import sarif_log
    from ketadoc.exporters.base import export
    from ketadoc.readers import load_located

    source = tmp_path / "no-url.md"
    source.write_text(CLEAN, encoding="utf-8")
    article, document = load_located(source)
    warnings = [w.locate(document) for w in export(article, "jsonld").warnings]
    assert warnings, "an article without url draws a JSON-LD warning"
    assert all(w.level == "warning" and w.file == str(source) for w in warnings)
    assert all(str(w).startswith(f"{source}:{w.line}:") for w in warnings)
    log = sarif_log(warnings)
    assert _validate(log, SCHEMA) == []
    for item, warning in zip(log["runs"][0]["results"], warnings, strict=True):
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("no-url.md")
        assert location["region"]["startLine"] == warning.line
        assert item["level"] == "warning"


def test_region_option_overrides_the_language_territory(folder: Path) -> None:
    # The clean article is en-US and says "Call 911": right for the US, wrong for Ireland.
    assert "KD312" not in invoke(str(folder / "clean.md")).output
    result = invoke(str(folder / "clean.md"), "--region", "IE")
    assert "KD312" in result.output
    assert "call 112 or 999" in result.output
