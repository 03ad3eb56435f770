"""The exporter interface, what it returns, and the registry of exporters by name.

Built-in exporters are registered through the ``ketadoc.exporters`` entry-point group,
exactly like third-party ones, so a plugin is a class and one line of packaging metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from ketadoc.diagnostics import Diagnostic
from ketadoc.errors import (
    ExporterRegistryError,
    OptionError,
    UnknownExporterError,
    choices_hint,
)
from ketadoc.model.article import Article
from ketadoc.output import write_atomic

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from ketadoc.checks.config import CheckConfig

__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "ExporterOptions",
    "Rendered",
    "export",
    "export_to",
    "exporter_names",
    "get_exporter",
    "reset_registry",
]

ENTRY_POINT_GROUP = "ketadoc.exporters"


class ExporterOptions(BaseModel):
    """Base of every exporter's options: frozen, and unknown options are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


OptionsT = TypeVar("OptionsT", bound=ExporterOptions)


@dataclass(frozen=True, slots=True)
class Rendered:
    """An exporter's output: the bytes, how to name and serve them, and any warnings.

    Warnings are :class:`~ketadoc.diagnostics.Diagnostic` values at level ``warning``
    with the field they concern, so a build can locate them in the source.
    """

    data: bytes
    media_type: str
    extension: str
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def text(self) -> str:
        """The output decoded as UTF-8 (for the text formats)."""
        return self.data.decode("utf-8")


class Exporter(Generic[OptionsT]):
    """Renders a validated Article to one format. Exporters are pure: no file output."""

    name: ClassVar[str]
    """The ``--to`` value and the entry-point name, e.g. ``"pdf"``."""
    media_type: ClassVar[str]
    """The IANA media type of the output."""
    extension: ClassVar[str]
    """The file extension, with its dot."""
    options: ClassVar[type[ExporterOptions]]
    """The frozen Pydantic model of this exporter's options."""
    embeds_figures: ClassVar[bool] = False
    """Whether the output shows the article's figures: a build then resolves every
    figure once, before any such format, and a figure that cannot be shown fails the
    source with a located error."""
    gates: ClassVar[tuple[str, ...]] = ()
    """Ids of the checks (``ketadoc check``) whose error-level findings stop this format
    from being rendered, e.g. ``("KD501", "KD502")`` for a file that claims accessibility."""

    def render(self, article: Article, options: OptionsT | None = None) -> Rendered:
        """Render ``article``; raise ExportError (or a subclass) when it cannot."""
        raise NotImplementedError

    def parse_options(self, values: Mapping[str, Any]) -> OptionsT:
        """Validate option values into this exporter's options model.

        Raises OptionError naming each unknown option or refused value, with the valid
        choices and the closest one.
        """
        try:
            return self.options.model_validate(dict(values))  # type: ignore[return-value]
        except ValidationError as exc:
            details = "; ".join(self._option_problem(error) for error in exc.errors())
            raise OptionError(details) from None

    def _option_problem(self, error: ErrorDetails) -> str:
        name = ".".join(str(part) for part in error["loc"])
        given = error.get("input")
        if error["type"] == "extra_forbidden":
            known = sorted(self.options.model_fields)
            hint = choices_hint(name, known) or f"options: {', '.join(known)}"
            return f'{self.name} has no option "{name}"; {hint}'
        if error["type"] == "literal_error":
            choices = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
            hint = choices_hint(str(given), choices)
            use = f"use {' or '.join(choices)}" + (f"; {hint}" if hint else "")
            return f'{self.name}.{name}: "{given}" is not allowed; {use}'
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"{self.name}.{name}: {message}"

    def output_name(self, slug: str, options: OptionsT | None = None) -> str:
        """The file name of this format's output: ``<slug><ext>``, or ``<slug>.<layout><ext>``
        for a layout other than the default one (``sleep.article.pdf``), so layouts built
        together never overwrite each other."""
        layout = getattr(options, "layout", None)
        field = self.options.model_fields.get("layout")
        if layout is not None and field is not None and layout != field.default:
            return f"{slug}.{layout}{self.extension}"
        return f"{slug}{self.extension}"

    def export(
        self,
        article: Article,
        options: OptionsT | None = None,
        *,
        check_config: CheckConfig | None = None,
    ) -> Rendered:
        """Run the checks that gate this format, then render: what every caller uses.

        ``check_config`` is the settings ``ketadoc check`` would report with (a check it
        disables gates nothing); default: the checks' defaults. Raises CheckGateError
        when a gating check finds an error, else what render raises.
        """
        self.gate(article, check_config)
        return self.render(article, options)

    def gate(self, article: Article, check_config: CheckConfig | None = None) -> None:
        """Run the checks listed in ``gates`` with ``check_config``; raise CheckGateError
        on an error finding."""
        if self.gates:
            from ketadoc.checks.gate import run_gate

            run_gate(article, self.gates, config=check_config)

    def rendered(self, data: bytes, warnings: Iterable[str | Diagnostic] = ()) -> Rendered:
        """Wrap ``data`` with this exporter's media type and extension.

        A warning given as a string becomes a warning Diagnostic without a field.
        """
        return Rendered(
            data,
            self.media_type,
            self.extension,
            tuple(
                w if isinstance(w, Diagnostic) else Diagnostic(w, level="warning") for w in warnings
            ),
        )


