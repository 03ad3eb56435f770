"""The ``ketadoc`` command: parses options, calls the library, prints, maps exit codes.

Exit codes: 0 success; 1 content or export errors (other sources and formats are still
built); 2 usage errors (an unknown format, layout, option or value).
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ketadoc._version import __version__
from ketadoc.cli.display import report_errors, say

app = typer.Typer(
    name="ketadoc",
    help="Publish structured health articles as PDF, DOCX, JSON-LD and HTML.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

DEFAULT_FORMATS = "pdf,docx,jsonld,html"
CommandT = TypeVar("CommandT", bound=Callable[..., None])


def command(name: str | None = None) -> Callable[[CommandT], CommandT]:
    """Register a command whose errors all go through :func:`report_errors`."""

    def register(function: CommandT) -> CommandT:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> None:
            with report_errors(debug=_debug_enabled()):
                function(*args, **kwargs)

        app.command(name)(run)
        return function

    return register


_options = {"debug": False}
"""Options of the root command that every command reads (set once per invocation)."""


def _debug_enabled() -> bool:
    return _options["debug"]


def _flag(name: str, help: str) -> Any:
    # A flag takes no value: no metavar (typer would print "<bool>"), no --no- twin.
    return typer.Option(name, help=help, metavar="")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketadoc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version.", metavar=""
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Print the traceback of an internal error.", metavar="")
    ] = False,
) -> None:
    """Publish structured health articles as PDF, DOCX, JSON-LD and HTML."""
    _options["debug"] = debug


Disable = Annotated[  # check leaves the check out of its report, build out of its gate
    list[str] | None,
    typer.Option("--disable", metavar="ID", help="Skip a check by id, e.g. KD205 (repeatable)."),
]


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def _format_options(pairs: list[str]) -> dict[str, dict[str, Any]]:
    from ketadoc.errors import UsageError

    options: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        fmt, dot, name = key.partition(".")
        if not (sep and dot and fmt and name):
            raise UsageError(
                f'--option takes FORMAT.NAME=VALUE, e.g. pdf.page_size=A4, not "{pair}"'
            )
        options.setdefault(fmt, {})[name] = value
    return options


@command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SOURCE", help="Article files or folders. Default: the bundled example."
        ),
    ] = None,
    to: Annotated[
        str, typer.Option("--to", metavar="FORMATS", help="Comma-separated formats.")
    ] = DEFAULT_FORMATS,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Output folder.")] = Path("out"),
    layout: Annotated[
        str | None,
        typer.Option(
            "--layout",
            metavar="LAYOUTS",
            help="PDF layout: handout (SLUG.pdf), article (SLUG.article.pdf), or both:"
            " handout,article.",
        ),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            "-O",
            metavar="FORMAT.NAME=VALUE",
            help="Exporter option, e.g. pdf.page_size=A4 (repeatable).",
        ),
    ] = None,
    strict: Annotated[
        bool, _flag("--strict", "Treat warnings as errors: such a source writes nothing.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Worker processes. Default: the CPU count (with --watch, up to 2). A single"
            " source renders its formats side by side on them.",
        ),
    ] = None,
    force: Annotated[
        bool, _flag("--force", "Rebuild sources even if their inputs are unchanged.")
    ] = False,
    fail_fast: Annotated[
        bool, _flag("--fail-fast", "Stop starting sources after the first failure.")
    ] = False,
    watch: Annotated[
        bool, _flag("--watch", "Keep one warm worker and rebuild what changes on save (Ctrl-C).")
    ] = False,
    disable: Disable = None,
) -> None:
    """Build articles to PDF, DOCX, JSON-LD, HTML or Markdown, one file per format.

    Folders are searched recursively; a failing source or format does not stop the others.

    Sources unchanged since their last build into the same --out folder are skipped.
    """
    import time

    from ketadoc.build import build_many
    from ketadoc.checks.framework import run_config
    from ketadoc.cli.display import BuildReport
    from ketadoc.resources import example_path

    roots = sources or [example_path()]
    options = _format_options(option or [])
    layouts = _names(layout) if layout is not None else None
    checks = run_config(roots).with_options(disable=disable) if disable else None
    if watch:
        from ketadoc.cli.watch import watch_and_rebuild

        watch_and_rebuild(
            roots,
            _names(to),
            out,
            options,
            layouts,
            strict,
            checks,
            jobs=jobs,
            debug=_debug_enabled(),
        )
        return
    started = time.perf_counter()
    with BuildReport() as report:
        results = build_many(
            roots,
            _names(to),
            out,
            options=options,
            layouts=layouts,
            strict=strict,
            jobs=jobs,
            force=force,
            fail_fast=fail_fast,
            progress=report,
            check_config=checks,
        )
    report.summary(results, time.perf_counter() - started, debug=_debug_enabled())
    failed = sum(r.status == "failed" for r in results)
    if failed:
        say(f"ketadoc: {failed} of {len(results)} source(s) failed", error=True)
        raise typer.Exit(1)


@command()
def validate(
    sources: Annotated[
        list[Path], typer.Argument(metavar="SOURCE", help="Article files or folders.")
    ],
    allowed_resources: Annotated[
        str,
        typer.Option(
            "--allowed-resources",
            metavar="PREFIXES",
            help="URL prefixes or folders figures may also load from, comma-separated"
            " (what a build allows with -O FORMAT.allowed_resources=...).",
        ),
    ] = "",
) -> None:
    """Check that articles load, validate and show every figure; print every located
    problem."""
    from ketadoc.build.sources import discover_sources
    from ketadoc.errors import ContentError
    from ketadoc.rendering.figures import validate as validate_source

    failed = 0
    for path in discover_sources(sources):
        try:
            validate_source(path, tuple(_names(allowed_resources)))
        except ContentError as exc:
            failed += 1
            for problem in exc.problems:
                say(str(problem), error=True)
        else:
            say(f"{path}: ok")
    if failed:
        raise typer.Exit(1)


@command()
def jsonld(
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE", help="An article file (.md, .yaml, .yml, .json).")
    ],
    scope: Annotated[
        str,
        typer.Option(
            "--scope", metavar="SCOPE", help="page: the whole page graph; faq: the FAQPage alone."
        ),
    ] = "page",
    script: Annotated[
        bool, _flag("--script", 'Wrap in <script type="application/ld+json">, HTML-safe.')
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="For articles without url: the page is URL/<slug>.",
        ),
    ] = None,
    strict: Annotated[bool, _flag("--strict", "Treat warnings as errors.")] = False,
) -> None:
    """Print an article's schema.org JSON-LD to standard output."""
    from ketadoc.errors import UsageError
    from ketadoc.exporters.base import export
    from ketadoc.readers import load

    if scope not in ("page", "faq"):
        raise UsageError(f'--scope takes page or faq, not "{scope}"')
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise UsageError(f'--base-url must be an absolute http or https URL, not "{base_url}"')
    rendered = export(load(source), "jsonld", scope=scope, script=script, base_url=base_url)
    for warning in rendered.warnings:
        located = warning.locate(file=str(source))
        say(str(dataclasses.replace(located, level="error") if strict else located), error=True)
    if strict and rendered.warnings:
        raise typer.Exit(1)
    sys.stdout.write(rendered.text)


