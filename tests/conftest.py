"""Shared fixtures. Tests never reach outside the repository or the network."""

from __future__ import annotations

from pathlib import Path

import pytest

import ketadoc

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ketamine-anxiety.md"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example article (ketadoc Markdown)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> ketadoc.Article:
    """The bundled example, loaded and validated once per test session."""
    return ketadoc.load(EXAMPLE)
