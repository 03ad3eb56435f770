"""The ``ketadoc`` command: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 success; 1 content or export errors (other sources are still built);
2 usage errors (unknown option, exporter or format).
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ketadoc._version import __version__
from ketadoc.errors import ContentError, KetadocError, UnknownExporterError

app = typer.Typer(
    name="ketadoc",
    help="Publish structured health articles as PDF, DOCX, JSON-LD and HTML.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DEFAULT_FORMATS = "pdf,docx,jsonld,html"


def _error(message: str) -> None:
    typer.echo(message, err=True)


def _usage(message: str) -> NoReturn:
    _error(f"ketadoc: error: {message}")
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ketadoc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Publish structured health articles as PDF, DOCX, JSON-LD and HTML."""


def _formats(value: str) -> list[str]:
    from ketadoc.exporters.base import exporter_names

    formats = [f.strip() for f in value.split(",") if f.strip()]
    known = exporter_names()
    for name in formats:
        if name not in known:
            _usage(str(UnknownExporterError(name, known)))
    if not formats:
        _usage("--to needs at least one format")
    return list(dict.fromkeys(formats))


def _format_options(pairs: list[str], layout: str | None) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    if layout is not None:
        options.setdefault("pdf", {})["layout"] = layout
    for pair in pairs:
        key, sep, value = pair.partition("=")
        fmt, dot, name = key.partition(".")
        if not (sep and dot and fmt and name):
            _usage(f'--option takes FORMAT.NAME=VALUE, e.g. pdf.page_size=A4, not "{pair}"')
        options.setdefault(fmt, {})[name] = value
    return options


@app.command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Article files or folders. Default: the bundled example."),
    ] = None,
    to: Annotated[str, typer.Option("--to", help="Comma-separated formats.")] = DEFAULT_FORMATS,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
    layout: Annotated[
        str | None, typer.Option("--layout", help="PDF layout: handout or article.")
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", "-O", help="Exporter option FORMAT.NAME=VALUE (repeatable)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes. Default: the CPU count."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild sources even if their inputs are unchanged.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop starting sources after the first failure.")
    ] = False,
) -> None:
    """Build articles to PDF, DOCX, JSON-LD, HTML or Markdown, one file per format.

    Folders are searched recursively. Sources unchanged since their last build into the
    same --out folder are skipped (see --force).
    """
    import time

    from ketadoc.batch.report import BuildReport
    from ketadoc.build import build_many, discover_sources
    from ketadoc.resources import example_path

    formats = _formats(to)
    options = _format_options(option or [], layout)
    for name in options:
        if name not in formats:
            _usage(f'options given for "{name}", which is not in --to {",".join(formats)}')
    roots = sources or [example_path()]
    try:
        total = len(discover_sources(roots))
    except ContentError as exc:
        for problem in exc.problems:
            _error(str(problem))
        raise typer.Exit(1) from None
    started = time.perf_counter()
    try:
        with BuildReport(total) as report:
            results = build_many(
                roots,
                formats,
                out,
                options=options,
                jobs=jobs,
                force=force,
                fail_fast=fail_fast,
                progress=report,
            )
    except ContentError as exc:  # sources that clash, found before any work
        for problem in exc.problems:
            _error(str(problem))
        raise typer.Exit(1) from None
    report.summary(results, time.perf_counter() - started)
    failed = sum(r.status == "failed" or (strict and bool(r.warnings)) for r in results)
    if failed:
        _error(f"ketadoc: {failed} of {len(results)} source(s) failed")
        raise typer.Exit(1)


@app.command()
def validate(
    sources: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
) -> None:
    """Check that articles load and validate; print every located problem."""
    from ketadoc.build import discover_sources
    from ketadoc.readers import load

    try:
        paths = discover_sources(sources)
    except ContentError as exc:
        for problem in exc.problems:
            _error(str(problem))
        raise typer.Exit(1) from None
    failed = 0
    for path in paths:
        try:
            load(path)
        except ContentError as exc:
            failed += 1
            for problem in exc.problems:
                _error(str(problem))
        else:
            typer.echo(f"{path}: ok")
    if failed:
        raise typer.Exit(1)


