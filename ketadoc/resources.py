"""Where the bundled templates, schemas and example live, in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["EXAMPLE_NAME", "example_path", "resource_dir"]

EXAMPLE_NAME = "ketamine-anxiety.md"
_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``templates``, ``schemas`` or ``examples``: inside the package when installed from a
    wheel, else at the top of the source tree (editable installs and checkouts)."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def example_path() -> Path:
    """The bundled example article, built when ``ketadoc build`` is given no source."""
    return resource_dir("examples") / EXAMPLE_NAME
