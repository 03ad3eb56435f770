"""A short article that loads and validates, for tests of builds: its title, extra front
matter lines and body lines are the test's to choose."""

from __future__ import annotations

from pathlib import Path

ARTICLE = """\
---
title: {title}
description: How to sleep well.
language: en
date_published: 2024-01-15
{extra}---

Sleep matters for {title}.

## Habits

Go to bed when you feel sleepy.
{body}"""


def write_article(path: Path, title: str = "Sleep", extra: str = "", body: str = "") -> Path:
    """Write the article to ``path`` (making its folder) and return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, extra=extra, body=body), encoding="utf-8")
    return path
