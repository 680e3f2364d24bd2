"""The store: ordering, the merged feed, headline search, notifications, threads."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library.store import Change, Store
from reader.model import Article, FeedItem, Page
from reader.text import PageKeys, fold, match_spans

CAPTURED = datetime(2024, 3, 1, 12, 0)


def page(source: str, title: str | None, published=None, feed=(), captured=CAPTURED) -> Page:
    article = None if title is None else Article(title=title, published=published, source=source)
    return Page(source=source, captured=captured, article=article, feed=tuple(feed))


def titles(store: Store) -> list[str]:
    return [a.title for a in store.articles()]


def test_articles_newest_first_mixing_zones_and_dates_undated_last_by_capture() -> None:
    store = Store()
    store.put_many(
        [
            page("a", "naive noon", datetime(2024, 2, 1, 12, 0)),
            page("b", "date only", date(2024, 2, 2)),
            page("c", "aware evening", datetime(2024, 2, 2, 20, 0, tzinfo=UTC)),
            page("d", "undated old capture", None, captured=datetime(2024, 1, 1)),
            page("e", "undated new capture", None, captured=datetime(2024, 2, 1)),
            page("f", None),
        ]
    )
    assert titles(store) == [
        "aware evening",
        "date only",
        "naive noon",
        "undated new capture",
        "undated old capture",
    ]
    assert len(store) == 6


def test_put_replaces_and_remove_forgets() -> None:
    store = Store()
    store.put(page("a", "first"))
    store.put(page("a", "second"))
    assert titles(store) == ["second"]
    store.remove("a")
    assert titles(store) == []
    assert store.remove("a") == Change()


def test_feed_is_merged_newest_first_with_duplicates_once() -> None:
    t = datetime(2024, 3, 1, 9, 0)
    item = FeedItem(t, "Bridge reopens", "Traffic flows again.")
    store = Store()
    store.put_many(
        [
            page("a", "A", feed=[item, FeedItem(t - timedelta(hours=2), None, "Older item.")]),
            page(
                "b",
                "B",
                feed=[
                    FeedItem(t, "BRIDGE REOPENS", "Traffic flows again."),
                    FeedItem(t + timedelta(hours=1), "Newest", None),
                    FeedItem(None, "Undated", None),
                ],
            ),
        ]
    )
    assert [i.label for i in store.feed()] == ["Newest", "Bridge reopens", "Older item.", "Undated"]
    store.remove("a")
    assert [i.label for i in store.feed()] == ["Newest", "BRIDGE REOPENS", "Undated"]


def test_search_is_case_and_accent_insensitive_and_needs_every_word() -> None:
    store = Store()
    store.put_many(
        [
            page("a", "Zürich café reopens after flood", datetime(2024, 1, 3)),
            page("b", "Cafe owners in Zurich protest rent", datetime(2024, 1, 2)),
            page("c", "Rent rises again", datetime(2024, 1, 1)),
        ]
    )
    assert [a.title for a in store.search("zurich CAFE").articles] == [
        "Zürich café reopens after flood",
        "Cafe owners in Zurich protest rent",
    ]
    assert [a.title for a in store.search("rent zur").articles] == ["Cafe owners in Zurich protest rent"]
    assert list(store.search("nothing").articles) == []
    assert len(store.search("   ").articles) == 3


def test_refined_searches_narrow_and_stay_right_after_changes() -> None:
    store = Store()
    store.put_many(
        [
            page(str(n), f"council {word}", datetime(2024, 1, 1) + timedelta(hours=n))
            for n, word in enumerate(["bridge", "budget", "bridges", "vote"])
        ]
    )
    for query, expected in [
        ("co", 4),
        ("cou", 4),
        ("council b", 3),
        ("council br", 2),
        ("bri cou", 2),
        ("council", 4),
        ("vote", 1),
        ("council bridge", 2),
    ]:
        assert len(store.search(query).articles) == expected, query
    store.put(page("9", "council bridge again", datetime(2025, 1, 1)))
    assert [a.title for a in store.search("council br").articles][0] == "council bridge again"
    assert len(store.search("council br").articles) == 3


def test_search_hits_say_what_matched_in_the_original_headline() -> None:
    store = Store()
    store.put(page("a", "Zürich café reopens; ZÜRICH cheers"))
    result = store.search("zurich cafe")
    [article] = result.articles
    assert [article.title[s:e] for s, e in result.spans(article)] == ["Zürich", "café", "ZÜRICH"]


def test_match_spans_merge_overlaps_and_handle_expanding_folds() -> None:
    assert match_spans("Straße closed", "strasse") == [(0, 6)]
    assert match_spans("banana", "an na") == [(1, 6)]
    assert match_spans("anything", "") == []
    assert fold("Ÿ É ﬁ") == "y e fi"


def test_match_spans_fold_each_character_as_fold_does() -> None:
    # Characters folding to none ("\u0301", a loose accent) or to several ("…", "ß")
    # shift every match after them; ASCII text takes a shorter way: all agree.
    text = "Wait… the Straße cafe\u0301 and CAFÉ, then café … FINAL café"
    assert [text[s:e] for s, e in match_spans(text, "cafe")] == ["cafe", "CAFÉ", "café", "café"]
    assert [text[s:e] for s, e in match_spans(text, "strasse final")] == ["Straße", "FINAL"]
    assert match_spans("Ferry CAFE reopens", "cafe") == [(6, 10)]
    long = "Ünïcode … " * 50_000
    assert len(match_spans(long, "unicode")) == 50_000


def test_feed_search_matches_headline_or_summary() -> None:
    store = Store()
    store.put(
        page(
            "a",
            "A",
            feed=[
                FeedItem(None, "Storm warning", "Winds up to 90 km/h."),
                FeedItem(None, None, "Ferry service resumes."),
            ],
        )
    )
    assert [i.label for i in store.search_feed("winds storm")] == ["Storm warning"]
    assert [i.label for i in store.search_feed("ferry")] == ["Ferry service resumes."]


def test_subscribers_hear_each_change_and_can_unsubscribe() -> None:
    store = Store()
    heard: list[Change] = []
    unsubscribe = store.subscribe(heard.append)
    store.put(page("a", "A"))
    store.put_many([page("a", "A2"), page("b", "B")])
    store.remove("b")
    unsubscribe()
    store.remove("a")
    assert heard == [
        Change(added=("a",), new_articles=("a",)),
        Change(added=("b",), updated=("a",), new_articles=("b",)),
        Change(removed=("b",)),
    ]
    store.put(page("a", "A2"))
    assert store.put(page("c", "A2")).new_articles == ()  # a's article saved again: added, no new article
    assert store.rebuild().hidden == {"c"} and store.put(page("d", "D")).new_articles == ("d",)


def test_filling_from_threads_while_reading() -> None:
    store = Store()
    stop = threading.Event()
    seen_sizes: list[int] = []

    def reader() -> None:
        while not stop.is_set():
            articles = store.articles()
            assert list(articles) == sorted(articles, key=lambda a: a.published, reverse=True)
            seen_sizes.append(len(store.search("page").articles))

    def writer(offset: int) -> None:
        for n in range(300):
            store.put(
                page(
                    f"{offset}-{n}",
                    f"page {offset} {n}",
                    datetime(2024, 1, 1) + timedelta(minutes=offset * 1000 + n),
                )
            )

    watcher = threading.Thread(target=reader)
    watcher.start()
    writers = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    stop.set()
    watcher.join()
    assert len(store.articles()) == 1200
    assert len(store.search("page").articles) == 1200
    assert seen_sizes == sorted(seen_sizes)


def _snapshot(store: Store) -> tuple:
    """What a view shows, with feed items that tie in time compared as a set: the
    order among ties is when the store first saw each, which differs by history. So
    does which page's copy of a duplicate is shown (`Bridge` or `BRIDGE`)."""
    articles = [(a.source, a.title) for a in store.articles()]
    feed: dict[tuple, set] = {}
    for item in store.feed():
        feed.setdefault((item.time is None, item.time), set()).add(
            (fold(item.headline or ""), fold(item.summary or ""))
        )
    return articles, list(feed.items())


