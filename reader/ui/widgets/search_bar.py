"""The search box: filters the list as the user types, by headline or by full text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """`/` opens it on headlines, Ctrl+F on full text (headlines and bodies); each
    keystroke posts Changed; Enter Submitted; Escape Cancelled."""

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

    full_text = False
    """Whether the query is looked for in bodies too, not only in headlines."""

    def __init__(self) -> None:
        super().__init__()
        # Kept, not queried: a search answered as the app shuts down still finds them.
        self._prompt = Label("/", id="search-prompt")
        self._input = Input(placeholder=self._placeholder(), id="search-input", compact=True)
        self._counter = Label("", id="search-count", markup=False)

    def compose(self) -> ComposeResult:
        yield self._prompt
        yield self._input
        yield self._counter

    def _placeholder(self) -> str:
        return (
            "search full text (ctrl+f: headlines only)"
            if self.full_text
            else "search headlines (ctrl+f: full text)"
        )

    def set_full_text(self, full_text: bool) -> None:
        """Look in bodies too (`full_text`), or in headlines only."""
        self.full_text = full_text
        self.set_class(full_text, "-full-text")
        self._prompt.update("≡" if full_text else "/")
        self.input.placeholder = self._placeholder()

    @property
    def input(self) -> Input:
        """The text field."""
        return self._input

    _count = ""

    def set_count(self, counts: tuple[int, int] | None) -> None:
        """Show how many articles match, as (hits, total); None clears it."""
        self._count = "" if counts is None else f"{counts[0]:,} of {counts[1]:,}"
        self._counter.update(self._count)

    def set_match(self, current: int, total: int) -> None:
        """Show which match in the article on show was jumped to (from 1)."""
        self._counter.update(f"{self._count} · match {current:,}/{total:,}")

    def clear_match(self) -> None:
        """No match is jumped to (another article is on show): show the count alone."""
        self._counter.update(self._count)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
