"""The dialogs and the command palette: the warnings dialog fits the terminal and
shows each warning whole, the help scrolls with the list's keys, and the palette
offers what the keys do, once each, under the words a user would type."""

from __future__ import annotations

from rich.cells import cell_len
from textual.command import CommandList

from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.wrapped_log import wrap
from tests.ui.fixtures import clock, make_store
from tests.ui.helpers import app, screen_text, until

WIDE = (160, 40)

LONG_PATH = "/home/someone/Documents/saved news pages/2024/the harbour/" + "a-very-long-page-name-" * 3
TOO_LARGE = f"{LONG_PATH}.txt: too large (6,291,456 bytes; the limit is 5,242,880)"


async def test_a_long_warning_is_shown_whole_at_80_columns() -> None:
    reader = app()
    async with reader.run_test(size=(80, 24)) as pilot:
        reader.announcer.warn(TOO_LARGE)
        reader.announcer.warn("/pages/short.txt: empty file")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(reader.screen, WarningsScreen)
        dialog = reader.screen.query_one("#warnings-body")
        assert dialog.region.right <= 80
        text = screen_text(reader)
        assert "5,242,880)" in text  # its last word
        assert "/pages/short.txt: empty file" in text
        # The whole warning, over as many rows as it takes (folded anywhere in the path).
        rows = [dialog.render_line(y).text for y in range(dialog.scrollable_content_region.height)]
        assert "".join(TOO_LARGE.split()) in "".join("".join(rows).split())


def test_wrapped_rows_fit_the_width_and_keep_every_character() -> None:
    for line in (TOO_LARGE, "Zürich 東京 " * 20, "x" * 200, "short"):
        for width in (10, 40, 65):
            rows = wrap(line, width)
            assert all(cell_len(row) <= width for row in rows)
            assert "".join(line.split()) == "".join("".join(rows).split())
            assert rows[0] == line[: len(rows[0])] and all(row.startswith("  ") for row in rows[1:])


async def test_j_and_k_scroll_the_help_as_the_arrows_do() -> None:
    reader = app()
    async with reader.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(reader.screen, HelpScreen)
        body = reader.screen.query_one("#help-body")
        assert body.max_scroll_y > 3  # the help is longer than the dialog
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert body.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("down")
        await pilot.pause()
        assert body.scroll_y == 3
        assert isinstance(reader.screen, HelpScreen) and reader.sub_title == "6 articles · 6 unread"


async def test_j_and_k_scroll_the_warnings_too() -> None:
    reader = app()
    async with reader.run_test(size=(80, 24)) as pilot:
        for n in range(40):
            reader.announcer.warn(f"/pages/{n:02d}.txt: empty file")
        await pilot.press("w")
        await pilot.pause()
        body = reader.screen.query_one("#warnings-body")
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 1


async def palette(pilot, query: str) -> list[str]:
    """The titles the command palette offers for `query` ("": all it has)."""
    reader = pilot.app
    await pilot.press("ctrl+p", *query)
    commands = reader.screen.query_one(CommandList)
    await until(pilot, lambda: commands.option_count > 0, seconds=2)
    await pilot.pause(0.3)  # the palette adds hits in batches
    titles = []
    for n in range(commands.option_count):
        prompt = commands.get_option_at_index(n).prompt
        titles.append((prompt if isinstance(prompt, str) else prompt.plain).split("\n")[0])  # (help below)
    await pilot.press("escape")
    await pilot.pause()
    return titles


async def test_the_palette_offers_keys_once() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        assert (await palette(pilot, "")).count("Keys") == 1
        assert (await palette(pilot, "keys")).count("Keys") == 1
        await pilot.press("ctrl+p", *"keys")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(reader.screen, HelpScreen)  # every key, as `?` shows them


async def test_the_palette_finds_full_text_search() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        assert "Search full text" in await palette(pilot, "full")
        await pilot.press("ctrl+p", *"search full text")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.search_bar.full_text and reader.focused is reader.search_bar.input


async def test_the_palette_finds_the_dark_and_light_themes() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        assert "Light theme" in await palette(pilot, "light")
        assert "Dark theme" in await palette(pilot, "dark")
        await pilot.press("ctrl+p", *"light theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert not reader.current_theme.dark
        await pilot.press("ctrl+p", *"dark theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.current_theme.dark


async def maximize(pilot) -> None:
    await pilot.press("ctrl+p", *"maximize")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_pane_maximized_gives_way_to_the_pane_focus_goes_to() -> None:
    for size in (WIDE, (80, 24)):
        reader = app()
        async with reader.run_test(size=size) as pilot:
            await maximize(pilot)
            assert reader.screen.maximized is reader.article_list
            await pilot.press("enter")  # the article opens in the reading pane, which has focus
            await pilot.pause()
            assert reader.focused is reader.reading_pane
            assert reader.screen.maximized is None and reader.reading_pane.region.width > 0

            await pilot.press("f")  # the feed, maximized; then an item of its own
            await maximize(pilot)
            assert reader.screen.maximized is reader.feed_list
            await pilot.press("down", "enter")
            await pilot.pause()
            assert reader.focused is reader.reading_pane and reader.reading_pane.region.width > 0

            await pilot.press("h")
            await maximize(pilot)
            await pilot.press("slash")  # the search box, beside the list maximized
            await pilot.pause()
            assert reader.focused is reader.search_bar.input and reader.search_bar.input.region.width > 0


async def test_notices_wait_under_the_help_rather_than_lie_over_it() -> None:
    from textual.widgets._toast import Toast

    reader = ReaderApp(store=make_store(), clock=clock)
    async with reader.run_test(size=(80, 24), notifications=True) as pilot:
        reader.notify("Something to say", timeout=30)
        await pilot.pause(0.2)
        assert [toast.visible for toast in reader.screen.query(Toast)] == [True]
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(reader.screen, HelpScreen)
        assert [toast.visible for toast in reader.screen.query(Toast)] == [False]
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert [toast.visible for toast in reader.screen.query(Toast)] == [True]
