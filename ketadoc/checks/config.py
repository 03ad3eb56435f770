"""Thresholds for the checks, read from ``ketadoc.toml`` or ``pyproject.toml``.

``ketadoc check`` reports with these settings and ``ketadoc build`` gates exporters with
them (both through :func:`ketadoc.checks.framework.run_config`), so a check disabled here
is silent in the report and gates no format.

Where settings come from, the later winning:

1. the defaults below;
2. the nearest configuration file, searched from the folder of the first source up to the
   file-system root, then (if none is found there) from the current folder up. In one
   folder ``ketadoc.toml`` (table ``[check]``) wins over ``pyproject.toml`` (table
   ``[tool.ketadoc.check]``); a ``pyproject.toml`` without that table is skipped;
3. options given on the command line (``--max-grade``, ``--disable``...).
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ketadoc.errors import UsageError

__all__ = ["CheckConfig", "CheckConfigError", "find_config_file", "load_config"]


class CheckConfigError(UsageError):
    """A configuration file or option of the checks is invalid (a usage error: exit 2)."""


class CheckConfig(BaseModel):
    """Thresholds and switches for the checks. Every field has a sensible default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_grade: float = Field(
        8.0, gt=0, description="Reading grade above which prose is flagged (NIH/AMA: 6 to 8)."
    )
    grade_formula: Literal["auto", "smog", "flesch-kincaid"] = Field(
        "auto",
        description=(
            "Grade compared with max_grade for English: auto and flesch-kincaid use the"
            " Flesch-Kincaid grade for every scope, whatever its length; smog uses SMOG"
            " (normed on 30 sentences, extrapolated below)."
        ),
    )
    min_reading_ease: float = Field(
        60.0,
        description="For languages scored by reading ease only (Spanish): flag prose below it.",
    )
    min_words: int = Field(
        30, ge=1, description="Shorter texts are scored but not flagged: too few words to judge."
    )
    max_section_words: int = Field(
        300, ge=1, description="A section's own prose longer than this is not a short chunk."
    )
    max_review_age_months: int = Field(
        12, ge=1, description="last_reviewed older than this many months is flagged."
    )
    region: str | None = Field(
        None,
        description=(
            "ISO 3166 region whose emergency numbers and regulator the checks name (US, GB,"
            " IE, ES); an article's own region wins; default: its language tag's territory."
        ),
    )
    reviewer_policy: Literal["named", "review-date", "off"] = Field(
        "named",
        description=(
            "KD302: named expects a named medical reviewer; review-date accepts"
            " last_reviewed alone (institutional pages); off never asks."
        ),
    )
    regulatory_status_policy: Literal["required", "off"] = Field(
        "required",
        description="KD310: an article about a drug states what the regulator approved.",
    )
    numbered_steps_policy: Literal["if-instructions", "always", "off"] = Field(
        "if-instructions",
        description=(
            "KD208: if-instructions asks for a numbered list only where prose gives a"
            " sequence of instructions; always asks every article; off never asks."
        ),
    )
    disable: frozenset[str] = Field(frozenset(), description="Check ids to skip, e.g. KD205.")
    today: dt.date | None = Field(
        None, description="The date review ages are measured against; default: today."
    )

    @field_validator("disable", mode="before")
    @classmethod
    def _upper_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple | set | frozenset):
            return frozenset(str(v).strip().upper() for v in value)
        return value

    def with_options(self, **options: Any) -> CheckConfig:
        """A copy with the given options set (None means "not given"); ``disable`` adds up.

        Raises CheckConfigError for an unknown option or a bad value.
        """
        given = {key: value for key, value in options.items() if value is not None}
        if "disable" in given:
            given["disable"] = [*self.disable, *given["disable"]]
        return _validated({**self.model_dump(exclude_defaults=True), **given}, "option")


def _validated(data: Mapping[str, Any], where: str) -> CheckConfig:
    data = {str(key).replace("-", "_"): value for key, value in data.items()}
    try:
        return CheckConfig.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            if error["type"] == "extra_forbidden":
                close = difflib.get_close_matches(name, list(CheckConfig.model_fields), n=1)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                messages.append(f'{where}: unknown setting "{name}"{hint}')
            else:
                messages.append(f"{where}: {name}: {error['msg']}")
        raise CheckConfigError("; ".join(messages)) from None


def _table(path: Path) -> Mapping[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CheckConfigError(f"{path}: cannot read the configuration: {exc}") from None
    if path.name == "ketadoc.toml":
        table = data.get("check", {})
    else:
        table = data.get("tool", {}).get("ketadoc", {}).get("check")
    if table is not None and not isinstance(table, dict):
        raise CheckConfigError(f"{path}: the check settings must be a table")
    return table


def find_config_file(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """The nearest configuration at or above ``start`` and its check table, or None."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in ("ketadoc.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return path, table
    return None


def load_config(
    sources: tuple[Path, ...] | list[Path] = (), cwd: Path | None = None
) -> tuple[CheckConfig, Path | None]:
    """The configuration for checking ``sources`` and the file it came from (None: defaults).

    Searches from the first source's folder up, then from ``cwd`` (default: the current
    folder) up. Raises CheckConfigError for an unreadable file or an unknown setting.
    """
    starts = [Path(sources[0])] if sources else []
    starts.append(cwd or Path.cwd())
    for start in starts:
        found = find_config_file(start)
        if found is not None:
            path, table = found
            return _validated(table, str(path)), path
    return CheckConfig(), None
