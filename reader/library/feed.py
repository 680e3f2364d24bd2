"""The News Feed merged from every page: each distinct item once, newest first.

At 100k pages the feed holds some 400k items. They are kept as packed arrays
(each item's place, identity, and where to read it: its page and position there),
about 30 bytes an item, instead of objects: the words of the items stay where
they are (the parse cache, or the page held in memory) and are read only for the
rows drawn, a page at a time.
"""

from __future__ import annotations

import marshal
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TypeVar, overload

from reader.library.search import SearchCancelled
from reader.model import FeedItem
from reader.text import feed_identity, feed_place, unpack_feed_keys

# An item's order key: its place (`reader.text.feed_place`, made non-negative), then
# when it was first held, so items of the same second keep the order they came in.
_SEQ_BITS = 28
_PLACE_BIAS = 2**34
_MAX_SEQ = 2**_SEQ_BITS - 1


def _key(place: int, seq: int) -> int:
    return ((place + _PLACE_BIAS) << _SEQ_BITS) | seq


def _place_of(key: int) -> int:
    return key >> _SEQ_BITS


def _place_run(keys: array[int], place: int) -> range:
    """The indexes of the items at `place` in `keys` (sorted)."""
    return range(bisect_left(keys, _key(place, 0)), bisect_left(keys, _key(place + 1, 0)))


H = TypeVar("H", str, str | None)


def _gather(
    order: list[int], keys: array[int], idents: array[int], holders: Sequence[H], positions: array[int]
) -> tuple[array[int], array[int], list[H], array[int]]:
    """The items at these indexes of these arrays, in this order."""
    return (
        array("Q", [keys[at] for at in order]),
        array("q", [idents[at] for at in order]),
        [holders[at] for at in order],
        array("I", [positions[at] for at in order]),
    )


# Rows looked at between asking whether a search has been given up.
_CHUNK = 65_536

# Shown for a row whose page changed after the rows were handed out (the next rows
# handed out no longer have it).
GONE = FeedItem(None, None, None)


class FeedRows(Sequence[FeedItem]):
    """Feed items in order, as they were when the rows were made: for each row, the
    item's order key and identity, the page that holds it and its position there.
    Items are read when asked for (`items_of` reads a page's feed)."""

    __slots__ = ("_holders", "_idents", "_items_of", "_keys", "_positions")

    def __init__(
        self,
        items_of: Callable[[str], Sequence[FeedItem]],
        keys: array[int] | None = None,
        idents: array[int] | None = None,
        holders: Sequence[str] = (),
        positions: array[int] | None = None,
    ) -> None:
        self._items_of = items_of
        self._keys = keys if keys is not None else array("Q")
        self._idents = idents if idents is not None else array("q")
        self._holders = holders
        self._positions = positions if positions is not None else array("I")

    def __len__(self) -> int:
        return len(self._holders)

    @overload
    def __getitem__(self, index: int) -> FeedItem: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[FeedItem]: ...
    def __getitem__(self, index: int | slice) -> FeedItem | Sequence[FeedItem]:
        if isinstance(index, slice):
            return FeedRows(
                self._items_of,
                self._keys[index],
                self._idents[index],
                self._holders[index],
                self._positions[index],
            )
        items = self._items_of(self._holders[index])
        position = self._positions[index]
        return items[position] if position < len(items) else GONE

    def __iter__(self) -> Iterator[FeedItem]:
        return (self[index] for index in range(len(self)))

    def of(self, found: Mapping[str, Collection[int]], cancelled: Callable[[], bool]) -> FeedRows:
        """The rows of the items at these positions of these pages (`found`), in
        order. Raises SearchCancelled when `cancelled()` turns true part way."""
        holders, positions = self._holders, self._positions
        rows: list[int] = []
        for start in range(0, len(holders), _CHUNK):
            rows.extend(
                [
                    i
                    for i, holder in enumerate(holders[start : start + _CHUNK], start)
                    if holder in found and positions[i] in found[holder]
                ]
            )
            if cancelled():
                raise SearchCancelled
        return FeedRows(self._items_of, *_gather(rows, self._keys, self._idents, holders, positions))

    def index_of(self, item: FeedItem) -> int | None:
        """The row of `item` (or of one differing only in case or accents), found
        by its place: no items are read."""
        ident = feed_identity(item)
        return next(
            (at for at in _place_run(self._keys, feed_place(item)) if self._idents[at] == ident), None
        )


