"""Precision and recall of every check on the labelled corpus (tests/check_corpus.py).

Prints the per-check table (``pytest -s`` or the CI log shows it) and holds the targets:
every check that fires on the corpus is right at least 90% of the time, and the two
heuristics the corpus was written for, KD205 (medical terms) and KD206 (risk numbers),
find at least 80% of what an editor would flag.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from check_corpus import PASSAGES, Passage

from ketadoc.checks import CheckConfig, check
from ketadoc.checks.framework import registered_checks
from ketadoc.diagnostics import Diagnostic
from ketadoc.readers import load_located

CONFIG = CheckConfig(today=dt.date(2026, 6, 1))
PRECISION_TARGET = 0.9
RECALL_TARGETS = {"KD205": 0.8, "KD206": 0.8}


def _findings(passage: Passage, folder: Path) -> tuple[Diagnostic, ...]:
    path = folder / f"{passage.id}.md"
    path.write_text(passage.source(), encoding="utf-8")
    article, document = load_located(path)
    return check(article, config=CONFIG, locations=document).findings


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Diagnostic, ...]]:
    folder = tmp_path_factory.mktemp("corpus")
    return {passage.id: _findings(passage, folder) for passage in PASSAGES}


def _counts(
    results: dict[str, tuple[Diagnostic, ...]],
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    true_pos: Counter[str] = Counter()
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    for passage in PASSAGES:
        fired = {f.check_id for f in results[passage.id]}
        for check_id in fired | passage.expect:
            if check_id in fired and check_id in passage.expect:
                true_pos[check_id] += 1
            elif check_id in fired:
                false_pos[check_id] += 1
            else:
                false_neg[check_id] += 1
    return true_pos, false_pos, false_neg


def measured(results: dict[str, tuple[Diagnostic, ...]]) -> dict[str, tuple[float | None, ...]]:
    """check id -> (precision, recall, support): None where the corpus cannot say."""
    true_pos, false_pos, false_neg = _counts(results)
    table: dict[str, tuple[float | None, ...]] = {}
    for item in registered_checks():
        tp, fp, fn = true_pos[item.id], false_pos[item.id], false_neg[item.id]
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        table[item.id] = (precision, recall, float(tp + fn))
    return table


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def test_corpus_is_large_and_bilingual() -> None:
    languages = Counter(p.language.split("-")[0] for p in PASSAGES)
    assert len(PASSAGES) >= 30
    assert languages["en"] >= 10
    assert languages["es"] >= 10
    assert len({p.id for p in PASSAGES}) == len(PASSAGES)


def test_precision_and_recall_per_check(
    results: dict[str, tuple[Diagnostic, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    table = measured(results)
    lines = ["check  precision  recall  expected", "-----  ---------  ------  --------"]
    for check_id, (precision, recall, support) in table.items():
        if precision is None and recall is None:
            continue
        lines.append(
            f"{check_id}  {_cell(precision):>9}  {_cell(recall):>6}  {int(support or 0):>8}"
        )
    with capsys.disabled():
        print(f"\nketadoc check on {len(PASSAGES)} labelled passages\n" + "\n".join(lines))
    wrong = {
        p.id: sorted({f.check_id for f in results[p.id]} ^ p.expect)
        for p in PASSAGES
        if {f.check_id for f in results[p.id]} != p.expect
    }
    for check_id, (precision, recall, _) in table.items():
        assert precision is None or precision >= PRECISION_TARGET, (check_id, wrong)
        if check_id in RECALL_TARGETS:
            assert recall is not None, check_id
            assert recall >= RECALL_TARGETS[check_id], (check_id, wrong)


@pytest.mark.parametrize("passage", [p for p in PASSAGES if p.message_has or p.message_lacks],
                         ids=lambda p: p.id)  # fmt: skip
def test_region_findings_name_the_regions_numbers(
    passage: Passage, results: dict[str, tuple[Diagnostic, ...]]
) -> None:
    region_checks = {"KD310", "KD311", "KD312"}  # not, say, KD105's unscored language
    expected = [f for f in results[passage.id] if f.check_id in passage.expect & region_checks]
    assert expected, [str(f) for f in results[passage.id]]
    for finding in expected:
        for word in passage.message_has:
            assert word in finding.message, str(finding)
        for word in passage.message_lacks:
            assert word not in finding.message, str(finding)


def test_every_finding_points_at_the_field_it_quotes(
    results: dict[str, tuple[Diagnostic, ...]],
) -> None:
    for passage in PASSAGES:
        for finding in results[passage.id]:
            assert finding.line is not None, str(finding)
            if finding.check_id in ("KD205", "KD206", "KD502", "KD507"):
                # Body findings name the paragraph or item that holds the words they quote.
                assert finding.field.startswith(("lead[", "sections[", "faqs[")), str(finding)


@pytest.mark.parametrize(
    ("word", "language"),
    [("glaucoma", "en"), ("hypertension", "en"), ("the", "en"), ("glycated", "en"),
     ("hiperglucemia", "es"), ("vacuna", "es"), ("de", "es")],
)  # fmt: skip
def test_word_frequencies_agree_with_wordfreq(word: str, language: str) -> None:
    from wordfreq import zipf_frequency

    from ketadoc.checks.jargon import _zipf

    assert _zipf(word, language) == pytest.approx(
        zipf_frequency(word, language, wordlist="small"), abs=0.011
    )


def test_readme_check_table_shows_each_check_and_its_measured_figures(
    results: dict[str, tuple[Diagnostic, ...]],
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    rows = {
        cells[0]: cells
        for line in readme.splitlines()
        if line.startswith("| KD")
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    table = measured(results)
    for item in registered_checks():
        assert item.id in rows, f"README has no row for {item.id}"
        row = rows[item.id]
        precision, recall, _ = table[item.id]
        assert row[1] == item.level, item.id
        assert (row[-2], row[-1]) == (_cell(precision), _cell(recall)), (
            f"{item.id}: README says {row[-2]}/{row[-1]}; measured"
            f" {_cell(precision)}/{_cell(recall)}"
        )
