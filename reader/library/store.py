"""The in-memory store of parsed pages: articles, the merged News Feed, headline search.

One Store per app. Workers fill it from threads; readers get immutable snapshots
(tuples), so a list being drawn never changes under the painter. Subscribers hear
of every change after it is made, outside the lock.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from reader.library.feed import FeedRows, MergedFeed, PageFeeds
from reader.library.listing import Row, SortedLists, StoreView, row_of
from reader.library.search import SEARCH_CHUNK, SearchCancelled, SearchIndex, SearchResult, pick
from reader.model import Article, FeedItem, Page
from reader.order import Order, article_order
from reader.paths import folder_prefix
from reader.text import PageKeys, feed_identity, feed_key, feed_place, feed_search_text, fold

__all__ = ["Change", "SearchCancelled", "SearchResult", "Store", "StoreView"]

T = TypeVar("T")


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


# Pages whose feed search text is looked at between asking whether a search was given up.
_FEED_CHUNK = 4_096
# Changes to more pages than this (plus an eighth of the store) sort everything again.
_FULL_SORT_FROM = 2_000


class PageTexts(Protocol):
    """Where the words of pages kept without them are read back (the parse cache)."""

    def body(self, source: str) -> tuple[str, ...] | None: ...

    def feed(self, source: str) -> tuple[FeedItem, ...] | None: ...

    def search_feed(
        self, terms: Sequence[str], cancelled: Callable[[], bool]
    ) -> Iterator[list[tuple[str, str]]]: ...


class Store:
    """Pages keyed by source file; articles newest first; the merged News Feed.

    Safe to fill from a worker thread while the UI reads. Changes mark the sorted
    view stale; `articles()`, `feed()` and the searches rebuild it first (so they
    are always current), while `view()` returns the last one built without waiting.
    A worker that changes the store calls `rebuild()` itself, so the event loop
    only ever reads `view()` and never pays for sorting.
    """

    def __init__(self, texts: PageTexts | None = None) -> None:
        self._texts = texts
        self._lock = threading.RLock()
        self._rebuilding = threading.Lock()
        self._pages: dict[str, Page] = {}
        self._keys: dict[str, PageKeys] = {}
        self._orders: dict[str, Order] = {}  # each page's place in the list
        self._rows: dict[str, int] = {}  # each page's row in the parse cache, if it has one
        self._rows_listed: tuple[StoreView, array[int]] | None = None  # a view's rows, in list order
        self._holders: dict[str, int] = {}  # article id -> how many pages hold it
        self._feed = MergedFeed()
        self._feed_changed = False  # since the view was built
        self._feeds = PageFeeds(self._read_feed)  # the words of feed items, read for the rows shown
        # Pages holding their feed items in memory, with their items' search text
        # (`feed_search_text`): what the cache keeps for the others.
        self._feeds_here: dict[str, str] = {}
        self._version = 0  # counts changes
        self._view = StoreView(SearchIndex((), ()), {}, FeedRows(self._feeds))
        self._view_version = 0  # the change the view was built from
        self._sorted = SortedLists()
        self._built = False  # whether _sorted holds anything to update
        self._dirty: set[str] = set()  # pages changed since the view was built
        self._subscribers: list[Callable[[Change], None]] = []

    def __len__(self) -> int:
        return len(self._pages)

    def page(self, source: str) -> Page | None:
        """The page parsed from `source`, if the store holds it."""
        return self._pages.get(source)

    @property
    def holds_texts(self) -> bool:
        """Whether pages put here must keep their bodies and feed items (there is
        nowhere else to read them back from)."""
        return self._texts is None

    def with_body(self, article: Article) -> Article:
        """`article` with its paragraphs. Pages kept in the parse cache are held
        without them (they are most of a page's memory) and read back here."""
        if article.body or self._texts is None:
            return article
        body = self._texts.body(article.source)
        return replace(article, body=body) if body else article

    def feed_of(self, source: str) -> Sequence[FeedItem]:
        """The feed items of the page from `source` (none if the store lacks it)."""
        return self._feeds(source) if source in self._keys else ()

    def _read_feed(self, source: str) -> Sequence[FeedItem]:
        page = self._pages.get(source)
        if page is None:
            return ()
        if page.feed or self._texts is None:
            return page.feed
        return self._texts.feed(source) or ()

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

    def put_keyed(
        self,
        keyed: Sequence[tuple[Page, PageKeys]],
        *,
        tell_new: bool = True,
        hold_feed: bool = True,
        rows: Mapping[str, int] | None = None,
    ) -> Change:
        """`put_many` for pages whose keys are known (kept in the parse cache, or
        worked out when the page was put there). A page held without its feed items
        (`without_texts`) has them read back from the store's `texts` when shown.
        Without `tell_new` (a first load, where everything is new and nobody asks
        what is) the change leaves out which feed items are new: at 100k pages,
        finding out cost half a second. Without `hold_feed`, the pages' feed items
        are left out of the feed: a first load restores a snapshot of it
        (`restore_feed`), or holds them after all (`hold_feeds`). `rows`: the
        pages' rows in the parse cache (what its full-text search finds them by)."""
        if not keyed:
            return Change()
        added: list[str] = []
        updated: list[str] = []
        new_articles: list[str] = []
        new_feed: list[tuple[Page, list[int]]] = []
        with self._lock:
            for page, keys in keyed:
                source = page.source
                old = self._keys.get(source)
                # The new items are held before the old ones are let go: an item in both
                # versions is no new one.
                if hold_feed:
                    fresh = self._feed.hold(source, keys.feed, tell=tell_new)
                    if fresh:
                        new_feed.append((page, fresh))
                if old is not None:
                    self._feed.release(source, old.feed)
                    self._let_go(old.id)
                    updated.append(source)
                else:
                    added.append(source)
                    if keys.id is not None and not self._holders.get(keys.id):
                        new_articles.append(source)
                if keys.id is not None:
                    self._holders[keys.id] = self._holders.get(keys.id, 0) + 1
                self._feed_changed = (
                    self._feed_changed or bool(keys.feed) or (old is not None and bool(old.feed))
                )
                self._pages[source] = page
                self._keys[source] = keys
                self._orders[source] = article_order(page)
                row = rows.get(source) if rows is not None else None
                if row is not None:
                    self._rows[source] = row
                else:
                    self._rows.pop(source, None)
                self._dirty.add(source)
                if page.feed:
                    self._feeds_here[source] = feed_search_text(map(feed_key, page.feed))
                elif old is not None:
                    self._feeds_here.pop(source, None)
                if old is not None:
                    self._feeds.forget(source)
            self._version += 1
        items = [
            items[position]
            for page, positions in new_feed
            for items in [page.feed or self._feeds(page.source)]
            for position in positions
            if position < len(items)
        ]
        return self._notify(
            Change(
                added=tuple(added),
                updated=tuple(updated),
                new_feed=tuple(items),
                new_articles=tuple(new_articles),
            )
        )

    def restore_feed(self, snapshot: bytes) -> bool:
        """Take the merged feed from `snapshot` (`feed_snapshot`), its pages named by
        their rows in the parse cache: the store must hold exactly the pages it was
        made from. False (and the feed as it was): it names a page not held."""
        with self._lock:
            feed = MergedFeed.restore(snapshot, {row: source for source, row in self._rows.items()})
            if feed is None:
                return False
            self._feed = feed
            self._feed_changed = True
            self._version += 1
        return True

    def hold_feeds(self, sources: Iterable[str]) -> None:
        """Put the feed items of these pages (put without them) in the feed."""
        with self._lock:
            for source in sources:
                keys = self._keys.get(source)
                if keys is not None:
                    self._feed.hold(source, keys.feed, tell=False)
                    self._feed_changed = True
            self._version += 1

    def feed_snapshot(self) -> bytes | None:
        """The merged feed, each page named by its row in the parse cache, for
        `restore_feed` to take back on the next start. None: a page holding feed
        items has no row there (it is not in the cache)."""
        with self._lock:
            return self._feed.snapshot(self._rows)

    def _let_go(self, article_id: str | None) -> None:
        """One page fewer holds the article."""
        if article_id is not None:
            if self._holders[article_id] == 1:
                del self._holders[article_id]
            else:
                self._holders[article_id] -= 1

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
                self._feed.release(source, keys.feed)
                self._feed_changed = self._feed_changed or bool(keys.feed)
                self._let_go(keys.id)
                del self._pages[source], self._keys[source], self._orders[source]
                self._rows.pop(source, None)
                self._feeds_here.pop(source, None)
                self._feeds.forget(source)
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
        with self._lock:
            return self._feed.holds(feed_place(item), feed_identity(item))

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
        `view()` never wait for it. (The feed is settled under it: its packed
        arrays are merged at C speed.)
        """
        with self._rebuilding:
            with self._lock:
                if self._view_version == self._version:
                    return self._view
                version = self._version
                dirty, self._dirty = self._dirty, set()
                everything = not self._built or len(dirty) > _FULL_SORT_FROM + len(self._pages) // 8
                if everything:
                    # Made here rather than from copies of the three dicts (30 MB at 100k pages):
                    # only the worker filling the store waits for it.
                    rows = {
                        source: row
                        for source, keys in self._keys.items()
                        if (row := row_of(self._orders[source], keys, self._pages[source])) is not None
                    }
                else:
                    changed_rows = {s: self._row(s) for s in dirty}
                feed = self._view.feed
                if self._feed_changed:
                    feed = self._feed.rows(self._feeds)
                    self._feed_changed = False
            if everything:
                self._sorted.build(rows)
                self._built = True
            else:
                self._sorted.update(changed_rows)
            view = self._sorted.view(feed)
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
        return tuple(self.rebuild().feed)

    def article_titled(self, headline: str) -> Article | None:
        """The newest article with this headline (case and accents ignored)."""
        return self.rebuild().article_titled(headline)

    def search(
        self,
        query: str,
        cancelled: Callable[[], bool] = lambda: False,
        only: Callable[[str], bool] | None = None,
        within: tuple[SearchIndex[Article], Sequence[str]] | None = None,
    ) -> SearchResult:
        """Articles whose headline holds every word of `query` (case and accents
        ignored), in list order. An empty query matches everything. With `only`,
        just the articles whose id it accepts (a view: unread, saved). `within`:
        the list in another order (its index and ids), searched instead.

        Raises SearchCancelled when `cancelled()` turns true part way.
        """
        terms = tuple(fold(query).split())
        ids: Sequence[str]
        if within is None:
            view = self.rebuild()
            index, ids = view.articles, view.ids
        else:
            index, ids = within
        if only is None:
            return SearchResult(query, index.search(terms, cancelled) if terms else index.items)
        rows = index.rows(terms, cancelled) if terms else range(len(index.items))
        return SearchResult(query, pick(index.items, ids, rows, only, cancelled))

    def search_rows(
        self,
        query: str,
        rows: Collection[int],
        cancelled: Callable[[], bool] = lambda: False,
        only: Callable[[str], bool] | None = None,
    ) -> SearchResult:
        """The articles whose pages have these rows in the parse cache (what its
        full-text search found), in list order; with `only`, just those whose id
        it accepts."""
        hits = rows if isinstance(rows, (set, frozenset)) else set(rows)
        view = self.rebuild()
        if view.hidden:  # copies: a hit in one not listed must find the one listed
            keys = self._keys
            with self._lock:
                wanted = {keys[source].id for source, row in self._rows.items() if row in hits}
            return self._search_ids(query, wanted, cancelled, only)
        return SearchResult(
            query, _listed_in(view, self._listed_rows(view), hits, cancelled, only), full_text=True
        )

    def _listed_rows(self, view: StoreView) -> array[int]:
        """The parse cache's row of each article listed in `view` (-1: none), in list
        order; worked out once a view."""
        known = self._rows_listed
        if known is not None and known[0] is view:
            return known[1]
        rows = self._rows
        listed = array("q", [rows.get(article.source, -1) for article in view.articles.items])
        self._rows_listed = (view, listed)
        return listed

    def search_sources(
        self,
        query: str,
        sources: Iterable[str],
        cancelled: Callable[[], bool] = lambda: False,
        only: Callable[[str], bool] | None = None,
    ) -> SearchResult:
        """The articles read from `sources` (what a full-text search found), in list
        order; with `only`, just those whose id it accepts."""
        return self._search_ids(query, set(self.ids_of(sources)), cancelled, only)

    def _search_ids(
        self,
        query: str,
        wanted: set[str | None],
        cancelled: Callable[[], bool],
        only: Callable[[str], bool] | None,
    ) -> SearchResult:
        # By article id, not by file: a hit in a copy that is not listed (a re-saved
        # page whose text was corrected) finds the copy that is.
        view = self.rebuild()
        return SearchResult(query, _listed_in(view, view.ids, wanted, cancelled, only), full_text=True)

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
        """Feed items whose headline or summary holds every word of `query`.

        Raises SearchCancelled when `cancelled()` turns true part way.
        """
        terms = tuple(fold(query).split())
        rows = self.rebuild().feed
        if not terms:
            return rows
        found: dict[str, set[int]] = {}

        def look_in(run: Iterable[tuple[str, str]]) -> None:
            for source, text in run:
                if all(term in text for term in terms):
                    for position, key in enumerate(text.split("\n")):
                        if all(term in key for term in terms):
                            found.setdefault(source, set()).add(position)
            if cancelled():
                raise SearchCancelled

        with self._lock:
            here = list(self._feeds_here.items())
        for start in range(0, len(here), _FEED_CHUNK):
            look_in(here[start : start + _FEED_CHUNK])
        if self._texts is not None:
            in_memory = self._feeds_here
            for run in self._texts.search_feed(terms, cancelled):
                # Pages held whole are searched as held, not as cached (a cache write
                # may have failed).
                look_in((source, text) for source, text in run if source not in in_memory)
        if cancelled():
            raise SearchCancelled
        if not found:
            return rows[:0]
        return rows.of(found, cancelled)

    def _notify(self, change: Change) -> Change:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            callback(change)
        return change


def _listed_in(
    view: StoreView,
    keys: Sequence[T],
    wanted: Collection[T],
    cancelled: Callable[[], bool],
    only: Callable[[str], bool] | None,
) -> list[Article]:
    """The articles of `view` whose key (in `keys`, in list order) is `wanted`; with
    `only`, just those whose id it accepts. In chunks that can be given up."""
    ids, items = view.ids, view.articles.items
    found: list[Article] = []
    for start in range(0, len(keys), SEARCH_CHUNK):
        chunk = enumerate(keys[start : start + SEARCH_CHUNK], start)
        if only is None:
            found.extend([items[i] for i, key in chunk if key in wanted])
        else:
            found.extend([items[i] for i, key in chunk if key in wanted and only(ids[i])])
        if cancelled():
            raise SearchCancelled
    return found
