"""The News Feed sidebar: feed items merged across pages, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.style import Style
from rich.text import Text
from textual.message import Message

from reader.library.feed import FeedRows
from reader.model import FeedItem
from reader.render.timefmt import relative_time
from reader.text import match_spans
from reader.ui.widgets.cursor_list import CursorList, clip, find_near


def _row_of(items: Sequence[FeedItem], near: int, item: FeedItem) -> int | None:
    """The row of `item` in `items`, looked for outward from `near`; the store's
    rows find it by its place, without reading 400k items when it has gone."""
    if isinstance(items, FeedRows):
        return items.index_of(item)
    return find_near(items, near, item.__eq__)


class FeedList(CursorList):
    """Two lines per item: when, then the headline (or the start of the summary)."""

    row_height = 2

    class Selected(Message):
        """The user picked a feed item to read."""

        def __init__(self, item: FeedItem) -> None:
            super().__init__()
            self.item = item

    class Seen(Message):
        """These items marked new have been on screen while the user was in the feed."""

        def __init__(self, items: list[FeedItem]) -> None:
            super().__init__()
            self.items = items

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._items: Sequence[FeedItem] = ()
        self._query = ""
        self._is_new: Callable[[FeedItem], bool] = lambda item: False
        self._updating = False

    @property
    def items(self) -> Sequence[FeedItem]:
        """The rows, in order."""
        return self._items

    def show(
        self, items: Sequence[FeedItem], *, query: str = "", is_new: Callable[[FeedItem], bool] | None = None
    ) -> None:
        """Show `items`. While the user is elsewhere and the cursor is at the top, the
        newest item is highlighted as items arrive; otherwise the cursor stays on its
        item, on the same line of the screen."""
        held = self.has_focus or self.cursor > 0
        current = self._items[self.cursor] if self._items and held else None
        first = self.top_row()
        shown_first = self._items[first] if held and first < len(self._items) else None
        top = _row_of(items, first, shown_first) if shown_first is not None else None
        self._items = items
        self._query = query
        if is_new is not None:
            self._is_new = is_new
        cursor = 0
        if current is not None:
            found = _row_of(items, self.cursor, current)
            cursor = found if found is not None else min(self.cursor, len(items) - 1)
        self._updating = True  # rows moving under the user are not the user looking
        try:
            self.set_row_count(len(items), max(cursor, 0), hold=held, top=top)
        finally:
            self._updating = False

    def render_row(self, index: int, line: int, width: int, base: Style) -> Text:
        item = self._items[index]
        if line == 0:
            when = Text(no_wrap=True)
            if self._is_new(item):
                when.append("✦ new · ", self.component_style("cursor-list--new", index))
            when.append(
                relative_time(item.time, self._clock()) or "—",
                self.component_style("cursor-list--dim", index),
            )
            return when
        shown = clip(item.label, width)
        label = Text(shown, no_wrap=True)
        if self._query:
            match = self.component_style("cursor-list--match", index)
            for start, end in match_spans(shown, self._query):
                label.stylize(match, start, end)
        return label

    def _tell_seen(self) -> None:
        if not self.has_focus or self._updating:
            return
        seen = [self._items[n] for n in self.visible_rows() if self._is_new(self._items[n])]
        if seen:
            self.post_message(self.Seen(seen))

    def on_focus(self) -> None:
        self.call_later(self._tell_seen)  # has_focus is set by Widget's own handler, after this one

    def cursor_moved(self, index: int, by_user: bool = True) -> None:
        self._tell_seen()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._tell_seen()

    def cursor_chosen(self, index: int) -> None:
        self.post_message(self.Selected(self._items[index]))
