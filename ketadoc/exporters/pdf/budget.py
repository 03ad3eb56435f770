"""What a PDF tells its author besides the bytes: a page budget exceeded, and the
authored parts a layout leaves out. Both are located diagnostics, never a silent cut:
text is not shrunk below its size and no part is dropped to make a budget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ketadoc.diagnostics import Diagnostic
from ketadoc.exporters.pdf.engine import RenderResult
from ketadoc.model.article import Article
from ketadoc.rendering.coverage import left_out
from ketadoc.rendering.outline import ANCHORS

__all__ = ["HANDOUT_PAGES", "coverage_line", "page_budget"]

HANDOUT_PAGES: Final = {"handout": 2}
"""The default page budget of each layout (``pdf.max_pages`` overrides it)."""

# How the budget warning names a part ketadoc adds, by the anchor on its heading.
_PART_NAMES: Final = {
    ANCHORS["key_points"]: "key points",
    ANCHORS["warnings"]: "warnings",
    ANCHORS["regulatory_status"]: "approval status",
    ANCHORS["about"]: "what this handout covers",
    ANCHORS["risks"]: "side effects",
    ANCHORS["care_advice"]: "when to get help",
    ANCHORS["questions_to_ask"]: "questions to ask",
    ANCHORS["faqs"]: "the FAQs",
    ANCHORS["review"]: "the review block",
    ANCHORS["disclaimer"]: "the disclaimer",
    ANCHORS["online"]: "the online address",
}


def _overflowing(article: Article, anchors: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(name, field) of each part or level-2 section whose heading lands in ``anchors``."""
    sections = {section.id: (index, section) for index, section in enumerate(article.sections)}
    for anchor in anchors:
        if anchor in sections:
            index, section = sections[anchor]
            yield f"'{section.heading}'", f"sections[{index}]"
        elif anchor in _PART_NAMES:
            yield _PART_NAMES[anchor], ""


def page_budget(
    article: Article, layout: str, result: RenderResult, budget: int | None
) -> tuple[Diagnostic, ...]:
    """A warning when ``result`` runs past ``budget`` pages, naming what lands beyond it."""
    if budget is None or result.pages <= budget:
        return ()
    beyond = tuple(a for page in result.page_anchors[budget:] for a in page)
    parts = list(dict.fromkeys(_overflowing(article, beyond)))
    names = ", ".join(name for name, _ in parts) or "the end of the last part"
    field = next((f for _, f in parts if f), "handout" if article.handout is not None else "")
    return (
        Diagnostic(
            f"the {layout} is {result.pages} pages, over its budget of {budget}"
            f" (pdf.max_pages); beyond page {budget}: {names}. Mark fewer sections for"
            " print (the handout field), shorten them, or raise pdf.max_pages",
            field=field,
            level="warning",
        ),
    )


def coverage_line(article: Article, layout: str) -> tuple[Diagnostic, ...]:
    """One line naming the authored parts ``layout`` leaves out, if any."""
    missing = left_out(article, layout)
    if not missing:
        return ()
    return (
        Diagnostic(
            f"{layout} leaves out: " + "; ".join(str(part) for part in missing),
            field=missing[0].field,
            level="info",
        ),
    )
