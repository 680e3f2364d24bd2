"""What the user marks: read or unread (`m`, `M`), saved (`s`), the views over
those marks (`1`, `2`, `3`), and what another reader marks in the same state file.

The session keeps the rules (what is read, what a view lists); this applies them
to the panes and says what was done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model import Article
from reader.ui import notices
from reader.ui.session import Showing

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


@dataclass(frozen=True, slots=True)
class _Marking:
    """What a key marked (`m`, `M`, `s`), and how each article was before it."""

    saved: bool  # the saved mark (`s`), else the read mark (`m`, `M`)
    before: dict[str, bool]  # article id → its mark before


class Marks:
    """Marks articles in `app`'s reading state and shows the marks."""

    def __init__(self, app: ReaderApp) -> None:
        self._app = app
        self._last: _Marking | None = None  # what `u` undoes

    def undo(self) -> None:
        """Put back the marks the last marking key changed (`u`)."""
        app = self._app
        last, self._last = self._last, None
        if last is None:
            app.tell(notices.NOTHING_TO_UNDO)
            return
        app.reading.stop_dwell()
        if last.saved:
            for article_id, saved in last.before.items():
                app.reading_state.mark_saved(article_id, saved)
        else:
            for read in (True, False):
                ids = [article_id for article_id, was in last.before.items() if was is read]
                if ids:
                    app.session.mark_read(ids, read)
        self.changed()
        app.tell(notices.undone(len(last.before), last.saved))

    def set_read(self, articles: Iterable[Article], read: bool) -> None:
        """Mark `articles` read (or unread again), and show it."""
        if self._app.session.set_read(articles, read):
            self.changed()

    def changed(self) -> None:
        """The marks changed: draw them and the counts again."""
        self._app.article_list.refresh()
        self._app.refresh_counts()
        self.tell_news()

    def tell_news(self) -> None:
        """Say once that the state file cannot be written, and what else it has to tell."""
        app = self._app
        told = app.announcer.state_news(app.reading_state)
        if told:
            app.tell(*told)
            app.refresh_counts()  # "not saving what you read"

    def toggle_read(self) -> None:
        """Mark the article a key acts on read, or unread again."""
        app = self._app
        target = app.reading.target_with_id("mark")
        if target is None:
            return
        article, article_id = target
        if app.session.mark_by_hand(article):
            app.reading.stop_dwell()
        was_read = app.reading_state.is_read(article_id)
        self._last = _Marking(False, {article_id: was_read})
        self.set_read([article], not was_read)

    def mark_all_read(self) -> None:
        """Mark every article in the list (as searched and filtered) read."""
        app = self._app
        articles = app.article_list.articles
        if not articles:
            app.tell(notices.NOTHING_TO_MARK)
            return
        app.reading.stop_dwell()
        # Marking touches only memory (the state's writer thread writes the file):
        # 100k ids take some tens of milliseconds here.
        unread = app.session.unread_among(articles)
        if unread:
            app.session.mark_read(unread, True)
            self._last = _Marking(False, dict.fromkeys(unread, False))
            self.changed()
            app.tell(notices.marked_read(len(unread)))
        else:
            app.tell(notices.ALL_READ_ALREADY)

    def toggle_saved(self) -> None:
        """Save (bookmark) the article a key acts on, or unsave it."""
        app = self._app
        target = app.reading.target_with_id("save")
        if target is None:
            return
        article, article_id = target
        self._last = _Marking(True, {article_id: app.reading_state.is_saved(article_id)})
        saved = app.session.toggle_saved(article_id)
        app.tell(notices.saved(article.title, saved))
        self.changed()

    def show(self, showing: Showing) -> None:
        """Show all, unread or saved articles (again: drop those read or unsaved since)."""
        self._app.session.choose_view(showing)
        self._app.refresh_counts()
        self._app.listing.show(keep=True)

    def has_news(self) -> bool:
        """Whether the state file has changed (another reader marked articles), or
        has something to tell. Asks the file: for a worker thread."""
        state = self._app.reading_state
        # refresh() first: it may find the file gone, and that is a problem to tell.
        return bool(
            state.refresh()
            or state.notice
            or (state.problem and not self._app.announcer.has_warned(state.problem))
        )

    def marked_elsewhere(self) -> None:
        """Another reader marked articles: show their marks, but in a view keep what
        the user has before them, whatever the other reader did to it."""
        app = self._app
        self.changed()
        if app.session.showing is not Showing.ALL:
            app.session.keep_in_view((app.article_list.highlighted, app.reading_pane.showing))
            app.refresh_views(hold=True)
