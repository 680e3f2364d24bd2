"""The warnings screen: every file that could not be read, and why."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from reader.ui.widgets.wrapped_log import WrappedLog


class WarningsScreen(ModalScreen[None]):
    """Lists load failures and parser warnings; Escape, `q` or `w` closes it.

    Each warning is shown whole, wrapped to the dialog's width (they quote paths,
    and say what the limit was at their end); only the rows on screen are drawn,
    so 20k warnings open at once. Plain text, never markup, and no escapes: the
    file names they quote are untrusted.
    """

    BINDINGS = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__()
        self._messages = messages

    def compose(self) -> ComposeResult:
        log = WrappedLog(self._messages or ["Every file was read."], id="warnings-body")
        log.border_title = f"Warnings ({len(self._messages):,})"
        log.border_subtitle = "Esc closes"
        yield log

    def on_mount(self) -> None:
        self.query_one(WrappedLog).focus()
