"""Which authored parts each layout carries, so nothing an author wrote disappears from
an output without a word.

The handout rule (the ``handout`` front-matter field, DESIGN §5):

* ``handout: all`` prints every body section; a list of section ids prints those;
* absent, an article without summary fields (key points, warnings, risks, care advice,
  questions to ask) prints its whole body, and an article with them prints its
  summary and no body section;
* a printed section prints whole: its callouts (safety boxes included), lists, tables
  and figures; the lead prints with the body sections, after the description.

The web page, the print article and the Word document carry every part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from ketadoc.model.article import Article, Section

__all__ = [
    "LeftOut",
    "handout_sections",
    "has_summary",
    "left_out",
]

_SUMMARY_FIELDS: Final = ("key_points", "warnings", "risks", "care_advice", "questions_to_ask")


def has_summary(article: Article) -> bool:
    """Whether the article has any of the summary fields a handout is built from."""
    return any(getattr(article, name) for name in _SUMMARY_FIELDS)


def handout_sections(article: Article) -> tuple[Section, ...]:
    """The level-2 sections the handout prints, in the article's order."""
    chosen = article.handout
    if chosen == "all" or (chosen is None and not has_summary(article)):
        return article.sections
    if chosen is None:
        return ()
    return tuple(section for section in article.sections if section.id in chosen)


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
