"""Which body sections the patient handout prints: the ``handout`` field's rule (DESIGN §5).

* ``handout: all`` prints every body section; a list of section ids prints those;
* absent, an article without summary fields (key points, warnings, risks, care advice,
  questions to ask) prints its whole body, and an article with them prints its
  summary and no body section.

The rule lives with the model so that the renderers (what the handout prints) and the
checks (what it would leave out) read the same one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from ketadoc.model.article import Article, Section

__all__ = ["SUMMARY_FIELDS", "handout_sections", "has_summary"]

SUMMARY_FIELDS: Final = ("key_points", "warnings", "risks", "care_advice", "questions_to_ask")
"""The front-matter fields a handout is built from."""


def has_summary(article: Article) -> bool:
    """Whether the article has any of the summary fields a handout is built from."""
    return any(getattr(article, name) for name in SUMMARY_FIELDS)


def handout_sections(article: Article) -> tuple[Section, ...]:
    """The level-2 sections the handout prints, in the article's order."""
    chosen = article.handout
    if chosen == "all" or (chosen is None and not has_summary(article)):
        return article.sections
    if chosen is None:
        return ()
    return tuple(section for section in article.sections if section.id in chosen)
