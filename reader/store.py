"""The in-memory store of parsed pages: articles, the merged News Feed, headline search.

One Store per app. Workers fill it from threads; readers get immutable snapshots
(tuples), so a list being drawn never changes under the painter. Subscribers hear
of every change after it is made, outside the lock.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from reader.model import Article, FeedItem, Page

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """The search form of text: accents removed, case folded (`Zürich` → `zurich`)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index in `text` it came from."""
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        out.append(folded)
        positions.extend([index] * len(folded))
    return "".join(out), positions


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` occur in `text`, as merged (start, end) spans of
    `text`, for highlighting a search hit."""
    terms = fold(query).split()
    if not terms:
        return []
    folded, positions = _fold_with_positions(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article whose headline matches a query; `spans` says where, for highlighting."""

    article: Article
    query: str

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Matched (start, end) spans of the headline, computed when first needed."""
        return match_spans(self.article.title, self.query)


@dataclass(frozen=True, slots=True)
class Change:
    """What one update did to the store, by source path."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def _moment(value: datetime | date) -> float:
    """Seconds since the epoch; naive times and bare dates are local time."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value.timestamp()


def _article_order(page: Page) -> tuple[int, float, str]:
    article = page.article
    if article is not None and article.published is not None:
        return (0, -_moment(article.published), page.source)
    return (1, -page.captured.timestamp(), page.source)


def _feed_order(item: FeedItem) -> tuple[int, float]:
    return (0, -_moment(item.time)) if item.time is not None else (1, 0.0)


class Store:
    """Pages keyed by source file; articles newest first; the merged News Feed."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._pages: dict[str, Page] = {}
        # Articles newest first with their folded headlines, built on demand.
        self._index: tuple[tuple[Article, ...], tuple[str, ...]] | None = None
        self._feed: tuple[FeedItem, ...] | None = None
        self._subscribers: list[Callable[[Change], None]] = []

    def __len__(self) -> int:
        return len(self._pages)

    def page(self, source: str) -> Page | None:
        """The page parsed from `source`, if the store holds it."""
        return self._pages.get(source)

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call `callback(change)` after every change; returns an unsubscribe function."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def put(self, page: Page) -> Change:
        """Add a page, or replace the one from the same source."""
        return self.put_many([page])

    def put_many(self, pages: Iterable[Page]) -> Change:
        """Add or replace several pages at once, with one notification."""
        added: list[str] = []
        updated: list[str] = []
        with self._lock:
            for page in pages:
                (updated if page.source in self._pages else added).append(page.source)
                self._pages[page.source] = page
            self._invalidate()
        return self._notify(Change(added=tuple(added), updated=tuple(updated)))

    def remove(self, source: str) -> Change:
        """Forget the page from `source` (nothing happens if it is unknown)."""
        with self._lock:
            if self._pages.pop(source, None) is None:
                return Change()
            self._invalidate()
        return self._notify(Change(removed=(source,)))

    def articles(self) -> tuple[Article, ...]:
        """All articles, newest first; undated ones last, newest capture first."""
        return self._article_index()[0]

    def _article_index(self) -> tuple[tuple[Article, ...], tuple[str, ...]]:
        with self._lock:
            if self._index is None:
                pages = sorted((p for p in self._pages.values() if p.article), key=_article_order)
                articles = tuple(p.article for p in pages if p.article is not None)
                self._index = (articles, tuple(fold(a.title) for a in articles))
            return self._index

    def feed(self) -> tuple[FeedItem, ...]:
        """Feed items of every page, newest first, each distinct item once."""
        with self._lock:
            if self._feed is None:
                unique: dict[tuple, FeedItem] = {}
                for page in self._pages.values():
                    for item in page.feed:
                        key = (item.time, fold(item.headline or ""), fold(item.summary or ""))
                        unique.setdefault(key, item)
                self._feed = tuple(sorted(unique.values(), key=_feed_order))
            return self._feed

    def search(self, query: str) -> list[SearchHit]:
        """Articles whose headline holds every word of `query` (case and accents
        ignored), in list order. An empty query matches everything."""
        terms = fold(query).split()
        articles, keys = self._article_index()
        if not terms:
            return [SearchHit(a, query) for a in articles]
        return [
            SearchHit(article, query)
            for article, key in zip(articles, keys)
            if all(term in key for term in terms)
        ]

    def search_feed(self, query: str) -> list[FeedItem]:
        """Feed items whose headline or summary holds every word of `query`."""
        terms = fold(query).split()
        items = self.feed()
        if not terms:
            return list(items)
        return [
            item for item in items
            if all(term in fold(f"{item.headline or ''} {item.summary or ''}") for term in terms)
        ]

    def _invalidate(self) -> None:
        self._index = None
        self._feed = None

    def _notify(self, change: Change) -> Change:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(change)
        return change
