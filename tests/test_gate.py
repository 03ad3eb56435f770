"""`ketadoc check` and `ketadoc build` give one verdict: the PDF is gated by the same checks.

One table drives both commands. Each row edits the clean article and says whether the
content is acceptable in a PDF/UA file, and which check names the problem when it is not.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from check_articles import CLEAN, edit
from pdf_samples import png
from typer.testing import CliRunner

import ketadoc
from ketadoc.checks import check
from ketadoc.cli import app
from ketadoc.errors import CheckGateError, ContentError, ExportError

SENTENCE = "It also says what to watch for."

# (case, old, new, check id that must fire, does the content fail?)
CASES: list[tuple[str, str, str, str, bool]] = [
    ("spanish-aqui", SENTENCE, "Lea más [aquí](https://example.org/x).", "KD502", True),
    ("more-info", SENTENCE, "See [more info](https://example.org/x).", "KD502", True),
    ("click-here", SENTENCE, "For more, [click here](https://example.org/x).", "KD502", True),
    ("generic-alt", "![A hand holding one small white pill next to a glass of water]",
     "![image]", "KD501", True),
    ("spanish-alt", "![A hand holding one small white pill next to a glass of water]",
     "![imagen]", "KD501", True),
    ("empty-header", "| Week | What to expect |", "|  | What to expect |", "KD504", True),
    ("named-link", SENTENCE, "Read [the sertraline leaflet](https://example.org/x).", "", False),
    ("bare-url-link", SENTENCE,
     "It is at [https://example.org/x](https://example.org/x).", "KD507", False),
]  # fmt: skip


def _write(folder: Path, case: str, old: str, new: str) -> Path:
    source = folder / case / "article.md"
    source.parent.mkdir(parents=True)
    source.write_text(edit(CLEAN, old, new), encoding="utf-8")
    (source.parent / "pill.png").write_bytes(png(8, 4))
    (source.parent / "ketadoc.toml").write_text("[check]\ntoday = 2026-06-01\n", "utf-8")
    return source


@pytest.mark.parametrize(
    ("case", "old", "new", "check_id", "fails"), CASES, ids=[c[0] for c in CASES]
)
def test_check_and_build_agree(
    tmp_path: Path, case: str, old: str, new: str, check_id: str, fails: bool
) -> None:
    source = _write(tmp_path, case, old, new)
    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(source)])
    out = tmp_path / "out"
    built = runner.invoke(
        app, ["build", str(source), "--to", "pdf", "--out", str(out), "--jobs", "1"]
    )
    assert checked.exit_code == built.exit_code == (1 if fails else 0), (
        checked.output,
        built.output,
    )
    if check_id:
        assert check_id in checked.output
    pdf = out / "article.pdf"
    if fails:
        # The build names the same check, at the line of the source, and writes nothing.
        assert f"{source}:" in built.output
        assert f"error: {check_id}:" in built.output
        assert not pdf.exists()
    else:
        with pikepdf.open(pdf) as document:
            assert len(document.pages) >= 1


def test_export_raises_the_checks_findings(tmp_path: Path) -> None:
    source = _write(tmp_path, "aqui", SENTENCE, "Lea más [aquí](https://example.org/x).")
    article = ketadoc.load(source)
    with pytest.raises(CheckGateError) as caught:
        ketadoc.export(article, "pdf")
    assert isinstance(caught.value, ExportError)
    assert isinstance(caught.value, ContentError)
    gate = {(p.check_id, p.field, p.level) for p in caught.value.problems}
    reported = {(f.check_id, f.field, f.level) for f in check(article).findings}
    assert gate == {("KD502", "lead[0].text", "error")}
    assert gate <= reported
    # Loaded from a file, the article's findings name its file and line, as str() prints.
    problem = caught.value.problems[0]
    assert problem.file == str(source)
    assert str(problem).startswith(f"{source}:{problem.line}:")
    assert "[aquí]" in source.read_text("utf-8").splitlines()[problem.line - 1]


def test_formats_without_gates_still_render(tmp_path: Path) -> None:
    source = _write(tmp_path, "aqui", SENTENCE, "Lea más [aquí](https://example.org/x).")
    rendered = ketadoc.export(ketadoc.load(source), "jsonld")
    assert rendered.media_type == "application/ld+json"
