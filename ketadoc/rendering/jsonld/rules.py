"""The rules the JSON-LD is checked against before anything is written.

Errors (an unresolved ``@id``, a relative IRI, dates out of order, an empty or
disallowed answer) raise ExportError; softer problems come back as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import ExportError
from ketadoc.model.article import Article
from ketadoc.model.article import Person as PersonModel
from ketadoc.rendering.jsonld.answer import ANSWER_TAGS

__all__ = ["check_output"]

_ABSOLUTE_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Post-nominal letters written into a name: "Jane Doe, MD", "Jane Doe MD PhD".
_CREDENTIALS = re.compile(
    r"(,\s*[A-Z][A-Za-z.-]{1,9}(\s*,\s*[A-Z][A-Za-z.-]{1,9})*$)"
    r"|(\s(MD|M\.D\.|PhD|Ph\.D\.|DO|RN|NP|PA-C|PharmD|MPH|MSc|DNP|FACP|FRCP|MBBS)\.?$)"
)


def _answer_plain(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html).strip()


class _AnswerTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ANSWER_TAGS:
            self.problems.append(f"<{tag}> is not allowed")
        allowed = {"href"} if tag == "a" else set()
        for name, _ in attrs:
            if name not in allowed:
                self.problems.append(f'<{tag} {name}="..."> is not allowed')


def _collect(value: Any, nodes: list[dict[str, Any]], refs: list[str]) -> None:
    """Gather typed nodes and ``{"@id": ...}`` references in one walk of the data."""
    if isinstance(value, dict):
        if "@type" in value:
            nodes.append(value)
        elif len(value) == 1 and "@id" in value:
            refs.append(value["@id"])
        for item in value.values():
            if isinstance(item, dict | list):
                _collect(item, nodes, refs)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                _collect(item, nodes, refs)


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type", ())
    return {kind} if isinstance(kind, str) else set(kind)


def check_output(article: Article, data: dict[str, Any]) -> list[Diagnostic]:
    """Errors raise ExportError; warnings are returned."""
    errors: list[str] = []
    warnings: list[Diagnostic] = []
    nodes: list[dict[str, Any]] = []
    refs: list[str] = []
    _collect(data, nodes, refs)
    ids: dict[str, int] = {}
    for node in nodes:
        if "@id" in node and len(node) > 1:
            ids[node["@id"]] = ids.get(node["@id"], 0) + 1
    errors.extend(f'@id "{i}" names two different nodes' for i, n in ids.items() if n > 1)
    if sum("FAQPage" in _types(n) for n in nodes) > 1:
        errors.append("more than one FAQPage node")
    for node in nodes:
        where = node.get("@id") or "/".join(sorted(_types(node)))
        for key in ("@id", "url", "sameAs"):
            values = node.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and not _ABSOLUTE_IRI.match(value):
                    errors.append(f'{where}: {key} "{value}" is not an absolute IRI')
        for key in ("datePublished", "dateModified", "lastReviewed"):
            if key in node and not _ISO_DATE.match(str(node[key])):
                errors.append(f'{where}: {key} "{node[key]}" is not an ISO 8601 date')
        published, modified = node.get("datePublished"), node.get("dateModified")
        if published and modified and modified < published:
            errors.append(f"{where}: dateModified {modified} is before datePublished {published}")
        if "Question" in _types(node):
            name = str(node.get("name", "")).strip()
            answer = node.get("acceptedAnswer")
            text = answer.get("text", "") if isinstance(answer, dict) else ""
            if not name:
                errors.append(f"{where}: the question is empty")
            if not _answer_plain(text):
                errors.append(f'{where}: the answer to "{name}" is empty')
            parser = _AnswerTags()
            parser.feed(text)
            errors.extend(f"{where}: answer HTML: {p}" for p in dict.fromkeys(parser.problems))
    for missing in sorted(set(refs) - set(ids)):
        errors.append(f'@id "{missing}" is referenced but no node defines it')
    if errors:
        raise ExportError("JSON-LD: " + "; ".join(errors))

    for role, people in (("authors", article.authors), ("reviewers", article.reviewers)):
        for index, person in enumerate(people):
            if isinstance(person, PersonModel) and _CREDENTIALS.search(person.name):
                warnings.append(
                    Diagnostic(
                        f'"{person.name}" looks like it includes credentials; put them in'
                        " `credentials:` (written as honorificSuffix) and keep `name` to the"
                        " name",
                        field=f"{role}[{index}].name",
                        level="warning",
                    )
                )
    return warnings