def test_small_changes_update_the_sorted_view_in_place_exactly_as_sorting_again() -> None:
    import random

    rng = random.Random(4)
    heads = ["Bridge reopens", "BRIDGE REOPENS", "Market opens", "Rail strike ends", "Ferry back", None]
    times = [datetime(2024, 3, d, h) for d in (1, 2) for h in (8, 9)] + [None]

    def page(n: int, version: int) -> Page:
        feed = tuple(
            FeedItem(rng.choice(times), rng.choice(heads), rng.choice(["Summary.", None]))
            for _ in range(rng.randint(0, 4))
        )
        dated = rng.random() < 0.8
        article = Article(
            title=f"Story {n} v{version} {rng.choice(['café', 'Cafe', 'bridge'])}",
            published=datetime(2024, 3, 1 + n % 5) if dated else None,
            source=f"p{n}",
        )
        return Page(
            source=f"p{n}",
            captured=datetime(2024, 3, 9),
            article=article if rng.random() < 0.9 else None,
            feed=feed,
        )

    store = Store()
    store.put_many([page(n, 0) for n in range(40)])
    store.rebuild()  # the first view is sorted from scratch; the rest are updates
    for step in range(300):
        n = rng.randrange(50)
        if rng.random() < 0.3:
            store.remove(f"p{n}")
        else:
            store.put(page(n, step))
        if rng.random() < 0.5:
            continue  # several changes between views, too
        fresh = Store()
        fresh.put_many(store.page(s) for s in sorted(store._pages))
        assert _snapshot(store) == _snapshot(fresh), step
        for article in fresh.articles():
            assert store.article_titled(article.title) == fresh.article_titled(article.title)
        for item in store.feed():
            holders = [i for p in fresh._pages.values() for i in p.feed if i == item]
            assert holders, "every item shown is one a page still holds"


