"""A scrolling list with a cursor that draws only the rows on screen.

ListView, OptionList and DataTable build a widget or a cache entry per row and take
seconds to fill at 100k rows. This list keeps only a row count: `render_line` asks
the subclass to draw the few rows that are visible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")


def find_near(rows: Sequence[T], start: int, wanted: Callable[[T], bool]) -> int | None:
    """The index of a row that is `wanted`, looking outward from `start`: after an
    update a row has moved by the few rows added or removed near it, and a scan
    from the top of 100k rows costs a frame or two of the event loop."""
    count = len(rows)
    start = max(0, min(start, count - 1))
    for distance in range(max(start, count - start) + 1):
        for index in (start - distance, start + distance):
            if 0 <= index < count and wanted(rows[index]):
                return index
    return None


def clip(text: str, cells: int) -> str:
    """The start of `text` that a row `cells` wide can show, and enough more that the
    row still ends in an ellipsis: a row costs its width, not the text's length (a
    headline may be a 5 MB line). Twice the width leaves room for characters drawn in
    no cell at all, such as combining accents."""
    limit = 2 * (cells + 1)
    return text if len(text) <= limit else text[:limit]


class CursorList(ScrollView, can_focus=True):
    """Rows of `row_height` lines, a cursor moved by keys and mouse.

    Subclasses draw rows (`render_row`) and say what the cursor means
    (`cursor_moved`, `cursor_chosen`).
    """

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("enter,l", "choose", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {
        "cursor-list--cursor",
        "cursor-list--match",
        "cursor-list--dim",
        "cursor-list--marker",
        "cursor-list--new",
        "cursor-list--saved",
        "cursor-list--group",
    }

    DEFAULT_CSS = """
    CursorList {
        background: $surface;
        overflow-x: hidden;
        & > .cursor-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .cursor-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .cursor-list--match { color: $text-warning; text-style: bold underline; }
        & > .cursor-list--dim { color: $text-muted; }
        & > .cursor-list--marker { color: $text-accent; text-style: bold; }
        & > .cursor-list--new { color: $text-success; text-style: bold; }
        & > .cursor-list--saved { color: $text-warning; }
        & > .cursor-list--group { color: $text-secondary; text-style: bold; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row (0 when the list is empty)."""

    row_height = 1

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._row_count = 0
        self._base_style: Style | None = None  # the list's own style, worked out once per style change

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return self._row_count

    def set_row_count(
        self, count: int, cursor: int = 0, *, hold: bool = False, top: int | None = None
    ) -> None:
        """Change the number of rows and put the cursor on row `cursor`.

        With `hold`, the cursor row stays on the same line of the screen (rows
        added or removed above it do not make the list jump under the reader).
        When the reader has scrolled the cursor out of view, row `top` (where the
        row at the top of the screen went) stays at the top instead.
        """
        screen_line = self.cursor * self.row_height - self.scroll_offset.y
        cursor_shown = 0 <= screen_line < self.scrollable_content_region.height
        self._row_count = count
        self.virtual_size = Size(self.scrollable_content_region.width, count * self.row_height)
        self.set_reactive(CursorList.cursor, self._clamp(cursor))
        if hold and cursor_shown:
            self._scroll_y_to(self.cursor * self.row_height - screen_line)
            self._scroll_to_cursor()
        elif hold and top is not None:
            self._scroll_y_to(top * self.row_height)
        else:
            self._scroll_to_cursor()
        self.refresh()
        self.cursor_moved(self.cursor, by_user=False)

    def _scroll_y_to(self, y: int) -> None:
        y = max(0, y)
        if y != self.scroll_offset.y:
            # force: a list that just grew has no scrollbar yet, which would stop the scroll.
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def top_row(self) -> int:
        """The row at the top of the screen."""
        return self.scroll_offset.y // self.row_height

    def visible_rows(self) -> range:
        """The rows on screen, wholly or in part."""
        first = self.top_row()
        last = -(-(self.scroll_offset.y + self.scrollable_content_region.height) // self.row_height)
        return range(first, min(last, self._row_count))

    # Subclass hooks ------------------------------------------------------------

    def render_row(self, index: int, line: int, width: int, base: Style) -> Text:
        """Line `line` of row `index`, as Text in the row's `base` style."""
        raise NotImplementedError

    def cursor_moved(self, index: int, by_user: bool = True) -> None:
        """The cursor now rests on row `index`: moved there (`by_user`: by a key, a
        click or the app on the user's behalf), or the rows changed under it."""

    def cursor_chosen(self, index: int) -> None:
        """The user chose row `index` (Enter, `l`, or a click)."""

    # Drawing --------------------------------------------------------------------

    def component_style(self, name: str, index: int) -> Style:
        """The look of a part of row `index` (`cursor-list--dim` …) without its
        background, so it sits on the row's own. On the cursor row only the text
        style is kept: the cursor's colours win there.

        The colour is resolved against the list's background: theme colours such
        as `$text-muted` are "auto 60%", which only mean something over one.
        """
        full = self.get_component_rich_style(name)
        colour = None if index == self.cursor else full.color
        return Style(color=colour, bold=full.bold, italic=full.italic, underline=full.underline)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_number = self.scroll_offset.y + y
        index, line = divmod(line_number, self.row_height)
        base = self._base_style
        if base is None:  # walking the DOM for it was a third of each row's cost
            base = self._base_style = self.rich_style
        if index >= self._row_count:
            return Strip.blank(width, base)
        if index == self.cursor and self._row_count:
            base = base + self.get_component_rich_style("cursor-list--cursor")
        text = self.render_row(index, line, width, base)
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console, end="")
        ]
        return Strip(segments).crop_extend(0, width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None

    # Moving ---------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self._row_count - 1)) if self._row_count else 0

    def validate_cursor(self, value: int) -> int:
        return self._clamp(value)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self._row_count:
            self.cursor_moved(new)

    def _scroll_to_cursor(self) -> None:
        """Bring the cursor row into view, keeping whole rows at the top edge."""
        if not self._row_count:
            return
        height = self.scrollable_content_region.height
        top = self.cursor * self.row_height
        y = self.scroll_offset.y
        if top < y:
            y = top
        elif top + self.row_height > y + height:
            rows_shown = max(1, height // self.row_height)
            y = (self.cursor - rows_shown + 1) * self.row_height
        self._scroll_y_to(y)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._row_count - 1

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_choose(self) -> None:
        if self._row_count:
            self.cursor_chosen(self.cursor)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._row_count * self.row_height)
        self._scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // self.row_height
        if 0 <= index < self._row_count:
            self.cursor = index
            self.cursor_chosen(index)
