"""Fuzzing the reader and the build with broken articles: never a traceback, never half a file.

The fixture articles are mutated the way real files go wrong (lines deleted, duplicated
or swapped, Markdown and YAML punctuation inserted, the file cut short, control and
bidi characters, huge tables, deep nesting, figures whose bytes are not an image) and
then validated and built. The only allowed outcomes are success, or a KetadocError whose
problems are all located; a build writes whole files for what succeeded and nothing for
what failed, and every example finishes within a time limit.

CI runs a fixed, derandomized budget (see conftest.py). For a long local run:
``KETADOC_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ketadoc
from ketadoc.build import build_many

ROOT = Path(__file__).resolve().parent
SEEDS = sorted(
    [ROOT.parent / "examples" / "ketamine-anxiety.md"]
    + [p for p in (ROOT / "fixtures").glob("*") if p.suffix in (".md", ".yaml")]
    + [p for p in (ROOT / "corpus").glob("*") if p.suffix in (".md", ".yaml")]
)
EXAMPLES = int(os.environ.get("KETADOC_FUZZ_EXAMPLES", "0"))
FAST_FORMATS = ("md", "jsonld", "html")
ALL_FORMATS = ("md", "jsonld", "html", "docx", "pdf")
SECONDS_PER_EXAMPLE = 60

PUNCTUATION = [
    "---",
    "...",
    "#",
    "## ",
    "### ",
    "#### ",
    "##### ",
    "> ",
    "> [!WARNING]",
    "> [!NOTE] Title",
    "- ",
    "  - ",
    "      - ",
    "1. ",
    "* ",
    "|",
    "| a | b |",
    "|---|---|",
    ": ",
    ":",
    "- {",
    "}",
    "[",
    "]",
    "[@",
    "[@glue2017]",
    "[@nope]",
    "](",
    "![",
    "![](x.png)",
    "{#faq}",
    "{#risks}",
    "{#",
    "*",
    "**",
    "`",
    "```",
    "\\",
    "~",
    "^",
    "~2~",
    "^2^",
    "[^1]",
    "[^1]: note",
    "<b>",
    "&amp;",
    "\t",
    "  ",
    "'",
    '"',
    "!!python/object",
    "&anchor",
    "*anchor",
    "? ",
    "%YAML 1.2",
    "Table: caption",
    "— Someone",
    "Term\n: definition",
    "\n",
    "\n\n",
]
CHARACTERS = [
    "\x00",
    "\x07",
    "\x1b",
    "\x0b",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ud7ff",
    "\U0001f600",
    "\r",
    "\x85",
]


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (width, height), (200, 100, 50)).save(stream, "PNG")
    return stream.getvalue()


GOOD_PNG = _png(4, 3)
FIGURE_BYTES = st.one_of(
    st.just(GOOD_PNG),
    st.binary(max_size=200),
    st.integers(0, len(GOOD_PNG) - 1).map(lambda n: GOOD_PNG[:n]),
    st.just(b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>'),
    st.just(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><svg>&a;</svg>'),
    st.just(GOOD_PNG[:8] + b"\x00" * 64),
)


class Case:
    """A broken article: shown in a failure report by its seed and mutations, not its text."""

    def __init__(
        self, seed: str, suffix: str, mutations: tuple[str, ...], figure: bytes | None, text: str
    ) -> None:
        self.seed, self.suffix, self.mutations = seed, suffix, mutations
        self.figure, self.text = figure, text

    def __repr__(self) -> str:
        figure = "no figure" if self.figure is None else f"figure {self.figure[:16]!r}..."
        return f"Case({self.seed}, {figure}, {'; '.join(self.mutations)})"


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str], log: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "punctuate",
                    "character",
                    "truncate",
                    "table",
                    "nest",
                ]
            )
        )
        log.append(f"{kind} at line {at + 1}")
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "punctuate":
            column = draw(st.integers(0, len(lines[at])))
            mark = draw(st.sampled_from(PUNCTUATION))
            log[-1] += f", column {column + 1}: {mark!r}"
            lines[at] = lines[at][:column] + mark + lines[at][column:]
        elif kind == "character":
            column = draw(st.integers(0, len(lines[at])))
            mark = draw(st.sampled_from(CHARACTERS))
            log[-1] += f", column {column + 1}: {mark!r}"
            lines[at] = lines[at][:column] + mark + lines[at][column:]
        elif kind == "truncate":
            lines = [*lines[:at], lines[at][: draw(st.integers(0, len(lines[at])))]]
        elif kind == "table":
            rows = draw(st.integers(50, 400))
            table = ["| a | b | c |", "|---|---|---|"] + [f"| {i} | x | y |" for i in range(rows)]
            lines[at:at] = ["", *table, ""]
        else:
            depth = draw(st.integers(4, 40))
            marker = draw(st.sampled_from(["- ", "> ", "1. "]))
            nested = [
                ("  " if marker != "> " else "") * level + marker + "deep" for level in range(depth)
            ]
            if marker == "> ":
                nested = ["> " * (level + 1) + "deep" for level in range(depth)]
            lines[at:at] = ["", *nested, ""]
    return lines


@st.composite
def broken_article(draw: st.DrawFn) -> Case:
    seed = draw(st.sampled_from(SEEDS))
    text = seed.read_text(encoding="utf-8")
    figure = None
    if seed.suffix == ".md" and draw(st.booleans()):
        figure = draw(FIGURE_BYTES)
        lines = text.splitlines()
        heading = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
        lines[heading + 1 : heading + 1] = [
            "",
            '![A chart of the results](figure.png "Results")',
            "",
        ]
        text = "\n".join(lines) + "\n"
    log: list[str] = []
    lines = draw(mutated_lines(text.splitlines(), log))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", ""]))
    return Case(seed.name, seed.suffix, tuple(log), figure, text)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"one example took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write_case(folder: Path, case: Case) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    source = folder / f"article{case.suffix}"
    source.write_text(case.text, encoding="utf-8")
    if case.figure is not None:
        (folder / "figure.png").write_bytes(case.figure)
    return source


def assert_located(problems: tuple[ketadoc.Diagnostic, ...], source: Path) -> None:
    assert problems
    for problem in problems:
        assert problem.file == str(source), problem
        assert problem.message, problem


def check_build(source: Path, out: Path, formats: tuple[str, ...]) -> None:
    try:
        ketadoc.load(source)
        valid = True
    except ketadoc.ContentError as exc:
        assert_located(exc.problems, source)
        valid = False
    (result,) = build_many([source], formats, out, jobs=1, force=True)
    assert result.internal_errors == (), result.internal_errors
    entries = list(out.iterdir()) if out.exists() else []
    assert not [p for p in entries if p.name.endswith(".part")]
    written = {p.name for p in entries if not p.name.startswith(".")}
    assert written == {p.name for p in result.outputs}
    if result.status == "failed":
        assert_located(result.problems, source)
        if not valid:
            assert result.outputs == ()
    else:
        assert valid
        assert len(result.outputs) == len(formats)
    for path in result.outputs:
        assert path.stat().st_size > 0


def fuzz_settings(ci_examples: int) -> settings:
    return settings(
        max_examples=EXAMPLES or ci_examples,
        deadline=None,  # time_limit stops a hang; a slow PDF is not a failure
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.mark.slow
@fuzz_settings(ci_examples=150)
@given(case=broken_article())
def test_broken_articles_validate_and_build_the_text_formats(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    source = write_case(folder / "src", case)
    with time_limit(SECONDS_PER_EXAMPLE):
        check_build(source, folder / "out", FAST_FORMATS)


@pytest.mark.slow
@fuzz_settings(ci_examples=6)
@given(case=broken_article())
def test_broken_articles_build_every_format(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    source = write_case(folder / "src", case)
    with time_limit(SECONDS_PER_EXAMPLE):
        check_build(source, folder / "out", ALL_FORMATS)
