"""Following page folders while the reader runs: which paths changed, and when a
changed file has stopped changing and can be read.

The operating system tells us about changes (inotify and the like, through
watchfiles). Polling `stat()` instead costs about 0.5 s of CPU per pass over 100k
files, held under the GIL of the process drawing the screen.
"""

from __future__ import annotations

import os
import queue
import stat as stat_mode
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.library.files import (
    LoadFailure,
    find_page_files,
    is_page_name,
    is_resources_folder,
    reached_by_walk,
)
from reader.paths import inside, is_within, shown_path

if TYPE_CHECKING:
    from watchfiles._rust_notify import RustNotify

# How long a file's size and modification time must stay the same before it is
# read: a browser or script may still be writing it.
SETTLE_SECONDS = 0.25
# How often the watcher wakes when nothing happens, to look at waiting files
# and to notice that it should stop.
TICK_SECONDS = 0.05
# A burst of changes is over when no path has changed for this long; meanwhile
# settled files wait to be read together, up to a time and a number.
BURST_QUIET_SECONDS = 0.1
MAX_HOLD_SECONDS = 1.0
MAX_BATCH = 500
# How often to look when the system cannot notify us (too many folders).
_POLL_MS = 1_000


def _is_hidden(path: str) -> bool:
    return os.path.basename(path).startswith(".")


class WatchError(Exception):
    """The folders cannot be followed; the message says why."""


class PageWatcher:
    """Changed paths under the folders and files the reader was given.

    Folders are watched with their subfolders. A named file is watched through its
    folder (without subfolders), so that a file replaced by renaming a new one over
    it is still followed. The watches are in place when `start` returns: a file
    written after that is never missed, even while the first load still runs.
    """

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        folders: list[str] = []
        files: set[str] = set()
        missing: set[str] = set()
        for raw in paths:
            path = os.path.abspath(raw)
            if os.path.isdir(path):
                folders.append(path)
            elif os.path.isfile(path):
                files.add(path)
            else:
                missing.add(path)
        self.folders = folders
        self.files = files
        # Given folders, and given paths not there yet: watched from their parent
        # folders too, so that one deleted and made again (or made at last) is followed.
        self.roots = set(folders) | missing
        self._queue: queue.Queue[set[str] | BaseException] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._followed = set(folders)  # roots with a watch of their own in place
        self._lock = threading.Lock()

    def _wanted(self, path: str, deleted: bool) -> bool:
        """A page file, a folder (one moved in may hold pages), or a deleted path
        (it may have been a folder of pages); never a link to a folder."""
        if not self._on_the_walk(path):
            return False
        if is_page_name(path) or deleted:
            return True
        return os.path.isdir(path) and not os.path.islink(path) and not is_resources_folder(path)

    def _on_the_walk(self, path: str) -> bool:
        """Whether the first load would reach the path: not in a hidden folder (`.git`,
        `.cache`), and not through a link to a folder. The system follows such links
        when it watches a folder with its subfolders (`ln -s /usr pages/usr` gave
        15,722 watches), and what changes there is none of ours."""
        for root in self.folders:
            if inside(path, root) is not None:
                return reached_by_walk(path, root)
        return not _is_hidden(path)

    def start(self, stop: threading.Event) -> None:
        """Put the watches in place and start following them until `stop` is set.

        Raises WatchError when neither the system's notifications nor polling work.
        """
        if self.folders:
            self._watch(self.folders, True, None, stop)
        named = self.files | self.roots
        parents = sorted({os.path.dirname(p) for p in named if os.path.isdir(os.path.dirname(p))})
        if parents:
            self._watch(parents, False, named, stop)

    def _watch(self, roots: list[str], recursive: bool, only: set[str] | None, stop: threading.Event) -> None:
        notify = _notify(roots, recursive)
        thread = threading.Thread(
            target=self._follow, args=(notify, roots, recursive, only, stop), name="reader-watch", daemon=True
        )
        self._threads.append(thread)
        thread.start()

    def _follow(
        self,
        notify: RustNotify,
        roots: list[str],
        recursive: bool,
        only: set[str] | None,
        stop: threading.Event,
    ) -> None:
        deleted = 3  # watchfiles.Change.deleted
        step = int(TICK_SECONDS * 1000)
        try:
            while not stop.is_set():
                since = time.time()  # what the next batch holds happened after this
                try:
                    found = notify.watch(1_000, step, step * 4, stop)
                except RuntimeError as error:
                    if _UNDECODABLE not in str(error):
                        raise
                    # A name that is not UTF-8 (made on another system): watchfiles
                    # cannot name it, drops the batch it was in, and fails every batch
                    # after. A new watch takes over, and what the lost batch held is
                    # looked for on disk.
                    notify.close()
                    notify = _notify(roots, recursive)
                    lost = {
                        path
                        for path in _changed_since(roots, recursive, since)
                        if self._wanted_in(path, only)
                    }
                    if lost:
                        self._queue.put(lost)
                    continue
                if isinstance(found, str):
                    continue  # "timeout", or "stop" and the loop ends
                paths = {path for change, path in found if self._wanted_in(path, only, change == deleted)}
                for root in paths & self.roots:
                    self._refollow(root, stop)
                if paths:
                    self._queue.put(paths)
        except BaseException as error:  # noqa: BLE001 - handed to the consumer, which reports it
            self._queue.put(error)
        finally:
            notify.close()

    def _wanted_in(self, path: str, only: set[str] | None, deleted: bool = False) -> bool:
        return path in only if only is not None else self._wanted(path, deleted)

    def _refollow(self, root: str, stop: threading.Event) -> None:
        """A given folder went away or came (back): a folder made again is a new one
        to the system, and needs a watch of its own."""
        with self._lock:
            if not os.path.isdir(root):
                self._followed.discard(root)
                return
            if root in self._followed:
                return
            self._followed.add(root)
            if root not in self.folders:
                self.folders.append(root)
        self._watch([root], True, None, stop)

    def changes(self, stop: threading.Event) -> Iterator[set[str]]:
        """Sets of changed paths as they happen, and an empty set every tick when
        nothing does; ends when `stop` is set. A failing watch raises WatchError."""
        while not stop.is_set():
            try:
                item = self._queue.get(timeout=TICK_SECONDS)
            except queue.Empty:
                yield set()
                continue
            if isinstance(item, BaseException):
                raise WatchError(shown_path(f"stopped following the folders: {item}")) from item
            yield item


