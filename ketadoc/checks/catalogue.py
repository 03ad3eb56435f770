"""The built-in checks: importing this module registers every one of them."""

from ketadoc.checks import (
    accessibility,
    actionability,
    coverage,
    markup,
    pemat,
    reading,
    review,
    understandability,
)

__all__ = [
    "accessibility",
    "actionability",
    "coverage",
    "markup",
    "pemat",
    "reading",
    "review",
    "understandability",
]