def test_the_same_article_held_twice_is_listed_once_and_the_other_copy_takes_over() -> None:
    store = Store()
    day = datetime(2024, 3, 3, 20, 15)
    store.put_many(
        [
            page("/p/b-copy.txt", "Ferry returns", day),
            page("/p/a.txt", "FERRY  returns", day),  # the same article, saved again under another name
            page("/p/c.txt", "Ferry returns", datetime(2024, 3, 4)),  # another day: another article
            page("/p/d.txt", "Council meets", datetime(2024, 3, 1)),
        ]
    )
    view = store.rebuild()
    assert [(a.source, a.title) for a in view.articles.items] == [
        ("/p/c.txt", "Ferry returns"),
        ("/p/a.txt", "FERRY  returns"),
        ("/p/d.txt", "Council meets"),
    ]
    assert view.hidden == {"/p/b-copy.txt"} and len(set(view.ids)) == len(view.ids) == 3
    assert [a.source for a in store.search("ferry").articles] == ["/p/c.txt", "/p/a.txt"]
    store.remove("/p/a.txt")
    view = store.rebuild()
    assert [a.source for a in view.articles.items] == ["/p/c.txt", "/p/b-copy.txt", "/p/d.txt"]
    assert view.hidden == frozenset()
    store.put(page("/p/a.txt", "Ferry returns", day))  # back, one change among many: moved in place
    assert [a.source for a in store.rebuild().articles.items] == ["/p/c.txt", "/p/a.txt", "/p/d.txt"]


