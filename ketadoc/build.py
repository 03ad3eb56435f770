"""Building sources to output files: find sources, render each, report per source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ketadoc.errors import ContentError, ExportError, Problem
from ketadoc.exporters.base import export, get_exporter
from ketadoc.output import write_atomic
from ketadoc.readers import SOURCE_SUFFIXES, load

__all__ = ["BuildResult", "build_one", "discover_sources"]

FormatOptions = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What happened to one source: its outputs, or the problems that stopped it."""

    source: Path
    status: Literal["built", "failed", "skipped"]
    outputs: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


def discover_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into article sources, in a stable order.

    Raises ContentError for a path that does not exist or a file of an unknown type.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SOURCE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            if path.suffix.lower() not in SOURCE_SUFFIXES:
                known = ", ".join(SOURCE_SUFFIXES)
                problems.append(Problem(f"unknown file type; use one of {known}", "", str(path)))
            else:
                found.append(path)
        else:
            problems.append(Problem("no such file or folder", "", str(path)))
    if problems:
        raise ContentError(problems)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)


def build_one(
    source: Path,
    formats: Sequence[str],
    out_dir: Path,
    options: FormatOptions | None = None,
) -> BuildResult:
    """Load, validate and render one source to every format, then write the outputs.

    Never raises for a bad source: its problems are in the result. Every format is
    rendered before anything is written, so a failure leaves no partial set of files.
    """
    import time

    started = time.perf_counter()
    options = options or {}
    try:
        article = load(source)
        rendered = [export(article, name, **options.get(name, {})) for name in formats]
    except ContentError as exc:
        return BuildResult(source, "failed", problems=exc.problems)
    except ExportError as exc:
        return BuildResult(source, "failed", problems=(Problem(str(exc), "", str(source)),))
    stem = article.slug or source.stem
    outputs = tuple(write_atomic(out_dir / f"{stem}{r.extension}", r.data) for r in rendered)
    warnings = tuple(
        f"{source}: warning: {get_exporter(name).name}: {message}"
        for name, result in zip(formats, rendered, strict=True)
        for message in result.warnings
    )
    return BuildResult(
        source, "built", outputs, warnings=warnings, seconds=time.perf_counter() - started
    )
