"""The in-memory store of parsed pages: articles, the merged News Feed, headline search.

One Store per app. Workers fill it from threads; readers get immutable snapshots
(tuples), so a list being drawn never changes under the painter. Subscribers hear
of every change after it is made, outside the lock.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import contains
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Generic, TypeVar

from reader.model import Article, FeedItem, Page

T = TypeVar("T")
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
class SearchResult:
    """The articles whose headline matches a query, in list order.

    Where each headline matched is worked out only for the rows drawn
    (`spans`), so a query matching 100k headlines costs no more than the list.
    """

    query: str
    articles: Sequence[Article]

    def spans(self, article: Article) -> list[tuple[int, int]]:
        """Matched (start, end) spans of the article's headline, for highlighting."""
        return match_spans(article.title, self.query)


class SearchCancelled(Exception):
    """A search given up because a newer one made it pointless."""


class _SearchIndex(Generic[T]):
    """Items with their folded search keys, and the rows of recent searches.

    A query that refines a recent one (`cou` after `co`, `council b` after
    `council`) is looked for only among that one's matches. Keys are scanned in
    chunks, so a thread searching lets the event loop run between them and can
    stop as soon as the user has typed on.
    """

    def __init__(self, items: tuple[T, ...], keys: tuple[str, ...]) -> None:
        self.items = items
        self.keys = keys
        self._recent: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()
        self._lock = threading.Lock()

    def search(self, terms: tuple[str, ...], cancelled: Callable[[], bool] = lambda: False) -> list[T]:
        """The items whose key holds every term, in order."""
        with self._lock:
            rows = self._recent.get(terms)
            if rows is not None:
                self._recent.move_to_end(terms)
            candidates = self._narrowest(terms) if rows is None else None
        if rows is None:
            rows = self._rows(terms, candidates, cancelled)
            with self._lock:
                self._recent[terms] = rows
                if len(self._recent) > _SEARCH_MEMORY:
                    self._recent.popitem(last=False)
        items = self.items
        return [items[i] for i in rows]

    def _narrowest(self, terms: tuple[str, ...]) -> list[int] | None:
        best: list[int] | None = None
        for old_terms, rows in self._recent.items():
            refines = all(any(old in new for new in terms) for old in old_terms)
            if refines and (best is None or len(rows) < len(best)):
                best = rows
        return best

    def _rows(self, terms: tuple[str, ...], candidates: list[int] | None, cancelled: Callable[[], bool]) -> list[int]:
        keys = self.keys
        rows = candidates
        for term in terms:
            found: list[int] = []
            if rows is None:
                for start in range(0, len(keys), _SEARCH_CHUNK):
                    chunk = keys[start : start + _SEARCH_CHUNK]
                    found.extend(compress(range(start, start + len(chunk)), map(contains, chunk, repeat(term))))
                    if cancelled():
                        raise SearchCancelled
            else:
                for start in range(0, len(rows), _SEARCH_CHUNK):
                    found.extend([i for i in rows[start : start + _SEARCH_CHUNK] if term in keys[i]])
                    if cancelled():
                        raise SearchCancelled
            rows = found
        return rows or []


@dataclass(frozen=True, slots=True)
class Change:
    """What one update did to the store, by source path."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


_SEARCH_MEMORY = 32
_SEARCH_CHUNK = 16_384


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


@dataclass(frozen=True, slots=True)
class _PageKeys:
    """What sorting and searching need of a page, worked out once when it is added."""

    order: tuple[int, float, str]
    title: str | None
    feed: tuple[tuple[tuple, tuple[int, float], str], ...]  # (dedupe key, order, search key) per item

    @classmethod
    def of(cls, page: Page) -> _PageKeys:
        feed = []
        for item in page.feed:
            headline, summary = fold(item.headline or ""), fold(item.summary or "")
            feed.append(((item.time, headline, summary), _feed_order(item), f"{headline} {summary}"))
        return cls(_article_order(page), fold(page.article.title) if page.article else None, tuple(feed))


@dataclass(frozen=True, slots=True)
class StoreView:
    """The store's sorted contents at one moment: articles newest first with their
    search keys, headlines to articles, and the merged feed. Immutable, so a reader
    can hold it while the store changes."""

    articles: _SearchIndex[Article]
    titles: dict[str, Article]
    feed: _SearchIndex[FeedItem]

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case and accents ignored)."""
        return self.titles.get(fold(headline))


