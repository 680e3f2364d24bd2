"""The reading room: article list, reading pane and News Feed, driven by the keyboard.

The app owns the state: the store, the search query, what has been opened. Panes get
what they show from it and post messages saying what the user wants. The loading
worker fills the store (it is thread-safe and made for this) and rebuilds its sorted
views off the event loop, then posts a short progress message; the app only reads.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label
from textual.worker import Worker, WorkerState, get_current_worker

from reader.library.files import LoadFailure
from reader.library.follow import follow_folders
from reader.library.ingest import Progress
from reader.library.pool import prepare_parallel_loading
from reader.library.store import SearchCancelled, Store
from reader.library.watch import SETTLE_SECONDS
from reader.model import Article, FeedItem
from reader.parse.article import DEFAULT_MAX_BYTES
from reader.render.export import article_text, export_article
from reader.storage.cache import PageCache
from reader.storage.state import ReadingState
from reader.ui.messages import FeedSearchDone, PagesRead, ReadingStateChanged, SearchDone, WatchFailed
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.widgets.article_list import ArticleList, Status
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.feed_list import FeedList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.title_bar import TitleBar

# Below this width the News Feed folds away (`f` brings it back, in place of the
# reading pane).
NARROW = 100

# Keys that are no bindings of ours, for the help screen.
_OTHER_KEYS = {
    "Anywhere": [("Tab", "Next pane"), ("Shift+Tab", "Previous pane"), ("Ctrl+P", "Commands and themes")],
    "Search box": [("Enter", "Open the top match")],
}


class Showing(Enum):
    """Which articles the list shows (before any search)."""

    ALL = "all"
    UNREAD = "unread"
    SAVED = "saved"


class ReaderApp(App[None]):
    """A terminal reading room for saved news pages."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "reader"

    # The counts in the header change with every mark and every batch of pages
    # read: as App's own reactive, each change repainted the whole screen.
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)

    show_delay = 0.04
    """Seconds between showing highlighted articles: a burst of `j` (a held key)
    shows the first at once and the one the cursor rests on, not each between."""

    tick_seconds = 10.0
    """How often relative times (`5 min ago`) are drawn again."""

    settle_seconds = SETTLE_SECONDS
    """How long a changed file must stay the same before it is read."""

    tell_delay = 0.6
    """Seconds of quiet after changes on disk before saying what they brought."""

    read_after = 1.5
    """Seconds an article must stay in the reading pane to count as read: skimming
    the list with `j`/`k` marks nothing. (Opening it with Enter marks it at once.)"""

    state_poll_seconds = 2.0
    """How often to look for what another reader marked in the same state file."""

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("ctrl+f", "search_text", "Full text", id="app.search_text"),
        Binding(
            "n", "next", "Next", tooltip="Next match of a full-text search, or next article", id="app.next"
        ),
        Binding("N", "previous_match", "Previous match", show=False, id="app.previous_match"),
        Binding("p", "previous_article", "Previous", id="app.previous"),
        Binding("m", "toggle_read", "Read/unread", id="app.toggle_read"),
        Binding(
            "s",
            "toggle_saved",
            "Save",
            tooltip="Save (bookmark) the article, or unsave it",
            id="app.toggle_saved",
        ),
        Binding("M", "mark_all_read", "Mark all shown read", show=False, id="app.mark_all_read"),
        Binding("1", "show('all')", "Show all articles", show=False, id="app.show_all"),
        Binding("2", "show('unread')", "Show unread articles", show=False, id="app.show_unread"),
        Binding("3", "show('saved')", "Show saved articles", show=False, id="app.show_saved"),
        Binding("e", "export", "Export the article as Markdown", show=False, id="app.export"),
        Binding("y", "copy", "Copy the article's text", show=False, id="app.copy"),
        Binding("f", "feed", "News Feed", id="app.feed"),
        Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
        Binding("escape", "clear_search", "Clear search (in the list)", show=False, id="app.clear_search"),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        *,
        store: Store | None = None,
        cache: PageCache | None = None,
        state: ReadingState | None = None,
        export_folder: str | Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], datetime] = datetime.now,
        watch: bool = True,
    ) -> None:
        super().__init__()
        # Pages parsed are kept here (bodies and all); the store holds them without
        # bodies. Without a file, the cache is in memory and gone on exit.
        self.cache = cache if cache is not None else PageCache()
        self.store = store if store is not None else Store(bodies=self.cache.body)
        # What the user read and saved; without a file, for this session only.
        self.reading_state = state if state is not None else ReadingState()
        self.export_folder = export_folder  # None: the current folder at the time
        self.showing = Showing.ALL
        self._kept_in_view: set[str] = (
            set()
        )  # ids read or unsaved while their view is on: they stay till it changes
        # Absolute, as the watcher names changed files: the store knows pages by it.
        self.paths = [os.path.abspath(p) for p in paths]
        self.max_bytes = max_bytes
        self.clock = clock
        # Not `self.watch`: that would hide Textual's DOMNode.watch.
        self.follow_changes = watch
        """Whether the folders are followed for changes after the first load."""
        self.query_text = ""
        self.failures: list[LoadFailure] = []  # files that could not be read
        self.warnings: list[str] = []  # those, and what the parser noticed
        self._warning_set: set[str] = set()
        self.loading = bool(self.paths)
        self.loaded = asyncio.Event()
        """Set when the first load is over (at once with no paths): scripts and tests wait on it."""
        if self.paths:
            prepare_parallel_loading()
        self.files_read = 0
        self.files_cached = 0  # of those, how many came from the parse cache
        self._opened_any = False  # whether the user has opened an article yet
        self._dwell_timer: Timer | None = None
        self._dwell_source: str | None = None  # the article the dwell timer is for
        self._moved_by_user = False  # since the reading pane last followed the list cursor
        self._marked_by_hand: str | None = None  # the article on show, if `m` was pressed on it
        self._state_poll: Worker | None = None
        self._counted: tuple[tuple[str, ...], int, int] = ((), -1, 0)  # (ids, state version, unread)
        self._new: set[str] = set()  # ids of articles that arrived while running, not yet seen
        self._new_feed: set[FeedItem] = set()
        self._arrivals = _Arrivals()  # what runs of changes brought, told when they stop
        self._tell_timer: Timer | None = None
        self.reading_files: tuple[int, int] | None = None  # changed files read so far, of how many
        self._burst_read = 0  # changed files read in runs already done, since the last notice
        self._before_search: Article | None = None
        self._open_top_match = False  # Enter came before the search's answer
        self._back_to: CursorList | None = None  # where `h` returns from the reading pane
        self._feed_shown: bool | None = None  # None: follow the terminal's width
        self._narrow = False
        self._show_timer: Timer | None = None
        self._highlighted_source: str | None = None
        self._last_shown = 0.0
        # The panes, made here so that a worker's late message during shutdown
        # still finds them (a query would fail once the screen is torn down).
        self.search_bar = SearchBar()
        self.article_list = ArticleList(self.clock, id="articles")
        self.reading_pane = ReadingPane(id="reading")
        self.feed_list = FeedList(self.clock, id="feed")

    # Building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="≡")
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
        if self.cache.problem:
            self._warn(self.cache.problem)
            self.notify(
                self.cache.problem, title="No parse cache", severity="warning", markup=False, timeout=10
            )
        self._tell_state_news()
        self.article_list.focus()
        self._fold_feed(self.size.width)
        self.refresh_views()
        if self.paths:
            self.follow(self.paths)
        else:
            self.loaded.set()
        self.set_interval(self.tick_seconds, self._tick)
        if self.reading_state.saving:
            self.set_interval(self.state_poll_seconds, self._poll_state)

    def _tick(self) -> None:
        """Relative times move on (`just now` → `5 min ago`) with no file changing."""
        self.feed_list.refresh()
        self.article_list.refresh()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search headlines", "Filter the list as you type (/)", self.action_search)
        yield SystemCommand("Show all articles", "Every article (1)", lambda: self.action_show("all"))
        yield SystemCommand(
            "Show unread articles", "Articles not read yet (2)", lambda: self.action_show("unread")
        )
        yield SystemCommand(
            "Show saved articles", "Articles saved with s (3)", lambda: self.action_show("saved")
        )
        yield SystemCommand(
            "Mark all shown read", "Every article in the list as it is now (M)", self.action_mark_all_read
        )
        yield SystemCommand(
            "Export the article as Markdown", "A .md file in the export folder (e)", self.action_export
        )
        yield SystemCommand("Copy the article's text", "To the clipboard (y)", self.action_copy)
        yield SystemCommand("News Feed", "Show and focus the News Feed (f)", self.action_feed)
        yield SystemCommand("Warnings", "Files that could not be read (w)", self.action_warnings)
        yield SystemCommand("Keys", "Every key (?)", self.action_help)

    # Loading --------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="pages", exit_on_error=False)
    def follow(self, paths: list[str]) -> None:
        """Read every page under `paths` into the store, then follow the folders:
        files saved, changed or deleted are read again or forgotten."""
        worker = get_current_worker()

        def report(progress: Progress) -> None:
            self.post_message(PagesRead(progress))

        def failed(reason: str, still_following: bool) -> None:
            self.post_message(WatchFailed(reason, still_following))

        follow_folders(
            paths,
            self.store,
            report=report,
            failed=failed,
            stop=worker.cancelled_event,
            cancelled=lambda: worker.is_cancelled,
            cache=self.cache,
            max_bytes=self.max_bytes,
            watch=self.follow_changes,
            settle_seconds=self.settle_seconds,
        )

    def on_pages_read(self, message: PagesRead) -> None:
        progress = message.progress
        self.failures.extend(progress.failures)
        for warning in (*(f.error for f in progress.failures), *progress.warnings, *progress.kept):
            self._warn(warning)
        if progress.live:
            self._take_changes(progress)
            return
        self.files_read = progress.files
        self.files_cached = progress.cached
        self.refresh_views()  # still loading: the newest article stays highlighted
        if progress.done:
            self.loading = False
            self.loaded.set()
            self._update_counts()
            if not self.store.view().articles.items and not self.failures:
                self.notify(
                    "No pages found. Give reader files or folders of saved pages (*.txt).",
                    severity="warning",
                    markup=False,
                )
            self._report_failures(self.failures)

    def _take_changes(self, progress: Progress) -> None:
        """Files changed on disk: show what they brought without moving the user."""
        # New articles: not copies of one held already (saved again, renamed).
        self._new.update(self.store.ids_of(progress.new_articles))
        if progress.removed:
            self._new = {article_id for article_id in self._new if self.store.holds_article(article_id)}
        if progress.removed or progress.updated:  # their feed items may be gone: no longer to be seen
            self._new_feed = {item for item in self._new_feed if self.store.has_feed_item(item)}
        self._new_feed.update(progress.new_feed)
        self._arrivals.add(progress, self.store)
        for kept in progress.kept:
            self.notify(kept, title="Kept the last good version", severity="warning", markup=False, timeout=8)
        # A burst read as several runs counts as one, until it has been told.
        total = progress.total or progress.files
        self.reading_files = (
            None if progress.done else (self._burst_read + progress.files, self._burst_read + total)
        )
        if progress.done:
            self._burst_read += total
        self.refresh_views(hold=True)
        if progress.done:
            # A burst of files often comes as a few runs: tell them as one, once quiet.
            if self._tell_timer is not None:
                self._tell_timer.stop()
            self._tell_timer = self.set_timer(self.tell_delay, self._tell_arrivals)

    def _tell_arrivals(self) -> None:
        self._tell_timer = None
        self._burst_read = 0
        arrivals, self._arrivals = self._arrivals, _Arrivals()
        for line in arrivals.told():
            self.notify(line, markup=False, timeout=5)
        self._report_failures(arrivals.failures)

    def _warn(self, warning: str) -> None:
        """Keep a warning for the warnings screen, once (a page saved again and
        again says the same thing each time)."""
        if warning not in self._warning_set:
            self._warning_set.add(warning)
            self.warnings.append(warning)

    def on_watch_failed(self, message: WatchFailed) -> None:
        self._warn(message.reason)
        self.notify(
            message.reason
            if message.still_following
            else f"Not following the folders for changes: {message.reason}",
            severity="warning",
            markup=False,
            timeout=10,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "pages":
            self.loading = False
            self.loaded.set()
            self._update_counts()
        message = f"{event.worker.name} failed: {event.worker.error}"
        self.notify(message, title="Something went wrong", severity="error", markup=False, timeout=10)

    def _report_failures(self, failures: Sequence[LoadFailure]) -> None:
        if not failures:
            return
        names = [Path(f.source).name for f in failures]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        files = "file" if len(names) == 1 else "files"
        message = f"Could not read {len(names)} {files}: {shown}. Press w for details."
        self.notify(message, title="Skipped", severity="warning", markup=False, timeout=8)

    # Showing --------------------------------------------------------------------

    def refresh_views(self, hold: bool = False) -> None:
        """Give every pane what it shows now, keeping the user where they are
        (`hold`: on the same line of the screen too)."""
        self._update_counts()
        keep: Article | bool | None = True
        if self.loading and not self._opened_any and self.article_list.cursor == 0:
            keep = None  # while pages arrive and nothing is open, the newest stays highlighted
        self._show_list(keep, hold=hold)

    def _show_list(self, keep: Article | bool | None, hold: bool = False) -> None:
        """The articles of the view and search on show, and the feed; the cursor on
        `keep` (True: the highlighted article) if it is among them."""
        if self.query_text or self.showing is not Showing.ALL:
            self.search(self.query_text, keep=keep, hold=hold)
            return
        view = self.store.view()
        if keep is True:
            keep = self.article_list.highlighted
        self.article_list.show(
            view.articles.items, keep=keep or None, status=self.status, saved=self.is_saved, hold=hold
        )
        self.feed_list.show(view.feed.items, is_new=self._new_feed.__contains__)

    def status(self, article: Article) -> Status:
        """Whether the article is new (arrived while running, not seen), unread or read."""
        if self._new and self.store.id_of(article.source) in self._new:
            return Status.NEW
        return Status.UNREAD if self.is_unread(article) else Status.READ

    def is_unread(self, article: Article) -> bool:
        """Whether the user has not read the article (in this session or before)."""
        article_id = self.store.id_of(article.source)
        return article_id is None or not self.reading_state.is_read(article_id)

    def is_saved(self, article: Article) -> bool:
        """Whether the user has saved (bookmarked) the article."""
        article_id = self.store.id_of(article.source)
        return article_id is not None and self.reading_state.is_saved(article_id)

    def _view_filter(self) -> Callable[[str], bool] | None:
        """Which article ids the view shows (None: all). Articles read or unsaved
        while their view is on stay in it, not vanishing under the cursor."""
        state, kept = self.reading_state, self._kept_in_view
        if self.showing is Showing.UNREAD:
            return lambda article_id: not state.is_read(article_id) or article_id in kept
        if self.showing is Showing.SAVED:
            return lambda article_id: state.is_saved(article_id) or article_id in kept
        return None

    def _unread_count(self) -> int:
        """Unread articles in the list; counted again only when the list or the
        reading state has changed (a count is a set lookup per article, and the
        header is redrawn for every article opened or seen)."""
        ids, version = self.store.view().ids, self.reading_state.version
        counted_ids, counted_version, unread = self._counted
        if ids is not counted_ids or version != counted_version:
            unread = len(ids) - self.reading_state.count_read(ids)
            self._counted = (ids, version, unread)
        return unread

    def _update_counts(self) -> None:
        total = len(self.store.view().ids)
        unread = self._unread_count()
        parts = [_count(total, "article"), f"{unread:,} unread"]
        if self.reading_state.saved_count:
            parts.append(f"{self.reading_state.saved_count:,} saved")
        if self.showing is not Showing.ALL:
            parts.insert(0, f"Showing {self.showing.value}")
        if self.reading_state.problem:
            parts.append("not saving what you read")
        new = []
        if self._new:
            new.append(_count(len(self._new), "new article"))
        if self._new_feed:
            new.append(_count(len(self._new_feed), "new feed item"))
        if new:
            parts.append("✦ " + ", ".join(new))
        if self.loading:
            parts.append(f"loading… {self.files_read:,} files")
        elif self.reading_files is not None:
            parts.append(f"reading {self.reading_files[0]:,}/{self.reading_files[1]:,} changed files")
        self.sub_title = " · ".join(parts)

    def _seen(self, article: Article | None) -> None:
        article_id = self.store.id_of(article.source) if article is not None and self._new else None
        if article_id in self._new:
            self._new.discard(article_id)
            self.article_list.refresh()
            self._update_counts()

    @on(FeedList.Seen)
    def _feed_seen(self, message: FeedList.Seen) -> None:
        self._new_feed.difference_update(message.items)
        self.feed_list.refresh()
        self._update_counts()

    def _open(self, article: Article, focus_reader: bool = True) -> None:
        self._opened_any = True
        self._new.discard(self.store.id_of(article.source))
        self._show_in_pane(article)
        self._stop_dwell()
        if self.store.page(article.source) is not None and self.is_unread(article):
            self._set_read([article], True)  # chosen, not skimmed past: read at once
        self.article_list.refresh()
        self._update_counts()
        if focus_reader:
            self._back_to = self.focused if isinstance(self.focused, CursorList) else self.article_list
            self._show_reading_pane()
            self.reading_pane.focus()

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        source = message.article.source if message.article is not None else None
        moved, self._highlighted_source = source != self._highlighted_source, source
        self._moved_by_user = self._moved_by_user or message.by_user
        if not moved and isinstance(self.reading_pane.showing, FeedItem):
            return  # the list was refreshed under a feed item being read: it stays
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
        if self._open_top_match:
            return
        shown = self.reading_pane.showing
        if (
            self.reading_pane.has_focus  # not app.focused: this can run as the screen is torn down
            and isinstance(shown, Article)
            and self.store.page(shown.source) is None
            and shown.source
        ):
            return  # its file was deleted while being read: it stays until the user moves on
        highlighted = self.article_list.highlighted
        self._show_in_pane(highlighted, dwell=self._moved_by_user)
        self._moved_by_user = False
        self._seen(highlighted)

    def _show_in_pane(self, article: Article | None, dwell: bool = True) -> None:
        """Show `article` in the reading pane. When the user brought it there
        (`dwell`), it is read once it has stayed `read_after` seconds: the article
        shown at start, or put under the cursor by a change on disk, is not."""
        self.reading_pane.show_article(
            self.store.with_body(article) if article is not None else None, highlight=self.query_text
        )
        source = article.source if article is not None else None
        if source == self._dwell_source and (
            self._dwell_timer is not None or not dwell or source == self._marked_by_hand
        ):
            return  # the same article again (a refresh, new marks, `k` on the top row)
        self._stop_dwell()
        if source != self._dwell_source:
            self._marked_by_hand = None
        self._dwell_source = source
        if dwell and article is not None and self.is_unread(article):
            self._dwell_timer = self.set_timer(self.read_after, self._dwelt)

    def _stop_dwell(self) -> None:
        if self._dwell_timer is not None:
            self._dwell_timer.stop()
            self._dwell_timer = None

    def _dwelt(self) -> None:
        self._dwell_timer = None
        shown = self.reading_pane.showing
        if (
            isinstance(shown, Article)
            and shown.source == self._dwell_source
            and self.store.page(shown.source)
        ):
            self._set_read([shown], True)

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
            self._stop_dwell()
            self._dwell_source = None
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
        """Search headlines: open the search box (keeping the article to come back to)."""
        self._open_search(full_text=False)

    def action_search_text(self) -> None:
        """Search headlines and bodies: open the search box on full text (in the box,
        switch between full text and headlines)."""
        in_box = self.focused is self.search_bar.input
        self._open_search(full_text=not (in_box and self.search_bar.full_text))

    def _open_search(self, full_text: bool) -> None:
        if not self.search_bar.has_class("-active"):
            self._before_search = self.article_list.highlighted
            self.search_bar.add_class("-active")
        self.search_bar.input.focus()
        if full_text != self.search_bar.full_text:
            self.search_bar.set_full_text(full_text)
            if self.query_text:
                self.search(self.query_text, keep=False)

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        query = message.query.strip()
        if query == self.query_text:
            return  # a space typed, or the box emptied by clear_search
        self.query_text = query
        if query:
            self.search(query, keep=False)
        else:
            self._show_list(keep=None)
            self.search_bar.set_count(None)
            self._mark_matches()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str, keep: Article | bool | None, hold: bool = False) -> None:
        """Filter articles by the view and `query`, and the feed by `query`, off the
        event loop, so typing never waits. `keep`: the article the cursor stays on
        (True: the one highlighted when the answer comes)."""
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        showing, only = self.showing, self._view_filter()
        # The list the user watches first; the feed (three times as many items) after.
        try:
            if self.search_bar.full_text and query:
                result = self.store.search_sources(query, self.cache.search(query) or (), cancelled, only)
            else:
                result = self.store.search(query, cancelled, only)
            if worker.is_cancelled:
                return
            ids = self.store.view().ids
            # The size of the view searched in, for "12 of 340"
            total = len(ids) if only is None else len(result.articles) if not query else sum(map(only, ids))
            self.post_message(SearchDone(result, keep, hold, showing.value, total))
            feed = self.store.search_feed(query, cancelled)
        except SearchCancelled:
            return
        if not worker.is_cancelled:
            self.post_message(FeedSearchDone(query, feed))

    def on_search_done(self, message: SearchDone) -> None:
        result = message.result
        if (
            result.query != self.query_text
            or message.showing != self.showing.value
            or (result.query and result.full_text != self.search_bar.full_text)
        ):
            return  # the user has typed on or changed the view; a newer search is coming
        keep = self.article_list.highlighted if message.keep is True else message.keep or None
        self.article_list.show(
            result.articles,
            query=self.query_text,
            keep=keep,
            status=self.status,
            saved=self.is_saved,
            hold=message.hold,
        )
        if result.query:
            self._mark_matches()
            self.search_bar.set_count((len(message.result.articles), message.total))
        if self._open_top_match:
            self._open_top_match = False
            self._submit()

    def on_feed_search_done(self, message: FeedSearchDone) -> None:
        if message.query == self.query_text:
            self.feed_list.show(message.feed, query=self.query_text, is_new=self._new_feed.__contains__)

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
        self._show_list(keep=self._before_search)
        self._mark_matches()
        self.article_list.focus()

    def _mark_matches(self) -> None:
        """Mark the words searched for in the article on show (none when no search)."""
        shown = self.reading_pane.showing
        if isinstance(shown, Article):
            self.reading_pane.show_article(shown, highlight=self.query_text)

    # Reading state --------------------------------------------------------------

    def _target(self) -> Article | None:
        """The article a key such as `s` acts on: the one highlighted in the list,
        or, from another pane, the one in the reading pane."""
        if self.focused is self.article_list:
            return self.article_list.highlighted
        shown = self.reading_pane.showing
        return shown if isinstance(shown, Article) else None

    def _target_id(self, doing: str) -> tuple[Article, str] | None:
        article = self._target()
        article_id = self.store.id_of(article.source) if article is not None else None
        if article is None or article_id is None:
            self.notify(f"No article to {doing}.", severity="warning", markup=False, timeout=3)
            return None
        return article, article_id

    def _set_read(self, articles: Iterable[Article], read: bool) -> None:
        ids = self.store.ids_of(a.source for a in articles)
        if ids:
            self._set_ids_read(ids, read)

    def _set_ids_read(self, ids: list[str], read: bool) -> None:
        self.reading_state.mark_read(ids, read)
        if self.showing is Showing.UNREAD:
            self._kept_in_view.update(ids)
        self._state_changed()

    def _state_changed(self) -> None:
        self.article_list.refresh()
        self._update_counts()
        self._tell_state_news()

    def _tell_state_news(self) -> None:
        """Say once that the state file cannot be written, and what else it has to tell."""
        state = self.reading_state
        if state.problem and state.problem not in self._warning_set:
            self._warn(state.problem)
            self.notify(
                state.problem, title="Not saving what you read", severity="warning", markup=False, timeout=12
            )
            self._update_counts()
        if state.notice:
            notice, state.notice = state.notice, None
            self.notify(notice, markup=False, timeout=6)

    def action_toggle_read(self) -> None:
        """Mark the article read, or unread again."""
        target = self._target_id("mark")
        if target is None:
            return
        article, article_id = target
        self._marked_by_hand = article.source  # it stays as marked while on show: no dwell
        if article.source == self._dwell_source:
            self._stop_dwell()
        self._set_read([article], not self.reading_state.is_read(article_id))

    def action_mark_all_read(self) -> None:
        """Mark every article in the list (as searched and filtered) read."""
        articles = self.article_list.articles
        if not articles:
            self.notify("No articles to mark.", severity="warning", markup=False, timeout=3)
            return
        self._stop_dwell()
        state = self.reading_state
        # Marking touches only memory (the state's writer thread writes the file):
        # 100k ids take some tens of milliseconds here.
        unread = {i for i in self.store.ids_of(a.source for a in articles) if not state.is_read(i)}
        if unread:
            self._set_ids_read(list(unread), True)
            self.notify(f"Marked {_count(len(unread), 'article')} read.", markup=False, timeout=4)
        else:
            self.notify("Every article shown was read already.", markup=False, timeout=3)

    def action_toggle_saved(self) -> None:
        """Save (bookmark) the article, or unsave it."""
        target = self._target_id("save")
        if target is None:
            return
        article, article_id = target
        saved = not self.reading_state.is_saved(article_id)
        self.reading_state.mark_saved(article_id, saved)
        if self.showing is Showing.SAVED:
            self._kept_in_view.add(article_id)
        self.notify(f"{'Saved' if saved else 'No longer saved'}: {article.title}", markup=False, timeout=3)
        self._state_changed()

    def action_show(self, showing: str) -> None:
        """Show all, unread or saved articles (again: drop those read or unsaved since)."""
        self.showing = Showing(showing)
        self._kept_in_view.clear()
        self._update_counts()
        self._show_list(keep=True)

    def _poll_state(self) -> None:
        if self._state_poll is None or self._state_poll.is_finished:
            self._state_poll = self._look_at_state()

    @work(thread=True, group="state", exit_on_error=False)
    def _look_at_state(self) -> None:
        """Take in what another reader marked (SQLite says when anything changed)."""
        state = self.reading_state
        if state.refresh() or state.notice or (state.problem and state.problem not in self._warning_set):
            self.post_message(ReadingStateChanged())

    def on_reading_state_changed(self) -> None:
        self._state_changed()
        if self.showing is not Showing.ALL:
            # What the user has before them stays, whatever the other reader did to it.
            for article in (self.article_list.highlighted, self.reading_pane.showing):
                article_id = self.store.id_of(article.source) if isinstance(article, Article) else None
                if article_id is not None:
                    self._kept_in_view.add(article_id)
            self.refresh_views(hold=True)

    def action_export(self) -> None:
        """Write the article to a Markdown file and say where."""
        target = self._target_id("export")
        if target is not None:
            self._export(target[0], Path(self.export_folder or os.getcwd()))

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, article: Article, folder: Path) -> None:
        try:
            path = export_article(self.store.with_body(article), folder)
        except OSError as error:
            self.notify(
                f"Could not export to {folder}: {error.strerror or error}",
                title="Not exported",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.notify(f"{path}", title="Exported as Markdown", markup=False, timeout=8)

    def action_copy(self) -> None:
        """Copy the article's text (headline, byline, body) to the clipboard."""
        target = self._target_id("copy")
        if target is None:
            return
        article = self.store.with_body(target[0])
        text = article_text(article)
        self.copy_to_clipboard(text)
        self.notify(
            f"Copied {article.title} ({_count(len(article.body), 'paragraph')}, {len(text):,} characters)",
            markup=False,
            timeout=4,
        )

    # Moving ---------------------------------------------------------------------

    def action_next(self) -> None:
        """During a full-text search, go to the next match in the article; else
        show the next article."""
        if self.search_bar.full_text and self.query_text:
            self._jump(1)
        else:
            self._step(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of a full-text search in the article."""
        self._jump(-1)

    def _jump(self, step: int) -> None:
        pane = self.reading_pane
        if pane.jump_to_match(step):
            self._show_reading_pane()
            self.search_bar.set_match((pane.current_match or 0) + 1, pane.matches)
        else:
            self.notify(
                "No matches in this article." if self.query_text else "Search first (ctrl+f).",
                severity="warning",
                markup=False,
                timeout=3,
            )

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
        self.push_screen(
            HelpScreen(
                [
                    ("Anywhere (not while typing in the search box)", self.BINDINGS, _OTHER_KEYS["Anywhere"]),
                    ("Article list and News Feed", CursorList.BINDINGS, []),
                    ("Reading pane", ReadingPane.BINDINGS, []),
                    ("Search box", SearchBar.BINDINGS, _OTHER_KEYS["Search box"]),
                ]
            )
        )

    def action_warnings(self) -> None:
        """List the files that could not be read, and other warnings."""
        self.push_screen(WarningsScreen(self.warnings))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class _Arrivals:
    """What a run of changes on disk brought, gathered over its batches and told
    in a few short lines when it ends."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.updated: list[str] = []
        self.removed = 0
        self.feed = 0
        self.failures: list[LoadFailure] = []

    def add(self, progress: Progress, store: Store) -> None:
        for sources, titles in ((progress.new_articles, self.added), (progress.updated, self.updated)):
            for source in sources:
                page = store.page(source)
                if page is not None and page.article is not None:
                    titles.append(page.article.title)
        self.removed += len(progress.removed)
        self.feed += len(progress.new_feed)
        self.failures.extend(progress.failures)

    def told(self) -> list[str]:
        lines = []
        if len(self.added) == 1:
            lines.append(f"New: {self.added[0]}")
        elif self.added:
            shown = "; ".join(self.added[:2]) + (
                f" and {len(self.added) - 2:,} more" if len(self.added) > 2 else ""
            )
            lines.append(f"{len(self.added):,} new articles: {shown}")
        if len(self.updated) == 1:
            lines.append(f"Updated: {self.updated[0]}")
        elif self.updated:
            lines.append(f"{len(self.updated):,} articles updated")
        if self.removed:
            lines.append(f"{_count(self.removed, 'page')} removed")
        if self.feed and not self.added:
            lines.append(f"{_count(self.feed, 'new News Feed item')}")
        return lines
