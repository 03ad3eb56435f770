"""The md exporter is a lossless round trip of the model, for the example and for any
article hypothesis can build."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ketadoc

KEYS = ("smith2020", "lee-2019", "who:2021")
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZáéñ", min_size=1, max_size=8)
# Characters that start Markdown blocks when they begin a line, or that need escaping.
SYMBOL = st.sampled_from(["#", "-", "+", ">", "1.", "2)", "|", "=", "~", "&", "<", "!", "_", "*", "Table:", ":", "{", "}", "\\*"])  # fmt: skip
NOTES = ("n1", "side-effects", "2")
INLINE_TOKEN = st.one_of(
    WORD,
    WORD,
    SYMBOL,
    WORD.map(lambda w: f"*{w}*"),
    WORD.map(lambda w: f"**{w}**"),
    WORD.map(lambda w: f"`{w}`"),
    WORD.map(lambda w: f"[{w}](https://example.org/{w})"),
    st.sampled_from(KEYS).map(lambda k: f"[@{k}]"),
    WORD.map(lambda w: f"{w}~2~"),
    WORD.map(lambda w: f"{w}^2^"),
)
NOTE_REF = st.sampled_from(NOTES).map(lambda n: f"word[^{n}]")


@st.composite
def inline_text(draw: st.DrawFn, *, breaks: bool = True, notes: bool = True) -> str:
    token = st.one_of(INLINE_TOKEN, NOTE_REF) if notes else INLINE_TOKEN
    tokens = draw(st.lists(token, min_size=1, max_size=8))
    # two trailing spaces and a trailing backslash are hard line breaks
    spaces = [" ", " ", "\n", "  \n", "\\\n"] if breaks else [" ", " ", "\n"]
    separators = draw(st.lists(st.sampled_from(spaces), min_size=len(tokens)))
    text = "".join(t + s for t, s in zip(tokens, separators, strict=False)).strip()
    return text if any(c.isalpha() for c in text) else text + " word"


ONE_LINE = inline_text(breaks=False)


PLAIN = st.lists(st.one_of(WORD, WORD, st.sampled_from(["*", "#", "[x]", "{#y}", "&amp;", "`", "<b>", "\\"])), min_size=1, max_size=5).map(" ".join).filter(lambda s: any(c.isalpha() for c in s))  # fmt: skip


def paragraph() -> st.SearchStrategy[dict[str, Any]]:
    return inline_text().map(lambda t: {"type": "paragraph", "text": t})


def item(depth: int) -> st.SearchStrategy[Any]:
    """A list item or a definition: inline text, or text followed by paragraphs and lists."""
    if depth >= 3:
        return inline_text()
    inner = st.lists(st.one_of(paragraph(), list_block(depth + 1)), min_size=1, max_size=2)
    return st.one_of(
        inline_text(),
        st.builds(lambda text, blocks: {"text": text, "blocks": blocks}, inline_text(), inner),
    )


def list_block(depth: int = 1) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda ordered, start, items: {
            "type": "list",
            "ordered": ordered,
            "start": start if ordered else 1,
            "items": items,
        },
        st.booleans(),
        st.integers(0, 12),
        st.lists(item(depth), min_size=1, max_size=3),
    )


def definition_list() -> st.SearchStrategy[dict[str, Any]]:
    term = st.builds(
        lambda term, definitions: {"term": term, "definitions": definitions},
        ONE_LINE,
        st.lists(item(1), min_size=1, max_size=2),
    )
    return st.lists(term, min_size=1, max_size=3).map(
        lambda items: {"type": "definition_list", "items": items}
    )


def simple_block() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        paragraph(),
        list_block(),
        definition_list(),
        st.integers(1, 3).flatmap(
            lambda width: st.builds(
                lambda header, rows, caption: {
                    "type": "table",
                    "header": header,
                    "rows": rows,
                    **({"caption": caption} if caption else {}),
                },
                st.lists(WORD, min_size=width, max_size=width),
                st.lists(st.lists(ONE_LINE, min_size=width, max_size=width), max_size=3),
                st.none() | WORD,
            )
        ),
        st.builds(
            lambda src, alt, caption: {
                "type": "figure",
                "src": f"{src}.png",
                "alt": alt,
                **({"caption": caption} if caption else {}),
            },
            WORD,
            PLAIN,
            st.none() | ONE_LINE,
        ),
    )


def block() -> st.SearchStrategy[dict[str, Any]]:
    callout = st.builds(
        lambda kind, title, blocks: {
            "type": "callout",
            "kind": kind,
            "blocks": blocks,
            **({"title": title} if title else {}),
        },
        st.sampled_from(["note", "tip", "important", "warning", "caution"]),
        st.none() | PLAIN,
        st.lists(simple_block(), min_size=1, max_size=3).map(
            lambda b: b[:1] + [x for x in b[1:] if x["type"] != "definition_list"]
        ),
    )
    quote = st.builds(
        lambda blocks, attribution: {
            "type": "quote",
            "blocks": blocks,
            **({"attribution": attribution} if attribution else {}),
        },
        st.lists(simple_block(), min_size=1, max_size=2).map(
            lambda b: b[:1] + [x for x in b[1:] if x["type"] != "definition_list"]
        ),
        st.none() | ONE_LINE,
    )
    return st.one_of(simple_block(), simple_block(), callout, quote)


def blocks(max_size: int, min_size: int = 0) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Blocks in a row; two definition lists in a row would be one, so one gives way."""

    def apart(drawn: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        for block in drawn:
            if not (kept and kept[-1]["type"] == block["type"] == "definition_list"):
                kept.append(block)
        return kept

    return st.lists(block(), min_size=min_size, max_size=max_size).map(apart)


def section(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    subsections = st.lists(section(depth + 1), max_size=2) if depth < 4 else st.just([])
    return st.builds(
        lambda heading, blocks, subs: {"heading": heading, "blocks": blocks, "subsections": subs},
        PLAIN,
        blocks(max_size=3),
        subsections,
    )


@st.composite
def articles(draw: st.DrawFn) -> ketadoc.Article:
    questions = draw(
        st.lists(PLAIN, max_size=3, unique_by=lambda q: " ".join(q.casefold().split()))
    )
    data: dict[str, Any] = {
        "title": draw(PLAIN),
        "language": draw(st.sampled_from(["en", "en-US", "es"])),
        "key_points": draw(st.lists(inline_text(), max_size=3)),
        "warnings": draw(st.lists(inline_text(), max_size=2)),
        "lead": draw(blocks(max_size=2)),
        "sections": draw(st.lists(section(2), max_size=3)),
        "faqs": [
            {"question": q, "answer": draw(blocks(min_size=1, max_size=2))} for q in questions
        ],
        "risks": [
            {
                "name": draw(WORD),
                "severity": "mild",
                "action": "monitor",
                "citations": [KEYS[0]],
                "frequency": draw(st.sampled_from(["very_common", "rare", "not_known"])),
                **({"advice": advice} if (advice := draw(st.none() | ONE_LINE)) else {}),
            }
        ],
        "citations": [{"id": key, "title": f"Title {key}"} for key in KEYS],
        "last_reviewed": "2024-01-02",
        "next_review": "2026-01-02",
    }
    if questions and draw(st.booleans()):
        data["faq_title"] = draw(PLAIN)
    # every footnote referred to is defined, and every one defined is referred to
    used = sorted({n for n in NOTES if f"[^{n}]" in repr(data)})
    note_text = inline_text(notes=False)
    data["footnotes"] = [{"id": n, "text": draw(note_text)} for n in used]
    return ketadoc.Article.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_survives_the_markdown_round_trip(article: ketadoc.Article) -> None:
    written = ketadoc.export(article, "md").text
    again = ketadoc.loads(written, "md")
    assert again == article, written
    assert ketadoc.export(again, "md").text == written


def test_example_round_trip_through_files(example_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "example.md"
    shutil.copy(example_path, source)
    original = ketadoc.load(source)
    [written] = ketadoc.export_to(original, ["md"], tmp_path / "out")
    copy = source.with_name("copy.md")
    shutil.move(written, copy)
    assert ketadoc.load(copy).model_copy(update={"slug": original.slug}) == original
    assert len(original.faqs) == 8


def test_lists_in_a_row_stay_apart() -> None:
    # Markdown merges adjacent lists that share a marker; hypothesis found three in a row.
    lists = [{"type": "list", "items": [c]} for c in "abc"] + [
        {"type": "list", "ordered": True, "items": [c]} for c in "de"
    ]
    article = ketadoc.Article.model_validate({"title": "Lists", "lead": lists})
    written = ketadoc.export(article, "md").text
    assert "- a\n\n* b\n\n- c\n\n1. d\n\n1) e\n" in written
    assert ketadoc.loads(written) == article