@app.command()
def jsonld(
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE", help="An article file (.md, .yaml, .yml, .json).")
    ],
    scope: Annotated[
        str, typer.Option("--scope", help="page: the whole page graph; faq: the FAQPage alone.")
    ] = "page",
    script: Annotated[
        bool,
        typer.Option("--script", help='Wrap in <script type="application/ld+json">, HTML-safe.'),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="For articles without url: the page is BASE_URL/<slug>."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Print an article's schema.org JSON-LD to standard output."""
    from ketadoc.exporters.base import export
    from ketadoc.readers import load

    if scope not in ("page", "faq"):
        _usage(f'--scope takes page or faq, not "{scope}"')
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        _usage(f'--base-url must be an absolute http or https URL, not "{base_url}"')
    try:
        rendered = export(load(source), "jsonld", scope=scope, script=script, base_url=base_url)
    except ContentError as exc:
        for problem in exc.problems:
            _error(str(problem))
        raise typer.Exit(1) from None
    except KetadocError as exc:
        _error(f"{source}: error: {exc}")
        raise typer.Exit(1) from None
    for warning in rendered.warnings:
        located = warning.locate(file=str(source))
        _error(str(dataclasses.replace(located, level="error") if strict else located))
    if strict and rendered.warnings:
        raise typer.Exit(1)
    sys.stdout.write(rendered.text)


@app.command("check")
def check_command(
    sources: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    format: Annotated[
        str, typer.Option("--format", help="Report format: text, json or sarif.")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    disable: Annotated[
        list[str] | None,
        typer.Option("--disable", help="Skip a check by id, e.g. KD205 (repeatable)."),
    ] = None,
    max_grade: Annotated[
        float | None, typer.Option("--max-grade", help="Highest acceptable reading grade.")
    ] = None,
    max_review_age: Annotated[
        int | None,
        typer.Option("--max-review-age", help="Months after which last_reviewed is too old."),
    ] = None,
) -> None:
    """Check articles: readability, PEMAT-P items, review data, citations, accessibility, FAQs."""
    from ketadoc.build import discover_sources
    from ketadoc.checks import CheckConfigError, check_paths, load_config
    from ketadoc.checks.formats import format_report

    if format not in ("text", "json", "sarif"):
        _usage(f'unknown --format "{format}"; use text, json or sarif')
    try:
        paths = discover_sources(sources)
    except ContentError as exc:
        for problem in exc.problems:
            _error(str(problem))
        raise typer.Exit(1) from None
    try:
        config, _ = load_config(paths)
        config = config.with_options(
            max_grade=max_grade, max_review_age_months=max_review_age, disable=disable
        )
        report = check_paths(paths, config=config)
    except CheckConfigError as exc:
        _usage(str(exc))
    color = format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    typer.echo(format_report(report, format, color=color), nl=False)  # type: ignore[arg-type]
    if report.failed(strict=strict):
        raise typer.Exit(1)


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the committed schema file is stale.")
    ] = False,
    write: Annotated[
        bool, typer.Option("--write", help="Rewrite schemas/article.schema.json.")
    ] = False,
) -> None:
    """Print the JSON Schema of the article's YAML/JSON form."""
    from ketadoc.output import write_atomic
    from ketadoc.schema import committed_schema_path, schema_text

    text = schema_text()
    path = committed_schema_path()
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            _error(f"{path} is out of date with the model; run: ketadoc schema --write")
            raise typer.Exit(1)
        typer.echo(f"{path} is up to date")
    elif write:
        write_atomic(path, text.encode("utf-8"))
        typer.echo(f"wrote {path}")
    else:
        sys.stdout.write(text)


@app.command()
def exporters() -> None:
    """List the registered exporters."""
    from ketadoc.exporters.base import exporter_names, get_exporter

    for name in exporter_names():
        exporter = get_exporter(name)
        typer.echo(f"{name:8} {exporter.extension:7} {exporter.media_type}")


@app.command()
def info() -> None:
    """Show the versions of ketadoc and the libraries it renders with, for bug reports."""
    from importlib.metadata import PackageNotFoundError, version

    typer.echo(f"ketadoc {__version__}")
    typer.echo(f"python {sys.version.split()[0]}")
    for package in ("weasyprint", "pydyf", "python-docx", "pydantic", "markdown-it-py", "jinja2"):
        try:
            typer.echo(f"{package} {version(package)}")
        except PackageNotFoundError:
            typer.echo(f"{package} not installed")
    try:
        from ketadoc.rendering.native import harfbuzz_subset_available, load_weasyprint

        load_weasyprint()
        from weasyprint.text.ffi import pango

        number = int(pango.pango_version())  # 15010 is Pango 1.50.10
        typer.echo(f"pango {number // 10000}.{number // 100 % 100}.{number % 100}")
        typer.echo(f"harfbuzz-subset {'yes' if harfbuzz_subset_available() else 'no'}")
    except Exception as exc:  # Pango missing is what this command should reveal
        typer.echo(f"pango unavailable: {exc}")


def main() -> None:
    """Entry point of the console script: no traceback for ketadoc's own errors."""
    try:
        app()
    except ContentError as exc:
        for problem in exc.problems:
            _error(str(problem))
        sys.exit(1)
    except UnknownExporterError as exc:
        _error(f"ketadoc: error: {exc}")
        sys.exit(2)
    except KetadocError as exc:
        _error(f"ketadoc: error: {exc}")
        sys.exit(1)
