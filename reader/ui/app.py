"""The reading room: article list, reading pane and News Feed, driven by the keyboard.

The app owns the state: the store, the search query, what has been opened. Panes get
what they show from it and post messages saying what the user wants; the loading
worker only reads files and posts the pages it parsed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, ProgressBar
from textual.worker import get_current_worker

from reader.loader import LoadFailure, load_pages
from reader.model import Article
from reader.parser import DEFAULT_MAX_BYTES
from reader.store import SearchCancelled, Store, fold
from reader.ui.messages import LoadingFinished, PagesLoaded, SearchDone
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.feed_list import FeedList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar

# Below this width the News Feed folds away (`f` brings it back).
NARROW = 100
_BATCH_PAGES = 500
_BATCH_SECONDS = 0.1
_TICK_SECONDS = 30


class ReaderApp(App[None]):
    """A terminal reading room for saved news pages."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "reader"

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("n", "next_article", "Next", id="app.next"),
        Binding("p", "previous_article", "Previous", id="app.previous"),
        Binding("f", "feed", "News Feed", id="app.feed"),
        Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
        Binding("escape", "clear_search", "Clear search", show=False, id="app.clear_search"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.focus_next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.focus_previous"),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        *,
        store: Store | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.store = store if store is not None else Store()
        self.paths = [str(p) for p in paths]
        self.max_bytes = max_bytes
        self.clock = clock
        self.query_text = ""
        self.failures: list[str] = []  # files that could not be read
        self.warnings: list[str] = []  # those, and what the parser noticed
        self.loading = bool(self.paths)
        self._opened: set[str] = set()
        self._before_search: Article | None = None
        self._feed_shown: bool | None = None  # None: follow the terminal's width
        # The panes, made here so that a worker's late message during shutdown
        # still finds them (a query would fail once the screen is torn down).
        self.search_bar = SearchBar()
        self.article_list = ArticleList(self.clock, id="articles")
        self.reading_pane = ReadingPane(id="reading")
        self.feed_list = FeedList(self.clock, id="feed")

    # Building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield self.search_bar
                yield self.article_list
            yield self.reading_pane
            with Vertical(id="feed-pane"):
                yield Label("News Feed", id="feed-title")
                yield self.feed_list
        yield ProgressBar(id="loading", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.article_list.focus()
        self.refresh_views()
        if self.paths:
            self.query("#loading").add_class("-active")
            self.load(self.paths)
        self.set_interval(_TICK_SECONDS, self.feed_list.refresh)

    # Loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, paths: list[str]) -> None:
        """Read and parse every page under `paths`, posting them in batches."""
        worker = get_current_worker()
        pages, failures, files = [], [], 0
        last_post = time.monotonic()
        for result in load_pages(paths, self.max_bytes):
            if worker.is_cancelled:
                return
            files += 1
            (failures if isinstance(result, LoadFailure) else pages).append(result)
            if len(pages) >= _BATCH_PAGES or time.monotonic() - last_post > _BATCH_SECONDS:
                self.post_message(PagesLoaded(pages, failures))
                pages, failures, last_post = [], [], time.monotonic()
        self.post_message(PagesLoaded(pages, failures))
        self.post_message(LoadingFinished(files))

    def on_pages_loaded(self, message: PagesLoaded) -> None:
        if message.pages:
            self.store.put_many(message.pages)
        self.failures.extend(f.error for f in message.failures)
        self.warnings.extend(f.error for f in message.failures)
        self.warnings.extend(w for page in message.pages for w in page.warnings)
        self.refresh_views()

    def on_loading_finished(self, message: LoadingFinished) -> None:
        self.loading = False
        self.query("#loading").remove_class("-active")
        if not self.store.articles() and not self.failures:
            self.notify("No pages found. Give reader files or folders of saved pages (*.txt).",
                        severity="warning", markup=False)
        self._report_failures()
        self.refresh_views()

    def _report_failures(self) -> None:
        if not self.failures:
            return
        names = [Path(f.split(": ", 1)[0]).name for f in self.failures]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        files = "file" if len(names) == 1 else "files"
        self.notify(f"Could not read {len(names)} {files}: {shown}. Press w for details.",
                    title="Skipped", severity="warning", markup=False, timeout=8)

    # Showing --------------------------------------------------------------------

    def refresh_views(self) -> None:
        """Give every pane what it shows now, keeping the user where they are."""
        self._update_counts()
        self._fold_feed()
        if self.query_text:
            self.search(self.query_text, keep=True)
            return
        keep = self.article_list.highlighted
        if self.loading and self.article_list.cursor == 0:
            keep = None  # while pages arrive, the newest stays highlighted
        self.article_list.show(self.store.articles(), keep=keep, unread=self.is_unread)
        self.feed_list.show(self.store.feed())

    def is_unread(self, article: Article) -> bool:
        """Whether the user has not opened the article yet (this session)."""
        return article.source not in self._opened

    def _update_counts(self) -> None:
        total = len(self.store.articles())
        unread = total - sum(1 for source in self._opened if self.store.page(source) is not None)
        loading = " · loading…" if self.loading else ""
        self.sub_title = f"{total:,} articles · {unread:,} unread{loading}"

    def _open(self, article: Article, focus_reader: bool = True) -> None:
        self._opened.add(article.source)
        self.reading_pane.show_article(article)
        self.article_list.refresh()
        self._update_counts()
        if focus_reader:
            self.reading_pane.focus()

    @on(ArticleList.Highlighted)
    def _show_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.reading_pane.show_article(message.article)

    @on(ArticleList.Opened)
    def _open_chosen(self, message: ArticleList.Opened) -> None:
        self._open(message.article)

    @on(ReadingPane.Back)
    def _back_to_list(self) -> None:
        self.article_list.focus()

    @on(FeedList.Selected)
    def _show_feed_item(self, message: FeedList.Selected) -> None:
        item = message.item
        wanted = fold(item.headline or "")
        match = next((a for a in self.article_list.articles if wanted and fold(a.title) == wanted), None)
        if match is None:
            match = next((a for a in self.store.articles() if wanted and fold(a.title) == wanted), None)
        if match is not None:
            if match not in self.article_list.articles:
                self.action_clear_search()
            self.article_list.show(self.article_list.articles, query=self.query_text, keep=match)
            self._open(match)
        else:
            self.reading_pane.show_feed_item(item)
            self.reading_pane.focus()

    # Search ---------------------------------------------------------------------

    def action_search(self) -> None:
        """Open the search box (keeping the article to come back to)."""
        if not self.search_bar.has_class("-active"):
            self._before_search = self.article_list.highlighted
            self.search_bar.add_class("-active")
        self.search_bar.input.focus()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        query = message.query.strip()
        if query == self.query_text:
            return  # a space typed, or the box emptied by clear_search
        self.query_text = query
        if query:
            self.search(query, keep=False)
        else:
            self.article_list.show(self.store.articles(), unread=self.is_unread)
            self.feed_list.show(self.store.feed())

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str, keep: bool) -> None:
        """Filter articles and feed by `query` off the event loop, so typing never waits."""
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        try:
            result = self.store.search(query, cancelled)
            feed = self.store.search_feed(query, cancelled)
        except SearchCancelled:
            return
        if not worker.is_cancelled:
            self.post_message(SearchDone(result, feed, keep))

    def on_search_done(self, message: SearchDone) -> None:
        if message.result.query != self.query_text:
            return  # the user has typed on; a newer search is coming
        keep = self.article_list.highlighted if message.keep else None
        self.article_list.show(message.result.articles, query=self.query_text, keep=keep, unread=self.is_unread)
        self.feed_list.show(message.feed, query=self.query_text)
        self.search_bar.set_count(len(message.result.articles), len(self.store.articles()))

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        if self.article_list.row_count:
            self.article_list.cursor = 0
            self._open(self.article_list.articles[0])
        else:
            self.notify("No headline matches.", severity="warning", markup=False)

    @on(SearchBar.Cancelled)
    def action_clear_search(self) -> None:
        """Clear the search and go back to the full list and the article from before."""
        if not self.search_bar.has_class("-active") and not self.query_text:
            return
        self.search_bar.remove_class("-active")
        self.search_bar.input.value = ""
        self.query_text = ""
        before = self._before_search
        self.article_list.show(self.store.articles(), keep=before, unread=self.is_unread)
        self.feed_list.show(self.store.feed())
        self.article_list.focus()

    # Moving ---------------------------------------------------------------------

    def action_next_article(self) -> None:
        """Show the next article in the list, from any pane."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Show the previous article in the list, from any pane."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        listing = self.article_list
        listing.cursor += delta
        if listing.highlighted is not None:
            self._open(listing.highlighted, focus_reader=self.focused is self.reading_pane)

    def action_feed(self) -> None:
        """Show the News Feed and focus it; hide it when it already has focus."""
        if self.focused is self.feed_list:
            self._feed_shown = False
            self.article_list.focus()
        else:
            self._feed_shown = True
            self._fold_feed()
            self.feed_list.focus()
        self._fold_feed()

    def _fold_feed(self) -> None:
        narrow = self.size.width < NARROW
        shown = self._feed_shown if self._feed_shown is not None else not narrow
        self.query("#feed-pane").set_class(not shown, "-hidden")
        self.query("#main").set_class(narrow, "-narrow")

    def on_resize(self) -> None:
        self._fold_feed()

    def action_help(self) -> None:
        """List every key."""
        self.push_screen(HelpScreen([
            ("Anywhere", self.BINDINGS),
            ("Article list and News Feed", CursorList.BINDINGS),
            ("Reading pane", ReadingPane.BINDINGS),
            ("Search box", SearchBar.BINDINGS),
        ]))

    def action_warnings(self) -> None:
        """List the files that could not be read, and other warnings."""
        self.push_screen(WarningsScreen(self.warnings))

