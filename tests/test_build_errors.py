"""``ketadoc build`` under bad input and ordinary mistakes: exit codes and messages.

Usage errors exit 2 with the valid choices and the closest one; content and export
errors exit 1 with a located message, and everything else is still built; no traceback
reaches the user; the summary and the exit code agree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sleep_article import write_article
from typer.testing import CliRunner

import ketadoc
from ketadoc.cli import app


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def src(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    write_article(folder / "one.md", "One", extra="url: https://example.org/one\n")
    write_article(folder / "two.md", "Two", extra="url: https://example.org/two\n")
    return folder


USAGE_CASES = [
    (
        ["--to", "pdf", "--layout", "artcle"],
        r'"artcle" is not allowed; use handout or article; did you mean "article"\?',
    ),
    (
        ["--to", "pdf", "-O", "pdf.page_sise=A4"],
        r'pdf has no option "page_sise"; did you mean "page_size"\?',
    ),
    (
        ["--to", "pdf", "-O", "pdf.page_size=A5"],
        r'pdf.page_size: "A5" is not allowed; use Letter or A4',
    ),
    (["--to", "pdf", "-O", "pdf.accent_color=#ffff00"], r"pdf.accent_color: .*contrast"),
    (["--to", "md", "-O", "md.shout=yes"], r'md has no option "shout"; options: '),
    (
        ["--to", "pfd"],
        r'unknown exporter "pfd"; known: docx, html, jsonld, md, pdf; did you mean "pdf"\?',
    ),
    (
        ["--to", "md", "-O", "pdf.page_size=A4"],
        r'options given for "pdf", which is not among the formats \(md\)',
    ),
    (["--to", "md", "-O", "page_size"], r"--option takes FORMAT.NAME=VALUE"),
    (
        ["--to", "md", "--layout", "article"],
        r"--layout applies to formats with layouts, and none of md has any",
    ),
    (["--to", ","], r"no format given"),
]


@pytest.mark.parametrize(
    ("args", "message"), USAGE_CASES, ids=[" ".join(a) for a, _ in USAGE_CASES]
)
def test_usage_errors_exit_2_with_the_choices_and_nothing_is_built(
    src: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    code, _, err = run("build", str(src), "--out", str(out), *args)
    assert code == 2, err
    assert re.search(r"^ketadoc: error: .*" + message, err, re.M), err
    assert not out.exists()


CONTENT_CASES = [
    (
        "empty folder",
        lambda tmp: [str(tmp / "empty")],
        r"empty:1:1: error: no articles in this folder; searched for \.md, \.markdown, \.yaml, \.yml, \.json files",
    ),
    (
        "missing file",
        lambda tmp: [str(tmp / "nope.md")],
        r"nope\.md:1:1: error: no such file or folder",
    ),
    (
        "unknown file type",
        lambda tmp: [str(tmp / "notes.txt")],
        r"notes\.txt:1:1: error: unknown file type; use one of \.md",
    ),
]


@pytest.mark.parametrize(
    ("name", "sources", "message"), CONTENT_CASES, ids=[c[0] for c in CONTENT_CASES]
)
def test_sources_that_are_not_articles_exit_1_naming_them(
    tmp_path: Path, name: str, sources: object, message: str
) -> None:
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    write_article(tmp_path / "empty" / ".hidden" / "draft.md")
    (tmp_path / "notes.txt").write_text("notes", encoding="utf-8")
    code, _, err = run("build", *sources(tmp_path), "--to", "md", "--out", str(tmp_path / "out"))  # type: ignore[operator]
    assert code == 1
    assert re.search(message, err), err
    assert not (tmp_path / "out").exists()


def test_a_failing_format_fails_alone_and_the_summary_says_which(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bug in one exporter, on one source: the one line asks for a bug report, the
    # traceback goes to a log file, and every other format and source is written.
    from ketadoc.exporters.html import HtmlExporter

    render = HtmlExporter.render

    def broken(
        self: HtmlExporter, article: ketadoc.Article, options: object = None
    ) -> ketadoc.Rendered:
        if article.slug == "two":
            raise ZeroDivisionError("division by zero")
        return render(self, article, options)  # type: ignore[arg-type]

    monkeypatch.setattr(HtmlExporter, "render", broken)
    out = tmp_path / "out"
    code, _, err = run(
        "build", str(src), "--to", "md,html,jsonld", "--out", str(out), "--jobs", "1"
    )
    assert code == 1
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "one.html",
        "one.jsonld",
        "one.md",
        "two.jsonld",
        "two.md",
    ]
    line = next(line for line in err.splitlines() if "ZeroDivisionError" in line)
    assert line.startswith(f"{src / 'two.md'}:1:1: error: html not written: internal error")
    assert "ketadoc info" in line
    log = re.search(r"the traceback is in (\S+)", err)
    assert log, err
    assert 'raise ZeroDivisionError("division by zero")' in Path(log.group(1)).read_text(
        encoding="utf-8"
    )
    Path(log.group(1)).unlink()
    assert "built 1, skipped 0, failed 1" in err
    assert f"failed: {src / 'two.md'} (html)" in err
    assert "1 of 2 source(s) failed" in err


def test_an_older_output_of_a_failed_format_is_removed(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(src), "--to", "md", "--out", str(out))[0] == 0
    (src / "two.md").write_text(
        (src / "two.md").read_text(encoding="utf-8").replace("language: en", 'language: "e n"'),
        encoding="utf-8",
    )
    code, _, err = run("build", str(src), "--to", "md", "--out", str(out))
    assert code == 1
    assert f"{src / 'two.md'}:4:11: error: language" in err
    assert (out / "one.md").is_file()
    assert not (out / "two.md").exists()


def test_strict_fails_a_source_with_warnings_before_anything_is_written(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_article(src / "with-url.md", "With", extra="url: https://example.org/with\n")
    write_article(src / "no-url.md", "Without")
    out = tmp_path / "out"

    code, _, err = run("build", str(src), "--to", "jsonld,html", "--out", str(out))
    assert code == 0
    # html embeds the same JSON-LD and meets the same warning: it is printed once.
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert len(warnings) == 1, err
    assert warnings[0].startswith(f"{src / 'no-url.md'}:")
    assert "no `url`" in warnings[0]
    assert "built 2, skipped 0, failed 0" in err

    code, _, err = run(
        "build", str(src), "--to", "jsonld,html", "--out", str(out), "--strict", "--force"
    )
    assert code == 1
    refused = next(line for line in err.splitlines() if "no `url`" in line)
    assert refused.startswith(f"{src / 'no-url.md'}:")
    assert ": error: " in refused
    assert "built 1, skipped 0, failed 1" in err
    assert f"failed: {src / 'no-url.md'} (jsonld, html)" in err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "with-url.html",
        "with-url.jsonld",
    ]


def test_the_summary_counts_what_was_skipped(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("build", str(src), "--to", "md", "--out", str(out))
    code, _, err = run("build", str(src), "--to", "md", "--out", str(out))
    assert code == 0
    assert "built 0, skipped 2, failed 0" in err


@pytest.mark.slow
def test_both_layouts_are_built_side_by_side(tmp_path: Path, example_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "out"
    code, _, err = run(
        "build", str(example_path), "--to", "pdf", "--layout", "handout,article", "--out", str(out)
    )
    assert code == 0, err
    handout = pypdf.PdfReader(out / "ketamine-anxiety.pdf")
    article = pypdf.PdfReader(out / "ketamine-anxiety.article.pdf")
    # The article layout has the contents page and every section; the handout fits on two.
    assert len(handout.pages) == 2
    assert len(article.pages) > len(handout.pages)
    assert "Contents" in article.pages[0].extract_text() + article.pages[1].extract_text()
    code, _, _ = run(
        "build", str(example_path), "--to", "pdf", "--layout", "article", "--out", str(out)
    )
    assert code == 0


def test_help_shows_readable_metavars() -> None:
    for command in ("build", "check", "jsonld", "validate", "schema"):
        text = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout
        options = "\n".join(
            line for line in text[text.index("Options") :].splitlines() if "--help" not in line
        )
        for raw in ("<list[", "<bool>", "<str>"):
            assert raw not in options, text
        assert "--no-" not in options, text
        assert "<bool>" not in text, text  # not even on --help
        assert not set("╭│╰") & set(text), text  # plain text: help needs no rich
    text = CliRunner().invoke(app, ["build", "--help"], terminal_width=200).stdout
    for metavar in ("[SOURCE]...", "FORMATS", "DIR", "LAYOUTS", "FORMAT.NAME=VALUE"):
        assert metavar in text


def test_an_internal_error_outside_a_build_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_path: Path
) -> None:
    def broken(path: object, *allowed: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("ketadoc.rendering.figures.validate", broken)
    code, _, err = run("validate", str(example_path))
    assert code == 1
    assert err.startswith("ketadoc: internal error: KeyError: 'surprise'; this is a bug in ketadoc")
    assert len(err.strip().splitlines()) == 1
    Path(re.search(r"the traceback is in (\S+)", err).group(1)).unlink()  # type: ignore[union-attr]

    result = CliRunner().invoke(app, ["--debug", "validate", str(example_path)])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr


def test_findings_of_a_loaded_article_name_its_file_and_line(example_path: Path) -> None:
    # As the README prints them: ``file:line:col: level: id: message``.
    findings = ketadoc.check(ketadoc.load(example_path)).findings
    assert findings
    pattern = re.compile(
        re.escape(str(example_path)) + r":\d+:\d+: (error|warning|info): KD\d{3}: "
    )
    for finding in findings:
        assert pattern.match(str(finding)), str(finding)


def test_a_figure_that_is_not_an_image_fails_its_source_alone(src: Path, tmp_path: Path) -> None:
    # Random bytes saved as .png: a located error for that source, with no traceback, and
    # every format of the other sources still built.
    (src / "noise.png").write_bytes(bytes(range(256)) * 4)
    with (src / "two.md").open("a", encoding="utf-8") as stream:
        stream.write('\n![A chart of the results](noise.png "Results")\n')
    out = tmp_path / "out"
    code, _, err = run("build", str(src), "--to", "md,html,docx", "--out", str(out), "--jobs", "1")
    assert code == 1
    assert {"one.md", "one.html", "one.docx"} <= {p.name for p in out.iterdir()}
    assert re.search(re.escape(str(src / "two.md")) + r":\d+:\d+: error: ", err), err
    # Found once for the source, at the figure's line, not once per format at line 1.
    [line] = [line for line in err.splitlines() if "noise.png" in line]
    assert re.search(r"two\.md:(\d+):1: error: ", line).group(1) != "1", line  # type: ignore[union-attr]
    assert "built 1, skipped 0, failed 1" in err
    assert f"failed: {src / 'two.md'}" in err
    for log in re.findall(r"the traceback is in (\S+)", err):
        Path(log).unlink()
