"""The leaflet-shaped corpus builds as a batch: every article, every format, twice the same."""

from __future__ import annotations

from pathlib import Path

import pytest

import ketadoc

CORPUS = Path(__file__).resolve().parent / "corpus"
FORMATS = ("md", "jsonld", "html", "docx", "pdf")


@pytest.mark.slow
def test_the_corpus_builds_to_every_format_in_worker_processes(tmp_path: Path) -> None:
    sources = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    if not sources:
        pytest.skip("tests/corpus holds no articles")
    out = tmp_path / "out"
    results = ketadoc.build_many([CORPUS], FORMATS, out, jobs=2)
    assert [r.source for r in results] == sources
    for result in results:
        assert result.status == "built", [str(p) for p in result.problems]
        assert sorted(p.suffix for p in result.outputs) == sorted(
            (".md", ".jsonld", ".html", ".docx", ".pdf")
        )
    first = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    again = ketadoc.build_many([CORPUS], FORMATS, tmp_path / "again", jobs=1)
    assert [r.status for r in again] == ["built"] * len(sources)
    second = {
        p.name: p.read_bytes() for p in (tmp_path / "again").iterdir() if not p.name.startswith(".")
    }
    assert second == first
