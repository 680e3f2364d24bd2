"""Reading state: which articles the user has read and saved, kept across restarts.

Articles are known by a stable id made from what they say (headline, published
date, authors), not by their file: a page renamed or moved keeps its state, and
the same article saved twice is one article. State lives in SQLite (WAL) and every
change is one transaction, so a reader killed at any moment loses at most the
change it was making, and a second reader sees consistent state.

Unlike the parse cache this file is the user's own: a state file that is damaged
or cannot be written is never replaced. The reader then keeps state in memory for
the session and `problem` says so.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import stat
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from reader.paths import shown_path
from reader.storage.sqlite import (
    STATE_APPLICATION_ID,
    Kind,
    connect,
    connect_in_memory,
    identify,
    kind_of,
    schema_version,
    set_schema_version,
    stamp,
    transaction,
)
from reader.text import article_id

__all__ = ["ReadingState", "article_id", "default_state_path"]

_SCHEMA = 1
# The tables of a state file made before application ids.
_EARLIER_TABLES = frozenset(["articles"])
# One row to write: an article id, then times in seconds since the epoch (or None).
_Row = tuple[str | float | None, ...]
# What one transaction writes: statements, each run for its rows in turn.
_Change = tuple[tuple[str, list[_Row]], ...]
_TABLES = """
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY,
    read_at REAL,
    saved_at REAL
) WITHOUT ROWID
"""
# What the user chose in the app and expects back next time (theme, pane widths,
# sort order): made in files from before it too, as it is only ever added to.
_PREFERENCES = "CREATE TABLE IF NOT EXISTS preferences(name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID"
# Copies one id's marks (the second parameter) to another (the first), keeping the
# marks that one has already.
_MOVE_MARKS = (
    "INSERT INTO articles(id, read_at, saved_at) SELECT ?, read_at, saved_at FROM articles WHERE id = ?"
    " ON CONFLICT(id) DO UPDATE SET read_at = coalesce(articles.read_at, excluded.read_at),"
    " saved_at = coalesce(articles.saved_at, excluded.saved_at)"
)


class _NotOurs(sqlite3.DatabaseError):
    """The file is not a reader state file (the message says what it is)."""


def default_state_path() -> Path:
    """Where reading state lives: the user's data folder (XDG_DATA_HOME and the like)."""
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "state.sqlite3"


