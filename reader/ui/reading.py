"""The reading pane and what it shows: the article under the list's cursor, the
article opened, a News Feed item; and when an article left on show is read.

The session decides what counts (new, read, which article a dwell is for); the
timers that wait are kept here, on the Textual side, and run on the app.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.timer import Timer

from reader.model import Article, FeedItem
from reader.ui import notices
from reader.ui.session import Dwell
from reader.ui.widgets.cursor_list import CursorList

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class Reading:
    """Puts articles and feed items in `app`'s reading pane, as the user moves and
    chooses, and marks an article read once it has been read."""

    def __init__(self, app: ReaderApp) -> None:
        self._app = app
        self.opened_any = False
        """Whether the user has opened an article yet."""
        self._show_timer: Timer | None = None
        self._last_shown = 0.0
        self._highlighted_source: str | None = None
        self._moved_by_user = False  # since the reading pane last followed the list cursor
        self._dwell_timer: Timer | None = None
        # The article shown last as the store holds it, and with its body: Enter on it
        # (or `l`, or a redraw) reads no body again. A changed file is a new object.
        self._with_body: tuple[Article, Article] | None = None

    def target(self) -> Article | None:
        """The article a key such as `s` acts on: the one highlighted in the list,
        or, from another pane, the one in the reading pane."""
        app = self._app
        if app.focused is app.article_list:
            return app.article_list.highlighted
        shown = app.reading_pane.showing
        return shown if isinstance(shown, Article) else None

    def target_with_id(self, doing: str) -> tuple[Article, str] | None:
        """The article a key acts on, and its id; None, and a notice saying there is
        no article to do that to (`doing`), if there is none."""
        article = self.target()
        article_id = self._app.store.id_of(article.source) if article is not None else None
        if article is None or article_id is None:
            self._app.tell(notices.no_article(doing))
            return None
        return article, article_id

    def follow_cursor(self, article: Article | None, by_user: bool) -> None:
        """The list's cursor rests on `article` (`by_user`: the user moved it):
        show it, at once or, during a burst of moves, once the cursor rests."""
        app = self._app
        source = article.source if article is not None else None
        moved, self._highlighted_source = source != self._highlighted_source, source
        self._moved_by_user = self._moved_by_user or by_user
        if not moved and isinstance(app.reading_pane.showing, FeedItem):
            return  # the list was refreshed under a feed item being read: it stays
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None
        if time.monotonic() - self._last_shown >= app.show_delay:
            self._show_highlighted()
        else:
            self._show_timer = app.set_timer(app.show_delay, self._show_highlighted)

    def _show_highlighted(self) -> None:
        app = self._app
        self._show_timer = None
        self._last_shown = time.monotonic()
        if app.listing.opening_top_match:
            return
        shown = app.reading_pane.showing
        if (
            app.reading_pane.has_focus  # not app.focused: this can run as the screen is torn down
            and isinstance(shown, Article)
            and app.store.page(shown.source) is None
            and shown.source
        ):
            return  # its file was deleted while being read: it stays until the user moves on
        highlighted = app.article_list.highlighted
        self.show(highlighted, dwell=self._moved_by_user)
        self._moved_by_user = False
        if app.session.seen(highlighted):
            app.article_list.refresh()
            app.refresh_counts()

    def show(self, article: Article | None, dwell: bool = True) -> None:
        """Show `article` in the reading pane. When the user brought it there
        (`dwell`), it is read once it has stayed `read_after` seconds: the article
        shown at start, or put under the cursor by a change on disk, is not."""
        app = self._app
        app.reading_pane.show_article(self._body_of(article), highlight=app.query_text)
        self._match_counter_follows()
        step = app.session.dwell_on_show(article, by_user=dwell, dwelling=self._dwell_timer is not None)
        if step is Dwell.GO_ON:
            return
        self.stop_dwell()
        if step is Dwell.START:
            self._dwell_timer = app.set_timer(app.read_after, self._dwelt)

    def _body_of(self, article: Article | None) -> Article | None:
        if article is None:
            return None
        kept = self._with_body
        if kept is None or kept[0] is not article:
            kept = self._with_body = (article, self._app.store.with_body(article))
        return kept[1]

    def stop_dwell(self) -> None:
        """The article on show is not to be read by staying (it was marked by hand)."""
        if self._dwell_timer is not None:
            self._dwell_timer.stop()
            self._dwell_timer = None

    def _dwelt(self) -> None:
        self._dwell_timer = None
        shown = self._app.reading_pane.showing
        if isinstance(shown, Article) and self._app.session.dwelt(shown):
            self._app.marks.set_read([shown], True)

    def open(self, article: Article, focus_reader: bool = True) -> None:
        """Show the article the user chose, read at once (`focus_reader`: and go
        to the reading pane)."""
        app = self._app
        self.opened_any = True
        app.session.opened(article)
        self.show(article)
        self.stop_dwell()
        if app.store.page(article.source) is not None and app.is_unread(article):
            app.marks.set_read([article], True)  # chosen, not skimmed past: read at once
        app.article_list.refresh()
        app.refresh_counts()
        if focus_reader:
            focused = app.focused
            app.panes.read(focused, focused if isinstance(focused, CursorList) else app.article_list)

    def show_feed_item(self, item: FeedItem) -> None:
        """Show a News Feed item that has no article, and go to the reading pane."""
        app = self._app
        self.stop_dwell()
        app.session.no_dwell()
        app.reading_pane.show_feed_item(item)
        self._match_counter_follows()
        app.panes.read(app.focused, app.feed_list)

    def _match_counter_follows(self) -> None:
        """The pane may show another article now: the search box counts no match
        jumped to in it (a match of the one before is no match in it). Here, where
        every way of showing something ends, rather than after each key that may."""
        if self._app.reading_pane.current_match is None:
            self._app.search_bar.clear_match()

    def mark_matches(self) -> None:
        """Mark the words searched for in the article on show (none when no search)."""
        shown = self._app.reading_pane.showing
        if isinstance(shown, Article):
            self._app.reading_pane.show_article(shown, highlight=self._app.query_text)

    def step(self, delta: int) -> None:
        """Show the article `delta` rows down the list (up, if negative)."""
        app = self._app
        listing = app.article_list
        listing.cursor += delta
        if listing.highlighted is not None:
            self.open(listing.highlighted, focus_reader=app.focused is app.reading_pane)

    def step_unread(self, delta: int) -> bool:
        """Show the next unread article down the list (up, if `delta` is negative);
        False when there is none that way."""
        app = self._app
        listing = app.article_list
        articles = listing.articles
        index = listing.cursor + delta
        while 0 <= index < len(articles):
            if app.is_unread(articles[index]):
                listing.cursor = index
                self.open(articles[index], focus_reader=app.focused is app.reading_pane)
                return True
            index += delta
        return False

    def jump(self, step: int) -> None:
        """Go `step` matches of a full-text search on in the article."""
        app = self._app
        pane = app.reading_pane
        if pane.jump_to_match(step):
            app.panes.show_reading(app.focused)
            app.search_bar.set_match((pane.current_match or 0) + 1, pane.matches)
        else:
            app.tell(notices.no_match(bool(app.query_text)))