@cache
def _entry_points() -> dict[str, EntryPoint]:
    # Read only when an exporter is first asked for: listing entry points reads every
    # installed distribution's metadata.
    from importlib.metadata import entry_points

    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        earlier = found.get(point.name)
        if earlier is not None and earlier.value != point.value:
            raise ExporterRegistryError(
                f'two exporters are named "{point.name}": {earlier.value} and {point.value};'
                " uninstall one of the packages that provide them"
            )
        found[point.name] = point
    return found


@cache
def _instance(name: str) -> Exporter[Any]:
    points = _entry_points()
    if name not in points:
        raise UnknownExporterError(name, list(points))
    try:
        cls = points[name].load()
    except Exception as exc:  # a broken plugin must not look like a ketadoc bug
        raise ExporterRegistryError(
            f'exporter "{name}" ({points[name].value}) cannot be loaded: {exc}'
        ) from exc
    if not (isinstance(cls, type) and issubclass(cls, Exporter)):
        raise ExporterRegistryError(
            f'exporter "{name}" ({points[name].value}) is not a ketadoc Exporter subclass'
        )
    if cls.name != name:
        raise ExporterRegistryError(
            f'exporter registered as "{name}" calls itself "{cls.name}"; the names must match'
        )
    return cls()


def exporter_names() -> tuple[str, ...]:
    """Names of every registered exporter, sorted; nothing is imported to list them."""
    return tuple(sorted(_entry_points()))


def get_exporter(name: str) -> Exporter[Any]:
    """The exporter registered as ``name`` (one instance per process, so caches are reused).

    Raises UnknownExporterError listing the known names, or ExporterRegistryError.
    """
    return _instance(name)


def reset_registry() -> None:
    """Forget loaded exporters, e.g. after installing a plugin in a running process."""
    _entry_points.cache_clear()
    _instance.cache_clear()


def export(
    article: Article, name: str, /, *, check_config: CheckConfig | None = None, **options: Any
) -> Rendered:
    """Render ``article`` with the exporter ``name`` and its ``options``.

    The checks that gate the exporter run first, with ``check_config`` (default: the
    checks' defaults; ``ketadoc.checks.run_config([path])`` reads the settings file
    ``ketadoc check`` and ``ketadoc build`` use). Raises UnknownExporterError,
    CheckGateError (a ContentError and an ExportError) when a gating check finds an
    error, or ExportError when rendering fails.
    """
    exporter = get_exporter(name)
    return exporter.export(article, exporter.parse_options(options), check_config=check_config)


def export_to(
    article: Article,
    formats: Iterable[str],
    out_dir: str | Path,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    check_config: CheckConfig | None = None,
) -> list[Path]:
    """Render ``article`` to each format and write ``<out_dir>/<slug><ext>`` atomically.

    Every format is rendered before anything is written, so a failure leaves no partial
    set of outputs. ``options`` maps a format name to its options; ``check_config`` is
    what the gating checks run with, as in :func:`export`. Returns the paths.
    """
    options = options or {}
    exporters = [get_exporter(name) for name in formats]
    parsed = [exporter.parse_options(options.get(exporter.name, {})) for exporter in exporters]
    results = [
        exporter.export(article, values, check_config=check_config)
        for exporter, values in zip(exporters, parsed, strict=True)
    ]
    out = Path(out_dir)
    slug = article.slug or "article"
    return [
        write_atomic(out / exporter.output_name(slug, values), result.data)
        for exporter, values, result in zip(exporters, parsed, results, strict=True)
    ]
