"""What the article list and the News Feed show: the view (all, unread or saved
articles) and the search typed in the search box, with the cursor kept where
the user is. Searches are answered off the event loop by the app's search
worker; the answers are put in the lists here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.library.arrange import group_name, source_name
from reader.model import Article
from reader.ui import notices
from reader.ui.messages import FeedSearchDone, SearchDone
from reader.ui.session import Showing

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class Listing:
    """Fills `app`'s article list and News Feed; keeps what is searched for, and
    where the user was before the search."""

    def __init__(self, app: ReaderApp) -> None:
        self._app = app
        self.query = ""
        """What the lists answer ("": no search)."""
        self.opening_top_match = False
        """Enter came before the search's answer: the top match opens when it comes."""
        self._before: Article | None = None  # the article to go back to when the search is cleared

    def refresh(self, hold: bool = False) -> None:
        """Give the lists (and the header) what they show now, keeping the user where
        they are (`hold`: on the same line of the screen too)."""
        app = self._app
        app.refresh_counts()
        keep: Article | bool | None = True
        if app.loading and not app.reading.opened_any and app.article_list.cursor == 0:
            keep = None  # while pages arrive and nothing is open, the newest stays highlighted
        self.show(keep, hold=hold)

    def show(self, keep: Article | bool | None, hold: bool = False) -> None:
        """The articles of the view and search on show, and the feed; the cursor on
        `keep` (True: the highlighted article) if it is among them."""
        app = self._app
        session = app.session
        if self.query or session.showing is not Showing.ALL or not session.arrangement.is_stored_order:
            app.search(self.query, keep=keep, hold=hold)  # in a worker: a search, a view or a sort
            return
        view = app.store.view()
        if keep is True:
            keep = app.article_list.highlighted
        app.article_list.show(
            view.articles.items,
            keep=keep or None,
            status=app.status,
            saved=app.is_saved,
            hold=hold,
            source_of=source_name,
        )
        app.feed_list.show(view.feed, is_new=app.session.new_feed.__contains__)

    def select(self, article: Article) -> None:
        """Put the list's cursor on `article`, clearing the search if it hides it."""
        if not self._app.article_list.select(article) and self.query:
            self.clear()  # back to the full list
            self._app.article_list.select(article)

    def open_search(self, full_text: bool) -> None:
        """Open the search box (keeping the article to come back to), on headlines
        or on `full_text`."""
        app, bar = self._app, self._app.search_bar
        if not bar.has_class("-active"):
            self._before = app.article_list.highlighted
            bar.add_class("-active")
        # Focused now, not after a refresh as `focus()` would: keys typed right after
        # `/` (a fast typist, a paste) are already queued, and must reach the box
        # rather than act on the list (`s` saving, `m` marking).
        app.screen.set_focus(bar.input)
        if full_text != bar.full_text:
            bar.set_full_text(full_text)
            if self.query:
                app.search(self.query, keep=False)

    def typed(self, text: str) -> None:
        """The user typed in the search box: `text` is all it holds now."""
        app = self._app
        query = text.strip()
        if query == self.query:
            return  # a space typed, or the box emptied by clear
        self.query = query
        if query:
            app.search(query, keep=False)
        else:
            self.show(keep=None)
            app.search_bar.set_count(None)
            app.reading.mark_matches()

    def answered(self, message: SearchDone) -> None:
        """Show the articles found, unless the user has moved on since."""
        app, result = self._app, message.result
        if (
            result.query != self.query
            or message.showing != app.session.showing.value
            or message.arrangement != app.session.arrangement
            or (result.query and result.full_text != app.search_bar.full_text)
        ):
            return  # the user has typed on or changed the view; a newer search is coming
        keep = app.article_list.highlighted if message.keep is True else message.keep or None
        app.article_list.show(
            result.articles,
            query=self.query,
            keep=keep,
            status=app.status,
            saved=app.is_saved,
            hold=message.hold,
            source_of=source_name,
            group=group_name(message.arrangement.grouping),
        )
        if result.query:
            app.reading.mark_matches()
            app.search_bar.set_count((len(message.result.articles), message.total))
        if self.opening_top_match:
            self.opening_top_match = False
            self._open_top_match()

    def feed_answered(self, message: FeedSearchDone) -> None:
        """Show the feed items found, unless the user has typed on since."""
        if message.query == self.query:
            is_new = self._app.session.new_feed.__contains__
            self._app.feed_list.show(message.feed, query=self.query, is_new=is_new)

    def submitted(self) -> None:
        """Enter in the search box: open the top match (once the list answers this query)."""
        if self._app.article_list.search_query != self.query:
            self.opening_top_match = True  # the list is from an older query: wait for this one
            return
        self._open_top_match()

    def _open_top_match(self) -> None:
        articles = self._app.article_list
        if articles.row_count:
            articles.cursor = 0
            top = articles.articles[0]
            self._before = top
            self._app.reading.open(top)
        else:
            self._app.tell(notices.NO_HEADLINE_MATCHES)

    def clear(self) -> None:
        """Clear the search and go back to the full list and the article from before."""
        app, bar = self._app, self._app.search_bar
        if not bar.has_class("-active") and not self.query:
            return
        bar.remove_class("-active")
        bar.input.value = ""
        bar.set_count(None)
        self.query = ""
        self.opening_top_match = False
        self.show(keep=self._before)
        app.reading.mark_matches()
        app.article_list.focus()
