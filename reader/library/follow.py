"""Reading the folders the reader was given, then following them: files saved,
changed or deleted while it runs are read again or forgotten.

Runs in a worker thread until `stop` is set. What it does is told through two
callbacks: `report` after every batch put in the store, `failed` when following
goes wrong (for good, or for one change only).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from reader.library.ingest import Ingest, Progress
from reader.library.store import Store
from reader.library.watch import SETTLE_SECONDS, PageWatcher, Settler, WatchError
from reader.parse import DEFAULT_MAX_BYTES
from reader.storage.cache import PageCache


def follow_folders(
    paths: Sequence[str],
    store: Store,
    *,
    report: Callable[[Progress], None],
    failed: Callable[[str, bool], None],
    stop: threading.Event,
    cancelled: Callable[[], bool] = lambda: False,
    cache: PageCache | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    watch: bool = True,
    settle_seconds: float = SETTLE_SECONDS,
    ids_changed: Callable[[list[tuple[str, str]]], None] = lambda moves: None,
) -> None:
    """Read every page under `paths` into `store`; then, with `watch`, follow the
    folders until `stop` is set (or the folders cannot be followed any more).

    `failed(reason, still_following)` hears of what went wrong: still following
    when only one change could not be read. `cancelled` is asked between files.
    `ids_changed` hears of articles changed into another id (see `Ingest`): the
    app's reading state moves their marks (`ReadingState.move_marks`).
    """
    ingest = Ingest(
        store, report, cache=cache, max_bytes=max_bytes, cancelled=cancelled, ids_changed=ids_changed
    )
    watcher: PageWatcher | None = None
    if watch:
        watcher = PageWatcher(paths)
        try:
            watcher.start(stop)  # before the first load: nothing written meanwhile is missed
        except Exception as error:  # noqa: BLE001 - the pages are still read, once
            failed(str(error), False)
            watcher = None
    ingest.load(paths)
    if watcher is None:
        return
    settler = Settler(settle_seconds)
    settler.known_folders.update(watcher.folders)
    settler.known_folders.update(os.path.dirname(source) for source in store.sources())
    try:
        for changed in watcher.changes(stop):
            settler.note(changed)
            ready, gone = settler.take_ready()
            if ready or gone:
                try:
                    ingest.apply(ready, gone)
                except Exception as error:  # noqa: BLE001 - one bad change must not end following
                    failed(f"could not read changes ({error}); still following", True)
            ingest.close_when_idle()
    except WatchError as error:
        failed(str(error), False)
    finally:
        ingest.close()
