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

    def set_count(self, counts: tuple[int, int] | None) -> None:
        """Show how many articles match, as (hits, total); None clears it."""
        text = "" if counts is None else f"{counts[0]:,} of {counts[1]:,}"
        self.query_one("#search-count", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
