"""The search box: filters the list by headline as the user types."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """`/` opens it; each keystroke posts Changed; Enter Submitted; Escape Cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Clear search", id="search.cancel")]

    class Changed(Message):
        """The query changed."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """The user wants the top match."""

    class Cancelled(Message):
        """The user wants the search gone and the full list back."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield Input(placeholder="search headlines", id="search-input", compact=True)
        yield Label("", id="search-count", markup=False)

    @property
    def input(self) -> Input:
        """The text field."""
        return self.query_one("#search-input", Input)

    def set_count(self, hits: int, total: int) -> None:
        """Show how many articles match."""
        self.query_one("#search-count", Label).update(f"{hits:,} of {total:,}")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
