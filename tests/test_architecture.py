"""The package's shape: every module imports on its own, and the layers hold.

A module that only imports because some other module happened to be imported first (an
import loop) breaks the first user who imports it directly; an exporter that imports
another couples two formats that must change independently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ketadoc"

# One interpreter imports the libraries ketadoc builds on (so each child does not pay for
# them again), then forks once per ketadoc module (as many at a time as there are CPUs): every child starts with no ketadoc
# module imported, as a fresh interpreter would, and imports just the one it is given.
IMPORT_EACH = """
import importlib, json, os, sys, traceback

for library in ("pydantic", "jinja2", "yaml", "markdown_it", "typer", "rich", "docx",
                "weasyprint", "segno"):
    try:
        importlib.import_module(library)
    except ImportError:
        pass
assert not [m for m in sys.modules if m.split(".")[0] == "ketadoc"]
failures = {}
running = {}


def reap():
    pid, status = os.wait()
    name, read = running.pop(pid)
    with os.fdopen(read, "rb") as stream:
        message = stream.read().decode()
    if status != 0:
        failures[name] = message or f"exit status {status}"


for name in json.loads(sys.argv[1]):
    if len(running) >= (os.cpu_count() or 1):
        reap()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            code = 0
        except BaseException:
            os.write(write, traceback.format_exc()[-4000:].encode())
            code = 1
        os._exit(code)
    os.close(write)
    running[pid] = (name, read)
while running:
    reap()
print(json.dumps(failures))
"""


def module_names() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts[-1] != "__main__":
            names.append(".".join(parts))
    return names


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_every_module_imports_first_in_a_fresh_interpreter() -> None:
    names = module_names()
    assert "ketadoc.readers.validation" in names
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    failures = json.loads(done.stdout.strip().splitlines()[-1])
    assert failures == {}


def test_nothing_below_the_package_face_imports_the_face() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "__init__.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip().startswith(("from ketadoc import", "import ketadoc"))
        and not line.strip().startswith("import ketadoc.")
    ]
    assert offenders == []


@pytest.mark.slow
def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed: pip install -e '.[test]'")
    done = subprocess.run([lint], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
