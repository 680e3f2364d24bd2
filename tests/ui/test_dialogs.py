"""The dialogs and the command palette: the warnings dialog fits the terminal and
shows each warning whole, the help scrolls with the list's keys, and the palette
offers what the keys do, once each, under the words a user would type."""

from __future__ import annotations

from rich.cells import cell_len

from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.wrapped_log import wrap
from tests.ui.helpers import app, screen_text

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
