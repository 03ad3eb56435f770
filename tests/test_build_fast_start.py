"""Fast start: commands that render nothing heavy never import WeasyPrint, python-docx or
rich, and ``ketadoc --version`` imports neither the model nor the exporters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ketadoc.cli import app

HEAVY = ("weasyprint", "docx")

# Runs one command in a fresh interpreter, then reports which heavy modules it imported.
PROBE = """
import json, sys
from ketadoc.cli import main
sys.argv = ["ketadoc", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("\\nHEAVY=" + json.dumps(heavy))
"""


def command_names() -> set[str]:
    return {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def heavy_modules_imported(args: list[str]) -> list[str]:
    probe = PROBE.format(heavy=set(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    marker = done.stdout.rsplit("HEAVY=", 1)
    assert len(marker) == 2, done.stdout + done.stderr
    result: list[str] = json.loads(marker[1])
    return result


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["validate", "{example}"], ["jsonld", "{example}"], ["check", "{example}"]],
    ids=["validate", "jsonld", "check"],
)
def test_command_does_not_import_weasyprint_or_docx(args: list[str], example_path: Path) -> None:
    if args[0] not in command_names():
        pytest.skip(f'there is no "ketadoc {args[0]}" command (yet)')
    argv = [a.format(example=example_path) for a in args]
    assert heavy_modules_imported(argv) == []


@pytest.mark.slow
def test_the_probe_sees_heavy_imports() -> None:
    # Without this, a broken probe would pass every test above. ``ketadoc info`` asks
    # WeasyPrint for the Pango version, so it does import it.
    assert "weasyprint" in heavy_modules_imported(["info"])


LIGHT = {
    # command: modules it must not import (besides WeasyPrint and python-docx)
    "--version": ("pydantic", "ketadoc.model", "ketadoc.exporters", "ketadoc.readers", "rich"),
    # validate resolves figures under the resource policy, and nothing else of rendering:
    # an article without figures decodes no image.
    "validate {example}": (
        "ketadoc.exporters",
        *(f"ketadoc.rendering.{m}" for m in ("context", "html", "jsonld", "templates", "theme")),
        "PIL",
        "rich",
        "jinja2",
    ),
    "check {example}": ("rich", "jinja2", "ketadoc.exporters", "ketadoc.rendering"),
    "jsonld {example}": ("rich", "jinja2", "ketadoc.build", "ketadoc.checks"),
    "schema --check": ("ketadoc.exporters", "rich", "jinja2"),
    "exporters": ("rich", "ketadoc.build", "ketadoc.checks"),
}

MODULES_PROBE = """
import io, contextlib, json, sys
from ketadoc.cli import main
sys.argv = ["ketadoc", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""


def modules_imported(args: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    marker = done.stdout.rsplit("MODULES=", 1)
    assert len(marker) == 2, done.stdout + done.stderr
    return set(json.loads(marker[1]))


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(LIGHT))
def test_light_command_imports_only_what_it_uses(command: str, example_path: Path) -> None:
    args = command.format(example=example_path).split()
    imported = modules_imported(args)
    unwanted = {*LIGHT[command], *HEAVY}
    found = sorted(m for m in imported if any(m == u or m.startswith(u + ".") for u in unwanted))
    assert found == [], f"ketadoc {command} imported {found}"