def test_a_full_text_hit_in_a_copy_not_listed_finds_the_listed_one() -> None:
    store = Store()
    day = datetime(2024, 3, 3, 20, 15)
    store.put_many([page("/p/a.txt", "Ferry returns", day), page("/p/b.txt", "Ferry returns", day)])
    assert store.rebuild().hidden == {"/p/b.txt"}
    # The index found the word only in b.txt, whose text was corrected when saved again.
    assert [a.source for a in store.search_sources("timetable", ["/p/b.txt"]).articles] == ["/p/a.txt"]
    assert store.article_titled("ferry   RETURNS").source == "/p/a.txt"


def test_of_two_copies_of_an_article_the_newest_capture_is_listed_whatever_its_name() -> None:
    day = datetime(2024, 3, 3, 20, 15)
    older, newer = datetime(2024, 3, 4, 9, 0), datetime(2024, 3, 5, 9, 0)
    for old_name, new_name in (("/p/a.txt", "/p/z.txt"), ("/p/z.txt", "/p/a.txt")):
        store = Store()
        store.put_many(
            [
                page(old_name, "Ferry returns", day, captured=older),
                page(new_name, "Ferry returns", day, captured=newer),
                page("/p/d.txt", "Council meets", datetime(2024, 3, 1)),
            ]
        )
        view = store.rebuild()
        assert [a.source for a in view.articles.items] == [new_name, "/p/d.txt"]
        assert view.hidden == {old_name}
        assert store.article_titled("ferry returns").source == new_name
        assert [a.source for a in store.search_sources("ferry", [old_name]).articles] == [new_name]
        # The older copy saved again later becomes the newest: it is listed in its place
        # (one change among many, moved in place rather than sorted again).
        store.put(page(old_name, "Ferry returns", day, captured=newer + timedelta(days=1)))
        assert [a.source for a in store.rebuild().articles.items] == [old_name, "/p/d.txt"]


def test_a_first_load_need_not_be_told_which_feed_items_are_new() -> None:
    item = FeedItem(CAPTURED - timedelta(hours=1), "Bridge closes", "For a week.")
    pages = [page("a.txt", "A", CAPTURED, feed=(item,)), page("b.txt", "B", CAPTURED, feed=(item,))]
    told, quiet = Store(), Store()
    keyed = [(p, PageKeys.of(p)) for p in pages]
    assert told.put_keyed(keyed).new_feed == (item,)
    change = quiet.put_keyed(keyed, tell_new=False)
    assert (change.added, change.new_feed) == (("a.txt", "b.txt"), ())
    assert (titles(quiet), quiet.feed()) == (titles(told), told.feed()) == (["A", "B"], (item,))
    # Later changes are told as ever: an item no page had is new, one held already is not.
    other = FeedItem(CAPTURED, "Ferry returns", None)
    assert quiet.put(page("c.txt", "C", CAPTURED, feed=(item, other))).new_feed == (other,)


@settings(max_examples=150, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["/p/a", "/p/b", "/p/c", "/p/d"]),
            st.none() | st.tuples(st.sampled_from(["Ferry", "FERRY", "Bridge", "Tram"]), st.integers(1, 4)),
        ),
        max_size=25,
    )
)
def test_a_store_kept_up_to_date_lists_and_names_as_one_built_afresh(steps) -> None:
    """Pages put and removed one by one (each a change moved in place) give the list
    and the headline lookup of a store given the pages left all at once."""
    kept, pages = Store(), {}
    kept.rebuild()
    for source, what in steps:
        if what is None:
            kept.remove(source)
            pages.pop(source, None)
        else:
            title, day = what
            pages[source] = page(source, title, datetime(2024, 3, day))
            kept.put(pages[source])
        fresh = Store()
        fresh.put_many(pages.values())
        assert [a.source for a in kept.articles()] == [a.source for a in fresh.articles()]
        for title in ("ferry", "bridge", "tram"):
            shown, expected = kept.article_titled(title), fresh.article_titled(title)
            assert (shown and shown.source) == (expected and expected.source), title
