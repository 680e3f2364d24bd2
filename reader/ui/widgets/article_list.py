"""The article list: one row per article, in the order chosen: whether it is read
or saved, where it comes from (where the list is wide enough), its headline and a
short date. Grouped, the source column names each group on its first row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum

from rich.style import Style
from rich.text import Text
from textual.message import Message

from reader.model import Article
from reader.render.timefmt import compact_date
from reader.text import match_spans
from reader.ui.widgets.cursor_list import CursorList, clip, find_near

DATE_WIDTH = 10
SOURCE_FROM = 64
"""The list's width from which each row shows its source."""
GROUP_FROM = 44
"""The list's width from which a grouped list names its groups (narrower, the
headlines need the room; the header still says how the list is grouped)."""


class Status(Enum):
    """What a row's marker says about its article."""

    READ = " "
    UNREAD = "●"
    NEW = "✦"  # arrived while the reader runs, not yet seen (and unread)


SAVED = "★"


class ArticleList(CursorList):
    """The list of articles. The app gives it rows; it says what the user picks."""

    class Highlighted(Message):
        """The cursor rests on an article (None when the list is empty); `by_user`:
        the user moved it there, rather than the rows changing under it."""

        def __init__(self, article: Article | None, by_user: bool = True) -> None:
            super().__init__()
            self.article = article
            self.by_user = by_user

    class Opened(Message):
        """The user wants to read an article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._articles: Sequence[Article] = ()
        self._query = ""
        self._status: Callable[[Article], Status] = lambda article: Status.READ
        self._saved: Callable[[Article], bool] = lambda article: False
        self._source: Callable[[Article], str] = lambda article: ""
        self._group: Callable[[Article], str] | None = None

    @property
    def articles(self) -> Sequence[Article]:
        """The rows, in order."""
        return self._articles

    @property
    def search_query(self) -> str:
        """The search the rows answer ("" for all articles)."""
        return self._query

    def select(self, article: Article) -> bool:
        """Put the cursor on `article` if the list shows it; say whether it does."""
        index = _row_of(article, self._articles)
        if index is not None:
            self.cursor = index
        return index is not None

    @property
    def highlighted(self) -> Article | None:
        """The article under the cursor."""
        return self._articles[self.cursor] if self._articles else None

    def show(
        self,
        articles: Sequence[Article],
        *,
        query: str = "",
        keep: Article | None = None,
        status: Callable[[Article], Status] | None = None,
        saved: Callable[[Article], bool] | None = None,
        hold: bool = False,
        source_of: Callable[[Article], str] | None = None,
        group: Callable[[Article], str] | None = None,
    ) -> None:
        """Show `articles`, highlighting `query`'s words; the cursor stays on `keep`
        (by source) when it is among them, else goes to the top. `source_of`
        names where each comes from; `group` (None: not grouped) the group it is in.

        With `hold` (an update from disk, not the user's doing) the kept row stays
        on its line of the screen, and when `keep` is gone the cursor stays on its
        row number, on the article that took its place.
        """
        cursor = None
        if keep is not None:
            cursor = find_near(articles, self.cursor, lambda article: article.source == keep.source)
        if cursor is None:
            cursor = self.cursor if hold else 0
        top = None
        first = self.top_row()
        if hold and first < len(self._articles):
            source = self._articles[first].source
            top = find_near(articles, first, lambda article: article.source == source)
        self._articles = articles
        self._query = query
        if status is not None:
            self._status = status
        if saved is not None:
            self._saved = saved
        if source_of is not None:
            self._source = source_of
        self._group = group
        self.set_row_count(len(articles), cursor, hold=hold, top=top)

    def render_row(self, index: int, line: int, width: int, base: Style) -> Text:
        article = self._articles[index]
        status = self._status(article)
        date = compact_date(article.published, self._clock())
        source_width = self._source_width(width)
        title_width = max(1, width - 3 - source_width - DATE_WIDTH - 1)
        shown = clip(article.title, title_width)
        title = Text(shown, no_wrap=True)
        if self._query:
            match = self.component_style("cursor-list--match", index)
            for start, end in match_spans(shown, self._query):
                title.stylize(match, start, end)
        title.truncate(title_width, overflow="ellipsis", pad=True)
        row = Text(no_wrap=True)
        style = "cursor-list--new" if status is Status.NEW else "cursor-list--marker"
        row.append(status.value, self.component_style(style, index))
        row.append(SAVED if self._saved(article) else " ", self.component_style("cursor-list--saved", index))
        row.append(" ")
        if source_width:
            row.append_text(self._source_cell(index, article, source_width - 1))
            row.append(" ")
        row.append_text(title)
        row.append(" ")
        row.append(date.rjust(DATE_WIDTH), self.component_style("cursor-list--dim", index))
        return row

    def _source_width(self, width: int) -> int:
        """The cells of the source column, with its space (0: not shown)."""
        if width < (SOURCE_FROM if self._group is None else GROUP_FROM):
            return 0
        return max(8, min(20, width // 4))

    def _source_cell(self, index: int, article: Article, cells: int) -> Text:
        """Where the article comes from; grouped, its group's name on the group's
        first row only (the rows under it are the group)."""
        group = self._group
        if group is None:
            name, style = self._source(article), "cursor-list--dim"
        else:
            name = group(article)
            if index and group(self._articles[index - 1]) == name:
                name = ""
            style = "cursor-list--group"
        cell = Text(clip(name, cells), no_wrap=True, style=self.component_style(style, index))
        cell.truncate(cells, overflow="ellipsis", pad=True)
        return cell

    def cursor_moved(self, index: int, by_user: bool = True) -> None:
        self.post_message(self.Highlighted(self.highlighted, by_user))

    def cursor_chosen(self, index: int) -> None:
        self.post_message(self.Opened(self._articles[index]))


def _row_of(article: Article, articles: Sequence[Article]) -> int | None:
    """The row showing `article` (the same source file), if any."""
    return next((n for n, a in enumerate(articles) if a.source == article.source), None)
