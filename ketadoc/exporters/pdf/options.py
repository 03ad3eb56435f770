"""Options of the pdf exporter: layout, page size, PDF/UA, theme and resource allow-list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from ketadoc.exporters.base import ExporterOptions
from ketadoc.rendering.allowed_resources import AllowedResources

__all__ = ["PdfOptions"]


def _case_insensitive(allowed: tuple[str, ...]) -> BeforeValidator:
    names = {name.casefold(): name for name in allowed}
    return BeforeValidator(lambda v: names.get(v.casefold(), v) if isinstance(v, str) else v)


class PdfOptions(ExporterOptions):
    """Options of the pdf exporter (CLI: ``--layout``, ``-O pdf.NAME=VALUE``)."""

    layout: Annotated[Literal["handout", "article"], _case_insensitive(("handout", "article"))] = (
        "handout"
    )
    page_size: Annotated[Literal["Letter", "A4"] | None, _case_insensitive(("Letter", "A4"))] = (
        Field(None, description="Default: Letter for US (and nearby) English/Spanish, else A4.")
    )
    pdf_ua: bool = Field(True, description="Write a tagged PDF/UA-1 file.")
    template_dir: Path | None = Field(None, description="Searched before the built-in templates.")
    accent_color: str | None = Field(None, description="#rrggbb, dark enough for white text.")
    organization_name: str | None = Field(None, description="Shown in the header band.")
    logo: Path | None = Field(None, description="A local image file shown in the header band.")
    allowed_resources: AllowedResources = Field(
        (), description="URL prefixes or folders figures may also load from."
    )
    labels_file: Path | None = Field(None, description="YAML/JSON labels that override ours.")
    max_pages: int | None = Field(
        None,
        ge=1,
        description="Page budget: a warning (an error under --strict) when the PDF is"
        " longer. Default: 2 for the handout, none for the article.",
    )

    @field_validator("accent_color")
    @classmethod
    def _readable_accent(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from ketadoc.exporters.pdf.theme import check_accent

        return check_accent(value)
