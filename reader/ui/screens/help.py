"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

_KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "enter": "Enter", "escape": "Esc", "space": "Space",
    "tab": "Tab", "shift+tab": "Shift+Tab", "question_mark": "?", "slash": "/", "ctrl+c": "Ctrl+C",
}


def key_label(keys: str) -> str:
    """`down,j` as `↓ j`."""
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def help_text(sections: Iterable[tuple[str, Iterable[BindingType]]]) -> Text:
    """The help page: a heading per section, a line per binding."""
    text = Text()
    for title, bindings in sections:
        text.append(f"{title}\n", style="bold")
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                text.append(f"  {key_label(binding.key):<16}", style="bold")
                text.append(f"{binding.description}\n")
        text.append("\n")
    return text


class HelpScreen(ModalScreen[None]):
    """Lists every key; Escape, `q` or `?` closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes"
            yield Static(help_text(self._sections), id="help-text")
