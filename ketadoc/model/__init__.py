"""The article model: frozen, closed Pydantic classes; the single source of truth."""

from ketadoc.model.article import (
    Article,
    Audience,
    CareAdvice,
    CareLevel,
    Entity,
    Faq,
    Organization,
    Person,
    Risk,
    Section,
)
from ketadoc.model.blocks import Block, Callout, CalloutKind, Figure, ListBlock, Paragraph, Table
from ketadoc.model.citation import Citation, CslDate, CslName
from ketadoc.model.inline import (
    Cite,
    Code,
    Emphasis,
    Inline,
    InlineText,
    LineBreak,
    Link,
    Strong,
    Text,
)

__all__ = [
    "Article",
    "Audience",
    "Block",
    "Callout",
    "CalloutKind",
    "CareAdvice",
    "CareLevel",
    "Citation",
    "Cite",
    "Code",
    "CslDate",
    "CslName",
    "Emphasis",
    "Entity",
    "Faq",
    "Figure",
    "Inline",
    "InlineText",
    "LineBreak",
    "Link",
    "ListBlock",
    "Organization",
    "Paragraph",
    "Person",
    "Risk",
    "Section",
    "Strong",
    "Table",
    "Text",
]
