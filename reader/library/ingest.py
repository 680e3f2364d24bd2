"""Putting pages read from disk into the store: every page at start, then the files
that change while the reader runs.

Runs in a worker thread. Pages go into the store in batches and the store's sorted
view is rebuilt here, not on the event loop; after each batch `report` hears what
changed. A page that read well once and then fails (a file caught half-written, or
overwritten with something else) keeps its last good version, with one warning.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reader.library.files import Gone, LoadFailure, find_page_files, read_one
from reader.library.pool import load_pages_parallel, read_files_in, start_pool
from reader.library.store import Store
from reader.library.watch import expand_folders
from reader.model import FeedItem, Page
from reader.parse import DEFAULT_MAX_BYTES
from reader.paths import is_within, shown_path
from reader.storage.cache import FeedSnapshot, FileState, PageCache, storable
from reader.storage.codec import page_digest, without_texts
from reader.text import PageKeys

_BATCH_PAGES = 200
# The store's sorted view is rebuilt at most this often while a run goes on, and
# never takes more than a tenth of the run's time.
_MIN_REFRESH_SECONDS = 0.5
_REFRESH_SHARE = 10
# Files changed while running are parsed in other processes from this many on: parsing
# in this one would hold the GIL the screen needs, and a burst would make keys wait.
# Those processes leave a core to the screen, and stay for the next burst.
LIVE_PARALLEL_FROM = 32
_KEEP_POOL_SECONDS = 60
_FIRST_PAINT_SECONDS = 0.15


@dataclass(frozen=True, slots=True)
class Progress:
    """What one batch did. `files` counts the files read so far in this run, out of
    `total` when known; the rest is what changed since the last report."""

    files: int
    total: int | None
    live: bool  # a change on disk while running, not the first load
    done: bool  # the run is over
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    new_feed: frozenset[FeedItem] = frozenset()
    new_articles: tuple[str, ...] = ()  # of `added`, pages whose article no page held before
    failures: tuple[LoadFailure, ...] = ()
    warnings: tuple[str, ...] = ()  # what the parser noticed in pages read (or taken from the cache)
    kept: tuple[str, ...] = ()  # pages whose new version failed: the last good one stays
    cached: int = 0  # of `files`, how many came from the parse cache


@dataclass(slots=True)
class _Changes:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    new_feed: list[FeedItem] = field(default_factory=list)
    new_articles: list[str] = field(default_factory=list)


# A page added this many seconds after a page with the same article (or feed
# items) was removed was renamed or moved, not newly saved.
_RENAME_SECONDS = 30.0


class Ingest:
    """Fills `store` from files, telling `report` after every batch.

    Pages parsed go into `cache` (one in memory if none is given) with their bodies,
    and into the store without them. A first load takes what the cache holds for
    the files at once, then parses only files that are new or changed since.
    `cancelled` is asked between files; when it turns true the run stops at once.

    `ids_changed` hears of articles whose file changed so that they are known by
    another id (a typo fixed in a headline), as (old id, new id) pairs, before the
    store's view shows them: reading state kept by id should move with them
    (`ReadingState.move_marks`). An old id another page still holds (a copy) is
    not told: its marks are still that copy's.
    """

    def __init__(
        self,
        store: Store,
        report: Callable[[Progress], None],
        *,
        cache: PageCache | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cancelled: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
        ids_changed: Callable[[list[tuple[str, str]]], None] = lambda moves: None,
    ) -> None:
        self.store = store
        self._ids_changed = ids_changed
        self.cache = cache if cache is not None else PageCache()
        self._cache_failed = False  # a write failed: pages are kept whole in the store from then on
        self._states: dict[str, FileState] = {}  # files about to be read, as they were before reading
        self._digests: dict[str, bytes] = {}  # what each page held parsed to: a touched file is no change
        self._unchanged_warnings: list[str] = []  # of cached pages whose files are as cached, not yet told
        self._report = report
        self._max_bytes = max_bytes
        self._cancelled = cancelled
        self._clock = clock
        self._warned: set[str] = set()  # sources whose failure was told, until they read well again
        self._gone_articles: dict[str, float] = {}  # ids of pages removed lately, and when
        self._gone_feed: dict[FeedItem, float] = {}  # their feed items
        self._live_workers = max(1, (os.cpu_count() or 1) - 1)
        self._live_pool: ProcessPoolExecutor | None = None
        self._last_live_read = 0.0
        self._feed_generation: int | None = None  # of the feed snapshot taken back at start, if one was

    def load(self, paths: Sequence[str]) -> None:
        """Read every page under `paths` (the first load): cached pages first, then
        the files the cache does not hold as they are now."""
        # Collecting would walk the hundreds of thousands of objects being made, again
        # and again; once loaded they are frozen out of its way for good.
        gc.disable()
        try:
            known = self._load_cached(paths)
            if self._cancelled():
                return
            seen: set[str] = set()
            found = self._changed_files(paths, known, seen)
            self._run(
                load_pages_parallel(paths, self._max_bytes, found=found),
                None,
                _Changes(),
                live=False,
                files=len(known),
                cached=len(known),
                gone=lambda: [s for s in known if s not in seen],
            )
            if not self._cancelled():
                self._keep_feed_snapshot(paths)
        finally:
            gc.enable()
            gc.freeze()

    def _load_cached(self, paths: Sequence[str]) -> dict[str, FileState]:
        """Put the cached pages of files under `paths` in the store, as they come.

        The merged feed of 400k items takes a second to sort: when the cache kept a
        snapshot of it and nothing changed since, the pages after the first run go
        in without their feed items, and the snapshot is taken back instead.
        """
        known: dict[str, FileState] = {}
        try:
            snapshot = None if self._cache_failed else self.cache.feed_snapshot(paths)
            unheld: list[str] = []  # pages put without their feed items
            for run in self.cache.pages_under(paths):
                if self._cancelled():
                    break
                first = not known
                hold = snapshot is None or first  # the first screen shows the first run's items
                self.store.put_keyed(
                    [(cached.page, cached.keys) for cached in run],
                    tell_new=False,
                    hold_feed=hold,
                    rows={cached.page.source: cached.row for cached in run},
                )
                for cached in run:
                    source = cached.page.source
                    known[source] = cached.state
                    self._digests[source] = cached.digest
                    if not hold:
                        unheld.append(source)
                if first:  # the first run: show it now, the rest when all are in
                    self.store.rebuild()
                    self._send(len(known), None, _Changes(), live=False, done=False, cached=len(known))
                    # The screen's first paint needs the GIL for a moment: decoding the
                    # rest would hold it off for most of a second.
                    time.sleep(_FIRST_PAINT_SECONDS)
            if snapshot is not None and unheld:
                if self.cache.generation() == snapshot.generation and self.store.restore_feed(snapshot.feed):
                    self._feed_generation = snapshot.generation
                else:
                    self.store.hold_feeds(unheld)
            if known:
                self.store.rebuild()
                self._send(len(known), None, _Changes(), live=False, done=False, cached=len(known))
        except (sqlite3.Error, ValueError, TypeError, EOFError) as error:  # a damaged cache: parse it all
            self._cache_broke(error)
            self.store.remove_many(list(known))
            known.clear()
            self._digests.clear()
        return known

    def _keep_feed_snapshot(self, paths: Sequence[str]) -> None:
        """Keep a snapshot of the feed for the next start, unless the one taken back
        is still good."""
        if self._cache_failed:
            return
        try:
            generation = self.cache.generation()
            if generation == self._feed_generation:
                return
            feed = self.store.feed_snapshot()
            if feed is not None:
                self.cache.keep_feed_snapshot(paths, FeedSnapshot(generation, feed))
        except sqlite3.Error as error:
            self._cache_broke(error)

    def _changed_files(
        self, paths: Sequence[str], known: dict[str, FileState], seen: set[str]
    ) -> Iterator[Path | LoadFailure]:
        """The files under `paths` that the cache does not hold as they are now;
        every file found goes in `seen`."""
        for found in find_page_files(paths, with_state=True):
            if isinstance(found, LoadFailure):
                yield found
                continue
            source, size, mtime_ns = found
            seen.add(source)
            state = FileState(size, mtime_ns)
            if state != known.get(source):
                self._states[source] = state
                yield Path(source)
            else:
                # The page shown is the cached one: what the parser said of it is told
                # as on the start that parsed it (of a changed file, its new version is).
                page = self.store.page(source)
                if page is not None:
                    self._unchanged_warnings.extend(page.warnings)

    def _cache_broke(self, error: Exception) -> None:
        if not self._cache_failed:
            self._cache_failed = True
            self._report(
                Progress(
                    0,
                    None,
                    live=False,
                    done=False,
                    warnings=(f"the page cache failed ({error}); pages are kept in memory from now on",),
                )
            )

    def apply(self, changed: Sequence[str], gone: Sequence[str]) -> None:
        """Bring the store in line with paths that changed on disk: `changed` files
        and folders are read (again), `gone` ones are forgotten."""
        changes = _Changes()
        removed = set()
        for path in gone:
            self._warned = {s for s in self._warned if not is_within(s, path)}
            removed.update([path] if self.store.page(path) is not None else self.store.sources_under(path))
        # A page renamed or moved comes as one gone and (a moment later) one new: its
        # article is no new one.
        now = self._clock()
        self._gone_articles = {i: t for i, t in self._gone_articles.items() if now - t < _RENAME_SECONDS}
        self._gone_articles.update((i, now) for i in map(self.store.id_of, removed) if i is not None)
        self._gone_feed = {item: t for item, t in self._gone_feed.items() if now - t < _RENAME_SECONDS}
        for source in removed:
            self._gone_feed.update((item, now) for item in self.store.feed_of(source))
        changes.removed.extend(self.store.remove_many(sorted(removed)).removed)
        self._forget(changes.removed)
        found = expand_folders(changed)
        files = [file for file in found if isinstance(file, str)]
        for file in files:
            state = _state_of(file)
            if state is not None:
                self._states[file] = state
        if not found and not changes.removed:
            return  # a file we never had went away (an editor's temporary file)
        failures = [failure for failure in found if isinstance(failure, LoadFailure)]
        self._run(self._read_live(files, failures), len(found), changes, live=True)

    def _read_live(
        self, files: list[str], failures: list[LoadFailure]
    ) -> Generator[Page | LoadFailure | Gone, None, None]:
        yield from failures  # folders that could not be listed
        yield from self._read_files(files)

    def _read_files(self, files: list[str]) -> Iterator[Page | LoadFailure | Gone]:
        # Each file is read as the file it was when it settled: one deleted since is
        # Gone, not "no such file" as a path named on the command line would be.
        if len(files) < LIVE_PARALLEL_FROM or self._live_workers < 1:
            return (read_one(Path(file), self._max_bytes) for file in files)
        self._last_live_read = self._clock()
        if self._live_pool is None:
            try:
                self._live_pool = start_pool(self._live_workers)
            except (OSError, ValueError):
                self._live_workers = 0  # no processes to be had here: read in this one from now on
                return (read_one(Path(file), self._max_bytes) for file in files)
        return read_files_in(self._live_pool, files, self._max_bytes)

    def close_when_idle(self) -> None:
        """Stop the kept processes once no burst has come for a while: they hold
        memory the machine may want."""
        if self._live_pool is not None and self._clock() - self._last_live_read > _KEEP_POOL_SECONDS:
            self.close()

    def close(self) -> None:
        """Stop the processes kept for reading changed files, if any were started."""
        if self._live_pool is not None:
            self._live_pool.shutdown(wait=False, cancel_futures=True)
            self._live_pool = None

    def _forget(self, sources: Sequence[str]) -> None:
        for source in sources:
            self._digests.pop(source, None)
        if not self._cache_failed:
            try:
                self.cache.remove_many(sources)
            except sqlite3.Error as error:
                self._cache_broke(error)

    def _run(
        self,
        results: Generator[Page | LoadFailure | Gone, None, None],
        total: int | None,
        changes: _Changes,
        live: bool,
        files: int = 0,
        cached: int = 0,
        gone: Callable[[], list[str]] = list,
    ) -> None:
        """Put what `results` brings in the store; then forget the `gone()` pages, and
        those whose files went away before they were read."""
        batch: list[Page] = []
        vanished: list[str] = []
        next_report = 0.0
        for result in results:
            if self._cancelled():
                results.close()  # stops the pool
                return
            files += 1
            if isinstance(result, Gone):
                vanished.append(result.source)
                self._states.pop(result.source, None)
                self._warned.discard(result.source)
                continue
            page = self._accept(result, changes)
            if page is not None:
                batch.append(page)
            if len(batch) >= _BATCH_PAGES:
                self._put(batch, changes, live)
                batch = []
            more_to_come = total is None or files < total
            if more_to_come and self._clock() >= next_report:
                self._put(batch, changes, live)
                batch = []
                started = self._clock()
                self.store.rebuild()  # sort here, not on the event loop
                spent = self._clock() - started
                next_report = self._clock() + max(_MIN_REFRESH_SECONDS, _REFRESH_SHARE * spent)
                self._send(files, total, changes, live, done=False, cached=cached)
                changes = _Changes()
        self._put(batch, changes, live)
        # Files the cache had that are no longer there, and held pages whose files went
        # away between being found and being read (told as removed when live).
        removed = [*gone(), *(source for source in vanished if self.store.page(source) is not None)]
        if removed:
            change = self.store.remove_many(removed)
            self._forget(removed)
            if live:
                changes.removed.extend(change.removed)
        self.store.rebuild()
        self._send(files, total, changes, live, done=True, cached=cached)

    def _accept(self, result: Page | LoadFailure, changes: _Changes) -> Page | None:
        """The page to put in the store, or None: a failure, or a worse version of a
        page already held (kept, and told once)."""
        source = result.source
        held = self.store.page(source)
        if isinstance(result, LoadFailure):
            if source not in self._warned:
                self._warned.add(source)
                if held is None:
                    changes.failures.append(result)
                else:
                    changes.kept.append(f"{result.error}; showing the version read before")
            return None
        if held is not None and held.article is not None and result.article is None:
            if source not in self._warned:
                self._warned.add(source)
                changes.kept.append(
                    f"{shown_path(source)}: no article in the new version; showing the version read before"
                )
            return None
        self._warned.discard(source)
        return result

    def _put(self, pages: list[Page], changes: _Changes, live: bool) -> None:
        encoded, rows = self._keep(pages)
        changed = []
        for page in pages:
            digest, keys = encoded[page.source]
            if self._digests.get(page.source) == digest and self.store.page(page.source) is not None:
                continue  # touched, not changed
            self._digests[page.source] = digest
            changes.warnings.extend(page.warnings)
            slim = page.source in rows and not self.store.holds_texts
            changed.append((without_texts(page) if slim else page, keys))
        replaced = [
            (old, keys.id) for page, keys in changed if (old := self.store.id_of(page.source)) != keys.id
        ]
        change = self.store.put_keyed(changed, tell_new=live, rows=rows)
        moves = [
            (old, new)
            for old, new in dict.fromkeys(replaced)
            if old is not None and new is not None and not self.store.holds_article(old)
        ]
        if moves:
            self._ids_changed(moves)
        if live:
            changes.added.extend(change.added)
            changes.updated.extend(change.updated)
            changes.new_feed.extend(item for item in change.new_feed if item not in self._gone_feed)
            changes.new_articles.extend(
                source
                for source in change.new_articles
                if self.store.id_of(source) not in self._gone_articles
            )

    def _keep(self, pages: list[Page]) -> tuple[dict[str, tuple[bytes, PageKeys]], dict[str, int]]:
        """Put `pages` in the cache: their digests and store keys by source, and the
        rows of those kept there (a page whose file could not be looked at, or whose
        name the cache cannot hold, is not: it stays whole in memory)."""
        encoded: dict[str, tuple[bytes, PageKeys]] = {}
        with_state = []
        for page in pages:
            state = self._states.pop(page.source, None)
            if state is None or self._cache_failed or not storable(page.source):
                encoded[page.source] = page_digest(page)
            else:
                with_state.append((page, state))
        if not with_state:
            return encoded, {}
        try:
            encoded.update(self.cache.put_many(with_state))
            rows = self.cache.rows_of([page.source for page, _ in with_state])
        except sqlite3.Error as error:
            self._cache_broke(error)
            encoded.update((page.source, page_digest(page)) for page, _ in with_state)
            return encoded, {}
        return encoded, rows

    def _send(
        self, files: int, total: int | None, changes: _Changes, live: bool, done: bool, cached: int = 0
    ) -> None:
        unchanged_warnings, self._unchanged_warnings = self._unchanged_warnings, []
        self._report(
            Progress(
                files=files,
                total=total,
                live=live,
                done=done,
                added=tuple(changes.added),
                updated=tuple(changes.updated),
                removed=tuple(changes.removed),
                new_feed=frozenset(changes.new_feed),
                new_articles=tuple(changes.new_articles),
                failures=tuple(changes.failures),
                warnings=(*unchanged_warnings, *changes.warnings),
                kept=tuple(changes.kept),
                cached=cached,
            )
        )


def _state_of(path: str) -> FileState | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None  # reading it will say why
    return FileState(stat.st_size, stat.st_mtime_ns)
