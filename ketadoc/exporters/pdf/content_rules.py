"""Accessibility rules checked before a PDF is rendered.

WeasyPrint writes the PDF/UA-1 claim whatever the content is, so a figure without a
useful description or a link that says only "click here" would ship in a file that
claims to be accessible. The model already guarantees alt text, header rows and
unskipped heading levels exist; these rules catch what is present but useless, and
figure sources the URL fetcher would refuse, naming the field so the author can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ketadoc.errors import ExportError, FetchError
from ketadoc.model.article import Article
from ketadoc.model.blocks import Figure, Table
from ketadoc.model.inline import InlineText, Link, plain_text
from ketadoc.model.walk import display_path, located_blocks, located_texts
from ketadoc.rendering.resources import ResourcePolicy

__all__ = ["check_content"]

Loc = tuple[str | int, ...]

# Link texts that say nothing out of context; screen-reader users list links on their own.
_VAGUE_LINK_TEXT = frozenset(
    {
        "click here", "here", "link", "this link", "more", "read more", "learn more",
        "this", "this page", "go", "details", "website", "click",
        "aquí", "aqui", "haga clic aquí", "haz clic aquí", "clic aquí", "enlace",
        "este enlace", "más", "leer más", "más información", "ver más",
    }
)  # fmt: skip
_VAGUE_ALT = frozenset(
    {"image", "picture", "photo", "figure", "graphic", "img", "imagen", "foto", "figura"}
)


_FIGURE_PROBLEM = re.compile(r"[^:]*\.src: figure ")


def _problems(article: Article, policy: ResourcePolicy) -> Iterator[str]:
    for loc, block in located_blocks(article):
        if isinstance(block, Figure):
            alt = " ".join(block.alt.split())
            name = PurePosixPath(urlsplit(block.src).path).name
            if alt.casefold() in _VAGUE_ALT or alt.casefold() in (name.casefold(), block.src):
                yield (
                    f'{display_path((*loc, "alt"))}: "{alt}" does not describe the image; say what'
                    " it shows (a reader who cannot see it relies on this text)"
                )
            try:
                policy.check_figure(block.src, article.base_dir)
            except FetchError as exc:
                yield f"{display_path((*loc, 'src'))}: {exc}"
        elif isinstance(block, Table):
            for column, cell in enumerate(block.header):
                if not cell:
                    yield (
                        f"{display_path((*loc, 'header', column))}: the header cell of column"
                        f" {column + 1} is empty; name the column for screen readers"
                    )
    for loc_text, text in _located_texts(article):
        for node in text.walk():
            if isinstance(node, Link):
                words = plain_text(node.children)
                folded = re.sub(r"[\s.:!…]+$", "", words.casefold()).strip()
                if not folded:
                    yield f"{loc_text}: a link to {node.href} has no text; say where it goes"
                elif folded in _VAGUE_LINK_TEXT:
                    yield (
                        f'{loc_text}: the link text "{words}" ({node.href}) does not say where'
                        " it goes; use words that make sense on their own"
                    )


def _located_texts(article: Article) -> Iterator[tuple[str, InlineText]]:
    for loc, text in located_texts(article):
        yield display_path(loc), text


def check_content(article: Article, policy: ResourcePolicy) -> None:
    """Raise ExportError listing every accessibility problem (or FetchError when the only
    problems are figure sources that would be refused); return None when all is well."""
    problems = list(dict.fromkeys(_problems(article, policy)))
    if not problems:
        return
    listing = "\n  ".join(problems)
    if all(_FIGURE_PROBLEM.match(p) for p in problems):
        raise FetchError(f"pdf: a figure cannot be loaded:\n  {listing}")
    raise ExportError(
        "pdf: fix these before printing; a PDF/UA file must not claim accessibility it"
        f" lacks:\n  {listing}"
    )
