"""Planning a batch once, before anything is rendered: what to render and where it goes.

Format names and exporter options are checked and parsed here, once, and the parsed
option objects travel to the workers. Each source is read here once: its bytes give its
content hash (for incremental builds), its slug (through the reader, so there is one
slug rule) and the text the worker validates, so a worker never reads it again. Two
sources that would write the same file are refused before any work starts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketadoc.errors import ContentError, OptionError, Problem, choices_hint
from ketadoc.exporters.base import ExporterOptions, get_exporter
from ketadoc.readers import source_slug

__all__ = ["PlannedSource", "Target", "plan_sources", "plan_targets"]

FormatOptions = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Target:
    """One output of every source: a format with its parsed options."""

    format: str
    options: ExporterOptions
    layout: str | None = None

    @property
    def label(self) -> str:
        """How messages name this output: ``pdf``, or ``pdf (article layout)``."""
        return f"{self.format} ({self.layout} layout)" if self.layout else self.format

    def output_name(self, slug: str) -> str:
        """The output file name for the source with ``slug``."""
        return get_exporter(self.format).output_name(slug, self.options)


def plan_targets(
    formats: Sequence[str],
    options: FormatOptions | None = None,
    layouts: Sequence[str] | None = None,
) -> tuple[Target, ...]:
    """The outputs each source gets: one per format, and one per layout of a format that
    has layouts when ``layouts`` lists several.

    Raises UnknownExporterError for an unknown format, OptionError for an unknown option,
    a refused value, options of a format that is not built, or layouts no format has.
    """
    names = tuple(dict.fromkeys(formats))
    if not names:
        raise OptionError("no format given; name at least one, e.g. pdf")
    exporters = {name: get_exporter(name) for name in names}
    options = options or {}
    for name in options:
        if name not in names:
            hint = choices_hint(name, names)
            raise OptionError(
                f'options given for "{name}", which is not among the formats ({", ".join(names)})'
                + (f"; {hint}" if hint else "")
            )
    wanted_layouts = tuple(dict.fromkeys(layouts or ()))
    layered = [name for name in names if "layout" in exporters[name].options.model_fields]
    if wanted_layouts and not layered:
        raise OptionError(
            f"--layout applies to formats with layouts, and none of {', '.join(names)} has any"
        )
    targets: list[Target] = []
    for name in names:
        values = dict(options.get(name, {}))
        exporter = exporters[name]
        if wanted_layouts and name in layered:
            for layout in wanted_layouts:
                parsed = exporter.parse_options({**values, "layout": layout})
                targets.append(Target(name, parsed, str(getattr(parsed, "layout", layout))))
        else:
            targets.append(Target(name, exporter.parse_options(values)))
    if len(wanted_layouts) <= 1:
        targets = [Target(t.format, t.options) for t in targets]
    return tuple(targets)


@dataclass(frozen=True, slots=True)
class PlannedSource:
    """One source as read once by the planner: its bytes, their hash and its slug."""

    path: Path
    data: bytes | None
    """None when the file could not be read; building it then reports why."""
    digest: str
    slug: str


def plan_sources(paths: Iterable[Path]) -> list[PlannedSource]:
    """Read each source once. Raises ContentError naming every source whose slug (and so
    whose output files) another source shares."""
    planned = [_plan_source(path) for path in paths]
    owners: dict[str, list[Path]] = {}
    for source in planned:
        owners.setdefault(source.slug, []).append(source.path)
    problems = []
    for slug, clashing in owners.items():
        for path in clashing if len(clashing) > 1 else ():
            others = ", ".join(str(p) for p in clashing if p != path)
            problems.append(
                Problem(
                    f'slug "{slug}" is also the slug of {others}; their outputs would'
                    " overwrite each other. Give each a distinct `slug:` or file name",
                    "",
                    str(path),
                )
            )
    if problems:
        raise ContentError(problems)
    return planned


def _plan_source(path: Path) -> PlannedSource:
    try:
        data: bytes | None = path.read_bytes()
    except OSError:
        data = None
    digest = hashlib.sha256(data).hexdigest() if data is not None else "missing"
    return PlannedSource(path, data, digest, source_slug(path, data or b""))
