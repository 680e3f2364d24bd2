"""Where a page stands in the article list, and a feed item in the News Feed:
worked out alike by the store, which sorts them, and by the parse cache, which
hands pages back in this order so that a start shows the top of the list first."""

from __future__ import annotations

from datetime import date, datetime, time

from reader.model import FeedItem, Page


def moment(value: datetime | date) -> float:
    """Seconds since the epoch; naive times and bare dates are local time."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value.timestamp()


# A page's place in the list: dated articles first, newest first, then by file. Last
# comes when the file was saved (negated), which never decides the order (the file
# does first) but picks which copy of an article is listed: the one saved last.
Order = tuple[int, float, str, float]


def article_order(page: Page) -> Order:
    article = page.article
    captured = -page.captured.timestamp()
    if article is not None and article.published is not None:
        return (0, -moment(article.published), page.source, captured)
    return (1, captured, page.source, captured)


def feed_order(item: FeedItem) -> tuple[int, float]:
    return (0, -moment(item.time)) if item.time is not None else (1, 0.0)
