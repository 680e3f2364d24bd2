"""What the reader keeps track of while it runs, apart from widgets: which articles
are new, read or saved, which view is on and what it lists, what the header says,
and when an article left on show counts as read.

Plain Python, no Textual: the app owns one session; the Textual side asks it what
to do and does it with widgets and timers. Tests ask it directly, with no app.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from enum import Enum

from reader.library.arrange import Arrangement, Arranger
from reader.library.ingest import Progress
from reader.library.store import SearchResult, Store
from reader.model import Article, FeedItem
from reader.storage.state import ReadingState
from reader.ui.notices import count


class Showing(Enum):
    """Which articles the list shows (before any search)."""

    ALL = "all"
    UNREAD = "unread"
    SAVED = "saved"


class Dwell(Enum):
    """What becomes of the dwell (an article on show turning read after a while)
    when an article is shown."""

    GO_ON = "go on"  # the same article again: the dwell, or its absence, stays as it is
    STOP = "stop"  # no dwell for the article shown
    START = "start"  # a dwell starts for the article shown


@dataclass(frozen=True, slots=True)
class Found:
    """The articles of view `showing` that match a search, of `total` in the view."""

    result: SearchResult
    showing: Showing
    total: int
    arrangement: Arrangement = Arrangement()


class Session:
    """The bookkeeping of one run of the reader over `store` and `state`."""

    def __init__(self, store: Store, state: ReadingState, *, loading: bool = False) -> None:
        self.store = store
        self.state = state
        self.showing = Showing.ALL
        self.arrangement = Arrangement()
        """The list's sort order and grouping."""
        self._arranger = Arranger()
        # Ids read or unsaved while their view is on: they stay listed until the view
        # is chosen again, rather than vanishing under the cursor.
        self.kept_in_view: set[str] = set()
        self.new: set[str] = set()
        """Ids of articles that arrived while running and have not been seen yet."""
        self.new_feed: set[FeedItem] = set()
        """Feed items that arrived while running and have not been seen yet."""
        self.loading = loading
        """Whether the first load is still going on."""
        self.files_read = 0
        """Files the first load has read so far."""
        self.reading_files: tuple[int, int] | None = None
        """Changed files read so far, of how many (None: none being read)."""
        self._burst_read = 0  # changed files read in runs already done, since the last told
        self.dwell_source: str | None = None
        """The article the dwell is for (the one last shown)."""
        self.marked_by_hand: str | None = None
        """The article on show, if the user marked it read or unread with a key."""
        # (ids, state version, unread, saved): the counts last made, and of what
        self._counted: tuple[tuple[str, ...], int, int, int] = ((), -1, 0, 0)

    # Read, saved, new -----------------------------------------------------------

    def is_unread(self, article: Article) -> bool:
        """Whether the user has not read the article (in this session or before)."""
        article_id = self.store.id_of(article.source)
        return article_id is None or not self.state.is_read(article_id)

    def is_saved(self, article: Article) -> bool:
        """Whether the user has saved (bookmarked) the article."""
        article_id = self.store.id_of(article.source)
        return article_id is not None and self.state.is_saved(article_id)

    def is_new(self, article: Article) -> bool:
        """Whether the article arrived while running and has not been seen yet."""
        # Looking the id up costs more than the common case, an empty set.
        return bool(self.new) and self.store.id_of(article.source) in self.new

    def set_read(self, articles: Iterable[Article], read: bool) -> bool:
        """Mark `articles` read (or unread); False if none of them has an id to mark."""
        ids = self.store.ids_of(article.source for article in articles)
        if ids:
            self.mark_read(ids, read)
        return bool(ids)

    def mark_read(self, ids: list[str], read: bool) -> None:
        """Mark the articles `ids` read (or unread); in the unread view they stay listed."""
        self.state.mark_read(ids, read)
        if self.showing is Showing.UNREAD:
            self.kept_in_view.update(ids)

    def unread_among(self, articles: Iterable[Article]) -> list[str]:
        """The ids of those of `articles` not read yet."""
        state = self.state
        return list({i for i in self.store.ids_of(a.source for a in articles) if not state.is_read(i)})

    def toggle_saved(self, article_id: str) -> bool:
        """Save the article, or unsave it (in the saved view it stays listed); whether
        it is saved now."""
        saved = not self.state.is_saved(article_id)
        self.state.mark_saved(article_id, saved)
        if self.showing is Showing.SAVED:
            self.kept_in_view.add(article_id)
        return saved

    def take_changes(self, progress: Progress) -> None:
        """Files changed on disk: note what is new to the user, and how far the
        reading of the changed files has got."""
        store = self.store
        # New articles: not copies of one held already (saved again, renamed).
        self.new.update(store.ids_of(progress.new_articles))
        if progress.removed or progress.updated:
            # A page removed, or changed into another article (its headline fixed):
            # what no page holds any more is no longer there to be seen.
            self.new = {article_id for article_id in self.new if store.holds_article(article_id)}
        if progress.removed or progress.updated:  # their feed items may be gone: no longer to be seen
            self.new_feed = {item for item in self.new_feed if store.has_feed_item(item)}
        self.new_feed.update(progress.new_feed)
        # A burst read as several runs counts as one, until it has been told.
        total = progress.total or progress.files
        self.reading_files = (
            None if progress.done else (self._burst_read + progress.files, self._burst_read + total)
        )
        if progress.done:
            self._burst_read += total

    def changes_told(self) -> None:
        """What the changes brought has been told: the next burst counts from zero."""
        self._burst_read = 0

    def seen(self, article: Article | None) -> bool:
        """The user has seen `article`: it is new no more. Whether it was."""
        if article is None or not self.new:
            return False
        article_id = self.store.id_of(article.source)
        if article_id is None or article_id not in self.new:
            return False
        self.new.discard(article_id)
        return True

    def opened(self, article: Article) -> None:
        """The user has opened `article`: it is new no more."""
        article_id = self.store.id_of(article.source)
        if article_id is not None:
            self.new.discard(article_id)

    def feed_seen(self, items: Iterable[FeedItem]) -> None:
        """The user has seen the feed `items`: they are new no more."""
        self.new_feed.difference_update(items)

    # The view -------------------------------------------------------------------

    def choose_view(self, showing: Showing) -> None:
        """Show all, unread or saved articles; chosen again, the view drops those read
        or unsaved since."""
        self.showing = showing
        self.kept_in_view.clear()  # not a new set: a search under way holds this one

    def keep_in_view(self, shown: Iterable[Article | FeedItem | None]) -> None:
        """Keep the articles in `shown` listed in the view, whatever becomes of them."""
        for article in shown:
            article_id = self.store.id_of(article.source) if isinstance(article, Article) else None
            if article_id is not None:
                self.kept_in_view.add(article_id)

    def view_filter(self) -> Callable[[str], bool] | None:
        """Which article ids the view shows (None: all). Articles read or unsaved
        while their view is on stay in it, not vanishing under the cursor."""
        state, kept = self.state, self.kept_in_view
        if self.showing is Showing.UNREAD:
            return lambda article_id: not state.is_read(article_id) or article_id in kept
        if self.showing is Showing.SAVED:
            return lambda article_id: state.is_saved(article_id) or article_id in kept
        return None

    def find(
        self,
        query: str,
        cancelled: Callable[[], bool],
        full_text: Callable[[str], Collection[int] | None] | None = None,
    ) -> Found | None:
        """The articles of the view whose headline holds every word of `query` (all
        of them for ""); with `full_text` (which finds pages by their words, giving
        their rows in the parse cache), whose page does. None if `cancelled` turns true; SearchCancelled if it does midway."""
        showing, only, arrangement = self.showing, self.view_filter(), self.arrangement
        arranged = None
        if not arrangement.is_stored_order:
            view = self.store.rebuild()
            arranged = self._arranger.arranged(view.articles, view.ids, arrangement)
        if full_text is not None and query:
            result = self.store.search_rows(query, full_text(query) or (), cancelled, only)
            if arranged is not None:
                result = replace(result, articles=arranged.part(result.articles))
        else:
            within = (arranged.index, arranged.ids) if arranged is not None else None
            result = self.store.search(query, cancelled, only, within)
        if cancelled():
            return None
        ids = self.store.view().ids
        # The size of the view searched in, for "12 of 340"
        total = len(ids) if only is None else len(result.articles) if not query else sum(map(only, ids))
        return Found(result, showing, total, arrangement)

    # The header -----------------------------------------------------------------

    def unread_count(self) -> int:
        """Unread articles in the list."""
        return self._counts()[0]

    def saved_count(self) -> int:
        """Saved articles in the list (the state may hold more: articles saved over
        pages not loaded now)."""
        return self._counts()[1]

    def _counts(self) -> tuple[int, int]:
        """Unread and saved articles in the list; counted again only when the list
        or the reading state has changed (a count is a set lookup per article, and
        the header is redrawn for every article opened or seen)."""
        ids, version = self.store.view().ids, self.state.version
        counted_ids, counted_version, unread, saved = self._counted
        if ids is not counted_ids or version != counted_version:
            unread = len(ids) - self.state.count_read(ids)
            saved_ids = self.state.saved_ids
            saved = sum(map(saved_ids.__contains__, ids)) if saved_ids else 0
            self._counted = (ids, version, unread, saved)
        return unread, saved

    def counts_text(self) -> str:
        """The header's line: what is listed, read, saved and new, and what is
        being read from disk."""
        state = self.state
        unread, saved = self._counts()
        parts = [count(len(self.store.view().ids), "article"), f"{unread:,} unread"]
        if saved:
            parts.append(f"{saved:,} saved")
        if self.showing is not Showing.ALL:
            parts.insert(0, f"Showing {self.showing.value}")
        if not self.arrangement.is_stored_order:
            parts.insert(
                1 if self.showing is not Showing.ALL else 0, self.arrangement.describe().capitalize()
            )
        if state.problem:
            parts.append("not saving what you read")
        new = []
        if self.new:
            new.append(count(len(self.new), "new article"))
        if self.new_feed:
            new.append(count(len(self.new_feed), "new feed item"))
        if new:
            parts.append("✦ " + ", ".join(new))
        if self.loading:
            parts.append(f"loading… {self.files_read:,} files")
        elif self.reading_files is not None:
            parts.append(f"reading {self.reading_files[0]:,}/{self.reading_files[1]:,} changed files")
        return " · ".join(parts)

    # Dwelling -------------------------------------------------------------------

    def dwell_on_show(self, article: Article | None, *, by_user: bool, dwelling: bool) -> Dwell:
        """`article` is shown in the reading pane (`by_user`: the user brought it
        there; `dwelling`: a dwell is under way). It is read once it has stayed a
        while if the user brought it: not the article shown at start, nor one put
        under the cursor by a change on disk."""
        source = article.source if article is not None else None
        if source == self.dwell_source and (dwelling or not by_user or source == self.marked_by_hand):
            return Dwell.GO_ON  # the same article again (a refresh, new marks, `k` on the top row)
        if source != self.dwell_source:
            self.marked_by_hand = None
        self.dwell_source = source
        if by_user and article is not None and self.is_unread(article):
            return Dwell.START
        return Dwell.STOP

    def mark_by_hand(self, article: Article) -> bool:
        """The user marks `article` read or unread with a key: it stays as marked
        while on show. Whether a dwell under way is for it (and must stop)."""
        self.marked_by_hand = article.source
        return article.source == self.dwell_source

    def no_dwell(self) -> None:
        """The reading pane shows no article (a feed item): no dwell is for one."""
        self.dwell_source = None

    def dwelt(self, shown: Article) -> bool:
        """A dwell has elapsed with `shown` in the reading pane: whether it is to be
        marked read (it is the dwell's article, and still held)."""
        return shown.source == self.dwell_source and self.store.page(shown.source) is not None
