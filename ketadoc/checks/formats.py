"""Writing a check report: text for people, JSON for scripts, SARIF 2.1.0 for CI systems."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

from ketadoc.checks.framework import Finding, Level, registered_checks
from ketadoc.checks.reading import ScoredText
from ketadoc.checks.report import INVALID_SOURCE, ArticleReport, Report
from ketadoc.diagnostics import Diagnostic
from ketadoc.model.walk import display_path

__all__ = ["OutputFormat", "format_report", "sarif_log", "to_json", "to_sarif", "to_text"]

OutputFormat = Literal["text", "json", "sarif"]

PEMAT_NOTE = (
    "Only the items ketadoc can check automatically are scored; the others need a trained"
    " reviewer. This is not a PEMAT score."
)
_STYLES: dict[Level, str] = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SGR = {"bold": "1", "dim": "2", "underline": "4", "red": "31", "green": "32", "yellow": "33",
        "cyan": "36"}  # fmt: skip


def format_report(
    report: Report, format: OutputFormat = "text", *, color: bool = False, info: bool = False
) -> str:
    """The report as text (``color`` adds ANSI colours; ``info`` lists info findings one
    by one instead of in one line per file), JSON or SARIF 2.1.0 (always every finding).

    Raises ValueError for an unknown format.
    """
    if format == "text":
        return to_text(report, color=color, info=info)
    if format == "json":
        return json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n"
    if format == "sarif":
        return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f'unknown report format "{format}"; use text, json or sarif')


def _article_grade(article: ArticleReport) -> ScoredText | None:
    return next((s for s in article.readability if s.scope == "article"), None)


def _readability_line(scored: ScoredText) -> str:
    score = scored.score
    if not score.scored:
        return f"readability: not scored ({score.reason})"
    parts = []
    if scored.grade is not None:
        parts.append(f"grade {scored.grade:.1f} ({scored.grade_formula})")
    if score.flesch_kincaid_grade is not None and scored.grade_formula != "Flesch-Kincaid":
        parts.append(f"Flesch-Kincaid {score.flesch_kincaid_grade:.1f}")
    if score.smog_grade is not None and scored.grade_formula != "SMOG":
        parts.append(f"SMOG {score.smog_grade:.1f}")
    if score.flesch_reading_ease is not None:
        parts.append(f"reading ease {score.flesch_reading_ease:.0f}")
    if score.fernandez_huerta is not None:
        parts.append(f"Fernández Huerta {score.fernandez_huerta:.0f}")
    parts.append(f"{score.words} words")
    return f"readability: {', '.join(parts)} [{score.method}]"


def _pemat_line(article: ArticleReport) -> str:
    counts: dict[str, int] = {}
    for result in article.pemat:
        counts[result.status] = counts.get(result.status, 0) + 1
    order = ("met", "not met", "not applicable", "not checked", "needs human review")
    shown = ", ".join(f"{counts[s]} {s}" for s in order if s in counts)
    return f"PEMAT-P items: {shown} (not a PEMAT score)"


def _info_line(findings: list[Finding]) -> str:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.check_id] = counts.get(finding.check_id, 0) + 1
    listed = ", ".join(f"{check_id} x{n}" if n > 1 else check_id for check_id, n in counts.items())
    return f"{len(findings)} info finding(s) not shown ({listed}); --info lists them"


def _painter(color: bool) -> Callable[[str, str], str]:
    """Wrap text in the ANSI codes of a style ("bold red", "dim"...), or not at all."""

    def paint(text: str, style: str) -> str:
        if not color or not style:
            return text
        codes = ";".join(_SGR[word] for word in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"

    return paint


def to_text(report: Report, *, color: bool = False, info: bool = False) -> str:
    """Findings grouped by file, then one summary line; colours only when ``color``.

    Info findings are hints, not problems: without ``info`` they are summarised in one
    line per file.
    """
    paint = _painter(color)
    lines: list[str] = []
    for article in report.articles:
        heading = paint(article.file, "bold underline")
        if article.title:
            heading += paint(f"  {article.title}", "dim")
        lines.append(heading)
        hidden = [f for f in article.findings if f.level == "info" and not info]
        for finding in article.findings:
            if finding in hidden:
                continue
            where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
            field = paint(f"{finding.field}: ", "dim") if finding.field else ""
            lines.append(
                f"  {where:>8}  {paint(f'{finding.level:<7}', _STYLES[finding.level])}"
                f"{paint(f'  {finding.check_id}  ', 'bold')}{field}{finding.message}"
            )
        if not article.findings:
            lines.append(paint("  no findings", "green"))
        if hidden:
            lines.append(paint(f"  {_info_line(hidden)}", "cyan"))
        scored = _article_grade(article)
        if scored is not None:
            lines.append(paint(f"  {_readability_line(scored)}", "dim"))
        if article.pemat:
            lines.append(paint(f"  {_pemat_line(article)}", "dim"))
        lines.append("")
    summary = (
        f"{report.errors} error(s), {report.warnings} warning(s),"
        f" {report.count('info')} info in {len(report.articles)} file(s)"
    )
    lines.append(paint(summary, "bold red" if report.errors else "bold green"))
    return "\n".join(lines) + "\n"


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.check_id,
        "category": finding.category,
        "level": finding.level,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "field": finding.field,
        "message": finding.message,
    }


def _score_json(scored: ScoredText, line: int | None) -> dict[str, Any]:
    score = scored.score
    return {
        "scope": scored.scope,
        "field": display_path(scored.loc),
        "label": scored.label,
        "line": line,
        "scored": score.scored,
        "reason": score.reason,
        "grade": scored.grade,
        "grade_formula": scored.grade_formula,
        "flesch_kincaid_grade": score.flesch_kincaid_grade,
        "smog_grade": score.smog_grade,
        "smog_extrapolated": score.smog_extrapolated,
        "flesch_reading_ease": score.flesch_reading_ease,
        "fernandez_huerta": score.fernandez_huerta,
        "szigriszt_pazos": score.szigriszt_pazos,
        "words": score.words,
        "sentences": score.sentences,
        "syllables": score.syllables,
        "polysyllables": score.polysyllables,
        "method": score.method,
    }


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain data: settings, counts, and per file findings, scores and items."""
    from ketadoc._version import __version__

    config = report.config.model_dump(mode="json")
    config["disable"] = sorted(report.config.disable)
    return {
        "tool": "ketadoc",
        "version": __version__,
        "today": report.today.isoformat(),
        "config": config,
        "summary": {
            "files": len(report.articles),
            "errors": report.errors,
            "warnings": report.warnings,
            "info": report.count("info"),
        },
        "files": [
            {
                "file": article.file,
                "title": article.title,
                "valid": article.valid,
                "findings": [_finding_json(f) for f in article.findings],
                "readability": [
                    _score_json(s, line)
                    for s, line in zip(article.readability, article.readability_lines, strict=True)
                ],
                "pemat": {
                    "note": PEMAT_NOTE,
                    "items": [
                        {
                            "domain": r.item.domain,
                            "item": r.item.text,
                            "status": r.status,
                            "checks": list(r.item.checks),
                        }
                        for r in article.pemat
                    ],
                },
            }
            for article in report.articles
        ],
    }


