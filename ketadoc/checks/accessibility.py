"""Accessibility preflight (KD5xx): what a PDF/UA or WCAG claim cannot vouch for by itself.

WeasyPrint writes a PDF/UA conformance claim whatever the content, so the content is
checked here: alt text that describes, link text that makes sense out of context, a
heading outline without gaps, tables with headers, and a declared language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ketadoc.checks.framework import CheckContext, Hit, article_check
from ketadoc.checks.prose import located_blocks, located_texts
from ketadoc.diagnostics import Loc
from ketadoc.model import Article, Figure, Link, Table, Text
from ketadoc.model.inline import plain_text

__all__: list[str] = []

_GENERIC_ALT = frozenset(
    {
        "image",
        "picture",
        "photo",
        "photograph",
        "graphic",
        "figure",
        "img",
        "icon",
        "logo",
        "chart",
        "diagram",
        "screenshot",
        "illustration",
        "alt",
        "alt text",
        "placeholder",
        "untitled",
        "imagen",
        "foto",
        "fotografía",
        "figura",
        "gráfico",
        "ilustración",
    }
)
_NUMBERED_IMAGE = re.compile(r"(?:image|picture|photo|figure|img|imagen|foto|figura)[\s_-]*\d*")
_FILE_NAME = re.compile(r"\S+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif|heic)", re.IGNORECASE)


def _alt_problem(figure: Figure) -> str | None:
    alt = " ".join(figure.alt.split())
    folded = alt.casefold().strip(" .")
    path = PurePosixPath(figure.src)
    if not alt:
        return "is empty"
    if folded in _GENERIC_ALT or _NUMBERED_IMAGE.fullmatch(folded):
        return f'"{alt}" says only that there is an image'
    if _FILE_NAME.fullmatch(alt) or folded in (path.name.casefold(), path.stem.casefold()):
        return f'"{alt}" is a file name'
    return None


@article_check(
    "KD501",
    "accessibility",
    "error",
    "alt-text",
    'Alt text is empty, a file name, or only says "image".',
)
def alt_text(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, block in located_blocks(article):
        if isinstance(block, Figure):
            problem = _alt_problem(block)
            if problem is not None:
                yield Hit(
                    (*loc, "alt"),
                    f"alt text {problem}: describe what the image shows and why it matters,"
                    " in a sentence",
                )


# Link texts that say nothing out of context: screen-reader users list links on their own.
# fmt: off
_VAGUE_LINK_TEXT = frozenset({
    "click here", "click", "here", "link", "this link", "more", "read more", "learn more",
    "more info", "more information", "this", "this page", "page", "website",
    "this website", "details", "go", "see here", "find out more",
    "aquí", "aqui", "haga clic aquí", "haz clic aquí", "clic aquí", "pulse aquí",
    "pinche aquí", "enlace", "este enlace", "más", "leer más", "más información",
    "ver más", "saber más", "esta página", "página", "detalles",
})
# fmt: on
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def _link_text(link: Link) -> str:
    return plain_text(link.children)


@article_check(
    "KD502",
    "accessibility",
    "error",
    "link-text",
    'A link\'s text ("click here", "here", "aquí") says nothing about where it goes.',
)
def link_text(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    # An error, not a warning: WCAG 2.4.4 (level A) asks that a link's purpose be clear,
    # and a PDF/UA file is rendered only when it holds, so the check and the build agree.
    for loc, text in located_texts(article):
        for node in text.walk():
            if isinstance(node, Link):
                label = _link_text(node)
                folded = re.sub(r"[\s.:!…]+$", "", label.casefold()).strip()
                if not folded:
                    yield Hit(loc, f"a link to {node.href} has no text: say where it goes")
                elif folded in _VAGUE_LINK_TEXT:
                    yield Hit(
                        loc,
                        f'link text "{label}" ({node.href}) does not say where it goes: use'
                        ' words that make sense on their own, e.g. "the FDA label for Spravato"',
                    )


@article_check(
    "KD507",
    "accessibility",
    "warning",
    "bare-url",
    "A web address is the link text, or stands in the text, instead of a named link.",
)
def bare_url(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, text in located_texts(article):
        for node in text.walk():
            if isinstance(node, Link):
                label = _link_text(node)
                if _BARE_URL.fullmatch(label.strip()):
                    yield Hit(
                        loc,
                        f"link text is the address itself ({label}): screen readers spell it"
                        " out; use the name of the page as the link text",
                    )
            elif isinstance(node, Text):
                url = _BARE_URL.search(node.text)
                if url is not None:
                    yield Hit(
                        loc,
                        f"bare URL {url.group(0)} in the text: make it a link with descriptive"
                        " text, [name of the page](URL)",
                    )


@article_check(
    "KD503",
    "accessibility",
    "error",
    "heading-order",
    "A heading level is skipped (e.g. a level-4 heading directly under a level-2 one).",
)
def heading_order(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    # Validation refuses skipped levels in files; a model assembled in Python with
    # model_construct can still carry them, and a PDF outline would then have gaps.
    for loc, section, parents in ctx.sections:
        expected = 2 + len(parents)
        if section.level != expected:
            yield Hit(
                loc,
                f'"{section.heading}" is a level-{section.level} heading where level'
                f" {expected} is expected: do not skip heading levels",
            )


@article_check(
    "KD504",
    "accessibility",
    "error",
    "table-header",
    "A table's header row has an empty cell, so a column has no name for screen readers.",
)
def table_header(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    for loc, block in located_blocks(article):
        if isinstance(block, Table):
            empty = [index + 1 for index, cell in enumerate(block.header) if not cell.plain]
            if empty:
                columns = ", ".join(str(n) for n in empty)
                yield Hit(
                    (*loc, "header", empty[0] - 1),
                    f"header cell of column {columns} is empty: name every column so screen"
                    " readers can announce it",
                )


@article_check(
    "KD505",
    "accessibility",
    "warning",
    "language-not-set",
    "The article does not declare its language (it defaults to en).",
)
def language_not_set(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    # Only a source tells whether the author wrote the language or the default filled it in.
    if ctx.document is not None and "language" not in ctx.document.data:
        yield Hit(
            ("title",),
            "set language (e.g. language: en-US): screen readers pick their voice from it,"
            " and PDF, HTML and JSON-LD declare it",
        )


@article_check(
    "KD506",
    "accessibility",
    "warning",
    "duplicate-heading",
    "Two sibling sections share a heading, so navigating by headings cannot tell them apart.",
)
def duplicate_heading(article: Article, ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[tuple[Loc, str], str] = {}
    for loc, section, _ in ctx.sections:
        key = (loc[:-1], " ".join(section.heading.casefold().split()))
        if key in seen:
            yield Hit(
                (*loc, "heading"),
                f'"{section.heading}" repeats the heading of a sibling section: make each'
                " heading say what is different",
            )
        seen.setdefault(key, section.heading)
