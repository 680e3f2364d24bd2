"""What the reader tells the user, without the app: the words of its notices,
what a run of changes is told as, and the warnings kept once each."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reader.library.files import LoadFailure
from reader.library.ingest import Progress
from reader.library.store import Store
from reader.model import Article, FeedItem, Page
from reader.storage.state import ReadingState
from reader.ui import notices
from reader.ui.notices import Announcer, Arrivals, Notice

NOW = datetime(2024, 3, 10, 12, 0)


def failure(name: str) -> LoadFailure:
    return LoadFailure(f"/pages/{name}", f"/pages/{name}: empty file")


def store_with(*titles: str) -> Store:
    store = Store()
    store.put_many(
        Page(source=f"{title}.txt", captured=NOW, article=Article(title=title, source=f"{title}.txt"))
        for title in titles
    )
    return store


def live(**changes: object) -> Progress:
    return Progress(files=1, total=1, live=True, done=True, **changes)


def test_counts_are_plural_unless_one() -> None:
    assert [notices.count(n, "article") for n in (0, 1, 2, 1200)] == [
        "0 articles",
        "1 article",
        "2 articles",
        "1,200 articles",
    ]


def test_files_that_could_not_be_read_are_named_the_first_three() -> None:
    assert notices.could_not_read([]) is None
    one = notices.could_not_read([failure("a.txt")])
    assert one == Notice(
        "Could not read 1 file: a.txt. Press w for details.", title="Skipped", severity="warning", timeout=8
    )
    five = notices.could_not_read([failure(f"{name}.txt") for name in "abcde"])
    assert five is not None
    assert five.text == "Could not read 5 files: a.txt, b.txt, c.txt and 2 more. Press w for details."


def test_a_run_of_changes_is_told_in_a_few_lines() -> None:
    store = store_with("Ferry returns", "Bridge reopens", "Tram extended", "Council votes")
    arrivals = Arrivals()
    arrivals.add(live(new_articles=("Ferry returns.txt", "Bridge reopens.txt")), store)
    arrivals.add(live(new_articles=("Tram extended.txt",), updated=("Council votes.txt",)), store)
    arrivals.add(live(removed=("gone.txt", "gone too.txt")), store)
    assert arrivals.told() == [
        "3 new articles: Ferry returns; Bridge reopens and 1 more",
        "Updated: Council votes",
        "2 pages removed",
    ]


def test_one_new_article_is_named_and_feed_items_are_told_only_without_articles() -> None:
    store = store_with("Ferry returns", "Bridge reopens", "Tram extended")
    item = FeedItem(NOW, "Bridge closes", None)
    arrivals = Arrivals()
    arrivals.add(live(new_articles=("Ferry returns.txt",), new_feed=frozenset([item])), store)
    assert arrivals.told() == ["New: Ferry returns"]
    feed_only = Arrivals()
    feed_only.add(
        live(new_feed=frozenset([item]), updated=("Bridge reopens.txt", "Tram extended.txt")), store
    )
    assert feed_only.told() == ["2 articles updated", "1 new News Feed item"]
    assert Arrivals().told() == []


def test_warnings_are_kept_once_and_kept_pages_told_at_once() -> None:
    announcer = Announcer(store_with("Ferry returns"))
    told = announcer.pages_read(
        live(warnings=("a.txt: no date",), kept=("b.txt: empty file; showing the version read before",))
    )
    assert [notice.text for notice in told] == ["b.txt: empty file; showing the version read before"]
    assert told[0].title == "Kept the last good version"
    announcer.pages_read(live(warnings=("a.txt: no date",), new_articles=("Ferry returns.txt",)))
    assert announcer.warnings == ["a.txt: no date", "b.txt: empty file; showing the version read before"]
    assert [notice.text for notice in announcer.arrivals()] == ["New: Ferry returns"]
    assert announcer.arrivals() == []  # told once


def test_the_end_of_the_first_load_says_what_it_found() -> None:
    assert Announcer(Store()).loaded(found_articles=False) == [notices.NO_PAGES]
    assert Announcer(Store()).loaded(found_articles=True) == []
    failed = Announcer(Store())
    failed.pages_read(Progress(files=1, total=1, live=False, done=True, failures=(failure("a.txt"),)))
    assert [notice.text for notice in failed.loaded(found_articles=False)] == [
        "Could not read 1 file: a.txt. Press w for details."
    ]
    assert failed.warnings == ["/pages/a.txt: empty file"]


def test_the_state_files_trouble_is_told_once_and_its_notice_taken() -> None:
    announcer, state = Announcer(Store()), ReadingState()
    state.problem = "the reading state file is read-only"
    state.notice = "What you read and save is kept in state.sqlite3 (a new file)"
    told = announcer.state_news(state)
    assert [notice.text for notice in told] == [
        state.problem,
        "What you read and save is kept in state.sqlite3 (a new file)",
    ]
    assert told[0].title == "Not saving what you read" and state.notice is None
    assert announcer.state_news(state) == [] and announcer.has_warned(state.problem)


def test_following_that_failed_is_told_and_kept() -> None:
    announcer = Announcer(Store())
    assert announcer.following_failed("too many folders", still_following=False).text == (
        "Not following the folders for changes: too many folders"
    )
    assert announcer.following_failed("could not read changes (x); still following", True).text == (
        "could not read changes (x); still following"
    )
    assert announcer.warnings == ["too many folders", "could not read changes (x); still following"]


def test_file_names_and_messages_quoting_them_are_told_without_escapes() -> None:
    hostile = "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m\udcff.txt"
    told = [
        notices.could_not_read([failure(hostile)]),
        notices.kept_last_good(f"/pages/{hostile}: empty file; showing the version read before"),
        notices.not_following(f"cannot watch /pages/{hostile}", still_following=False),
        notices.went_wrong("follow", OSError(f"/pages/{hostile}: gone")),
        notices.exported(Path(f"/out/{hostile}")),
        notices.not_exported(Path(f"/out/{hostile}"), OSError(13, "Permission denied")),
        *Announcer(Store()).cache_problem(f"cannot open /cache/{hostile}"),
    ]
    for notice in told:
        assert notice is not None
        assert "\x1b" not in notice.text and "\x07" not in notice.text, notice.text
        assert "red\ufffd.txt" in notice.text  # the name is still there, made safe
