"""The News Feed sidebar: feed items merged across pages, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.message import Message

from reader.model import FeedItem
from reader.store import match_spans
from reader.timefmt import relative_time
from reader.ui.widgets.cursor_list import CursorList


class FeedList(CursorList):
    """Two lines per item: when, then the headline (or the start of the summary)."""

    row_height = 2

    class Selected(Message):
        """The user picked a feed item to read."""

        def __init__(self, item: FeedItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._items: Sequence[FeedItem] = ()
        self._query = ""

    @property
    def items(self) -> Sequence[FeedItem]:
        """The rows, in order."""
        return self._items

    def show(self, items: Sequence[FeedItem], *, query: str = "") -> None:
        """Show `items`. At the top, the cursor stays at the top as newer items
        arrive; further down it stays on its item while that is still there."""
        current = self._items[self.cursor] if self._items and self.cursor > 0 else None
        self._items = items
        self._query = query
        cursor = 0
        if current is not None:
            cursor = next((n for n, item in enumerate(items) if item is current), 0)
        self.set_row_count(len(items), cursor)

    def render_row(self, index: int, line: int, width: int, base: Style) -> Text:
        item = self._items[index]
        if line == 0:
            when = Text(relative_time(item.time, self._clock()) or "—", no_wrap=True)
            when.stylize(self.component_style("cursor-list--dim", index))  # a span: Text's own style is not rendered
            return when
        label = Text(item.label, no_wrap=True)
        if self._query:
            match = self.component_style("cursor-list--match", index)
            for start, end in match_spans(item.label, self._query):
                label.stylize(match, start, end)
        return label

    def cursor_chosen(self, index: int) -> None:
        self.post_message(self.Selected(self._items[index]))
