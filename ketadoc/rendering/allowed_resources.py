"""The ``allowed_resources`` option every format shares, apart from the resource policy
that applies it, so parsing a format's options imports nothing else."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["AllowedResources"]


def _comma_separated(value: Any) -> Any:
    if isinstance(value, str):  # from the command line: -O pdf.allowed_resources=a,b
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


AllowedResources = Annotated[tuple[str, ...], BeforeValidator(_comma_separated)]
"""The ``allowed_resources`` option of every format: URL prefixes or folders figures may
also load from (a comma-separated string on the command line)."""
