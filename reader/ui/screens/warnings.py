"""The warnings screen: every file that could not be read, and why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Log

from reader.paths import shown_path


class WarningsScreen(ModalScreen[None]):
    """Lists load failures and parser warnings; Escape, `q` or `w` closes it.

    A Log draws only the lines on screen, so 20k warnings open at once; it shows
    plain text, never markup. Warnings quote file names, which are untrusted: each
    line is shown without escapes or control characters.
    """

    BINDINGS = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__()
        self._messages = messages

    def compose(self) -> ComposeResult:
        log = Log(id="warnings-body", auto_scroll=False)
        log.border_title = f"Warnings ({len(self._messages):,})"
        log.border_subtitle = "Esc closes"
        yield log

    def on_mount(self) -> None:
        log = self.query_one(Log)
        log.write_lines([shown_path(message) for message in self._messages] or ["Every file was read."])
        log.scroll_home(animate=False)
        log.focus()