class ReadingState:
    """Read and saved articles by stable id. Safe to use from any thread.

    Asking and marking touch only memory, so the UI never waits on the disk; a
    writer thread puts each change in the file as one transaction, in order.
    `saving` is False when changes last only for the session (see `problem`);
    `created` is True when the file did not exist and was made.
    """

    busy_seconds = 10.0
    """How long a write waits for another reader's transaction before trying again."""

    busy_tries = 6

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.problem: str | None = None
        self.created = False
        self.notice: str | None = None  # something to tell the user once (the app clears it)
        self._lock = threading.Lock()  # the sets and the queue's bookkeeping: held for microseconds
        self._db_lock = threading.Lock()  # the connection: held by the writer and by refresh
        self._file: tuple[int, int] | None = None  # (device, inode) of the file in use
        self._connection = self._open()
        self.saving = self.path is not None and self.problem is None
        if self.saving and self.created:
            self.notice = f"What you read and save is kept in {self._name} (a new file)"
        self._data_version = -1
        self._read: set[str] = set()
        self._saved: set[str] = set()
        self._preferences: dict[str, str] = {}
        self._version = 0  # counts changes to the sets; a refresh read before a mark is not taken
        self._queue: queue.Queue[_Change | None] = queue.Queue()
        self._writer = threading.Thread(target=self._write_queued, name="reading-state-writer", daemon=True)
        self._writer.start()
        self.refresh()

    @property
    def _name(self) -> str:
        """The file as messages name it."""
        return shown_path(self.path) if self.path is not None else "(none)"

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._in_memory()[0]
        try:
            self.created = not self.path.exists()
            # Looked at before it is opened: opening would already change another
            # program's database (into WAL mode).
            kind, what = identify(self.path, STATE_APPLICATION_ID, _EARLIER_TABLES)
            if kind is Kind.NOT_OURS:
                raise _NotOurs(what)
            if not self.created and not self.path.stat().st_mode & 0o222:
                # Made read-only on purpose (a frozen profile): honoured even where the
                # permission would not stop us (running as root).
                raise PermissionError("readonly")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = connect(self.path, timeout=self.busy_seconds)
            try:
                if kind_of(connection, STATE_APPLICATION_ID, _EARLIER_TABLES)[0] is not Kind.OURS:
                    # A new file made, or one from an earlier version stamped, in one
                    # transaction: a second reader starting at the same moment never
                    # sees it half made. What it is, is asked again under the lock.
                    with transaction(connection):
                        kind, what = kind_of(connection, STATE_APPLICATION_ID, _EARLIER_TABLES)
                        if kind is Kind.NOT_OURS:
                            raise _NotOurs(what)
                        if kind is Kind.NEW:
                            connection.execute(_TABLES)
                            set_schema_version(connection, _SCHEMA)
                        if kind is not Kind.OURS:
                            stamp(connection, STATE_APPLICATION_ID)
                if schema_version(connection) != _SCHEMA:
                    raise sqlite3.DatabaseError(f"a reader state file of schema {schema_version(connection)}")
                if not _has_preferences(connection):
                    with transaction(connection):
                        connection.execute(_PREFERENCES)
            except BaseException:
                connection.close()
                raise
            self._file = _identity(self.path)
            return connection
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, _NotOurs):
                # Never read as ours either: what it holds is not what was read.
                self.problem = (
                    f"the reading state file {self._name} cannot be used (it is {error}, "
                    "not a reader state file, and is left as it is): what you read and save now "
                    "is kept for this session only"
                )
                return self._in_memory()[0]
            damaged = False
            if not self.created and not _may_write(self.path.parent):
                # SQLite keeps its WAL beside the file: a folder that may not be
                # written keeps a writable file from being used, not from being read.
                why = "is in a folder that cannot be written"
            elif "readonly" in str(error) or isinstance(error, PermissionError):
                why = "is read-only"
            else:
                why, damaged = f"cannot be used ({error})", True
            connection, unread = self._in_memory(copy_from=self.path)
            self.problem = (
                f"the reading state file {self._name} {why}: what you read and save now "
                "is kept for this session only"
            )
            if unread is not None and not damaged and self.path.exists():
                # Nothing marked read, though the file is there: never without saying so.
                self.problem += f"; what it holds could not be read ({unread})"
            return connection

    def _in_memory(self, copy_from: Path | None = None) -> tuple[sqlite3.Connection, sqlite3.Error | None]:
        """A state database in memory, holding what `copy_from` (a file that cannot be
        written) holds; and why it could not be read, if it could not."""
        connection = connect_in_memory()
        connection.execute(_TABLES)
        connection.execute(_PREFERENCES)
        if copy_from is None:
            return connection, None
        uri = copy_from.absolute().as_uri()  # quoted: '?' or '#' in a name would end the path
        failed: sqlite3.Error | None = None
        # Read-only mode still makes the WAL's index file beside a WAL file: in a folder
        # that may not be written it fails, and only `immutable` (no index, no locks)
        # reads it. That way misses what a reader killed there left in its -wal file, so
        # it is the second choice.
        for options in ("?mode=ro", "?mode=ro&immutable=1"):
            try:
                source = sqlite3.connect(uri + options, uri=True)
                try:
                    rows = source.execute("SELECT id, read_at, saved_at FROM articles").fetchall()
                    chosen = (
                        source.execute("SELECT name, value FROM preferences").fetchall()
                        if _has_preferences(source)
                        else []
                    )
                finally:
                    source.close()
            except sqlite3.Error as error:
                failed = failed or error
                continue
            connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)
            connection.executemany("INSERT OR REPLACE INTO preferences VALUES (?, ?)", chosen)
            return connection, None
        return connection, failed  # damaged or unreadable: the file stays as it is

    def flush(self) -> None:
        """Wait until every change so far is in the file."""
        self._queue.join()

    def close(self) -> None:
        """Write what is pending and close the file."""
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        with self._db_lock:
            self._connection.close()

    def refresh(self) -> bool:
        """Take in what another reader wrote since the last look; True when anything
        changed. A state file deleted under a running reader is made again with
        what this session knows (`notice` says so)."""
        with self._db_lock:
            if self.saving and self.path is not None and _identity(self.path) != self._file:
                self._remake()
                return False
            (version,) = self._connection.execute("PRAGMA data_version").fetchone()
            if version == self._data_version:
                return False
            with self._lock:
                version_before = self._version
            rows = self._connection.execute("SELECT id, read_at, saved_at FROM articles").fetchall()
            chosen = dict(self._connection.execute("SELECT name, value FROM preferences").fetchall())
        read = {id_ for id_, read_at, _ in rows if read_at is not None}
        saved = {id_ for id_, _, saved_at in rows if saved_at is not None}
        with self._lock:
            if version_before != self._version or self._queue.unfinished_tasks:
                return False  # marked meanwhile, not yet in what was read: look again next time
            self._read, self._saved = read, saved
            self._preferences = chosen
            self._version += 1
            self._data_version = version
        return True

    def _remake(self) -> None:
        with self._lock:
            read, saved = set(self._read), set(self._saved)
            chosen = list(self._preferences.items())
        self._connection.close()
        self._connection = self._open()
        if self.problem is not None:
            self.saving = False
        else:
            self.notice = (
                f"The reading state file {self._name} was gone; it is made again with what this session knows"
            )
        now = time.time()
        rows = [(i, now if i in read else None, now if i in saved else None) for i in read | saved]
        # Another reader may have made the file again first: what it says stays.
        with contextlib.suppress(sqlite3.Error), transaction(self._connection):
            self._connection.executemany(
                "INSERT INTO articles VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " read_at = coalesce(read_at, excluded.read_at), saved_at = coalesce(saved_at, excluded.saved_at)",
                rows,
            )
            self._connection.executemany("INSERT OR IGNORE INTO preferences VALUES (?, ?)", chosen)
        self._data_version = -1  # read it all back next time, with the other reader's rows

    # Asking -------------------------------------------------------------------------

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_saved(self, article_id: str) -> bool:
        return article_id in self._saved

    @property
    def read_ids(self) -> frozenset[str]:
        return frozenset(self._read)

    @property
    def saved_ids(self) -> frozenset[str]:
        return frozenset(self._saved)

    def count_read(self, ids: Iterable[str]) -> int:
        """How many of `ids` are read (an id listed twice counts twice)."""
        return sum(map(self._read.__contains__, ids))

    @property
    def version(self) -> int:
        """Goes up with every change to what is read or saved (here or taken in from
        another reader): what was worked out from an older version is stale."""
        return self._version

    @property
    def saved_count(self) -> int:
        return len(self._saved)

    # Changing (one transaction each, written by the writer thread) --------------------

    def mark_read(self, ids: Iterable[str], read: bool = True) -> None:
        """Mark articles read (or unread again)."""
        ids = list(ids)
        stamp = time.time() if read else None
        with self._lock:
            if read:
                self._read.update(ids)
            else:
                self._read.difference_update(ids)
            self._queue_write(
                (
                    "INSERT INTO articles(id, read_at) VALUES (?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET read_at = excluded.read_at",
                    [(i, stamp) for i in ids],
                )
            )

    def mark_saved(self, article_id: str, saved: bool = True) -> None:
        """Save (bookmark) an article, or unsave it."""
        stamp = time.time() if saved else None
        with self._lock:
            if saved:
                self._saved.add(article_id)
            else:
                self._saved.discard(article_id)
            self._queue_write(
                (
                    "INSERT INTO articles(id, saved_at) VALUES (?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET saved_at = excluded.saved_at",
                    [(article_id, stamp)],
                )
            )

    def move_marks(self, moves: Iterable[tuple[str, str]]) -> None:
        """Carry read and saved marks from one id to another, for each (old id, new
        id): the article's page was changed so that it is known by another id (a
        typo fixed in its headline). A mark the new id has already stays; the old
        id is left with none. One transaction for all of them."""
        moves = [(old, new) for old, new in moves if old != new]
        if not moves:
            return
        with self._lock:
            for old, new in moves:  # in order: a page changed twice in one batch moves twice
                for marked in (self._read, self._saved):
                    if old in marked:
                        marked.discard(old)
                        marked.add(new)
            # From the file's row, not from memory: its times stay, and a mark
            # another reader made a moment ago (not yet taken in) moves too.
            steps: list[tuple[str, list[_Row]]] = []
            for old, new in moves:
                steps += [(_MOVE_MARKS, [(new, old)]), ("DELETE FROM articles WHERE id = ?", [(old,)])]
            self._queue_write(*steps)

    def preference(self, name: str) -> str | None:
        """What the user last chose for `name` in the app (None: never chosen)."""
        return self._preferences.get(name)

    def set_preference(self, name: str, value: str) -> None:
        """Remember the user's choice for `name` (a theme, a pane width)."""
        with self._lock:
            if self._preferences.get(name) == value:
                return
            self._preferences[name] = value
            self._queue_write(
                (
                    "INSERT INTO preferences(name, value) VALUES (?, ?)"
                    " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    [(name, value)],
                )
            )

    def _queue_write(self, *statements: tuple[str, list[_Row]]) -> None:
        self._version += 1
        self._queue.put(statements)

    def _write_queued(self) -> None:
        while True:
            change = self._queue.get()
            try:
                if change is None:
                    return
                with self._db_lock:
                    self._write(change)
            finally:
                self._queue.task_done()

    def _write(self, change: _Change) -> None:
        for attempt in range(self.busy_tries):
            try:
                with transaction(self._connection):
                    for statement, rows in change:
                        self._connection.executemany(statement, rows)
                return
            except sqlite3.Error as error:
                busy = isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
                if busy and attempt + 1 < self.busy_tries:
                    continue  # another reader holds the file: its transactions are short
                if not self.saving:
                    return  # in memory already: nothing more to do
                # The disk filled up, the file went read-only: the session goes on in memory.
                self.saving = False
                self.problem = (
                    f"could not write the reading state file {self._name} ({error}): "
                    "what you read and save now is kept for this session only"
                )
                self._connection.close()
                self._connection = self._in_memory(copy_from=self.path)[0]
                for statement, rows in change:
                    self._connection.executemany(statement, rows)
                return


def _has_preferences(connection: sqlite3.Connection) -> bool:
    """Whether the state file has the preferences table (files from before it have not)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'preferences'")
    return found.fetchone() is not None


def _may_write(folder: Path) -> bool:
    """Whether files may be made in `folder` by the user this process acts as."""
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK, effective_ids=effective)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None
