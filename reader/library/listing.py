"""The store's articles in list order, newest first, kept sorted as pages change,
and the immutable views handed to readers (with the merged News Feed)."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from reader.library.feed import FeedRows
from reader.library.search import SearchIndex
from reader.model import Article, Page
from reader.order import Order
from reader.text import PageKeys, fold_words


@dataclass(frozen=True, slots=True)
class StoreView:
    """The store's sorted contents at one moment: articles newest first with their
    search keys and ids, headlines to articles, and the merged feed. Immutable, so
    a reader can hold it while the store changes."""

    articles: SearchIndex[Article]
    titles: dict[str, tuple[Order, Article]]  # folded headline -> the newest article with it
    feed: FeedRows
    ids: tuple[str, ...] = ()  # each listed article's stable id, in list order
    hidden: frozenset[str] = frozenset()  # sources of articles not listed: another copy is

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case, accents and spacing ignored)."""
        found = self.titles.get(fold_words(headline))
        return None if found is None else found[1]


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
        # Folded headline -> the newest article with it; headlines of several articles
        # (few) also have them all, newest first, in `shared_titles`.
        self.titles: dict[str, tuple[Order, Article]] = {}
        self.shared_titles: dict[str, list[tuple[Order, Article]]] = {}

    def build(self, rows: dict[str, Row]) -> None:
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
        self.titles, self.shared_titles = {}, {}
        for order, title, article, _ in ordered:
            newest = self.titles.get(title)
            if newest is None:
                self.titles[title] = (order, article)
            else:
                self.shared_titles.setdefault(title, [newest]).append((order, article))

    def update(self, rows: dict[str, Row | None]) -> None:
        """Move the pages in `rows` (None: no longer listed) to their places."""
        titles = self.titles.copy()  # views handed out keep the old dict
        shared = self.shared_titles
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
                entries = shared.get(title)
                if entries is None:
                    del titles[title]
                else:
                    entries = [entry for entry in entries if entry[0] != old]
                    titles[title] = entries[0]
                    if len(entries) > 1:
                        shared[title] = entries
                    else:
                        del shared[title]
            if row is not None:
                order, title, article, id_ = row
                at = bisect_left(self.orders, order)
                self.orders.insert(at, order)
                self.headlines.insert(at, title)
                self.articles.insert(at, article)
                self.ids.insert(at, id_)
                self.copies[id_] = self.copies.get(id_, 0) + 1
                self.order_of[source] = order
                newest = titles.get(title)
                if newest is None:
                    titles[title] = (order, article)
                else:
                    entries = shared.setdefault(title, [newest])
                    insort(entries, (order, article), key=lambda entry: entry[0])
                    titles[title] = entries[0]
        self.titles = titles

    def view(self, feed: FeedRows) -> StoreView:
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
                shown = titles.get(headlines[row])
                if row != listed and shown is not None and shown[1] is articles[row]:
                    titles = titles.copy() if titles is self.titles else titles
                    titles[headlines[row]] = (orders[listed], articles[listed])
        rows = [row for row in range(len(ids)) if row not in hidden_rows]
        hidden = [articles[row].source for row in hidden_rows]
        return StoreView(
            SearchIndex(tuple(articles[i] for i in rows), tuple(headlines[i] for i in rows)),
            titles,
            feed,
            tuple(ids[i] for i in rows),
            frozenset(hidden),
        )
