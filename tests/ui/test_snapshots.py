"""Pictures of the main screen with fixed pages and a fixed clock."""

from __future__ import annotations

from reader.ui.app import ReaderApp
from tests.ui.fixtures import clock, make_store


def test_main_screen_120x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare) -> None:
    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(80, 24))


def test_search_with_highlighted_matches_120x40(snap_compare) -> None:
    async def search(pilot) -> None:
        await pilot.press("slash", *"zurich")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        ReaderApp(store=make_store(), clock=clock), terminal_size=(120, 40), run_before=search
    )


def test_main_screen_light_theme_120x40(snap_compare) -> None:
    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(120, 40), run_before=light)


def test_main_screen_160x50(snap_compare) -> None:
    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(160, 50))


def test_grouped_by_title_with_a_wider_feed_160x50(snap_compare) -> None:
    async def arrange(pilot) -> None:
        await pilot.press("S", "S", "S", "ctrl+g", "f", "greater_than_sign")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        ReaderApp(store=make_store(), clock=clock), terminal_size=(160, 50), run_before=arrange
    )


def test_full_width_reading_80x24(snap_compare) -> None:
    async def zoom(pilot) -> None:
        await pilot.press("j", "z")
        await pilot.pause()

    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(80, 24), run_before=zoom)


def test_news_feed_in_the_reading_panes_place_80x24(snap_compare) -> None:
    async def feed(pilot) -> None:
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(ReaderApp(store=make_store(), clock=clock), terminal_size=(80, 24), run_before=feed)


def test_help_80x24(snap_compare) -> None:
    async def help_screen(pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(
        ReaderApp(store=make_store(), clock=clock), terminal_size=(80, 24), run_before=help_screen
    )
