"""A non-editable install from the wheel carries templates, schemas and the example."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    [built] = dist.glob("ketadoc-*.whl")
    return built


def test_wheel_ships_templates_schemas_and_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ketadoc/py.typed" in names
    assert "ketadoc/schemas/article.schema.json" in names
    assert "ketadoc/examples/ketamine-anxiety.md" in names
    assert "ketadoc/templates/docx/reference.docx" in names
    assert any(n.startswith("ketadoc/templates/pdf/") for n in names)
    assert any(n.startswith("ketadoc/templates/html/") for n in names)
    for labels in ("en", "en-us", "es", "fr", "de"):
        assert f"ketadoc/templates/labels/{labels}.yaml" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    for name in ("md", "jsonld", "html", "pdf", "docx"):
        assert f"{name} = ketadoc.exporters." in text


def test_installed_wheel_validates_and_builds_the_example(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
    )
    # Dependencies come from the test environment; ketadoc itself only from the wheel
    # (an editable install is a .pth file, which PYTHONPATH entries do not read).
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    work = tmp_path / "elsewhere"
    work.mkdir()

    def ketadoc(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "ketadoc", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    where = subprocess.run(
        [str(python), "-c", "import ketadoc.resources as r; print(r.example_path())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(site), where
    validated = ketadoc("validate", where)
    assert validated.returncode == 0, validated.stderr
    assert ketadoc("schema", "--check").returncode == 0
    built = ketadoc("build", "--to", "md,jsonld,html")
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (work / "out").glob("*.*") if not p.name.startswith(".")) == [
        "ketamine-anxiety.html",
        "ketamine-anxiety.jsonld",
        "ketamine-anxiety.md",
    ]
