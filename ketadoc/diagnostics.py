"""One located diagnostic for everything ketadoc reports about an article.

A validation problem, a check finding and an exporter warning are the same thing to the
person who has to fix it: a level, where it is (file, line, column and the field path in
the model), optionally the id of the check that found it, and what to change::

    article.md:14:3: error: faqs[2].answer: must not be empty
    article.md:22:1: warning: KD502: sections[0].blocks[1].text: link text "here" ...

Field paths are written as error messages name fields (``faqs[2].answer``); in code they
are tuples (``("faqs", 2, "answer")``), and :func:`display_path` / :func:`parse_path`
turn one into the other.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = [
    "LEVELS",
    "Diagnostic",
    "Level",
    "Loc",
    "Locator",
    "display_path",
    "parse_path",
]

Loc = tuple[str | int, ...]
"""A path in the model, e.g. ``("sections", 2, "blocks", 0, "text")``."""

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


def display_path(loc: Loc) -> str:
    """``("faqs", 2, "answer")`` -> ``faqs[2].answer``, as messages name a field."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(field: str) -> Loc:
    """``faqs[2].answer`` -> ``("faqs", 2, "answer")``: the inverse of :func:`display_path`."""
    return tuple(
        int(index) if index else name for index, name in _PATH_PART.findall(field) if index or name
    )


class Locator(Protocol):
    """What can say where a model path was written (a reader's SourceDocument)."""

    file: str

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]: ...


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located message: ``file:line:col: level: id: field: message``.

    ``check_id`` (``KD502``) and ``category`` are set for check findings; ``line`` and
    ``column`` are None until the diagnostic is located in a source (see :meth:`locate`).
    """

    message: str
    field: str = ""
    file: str = "<string>"
    line: int | None = None
    column: int | None = None
    level: Level = "error"
    check_id: str = ""
    category: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        elif not self.file.startswith("<"):
            # A message about a whole file points at its start, so editors and CI
            # annotations that parse file:line:col can still jump to it.
            where += ":1:1"
        check = f"{self.check_id}: " if self.check_id else ""
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {self.level}: {check}{subject}{self.message}"

    @property
    def severity(self) -> Level:
        """The level, under the name validation problems used before."""
        return self.level

    @property
    def loc(self) -> Loc:
        """The field path as a tuple."""
        return parse_path(self.field)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Source order: file, line, column, then check id and field."""
        return (self.file, self.line or 0, self.column or 0, self.check_id, self.field)

    def locate(self, source: Locator | None = None, *, file: str | None = None) -> Diagnostic:
        """This diagnostic with the source's file and the position of its field.

        A diagnostic that already has a line keeps it; ``file`` names the file when
        there is no source document (an exporter warning about a file loaded plainly).
        """
        changes: dict[str, object] = {}
        if source is not None:
            changes["file"] = source.file
            if self.line is None:
                changes["line"], changes["column"] = source.position(self.loc)
        elif file is not None and self.file == "<string>":
            changes["file"] = file
        return dataclasses.replace(self, **changes) if changes else self  # type: ignore[arg-type]
