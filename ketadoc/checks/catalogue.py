"""The built-in checks: importing this module registers every one of them."""

from ketadoc.checks import accessibility, markup, pemat, reading, review

__all__ = ["accessibility", "markup", "pemat", "reading", "review"]
