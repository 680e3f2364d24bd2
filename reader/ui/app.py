"""The reading room: article list, reading pane and News Feed, driven by the keyboard.

The app owns the state: the store, the search query, what has been opened. Panes get
what they show from it and post messages saying what the user wants. The loading
worker fills the store (it is thread-safe and made for this) and rebuilds its sorted
views off the event loop, then posts a short progress message; the app only reads.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label
from textual.worker import Worker, WorkerState, get_current_worker

from reader.loader import LoadFailure, load_pages_parallel, prepare_parallel_loading
from reader.model import Article, Page
from reader.parser import DEFAULT_MAX_BYTES
from reader.store import SearchCancelled, Store
from reader.ui.messages import LoadProgress, SearchDone
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.feed_list import FeedList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar

# Below this width the News Feed folds away (`f` brings it back, in place of the
# reading pane).
NARROW = 100
_BATCH_PAGES = 200
# The loader rebuilds the store's sorted views at most this often, and never
# spends more than a tenth of its time on it.
_MIN_REFRESH_SECONDS = 0.5
_REFRESH_SHARE = 10
_TICK_SECONDS = 30

# Keys that are no bindings of ours, for the help screen.
_OTHER_KEYS = {
    "Anywhere": [("Tab", "Next pane"), ("Shift+Tab", "Previous pane"), ("Ctrl+P", "Commands and themes")],
    "Search box": [("Enter", "Open the top match")],
}


class ReaderApp(App[None]):
    """A terminal reading room for saved news pages."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "reader"

    show_delay = 0.04
    """Seconds between showing highlighted articles: a burst of `j` (a held key)
    shows the first at once and the one the cursor rests on, not each between."""

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("n", "next_article", "Next", id="app.next"),
        Binding("p", "previous_article", "Previous", id="app.previous"),
        Binding("f", "feed", "News Feed", id="app.feed"),
        Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
        Binding("escape", "clear_search", "Clear search (in the list)", show=False, id="app.clear_search"),
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
        self.failures: list[LoadFailure] = []  # files that could not be read
        self.warnings: list[str] = []  # those, and what the parser noticed
        self.loading = bool(self.paths)
        if self.paths:
            prepare_parallel_loading()
        self.files_read = 0
        self._opened: set[str] = set()
        self._before_search: Article | None = None
        self._open_top_match = False  # Enter came before the search's answer
        self._back_to: CursorList | None = None  # where `h` returns from the reading pane
        self._feed_shown: bool | None = None  # None: follow the terminal's width
        self._narrow = False
        self._show_timer: Timer | None = None
        self._last_shown = 0.0
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
        yield Footer()

    def on_mount(self) -> None:
        self.store.rebuild()  # pages given to the app; from here on, workers rebuild
        self.article_list.focus()
        self._fold_feed(self.size.width)
        self.refresh_views()
        if self.paths:
            self.load(self.paths)
        self.set_interval(_TICK_SECONDS, self.feed_list.refresh)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search headlines", "Filter the list as you type (/)", self.action_search)
        yield SystemCommand("News Feed", "Show and focus the News Feed (f)", self.action_feed)
        yield SystemCommand("Warnings", "Files that could not be read (w)", self.action_warnings)
        yield SystemCommand("Keys", "Every key (?)", self.action_help)

    # Loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, paths: list[str]) -> None:
        """Read and parse every page under `paths` into the store, reporting progress."""
        worker = get_current_worker()
        batch: list[Page] = []
        failures: list[LoadFailure] = []
        warnings: list[str] = []
        files = 0
        next_refresh = 0.0
        results = load_pages_parallel(paths, self.max_bytes)
        for result in results:
            if worker.is_cancelled:
                results.close()  # stops the pool
                return
            files += 1
            if isinstance(result, LoadFailure):
                failures.append(result)
                warnings.append(result.error)
            else:
                batch.append(result)
                warnings.extend(result.warnings)
            if len(batch) >= _BATCH_PAGES:
                self.store.put_many(batch)
                batch = []
            if time.monotonic() >= next_refresh:
                self.store.put_many(batch)
                batch = []
                started = time.monotonic()
                self.store.rebuild()  # sort here, not on the event loop
                spent = time.monotonic() - started
                next_refresh = time.monotonic() + max(_MIN_REFRESH_SECONDS, _REFRESH_SHARE * spent)
                self.post_message(LoadProgress(files, failures, warnings, done=False))
                failures, warnings = [], []
        self.store.put_many(batch)
        self.store.rebuild()
        self.post_message(LoadProgress(files, failures, warnings, done=True))

    def on_load_progress(self, message: LoadProgress) -> None:
        self.files_read = message.files
        self.failures.extend(message.failures)
        self.warnings.extend(message.warnings)
        self.refresh_views()  # still loading: the newest article stays highlighted
        if message.done:
            self.loading = False
            self._update_counts()
            if not self.store.view().articles.items and not self.failures:
                self.notify("No pages found. Give reader files or folders of saved pages (*.txt).",
                            severity="warning", markup=False)
            self._report_failures()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "load":
            self.loading = False
            self._update_counts()
        message = f"{event.worker.name} failed: {event.worker.error}"
        self.notify(message, title="Something went wrong", severity="error", markup=False, timeout=10)

    def _report_failures(self) -> None:
        if not self.failures:
            return
        names = [Path(f.source).name for f in self.failures]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        files = "file" if len(names) == 1 else "files"
        message = f"Could not read {len(names)} {files}: {shown}. Press w for details."
        self.notify(message, title="Skipped", severity="warning", markup=False, timeout=8)

    # Showing --------------------------------------------------------------------

    def refresh_views(self) -> None:
        """Give every pane what it shows now, keeping the user where they are."""
        self._update_counts()
        if self.query_text:
            self.search(self.query_text, keep=True)
            return
        keep = self.article_list.highlighted
        if self.loading and not self._opened and self.article_list.cursor == 0:
            keep = None  # while pages arrive and nothing is open, the newest stays highlighted
        self._show_everything(keep)

    def _show_everything(self, keep: Article | None) -> None:
        """Every article and feed item, unfiltered; the cursor on `keep` if given."""
        view = self.store.view()
        self.article_list.show(view.articles.items, keep=keep, unread=self.is_unread)
        self.feed_list.show(view.feed.items)

    def is_unread(self, article: Article) -> bool:
        """Whether the user has not opened the article yet (this session)."""
        return article.source not in self._opened

    def _update_counts(self) -> None:
        total = len(self.store.view().articles.items)
        unread = total - len(self._opened)
        loading = f" · loading… {self.files_read:,} files" if self.loading else ""
        self.sub_title = f"{total:,} articles · {unread:,} unread{loading}"

    def _open(self, article: Article, focus_reader: bool = True) -> None:
        if self.store.page(article.source) is not None:
            self._opened.add(article.source)
        self.reading_pane.show_article(article)
        self.article_list.refresh()
        self._update_counts()
        if focus_reader:
            self._back_to = self.focused if isinstance(self.focused, CursorList) else self.article_list
            self._show_reading_pane()
            self.reading_pane.focus()

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None
        if time.monotonic() - self._last_shown >= self.show_delay:
            self._show_highlighted()
        else:
            self._show_timer = self.set_timer(self.show_delay, self._show_highlighted)

    def _show_highlighted(self) -> None:
        self._show_timer = None
        self._last_shown = time.monotonic()
        if not self._open_top_match:
            self.reading_pane.show_article(self.article_list.highlighted)

    @on(ArticleList.Opened)
    def _open_chosen(self, message: ArticleList.Opened) -> None:
        self._open(message.article)

    @on(ReadingPane.Back)
    def _back(self) -> None:
        target = self._back_to if self._back_to is not None and self._back_to.display else self.article_list
        if target is self.feed_list and self._narrow:
            self._show_feed_pane(True)
        target.focus()

    @on(FeedList.Selected)
    def _show_feed_item(self, message: FeedList.Selected) -> None:
        item = message.item
        article = self.store.view().article_titled(item.headline) if item.headline else None
        if article is None:
            self._back_to = self.feed_list
            self.reading_pane.show_feed_item(item)
            self._show_reading_pane()
            self.reading_pane.focus()
            return
        if not self.article_list.select(article) and self.query_text:
            self.action_clear_search()  # the search hides it: back to the full list
            self.article_list.select(article)
        self._open(article)

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
            self._show_everything(keep=None)
            self.search_bar.set_count(None)

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
        self.search_bar.set_count((len(message.result.articles), len(self.store.view().articles.items)))
        if self._open_top_match:
            self._open_top_match = False
            self._submit()

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        if self.article_list.search_query != self.query_text:
            self._open_top_match = True  # the list is from an older query: wait for this one
            return
        self._submit()

    def _submit(self) -> None:
        if self.article_list.row_count:
            self.article_list.cursor = 0
            top = self.article_list.articles[0]
            self._before_search = top
            self._open(top)
        else:
            self.notify("No headline matches.", severity="warning", markup=False)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.action_clear_search()

    def action_clear_search(self) -> None:
        """Clear the search and go back to the full list and the article from before."""
        if not self.search_bar.has_class("-active") and not self.query_text:
            return
        self.search_bar.remove_class("-active")
        self.search_bar.input.value = ""
        self.search_bar.set_count(None)
        self.query_text = ""
        self._open_top_match = False
        self._show_everything(keep=self._before_search)
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
            self._fold_feed(self.size.width)
            self.article_list.focus()
        else:
            self._feed_shown = True
            self._show_feed_pane(True)
            self.feed_list.focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fold_feed(event.size.width)

    def _fold_feed(self, width: int) -> None:
        """Lay the panes out for `width`: below NARROW the feed folds away, and when
        shown it takes the reading pane's place."""
        self._narrow = width < NARROW
        self.query("#main").set_class(self._narrow, "-narrow")
        shown = self._feed_shown if self._feed_shown is not None else not self._narrow
        self._show_feed_pane(shown)

    def _show_feed_pane(self, shown: bool) -> None:
        had_focus = self.focused is self.feed_list
        self.query("#feed-pane").set_class(not shown, "-hidden")
        self.reading_pane.set_class(shown and self._narrow, "-hidden")
        if had_focus and not shown:
            self.article_list.focus()

    def _show_reading_pane(self) -> None:
        if self._narrow:
            self._show_feed_pane(False)

    def action_help(self) -> None:
        """List every key."""
        self.push_screen(HelpScreen([
            ("Anywhere (not while typing in the search box)", self.BINDINGS, _OTHER_KEYS["Anywhere"]),
            ("Article list and News Feed", CursorList.BINDINGS, []),
            ("Reading pane", ReadingPane.BINDINGS, []),
            ("Search box", SearchBar.BINDINGS, _OTHER_KEYS["Search box"]),
        ]))

    def action_warnings(self) -> None:
        """List the files that could not be read, and other warnings."""
        self.push_screen(WarningsScreen(self.warnings))
