"""Labels the templates add ("Key points", "Page X of Y"...) and dates, in the article's
language. English, Spanish, French and German ship; another language falls back to
English with a warning, and a labels file (YAML or JSON mapping) can override or add any
label, the month names and the date pattern included.

A language's labels are ``templates/labels/<language>.yaml`` over the English ones, then
``<language>-<region>.yaml`` where one exists (``en-us.yaml`` writes "March 1, 2024"
where ``en.yaml`` writes "1 March 2024"), then the labels file."""

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

__all__ = ["Labels", "format_date", "labels_for", "primary_language", "text_direction"]


def primary_language(tag: str) -> str:
    """``"es-MX"`` -> ``"es"``."""
    return tag.split("-")[0].lower()


# Languages written right to left (by their usual script): Arabic, Hebrew, Persian, Urdu,
# Pashto, Sindhi, Uyghur, Kurdish (Sorani), Dhivehi and Yiddish.
_RIGHT_TO_LEFT = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "ckb", "dv", "yi"})
_LEFT_TO_RIGHT_SCRIPTS = ("-latn", "-cyrl")  # Latin, Cyrillic


def text_direction(language: str) -> str:
    """``"rtl"`` for a language written right to left (``ar``, ``he-IL``, ``fa``...), else
    ``"ltr"``; a script subtag wins (``ku-Arab`` is rtl, ``az-Latn`` ltr)."""
    tag = language.lower()
    if "-arab" in tag or "-hebr" in tag or "-thaa" in tag:
        return "rtl"
    if any(script in tag for script in _LEFT_TO_RIGHT_SCRIPTS):
        return "ltr"
    return "rtl" if primary_language(tag) in _RIGHT_TO_LEFT else "ltr"


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
    # ``language`` is a BCP 47 tag the model checked: letters, digits and hyphens.
    path = resource_dir("templates") / "labels" / f"{language}.yaml"
    if not path.is_file():
        return {}
    data, _, _ = yaml_data(path.read_text(encoding="utf-8"), str(path))
    return MappingProxyType({str(k): str(v) for k, v in (data or {}).items()})


def labels_for(language: str, labels_file: Path | None = None) -> Labels:
    """Labels for a BCP 47 ``language``, with ``labels_file`` entries taking precedence.

    Raises TemplateError when the labels file cannot be read, is not a mapping, or gives
    month names or a date pattern that cannot write a date.
    """
    primary = primary_language(language)
    texts = dict(_builtin("en"))
    warnings: list[str] = []
    own = _builtin(primary)
    texts.update(own)
    texts.update(_builtin(_regional(language)))
    given = _read_labels_file(labels_file) if labels_file is not None else {}
    texts.update(given)
    if not own and labels_file is None:
        warnings.append(
            f'no built-in labels for language "{language}"; using English labels and dates'
            " (pass a labels file to translate them)"
        )
    elif not own and "months" not in given:
        warnings.append(
            f'the labels file {labels_file} has no "months" for language "{language}":'
            ' dates are written in English (add "months" and "date" to translate them)'
        )
    labels = Labels(language, MappingProxyType(texts), tuple(warnings))
    try:
        format_date(dt.date(2024, 12, 1), labels)
    except (KeyError, IndexError, ValueError) as exc:
        origin = f"labels file {labels_file}" if given else f'labels for "{language}"'
        raise TemplateError(
            f'{origin}: cannot write a date: "months" must be twelve names separated by'
            f' commas and "date" a pattern of {{day}}, {{month}} and {{year}} ({exc})'
        ) from None
    return labels


def _regional(language: str) -> str:
    # An article whose language names no region is dated as in the US, as it always was.
    tag = language.lower()
    return "en-us" if tag == "en" else tag


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


def format_date(date: dt.date, labels: Labels) -> str:
    """``date`` as the labels' language writes it ("March 1, 2024", "1er mars 2024",
    "1. März 2024"): the ``date`` pattern, with ``{day}`` (``first_day`` for the first of
    a month, where it is written differently), ``{month}`` (one of the twelve
    comma-separated ``months``) and ``{year}``."""
    months = [name.strip() for name in labels["months"].split(",")]
    if len(months) != 12:
        raise ValueError(f"{len(months)} month names")
    day = labels.texts.get("first_day", "1") if date.day == 1 else str(date.day)
    return labels["date"].format(day=day, month=months[date.month - 1], year=date.year)