@dataclass(slots=True)
class _Waiting:
    signature: tuple[int, int, bool] | None  # size, mtime (ns), is a folder
    since: float  # when the signature was first seen (monotonic)


class Settler:
    """Changed paths, held back until they have stopped changing.

    A file is ready once its size and modification time have not changed for
    SETTLE_SECONDS, by our clock or by its own modification time (so a file copied in
    with its old time is read at once). A path that no longer exists is gone. A
    folder that appears is replaced by the page files in it.
    """

    def __init__(
        self,
        settle: float = SETTLE_SECONDS,
        *,
        quiet: float = BURST_QUIET_SECONDS,
        max_hold: float = MAX_HOLD_SECONDS,
        max_batch: int = MAX_BATCH,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        stat: Callable[[str], os.stat_result] = os.stat,
    ) -> None:
        self.settle = settle
        self.quiet = quiet
        self.max_hold = max_hold
        self.max_batch = max_batch
        self._clock = clock
        self._wall_clock = wall_clock
        self._stat = stat
        self._waiting: dict[str, _Waiting] = {}
        self.known_folders: set[str] = set()  # folders whose pages are read: not expanded again
        self._unreadable: list[str] = []  # folders that could not be listed: to be read, and told
        self._last_note = float("-inf")
        self._holding_since: float | None = None  # ready paths held back while a burst goes on

    def __len__(self) -> int:
        """How many paths are waiting to settle."""
        return len(self._waiting)

    def note(self, paths: Iterable[str]) -> None:
        """These paths changed (again): wait for them to settle."""
        now = self._clock()
        for path in paths:
            self._last_note = now
            if path not in self._waiting:
                self._waiting[path] = _Waiting(None, now)

    def take_ready(self) -> tuple[list[str], list[str]]:
        """The paths that have settled (to read) and those that are gone, in name
        order; both stop waiting.

        While paths keep arriving (a burst: a thousand pages copied in), settled
        ones are held back, up to `max_hold` seconds or `max_batch` paths, so that
        they are read together rather than a few at a time.
        """
        now, wall = self._clock(), self._wall_clock()
        ready: list[str] = []
        gone: list[str] = []
        folders: list[str] = []
        for path, waiting in list(self._waiting.items()):
            try:
                info = self._stat(path)
            except FileNotFoundError:
                gone.append(path)
                del self._waiting[path]
                continue
            except OSError:
                ready.append(path)  # reading it will say what is wrong
                continue
            signature = (info.st_size, info.st_mtime_ns, stat_mode.S_ISDIR(info.st_mode))
            if signature != waiting.signature:
                waiting.signature, waiting.since = signature, now
            if now - waiting.since >= self.settle or wall - info.st_mtime >= self.settle:
                if signature[2]:
                    folders.append(path)
                else:
                    ready.append(path)
        # A folder that appeared (copied or moved in) stands for the pages in it, and
        # each of them settles on its own: the copy may still be writing them. A
        # folder already known only had its attributes changed (touch, chmod): its
        # files speak for themselves. A link to a folder is not followed, as at start.
        # A folder that cannot be listed is passed on as ready: reading it says why. It
        # stays unknown, so that once it may be read its pages are.
        for folder in folders:
            del self._waiting[folder]
            if folder in self.known_folders or os.path.islink(folder):
                continue
            unreadable = []
            for page in expand_folders([folder]):
                if isinstance(page, LoadFailure):
                    unreadable.append(page.source)
                    continue
                self._waiting.setdefault(page, _Waiting(None, now))
                self.known_folders.add(os.path.dirname(page))
            self._unreadable.extend(unreadable)
            if folder not in unreadable:
                self.known_folders.add(folder)
        for path in gone:
            self.known_folders = {f for f in self.known_folders if not is_within(f, path)}
        if ready and now - self._last_note < self.quiet and len(ready) < self.max_batch:
            if self._holding_since is None:
                self._holding_since = now
            if now - self._holding_since < self.max_hold:
                return [], sorted(gone)
        self._holding_since = None
        for path in ready:
            del self._waiting[path]
        ready.extend(self._unreadable)
        self._unreadable = []
        return sorted(ready), sorted(gone)


