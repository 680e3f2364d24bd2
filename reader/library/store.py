"""The in-memory store of parsed pages: articles, the merged News Feed, headline search.

One Store per app. Workers fill it from threads; readers get immutable snapshots
(tuples), so a list being drawn never changes under the painter. Subscribers hear
of every change after it is made, outside the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from reader.library.listing import (
    FeedEntry,
    FeedIdentity,
    FeedKey,
    Row,
    SortedLists,
    StoreView,
    feed_identity,
    row_of,
)
from reader.library.search import SEARCH_CHUNK, SearchCancelled, SearchIndex, SearchResult, everything, pick
from reader.model import Article, FeedItem, Page
from reader.order import Order, article_order, feed_order
from reader.paths import folder_prefix
from reader.text import PageKeys, feed_key, fold

__all__ = ["Change", "SearchCancelled", "SearchResult", "Store", "StoreView"]


@dataclass(frozen=True, slots=True)
class Change:
    """What one update did to the store, by source path."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    new_feed: tuple[FeedItem, ...] = ()  # feed items no page had before
    new_articles: tuple[
        str, ...
    ] = ()  # of `added`, pages whose article no page held before (one per article)


# Changes to more pages than this (plus an eighth of the store) sort everything again.
_FULL_SORT_FROM = 2_000


