"""The warnings screen: every file that could not be read, and why."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class WarningsScreen(ModalScreen[None]):
    """Lists load failures and parser warnings; Escape or `q` closes it."""

    BINDINGS = [Binding("escape,q,w", "dismiss", "Close")]

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__()
        self._messages = messages

    def compose(self) -> ComposeResult:
        text = Text("\n".join(self._messages) if self._messages else "Every file was read.")
        with VerticalScroll(id="warnings-body") as body:
            body.border_title = f"Warnings ({len(self._messages)})"
            body.border_subtitle = "Esc closes"
            yield Static(text, id="warnings-text")
