"""Which authored parts each layout carries, so nothing an author wrote disappears from
an output without a word.

The handout prints the body sections :func:`ketadoc.model.handout.handout_sections`
chooses (the ``handout`` field, DESIGN §5), each whole: its callouts (safety boxes
included), lists, tables and figures; the lead prints with the body sections, after
the description. The web page, the print article and the Word document carry every
part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ketadoc.model.handout import handout_sections, has_summary

if TYPE_CHECKING:
    from ketadoc.model.article import Article

__all__ = [
    "LeftOut",
    "handout_sections",
    "has_summary",
    "left_out",
]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Authored parts a layout does not carry, and why, for one line of the report."""

    what: str
    """``sections 'Background', 'History'``."""
    why: str
    """``not marked for print``."""
    field: str = ""
    """The field path of the first part left out, to locate the line in the source."""

    def __str__(self) -> str:
        return f"{self.what} ({self.why})"


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _handout_left_out(article: Article) -> Iterator[LeftOut]:
    printed = {section.id for section in handout_sections(article)}
    skipped = [(i, s) for i, s in enumerate(article.sections) if s.id not in printed]
    if skipped:
        noun = "section" if len(skipped) == 1 else "sections"
        yield LeftOut(
            f"{noun} {_quoted([s.heading for _, s in skipped])}",
            "not marked for print: list them in the handout field",
            f"sections[{skipped[0][0]}]",
        )
    if article.lead and article.description and not printed:
        yield LeftOut("the lead", "the description stands in for it", "lead[0]")
    if article.citations:
        yield LeftOut("the reference list", "a handout has no room for it", "citations")


def left_out(article: Article, layout: str) -> tuple[LeftOut, ...]:
    """The authored parts ``layout`` leaves out of ``article`` (``handout``; every other
    layout carries everything and gives an empty tuple)."""
    if layout != "handout":
        return ()
    return tuple(_handout_left_out(article))
