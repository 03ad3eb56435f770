"""Checks as a gate before an exporter renders: the same rules ``ketadoc check`` reports.

An exporter lists the ids of the checks that gate it (``Exporter.gates``); before it
renders, those checks run through the registry and any finding at level ``error`` stops
the export with a :class:`~ketadoc.errors.CheckGateError` naming the check, the field and
what to change. ``ketadoc check`` reports the same findings at the same level, so the
two commands give one verdict on one article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ketadoc.checks.config import CheckConfig
from ketadoc.checks.framework import CheckContext, get_check, located
from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import CheckGateError
from ketadoc.model import Article
from ketadoc.readers.source import SourceDocument

__all__ = ["gate_findings", "run_gate"]


def gate_findings(
    article: Article,
    check_ids: Iterable[str],
    *,
    config: CheckConfig | None = None,
    document: SourceDocument | None = None,
) -> tuple[Diagnostic, ...]:
    """The error-level findings of the checks ``check_ids`` (disabled ones skipped).

    Raises KeyError for an unknown check id: a gate naming a check that does not exist is
    a programming error in the exporter.
    """
    config = config or CheckConfig()
    if document is None and isinstance(article.source, SourceDocument):
        document = article.source
    ctx = CheckContext(
        article,
        config,
        config.today or dt.date.today(),
        document,
        document.file if document is not None else "<string>",
    )
    found: list[Diagnostic] = []
    for check_id in check_ids:
        check = get_check(check_id)
        if check.run is None or check.id in config.disable:
            continue
        for hit in check.run(article, ctx):
            finding = located(check, hit, ctx)
            if finding.level == "error":
                found.append(finding)
    return tuple(sorted(found, key=lambda f: f.sort_key))


def run_gate(
    article: Article,
    check_ids: Iterable[str],
    *,
    config: CheckConfig | None = None,
    document: SourceDocument | None = None,
) -> None:
    """Raise CheckGateError listing every error-level finding of the gating checks."""
    findings = gate_findings(article, check_ids, config=config, document=document)
    if findings:
        raise CheckGateError(findings)
