"""The articles the JSON-LD claims and vocabulary tests run over: every fixture, every
example, the JSON-LD test articles and the test corpus."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
_FOLDERS = (TESTS / "fixtures", TESTS.parent / "examples", TESTS / "jsonld", TESTS / "corpus")
_SUFFIXES = (".md", ".yaml", ".yml", ".json")

SOURCES = sorted(
    path
    for folder in _FOLDERS
    if folder.is_dir()
    for path in folder.iterdir()
    if path.suffix in _SUFFIXES and ".expected." not in path.name
)


def source_id(path: Path) -> str:
    """A test id that tells the example from the fixture of the same name."""
    return path.relative_to(TESTS.parent).as_posix()
