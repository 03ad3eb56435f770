"""References in an AMA-like style, as styled pieces every rendered format can write.

``Glue P, Medlicott NJ, Harland S, et al. Title. J Psychopharmacol. 2017;31(10):1302-1305.
doi:10.1177/0269881117705089``
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from ketadoc.model.article import Article
from ketadoc.model.citation import Citation

__all__ = [
    "ReferencePiece",
    "cited_numbers",
    "numbered_references",
    "reference_pieces",
    "reference_text",
]

MAX_AUTHORS = 6  # AMA lists up to six authors, else three and "et al"


@dataclass(frozen=True, slots=True)
class ReferencePiece:
    """A run of reference text: plain, in italics (journal), or a link."""

    text: str
    style: Literal["plain", "italic", "link"] = "plain"
    href: str | None = None


def _authors(citation: Citation) -> str:
    names = [name.display for name in citation.author]
    if len(names) > MAX_AUTHORS:
        names = [*names[:3], "et al"]
    return ", ".join(names)


def reference_pieces(citation: Citation) -> tuple[ReferencePiece, ...]:
    """The reference for ``citation`` as styled pieces, in reading order."""
    pieces: list[ReferencePiece] = []
    authors = _authors(citation)
    if authors:
        pieces.append(ReferencePiece(f"{authors.rstrip('.')}. "))
    title = citation.title.rstrip(".")
    pieces.append(ReferencePiece(f"{title}. "))
    container = citation.container_title_short or citation.container_title
    if container:
        pieces.append(ReferencePiece(container.rstrip("."), "italic"))
        pieces.append(ReferencePiece(". "))
    elif citation.publisher:
        pieces.append(ReferencePiece(f"{citation.publisher.rstrip('.')}. "))
    year = citation.issued.year if citation.issued else None
    details = str(year) if year else ""
    if citation.volume:
        details += f";{citation.volume}"
        if citation.issue:
            details += f"({citation.issue})"
    if citation.page:
        details += f":{citation.page}"
    if details:
        pieces.append(ReferencePiece(f"{details}. "))
    if citation.DOI:
        pieces.append(ReferencePiece("doi:"))
        pieces.append(ReferencePiece(citation.DOI, "link", citation.doi_url))
    elif citation.URL:
        pieces.append(ReferencePiece(citation.URL, "link", citation.URL))
    if citation.PMID:
        pieces.append(ReferencePiece(f" PMID: {citation.PMID}."))
    elif citation.PMCID:
        pieces.append(ReferencePiece(f" PMCID: {citation.PMCID}."))
    return tuple(pieces)


def reference_text(citation: Citation) -> str:
    """The reference as plain text."""
    return "".join(piece.text for piece in reference_pieces(citation)).strip()


def numbered_references(article: Article) -> tuple[tuple[int, Citation], ...]:
    """References numbered in order of first citation (uncited ones last)."""
    return tuple(
        (number, article.citation(key))
        for number, key in enumerate(article.citation_order(), start=1)
    )


def cited_numbers(keys: Iterable[str], numbers: Mapping[str, int]) -> list[int]:
    """The distinct reference numbers of citation ``keys``, sorted; unknown keys are skipped."""
    return sorted({numbers[key] for key in keys if key in numbers})
