"""The merged News Feed: its packed arrays against a plain model of what it means,
and a store that reads feed items back from the parse cache against one that
holds them."""

from __future__ import annotations

from array import array
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library.feed import MergedFeed
from reader.library.store import SearchCancelled, Store
from reader.model import FeedItem, Page
from reader.storage.cache import FileState, PageCache
from reader.storage.codec import without_texts
from reader.text import PageKeys

# A page's feed as (place, identity) pairs: few places and identities, so that items
# share seconds and pages share items.
Items = list[tuple[int, int]]
items_strategy = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), max_size=4)


def packed(items: Items) -> bytes:
    keys = array("q")
    for place, ident in items:
        keys.extend([place, ident * 10 + place])  # one identity, one place: as feed_identity makes them
    return keys.tobytes()


class Model:
    """What the merged feed means: each identity held by any page once, in the order
    of (place, when first held), shown as the first of its holders still holding it."""

    def __init__(self) -> None:
        self.holders: dict[int, list[tuple[str, int]]] = {}
        self.order: dict[int, tuple[int, int]] = {}
        self.seq = 0

    def hold(self, source: str, items: Items) -> list[int]:
        new = []
        for position, (place, ident) in enumerate(items):
            ident = ident * 10 + place
            if self.holders.get(ident):
                self.holders[ident].append((source, position))
            else:
                new.append(position)
                self.holders[ident] = [(source, position)]
                self.order[ident] = (place, self.seq)
                self.seq += 1
        return new

    def release(self, source: str, items: Items) -> None:
        for position, (place, ident) in enumerate(items):
            holders = self.holders[ident * 10 + place]
            holders.remove((source, position))

    def rows(self) -> list[tuple[str, int]]:
        held = [ident for ident, holders in self.holders.items() if holders]
        return [self.holders[ident][0] for ident in sorted(held, key=self.order.__getitem__)]


def shown(feed: MergedFeed) -> list[tuple[str, int]]:
    """Each row's page and position there."""
    rows = feed.rows(lambda source: [FeedItem(None, f"{source} {n}", None) for n in range(4)])
    return [(label.split()[0], int(label.split()[1])) for label in (item.label for item in rows)]


operations = st.lists(
    st.tuples(st.sampled_from("abcde"), st.none() | items_strategy, st.booleans()), max_size=30
)


@settings(max_examples=300, deadline=None)
@given(first=st.dictionaries(st.sampled_from("abcde"), items_strategy), changes=operations)
def test_the_merged_feed_is_what_the_model_says(first: dict[str, Items], changes) -> None:
    """A first load set down without lookups, then pages put (replacing their old
    version: new items held before the old let go) and removed, with the rows asked
    for now and then."""
    feed, model = MergedFeed(), Model()
    pages: dict[str, Items] = {}
    for source, items in first.items():  # a first load: nothing looked up
        assert feed.hold(source, packed(items), tell=False) == []
        model.hold(source, items)
        pages[source] = items
    for source, items, look in changes:
        old = pages.pop(source, None)
        if items is not None:
            assert feed.hold(source, packed(items)) == model.hold(source, items)
            pages[source] = items
        if old is not None:
            feed.release(source, packed(old))
            model.release(source, old)
        if look:
            assert shown(feed) == model.rows()
    assert shown(feed) == model.rows()


def test_a_first_load_that_lets_pages_go_before_settling_keeps_the_rest() -> None:
    feed = MergedFeed()
    feed.hold("a", packed([(1, 1), (2, 2)]), tell=False)
    feed.hold("b", packed([(1, 1)]), tell=False)
    feed.release("a", packed([(1, 1), (2, 2)]))  # a file gone, found while loading
    assert shown(feed) == [("b", 0)]
    assert feed.holds(1, 11) and not feed.holds(2, 22)


T = datetime(2024, 3, 1, 9, 0)


def feed_page(source: str, *items: FeedItem) -> Page:
    return Page(source, T, None, items)


def item(minutes: int, headline: str, summary: str | None = None) -> FeedItem:
    return FeedItem(T + timedelta(minutes=minutes), headline, summary)


def test_a_store_reading_feeds_from_the_cache_shows_and_finds_what_one_holding_them_does(
    tmp_path: Path,
) -> None:
    cache = PageCache(tmp_path / "cache.sqlite3")
    kept, held = Store(texts=cache), Store()

    def put(*pages: Page, tell: bool = True) -> tuple[tuple[FeedItem, ...], tuple[FeedItem, ...]]:
        keys = cache.put_many((page, FileState(1, 1)) for page in pages)
        slim = [(without_texts(page), keys[page.source][1]) for page in pages]
        whole = [(page, PageKeys.of(page)) for page in pages]
        return kept.put_keyed(slim, tell_new=tell).new_feed, held.put_keyed(whole, tell_new=tell).new_feed

    def remove(source: str) -> None:
        cache.remove_many([source])
        kept.remove(source)
        held.remove(source)

    def same() -> tuple[FeedItem, ...]:
        assert kept.feed() == held.feed()
        for query in ("bridge", "BRIDGE traffic", "storm", "zzz", "é", ""):
            assert list(kept.search_feed(query)) == list(held.search_feed(query)), query
        return kept.feed()

    put(
        feed_page("/f/a", item(0, "Bridge reopens", "Traffic flows."), item(-60, "Storm warning")),
        feed_page("/f/b", item(0, "BRIDGE REOPENS", "traffic flows."), item(30, "Café closes")),
        tell=False,
    )
    assert [i.label for i in same()] == ["Café closes", "Bridge reopens", "Storm warning"]
    new_kept, new_held = put(feed_page("/f/c", item(45, "Storm over"), item(30, "Cafe closes")))
    assert new_kept == new_held == (item(45, "Storm over"),)
    remove("/f/a")  # its copy of the bridge item gives way to the other page's
    assert [i.label for i in same()] == ["Storm over", "Café closes", "BRIDGE REOPENS"]
    # Edited: the bridge item is gone, and the café item is shown as the page that has
    # held it longest has it.
    put(feed_page("/f/b", item(30, "Café closes")))
    assert [i.label for i in same()] == ["Storm over", "Cafe closes"]
    assert kept.has_feed_item(item(30, "CAFÉ CLOSES")) and not kept.has_feed_item(item(0, "Bridge reopens"))
    rows = kept.rebuild().feed  # rows find an item by its place and identity, reading none
    assert (rows.index_of(item(30, "CAFÉ CLOSES")), rows.index_of(item(0, "Bridge reopens"))) == (1, None)


def test_a_feed_search_given_up_stops_with_search_cancelled(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache.sqlite3")
    page = feed_page("/f/a", item(0, "Bridge reopens"), item(5, "Bridge closes"))
    keys = cache.put_many([(page, FileState(1, 1))])
    held, kept = Store(), Store(texts=cache)
    held.put(page)
    kept.put_keyed([(without_texts(page), keys[page.source][1])])
    for store in (held, kept):
        assert [i.label for i in store.search_feed("bridge")] == ["Bridge closes", "Bridge reopens"]
        with pytest.raises(SearchCancelled):
            store.search_feed("bridge", lambda: True)