# What watchfiles says of a path whose name is not UTF-8.
_UNDECODABLE = "Unable to decode path"
# Timestamps may lag the clock a little (coarse file system times).
_CLOCK_SLACK = 1.0


def _notify(roots: list[str], recursive: bool) -> RustNotify:
    """The system's notifications for `roots`, or polling when they cannot be had.
    Raises WatchError when neither works."""
    from watchfiles._rust_notify import RustNotify  # only the app, when following folders, needs it

    force_polling = bool(os.environ.get("WATCHFILES_FORCE_POLLING"))
    try:
        return RustNotify(roots, False, force_polling, _POLL_MS, recursive, True)
    except OSError:
        # Too many folders for the system's watches (inotify's limit): poll.
        try:
            return RustNotify(roots, False, True, _POLL_MS, recursive, True)
        except OSError as error:
            raise WatchError(shown_path(f"cannot follow {', '.join(roots)}: {error}")) from None


def _changed_since(roots: list[str], recursive: bool, since: float) -> Iterator[str]:
    """Paths in `roots` (at any depth with `recursive`; hidden ones left out) made,
    changed or moved in since `since`: the change time counts, as a file moved in
    keeps its old modification time."""
    since -= _CLOCK_SLACK
    folders = list(roots)
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                found = [entry for entry in entries if not entry.name.startswith(".")]
        except OSError:
            continue  # gone, or not to be looked into: as the first load passes it by
        for entry in found:
            try:
                info = entry.stat(follow_symlinks=False)
                if recursive and entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
            except OSError:
                continue
            if max(info.st_mtime, info.st_ctime) >= since:
                yield entry.path


def expand_folders(paths: Iterable[str]) -> list[str | LoadFailure]:
    """`paths`, with each folder replaced by the page files under it, each file once
    (a folder copied in is reported along with the files in it), then a LoadFailure
    for each folder among or under them that cannot be listed. A link to a folder
    stands for nothing: links to folders are never followed, at start or live."""
    files: dict[str, None] = {}
    failures: list[str | LoadFailure] = []
    for path in paths:
        if not os.path.isdir(path):
            files[path] = None
        elif not os.path.islink(path):
            for found in find_page_files([path]):
                if isinstance(found, LoadFailure):
                    failures.append(found)
                else:
                    files[str(found)] = None
    return [*files, *failures]
