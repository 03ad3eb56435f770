"""Incremental builds: a content hash of everything that shapes a source's outputs.

The state lives next to the outputs in ``.ketadoc-cache.json``. A source is skipped when
the hash of its inputs matches the one recorded at its last successful build and every
output recorded then still exists. The inputs are the article's bytes, the files it
depends on (figures, as reported by the build that read them, like a compiler's
depfile), the bundled templates, the exporters and their libraries, the formats, the
options (and the contents of any file or folder an option names), the settings of the
checks that gate a format, and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from typing import Any

from ketadoc._version import __version__
from ketadoc.build.plan import Target
from ketadoc.checks.config import CheckConfig
from ketadoc.output import write_atomic
from ketadoc.resources import resource_dir

__all__ = ["STATE_FILE", "BuildState"]

STATE_FILE = ".ketadoc-cache.json"
_STATE_VERSION = 1
# Libraries whose upgrades change output bytes even when ketadoc's version does not.
_RENDERING_LIBRARIES = ("weasyprint", "pydyf", "python-docx", "jinja2", "segno")


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, or of a folder's file names and bytes; "missing" if absent."""
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(child.relative_to(path).as_posix().encode("utf-8") + b"\0")
            digest.update(file_digest(child).encode("ascii") + b"\0")
        return digest.hexdigest()
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return "missing"


def _library_versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in _RENDERING_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    return found


def _exporter_identities(formats: Iterable[str]) -> dict[str, str]:
    # A plugin upgrade changes its output; its distribution version says so without
    # importing the plugin.
    wanted = set(formats)
    found: dict[str, str] = {}
    for point in entry_points(group="ketadoc.exporters"):
        if point.name in wanted:
            dist = point.dist
            release = f"{dist.name} {dist.version}" if dist else ""
            found[point.name] = f"{point.value} {release}"
    return found


def _option_files(options: Mapping[str, Any]) -> dict[str, str]:
    # An option naming a file or folder (a logo, a user template folder) is an input too.
    digests: dict[str, str] = {}
    for name, value in options.items():
        if isinstance(value, str) and value:
            path = Path(value)
            if path.exists():
                digests[name] = file_digest(path)
    return digests


def settings_digest(targets: Sequence[Target], checks: CheckConfig) -> str:
    """Hash of everything shared by every source of a batch."""
    outputs = []
    for target in targets:
        options = target.options.model_dump(mode="json")
        outputs.append(
            {"format": target.format, "options": options, "files": _option_files(options)}
        )
    settings = {
        "ketadoc": __version__,
        "targets": sorted(outputs, key=lambda t: json.dumps(t, sort_keys=True, default=str)),
        "exporters": _exporter_identities(target.format for target in targets),
        "libraries": _library_versions(),
        "templates": file_digest(resource_dir("templates")),
        # A check enabled again can fail a source its last build let through.
        "checks": checks.model_dump(mode="json"),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
    }
    text = json.dumps(settings, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class BuildState:
    """What the last builds into one output folder were made from."""

    out_dir: Path
    settings: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, out_dir: Path, targets: Sequence[Target], checks: CheckConfig) -> BuildState:
        """Read the state file of ``out_dir``; a missing or unreadable one means "build all"."""
        state = cls(out_dir, settings_digest(targets, checks))
        try:
            data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return state
        if isinstance(data, dict) and data.get("version") == _STATE_VERSION:
            sources = data.get("sources")
            if isinstance(sources, dict):
                state.entries = {k: v for k, v in sources.items() if isinstance(v, dict)}
        return state

    @staticmethod
    def _id(source: Path) -> str:
        return str(source.resolve())

    def input_key(self, source_digest: str, dependencies: Iterable[str]) -> str:
        """The hash of one source's inputs, given the digest of its bytes."""
        digest = hashlib.sha256(f"{self.settings}\0{source_digest}\0".encode())
        for dependency in sorted(dependencies):
            digest.update(f"{dependency}\0{file_digest(Path(dependency))}\0".encode())
        return digest.hexdigest()

    def is_fresh(self, source: Path, source_digest: str) -> bool:
        """True when ``source`` was built from these very inputs and its outputs remain."""
        entry = self.entries.get(self._id(source))
        if entry is None:
            return False
        outputs = entry.get("outputs", [])
        if not outputs or not all((self.out_dir / name).is_file() for name in outputs):
            return False
        key = self.input_key(source_digest, entry.get("dependencies", []))
        return bool(entry.get("key") == key)

    def record(
        self,
        source: Path,
        source_digest: str,
        dependencies: Sequence[Path],
        outputs: Sequence[Path],
    ) -> None:
        """Remember a successful build of ``source``."""
        deps = sorted(str(p.resolve()) for p in dependencies)
        self.entries[self._id(source)] = {
            "key": self.input_key(source_digest, deps),
            "dependencies": deps,
            "outputs": sorted(p.name for p in outputs),
        }
        self.changed = True

    def forget(self, source: Path) -> None:
        """Drop ``source`` so the next build renders it again (it failed or was cut short)."""
        if self.entries.pop(self._id(source), None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write the state file atomically, if anything changed."""
        if not self.changed:
            return
        data = {"version": _STATE_VERSION, "sources": dict(sorted(self.entries.items()))}
        text = json.dumps(data, indent=1, sort_keys=True) + "\n"
        write_atomic(self.out_dir / STATE_FILE, text.encode("utf-8"))
        self.changed = False
