"""Reading state in the app: read after a dwell, m / M, s, the views 1 / 2 / 3,
state that comes back after a restart or from a second reader, and state files
that cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library.arrange import Arrangement
from reader.library.store import SearchResult
from reader.storage.state import ReadingState
from reader.text import article_id
from reader.ui.messages import SearchDone
from tests.pages import page_text
from tests.ui.fixtures import ARTICLES, HOSTILE, clock, make_store
from tests.ui.helpers import RecordingApp, screen_text, settle, shown_title, titles, until

WIDE = (120, 40)


def reading_app(state: ReadingState | None = None, **settings: float) -> RecordingApp:
    reader = RecordingApp(store=make_store(), clock=clock, state=state)
    for name, value in settings.items():
        setattr(reader, name, value)
    return reader


def read(reader: RecordingApp) -> list[str]:
    """The headlines the app counts as read, in list order."""
    return [a.title for a in ARTICLES if not reader.is_unread(a)]


def row(reader: RecordingApp, title_start: str) -> str:
    """The list row on screen whose headline starts so (markers and all)."""
    lines = [line[:44] for line in screen_text(reader).splitlines()]
    found = [line for line in lines if line[3:].startswith(title_start)]
    assert len(found) == 1, lines
    return found[0]


async def test_skimming_marks_nothing_and_an_article_left_open_is_read() -> None:
    reader = reading_app(read_after=1.5)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.pause(1.7)
        assert read(reader) == []  # the article shown at start was not chosen
        await pilot.press("j", "j", "j")
        assert await until(pilot, lambda: read(reader) == [ARTICLES[3].title], seconds=5)
        await pilot.pause(0.5)
        assert read(reader) == [ARTICLES[3].title]  # those skimmed past are still unread
        assert reader.sub_title == "6 articles · 5 unread"
        assert row(reader, "Cafe owners").startswith("   ")
        assert row(reader, "Council votes").startswith("●  ")


async def test_enter_reads_at_once_and_m_marks_unread_again() -> None:
    reader = reading_app(read_after=0.3)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        assert read(reader) == [ARTICLES[1].title]
        assert reader.focused is reader.reading_pane
        await pilot.press("m")  # from the reading pane: the article it shows
        assert read(reader) == []
        await pilot.pause(0.6)
        assert read(reader) == []  # marked by hand, it stays unread while on show
        await pilot.press("h", "m")  # from the list: the highlighted article
        assert read(reader) == [ARTICLES[1].title]
        assert reader.sub_title == "6 articles · 5 unread"


async def test_capital_m_marks_every_article_shown_read() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"cafe")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[0].title, ARTICLES[3].title]
        await pilot.press("tab", "M")
        await settle(pilot)
        assert read(reader) == [ARTICLES[0].title, ARTICLES[3].title]
        assert reader.notes[-1] == "Marked 2 articles read. u undoes it."
        await pilot.press("M")
        await settle(pilot)
        assert reader.notes[-1] == "Every article shown was read already."
        assert reader.sub_title == "6 articles · 4 unread"


async def test_u_undoes_the_last_marking_and_only_that() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        assert reader.notes[-1] == "Nothing to undo."
        await pilot.press("j", "m")  # one read by hand, then every one shown
        assert read(reader) == [ARTICLES[1].title]
        await pilot.press("M")
        await settle(pilot)
        assert reader.sub_title == "6 articles · 0 unread"
        await pilot.press("u")  # M undone: the one read before M stays read
        await settle(pilot)
        assert read(reader) == [ARTICLES[1].title]
        assert reader.notes[-1] == "Undone: the read marks of 5 articles are as they were."
        assert reader.sub_title == "6 articles · 5 unread"
        await pilot.press("u")  # one level: nothing more
        assert reader.notes[-1] == "Nothing to undo."
        await pilot.press("s", "u")
        assert row(reader, ARTICLES[1].title[:12]).startswith("● ") or "★" not in row(
            reader, ARTICLES[1].title[:12]
        )
        assert reader.sub_title == "6 articles · 5 unread"
        assert reader.notes[-1] == "Undone: the saved marks of 1 article are as they were."
        await pilot.press("m", "u")  # read again by m, and undone: unread
        assert read(reader) == [ARTICLES[1].title]


async def test_s_saves_and_the_saved_view_lists_them() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s", "j", "j", "s")
        assert reader.notes[-2:] == [f"Saved: {ARTICLES[0].title}", f"Saved: {HOSTILE}"]
        assert row(reader, "Zürich café").startswith("●★ ")
        assert reader.sub_title == "6 articles · 6 unread · 2 saved"
        await pilot.press("3")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[0].title, HOSTILE]
        assert reader.article_list.highlighted == ARTICLES[2]  # the cursor stays on its article
        assert reader.sub_title.startswith("Showing saved · ")
        await pilot.press("k", "s")  # unsaved in the saved view: it stays until the view is chosen again
        await settle(pilot)
        assert reader.notes[-1] == f"No longer saved: {ARTICLES[0].title}"
        assert titles(reader) == [ARTICLES[0].title, HOSTILE]
        assert row(reader, "Zürich café").startswith("●  ")
        await pilot.press("3")
        await settle(pilot)
        assert titles(reader) == [HOSTILE]
        await pilot.press("1")
        await settle(pilot)
        assert titles(reader) == [a.title for a in ARTICLES]


async def test_the_unread_view_keeps_what_is_read_in_it_until_chosen_again() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "h", "2")
        await settle(pilot)
        assert titles(reader) == [a.title for a in ARTICLES[1:]]
        assert reader.sub_title == "Showing unread · 6 articles · 5 unread"
        await pilot.press("enter", "h")
        await settle(pilot)
        assert titles(reader) == [
            a.title for a in ARTICLES[1:]
        ]  # read now, but not gone from under the cursor
        await pilot.press("2")
        await settle(pilot)
        assert titles(reader) == [a.title for a in ARTICLES[2:]]


async def test_search_works_within_the_view() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "h", "2", "slash", *"cafe")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[3].title]  # the other café article is read
        assert str(reader.search_bar.query_one("#search-count").render()) == "1 of 5"
        await pilot.press("escape")
        await settle(pilot)
        assert titles(reader) == [a.title for a in ARTICLES[1:]]  # the unread view again, unsearched


async def test_the_views_are_in_the_command_palette() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s", "ctrl+p", *"show saved")
        assert await until(pilot, lambda: "Show saved articles" in screen_text(reader))
        await pilot.press("enter")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[0].title]


async def test_read_and_saved_come_back_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    first = reading_app(ReadingState(path), read_after=60)
    async with first.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert first.notes == [f"What you read and save is kept in {path} (a new file)"]
        await pilot.press("enter", "h", "j", "s", "q")
    first.reading_state.close()
    again = reading_app(ReadingState(path), read_after=60)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.notes == []
        assert read(again) == [ARTICLES[0].title]
        assert [a.title for a in ARTICLES if again.is_saved(a)] == [ARTICLES[1].title]
        assert again.sub_title == "6 articles · 5 unread · 1 saved"
        assert row(again, "Zürich café").startswith("   ")
        assert row(again, "Council votes").startswith("●★ ")


async def test_what_a_second_reader_marks_shows_up(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    reader = reading_app(ReadingState(path), read_after=60, state_poll_seconds=0.2)
    other = ReadingState(path)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        other.mark_read([article_id(ARTICLES[2])])
        other.mark_saved(article_id(ARTICLES[4]))
        assert await until(pilot, lambda: reader.sub_title == "6 articles · 5 unread · 1 saved")
        assert read(reader) == [HOSTILE]
        await pilot.press("enter")
        assert await until(pilot, lambda: other.refresh() and other.is_read(article_id(ARTICLES[0])))


async def test_a_damaged_state_file_is_kept_and_the_session_goes_on_unsaved(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 40
    path.write_bytes(damaged)
    reader = reading_app(ReadingState(path), read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert len(reader.notes) == 1 and str(path) in reader.notes[0] and "session only" in reader.notes[0]
        assert reader.sub_title == "6 articles · 6 unread · not saving what you read"
        await pilot.press("enter", "s")
        assert read(reader) == [ARTICLES[0].title] and reader.is_saved(ARTICLES[0])
        assert reader.warnings == reader.notes[:1]  # kept for the warnings screen (w)
    assert path.read_bytes() == damaged


async def test_a_read_only_state_file_is_read_but_not_written(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    before = ReadingState(path)
    before.mark_read([article_id(ARTICLES[5])])
    before.close()
    path.chmod(0o444)
    reader = reading_app(ReadingState(path), read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert reader.notes == [
            f"the reading state file {path} is read-only: what you read and save now "
            "is kept for this session only"
        ]
        assert read(reader) == [ARTICLES[5].title]
        await pilot.press("enter")
        assert read(reader) == [ARTICLES[0].title, ARTICLES[5].title]
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert check.execute("SELECT id FROM articles").fetchall() == [(article_id(ARTICLES[5]),)]


async def test_a_state_file_deleted_while_running_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    reader = reading_app(ReadingState(path), read_after=60, state_poll_seconds=0.2)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        for file in tmp_path.iterdir():
            file.unlink()
        assert await until(pilot, lambda: any("was gone" in note for note in reader.notes))
        await pilot.press("h", "j", "s")
    reader.reading_state.close()
    assert ReadingState(path).read_ids == {article_id(ARTICLES[0])}
    assert ReadingState(path).saved_ids == {article_id(ARTICLES[1])}


async def test_a_page_renamed_or_saved_twice_is_one_article(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    (pages / "other.txt").write_text(page_text("Council votes on the budget", day=4))
    state_path = tmp_path / "state.sqlite3"
    first = RecordingApp([pages], clock=clock, state=ReadingState(state_path), watch=False)
    async with first.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert titles(first) == ["Ferry returns to the island", "Council votes on the budget"]
        await pilot.press("enter", "h", "j", "s")
    first.reading_state.close()
    (pages / "ferry.txt").rename(pages / "renamed.txt")
    (pages / "copy.txt").write_text(page_text("Ferry returns to the island", day=5))
    again = RecordingApp([pages], clock=clock, state=ReadingState(state_path), watch=False)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        # Listed once (the copy first in list order), read; the other article saved.
        assert [Path(a.source).name for a in again.article_list.articles] == ["copy.txt", "other.txt"]
        assert [again.is_unread(a) for a in again.article_list.articles] == [False, True]
        assert [again.is_saved(a) for a in again.article_list.articles] == [False, True]
        assert again.sub_title == "2 articles · 1 unread · 1 saved"
        assert again.store.id_of(str(pages / "renamed.txt")) == again.store.id_of(str(pages / "copy.txt"))


async def test_m_while_an_article_dwells_keeps_it_as_marked() -> None:
    reader = reading_app(read_after=0.5)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert await until(pilot, lambda: shown_title(reader) == ARTICLES[1].title)
        await pilot.press("m", "m")  # read by hand, then unread again, within the dwell
        assert read(reader) == []
        await pilot.pause(0.8)
        assert read(reader) == []


async def test_an_article_marked_unread_by_hand_is_not_read_again_while_on_show() -> None:
    reader = reading_app(read_after=0.3, show_delay=0.3)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "m")  # j's show is still to come when m marks it unread
        assert read(reader) == []
        await pilot.pause(0.8)
        await pilot.press("h", "k")  # back to the list, away from it and back again: a new visit
        assert await until(pilot, lambda: read(reader) == [ARTICLES[0].title])
        await pilot.press("j")
        assert await until(pilot, lambda: read(reader) == [ARTICLES[0].title, ARTICLES[1].title])
        await pilot.press("k")
        assert await until(pilot, lambda: shown_title(reader) == ARTICLES[0].title)
        await pilot.press("m", "k")  # `k` on the top row moves nothing: still the same visit
        await pilot.pause(0.6)
        assert read(reader) == [ARTICLES[1].title]


async def test_the_unread_view_keeps_what_is_before_the_user_when_another_reader_marks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    reader = reading_app(ReadingState(path), read_after=60, state_poll_seconds=0.2)
    other = ReadingState(path)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter", "h")  # read here, so kept in the view
        await pilot.press("j")
        assert await until(pilot, lambda: shown_title(reader) == ARTICLES[1].title)
        other.mark_read([article_id(ARTICLES[1]), article_id(ARTICLES[4])])  # the one on show, and another
        assert await until(
            pilot, lambda: titles(reader) == [a.title for i, a in enumerate(ARTICLES) if i != 4]
        )
        assert shown_title(reader) == ARTICLES[1].title
        assert reader.sub_title == "Showing unread · 6 articles · 3 unread"
    other.close()


async def test_an_answer_for_another_view_is_not_shown() -> None:
    reader = reading_app(read_after=60)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        reader.post_message(
            SearchDone(SearchResult("", [ARTICLES[1]]), True, False, "unread", 1, Arrangement())
        )
        await settle(pilot)
        assert titles(reader) == [a.title for a in ARTICLES]


async def test_a_copy_saved_while_running_is_no_new_article(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    reader = RecordingApp([tmp_path], clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        (tmp_path / "later copy.txt").write_text(page_text("Ferry returns to the island", day=5))
        assert await until(pilot, lambda: len(reader.store) == 2, seconds=10)
        await settle(pilot)
        # The copy saved last is the one listed (issue 13, point 3), and it is no new article.
        assert [Path(a.source).name for a in reader.article_list.articles] == ["later copy.txt"]
        assert reader.sub_title == "1 article · 1 unread"  # not "✦ 1 new article": nothing new to read


async def test_a_copy_that_takes_the_listed_place_is_no_new_article_either(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    (tmp_path / "other.txt").write_text(page_text("Council votes on the budget", day=9))
    reader = RecordingApp([tmp_path], clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        (tmp_path / "a copy.txt").write_text(
            page_text("Ferry returns to the island", day=5)
        )  # listed from now on
        assert await until(pilot, lambda: len(reader.store) == 3, seconds=10)
        await settle(pilot)
        assert [Path(a.source).name for a in reader.article_list.articles] == ["other.txt", "a copy.txt"]
        assert reader.sub_title == "2 articles · 2 unread"
        await pilot.pause(reader.tell_delay + 0.3)
        assert reader.notes == []  # no "New: Ferry returns…"
        (tmp_path / "new.txt").write_text(page_text("Bridge reopens", day=7))
        (tmp_path / "new copy.txt").write_text(page_text("Bridge reopens", day=7))
        assert await until(pilot, lambda: reader.notes == ["New: Bridge reopens"], seconds=10)
        assert reader.sub_title == "3 articles · 3 unread · ✦ 1 new article"
        await pilot.press("j")  # seen, whichever copy is listed
        assert await until(pilot, lambda: reader.sub_title == "3 articles · 3 unread")


async def test_a_page_renamed_while_running_keeps_its_state_and_is_no_new_article(tmp_path: Path) -> None:
    feed = [("9:40 AM", "Tram line extended to the harbour")]
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5, feed=feed))
    (tmp_path / "other.txt").write_text(page_text("Council votes on the budget", day=9))
    reader = RecordingApp([tmp_path], clock=clock, state=ReadingState(tmp_path.parent / "state.sqlite3"))
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "h")  # the ferry article, read
        (tmp_path / "ferry.txt").rename(tmp_path / "ferry, saved in March.txt")
        assert await until(
            pilot, lambda: reader.store.page(str(tmp_path / "ferry, saved in March.txt")), seconds=10
        )
        await pilot.pause(reader.tell_delay + 0.3)
        assert reader.sub_title == "2 articles · 1 unread"  # no new article, no new feed item
        assert not [note for note in reader.notes if "New" in note]  # ("1 page removed" is told)
        assert [reader.status(a).name for a in reader.article_list.articles] == ["UNREAD", "READ"]
    reader.reading_state.close()


async def test_a_headline_fixed_in_its_file_keeps_the_articles_marks(tmp_path: Path) -> None:
    # The stable id is made of the headline: fixing a typo in it made a new article,
    # unread and unsaved (issue 13, point 4). The marks move with it.
    page = tmp_path / "ferry.txt"
    page.write_text(page_text("Ferry retruns to the island", day=5))
    (tmp_path / "other.txt").write_text(page_text("Council votes on the budget", day=9))
    state = ReadingState(tmp_path / "state.sqlite3")
    reader = RecordingApp([tmp_path], clock=clock, state=state)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "s")  # the ferry article: read at once, and saved
        assert await until(pilot, lambda: reader.sub_title == "2 articles · 1 unread · 1 saved")
        page.write_text(page_text("Ferry returns to the island", day=5))
        assert await until(pilot, lambda: "Ferry returns to the island" in titles(reader), seconds=10)
        await settle(pilot)
        assert reader.sub_title == "2 articles · 1 unread · 1 saved"
        fixed = next(a for a in reader.article_list.articles if a.title == "Ferry returns to the island")
        new_id = reader.store.id_of(fixed.source)
        assert new_id is not None and state.is_read(new_id) and state.is_saved(new_id)
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    assert again.is_read(new_id) and again.is_saved(new_id)
    again.close()
