"""Searching the store's lists as the user types: folded keys scanned in chunks that
can be given up, with recent answers kept so that typing on narrows them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from typing import Generic, TypeVar

from reader.model import Article
from reader.text import match_spans

T = TypeVar("T")

_SEARCH_MEMORY = 32
SEARCH_CHUNK = 16_384


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The articles whose headline matches a query, in list order.

    Where each headline matched is worked out only for the rows drawn
    (`spans`), so a query matching 100k headlines costs no more than the list.
    """

    query: str
    articles: Sequence[Article]
    full_text: bool = False  # found in headlines and bodies, not headlines alone

    def spans(self, article: Article) -> list[tuple[int, int]]:
        """Matched (start, end) spans of the article's headline, for highlighting."""
        return match_spans(article.title, self.query)


class SearchCancelled(Exception):
    """A search given up because a newer one made it pointless."""


class SearchIndex(Generic[T]):
    """Items with their folded search keys, and the rows of recent searches.

    A query that refines a recent one (`cou` after `co`, `council b` after
    `council`) is looked for only among that one's matches. Keys are scanned in
    chunks, so a thread searching lets the event loop run between them and can
    stop as soon as the user has typed on.
    """

    def __init__(self, items: tuple[T, ...], keys: tuple[str, ...]) -> None:
        self.items = items
        self.keys = keys
        self._recent: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()
        self._lock = threading.Lock()

    def search(self, terms: tuple[str, ...], cancelled: Callable[[], bool] = lambda: False) -> list[T]:
        """The items whose key holds every term, in order."""
        items = self.items
        return [items[i] for i in self.rows(terms, cancelled)]

    def rows(self, terms: tuple[str, ...], cancelled: Callable[[], bool] = lambda: False) -> list[int]:
        """The indexes of the items whose key holds every term, in order."""
        with self._lock:
            rows = self._recent.get(terms)
            if rows is not None:
                self._recent.move_to_end(terms)
            candidates = self._narrowest(terms) if rows is None else None
        if rows is None:
            rows = self._rows(terms, candidates, cancelled)
            with self._lock:
                self._recent[terms] = rows
                if len(self._recent) > _SEARCH_MEMORY:
                    self._recent.popitem(last=False)
        return rows

    def _narrowest(self, terms: tuple[str, ...]) -> list[int] | None:
        best: list[int] | None = None
        for old_terms, rows in self._recent.items():
            refines = all(any(old in new for new in terms) for old in old_terms)
            if refines and (best is None or len(rows) < len(best)):
                best = rows
        return best

    def _rows(
        self, terms: tuple[str, ...], candidates: list[int] | None, cancelled: Callable[[], bool]
    ) -> list[int]:
        keys = self.keys
        rows = candidates
        for term in terms:
            found: list[int] = []
            if rows is None:
                for start in range(0, len(keys), SEARCH_CHUNK):
                    chunk = keys[start : start + SEARCH_CHUNK]
                    found.extend(
                        compress(range(start, start + len(chunk)), map(contains, chunk, repeat(term)))
                    )
                    if cancelled():
                        raise SearchCancelled
            else:
                for start in range(0, len(rows), SEARCH_CHUNK):
                    found.extend([i for i in rows[start : start + SEARCH_CHUNK] if term in keys[i]])
                    if cancelled():
                        raise SearchCancelled
            rows = found
        return rows or []


def everything(article_id: str) -> bool:
    """A view filter that keeps every article."""
    return True


def pick(
    items: Sequence[Article],
    ids: Sequence[str],
    rows: Sequence[int],
    only: Callable[[str], bool],
    cancelled: Callable[[], bool],
) -> list[Article]:
    """The articles at `rows` of `items` whose id (in `ids`) `only` accepts, in chunks
    that can be cancelled."""
    picked: list[Article] = []
    for start in range(0, len(rows), SEARCH_CHUNK):
        picked.extend([items[i] for i in rows[start : start + SEARCH_CHUNK] if only(ids[i])])
        if cancelled():
            raise SearchCancelled
    return picked
