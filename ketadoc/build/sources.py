"""Which files a command works on: article sources found in the files and folders given."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ketadoc.errors import ContentError, Problem
from ketadoc.readers import SOURCE_SUFFIXES

__all__ = ["discover_sources"]


def discover_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (searched recursively, hidden folders skipped) into article
    sources, in a stable order, each once.

    Raises ContentError for a path that does not exist, a file of an unknown type, or a
    folder that holds no article.
    """
    known = ", ".join(SOURCE_SUFFIXES)
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SOURCE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            )
            if not inside:
                problems.append(
                    Problem(
                        f"no articles in this folder; searched for {known} files", "", str(path)
                    )
                )
            found.extend(inside)
        elif path.is_file():
            if path.suffix.lower() not in SOURCE_SUFFIXES:
                problems.append(Problem(f"unknown file type; use one of {known}", "", str(path)))
            else:
                found.append(path)
        else:
            problems.append(Problem("no such file or folder", "", str(path)))
    if problems:
        raise ContentError(problems)
    return list(dict.fromkeys(found))
