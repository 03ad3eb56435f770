"""Before a batch renders anything: the output name of every source, and clashes between them.

Two sources with one slug would overwrite each other's files, so the clash is reported
before any work starts. Finding a slug must be cheap for thousands of sources: only a file
that mentions ``slug`` at all has its front matter (or whole YAML/JSON) parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ketadoc.errors import ContentError, Problem
from ketadoc.model.text import slugify
from ketadoc.readers import SOURCE_SUFFIXES

__all__ = ["check_unique_slugs", "source_slug"]

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _declared_slug(text: str, kind: str, file: str) -> Any:
    from ketadoc.readers.yaml import yaml_data

    if kind == "json":
        data = json.loads(text)
    elif kind == "md":
        match = _FRONT_MATTER.match(text)
        if not match:
            return None
        data = yaml_data(match.group(1) or "", file)[0]
    else:
        data = yaml_data(text, file)[0]
    return data.get("slug") if isinstance(data, dict) else None


def source_slug(source: Path) -> str:
    """The slug ``ketadoc.load`` gives ``source``: its declared ``slug``, else its file stem.

    A source that cannot be read or parsed gets its stem; building it reports the problem.
    """
    fallback = slugify(source.stem) or "article"
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return fallback
    if "slug" not in text:
        return fallback
    try:
        kind = SOURCE_SUFFIXES.get(source.suffix.lower(), "md")
        declared = _declared_slug(text, kind, str(source))
    except (ContentError, ValueError):
        return fallback
    return declared if isinstance(declared, str) and declared else fallback


def check_unique_slugs(sources: Sequence[Path]) -> list[str]:
    """The slug of each source, in order.

    Raises ContentError naming every source whose slug another source also has.
    """
    slugs = [source_slug(source) for source in sources]
    owners: dict[str, list[Path]] = {}
    for source, slug in zip(sources, slugs, strict=True):
        owners.setdefault(slug, []).append(source)
    problems = []
    for slug, clashing in owners.items():
        if len(clashing) > 1:
            for source in clashing:
                others = ", ".join(str(p) for p in clashing if p != source)
                problems.append(
                    Problem(
                        f'slug "{slug}" is also the slug of {others}; their outputs would'
                        " overwrite each other. Give each a distinct `slug:` or file name",
                        "",
                        str(source),
                    )
                )
    if problems:
        raise ContentError(problems)
    return slugs
