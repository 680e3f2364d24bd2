"""The reader's data model: what a parsed page holds.

Plain frozen dataclasses, so pages can cross threads and processes safely and be
compared field by field in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


class ParseError(Exception):
    """A file that cannot be turned into a page; the message names the file."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a page's News Feed block."""

    time: datetime | None
    headline: str | None
    summary: str | None

    @property
    def label(self) -> str:
        """What to show for the item in one line: its headline, or its summary."""
        return self.headline or self.summary or ""


@dataclass(frozen=True, slots=True)
class Article:
    """The article of a page, with the chrome around it removed."""

    title: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    read_minutes: int | None = None
    category: str | None = None
    body: tuple[str, ...] = ()
    source: str = ""
    url: str | None = None  # the page's address on the web, as the page states it
    site: str | None = None  # the site's name, as an HTML page's metadata gives it


@dataclass(frozen=True, slots=True)
class Page:
    """Everything parsed from one saved page file."""

    source: str
    captured: datetime
    article: Article | None
    feed: tuple[FeedItem, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def iso(value: datetime | date | None) -> str | None:
    """ISO 8601 text for a datetime or date, None for None."""
    return None if value is None else value.isoformat()


def page_to_json(page: Page) -> dict[str, object]:
    """The `reader parse --json` object for one page."""
    article = page.article
    return {
        "source": page.source,
        "title": article.title if article else None,
        "subtitle": article.subtitle if article else None,
        "authors": list(article.authors) if article else [],
        "published": iso(article.published) if article else None,
        "read_minutes": article.read_minutes if article else None,
        "category": article.category if article else None,
        "body": list(article.body) if article else [],
        "url": article.url if article else None,
        "site": article.site if article else None,
        "feed": [
            {"time": iso(item.time), "headline": item.headline, "summary": item.summary} for item in page.feed
        ],
        "warnings": list(page.warnings),
    }
