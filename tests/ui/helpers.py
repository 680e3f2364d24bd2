"""What the UI tests share: an app that records notifications, and ways to wait."""

from __future__ import annotations

import io

from rich.console import Console
from rich.style import Style

from reader.ui.app import ReaderApp
from tests.ui.fixtures import clock, make_store


class RecordingApp(ReaderApp):
    """The app, keeping every notification's text."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.notes: list[str] = []

    def notify(self, message: str, **kwargs: object) -> None:
        self.notes.append(message)
        super().notify(message, **kwargs)


def app() -> ReaderApp:
    return ReaderApp(store=make_store(), clock=clock)


async def settle(pilot) -> None:
    """Wait for the first load, the search workers and the messages they post (not
    for the pages worker, which follows the folders, nor the reading state's polls)."""
    await pilot.app.loaded.wait()
    waited = [w for w in pilot.app.workers if w.group not in ("pages", "state")]
    if waited:  # (an empty list would mean every worker, the one following the folders too)
        await pilot.app.workers.wait_for_complete(waited)
    await pilot.pause()


async def until(pilot, condition, seconds: float = 3.0) -> bool:
    """Let the app run until `condition()` holds (a shown article may follow its
    highlight by the app's show_delay); False if it never does."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


def titles(reader: ReaderApp) -> list[str]:
    return [a.title for a in reader.article_list.articles]


def shown_title(reader: ReaderApp) -> str | None:
    """The headline of the article in the reading pane; None while it shows none
    (it follows the highlight by up to the app's show_delay)."""
    return getattr(reader.reading_pane.showing, "title", None)


def screen_text(reader: ReaderApp) -> str:
    """The screen as last drawn, as plain text: what the user sees, not what a
    widget would draw if asked now."""
    console = Console(
        width=reader.size.width,
        height=reader.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(reader.screen._compositor.render_update(full=True))
    return console.export_text()


def drawn_style(reader: ReaderApp, text: str, line: int) -> Style | None:
    """The style `text` was last drawn in on screen line `line` (None: not there), as
    the screen shows it, not as a widget would draw it if asked now."""
    update = reader.screen._compositor.render_update(full=True)
    for segment in (segment for strip in update.strips[line] for segment in strip):
        if text in segment.text:
            return segment.style
    return None
