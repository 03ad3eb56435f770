"""Ids and levels an article's parts get before validation: slugs, ``-2`` suffixes, depths."""

from __future__ import annotations

from typing import Any

from ketadoc.model.text import slugify

__all__ = ["RISKS_SECTION_ID", "assign_ids", "with_level"]

RISKS_SECTION_ID = "risks"
"""The id of the section that holds the side-effects table (``## Side effects {#risks}``)."""


def with_level(section: Any, level: int) -> Any:
    if not isinstance(section, dict):
        return section
    section = dict(section)
    section.setdefault("level", level)
    if isinstance(section.get("subsections"), list | tuple):
        section["subsections"] = [with_level(s, level + 1) for s in section["subsections"]]
    return section


def assign_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Give sections and FAQs without an ``id`` a unique slug of their heading or question.

    Explicit ids are kept as written (duplicates among them are reported by validation);
    a derived id that collides gets ``-2``, ``-3``... in document order.
    """
    used: set[str] = set()

    def explicit(sections: Any) -> None:
        for section in sections if isinstance(sections, list | tuple) else ():
            if isinstance(section, dict):
                if section.get("id"):
                    used.add(str(section["id"]))
                explicit(section.get("subsections"))

    def unique(text: Any, fallback: str) -> str:
        base = slugify(text) if isinstance(text, str) else ""
        base = base or fallback
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    def fill(sections: Any) -> Any:
        if not isinstance(sections, list | tuple):
            return sections
        filled = []
        for section in sections:
            if isinstance(section, dict):
                section = dict(section)
                if not section.get("id"):
                    section["id"] = unique(section.get("heading"), "section")
                section["subsections"] = fill(section.get("subsections", []))
            filled.append(section)
        return filled

    explicit(data.get("sections"))
    for faq in data.get("faqs") or ():
        if isinstance(faq, dict) and faq.get("id"):
            used.add(str(faq["id"]))
    data = dict(data)
    if "sections" in data:
        data["sections"] = fill(data["sections"])
    if isinstance(data.get("faqs"), list | tuple):
        faqs = []
        for faq in data["faqs"]:
            if isinstance(faq, dict) and not faq.get("id"):
                faq = {**faq, "id": unique(faq.get("question"), "question")}
            faqs.append(faq)
        data["faqs"] = faqs
    return data
