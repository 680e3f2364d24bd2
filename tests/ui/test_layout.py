"""The reading layout the user shapes: pane widths (`<` `>`), full-width reading
(`z`), the list's order and grouping (`S`, ctrl+g), the source column, and the
theme: each remembered in the reading state for the next start."""

from __future__ import annotations

from pathlib import Path

from reader.library.arrange import Grouping, SortOrder
from reader.storage.state import ReadingState
from reader.ui.app import ReaderApp
from tests.ui.fixtures import ARTICLES, clock, make_store
from tests.ui.helpers import RecordingApp, screen_text, settle, titles, until

WIDE = (160, 40)
NEWEST_FIRST = [a.title for a in ARTICLES]


def reader_with(state: ReadingState, **settings: object) -> RecordingApp:
    return RecordingApp(store=make_store(), clock=clock, state=state, **settings)


async def test_z_gives_the_reading_pane_the_whole_width_and_again_puts_the_panes_back() -> None:
    reader = reader_with(ReadingState())
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        list_pane, feed_pane = reader.panes.list_pane, reader.panes.feed_pane
        assert list_pane.region.width and feed_pane.region.width
        await pilot.press("z")
        await pilot.pause()
        assert reader.focused is reader.reading_pane
        assert not list_pane.display and not feed_pane.display
        assert "Zürich café reopens after the spring flood" in screen_text(reader)
        await pilot.press("j", "n")  # reading on: the next article, still full width
        await pilot.pause()
        assert reader.panes.zoomed and not list_pane.display
        await pilot.press("z")
        await pilot.pause()
        assert list_pane.display and feed_pane.display and not reader.panes.zoomed
        await pilot.press("z", "h")  # back to the list ends full-width reading too
        await pilot.pause()
        assert reader.focused is reader.article_list and list_pane.display


async def test_widths_change_with_angle_brackets_and_come_back_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    reader = reader_with(state)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = reader.panes.list_pane.region.width
        assert before == 72  # 45% of 160
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert reader.panes.list_pane.region.width == 84  # 53% of 160, rounded down
        await pilot.press("f", "less_than_sign")  # the feed focused: the feed narrows
        await pilot.pause()
        assert reader.panes.feed_pane.region.width == 34 - 4
        for _ in range(10):
            await pilot.press("less_than_sign")
        await pilot.pause()
        assert reader.panes.feed_pane.region.width == 20
        assert reader.notes[-1] == "The pane is as narrow as it goes."
    state.close()
    again = reader_with(ReadingState(path))
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert (again.panes.list_pane.region.width, again.panes.feed_pane.region.width) == (84, 20)
    # A width in the settings wins over the one remembered.
    fixed = reader_with(ReadingState(path), list_width=30)
    async with fixed.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert fixed.panes.list_pane.region.width == 48


async def test_s_sorts_the_list_each_way_and_the_order_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    reader = reader_with(ReadingState(path))
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert titles(reader) == NEWEST_FIRST
        await pilot.press("down")  # on the council's article, which the cursor keeps
        await pilot.press("S")
        assert await until(pilot, lambda: titles(reader) != NEWEST_FIRST)
        assert titles(reader) == [
            NEWEST_FIRST[4],  # Night trains (2023)
            NEWEST_FIRST[3],
            NEWEST_FIRST[2],
            NEWEST_FIRST[1],
            NEWEST_FIRST[0],
            NEWEST_FIRST[5],  # undated, last
        ]
        assert reader.article_list.highlighted is not None
        assert reader.article_list.highlighted.title == NEWEST_FIRST[1]
        assert "Oldest first · 6 articles" in reader.sub_title
        await pilot.press("S", "S")  # by source (one folder: newest first), then by title
        assert await until(pilot, lambda: reader.session.arrangement.order is SortOrder.TITLE)
        await settle(pilot)
        assert titles(reader) == sorted(NEWEST_FIRST, key=lambda t: t.casefold().replace("ü", "u"))
    reader.reading_state.close()
    again = reader_with(ReadingState(path))
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.session.arrangement.order is SortOrder.TITLE
        assert titles(again) == titles(reader)


async def test_a_search_answers_in_the_order_chosen() -> None:
    reader = reader_with(ReadingState(), sort=SortOrder.OLDEST)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zurich")
        await settle(pilot)
        assert titles(reader) == [NEWEST_FIRST[3], NEWEST_FIRST[0]]


async def test_grouping_names_each_group_once_above_its_articles() -> None:
    store = make_store()
    from dataclasses import replace

    from reader.model import Page
    from tests.ui.fixtures import NOW

    moved = replace(ARTICLES[0], source="elsewhere/zurich.txt", title="Lake swim season opens")
    store.put(Page(source=moved.source, captured=NOW, article=moved))
    reader = RecordingApp(store=store, clock=clock, group=Grouping.FOLDER)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert titles(reader)[0] == "Lake swim season opens"  # the folder "elsewhere" first
        lines = screen_text(reader).splitlines()
        assert sum("elsewhere" in line for line in lines) == 1
        assert sum(" pages " in line for line in lines) == 1
        row = next(line for line in lines if "Council votes" in line)
        assert " pages " not in row  # not its group's first row
        assert "Grouped by folder" not in reader.sub_title
        assert "Newest first, grouped by folder" in reader.sub_title
        await pilot.press("ctrl+g")  # folder → none
        assert await until(pilot, lambda: reader.session.arrangement.grouping is Grouping.NONE)


async def test_the_row_shows_its_source_where_the_list_is_wide_enough() -> None:
    reader = reader_with(ReadingState())
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(reader).splitlines() if "Council votes" in line)
        assert "pages" in row.split("Council votes")[0]
    narrow = reader_with(ReadingState())
    async with narrow.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(narrow).splitlines() if "Council votes" in line)
        assert "pages" not in row


async def test_the_theme_chosen_in_the_app_comes_back_unless_the_settings_fix_one(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    reader = reader_with(ReadingState(path))
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        reader.theme = "nord"
        await pilot.pause()
    reader.reading_state.close()
    again = reader_with(ReadingState(path))
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
    again.reading_state.close()
    fixed = reader_with(ReadingState(path), theme="textual-light")
    async with fixed.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert fixed.theme == "textual-light"


def test_an_app_without_a_state_file_starts_on_the_defaults() -> None:
    reader = ReaderApp(store=make_store(), clock=clock)
    assert reader.session.arrangement.order is SortOrder.NEWEST
    assert reader.panes.widths.list_percent == 45