@command("check")
def check_command(
    sources: Annotated[
        list[Path], typer.Argument(metavar="SOURCE", help="Article files or folders.")
    ],
    format: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="Report format: text, json or sarif.")
    ] = "text",
    strict: Annotated[bool, _flag("--strict", "Fail on warnings too.")] = False,
    disable: Disable = None,
    max_grade: Annotated[
        float | None,
        typer.Option("--max-grade", metavar="GRADE", help="Highest acceptable reading grade."),
    ] = None,
    max_review_age: Annotated[
        int | None,
        typer.Option(
            "--max-review-age",
            metavar="MONTHS",
            help="Months after which last_reviewed is too old.",
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="CODE",
            help="Region for emergency numbers and the regulator (US, GB, IE, ES, FR, DE...).",
        ),
    ] = None,
    info: Annotated[bool, _flag("--info", "List info findings one by one in text output.")] = False,
) -> None:
    """Check articles: readability, PEMAT-P items, review data, citations, accessibility, FAQs."""
    import os

    from ketadoc.build.sources import discover_sources
    from ketadoc.checks import check_paths, run_config
    from ketadoc.checks.formats import format_report
    from ketadoc.errors import UsageError

    if format not in ("text", "json", "sarif"):
        raise UsageError(f'unknown --format "{format}"; use text, json or sarif')
    paths = discover_sources(sources)
    config = run_config(paths).with_options(
        max_grade=max_grade,
        max_review_age_months=max_review_age,
        disable=disable,
        region=region,
    )
    report = check_paths(paths, config=config)
    color = format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    typer.echo(format_report(report, format, color=color, info=info), nl=False)  # type: ignore[arg-type]
    if report.failed(strict=strict):
        raise typer.Exit(1)


@command()
def schema(
    check: Annotated[bool, _flag("--check", "Fail if the committed schema file is stale.")] = False,
    write: Annotated[bool, _flag("--write", "Rewrite schemas/article.schema.json.")] = False,
) -> None:
    """Print the JSON Schema of the article's YAML/JSON form."""
    from ketadoc.output import write_atomic
    from ketadoc.schema import committed_schema_path, schema_text

    text = schema_text()
    path = committed_schema_path()
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            say(f"{path} is out of date with the model; run: ketadoc schema --write", error=True)
            raise typer.Exit(1)
        say(f"{path} is up to date")
    elif write:
        write_atomic(path, text.encode("utf-8"))
        say(f"wrote {path}")
    else:
        sys.stdout.write(text)


@command()
def exporters() -> None:
    """List the registered exporters."""
    from ketadoc.exporters.base import exporter_names, get_exporter

    for name in exporter_names():
        exporter = get_exporter(name)
        say(f"{name:8} {exporter.extension:7} {exporter.media_type}")


@command()
def info() -> None:
    """Show the versions of ketadoc and the libraries it renders with, for bug reports."""
    from importlib.metadata import PackageNotFoundError, version

    say(f"ketadoc {__version__}")
    say(f"python {sys.version.split()[0]}")
    for package in ("weasyprint", "pydyf", "python-docx", "pydantic", "markdown-it-py", "jinja2"):
        try:
            say(f"{package} {version(package)}")
        except PackageNotFoundError:
            say(f"{package} not installed")
    try:
        from ketadoc.rendering.native import harfbuzz_subset_available, load_weasyprint

        load_weasyprint()
        from weasyprint.text.ffi import pango

        number = int(pango.pango_version())  # 15010 is Pango 1.50.10
        say(f"pango {number // 10000}.{number // 100 % 100}.{number % 100}")
        say(f"harfbuzz-subset {'yes' if harfbuzz_subset_available() else 'no'}")
    except Exception as exc:  # Pango missing is what this command should reveal
        say(f"pango unavailable: {exc}")


def main() -> None:
    """Entry point of the console script."""
    app()
