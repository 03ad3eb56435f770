"""Reproducible outputs: building the same inputs twice gives byte-identical files.

The second build runs in a fresh interpreter with another hash seed, at least a second
later, so set ordering, object ids and the clock cannot leak into an output unnoticed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketadoc.build import build_many
from ketadoc.exporters.base import exporter_names

FORMATS = ("pdf", "docx", "jsonld", "html", "md")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_building_twice_gives_identical_bytes(
    fmt: str, example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fmt not in exporter_names():
        pytest.skip(f'no "{fmt}" exporter is registered (yet): nothing to compare')
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "first", tmp_path / "second"
    started = time.monotonic()
    [result] = build_many([example_path], [fmt], first, jobs=1)
    assert result.status == "built", result.problems
    time.sleep(max(0.0, 1.1 - (time.monotonic() - started)))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = "12345"
    command = [sys.executable, "-m", "ketadoc", "build", str(example_path), "--to", fmt]
    subprocess.run([*command, "--out", str(second), "--jobs", "1"], check=True, env=env)
    [output] = result.outputs
    again = second / output.name
    assert again.read_bytes() == output.read_bytes(), f"{fmt}: two builds differ"


@pytest.mark.slow
def test_source_date_epoch_is_honoured_by_every_format(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formats = [f for f in FORMATS if f in exporter_names()]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = build_many([example_path], formats, tmp_path / "one", jobs=1)
    two = build_many([example_path], formats, tmp_path / "two", jobs=1, force=True)
    for a, b in zip(one[0].outputs, two[0].outputs, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
