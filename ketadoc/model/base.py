"""The base every model class shares: frozen, closed, tuples."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Frozen"]


class Frozen(BaseModel):
    """Immutable and closed: unknown keys are errors, so a misspelling never passes silently."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        use_enum_values=True,
        validate_default=False,
    )
