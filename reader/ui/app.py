"""The reading room: article list, reading pane and News Feed, driven by the keyboard.

The app owns the state: the store, the reading state, and the session that keeps
track of what is new, read and on show. It composes the panes and routes: keys and
the panes' messages go to the part that deals with them (`Listing` for what the
lists show and the search box, `Reading` for the reading pane, `Marks` for read
and saved, `PaneLayout` for which panes are on screen), and notices are told as
`notices` words them. Workers fill and search the store off the event loop and
only post messages; the handlers here pass them on.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shlex
import subprocess
import webbrowser
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Footer, Label
from textual.worker import Worker, WorkerState, get_current_worker

from reader.config import FEED_WIDTHS, LIST_WIDTHS
from reader.library.arrange import Arrangement, Grouping, SortOrder
from reader.library.fetch import NotAdded, add_page, not_an_address, web_address
from reader.library.follow import follow_folders
from reader.library.ingest import Progress
from reader.library.pool import prepare_parallel_loading
from reader.library.store import SearchCancelled, Store
from reader.library.watch import SETTLE_SECONDS
from reader.model import Article
from reader.parse import DEFAULT_MAX_BYTES
from reader.paths import is_within, shown_path
from reader.render.export import article_text, export_article
from reader.storage.cache import PageCache
from reader.storage.state import ReadingState
from reader.ui import notices
from reader.ui.commands import KEYS, key_sections, reader_commands
from reader.ui.layout import PaneLayout, Widths
from reader.ui.listing import Listing
from reader.ui.marks import Marks
from reader.ui.messages import (
    FeedSearchDone,
    PageAdded,
    PagesRead,
    ReadingStateChanged,
    SearchDone,
    WatchFailed,
)
from reader.ui.notices import Announcer, Notice
from reader.ui.reading import Reading
from reader.ui.screens.address import AddressScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from reader.ui.session import Session, Showing
from reader.ui.terminal import TerminalWatch
from reader.ui.widgets.article_list import ArticleList, Status
from reader.ui.widgets.feed_list import FeedList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.title_bar import TitleBar


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

    freeze_from = 10_000
    """Pages held from which, once loaded, they are left out of garbage collection."""

    BINDINGS = KEYS  # in commands.py, beside the palette entries and the help made from them

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
        library: str | Path | None = None,
        told_at_start: Sequence[Notice] = (),
        keymap: dict[str, str] | None = None,
        theme: str | None = None,
        read_after: float | None = None,
        list_width: int | None = None,
        feed_width: int | None = None,
        sort: SortOrder | None = None,
        group: Grouping | None = None,
    ) -> None:
        """`theme`, `list_width`, `feed_width`, `sort` and `group` are the settings
        file's: each one given wins over what the user last chose in the app (kept
        in the reading state), which wins over the default."""
        super().__init__()
        if read_after is not None:
            self.read_after = read_after
        # The user's keys (binding id → keys, from the settings file): the bindings, the
        # footer and the help screen all follow it.
        self.keymap = dict(keymap or {})
        if self.keymap:
            self.set_keymap(self.keymap)
        # Where `a` keeps pages fetched from the web (None: no library, `a` says so).
        self.library = os.path.abspath(library) if library is not None else None
        self._told_at_start = list(told_at_start)
        # What the user read and saved, and chose; without a file, for this session only.
        self.reading_state = state if state is not None else ReadingState()
        chosen = self.reading_state.preference
        if theme is not None and theme not in self.available_themes:
            self._told_at_start.append(notices.unknown_theme(theme, sorted(self.available_themes)))
            theme = None
        theme = theme or chosen("theme")
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        self._awaited: str | None = None  # a page added with `a`, opened when it arrives
        # Pages parsed are kept here (bodies and all); the store holds them without
        # bodies. Without a file, the cache is in memory and gone on exit.
        self.cache = cache if cache is not None else PageCache()
        self.store = store if store is not None else Store(texts=self.cache)
        self.export_folder = export_folder  # None: the current folder at the time
        # Absolute, as the watcher names changed files: the store knows pages by it.
        self.paths = [os.path.abspath(p) for p in paths]
        self.max_bytes = max_bytes
        self.clock = clock
        # Not `self.watch`: that would hide Textual's DOMNode.watch.
        self.follow_changes = watch
        """Whether the folders are followed for changes after the first load."""
        self.session = Session(self.store, self.reading_state, loading=bool(self.paths))
        remembered = _chosen_arrangement(chosen("sort"), chosen("group"))
        self.session.arrangement = Arrangement(sort or remembered.order, group or remembered.grouping)
        self.announcer = Announcer(self.store)
        self.loaded = asyncio.Event()
        """Set when the first load is over (at once with no paths): scripts and tests wait on it."""
        if self.paths:
            prepare_parallel_loading()
        self.files_cached = 0
        """Of the files the first load has read, how many came from the parse cache."""
        self._state_poll: Worker[None] | None = None
        self._terminal_watch: TerminalWatch | None = None
        self._tell_timer: Timer | None = None
        # The panes, made here so that a worker's late message during shutdown
        # still finds them (a query would fail once the screen is torn down).
        self.search_bar = SearchBar()
        self.article_list = ArticleList(self.clock, id="articles")
        self.reading_pane = ReadingPane(id="reading")
        self.feed_list = FeedList(self.clock, id="feed")
        widths = Widths(
            list_width or _chosen_width(chosen("list_width"), LIST_WIDTHS, Widths().list_percent),
            feed_width or _chosen_width(chosen("feed_width"), FEED_WIDTHS, Widths().feed_columns),
        )
        self.panes = PaneLayout(
            reading_pane=self.reading_pane,
            article_list=self.article_list,
            feed_list=self.feed_list,
            widths=widths,
        )
        self.reading = Reading(self)
        self.listing = Listing(self)
        self.marks = Marks(self)

    @property
    def loading(self) -> bool:
        """Whether the first load is still going on."""
        return self.session.loading

    @loading.setter
    def loading(self, loading: bool) -> None:
        self.session.loading = loading

    @property
    def reading_files(self) -> tuple[int, int] | None:
        """Changed files read so far, of how many (None: none being read)."""
        return self.session.reading_files

    @property
    def warnings(self) -> list[str]:
        """What the warnings screen (`w`) lists: files that could not be read, and more."""
        return self.announcer.warnings

    @property
    def query_text(self) -> str:
        """What the search box searches for ("": no search)."""
        return self.listing.query

    # Building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="≡")
        with self.panes.main:
            with self.panes.list_pane:
                yield self.search_bar
                yield self.article_list
            yield self.reading_pane
            with self.panes.feed_pane:
                yield Label("News Feed", id="feed-title")
                yield self.feed_list
        yield Footer()

    def on_mount(self) -> None:
        if not self.is_headless:  # on a real terminal: exit when it goes away
            self._terminal_watch = TerminalWatch(self.exit, asyncio.get_running_loop().call_soon_threadsafe)
            self._terminal_watch.start()
        self.store.rebuild()  # pages given to the app; from here on, workers rebuild
        self._freeze_held()
        self.tell(*self.announcer.cache_problem(self.cache.problem))
        self.tell(*self._told_at_start)
        self.marks.tell_news()
        self.article_list.focus()
        self.panes.fold(self.size.width, self.focused)
        self.refresh_views()
        if self.paths:
            self.follow(self.paths)
        else:
            self.loaded.set()
        self.set_interval(self.tick_seconds, self._tick)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        if self.reading_state.saving:
            self.set_interval(self.state_poll_seconds, self._poll_state)

    def _theme_chosen(self, theme: Theme) -> None:
        self.reading_state.set_preference("theme", theme.name)

    def on_unmount(self) -> None:
        if self._terminal_watch is not None:
            self._terminal_watch.stop()

    def _tick(self) -> None:
        """Relative times move on (`just now` → `5 min ago`) with no file changing."""
        self.feed_list.refresh()
        self.article_list.refresh()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Textual's Keys (a side panel of the focused widget's keys) beside ours
            # (every key, as `?` shows them) was two "Keys" that do different things.
            if command.title != "Keys":
                yield command
        yield from reader_commands(self)

    def tell(self, *told: Notice) -> None:
        """Show notices (never as markup: they quote headlines and file names)."""
        for notice in told:
            self.notify(
                notice.text,
                title=notice.title,
                severity=notice.severity,
                timeout=notice.timeout,
                markup=False,
            )

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
            # A headline fixed in its file makes another article id: its marks move with it.
            ids_changed=self.reading_state.move_marks,
        )

    def on_pages_read(self, message: PagesRead) -> None:
        progress = message.progress
        told = self.announcer.pages_read(progress)
        if progress.live:
            self._take_changes(progress, told)
            return
        self.session.files_read = progress.files
        self.files_cached = progress.cached
        self.refresh_views()  # still loading: the newest article stays highlighted
        if progress.done:
            self.loading = False
            self.loaded.set()
            self.refresh_counts()
            self.tell(*self.announcer.loaded(bool(self.store.view().articles.items)))
            self._freeze_held()

    def _take_changes(self, progress: Progress, told: list[Notice]) -> None:
        """Files changed on disk: show what they brought without moving the user."""
        self.session.take_changes(progress)
        self.tell(*told)
        self.refresh_views(hold=True)
        if self._awaited is not None and self._awaited in (*progress.added, *progress.updated):
            self._open_awaited()
        if progress.done:
            # A burst of files often comes as a few runs: tell them as one, once quiet.
            if self._tell_timer is not None:
                self._tell_timer.stop()
            self._tell_timer = self.set_timer(self.tell_delay, self._tell_arrivals)

    def _tell_arrivals(self) -> None:
        self._tell_timer = None
        self.session.changes_told()
        self.tell(*self.announcer.arrivals())

    def _freeze_held(self) -> None:
        """Leave what the store holds now out of garbage collection. A full
        collection walks every object: with 100k pages that took half a second, in
        the middle of whatever key came then (refcounting still frees what is let
        go; only cycles among these objects would stay)."""
        if len(self.store) >= self.freeze_from:
            gc.freeze()

    def on_watch_failed(self, message: WatchFailed) -> None:
        self.tell(self.announcer.following_failed(message.reason, message.still_following))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "pages":
            self.loading = False
            self.loaded.set()
            self.refresh_counts()
        self.tell(notices.went_wrong(event.worker.name, event.worker.error))

    # Showing --------------------------------------------------------------------

    def refresh_views(self, hold: bool = False) -> None:
        """Give every pane what it shows now, keeping the user where they are
        (`hold`: on the same line of the screen too)."""
        self.listing.refresh(hold)

    def refresh_counts(self) -> None:
        """Say in the header what is listed, read, saved and new."""
        self.sub_title = self.session.counts_text()

    def status(self, article: Article) -> Status:
        """Whether the article is new (arrived while running, not seen), unread or read."""
        if self.session.is_new(article):
            return Status.NEW
        return Status.UNREAD if self.session.is_unread(article) else Status.READ

    def is_unread(self, article: Article) -> bool:
        """Whether the user has not read the article (in this session or before)."""
        return self.session.is_unread(article)

    def is_saved(self, article: Article) -> bool:
        """Whether the user has saved (bookmarked) the article."""
        return self.session.is_saved(article)

    @on(ArticleList.Highlighted)
    def _highlighted(self, message: ArticleList.Highlighted) -> None:
        # Told before: the article is shown only once the cursor rests.
        showing = self.reading_pane.showing
        if (
            not isinstance(showing, Article)
            or message.article is None
            or showing.source != message.article.source
        ):
            self.search_bar.clear_match()
        self.reading.follow_cursor(message.article, message.by_user)

    @on(ArticleList.Opened)
    def _open_chosen(self, message: ArticleList.Opened) -> None:
        self.reading.open(message.article)

    @on(ReadingPane.Back)
    def _back(self) -> None:
        self.panes.back()

    @on(FeedList.Seen)
    def _feed_seen(self, message: FeedList.Seen) -> None:
        self.session.feed_seen(message.items)
        self.feed_list.refresh()
        self.refresh_counts()

    @on(FeedList.Selected)
    def _show_feed_item(self, message: FeedList.Selected) -> None:
        item = message.item
        article = self.store.view().article_titled(item.headline) if item.headline else None
        if article is None:
            self.reading.show_feed_item(item)
        else:
            self.listing.select(article)
            self.reading.open(article)

    # Search ---------------------------------------------------------------------

    def action_search(self) -> None:
        """Search headlines: open the search box (keeping the article to come back to);
        in the box, `/` is just typed, and so it is over the panes (an address typed
        in a dialog: `/` is a priority binding, which dialogs would not see)."""
        if self.screen is not self.screen_stack[0]:
            raise SkipAction()
        if self.focused is self.search_bar.input:
            self.search_bar.input.insert_text_at_cursor("/")
            return
        self.listing.open_search(full_text=False)

    def action_search_text(self) -> None:
        """Search headlines and bodies: open the search box on full text (in the box,
        switch between full text and headlines)."""
        in_box = self.focused is self.search_bar.input
        self.listing.open_search(full_text=not (in_box and self.search_bar.full_text))

    def action_clear_search(self) -> None:
        """Clear the search and go back to the full list and the article from before."""
        self.listing.clear()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self.listing.typed(message.query)

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        self.listing.submitted()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.listing.clear()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str, keep: Article | bool | None, hold: bool = False) -> None:
        """Filter articles by the view and `query`, and the feed by `query`, off the
        event loop, so typing never waits. `keep`: the article the cursor stays on
        (True: the one highlighted when the answer comes)."""
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        # The list the user watches first; the feed (three times as many items) once
        # the list is on screen: searched at once, it held the interpreter while the
        # event loop drew the list, and the list came late by the feed's whole search.
        try:
            found = self.session.find(
                query, cancelled, self.cache.search_rows if self.search_bar.full_text else None
            )
            if found is None:
                return
            answer = SearchDone(found.result, keep, hold, found.showing.value, found.total, found.arrangement)
            self.post_message(answer)
            while not answer.drawn.wait(0.005):
                if cancelled():
                    return
            feed = self.store.search_feed(query, cancelled)
        except SearchCancelled:
            return
        if not worker.is_cancelled:
            self.post_message(FeedSearchDone(query, feed))

    def on_search_done(self, message: SearchDone) -> None:
        try:
            self.listing.answered(message)
        finally:
            self.call_after_refresh(message.drawn.set)

    def on_feed_search_done(self, message: FeedSearchDone) -> None:
        self.listing.feed_answered(message)

    # Marks ----------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """Mark the article read, or unread again."""
        self.marks.toggle_read()

    def action_mark_all_read(self) -> None:
        """Mark every article in the list (as searched and filtered) read."""
        self.marks.mark_all_read()

    def action_undo(self) -> None:
        """Put back the marks the last `m`, `M` or `s` changed."""
        self.marks.undo()

    def action_toggle_saved(self) -> None:
        """Save (bookmark) the article, or unsave it."""
        self.marks.toggle_saved()

    def action_show(self, showing: str) -> None:
        """Show all, unread or saved articles (again: drop those read or unsaved since)."""
        self.marks.show(Showing(showing))

    def _poll_state(self) -> None:
        if self._state_poll is None or self._state_poll.is_finished:
            self._state_poll = self._look_at_state()

    @work(thread=True, group="state", exit_on_error=False)
    def _look_at_state(self) -> None:
        """Take in what another reader marked (SQLite says when anything changed)."""
        if self.marks.has_news():
            self.post_message(ReadingStateChanged())

    def on_reading_state_changed(self) -> None:
        self.marks.marked_elsewhere()

    # Export and copy --------------------------------------------------------------

    def action_export(self) -> None:
        """Write the article to a Markdown file and say where."""
        target = self.reading.target_with_id("export")
        if target is not None:
            self._export(target[0], Path(self.export_folder or os.getcwd()))

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, article: Article, folder: Path) -> None:
        try:
            path = export_article(self.store.with_body(article), folder)
        except OSError as error:
            self.tell(notices.not_exported(folder, error))
            return
        self.tell(notices.exported(path))

    def action_copy(self) -> None:
        """Copy the article's text (headline, byline, body) to the clipboard."""
        target = self.reading.target_with_id("copy")
        if target is None:
            return
        article = self.store.with_body(target[0])
        text = article_text(article)
        self.copy_to_clipboard(text)
        self.tell(notices.copied(article.title, len(article.body), len(text)))

    def action_pipe_to_pager(self) -> None:
        """Hand the terminal to $PAGER (`less` without one) with the article's text,
        and take it back when the pager ends."""
        target = self.reading.target_with_id("pipe")
        if target is None:
            return
        text = article_text(self.store.with_body(target[0]))
        command = os.environ.get("PAGER") or "less"
        try:
            words = shlex.split(command)
        except ValueError as error:
            self.tell(notices.no_pager(command, str(error)))
            return
        if not words:
            words = ["less"]
        try:
            with self.suspend():
                subprocess.run(words, input=text.encode(), check=False)
        except SuspendNotSupported:
            self.tell(notices.no_pager(command, "this terminal cannot be handed over"))
        except OSError as error:
            self.tell(notices.no_pager(command, error.strerror or str(error)))

    def action_open_in_browser(self) -> None:
        """Open the address the article's page states in the system's browser."""
        target = self.reading.target_with_id("open")
        if target is None:
            return
        article = target[0]
        if article.url is None:
            self.tell(notices.no_address(article.title))
            return
        self._open_in_browser(article.url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        # In a thread: starting a browser can take a while (or wait for a text one).
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.tell(notices.opening(url) if opened else notices.no_browser(url))

    def action_add_page(self) -> None:
        """Ask for a web address, fetch the page into the library and open it."""
        if self.library is None:
            self.tell(notices.no_library())
            return
        self.push_screen(AddressScreen(shown_path(self.library)), self._address_given)

    def _address_given(self, given: str | None) -> None:
        if given is None:
            return
        url = web_address(given)
        if url is None:
            self.tell(notices.not_added(not_an_address(given)))
            return
        self.tell(notices.fetching(url))
        self._fetch(url)

    @work(thread=True, group="add", exit_on_error=False)
    def _fetch(self, given: str) -> None:
        assert self.library is not None  # only asked for with a library
        self.post_message(PageAdded(add_page(given, self.library, max_bytes=self.max_bytes)))

    def on_page_added(self, message: PageAdded) -> None:
        result = message.result
        if isinstance(result, NotAdded):
            self.tell(notices.not_added(result.reason))
            return
        path = os.path.abspath(result.path)
        if not result.new:
            self.tell(notices.already_added(path))
        if result.page.warnings:
            self.tell(notices.added_warnings(path, result.page.warnings))
        if not self.follow_changes or not any(is_within(path, root) for root in self.paths):
            self.tell(notices.added_elsewhere(path))
            return
        self._awaited = path
        self._open_awaited()  # there already when the same page was added before

    def _open_awaited(self) -> None:
        """Open the page added with `a`, once the folder's watcher has read it in."""
        page = self.store.page(self._awaited) if self._awaited is not None else None
        if page is None:
            return
        self._awaited = None
        if page.article is not None:
            self.listing.select(page.article)
            self.reading.open(page.article)

    # Moving ---------------------------------------------------------------------

    def action_next(self) -> None:
        """During a full-text search, go to the next match in the article; else
        show the next article."""
        if self.search_bar.full_text and self.query_text:
            self.reading.jump(1)
        else:
            self._step(1)

    def action_previous_match(self) -> None:
        """Go to the previous match of a full-text search in the article."""
        self.reading.jump(-1)

    def action_previous_article(self) -> None:
        """Show the previous article in the list, from any pane."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        self.reading.step(delta)

    def action_next_unread(self) -> None:
        """Show the next unread article in the list, from any pane."""
        if not self.reading.step_unread(1):
            self.tell(notices.no_unread(below=True))

    def action_previous_unread(self) -> None:
        """Show the previous unread article in the list, from any pane."""
        if not self.reading.step_unread(-1):
            self.tell(notices.no_unread(below=False))

    def action_back_or_quit(self) -> None:
        """Back to the list from the reading pane or the News Feed; quit from the list."""
        if self.focused is self.article_list or self.focused is None:
            self.exit()
        else:
            self.panes.back()

    def action_feed(self) -> None:
        """Show the News Feed and focus it; hide it when it already has focus."""
        self.panes.toggle_feed(self.size.width, self.focused)

    def action_zoom(self) -> None:
        """Give the reading pane the whole width; again, put the panes back."""
        self.panes.zoom(not self.panes.zoomed, self.focused)

    def action_resize(self, grow: bool) -> None:
        """Make the list (the feed, when it has focus) wider or narrower, and remember it."""
        widths = self.panes.resize(grow, self.focused)
        if widths is None:
            self.tell(notices.width_limit(grow))
            return
        self.reading_state.set_preference("list_width", str(widths.list_percent))
        self.reading_state.set_preference("feed_width", str(widths.feed_columns))

    def action_sort(self) -> None:
        """Sort the list the next way: newest, oldest, by source, by title."""
        orders = list(SortOrder)
        current = self.session.arrangement
        following = orders[(orders.index(current.order) + 1) % len(orders)]
        self.arrange(Arrangement(following, current.grouping))

    def action_group(self) -> None:
        """Group the list the next way: by source, by folder, not at all."""
        groupings = list(Grouping)
        current = self.session.arrangement
        following = groupings[(groupings.index(current.grouping) + 1) % len(groupings)]
        self.arrange(Arrangement(current.order, following))

    def arrange(self, arrangement: Arrangement) -> None:
        """Put the list in `arrangement`'s order, keeping the cursor's article, and
        remember the choice."""
        self.session.arrangement = arrangement
        self.reading_state.set_preference("sort", arrangement.order.value)
        self.reading_state.set_preference("group", arrangement.grouping.value)
        self.listing.show(keep=True)
        self.refresh_counts()  # the header says the order

    def on_resize(self, event: events.Resize) -> None:
        self.panes.fold(event.size.width, self.focused)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A pane maximized (from the palette) hides the others, but the keys still
        # send focus to them: Enter to the reading pane, `/` to the search box, `f`
        # to the News Feed. The pane focused is shown: the maximized one gives way.
        screen = event.widget.screen
        maximized = screen.maximized
        if maximized is not None and maximized not in event.widget.ancestors_with_self:
            screen.minimize()

    def action_help(self) -> None:
        """List every key."""
        self.push_screen(HelpScreen(key_sections(self.BINDINGS), self.keymap))

    def action_warnings(self) -> None:
        """List the files that could not be read, and other warnings."""
        self.push_screen(WarningsScreen(self.warnings))


def _chosen_width(chosen: str | None, allowed: range, default: int) -> int:
    """A width the user chose before (kept as text in the reading state), if it is one."""
    if chosen is not None and chosen.isdigit() and int(chosen) in allowed:
        return int(chosen)
    return default


def _chosen_arrangement(order: str | None, grouping: str | None) -> Arrangement:
    """The list's order and grouping the user chose before, where they still are ones."""
    orders = {o.value: o for o in SortOrder}
    groupings = {g.value: g for g in Grouping}
    return Arrangement(
        orders.get(order or "", SortOrder.NEWEST), groupings.get(grouping or "", Grouping.NONE)
    )
