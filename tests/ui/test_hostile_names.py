"""File names are untrusted too: escapes in a page's name never reach the terminal,
in the reading pane's byline, in notices, or on the warnings screen."""

from __future__ import annotations

from pathlib import Path

from reader.ui.screens.warnings import WarningsScreen
from tests.pages import page_text
from tests.ui.fixtures import clock
from tests.ui.helpers import RecordingApp, screen_text, shown_title, until

# Sets the terminal's title, then draws in red.
HOSTILE_NAME = "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m"


def _clean(text: str) -> bool:
    return "\x1b" not in text and "\x07" not in text


async def test_escapes_in_file_names_never_reach_the_screen(tmp_path: Path) -> None:
    (tmp_path / f"{HOSTILE_NAME}.txt").write_text(page_text("Ferry returns to the island"))
    (tmp_path / f"{HOSTILE_NAME} empty.txt").write_bytes(b"")
    reader = RecordingApp([tmp_path], clock=clock, watch=False)
    async with reader.run_test(size=(120, 30)) as pilot:
        await reader.loaded.wait()
        assert await until(pilot, lambda: shown_title(reader) == "Ferry returns to the island")
        await pilot.press("enter")
        await pilot.pause()
        assert "4 min read · red.txt" in reader.reading_pane.text  # the name, without its escapes
        assert _clean(reader.reading_pane.text)
        assert any("empty.txt" in note for note in reader.notes)
        assert all(_clean(note) for note in reader.notes)
        assert _clean(screen_text(reader))

        await pilot.press("w")
        assert isinstance(reader.screen, WarningsScreen)
        await pilot.pause()
        lines = reader.screen.query_one("#warnings-body").lines
        assert any("empty.txt: empty file" in line for line in lines)
        assert all(_clean(line) for line in lines)
        assert _clean(screen_text(reader))
