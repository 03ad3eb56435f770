"""What readers produce: plain data, plus where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ketadoc.diagnostics import Loc

__all__ = ["Loc", "Position", "SourceDocument"]

Position = tuple[int, int]  # 1-based line and column


@dataclass
class SourceDocument:
    """Plain data read from one source, and a map from field paths to positions.

    ``values`` maps a path such as ``("faqs", 2, "answer")`` to where that value starts;
    ``keys`` maps the path of a mapping entry to where its key is written, so an unknown
    key can be pointed at exactly.
    """

    data: dict[str, Any]
    file: str = "<string>"
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of ``loc``, or of its nearest located ancestor."""
        if key and loc in self.keys:
            return self.keys[loc]
        for end in range(len(loc), -1, -1):
            here = loc[:end]
            if here in self.values:
                return self.values[here]
            if here in self.keys:
                return self.keys[here]
        return (1, 1)