class Store:
    """Pages keyed by source file; articles newest first; the merged News Feed.

    Safe to fill from a worker thread while the UI reads. Changes mark the sorted
    view stale; `articles()`, `feed()` and the searches rebuild it first (so they
    are always current), while `view()` returns the last one built without waiting.
    A worker that changes the store calls `rebuild()` itself, so the event loop
    only ever reads `view()` and never pays for sorting.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._rebuilding = threading.Lock()
        self._pages: dict[str, Page] = {}
        self._keys: dict[str, _PageKeys] = {}
        self._version = 0  # counts changes
        self._view = StoreView(_SearchIndex((), ()), {}, _SearchIndex((), ()))
        self._view_version = 0  # the change the view was built from
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
        keyed = [(page, _PageKeys.of(page)) for page in pages]  # folding outside the lock
        if not keyed:
            return Change()
        added: list[str] = []
        updated: list[str] = []
        with self._lock:
            for page, keys in keyed:
                (updated if page.source in self._pages else added).append(page.source)
                self._pages[page.source] = page
                self._keys[page.source] = keys
            self._version += 1
        return self._notify(Change(added=tuple(added), updated=tuple(updated)))

    def remove(self, source: str) -> Change:
        """Forget the page from `source` (nothing happens if it is unknown)."""
        return self.remove_many([source])

    def remove_many(self, sources: Iterable[str]) -> Change:
        """Forget the pages from `sources`, with one notification; unknown ones are
        passed over."""
        removed: list[str] = []
        with self._lock:
            for source in sources:
                if self._pages.pop(source, None) is not None:
                    del self._keys[source]
                    removed.append(source)
            if not removed:
                return Change()
            self._version += 1
        return self._notify(Change(removed=tuple(removed)))

    def sources_under(self, folder: str) -> list[str]:
        """The sources of pages read from files inside `folder` (at any depth)."""
        prefix = folder.rstrip("/" + os.sep) + os.sep
        with self._lock:
            return [source for source in self._pages if source.startswith(prefix)]

    def view(self) -> StoreView:
        """The last view built, without rebuilding: what a UI thread should read."""
        return self._view

    def rebuild(self) -> StoreView:
        """Sort the pages into a fresh view if anything changed, and return it.

        The sorting happens outside the store's lock: writers and `view()` never wait
        for it.
        """
        with self._rebuilding:
            with self._lock:
                if self._view_version == self._version:
                    return self._view
                version = self._version
                keys = dict(self._keys)
                pages = dict(self._pages)
            view = _build_view(pages, keys)
            with self._lock:
                self._view, self._view_version = view, version
            return view

    def articles(self) -> tuple[Article, ...]:
        """All articles, newest first; undated ones last, newest capture first."""
        return self.rebuild().articles.items

    def feed(self) -> tuple[FeedItem, ...]:
        """Feed items of every page, newest first, each distinct item once."""
        return self.rebuild().feed.items

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case and accents ignored)."""
        return self.rebuild().article_titled(headline)

    def search(self, query: str, cancelled: Callable[[], bool] = lambda: False) -> SearchResult:
        """Articles whose headline holds every word of `query` (case and accents
        ignored), in list order. An empty query matches everything.

        Raises SearchCancelled when `cancelled()` turns true part way.
        """
        terms = tuple(fold(query).split())
        index = self.rebuild().articles
        return SearchResult(query, index.search(terms, cancelled) if terms else index.items)

    def search_feed(self, query: str, cancelled: Callable[[], bool] = lambda: False) -> Sequence[FeedItem]:
        """Feed items whose headline or summary holds every word of `query`."""
        terms = tuple(fold(query).split())
        index = self.rebuild().feed
        return index.search(terms, cancelled) if terms else index.items

    def _notify(self, change: Change) -> Change:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(change)
        return change


def _build_view(pages: dict[str, Page], keys: dict[str, _PageKeys]) -> StoreView:
    sources = sorted((s for s, k in keys.items() if k.title is not None), key=lambda s: keys[s].order)
    articles = tuple(pages[s].article for s in sources)
    headlines = tuple(keys[s].title for s in sources)
    titles: dict[str, Article] = {}
    for article, title in zip(articles, headlines):
        titles.setdefault(title, article)  # type: ignore[arg-type]
    unique: dict[tuple, tuple[tuple[int, float], str, FeedItem]] = {}
    for source, page_keys in keys.items():
        for item, (dedupe, order, search) in zip(pages[source].feed, page_keys.feed):
            unique.setdefault(dedupe, (order, search, item))
    ordered = sorted(unique.values(), key=lambda entry: entry[0])
    return StoreView(
        _SearchIndex(articles, headlines),  # type: ignore[arg-type]
        titles,
        _SearchIndex(tuple(e[2] for e in ordered), tuple(e[1] for e in ordered)),
    )
