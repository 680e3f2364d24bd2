"""The help screen: every key, read from the bindings themselves so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "question_mark": "?",
    "slash": "/",
    "ctrl+c": "Ctrl+C",
    "ctrl+f": "Ctrl+F",
    "vertical_line": "|",
    "left_square_bracket": "[",
    "ctrl+n": "Ctrl+N",
    "ctrl+b": "Ctrl+B",
    "ctrl+x": "Ctrl+X",
}


def key_label(keys: str) -> str:
    """`down,j` as `↓ j`."""
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


# A section of the help: its title, its bindings, and keys that are no bindings
# (handled by a widget itself, such as Enter in the search box) as (key, what).
Section = tuple[str, Iterable[BindingType], Iterable[tuple[str, str]]]


def help_text(sections: Iterable[Section], keymap: Mapping[str, str] | None = None) -> Text:
    """The help page: a heading per section, a line per key (as `keymap`, binding id
    → keys, remaps them), saying what it does in full (a binding's tooltip; its
    description is the footer's short label)."""
    keymap = keymap or {}
    text = Text()
    for title, bindings, others in sections:
        text.append(f"{title}\n", style="bold")
        rows = [
            (key_label(keymap.get(b.id or "", b.key)), b.tooltip or b.description)
            for b in bindings
            if isinstance(b, Binding) and b.description
        ]
        for keys, description in [*rows, *others]:
            text.append(f"  {keys:<16}", style="bold")
            text.append(f"{description}\n")
        text.append("\n")
    return text


class HelpScreen(ModalScreen[None]):
    """Lists every key; Escape, `q` or `?` closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        # As in the list and the reading pane, beside the arrows the help body has.
        Binding("j", "focused.scroll_down", "Scroll down", show=False),
        Binding("k", "focused.scroll_up", "Scroll up", show=False),
    ]

    def __init__(self, sections: list[Section], keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._sections = sections
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes"
            yield Static(help_text(self._sections, self._keymap), id="help-text")
