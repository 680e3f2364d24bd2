"""How the article list is arranged: its sort order (newest first, oldest first, by
source, by title) and its grouping (none, by source, by folder).

The store keeps one order, newest first; an arrangement is worked out from it,
in a worker, with stable sorts (articles that tie stay newest first). Arranging
all 100k articles costs a sort of them, so the one of the whole list is kept
until the list changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from reader.model import Article
from reader.text import fold, strip_controls


class SortOrder(Enum):
    """The order of the article list."""

    NEWEST = "newest"
    OLDEST = "oldest"
    SOURCE = "source"
    TITLE = "title"


class Grouping(Enum):
    """What articles the list keeps together, each group under its name."""

    NONE = "none"
    SOURCE = "source"
    FOLDER = "folder"


@dataclass(frozen=True, slots=True)
class Arrangement:
    """A sort order and a grouping."""

    order: SortOrder = SortOrder.NEWEST
    grouping: Grouping = Grouping.NONE

    @property
    def is_stored_order(self) -> bool:
        """Whether this is the store's own order (nothing to arrange)."""
        return self.order is SortOrder.NEWEST and self.grouping is Grouping.NONE

    def describe(self) -> str:
        """`newest first`, `by title, grouped by source`…"""
        said = {
            SortOrder.NEWEST: "newest first",
            SortOrder.OLDEST: "oldest first",
            SortOrder.SOURCE: "by source",
            SortOrder.TITLE: "by title",
        }[self.order]
        if self.grouping is not Grouping.NONE:
            said += f", grouped by {self.grouping.value}"
        return said


def source_name(article: Article) -> str:
    """Where an article comes from, as the list shows it: the site's name as the page
    gives it, else the host of its address, else the folder its file is in."""
    if article.site:
        return strip_controls(article.site)
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return folder_name(article)


def folder_name(article: Article) -> str:
    """The name of the folder the article's file is in (control characters, which a
    file name may hold, taken out)."""
    folder = os.path.dirname(article.source)
    return strip_controls(os.path.basename(folder) or folder)


def group_name(grouping: Grouping) -> Callable[[Article], str] | None:
    """The name each article's group is shown under (None: no grouping)."""
    if grouping is Grouping.SOURCE:
        return source_name
    if grouping is Grouping.FOLDER:
        return folder_name
    return None


def _group_key(grouping: Grouping) -> Callable[[Article], str]:
    if grouping is Grouping.FOLDER:
        return lambda article: fold(os.path.dirname(article.source))  # two folders of one name stay apart
    return lambda article: fold(source_name(article))


def arrange(articles: Sequence[Article], arrangement: Arrangement) -> Sequence[Article]:
    """`articles` (newest first, as the store lists them) in `arrangement`'s order."""
    if arrangement.is_stored_order:
        return articles
    order = arrangement.order
    arranged: list[Article]
    if order is SortOrder.OLDEST:
        # Dated ones oldest first; the undated stay last, as they are in any order.
        dated = [article for article in articles if article.published is not None]
        arranged = dated[::-1] + [article for article in articles if article.published is None]
    elif order is SortOrder.TITLE:
        arranged = sorted(articles, key=lambda article: fold(article.title))
    elif order is SortOrder.SOURCE:
        arranged = sorted(articles, key=_group_key(Grouping.SOURCE))
    else:
        arranged = list(articles)
    if arrangement.grouping is not Grouping.NONE:
        arranged.sort(key=_group_key(arrangement.grouping))
    return arranged


class Arranger:
    """Arranges lists, keeping the arrangement of the last whole list (the one a
    list with no search and no view shows) until that list or the arrangement
    changes. Safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[Sequence[Article], Arrangement, Sequence[Article]] | None = None

    def arrange(
        self, articles: Sequence[Article], arrangement: Arrangement, *, whole: bool = False
    ) -> Sequence[Article]:
        """`articles` in `arrangement`'s order; `whole`: they are the whole list, whose
        arrangement is kept for next time."""
        if arrangement.is_stored_order:
            return articles
        kept = self._kept
        if whole and kept is not None and kept[0] is articles and kept[1] == arrangement:
            return kept[2]
        arranged = arrange(articles, arrangement)
        if whole:
            with self._lock:
                self._kept = (articles, arrangement, arranged)
        return arranged
