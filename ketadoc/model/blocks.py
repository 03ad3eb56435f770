"""Body blocks: a tagged union on ``type``.

paragraph, list (items nest to three levels), definition_list, table, figure, callout
(with an optional title) and quote (with an optional attribution).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from ketadoc.model.base import Frozen
from ketadoc.model.inline import InlineText
from ketadoc.model.text import NonEmptyText

__all__ = [
    "Block",
    "Callout",
    "CalloutKind",
    "DefinedTerm",
    "DefinitionList",
    "Figure",
    "ItemBlock",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Quote",
    "Table",
]

MAX_LIST_DEPTH = 3

CalloutKind = Literal["note", "tip", "important", "warning", "caution"]


class Paragraph(Frozen):
    """A paragraph of inline Markdown."""

    type: Literal["paragraph"] = "paragraph"
    text: InlineText

    @field_validator("text")
    @classmethod
    def _not_empty(cls, text: InlineText) -> InlineText:
        if not text:
            raise ValueError("must not be empty")
        return text


def _text_as_item(value: Any) -> Any:
    """An item written as a string is an item with that text and no further blocks."""
    return {"text": value} if isinstance(value, str) else value


class ListItem(Frozen):
    """A list item or a definition: a first paragraph of inline text, then, optionally,
    more paragraphs and nested lists. Written as a plain string when it is text only."""

    text: InlineText = Field(description="The item's first paragraph.")
    blocks: tuple[ItemBlock, ...] = Field(
        (), description="Further paragraphs and nested lists (three list levels at most)."
    )

    @field_validator("text")
    @classmethod
    def _not_empty(cls, text: InlineText) -> InlineText:
        if not text:
            raise ValueError("must not be empty")
        return text

    @model_serializer(mode="wrap")
    def _as_text_when_plain(self, handler: SerializerFunctionWrapHandler) -> Any:
        return handler(self) if self.blocks else self.text.source

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        reference = handler(schema)
        definition = handler.resolve_ref_schema(reference)
        as_object = dict(definition)
        definition.clear()
        definition["anyOf"] = [
            {"type": "string", "description": InlineText.json_schema_description},
            as_object,
        ]
        return reference


Item = Annotated[ListItem, BeforeValidator(_text_as_item)]


class ListBlock(Frozen):
    """A bullet (``ordered: false``) or numbered list; items may hold nested lists."""

    type: Literal["list"] = "list"
    ordered: bool = False
    start: int = Field(1, ge=0, description="First number of an ordered list.")
    items: tuple[Item, ...] = Field(min_length=1)

    def depth(self) -> int:
        """How many list levels this list holds: 1 without nested lists."""
        nested = [
            inner.depth()
            for item in self.items
            for inner in item.blocks
            if isinstance(inner, ListBlock)
        ]
        return 1 + max(nested, default=0)


class DefinedTerm(Frozen):
    """A term and its definitions (pandoc: a ``Term`` line, then ``: definition``)."""

    term: InlineText
    definitions: tuple[Item, ...] = Field(min_length=1)

    @field_validator("term")
    @classmethod
    def _not_empty(cls, term: InlineText) -> InlineText:
        if not term:
            raise ValueError("must not be empty")
        return term


class DefinitionList(Frozen):
    """Terms with their definitions: side effect and what to do, zone and what it means."""

    type: Literal["definition_list"] = "definition_list"
    items: tuple[DefinedTerm, ...] = Field(min_length=1)


class Table(Frozen):
    """A table with a required header row; every row has as many cells as the header."""

    type: Literal["table"] = "table"
    header: tuple[InlineText, ...] = Field(min_length=1, description="The header row.")
    rows: tuple[tuple[InlineText, ...], ...] = ()
    caption: InlineText | None = None

    @field_validator("header")
    @classmethod
    def _header_has_text(cls, header: tuple[InlineText, ...]) -> tuple[InlineText, ...]:
        if not any(header):
            raise ValueError("a table needs a header row with text, for screen readers")
        return header

    @model_validator(mode="after")
    def _rows_fit_header(self) -> Table:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(
                    f"row {index} has {len(row)} cells but the header has {len(self.header)}"
                )
        return self


class Figure(Frozen):
    """An image with required alt text. ``src`` is relative to the article's folder."""

    type: Literal["figure"] = "figure"
    src: NonEmptyText
    alt: NonEmptyText = Field(description="Alt text: what the image shows, for screen readers.")
    caption: InlineText | None = None


class Callout(Frozen):
    """A boxed note or warning holding other blocks (GitHub alert syntax in Markdown).

    ``title`` replaces the generic label of its kind ("Warning"): ``> [!WARNING] Allergy
    warning``.
    """

    type: Literal["callout"] = "callout"
    kind: CalloutKind = "note"
    title: NonEmptyText | None = Field(None, description="Replaces the kind's generic label.")
    blocks: tuple[Block, ...] = Field(min_length=1)


class Quote(Frozen):
    """A quotation (a ``>`` block quote without a callout marker), optionally attributed.

    In Markdown the attribution is the quote's last line, starting with an em dash:
    ``> — A patient with type 2 diabetes``.
    """

    type: Literal["quote"] = "quote"
    blocks: tuple[Block, ...] = Field(min_length=1)
    attribution: InlineText | None = Field(None, description="Who said it, without the dash.")


Block: TypeAlias = Annotated[
    Paragraph | ListBlock | DefinitionList | Table | Figure | Callout | Quote,
    Field(discriminator="type"),
]

ItemBlock: TypeAlias = Annotated[Paragraph | ListBlock, Field(discriminator="type")]
"""What a list item or a definition holds after its first paragraph."""

ListItem.model_rebuild()
ListBlock.model_rebuild()
DefinedTerm.model_rebuild()
DefinitionList.model_rebuild()
Callout.model_rebuild()
Quote.model_rebuild()
