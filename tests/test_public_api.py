"""The public surface: everything public is re-exported, sorted, and typed."""

from __future__ import annotations

import importlib.resources
import re
import subprocess
import sys

from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app


def test_all_is_sorted_and_complete() -> None:
    assert list(ketadoc.__all__) == sorted(ketadoc.__all__)
    public = {
        name
        for name, value in vars(ketadoc).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("ketadoc")
    }
    assert public <= set(ketadoc.__all__)
    for name in ketadoc.__all__:
        assert hasattr(ketadoc, name), name


def test_package_is_typed() -> None:
    assert importlib.resources.files("ketadoc").joinpath("py.typed").is_file()


def test_version_everywhere() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.stdout.strip() == f"ketadoc {ketadoc.__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "ketadoc", "--version"], capture_output=True, text=True, check=True
    )
    assert re.fullmatch(r"ketadoc \d+\.\d+\.\d+\n", done.stdout)


def test_exporters_command_lists_the_built_ins() -> None:
    result = CliRunner().invoke(app, ["exporters"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == sorted(names)
    assert {"docx", "html", "jsonld", "md", "pdf"} <= set(names)
    assert "application/pdf" in result.stdout


def test_info_names_the_rendering_libraries() -> None:
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 0
    assert "weasyprint" in result.stdout
    assert "python-docx" in result.stdout
