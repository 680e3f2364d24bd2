"""How the panes share the screen: side by side when the terminal is wide; below
`NARROW` columns the News Feed folds away, and when shown it takes the reading
pane's place. Also where focus goes back to from the reading pane (`h`)."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widget import Widget

NARROW = 100
"""Below this width the News Feed folds away (`f` brings it back, in place of the
reading pane)."""


class PaneLayout:
    """Shows and hides the panes; the app tells it the width and what has focus.

    The app composes the panes into `main`, which holds them side by side, and the
    News Feed with its title into `feed_pane`.
    """

    def __init__(self, *, reading_pane: Widget, article_list: Widget, feed_list: Widget) -> None:
        self.main = Horizontal(id="main")
        self.feed_pane = Vertical(id="feed-pane")
        self._reading_pane = reading_pane
        self._article_list = article_list
        self._feed_list = feed_list
        self.narrow = False
        self._feed_shown: bool | None = None  # None: follow the terminal's width
        self._back_to: Widget | None = None  # where `h` returns from the reading pane

    def fold(self, width: int, focused: Widget | None) -> None:
        """Lay the panes out for `width`: below NARROW the feed folds away, and when
        shown it takes the reading pane's place."""
        self.narrow = width < NARROW
        self.main.set_class(self.narrow, "-narrow")
        shown = self._feed_shown if self._feed_shown is not None else not self.narrow
        self.show_feed(shown, focused)

    def show_feed(self, shown: bool, focused: Widget | None) -> None:
        """Show or hide the News Feed (narrow: in place of the reading pane)."""
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

    def show_reading(self, focused: Widget | None) -> None:
        """Make sure the reading pane is on screen (narrow: in place of the feed)."""
        if self.narrow:
            self.show_feed(False, focused)

    def read(self, focused: Widget | None, came_from: Widget) -> None:
        """Show the reading pane and focus it; `h` goes back to `came_from`."""
        self._back_to = came_from
        self.show_reading(focused)
        self._reading_pane.focus()

    def back(self) -> None:
        """Leave the reading pane for the pane the article was chosen in."""
        target = self._back_to if self._back_to is not None and self._back_to.display else self._article_list
        if target is self._feed_list and self.narrow:
            self.show_feed(True, None)
        target.focus()
