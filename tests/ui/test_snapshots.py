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
