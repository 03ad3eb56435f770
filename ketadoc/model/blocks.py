"""Body blocks: a tagged union on ``type`` (paragraph, list, table, figure, callout)."""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias

from pydantic import Field, field_validator, model_validator

from ketadoc.model.base import Frozen
from ketadoc.model.inline import InlineText
from ketadoc.model.text import NonEmptyText

__all__ = ["Block", "Callout", "CalloutKind", "Figure", "ListBlock", "Paragraph", "Table"]

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


class ListBlock(Frozen):
    """A bullet (``ordered: false``) or numbered list of inline-text items."""

    type: Literal["list"] = "list"
    ordered: bool = False
    start: int = Field(1, ge=0, description="First number of an ordered list.")
    items: tuple[InlineText, ...] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _items_not_empty(cls, items: tuple[InlineText, ...]) -> tuple[InlineText, ...]:
        for index, item in enumerate(items):
            if not item:
                raise ValueError(f"item {index} is empty")
        return items


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
    """A boxed note or warning holding other blocks (GitHub alert syntax in Markdown)."""

    type: Literal["callout"] = "callout"
    kind: CalloutKind = "note"
    blocks: tuple[Block, ...] = Field(min_length=1)


Block: TypeAlias = Annotated[
    Paragraph | ListBlock | Table | Figure | Callout, Field(discriminator="type")
]

Callout.model_rebuild()
