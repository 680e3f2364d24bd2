"""The store's contents in list order: articles newest first, the merged News Feed,
kept sorted as pages change, and the immutable views handed to readers."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from reader.library.search import SearchIndex
from reader.model import Article, FeedItem, Page
from reader.order import Order
from reader.text import PageKeys, fold_words

# What makes feed items one: their time and folded headline and summary.
FeedIdentity = tuple[datetime | None, str]


def feed_identity(item: FeedItem, search: str) -> FeedIdentity:
    """What makes feed items the same one: their time, headline and summary, case
    and accents aside (the search key holds both, folded)."""
    return (item.time, search)


@dataclass(frozen=True, slots=True)
class StoreView:
    """The store's sorted contents at one moment: articles newest first with their
    search keys and ids, headlines to articles, and the merged feed. Immutable, so
    a reader can hold it while the store changes."""

    articles: SearchIndex[Article]
    titles: dict[str, Article]
    feed: SearchIndex[FeedItem]
    ids: tuple[str, ...] = ()  # each listed article's stable id, in list order
    hidden: frozenset[str] = frozenset()  # sources of articles not listed: another copy is

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case, accents and spacing ignored)."""
        return self.titles.get(fold_words(headline))


# A feed item's place: its order, then when it was first seen (ties in time keep a
# stable order). Unique, so it names the entry in the sorted lists too.
FeedKey = tuple[int, float, int]


@dataclass(slots=True)
class FeedEntry:
    """One distinct feed item and the pages that hold it."""

    key: FeedKey
    search: str
    item: FeedItem  # as the first of its holders has it
    holders: str | list[str]  # the source of the page that holds it; a list when several do

    def first_holder(self) -> str:
        return self.holders if isinstance(self.holders, str) else self.holders[0]

    def add_holder(self, source: str) -> None:
        if isinstance(self.holders, str):
            self.holders = [self.holders, source]
        else:
            self.holders.append(source)

    def drop_holder(self, source: str) -> bool:
        """Forget one holder; False when none is left."""
        if isinstance(self.holders, str):
            return False
        self.holders.remove(source)
        if len(self.holders) == 1:
            self.holders = self.holders[0]
        return True


# (order, folded headline, article, its id) of a page that has an article
Row = tuple[Order, str, Article, str]


def row_of(order: Order, keys: PageKeys, page: Page) -> Row | None:
    """The page's row in the list, or None: it has no article."""
    if keys.title is None or keys.id is None or page.article is None:
        return None
    return (order, keys.title, page.article, keys.id)


