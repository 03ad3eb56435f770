"""Labels the templates add ("Key points", "Page X of Y"...) and dates, in the article's
language. English and Spanish ship; another language falls back to English with a
warning, and a labels file (YAML or JSON mapping) can override or add any label."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ketadoc.errors import ContentError, TemplateError
from ketadoc.readers.yaml import yaml_data
from ketadoc.resources import resource_dir

__all__ = ["Labels", "format_date", "labels_for", "primary_language"]

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ),
}  # fmt: skip


def primary_language(tag: str) -> str:
    """``"es-MX"`` -> ``"es"``."""
    return tag.split("-")[0].lower()


@dataclass(frozen=True)
class Labels:
    """The labels for one language; ``labels["key_points"]`` or ``labels.key_points``."""

    language: str
    texts: Mapping[str, str]
    warnings: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise AttributeError(key) from None


@cache
def _builtin(language: str) -> Mapping[str, str]:
    path = resource_dir("templates") / "labels" / f"{language}.yaml"
    if not path.is_file():
        return {}
    data, _, _ = yaml_data(path.read_text(encoding="utf-8"), str(path))
    return MappingProxyType({str(k): str(v) for k, v in (data or {}).items()})


def labels_for(language: str, labels_file: Path | None = None) -> Labels:
    """Labels for a BCP 47 ``language``, with ``labels_file`` entries taking precedence.

    Raises TemplateError when the labels file cannot be read or is not a mapping.
    """
    primary = primary_language(language)
    texts = dict(_builtin("en"))
    warnings: list[str] = []
    own = _builtin(primary)
    if own:
        texts.update(own)
    elif labels_file is None:
        warnings.append(
            f'no built-in labels for language "{language}"; using English labels'
            " (pass a labels file to translate them)"
        )
    if labels_file is not None:
        texts.update(_read_labels_file(labels_file))
    return Labels(language, MappingProxyType(texts), tuple(warnings))


def _read_labels_file(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot read labels file {path}: {exc.strerror}") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data, _, _ = yaml_data(text, str(path))
    except (ValueError, ContentError) as exc:
        raise TemplateError(f"labels file {path} is not valid: {exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"labels file {path} must be a mapping of label names to text")
    return {str(k): str(v) for k, v in data.items()}


def format_date(date: dt.date, language: str) -> str:
    """A date as a reader of ``language`` writes it: "March 1, 2024", "1 de marzo de 2024"."""
    primary = primary_language(language)
    if primary == "es":
        return f"{date.day} de {_MONTHS['es'][date.month - 1]} de {date.year}"
    month = _MONTHS["en"][date.month - 1]
    if language.lower() in ("en-us", "en"):
        return f"{month} {date.day}, {date.year}"
    return f"{date.day} {month} {date.year}"