class PageFeeds:
    """The feed items of pages by source, read from `read` and the latest few kept.
    Safe to use from any thread."""

    _KEEP = 512

    def __init__(self, read: Callable[[str], Sequence[FeedItem]]) -> None:
        self._read = read
        self._kept: OrderedDict[str, Sequence[FeedItem]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, source: str) -> Sequence[FeedItem]:
        with self._lock:
            items = self._kept.get(source)
            if items is not None:
                self._kept.move_to_end(source)
                return items
        items = self._read(source)
        if not items:
            return items  # kept only when there is something to keep (a page held later is read then)
        with self._lock:
            self._kept[source] = items
            if len(self._kept) > self._KEEP:
                self._kept.popitem(last=False)
        return items

    def forget(self, source: str) -> None:
        """The page from `source` changed: read it again when asked."""
        with self._lock:
            self._kept.pop(source, None)


class MergedFeed:
    """Distinct feed items in order, with the pages that hold them. Not thread-safe:
    the store calls it under its lock.

    Items held are first set down unsorted; `settle` puts them in order. A first
    load sets down hundreds of thousands at once and settles them in one pass;
    later changes are checked against what is held as they come (`hold` with
    `tell`), so that new items can be told apart.
    """

    def __init__(self) -> None:
        # In order: each distinct item's key, identity, the page shown for it (None:
        # let go, to be swept out) and its position there.
        self._keys = array("Q")
        self._idents = array("q")
        self._holders: list[str | None] = []
        self._positions = array("I")
        self._swept = True  # no None among the holders
        # Set down since the last settle, unsorted; with `_fresh`, each one's identity
        # (None: not kept, so nothing held since may be looked up before settling).
        self._new_keys = array("Q")
        self._bulk_places = array("q")  # of the items set down in bulk, after those in `_new_keys`
        self._new_idents = array("q")
        self._new_holders: list[str | None] = []
        self._new_positions = array("I")
        self._fresh: dict[int, int] | None = {}
        # Pages let go of while `_fresh` was None, as (source, keys): done when settling.
        self._released: list[tuple[str, bytes]] = []
        # The other pages holding an item, by identity, in the order they came.
        self._more: dict[int, list[tuple[str, int]]] = {}
        self._seq = 0

    def hold(self, source: str, packed: bytes, tell: bool = True) -> list[int]:
        """The page from `source` holds the feed items whose keys are `packed`
        (`reader.text.feed_keys`). With `tell`, returns the positions of the items
        no page held before; without, nothing is looked up (a first load)."""
        keys = unpack_feed_keys(packed)
        if not tell:
            if keys:
                # Set down in bulk: their order keys are worked out when settling.
                self._fresh = None
                count = len(keys) // 2
                self._bulk_places.extend(keys[0::2])
                self._new_idents.extend(keys[1::2])
                self._new_holders.extend([source] * count)
                self._new_positions.extend(range(count))
            return []
        self._ready()
        new = []
        for position in range(len(keys) // 2):
            place, ident = keys[2 * position], keys[2 * position + 1]
            if self._find(place, ident) is not None:
                self._more.setdefault(ident, []).append((source, position))
            else:
                new.append(position)
                assert self._fresh is not None
                self._fresh[ident] = len(self._new_keys)
                self._set_down(place, ident, source, position)
        return new

    def release(self, source: str, packed: bytes) -> None:
        """The page from `source` no longer holds these items (its old keys): those
        no other page holds go, and another holder's copy of the rest is shown."""
        if self._fresh is None:
            self._released.append((source, packed))  # a first load goes on: no lookups until it settles
            return
        keys = unpack_feed_keys(packed)
        for position in range(len(keys) // 2):
            place, ident = keys[2 * position], keys[2 * position + 1]
            found = self._find(place, ident)
            if found is None:
                continue  # not held (keys of a page never held): nothing to let go
            holders, positions, at = found
            more = self._more.get(ident)
            # The one shown came first: the page's old copy, when it holds the same
            # item again at the same place (put again).
            if holders[at] == source and positions[at] == position:
                if more:
                    holders[at], positions[at] = more.pop(0)
                else:
                    holders[at] = None
                    self._swept = False
            elif more is not None and (source, position) in more:
                more.remove((source, position))
            if more is not None and not more:
                del self._more[ident]

    def holds(self, place: int, ident: int) -> bool:
        """Whether an item with this place and identity is held."""
        self._ready()
        return self._find(place, ident) is not None

    def rows(self, items_of: Callable[[str], Sequence[FeedItem]]) -> FeedRows:
        """The items in order, as they are now."""
        self.settle()
        holders: list[str] = self._holders  # type: ignore[assignment]  # settled: no None among them
        return FeedRows(
            items_of,
            array("Q", self._keys),
            array("q", self._idents),
            list(holders),
            array("I", self._positions),
        )

    def snapshot(self, rows: Mapping[str, int]) -> bytes | None:
        """What is held, with each page named by its row in `rows` (None: a page has
        no row there), for `restore` to take back."""
        self.settle()
        try:
            holders = array("q", [rows[holder] for holder in self._holders])  # type: ignore[index]
            more = {ident: [(rows[s], p) for s, p in others] for ident, others in self._more.items()}
        except KeyError:
            return None
        parts = (self._keys, self._idents, holders, self._positions)
        return marshal.dumps((*(part.tobytes() for part in parts), more, self._seq))

    @classmethod
    def restore(cls, snapshot: bytes, sources: Mapping[int, str]) -> MergedFeed | None:
        """The feed `snapshot` kept, its pages named by their sources in `sources`
        (None: a page is missing there)."""
        keys, idents, holders, positions, more, seq = marshal.loads(snapshot)
        feed = cls()
        feed._keys.frombytes(keys)
        feed._idents.frombytes(idents)
        feed._positions.frombytes(positions)
        rows = array("q")
        rows.frombytes(holders)
        try:
            feed._holders = [sources[row] for row in rows]
            feed._more = {ident: [(sources[r], p) for r, p in others] for ident, others in more.items()}
        except KeyError:
            return None
        feed._seq = seq
        return feed

    def settle(self) -> None:
        """Put the items set down in their places, and sweep out those let go."""
        if not self._new_holders and self._swept and not self._released:
            self._fresh = {}
            return
        if self._fresh is None or len(self._new_holders) > len(self._keys) // 8:
            self._sort_all(merge=self._fresh is None)
        else:
            self._merge_new()
        self._new_keys, self._bulk_places = array("Q"), array("q")
        self._new_idents, self._new_positions = array("q"), array("I")
        self._new_holders = []
        self._fresh = {}
        released, self._released = self._released, []
        for source, packed in released:
            self.release(source, packed)
        if not self._swept:
            keep = [at for at, holder in enumerate(self._holders) if holder is not None]
            self._take(keep, self._keys, self._idents, self._holders, self._positions)
            self._swept = True
        if self._seq > _MAX_SEQ // 2:
            self._renumber()

    def _sort_all(self, merge: bool) -> None:
        """Sort everything held and set down (a first load: hundreds of thousands at
        once, sorted at C speed), leaving out the items let go; with `merge`, also
        the second and later copies of an item (set down without being looked up),
        whose pages become its other holders."""
        seq = self._seq
        bulk = self._bulk_places
        self._seq += len(bulk)
        new_keys = self._new_keys + array(
            "Q", [((place + _PLACE_BIAS) << _SEQ_BITS) | (seq + n) for n, place in enumerate(bulk)]
        )
        keys = self._keys + new_keys
        idents = self._idents + self._new_idents
        holders = self._holders + self._new_holders
        positions = self._positions + self._new_positions
        order = sorted(range(len(keys)), key=keys.__getitem__)
        if merge:
            # Copies share a place: only items of the same second are compared.
            places = [keys[at] >> _SEQ_BITS for at in order]
            shared = [n for n in range(1, len(order)) if places[n] == places[n - 1]]
            later: set[int] = set()
            run_end, seen = -1, set()
            for n in shared:
                if n - 1 != run_end:
                    first = order[n - 1]
                    seen = {idents[first]} if holders[first] is not None else set()
                run_end = n
                at = order[n]
                holder = holders[at]
                if holder is None:
                    continue
                if idents[at] in seen:
                    later.add(at)
                    self._more.setdefault(idents[at], []).append((holder, positions[at]))
                else:
                    seen.add(idents[at])
            order = [at for at in order if holders[at] is not None and at not in later]
        else:
            order = [at for at in order if holders[at] is not None]
        self._take(order, keys, idents, holders, positions)
        self._swept = True

    def _take(
        self,
        order: list[int],
        keys: array[int],
        idents: array[int],
        holders: list[str | None],
        positions: array[int],
    ) -> None:
        """Hold the items at these indexes of these arrays, in this order."""
        self._keys, self._idents, self._holders, self._positions = _gather(
            order, keys, idents, holders, positions
        )

    def _merge_new(self) -> None:
        """Put the few items set down (each looked up first) in their places."""
        keys, idents, holders, positions = self._keys, self._idents, self._holders, self._positions
        new_keys, new_idents, new_holders, new_positions = (
            self._new_keys,
            self._new_idents,
            self._new_holders,
            self._new_positions,
        )
        out_keys, out_idents, out_positions = array("Q"), array("q"), array("I")
        out_holders: list[str | None] = []
        done = 0
        for j in sorted(range(len(new_keys)), key=new_keys.__getitem__):
            if new_holders[j] is None:
                continue
            key = new_keys[j]
            at = bisect_left(keys, key, lo=done)
            if at > done:
                out_keys.extend(keys[done:at])
                out_idents.extend(idents[done:at])
                out_holders.extend(holders[done:at])
                out_positions.extend(positions[done:at])
                done = at
            out_keys.append(key)
            out_idents.append(new_idents[j])
            out_holders.append(new_holders[j])
            out_positions.append(new_positions[j])
        out_keys.extend(keys[done:])
        out_idents.extend(idents[done:])
        out_holders.extend(holders[done:])
        out_positions.extend(positions[done:])
        self._keys, self._idents, self._holders, self._positions = (
            out_keys,
            out_idents,
            out_holders,
            out_positions,
        )

    def _renumber(self) -> None:
        """Number the items held 0, 1, 2 … in order again (the counter of first
        holding would soon run out of bits)."""
        mask = ~_MAX_SEQ
        self._keys = array("Q", ((key & mask) | seq for seq, key in enumerate(self._keys)))
        self._seq = len(self._keys)

    def _ready(self) -> None:
        """Items set down without being looked up are settled before any lookup."""
        if self._fresh is None:
            self.settle()

    def _set_down(self, place: int, ident: int, source: str, position: int) -> None:
        self._new_keys.append(_key(place, self._seq))
        self._seq += 1
        self._new_idents.append(ident)
        self._new_holders.append(source)
        self._new_positions.append(position)

    def _find(self, place: int, ident: int) -> tuple[list[str | None], array[int], int] | None:
        """Where the item held with this place and identity is: (holders, positions,
        index), in the settled arrays or among those set down since."""
        idents, holders = self._idents, self._holders
        for at in _place_run(self._keys, place):
            if idents[at] == ident and holders[at] is not None:
                return holders, self._positions, at
        assert self._fresh is not None
        fresh = self._fresh.get(ident)
        if fresh is not None and self._new_holders[fresh] is not None:
            return self._new_holders, self._new_positions, fresh
        return None
