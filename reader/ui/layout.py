"""How the panes share the screen: the article list on the left, the reading pane
beside it, the News Feed on the right when the terminal is wide enough for three
panes; when it is not, the feed folds away and, when shown, takes the reading
pane's place. The list's and the feed's widths are the user's (`<` `>`), and `z`
gives the whole width to the reading pane. Also where focus goes back to from the
reading pane (`h`)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from reader.config import FEED_WIDTHS, LIST_WIDTHS

NARROW = 130
"""Below this width the News Feed folds away (`f` brings it back, in place of the
reading pane): three panes in fewer columns leave each too narrow to read."""

WIDTH_STEP = 4
"""How much one `<` or `>` changes a width (percent for the list, columns for the feed)."""


@dataclass(frozen=True, slots=True)
class Widths:
    """The widths the user chose: the list in percent of the terminal, the feed in columns."""

    list_percent: int = 45
    feed_columns: int = 34


class PaneLayout:
    """Shows, hides and sizes the panes; the app tells it the width and what has focus.

    The app composes the panes into `main`, which holds them side by side, the
    search box and the article list into `list_pane`, and the News Feed with its
    title into `feed_pane`.
    """

    def __init__(
        self, *, reading_pane: Widget, article_list: Widget, feed_list: Widget, widths: Widths = Widths()
    ) -> None:
        self.main = Horizontal(id="main")
        self.list_pane = Vertical(id="list-pane")
        self.feed_pane = Vertical(id="feed-pane")
        self._reading_pane = reading_pane
        self._article_list = article_list
        self._feed_list = feed_list
        self.widths = widths
        self.narrow = False
        self.zoomed = False
        """Whether the reading pane has the whole width (`z`)."""
        self._feed_shown: bool | None = None  # None: follow the terminal's width
        self._back_to: Widget | None = None  # where `h` returns from the reading pane
        self._size_panes()

    def _size_panes(self) -> None:
        self.list_pane.styles.width = f"{self.widths.list_percent}%"
        # Narrow, the feed is shown in the reading pane's place, and takes its room.
        self.feed_pane.styles.width = "1fr" if self.narrow else self.widths.feed_columns

    def fold(self, width: int, focused: Widget | None) -> None:
        """Lay the panes out for `width`: below NARROW the feed folds away, and when
        shown it takes the reading pane's place."""
        self.narrow = width < NARROW
        self.main.set_class(self.narrow, "-narrow")
        self._size_panes()
        shown = self._feed_shown if self._feed_shown is not None else not self.narrow
        self.show_feed(shown, focused)

    def show_feed(self, shown: bool, focused: Widget | None) -> None:
        """Show or hide the News Feed (narrow: in place of the reading pane)."""
        if shown and self.zoomed:
            self.zoom(False, focused)
        self.feed_pane.set_class(not shown, "-hidden")
        self._reading_pane.set_class(shown and self.narrow, "-hidden")
        if focused is self._feed_list and not shown:
            self._article_list.focus()

    def toggle_feed(self, width: int, focused: Widget | None) -> None:
        """Show the News Feed and focus it; hide it when it already has focus. The
        choice holds from then on, whatever the width."""
        if focused is self._feed_list:
            self._feed_shown = False
            self.fold(width, focused)
            self._article_list.focus()
        else:
            self._feed_shown = True
            self.show_feed(True, focused)
            self._feed_list.focus()

    def zoom(self, zoomed: bool, focused: Widget | None) -> None:
        """Give the reading pane the whole width (hiding the list and the feed), or
        put the panes back as they were."""
        if zoomed == self.zoomed:
            return
        self.zoomed = zoomed
        self.main.set_class(zoomed, "-zoomed")
        if zoomed:
            self._reading_pane.set_class(False, "-hidden")
            if focused is not self._reading_pane:
                self._back_to = focused if focused in (self._article_list, self._feed_list) else self._back_to
            self._reading_pane.focus()
        else:
            narrow_feed = self.narrow and not self.feed_pane.has_class("-hidden")
            self._reading_pane.set_class(narrow_feed, "-hidden")

    def resize(self, grow: bool, focused: Widget | None) -> Widths | None:
        """Make the focused side pane (the feed when it has focus, else the list)
        wider or narrower by a step; the new widths, or None when at the limit."""
        step = WIDTH_STEP if grow else -WIDTH_STEP
        widths = self.widths
        if focused is self._feed_list:
            columns = _within(widths.feed_columns + step, FEED_WIDTHS)
            if columns == widths.feed_columns:
                return None
            widths = Widths(widths.list_percent, columns)
        else:
            percent = _within(widths.list_percent + step, LIST_WIDTHS)
            if percent == widths.list_percent:
                return None
            widths = Widths(percent, widths.feed_columns)
        self.widths = widths
        self._size_panes()
        return widths

    def show_reading(self, focused: Widget | None) -> None:
        """Make sure the reading pane is on screen (narrow: in place of the feed)."""
        if self.narrow and not self.zoomed:
            self.show_feed(False, focused)

    def read(self, focused: Widget | None, came_from: Widget) -> None:
        """Show the reading pane and focus it; `h` goes back to `came_from`."""
        self._back_to = came_from
        self.show_reading(focused)
        self._reading_pane.focus()

    def back(self) -> None:
        """Leave the reading pane for the pane the article was chosen in (the
        full-width reading mode ends)."""
        self.zoom(False, None)
        target = self._back_to if self._back_to is not None else self._article_list
        if target is self._feed_list:
            if self.narrow:
                self.show_feed(True, None)
            elif self.feed_pane.has_class("-hidden"):
                target = self._article_list
        target.focus()


def _within(value: int, allowed: range) -> int:
    return max(allowed.start, min(value, allowed.stop - 1))
