"""Searching the store's lists as the user types: folded keys, joined into strings
for `str.find`, scanned in chunks that can be given up, with recent answers kept so
that typing on narrows them."""

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
# A term in more keys than this share is tested key by key: finding each hit in
# the joined keys costs about as much as testing eight keys.
_OFTEN = 1 / 8
_PROBE_KEYS = 1_024  # keys tested to guess how often a term is met


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

    A term is looked for in all the keys joined into one string (`str.find` runs
    at C speed there, where testing key after key costs a call each), or key by
    key where it is in most of them (finding hit after hit costs more then). A
    query that refines a recent one (`cou` after `co`, `council b` after
    `council`) is looked for only among that one's matches.
    Keys are scanned in chunks, so a thread searching lets the event loop run
    between them and can stop as soon as the user has typed on.
    """

    def __init__(self, items: tuple[T, ...], keys: tuple[str, ...]) -> None:
        self.items = items
        self.keys = keys
        self._recent: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()
        self._lock = threading.Lock()
        # Each chunk of keys joined, the first time a search needs it (most views are
        # never searched, and common terms are tested key by key)
        self._texts: list[str | None] = []

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
            narrowest = self._narrowest(terms) if rows is None else None
        if rows is None:
            rows = self._rows(terms, narrowest, cancelled)
            with self._lock:
                self._recent[terms] = rows
                if len(self._recent) > _SEARCH_MEMORY:
                    self._recent.popitem(last=False)
        return rows

    def _narrowest(self, terms: tuple[str, ...]) -> tuple[tuple[str, ...], list[int]] | None:
        """The recent search with the fewest rows that `terms` refines, and its terms."""
        best: tuple[tuple[str, ...], list[int]] | None = None
        for old_terms, rows in self._recent.items():
            refines = all(any(old in new for new in terms) for old in old_terms)
            if refines and (best is None or len(rows) < len(best[1])):
                best = (old_terms, rows)
        return best

    def _rows(
        self,
        terms: tuple[str, ...],
        narrowest: tuple[tuple[str, ...], list[int]] | None,
        cancelled: Callable[[], bool],
    ) -> list[int]:
        if not terms:
            return []
        if narrowest is not None:
            old_terms, rows = narrowest
            # Terms the recent search held already (or longer ones that hold them) are met.
            left = [term for term in terms if not any(term in old for old in old_terms)]
        else:
            first = max(terms, key=len)  # the longest is the likeliest to be rare
            rows = self._scan(first, cancelled)
            left = [term for term in terms if term not in first]
        for term in sorted(left, key=len, reverse=True):
            rows = self._among(rows, term, cancelled)
        return rows

    def _among(self, rows: list[int], term: str, cancelled: Callable[[], bool]) -> list[int]:
        """Those of `rows` whose key holds `term`."""
        keys = self.keys
        found: list[int] = []
        for start in range(0, len(rows), SEARCH_CHUNK):
            found.extend([i for i in rows[start : start + SEARCH_CHUNK] if term in keys[i]])
            if cancelled():
                raise SearchCancelled
        return found

    def _scan(self, term: str, cancelled: Callable[[], bool]) -> list[int]:
        """The rows whose key holds `term`, looked for in every key.

        Chunk by chunk, each the faster way for how often the term was met in the
        one before: finding hit after hit in the chunk's keys joined into one
        string (a hit's row is the count of newlines before it), or testing key
        after key.
        """
        keys = self.keys
        texts = self._texts
        if len(texts) != -(-len(keys) // SEARCH_CHUNK):  # the chunk size changed (tests)
            texts = self._texts = [None] * -(-len(keys) // SEARCH_CHUNK)
        found: list[int] = []
        probe = keys[:_PROBE_KEYS]  # a glance at the first keys: is the term in many?
        often = sum(map(contains, probe, repeat(term))) > len(probe) * _OFTEN
        for chunk, first in enumerate(range(0, len(keys), SEARCH_CHUNK)):
            stop = min(first + SEARCH_CHUNK, len(keys))
            if often:
                hits = list(compress(range(first, stop), map(contains, keys[first:stop], repeat(term))))
            else:
                text = texts[chunk]
                if text is None:  # two threads may both join it: no harm
                    text = texts[chunk] = _joined(keys[first:stop])
                find, tally = text.find, text.count
                hits = []
                row, pos = first, 0
                while (hit := find(term, pos)) >= 0:
                    row += tally("\n", pos, hit)
                    if not hits or hits[-1] != row:
                        hits.append(row)
                    pos = hit + 1
            found.extend(hits)
            often = len(hits) > (stop - first) * _OFTEN
            if cancelled():
                raise SearchCancelled
        return found


def _joined(keys: tuple[str, ...]) -> str:
    """`keys` as one string, a newline between each two. A term holds no
    whitespace (queries are split on it), so no match spans two keys."""
    text = "\n".join(keys)
    if text.count("\n") != len(keys) - 1:  # a key of several lines (a feed item's summary)
        # made one: no term holds a space either, so none matches differently
        text = "\n".join(key.replace("\n", " ") for key in keys)
    return text


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