_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _artifact(file: str) -> dict[str, str]:
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": path.as_posix(), "uriBaseId": "%SRCROOT%"}


def to_sarif(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log: one run, a rule per check id, a result per finding."""
    return sarif_log(report.findings)


def sarif_log(diagnostics: Iterable[Diagnostic]) -> dict[str, Any]:
    """Any located diagnostics (check findings, build warnings) as a SARIF 2.1.0 log.

    Findings refer to the rule of their check id; a diagnostic without one (an exporter
    warning) is a result without a rule.
    """
    from ketadoc._version import __version__

    rules: list[dict[str, Any]] = [
        {
            "id": INVALID_SOURCE,
            "name": "invalid-source",
            "shortDescription": {"text": "The source failed validation and was not checked."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"category": "markup", "heuristic": False},
        }
    ]
    for check in registered_checks():
        rules.append(
            {
                "id": check.id,
                "name": check.name,
                "shortDescription": {"text": check.summary},
                "defaultConfiguration": {"level": _SARIF_LEVELS[check.level]},
                "properties": {"category": check.category, "heuristic": check.heuristic},
            }
        )
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = []
    for finding in diagnostics:
        message = f"{finding.field}: {finding.message}" if finding.field else finding.message
        region: dict[str, int] = {"startLine": finding.line or 1}
        if finding.column:
            region["startColumn"] = finding.column
        result: dict[str, Any] = {}
        if finding.check_id in index:
            result["ruleId"] = finding.check_id
            result["ruleIndex"] = index[finding.check_id]
        result.update(
            {
                "level": _SARIF_LEVELS[finding.level],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _artifact(finding.file),
                            "region": region,
                        }
                    }
                ],
            }
        )
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ketadoc",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
