"""The session's rules without the app: what the header says, what a view lists
(and keeps listed), which articles are new, and when an article left on show is
read."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.library.ingest import Progress
from reader.library.store import SearchCancelled, Store
from reader.model import Article, FeedItem, Page
from reader.storage.state import ReadingState
from reader.text import PageKeys, article_id
from reader.ui.session import Dwell, Session, Showing

NOW = datetime(2024, 3, 10, 12, 0)


def article(n: int, title: str | None = None) -> Article:
    return Article(
        title=title or f"Story {n} about the ferry",
        published=datetime(2024, 3, n),
        source=f"pages/{n:02d}.txt",
    )


ARTICLES = [article(n) for n in range(1, 7)]  # newest last: the list shows Story 6 first
FEED_ITEM = FeedItem(NOW, "Bridge closes for repairs", "For two weeks.")


def page(a: Article, feed: tuple[FeedItem, ...] = ()) -> Page:
    return Page(source=a.source, captured=NOW, article=a, feed=feed)


def make_session(**options: bool) -> Session:
    store = Store()
    pages = [page(a) for a in ARTICLES]
    # Rows as a parse cache would number them: article n on row n.
    store.put_keyed(
        [(p, PageKeys.of(p)) for p in pages], rows={a.source: n for n, a in enumerate(ARTICLES, 1)}
    )
    store.rebuild()
    return Session(store, ReadingState(), **options)


def arrive(session: Session, *pages: Page) -> Progress:
    """Pages saved while running: in the store, and told to the session as a done run."""
    change = session.store.put_many(pages)
    session.store.rebuild()
    progress = Progress(
        files=len(pages),
        total=len(pages),
        live=True,
        done=True,
        added=change.added,
        new_articles=change.new_articles,
        new_feed=frozenset(change.new_feed),
    )
    session.take_changes(progress)
    return progress


def remove(session: Session, source: str) -> None:
    change = session.store.remove(source)
    session.store.rebuild()
    session.take_changes(Progress(files=0, total=0, live=True, done=True, removed=change.removed))


def ids(*articles: Article) -> list[str]:
    return [article_id(a) for a in articles]


# The header ---------------------------------------------------------------------


def test_the_counts_say_what_is_listed_read_and_saved() -> None:
    session = make_session()
    assert session.counts_text() == "6 articles · 6 unread"
    session.set_read(ARTICLES[:2], True)
    session.toggle_saved(article_id(ARTICLES[3]))
    assert session.counts_text() == "6 articles · 4 unread · 1 saved"
    session.choose_view(Showing.UNREAD)
    assert session.counts_text() == "Showing unread · 6 articles · 4 unread · 1 saved"
    session.state.problem = "the reading state file is read-only"
    assert session.counts_text().endswith(" · 1 saved · not saving what you read")


def test_one_article_is_no_articles() -> None:
    store = Store()
    store.put(page(ARTICLES[0]))
    store.rebuild()
    assert Session(store, ReadingState()).counts_text() == "1 article · 1 unread"


def test_the_counts_say_what_is_new_and_what_is_being_read() -> None:
    session = make_session(loading=True)
    session.files_read = 1_400
    assert session.counts_text() == "6 articles · 6 unread · loading… 1,400 files"
    session.loading = False
    arrive(session, page(article(7), feed=(FEED_ITEM,)), page(article(8)))
    assert session.counts_text() == "8 articles · 8 unread · ✦ 2 new articles, 1 new feed item"


def test_the_counts_are_of_the_articles_listed_not_of_the_whole_state() -> None:
    store = Store()
    store.put(page(ARTICLES[0]))
    store.rebuild()
    state = ReadingState()
    others = ids(*ARTICLES[1:4])  # saved and read in another run, over other pages
    for other in others:
        state.mark_saved(other)
    state.mark_read(others)
    session = Session(store, state)
    assert session.counts_text() == "1 article · 1 unread"
    state.mark_saved(article_id(ARTICLES[0]))
    assert session.counts_text() == "1 article · 1 unread · 1 saved"
    store.put(page(ARTICLES[1]))
    store.rebuild()
    assert session.counts_text() == "2 articles · 1 unread · 2 saved"


def test_a_burst_read_in_several_runs_is_counted_as_one_until_told() -> None:
    session = make_session()
    session.take_changes(Progress(files=3, total=10, live=True, done=False))
    assert session.counts_text() == "6 articles · 6 unread · reading 3/10 changed files"
    session.take_changes(Progress(files=10, total=10, live=True, done=True))
    assert session.reading_files is None and "reading" not in session.counts_text()
    session.take_changes(Progress(files=2, total=5, live=True, done=False))
    assert session.counts_text().endswith("reading 12/15 changed files")
    session.take_changes(Progress(files=5, total=5, live=True, done=True))
    session.changes_told()
    session.take_changes(Progress(files=1, total=4, live=True, done=False))
    assert session.counts_text().endswith("reading 1/4 changed files")


def test_unread_articles_are_counted_again_only_when_something_changed() -> None:
    session = make_session()
    counted = []
    count_read = session.state.count_read

    def counting(article_ids):
        counted.append(1)
        return count_read(article_ids)

    session.state.count_read = counting  # type: ignore[method-assign]
    assert session.unread_count() == 6 and session.unread_count() == 6
    assert len(counted) == 1
    session.set_read([ARTICLES[0]], True)
    assert session.unread_count() == 5 and len(counted) == 2
    arrive(session, page(article(7)))
    assert session.unread_count() == 6 and len(counted) == 3


# The view -----------------------------------------------------------------------


def test_the_unread_view_keeps_what_is_read_in_it_until_chosen_again() -> None:
    session = make_session()
    session.set_read([ARTICLES[0]], True)  # read in the all view: not kept
    session.choose_view(Showing.UNREAD)
    shows = session.view_filter()
    assert shows is not None
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [False, True, True]
    session.set_read([ARTICLES[1]], True)  # read while the unread view is on
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [False, True, True]
    session.choose_view(Showing.UNREAD)
    # A filter handed out before (to a search under way) sees the view chosen again.
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [False, False, True]


def test_the_saved_view_keeps_what_is_unsaved_in_it_until_chosen_again() -> None:
    session = make_session()
    for a in ARTICLES[:2]:
        session.toggle_saved(article_id(a))
    session.choose_view(Showing.SAVED)
    shows = session.view_filter()
    assert shows is not None
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [True, True, False]
    assert session.toggle_saved(article_id(ARTICLES[0])) is False
    assert not session.is_saved(ARTICLES[0]) and shows(article_id(ARTICLES[0]))
    session.choose_view(Showing.SAVED)
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [False, True, False]
    session.choose_view(Showing.ALL)
    assert session.view_filter() is None


def test_what_is_before_the_user_can_be_kept_in_the_view() -> None:
    session = make_session()
    session.choose_view(Showing.UNREAD)
    session.state.mark_read(ids(*ARTICLES[:3]))  # by another reader
    session.keep_in_view([ARTICLES[0], FEED_ITEM, None])
    shows = session.view_filter()
    assert shows is not None
    assert [shows(i) for i in ids(*ARTICLES[:3])] == [True, False, False]


def test_find_searches_the_view_and_says_how_big_it_is() -> None:
    session = make_session()
    session.set_read(ARTICLES[:2], True)
    found = session.find("", lambda: False)
    assert found is not None and len(found.result.articles) == 6 and found.total == 6
    session.choose_view(Showing.UNREAD)
    found = session.find("story", lambda: False)
    assert found is not None and found.showing is Showing.UNREAD
    assert [a.title for a in found.result.articles] == [a.title for a in reversed(ARTICLES[2:])]
    assert found.total == 4
    found = session.find("story", lambda: False, full_text=lambda query: {6})  # the row of ARTICLES[5]
    assert found is not None and [a.title for a in found.result.articles] == [ARTICLES[5].title]
    assert found.total == 4  # of the unread view


def test_a_find_cancelled_finds_nothing() -> None:
    session = make_session()
    assert session.find("", lambda: True) is None  # cancelled once found: nothing to post
    with pytest.raises(SearchCancelled):
        session.find("story", lambda: True)  # cancelled midway


# New articles -------------------------------------------------------------------


def test_articles_saved_while_running_are_new_until_seen_or_opened() -> None:
    session = make_session()
    seventh, eighth = article(7), article(8)
    arrive(session, page(seventh), page(eighth))
    assert session.is_new(seventh) and session.is_new(eighth) and not session.is_new(ARTICLES[0])
    assert session.seen(seventh) is True
    assert not session.is_new(seventh) and session.seen(seventh) is False
    session.opened(eighth)
    assert not session.is_new(eighth) and session.new == set()
    assert session.seen(None) is False


def test_a_copy_of_an_article_held_is_not_new() -> None:
    session = make_session()
    copy = Article(title=ARTICLES[0].title, published=ARTICLES[0].published, source="pages/copy.txt")
    arrive(session, page(copy))
    assert not session.is_new(copy) and session.new == set()


def test_a_new_article_removed_is_no_longer_new_but_one_still_held_by_a_copy_is() -> None:
    session = make_session()
    seventh, eighth = article(7), article(8)
    arrive(session, page(seventh), page(eighth))
    arrive(session, page(Article(title=eighth.title, published=eighth.published, source="pages/copy.txt")))
    remove(session, seventh.source)
    remove(session, eighth.source)
    assert session.new == {article_id(eighth)}  # the copy holds it still
    assert session.counts_text().endswith("✦ 1 new article")


def test_a_new_article_changed_into_another_is_no_longer_counted_new() -> None:
    # Its file rewritten with the headline fixed: the old id is held by no page, and
    # a "✦ 1 new article" no row carries could never be cleared.
    session = make_session()
    seventh = article(7)
    arrive(session, page(seventh))
    change = session.store.put(page(article(7, title="Story 7 about the ferry, corrected")))
    session.store.rebuild()
    session.take_changes(Progress(files=1, total=1, live=True, done=True, updated=change.updated))
    assert session.new == set()
    assert "new article" not in session.counts_text()


def test_new_feed_items_are_new_until_seen_or_gone() -> None:
    session = make_session()
    other = FeedItem(NOW, "Ferry resumes", None)
    arrive(session, page(article(7), feed=(FEED_ITEM, other)))
    assert session.new_feed == {FEED_ITEM, other}
    session.feed_seen([other])
    assert session.new_feed == {FEED_ITEM}
    remove(session, article(7).source)
    assert session.new_feed == set()
    assert "new" not in session.counts_text()


# Dwelling -----------------------------------------------------------------------


def test_an_article_the_user_brings_up_starts_a_dwell_others_do_not() -> None:
    session = make_session()
    first, second = ARTICLES[0], ARTICLES[1]
    assert session.dwell_on_show(first, by_user=False, dwelling=False) is Dwell.STOP  # shown at start
    assert session.dwell_on_show(second, by_user=True, dwelling=False) is Dwell.START
    assert session.dwell_on_show(second, by_user=True, dwelling=True) is Dwell.GO_ON  # shown again
    assert session.dwell_on_show(second, by_user=False, dwelling=False) is Dwell.GO_ON  # a refresh
    session.set_read([first], True)
    assert session.dwell_on_show(first, by_user=True, dwelling=True) is Dwell.STOP  # read already
    assert session.dwell_on_show(None, by_user=True, dwelling=False) is Dwell.STOP


def test_an_article_marked_by_hand_gets_no_dwell_until_the_user_moves_on() -> None:
    session = make_session()
    first, second = ARTICLES[0], ARTICLES[1]
    assert session.dwell_on_show(first, by_user=True, dwelling=False) is Dwell.START
    assert session.mark_by_hand(second) is False  # not the article the dwell is for
    assert session.mark_by_hand(first) is True  # the dwell under way is for it: to stop
    assert session.dwell_on_show(first, by_user=True, dwelling=False) is Dwell.GO_ON
    assert session.dwell_on_show(second, by_user=True, dwelling=False) is Dwell.START
    assert session.dwell_on_show(first, by_user=True, dwelling=False) is Dwell.START  # a new visit
    # Marked by hand on the last visit only: shown again with no dwell under way, it gets one.
    assert session.dwell_on_show(first, by_user=True, dwelling=False) is Dwell.START


def test_a_dwell_that_elapsed_reads_its_article_if_still_there() -> None:
    session = make_session()
    first, second = ARTICLES[0], ARTICLES[1]
    session.dwell_on_show(first, by_user=True, dwelling=False)
    assert session.dwelt(first) is True
    assert session.dwelt(second) is False  # another article on show
    session.no_dwell()  # a feed item shown
    assert session.dwelt(first) is False
    session.dwell_on_show(first, by_user=True, dwelling=False)
    remove(session, first.source)
    assert session.dwelt(first) is False  # its file was deleted meanwhile


# Read and saved -----------------------------------------------------------------


def test_read_and_saved_are_kept_by_article_not_by_file() -> None:
    session = make_session()
    copy = Article(title=ARTICLES[0].title, published=ARTICLES[0].published, source="pages/copy.txt")
    session.store.put(page(copy))
    session.set_read([copy], True)
    assert not session.is_unread(ARTICLES[0])
    assert sorted(session.unread_among(ARTICLES[:3])) == sorted(ids(*ARTICLES[1:3]))
    unknown = Article(title="Never read from any file", source="nowhere.txt")
    assert session.is_unread(unknown) and not session.is_saved(unknown)
    assert session.set_read([unknown], True) is False
