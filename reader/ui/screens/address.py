"""The dialog `a` opens: the address of a page to fetch and keep in the library."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class AddressScreen(ModalScreen[str | None]):
    """Asks for a web address; Enter gives it, Escape gives None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self._folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="address-body") as body:
            body.border_title = "Add a page from the web"
            body.border_subtitle = "Enter adds · Esc cancels"
            yield Input(placeholder="https://news.example/story", id="address-input")
            # The folder's name is the user's own text: never markup.
            yield Label(f"Kept in {self._folder}", id="address-folder", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
