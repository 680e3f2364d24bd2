"""When the search worker's parts run, and what the app leaves to garbage collection."""

from __future__ import annotations

from reader.library.store import Store
from reader.ui import app as app_module
from tests.ui.fixtures import FEED
from tests.ui.helpers import app, settle

WIDE = (160, 40)


async def test_the_feed_is_searched_once_the_lists_answer_is_drawn(monkeypatch) -> None:
    reader = app()
    lists_answer: list[tuple[str, str]] = []  # (query of the feed search, query the list showed then)
    search_feed = Store.search_feed

    def watched(store: Store, query: str, cancelled=lambda: False):
        lists_answer.append((query, reader.article_list.search_query))
        return search_feed(store, query, cancelled)

    monkeypatch.setattr(Store, "search_feed", watched)
    async with reader.run_test(size=WIDE) as pilot:
        for key in ["slash", *"bridge"]:
            await pilot.press(key)
            await settle(pilot)
        assert list(reader.feed_list.items) == [FEED[0], FEED[2]]
    assert lists_answer and all(query == shown for query, shown in lists_answer), lists_answer


async def test_a_large_store_is_left_out_of_garbage_collection_once_loaded(monkeypatch) -> None:
    frozen: list[int] = []
    monkeypatch.setattr(app_module.gc, "freeze", lambda: frozen.append(1))
    small = app()
    async with small.run_test(size=WIDE) as pilot:
        await settle(pilot)
    assert frozen == []  # a few pages: collection costs nothing worth avoiding
    large = app()
    large.freeze_from = len(large.store)
    async with large.run_test(size=WIDE) as pilot:
        await settle(pilot)
    assert frozen == [1]
