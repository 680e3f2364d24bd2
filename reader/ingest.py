"""Putting pages read from disk into the store: every page at start, then the files
that change while the reader runs.

Runs in a worker thread. Pages go into the store in batches and the store's sorted
view is rebuilt here, not on the event loop; after each batch `report` hears what
changed. A page that read well once and then fails (a file caught half-written, or
overwritten with something else) keeps its last good version, with one warning.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from reader.loader import LoadFailure, is_within, load_pages, load_pages_parallel, read_files_in, start_pool
from reader.model import FeedItem, Page
from reader.parser import DEFAULT_MAX_BYTES
from reader.store import Store
from reader.watch import expand_folders

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
    failures: tuple[LoadFailure, ...] = ()
    warnings: tuple[str, ...] = ()  # what the parser noticed in pages read
    kept: tuple[str, ...] = ()  # pages whose new version failed: the last good one stays


@dataclass(slots=True)
class _Changes:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    new_feed: list[FeedItem] = field(default_factory=list)


class Ingest:
    """Fills `store` from files, telling `report` after every batch.

    `cancelled` is asked between files; when it turns true the run stops at once.
    """

    def __init__(
        self,
        store: Store,
        report: Callable[[Progress], None],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cancelled: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self._report = report
        self._max_bytes = max_bytes
        self._cancelled = cancelled
        self._clock = clock
        self._warned: set[str] = set()  # sources whose failure was told, until they read well again
        self._live_workers = max(1, (os.cpu_count() or 1) - 1)
        self._live_pool: ProcessPoolExecutor | None = None
        self._last_live_read = 0.0

    def load(self, paths: Sequence[str]) -> None:
        """Read every page under `paths` (the first load)."""
        self._run(load_pages_parallel(paths, self._max_bytes), None, _Changes(), live=False)

    def apply(self, changed: Sequence[str], gone: Sequence[str]) -> None:
        """Bring the store in line with paths that changed on disk: `changed` files
        and folders are read (again), `gone` ones are forgotten."""
        changes = _Changes()
        removed = set()
        for path in gone:
            self._warned = {s for s in self._warned if not is_within(s, path)}
            removed.update([path] if self.store.page(path) is not None else self.store.sources_under(path))
        changes.removed.extend(self.store.remove_many(sorted(removed)).removed)
        files = expand_folders(changed)
        if not files and not changes.removed:
            return  # a file we never had went away (an editor's temporary file)
        self._run(self._read_live(files), len(files), changes, live=True)

    def _read_live(self, files: list[str]) -> Iterator[Page | LoadFailure]:
        if len(files) < LIVE_PARALLEL_FROM or self._live_workers < 1:
            return load_pages(files, self._max_bytes)
        self._last_live_read = self._clock()
        if self._live_pool is None:
            try:
                self._live_pool = start_pool(self._live_workers)
            except (OSError, ValueError):
                self._live_workers = 0  # no processes to be had here: read in this one from now on
                return load_pages(files, self._max_bytes)
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

    def _run(self, results: Iterator[Page | LoadFailure], total: int | None, changes: _Changes, live: bool) -> None:
        batch: list[Page] = []
        files = 0
        next_report = 0.0
        for result in results:
            if self._cancelled():
                results.close()  # type: ignore[attr-defined]  # stops the pool
                return
            files += 1
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
                self._send(files, total, changes, live, done=False)
                changes = _Changes()
        self._put(batch, changes, live)
        self.store.rebuild()
        self._send(files, total, changes, live, done=True)

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
                changes.kept.append(f"{source}: no article in the new version; showing the version read before")
            return None
        self._warned.discard(source)
        if held is not None and held.article == result.article and held.feed == result.feed:
            return None  # touched, not changed
        changes.warnings.extend(result.warnings)
        return result

    def _put(self, pages: list[Page], changes: _Changes, live: bool) -> None:
        change = self.store.put_many(pages)
        if live:
            changes.added.extend(change.added)
            changes.updated.extend(change.updated)
            changes.new_feed.extend(change.new_feed)

    def _send(self, files: int, total: int | None, changes: _Changes, live: bool, done: bool) -> None:
        self._report(Progress(
            files=files,
            total=total,
            live=live,
            done=done,
            added=tuple(changes.added),
            updated=tuple(changes.updated),
            removed=tuple(changes.removed),
            new_feed=frozenset(changes.new_feed),
            failures=tuple(changes.failures),
            warnings=tuple(changes.warnings),
            kept=tuple(changes.kept),
        ))
