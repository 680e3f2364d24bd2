"""How the article list is arranged: its sort order (newest first, oldest first, by
source, by title) and its grouping (none, by source, by folder).

The store keeps one order, newest first; an arrangement is worked out from it,
in a worker, with stable sorts (articles that tie stay newest first). Arranging
all 100k articles costs a sort of them, so the one of the whole list is kept
until the list changes, and searched as the store's own list is."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from reader.library.search import SearchIndex
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


_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?(?:www\.)?([^/:?#]+)", re.IGNORECASE)


def source_name(article: Article) -> str:
    """Where an article comes from, as the list shows it: the site's name as the page
    gives it, else the host of its address, else the folder its file is in."""
    if article.site:
        return _shown(article.site)
    if article.url and (host := _HOST.match(article.url)):
        return _shown(host.group(1))
    return folder_name(article)


def folder_name(article: Article) -> str:
    """The name of the folder the article's file is in (control characters, which a
    file name may hold, taken out)."""
    return _folder_shown(os.path.dirname(article.source))


# Names are shared by many articles (a site, a folder): each worked out once. Bounded
# by what a library holds: a few thousand sites and folders.
@lru_cache(maxsize=65536)
def _shown(name: str) -> str:
    return strip_controls(name)


@lru_cache(maxsize=65536)
def _folder_shown(folder: str) -> str:
    return strip_controls(os.path.basename(folder) or folder)


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    return fold(name)


def group_name(grouping: Grouping) -> Callable[[Article], str] | None:
    """The name each article's group is shown under (None: no grouping)."""
    if grouping is Grouping.SOURCE:
        return source_name
    if grouping is Grouping.FOLDER:
        return folder_name
    return None


def _group_key(grouping: Grouping) -> Callable[[Article], str]:
    if grouping is Grouping.FOLDER:
        # By the whole path: two folders of one name stay apart.
        return lambda article: _folded(os.path.dirname(article.source))
    return lambda article: _folded(source_name(article))


def arranged_rows(
    articles: Sequence[Article], arrangement: Arrangement, titles: Sequence[str] | None = None
) -> list[int]:
    """The rows of `articles` (newest first, as the store lists them) in
    `arrangement`'s order; `titles`, if given, are their headlines folded (the
    store's search keys). Every key is worked out once, and the sorts compare
    them in C."""
    count = len(articles)
    order = arrangement.order
    rows: list[int]
    if order is SortOrder.OLDEST:
        # Dated ones oldest first; the undated stay last, as they are in any order.
        dated = [row for row in range(count) if articles[row].published is not None]
        rows = dated[::-1] + [row for row in range(count) if articles[row].published is None]
    elif order is SortOrder.TITLE:
        keys = titles if titles is not None else [fold(article.title) for article in articles]
        rows = sorted(range(count), key=keys.__getitem__)
    elif order is SortOrder.SOURCE:
        keys = list(map(_group_key(Grouping.SOURCE), articles))
        rows = sorted(range(count), key=keys.__getitem__)
    else:
        rows = list(range(count))
    if arrangement.grouping is not Grouping.NONE:
        groups = list(map(_group_key(arrangement.grouping), articles))
        rows.sort(key=groups.__getitem__)
    return rows


def arrange(
    articles: Sequence[Article], arrangement: Arrangement, titles: Sequence[str] | None = None
) -> Sequence[Article]:
    """`articles` (newest first, as the store lists them) in `arrangement`'s order."""
    if arrangement.is_stored_order:
        return articles
    return [articles[row] for row in arranged_rows(articles, arrangement, titles)]


class ArrangedList:
    """The store's list in another order: its articles with their search keys and
    ids, searched as the store's own list is, so that a search answers in this
    order with no sorting."""

    def __init__(self, index: SearchIndex[Article], ids: Sequence[str], arrangement: Arrangement) -> None:
        rows = arranged_rows(index.items, arrangement, index.keys)
        items, keys = index.items, index.keys
        self.index = SearchIndex(tuple([items[row] for row in rows]), tuple([keys[row] for row in rows]))
        self.ids = tuple([ids[row] for row in rows])
        self._places: dict[str, int] | None = None

    def part(self, articles: Sequence[Article]) -> list[Article]:
        """Some of the list's articles (in any order) in this one."""
        if self._places is None:
            self._places = {article.source: place for place, article in enumerate(self.index.items)}
        places = self._places
        # One not in this list (the store changed meanwhile) goes first.
        return sorted(articles, key=lambda article: places.get(article.source, -1))


class Arranger:
    """Keeps the store's list arranged: worked out once, until the list or the
    arrangement changes. Safe to use from any thread."""

    def __init__(self) -> None:
        self._kept: tuple[SearchIndex[Article], Arrangement, ArrangedList] | None = None

    def arranged(
        self, index: SearchIndex[Article], ids: Sequence[str], arrangement: Arrangement
    ) -> ArrangedList:
        """The list of `index` (whose articles' ids are `ids`) in `arrangement`'s order."""
        kept = self._kept
        if kept is not None and kept[0] is index and kept[1] == arrangement:
            return kept[2]
        arranged = ArrangedList(index, ids, arrangement)
        self._kept = (index, arrangement, arranged)
        return arranged