class Store:
    """Pages keyed by source file; articles newest first; the merged News Feed.

    Safe to fill from a worker thread while the UI reads. Changes mark the sorted
    view stale; `articles()`, `feed()` and the searches rebuild it first (so they
    are always current), while `view()` returns the last one built without waiting.
    A worker that changes the store calls `rebuild()` itself, so the event loop
    only ever reads `view()` and never pays for sorting.
    """

    def __init__(self, bodies: Callable[[str], tuple[str, ...] | None] | None = None) -> None:
        self._bodies = bodies
        self._lock = threading.RLock()
        self._rebuilding = threading.Lock()
        self._pages: dict[str, Page] = {}
        self._keys: dict[str, PageKeys] = {}
        self._orders: dict[str, Order] = {}  # each page's place in the list
        self._holders: dict[str, int] = {}  # article id -> how many pages hold it
        self._feed: dict[FeedIdentity, FeedEntry] = {}  # distinct feed items, by dedupe key
        self._feed_seq = 0
        self._version = 0  # counts changes
        self._view = StoreView(SearchIndex((), ()), {}, SearchIndex((), ()))
        self._view_version = 0  # the change the view was built from
        self._sorted = SortedLists()
        self._built = False  # whether _sorted holds anything to update
        self._dirty: set[str] = set()  # pages changed since the view was built
        self._dirty_feed: set[tuple[FeedKey, FeedIdentity]] = (
            set()
        )  # (key, dedupe) of feed items changed since then
        self._subscribers: list[Callable[[Change], None]] = []

    def __len__(self) -> int:
        return len(self._pages)

    def page(self, source: str) -> Page | None:
        """The page parsed from `source`, if the store holds it."""
        return self._pages.get(source)

    @property
    def holds_bodies(self) -> bool:
        """Whether pages put here must keep their bodies (there is nowhere else to
        read them back from)."""
        return self._bodies is None

    def with_body(self, article: Article) -> Article:
        """`article` with its paragraphs. Pages kept in the parse cache are held
        without them (they are most of a page's memory) and read back here."""
        if article.body or self._bodies is None:
            return article
        body = self._bodies(article.source)
        return replace(article, body=body) if body else article

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
        return self.put_keyed([(page, PageKeys.of(page)) for page in pages])  # folding outside the lock

    def put_keyed(self, keyed: Sequence[tuple[Page, PageKeys]], *, tell_new: bool = True) -> Change:
        """`put_many` for pages whose keys are known (kept in the parse cache, or
        worked out when the page was put there). Without `tell_new` (a first load,
        where everything is new and nobody asks what is) the change leaves out
        which feed items are new: at 100k pages, finding out cost half a second."""
        if not keyed:
            return Change()
        added: list[str] = []
        updated: list[str] = []
        new_articles: list[str] = []
        # feed items touched: were they held before? (None: not asked)
        known: dict[FeedIdentity, bool] | None = {} if tell_new else None
        with self._lock:
            for page, keys in keyed:
                old = self._keys.get(page.source)
                if old is not None:
                    self._drop_feed(self._pages[page.source], old, known)
                    self._let_go(old.id)
                    updated.append(page.source)
                else:
                    added.append(page.source)
                    if keys.id is not None and not self._holders.get(keys.id):
                        new_articles.append(page.source)
                if keys.id is not None:
                    self._holders[keys.id] = self._holders.get(keys.id, 0) + 1
                self._pages[page.source] = page
                self._keys[page.source] = keys
                self._orders[page.source] = article_order(page)
                self._dirty.add(page.source)
                for search, item in zip(keys.feed, page.feed, strict=True):
                    dedupe = feed_identity(item, search)
                    if known is not None:
                        known.setdefault(dedupe, dedupe in self._feed)
                    entry = self._feed.get(dedupe)
                    if entry is None:
                        self._feed_seq += 1
                        entry = self._feed[dedupe] = FeedEntry(
                            (*feed_order(item), self._feed_seq), search, item, page.source
                        )
                        self._dirty_feed.add((entry.key, dedupe))
                    else:
                        entry.add_holder(page.source)
            new_feed = (
                ()
                if known is None
                else tuple(self._feed[d].item for d, held in known.items() if not held and d in self._feed)
            )
            self._version += 1
        return self._notify(
            Change(
                added=tuple(added),
                updated=tuple(updated),
                new_feed=new_feed,
                new_articles=tuple(new_articles),
            )
        )

    def _let_go(self, article_id: str | None) -> None:
        """One page fewer holds the article."""
        if article_id is not None:
            if self._holders[article_id] == 1:
                del self._holders[article_id]
            else:
                self._holders[article_id] -= 1

    def _drop_feed(self, page: Page, keys: PageKeys, known: dict[FeedIdentity, bool] | None = None) -> None:
        """`page` (about to be replaced or removed) no longer holds its feed items:
        forget those no other page holds, and show another holder's copy of the rest."""
        source = page.source
        for search, item in zip(keys.feed, page.feed, strict=True):
            dedupe = feed_identity(item, search)
            if known is not None:
                known.setdefault(dedupe, dedupe in self._feed)
            entry = self._feed[dedupe]
            shown_here = entry.first_holder() == source
            if not entry.drop_holder(source):
                del self._feed[dedupe]
                self._dirty_feed.add((entry.key, dedupe))
            elif shown_here:
                holder = self._pages[entry.first_holder()]
                entry.item = next(
                    other
                    for other, other_search in zip(holder.feed, self._keys[holder.source].feed, strict=True)
                    if feed_identity(other, other_search) == dedupe
                )
                self._dirty_feed.add((entry.key, dedupe))

    def remove(self, source: str) -> Change:
        """Forget the page from `source` (nothing happens if it is unknown)."""
        return self.remove_many([source])

    def remove_many(self, sources: Iterable[str]) -> Change:
        """Forget the pages from `sources`, with one notification; unknown ones are
        passed over."""
        removed: list[str] = []
        with self._lock:
            for source in sources:
                keys = self._keys.get(source)
                if keys is None:
                    continue
                self._drop_feed(self._pages[source], keys)
                self._let_go(keys.id)
                del self._pages[source], self._keys[source], self._orders[source]
                self._dirty.add(source)
                removed.append(source)
            if not removed:
                return Change()
            self._version += 1
        return self._notify(Change(removed=tuple(removed)))

    def sources(self) -> list[str]:
        """The sources of every page held."""
        with self._lock:
            return list(self._pages)

    def has_feed_item(self, item: FeedItem) -> bool:
        """Whether a page held has this feed item (or one differing only in case
        or accents)."""
        return feed_identity(item, feed_key(item)) in self._feed

    def sources_under(self, folder: str) -> list[str]:
        """The sources of pages read from files inside `folder` (at any depth)."""
        prefix = folder_prefix(folder)
        with self._lock:
            return [source for source in self._pages if source.startswith(prefix)]

    def view(self) -> StoreView:
        """The last view built, without rebuilding: what a UI thread should read."""
        return self._view

    def rebuild(self) -> StoreView:
        """Bring the sorted view up to date if anything changed, and return it.

        A few changed pages are moved to their places; many (a first load) are
        sorted from scratch. Either way outside the store's lock: writers and
        `view()` never wait for it.
        """
        with self._rebuilding:
            with self._lock:
                if self._view_version == self._version:
                    return self._view
                version = self._version
                dirty, self._dirty = self._dirty, set()
                dirty_feed, self._dirty_feed = self._dirty_feed, set()
                everything = (
                    not self._built or len(dirty) + len(dirty_feed) > _FULL_SORT_FROM + len(self._pages) // 8
                )
                if everything:
                    pages, keys, orders, feed = (
                        dict(self._pages),
                        dict(self._keys),
                        dict(self._orders),
                        dict(self._feed),
                    )
                else:
                    changed_rows = {s: self._row(s) for s in dirty}
                    changed_feed = {}
                    for key, dedupe in dirty_feed:
                        entry = self._feed.get(dedupe)
                        changed_feed[key] = entry if entry is not None and entry.key == key else None
            if everything:
                rows = {
                    s: row for s, k in keys.items() if (row := row_of(orders[s], k, pages[s])) is not None
                }
                self._sorted.build(rows, feed.values())
                self._built = True
            else:
                self._sorted.update(changed_rows, changed_feed)
            view = self._sorted.view()
            with self._lock:
                self._view, self._view_version = view, version
            return view

    def _row(self, source: str) -> Row | None:
        """Where the page from `source` goes in the list, if it has an article."""
        keys = self._keys.get(source)
        return None if keys is None else row_of(self._orders[source], keys, self._pages[source])

    def articles(self) -> tuple[Article, ...]:
        """All articles, newest first; undated ones last, newest capture first."""
        return self.rebuild().articles.items

    def feed(self) -> tuple[FeedItem, ...]:
        """Feed items of every page, newest first, each distinct item once."""
        return self.rebuild().feed.items

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case and accents ignored)."""
        return self.rebuild().article_titled(headline)

    def search(
        self,
        query: str,
        cancelled: Callable[[], bool] = lambda: False,
        only: Callable[[str], bool] | None = None,
    ) -> SearchResult:
        """Articles whose headline holds every word of `query` (case and accents
        ignored), in list order. An empty query matches everything. With `only`,
        just the articles whose id it accepts (a view: unread, saved).

        Raises SearchCancelled when `cancelled()` turns true part way.
        """
        terms = tuple(fold(query).split())
        view = self.rebuild()
        index = view.articles
        if only is None:
            return SearchResult(query, index.search(terms, cancelled) if terms else index.items)
        rows = index.rows(terms, cancelled) if terms else range(len(index.items))
        return SearchResult(query, pick(index.items, view.ids, rows, only, cancelled))

    def search_sources(
        self,
        query: str,
        sources: Iterable[str],
        cancelled: Callable[[], bool] = lambda: False,
        only: Callable[[str], bool] | None = None,
    ) -> SearchResult:
        """The articles read from `sources` (what a full-text search found), in list
        order; with `only`, just those whose id it accepts."""
        view = self.rebuild()
        # By article id, not by file: a hit in a copy that is not listed (a re-saved
        # page whose text was corrected) finds the copy that is.
        wanted = set(self.ids_of(sources))
        ids = view.ids
        rows: list[int] = []
        for start in range(0, len(ids), SEARCH_CHUNK):
            rows.extend(
                [i for i, id_ in enumerate(ids[start : start + SEARCH_CHUNK], start) if id_ in wanted]
            )
            if cancelled():
                raise SearchCancelled
        return SearchResult(
            query, pick(view.articles.items, ids, rows, only or everything, cancelled), full_text=True
        )

    def holds_article(self, article_id: str) -> bool:
        """Whether any page held has this article."""
        return bool(self._holders.get(article_id))

    def ids_of(self, sources: Iterable[str]) -> list[str]:
        """The stable ids of the articles read from `sources` (pages without one left out)."""
        keys = self._keys
        return [k.id for k in map(keys.get, sources) if k is not None and k.id is not None]

    def id_of(self, source: str) -> str | None:
        """The stable id of the article read from `source` (None: no such article)."""
        keys = self._keys.get(source)
        return keys.id if keys is not None else None

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