class SortedLists:
    """The store's contents in list order, kept sorted as pages change.

    Only changed pages move: one new page among 100k costs a bisection and a
    list insert, where sorting everything again took over a second. Used by one
    thread at a time (the store's rebuilding lock).
    """

    def __init__(self) -> None:
        self.orders: list[Order] = []
        self.articles: list[Article] = []
        self.headlines: list[str] = []
        self.ids: list[str] = []
        self.copies: dict[str, int] = {}  # id -> how many pages hold the article
        self.order_of: dict[str, Order] = {}  # source -> its order, for listed pages
        self.by_title: dict[str, list[tuple[Order, Article]]] = {}
        self.titles: dict[str, Article] = {}
        self.feed_keys: list[FeedKey] = []
        self.feed_items: list[FeedItem] = []
        self.feed_search: list[str] = []

    def build(self, rows: dict[str, Row], feed: Iterable[FeedEntry]) -> None:
        """Sort everything from scratch."""
        ordered = sorted(rows.values(), key=lambda row: row[0])
        self.orders = [row[0] for row in ordered]
        self.headlines = [row[1] for row in ordered]
        self.articles = [row[2] for row in ordered]
        self.ids = [row[3] for row in ordered]
        self.copies = {}
        for id_ in self.ids:
            self.copies[id_] = self.copies.get(id_, 0) + 1
        self.order_of = {source: row[0] for source, row in rows.items()}
        self.by_title = {}
        for order, title, article, _ in ordered:
            self.by_title.setdefault(title, []).append((order, article))
        self.titles = {title: entries[0][1] for title, entries in self.by_title.items()}
        entries = sorted(feed, key=lambda entry: entry.key)
        self.feed_keys = [entry.key for entry in entries]
        self.feed_items = [entry.item for entry in entries]
        self.feed_search = [entry.search for entry in entries]

    def update(self, rows: dict[str, Row | None], feed: dict[FeedKey, FeedEntry | None]) -> None:
        """Move the pages in `rows` (None: no longer listed) and the feed items in
        `feed`, by key, to their places (None: no page holds it now)."""
        titles = self.titles.copy()  # views handed out keep the old dict
        touched: set[str] = set()
        for source, row in rows.items():
            old = self.order_of.pop(source, None)
            if old is not None:
                at = bisect_left(self.orders, old)
                old_id = self.ids[at]
                del self.orders[at], self.articles[at], self.ids[at]
                if self.copies[old_id] == 1:
                    del self.copies[old_id]
                else:
                    self.copies[old_id] -= 1
                title = self.headlines.pop(at)
                self.by_title[title] = [entry for entry in self.by_title[title] if entry[0] != old]
                touched.add(title)
            if row is not None:
                order, title, article, id_ = row
                at = bisect_left(self.orders, order)
                self.orders.insert(at, order)
                self.headlines.insert(at, title)
                self.articles.insert(at, article)
                self.ids.insert(at, id_)
                self.copies[id_] = self.copies.get(id_, 0) + 1
                self.order_of[source] = order
                insort(self.by_title.setdefault(title, []), (order, article), key=lambda entry: entry[0])
                touched.add(title)
        for title in touched:
            entries = self.by_title.get(title)
            if entries:
                titles[title] = entries[0][1]
            else:
                self.by_title.pop(title, None)
                titles.pop(title, None)
        self.titles = titles
        keys = self.feed_keys
        for key, entry in feed.items():
            at = bisect_left(keys, key)
            listed = at < len(keys) and keys[at] == key
            if listed and entry is None:
                del keys[at], self.feed_items[at], self.feed_search[at]
            elif listed and entry is not None:
                self.feed_items[at] = entry.item  # another holder's copy
            elif entry is not None:
                keys.insert(at, key)
                self.feed_items.insert(at, entry.item)
                self.feed_search.insert(at, entry.search)

    def view(self) -> StoreView:
        feed = SearchIndex(tuple(self.feed_items), tuple(self.feed_search))
        if len(self.copies) == len(self.ids):  # no article is held twice: the common case
            return StoreView(
                SearchIndex(tuple(self.articles), tuple(self.headlines)), self.titles, feed, tuple(self.ids)
            )
        # The same article saved twice (or renamed, copied) is listed once: the copy
        # saved last (its text may have been corrected since), in its own place.
        orders, articles, headlines, ids = self.orders, self.articles, self.headlines, self.ids
        copied = {id_ for id_, count in self.copies.items() if count > 1}
        rows_of: dict[str, list[int]] = {}
        for row, id_ in enumerate(ids):
            if id_ in copied:
                rows_of.setdefault(id_, []).append(row)
        hidden_rows: set[int] = set()
        titles = self.titles
        for copies in rows_of.values():
            listed = min(copies, key=lambda row: orders[row][3])  # saved last; ties: the first
            hidden_rows.update(row for row in copies if row != listed)
            # Its headline maps to the copy listed, not to one hidden behind it.
            for row in copies:
                if row != listed and titles.get(headlines[row]) is articles[row]:
                    titles = titles.copy() if titles is self.titles else titles
                    titles[headlines[row]] = articles[listed]
        rows = [row for row in range(len(ids)) if row not in hidden_rows]
        hidden = [articles[row].source for row in hidden_rows]
        return StoreView(
            SearchIndex(tuple(articles[i] for i in rows), tuple(headlines[i] for i in rows)),
            titles,
            feed,
            tuple(ids[i] for i in rows),
            frozenset(hidden),
        )
