"""What a rendered file says about itself: title, authors, keywords, dates and the paper
it is printed on, the same in the PDF's info dictionary and the DOCX core properties.

Dates come from the article, else from ``SOURCE_DATE_EPOCH``, never from the clock: the
same article must give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Final, Literal

from ketadoc.errors import ExportError
from ketadoc.model.article import Article

__all__ = ["DocumentMetadata", "PageSize", "document_metadata", "page_size_for", "w3c_date"]

PageSize = Literal["Letter", "A4"]

# Regions where Letter paper is the norm; everywhere else prints on A4.
_LETTER_REGIONS: Final = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR"})


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """The metadata every rendered file carries."""

    title: str
    description: str | None
    language: str
    authors: tuple[str, ...]
    keywords: tuple[str, ...]
    """The names (and other names) of what the article is about, once each."""
    created: dt.datetime | None
    modified: dt.datetime | None
    page_size: PageSize
    """The paper of the article's region: Letter for ``en-US``, else A4."""
    url: str | None


def page_size_for(language: str) -> PageSize:
    """Letter where the region of the language tag prints on Letter (``en-US``), else A4."""
    parts = language.split("-")
    region = next((p.upper() for p in parts[1:] if len(p) == 2), "")
    return "Letter" if region in _LETTER_REGIONS else "A4"


def _source_date() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ExportError(f'SOURCE_DATE_EPOCH must be seconds since 1970, not "{raw}"') from None


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def w3c_date(moment: dt.datetime) -> str:
    """``moment`` in W3C date format: the day alone at midnight UTC (a date the article
    gave), else the time to the second in UTC."""
    moment = moment.astimezone(dt.UTC)
    if moment.time() == dt.time():
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def document_metadata(article: Article, page_size: PageSize | None = None) -> DocumentMetadata:
    """The metadata of ``article``; ``page_size`` overrides the one of its region.

    Raises ExportError for a malformed ``SOURCE_DATE_EPOCH``.
    """
    created = article.date_published
    modified = article.date_modified or article.last_reviewed or created
    fallback = _source_date()
    return DocumentMetadata(
        title=article.title,
        description=article.description,
        language=article.language,
        authors=tuple(author.name for author in article.authors),
        keywords=tuple(
            dict.fromkeys(
                name for entity in article.about for name in (entity.name, *entity.alternate_names)
            )
        ),
        created=_midnight(created) if created else fallback,
        modified=_midnight(modified) if modified else fallback,
        page_size=page_size or page_size_for(article.language),
        url=article.url,
    )
