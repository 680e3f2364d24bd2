"""The reader follows its folders while it runs: pages written, changed and deleted
under a running app (Pilot) show up, update and go, without moving the user."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Label

from reader.library.store import Change, Store
from reader.model import FeedItem, Page
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.article_list import Status
from tests.pages import page_text
from tests.ui.fixtures import NOW, clock
from tests.ui.helpers import RecordingApp, screen_text, shown_title, titles, until

SIZE = (160, 20)


def story(n: int) -> str:
    return f"Story {n:02d} about the ferry"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """25 pages, Story 01 (March 1) to Story 25 (March 25): the list runs off the screen."""
    for n in range(1, 26):
        (tmp_path / f"p{n:02d}.txt").write_text(page_text(story(n), day=n, paragraphs=30))
    return tmp_path


def line_of_cursor(reader: RecordingApp) -> int:
    listing = reader.article_list
    return listing.cursor - listing.scroll_offset.y


async def test_pages_saved_changed_and_deleted_appear_update_and_go_without_moving_the_user(
    folder: Path,
) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await pilot.press(*["j"] * 14, "enter", "space", "space")
        assert shown_title(reader) == story(11) and reader.focused is reader.reading_pane
        listing, pane = reader.article_list, reader.reading_pane
        line, scrolled = line_of_cursor(reader), pane.scroll_y
        assert line > 0 and scrolled > 0

        # Saved: the newest page of all, listed above the user, who stays put.
        feed = [("9:40 AM", "Tram line extended to the harbour")]
        (folder / "new.txt").write_text(page_text("Brand new story about the ferry", day=26, feed=feed))
        assert await until(pilot, lambda: "Brand new story about the ferry" in titles(reader))
        assert titles(reader)[0] == "Brand new story about the ferry"
        assert listing.highlighted.title == story(11) and listing.cursor == 15
        assert (
            line_of_cursor(reader) == line and pane.scroll_y == scrolled and shown_title(reader) == story(11)
        )
        assert reader.status(listing.articles[0]) is Status.NEW
        assert "26 articles · 25 unread · ✦ 1 new article, 1 new feed item" in reader.sub_title
        assert [item.headline for item in reader.feed_list.items] == ["Tram line extended to the harbour"]
        assert await until(pilot, lambda: "New: Brand new story about the ferry" in reader.notes)

        # Changed: the page being read gets its new text, read to the same place.
        (folder / "p11.txt").write_text(page_text(story(11), day=11, paragraphs=30, words=" Corrected."))
        assert await until(pilot, lambda: "Corrected." in pane.text)
        assert pane.scroll_y == scrolled and listing.highlighted.title == story(11)
        assert line_of_cursor(reader) == line
        assert await until(pilot, lambda: f"Updated: {story(11)}" in reader.notes)

        # Deleted: a page above goes; the user's article and line stay.
        (folder / "p20.txt").unlink()
        assert await until(pilot, lambda: story(20) not in titles(reader))
        assert listing.highlighted.title == story(11) and listing.cursor == 14
        assert line_of_cursor(reader) == line and pane.scroll_y == scrolled
        assert await until(pilot, lambda: "1 page removed" in reader.notes)

        # Deleted while being read: the text stays until the user moves on.
        (folder / "p11.txt").unlink()
        assert await until(pilot, lambda: story(11) not in titles(reader))
        await pilot.pause(0.1)
        assert shown_title(reader) == story(11) and pane.scroll_y == scrolled
        assert listing.highlighted.title == story(10)  # its row, now the next one's
        await pilot.press("h", "j")
        assert await until(pilot, lambda: shown_title(reader) == story(9))


async def test_an_active_search_keeps_its_query_and_gains_matching_arrivals(folder: Path) -> None:
    (folder / "bridge.txt").write_text(page_text("Bridge closes for repairs", day=27))
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await pilot.press("slash", *"story 2")
        assert await until(pilot, lambda: reader.article_list.search_query == "story 2")
        hits = [story(n) for n in range(25, 0, -1) if "2" in f"{n:02d}"]  # words match inside words too
        assert titles(reader) == hits
        await pilot.press("enter", "h", "j", "j")  # open the top match, back to the hits, two down
        assert reader.focused is reader.article_list and reader.article_list.cursor == 2
        highlighted = reader.article_list.highlighted
        (folder / "match.txt").write_text(page_text("Story 2 of the night trains", day=28))
        (folder / "other.txt").write_text(page_text("Council votes on the budget", day=28))
        assert await until(pilot, lambda: "Story 2 of the night trains" in titles(reader))
        assert await until(pilot, lambda: len(reader.store) == 28)
        await pilot.pause(0.2)
        assert titles(reader) == ["Story 2 of the night trains", *hits]
        assert reader.query_text == "story 2" and reader.search_bar.input.value == "story 2"
        assert reader.article_list.highlighted == highlighted
        assert str(reader.search_bar.query_one("#search-count", Label).content) == "9 of 28"


async def test_a_page_still_being_written_is_read_once_complete(tmp_path: Path) -> None:
    store = Store()
    bodies: list[int] = []
    target = str(tmp_path / "slow.txt")

    def record(change: Change) -> None:
        page: Page | None = store.page(target)
        if target in change.added + change.updated and page is not None:
            bodies.append(len(page.article.body) if page.article else 0)

    store.subscribe(record)
    reader = RecordingApp([tmp_path], store=store, clock=clock)
    reader.settle_seconds = 0.6
    text = page_text("A page written in parts", paragraphs=12)
    parts = [text[: len(text) // 3], text[len(text) // 3 : 2 * len(text) // 3], text[2 * len(text) // 3 :]]

    def write_slowly() -> None:
        with open(target, "w") as handle:
            for part in parts:
                handle.write(part)
                handle.flush()
                time.sleep(0.1)

    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        writer = threading.Thread(target=write_slowly)
        writer.start()
        assert await until(pilot, lambda: "A page written in parts" in titles(reader))
        writer.join()
        await pilot.pause(0.8)
        assert bodies == [12]


async def test_a_page_that_breaks_keeps_its_last_good_version_and_warns_once(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        path = folder / "p25.txt"
        path.write_bytes(b"\x00\x01\x02 a download that went wrong")
        told = f"{path}: binary file (contains NUL bytes); showing the version read before"
        assert await until(pilot, lambda: told in reader.notes)
        path.write_bytes(b"")
        await pilot.pause(0.8)
        assert reader.notes.count(told) == 1 and not any("empty file" in note for note in reader.notes)
        assert titles(reader)[0] == story(25) and shown_title(reader) == story(25)
        await pilot.press("w")
        assert isinstance(reader.screen, WarningsScreen)
        assert told in "\n".join(reader.screen.query_one("#warnings-body").lines)


async def test_a_new_file_that_cannot_be_read_is_reported_by_name(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        (folder / "broken.txt").write_bytes(b"\x00" * 64)
        assert await until(
            pilot, lambda: "Could not read 1 file: broken.txt. Press w for details." in reader.notes
        )
        assert len(titles(reader)) == 25 and reader.is_running


async def test_folders_moved_in_and_deleted_bring_and_take_their_pages(
    folder: Path, tmp_path_factory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "inner").mkdir()
    (outside / "a.txt").write_text(page_text("Moved in with its folder", day=26))
    (outside / "inner" / "b.txt").write_text(page_text("Moved in deeper", day=27))
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        moved = folder / "archive"
        os.rename(outside, moved)
        assert await until(
            pilot, lambda: titles(reader)[:2] == ["Moved in deeper", "Moved in with its folder"]
        )
        for path in (moved / "inner" / "b.txt", moved / "a.txt"):
            path.unlink()
        (moved / "inner").rmdir()
        moved.rmdir()
        assert await until(pilot, lambda: len(titles(reader)) == 25)
        assert titles(reader)[0] == story(25)


async def test_a_burst_of_pages_is_absorbed_while_keys_answer(folder: Path, tmp_path_factory) -> None:
    staging = tmp_path_factory.mktemp("staging")
    for n in range(1000):
        (staging / f"burst{n:04d}.txt").write_text(page_text(f"Burst page {n:04d}", day=1 + n % 28))
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        listing = reader.article_list
        for path in staging.iterdir():
            os.rename(path, folder / path.name)
        # Keys go in as a terminal sends them, without Pilot's wait for the app to be
        # idle: the point is that they are answered while the burst is still being read.
        answered_while_reading = 0
        started = time.monotonic()
        while len(reader.store) < 1025 or reader.reading_files is not None:
            assert time.monotonic() - started < 60, "the burst never ended"
            if reader.reading_files is not None:
                assert "reading" in reader.sub_title
                before = listing.cursor
                key = "j" if before < 10 else "k"
                reader.post_message(events.Key(key, key))
                pressed = time.monotonic()
                while listing.cursor == before:
                    assert time.monotonic() - pressed < 1, "a key waited a second"
                    await asyncio.sleep(0.002)
                answered_while_reading += reader.reading_files is not None
            await asyncio.sleep(0.02)
        assert await until(pilot, lambda: len(titles(reader)) == 1025)
        assert answered_while_reading >= 3
        assert "1,025 articles" in reader.sub_title and "reading" not in reader.sub_title
        assert await until(pilot, lambda: any(note.startswith("1,000 new articles") for note in reader.notes))
        assert sum(note.startswith(("1,000 new", "New:")) for note in reader.notes) == 1


async def test_no_watch_reads_once_and_follows_nothing(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        (folder / "late.txt").write_text(page_text("Written after the start", day=28))
        await pilot.pause(1.0)
        assert "Written after the start" not in titles(reader) and len(titles(reader)) == 25


async def test_relative_times_tick_with_no_file_changing() -> None:
    now = [NOW]
    store = Store()
    store.put(
        Page(
            source="a.txt",
            captured=NOW,
            article=None,
            feed=(FeedItem(NOW - timedelta(seconds=20), "Tram line extended", None),),
        )
    )
    reader = RecordingApp(store=store, clock=lambda: now[0])
    reader.tick_seconds = 0.05
    async with reader.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "just now" in screen_text(reader)
        now[0] = NOW + timedelta(minutes=5)
        assert await until(pilot, lambda: "5 min ago" in screen_text(reader))
        now[0] = datetime(2024, 3, 11, 9, 0)
        assert await until(pilot, lambda: "yesterday 11:59" in screen_text(reader))


async def test_rows_arriving_above_a_short_list_scroll_it_as_far_as_it_goes() -> None:
    from reader.model import Article

    def articles(prefix: str, count: int) -> list[Article]:
        return [Article(title=f"{prefix} {n}", source=f"{prefix}{n}.txt") for n in range(count)]

    reader = RecordingApp(store=Store(), clock=clock)
    async with reader.run_test(size=(160, 30)) as pilot:
        listing = reader.article_list
        old = articles("old", 14)
        listing.show(old)
        await pilot.press("j", "j", "j")
        assert listing.max_scroll_y == 0 and listing.cursor == 3
        listing.show(articles("new", 16) + old, keep=old[3], hold=True)  # 30 rows, 28 lines
        assert listing.highlighted == old[3] and listing.scroll_offset.y == listing.max_scroll_y == 2


async def test_new_feed_items_are_marked_until_the_user_looks_at_the_feed(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        feed = [("9:40 AM", "Tram line extended to the harbour"), ("9:10 AM", "Night buses return")]
        (folder / "new.txt").write_text(page_text("Brand new story about the ferry", day=26, feed=feed))
        assert await until(pilot, lambda: "✦ 1 new article, 2 new feed items" in reader.sub_title)
        assert await until(pilot, lambda: screen_text(reader).count("✦ new ·") == 2)
        await pilot.press("f")
        assert await until(pilot, lambda: "new feed item" not in reader.sub_title)
        assert await until(pilot, lambda: "✦ new ·" not in screen_text(reader))
        assert "✦ 1 new article" in reader.sub_title  # the article is new until shown
        await pilot.press("f", "g")
        assert await until(pilot, lambda: "✦" not in reader.sub_title)
        assert reader.status(reader.article_list.articles[0]).name == "UNREAD"


async def test_a_feed_item_being_read_stays_when_pages_arrive(folder: Path) -> None:
    feed = [("9:40 AM", "Tram line extended to the harbour")]
    (folder / "p25.txt").write_text(page_text(story(25), day=25, paragraphs=30, feed=feed))
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await pilot.press("f", "enter")  # a feed item with no article of its own
        assert isinstance(reader.reading_pane.showing, FeedItem)
        (folder / "new.txt").write_text(page_text("Brand new story about the ferry", day=26))
        assert await until(pilot, lambda: "Brand new story about the ferry" in titles(reader))
        await pilot.pause(0.2)
        assert reader.reading_pane.showing.headline == "Tram line extended to the harbour"


async def test_new_feed_items_replaced_by_an_edit_are_not_counted_any_more(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        path = folder / "new.txt"
        path.write_text(page_text("Brand new story", day=26, feed=[("9:40 AM", "First version of the item")]))
        assert await until(pilot, lambda: "1 new feed item" in reader.sub_title)
        path.write_text(
            page_text("Brand new story", day=26, feed=[("9:40 AM", "Second version of the item")])
        )
        assert await until(
            pilot, lambda: [i.headline for i in reader.feed_list.items] == ["Second version of the item"]
        )
        assert "1 new feed item" in reader.sub_title


async def test_following_goes_on_after_a_change_that_fails_to_be_read(folder: Path, monkeypatch) -> None:
    from reader.library.ingest import Ingest

    real_apply = Ingest.apply
    calls = []

    def apply_failing_once(self, changed, gone):
        calls.append(changed)
        if len(calls) == 1:
            raise PermissionError(13, "Permission denied")
        return real_apply(self, changed, gone)

    monkeypatch.setattr(Ingest, "apply", apply_failing_once)
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        (folder / "first.txt").write_text(page_text("First arrival", day=26))
        assert await until(pilot, lambda: any("still following" in note for note in reader.notes))
        (folder / "second.txt").write_text(page_text("Second arrival", day=27))
        assert await until(pilot, lambda: "Second arrival" in titles(reader))


async def test_a_list_scrolled_away_from_its_cursor_keeps_its_top_row(folder: Path) -> None:
    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        listing = reader.article_list
        for _ in range(3):  # the mouse wheel: the view moves, the cursor stays at row 0
            listing.post_message(events.MouseScrollDown(listing, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        top = listing.top_row()
        assert top > 0 and listing.cursor == 0
        first_shown = listing.articles[top].title
        (folder / "new.txt").write_text(page_text("Brand new story about the ferry", day=26))
        assert await until(pilot, lambda: "Brand new story about the ferry" in titles(reader))
        assert listing.articles[listing.top_row()].title == first_shown
        assert listing.highlighted.title == story(25)


async def test_the_given_folder_deleted_and_made_again_is_followed(folder: Path) -> None:
    import shutil

    reader = RecordingApp([folder], clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        shutil.rmtree(folder)
        assert await until(pilot, lambda: titles(reader) == [])
        folder.mkdir()
        (folder / "back.txt").write_text(page_text("Back after the folder was made again", day=26))
        assert await until(pilot, lambda: titles(reader) == ["Back after the folder was made again"])
        (folder / "more.txt").write_text(page_text("And one more after that", day=27))
        assert await until(pilot, lambda: titles(reader)[0] == "And one more after that")
