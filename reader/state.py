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

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from reader.model import Article
from reader.store import fold

_SCHEMA = 1
_TABLES = """
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY,
    read_at REAL,
    saved_at REAL
) WITHOUT ROWID;
"""


def article_id(article: Article) -> str:
    """The article's stable id: its headline, published date and authors (case and
    accents aside), whatever file it was read from."""
    published = article.published
    when = published.isoformat() if isinstance(published, (datetime, date)) else ""
    parts = [fold(" ".join(article.title.split())), when, *sorted(fold(a) for a in article.authors)]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def default_state_path() -> Path:
    """Where reading state lives: the user's data folder (XDG_DATA_HOME and the like)."""
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "state.sqlite3"


class ReadingState:
    """Read and saved articles by stable id. Safe to use from any thread.

    `saving` is False when changes last only for the session (see `problem`).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.problem: str | None = None
        self._lock = threading.Lock()
        self._connection = self._open()
        self.saving = self.path is not None and self.problem is None
        with self._lock:
            rows = self._connection.execute("SELECT id, read_at, saved_at FROM articles").fetchall()
        self._read = {id_ for id_, read_at, _ in rows if read_at is not None}
        self._saved = {id_ for id_, _, saved_at in rows if saved_at is not None}

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._in_memory()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, check_same_thread=False, timeout=10, isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=WAL")
                (schema,) = connection.execute("PRAGMA user_version").fetchone()
                tables = {n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if schema not in (0, _SCHEMA) or (schema == 0 and tables):
                    raise sqlite3.DatabaseError("not a reader state file")
                connection.executescript(_TABLES)
                connection.execute(f"PRAGMA user_version={_SCHEMA}")
            except BaseException:
                connection.close()
                raise
            return connection
        except (sqlite3.Error, OSError) as error:
            why = "is read-only" if "readonly" in str(error) else f"cannot be used ({error})"
            self.problem = (f"the reading state file {self.path} {why}: what you read and save now "
                            "is kept for this session only")
            return self._in_memory(copy_from=self.path)

    def _in_memory(self, copy_from: Path | None = None) -> sqlite3.Connection:
        connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        connection.executescript(_TABLES)
        if copy_from is not None:  # a read-only file still says what was read before
            try:
                source = sqlite3.connect(f"file:{copy_from}?mode=ro", uri=True)
                try:
                    connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                                           source.execute("SELECT id, read_at, saved_at FROM articles"))
                finally:
                    source.close()
            except sqlite3.Error:
                pass  # damaged or unreadable: start empty, the file stays as it is
        return connection

    def close(self) -> None:
        with self._lock:
            self._connection.close()

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

    # Changing (one transaction each) -------------------------------------------------

    def mark_read(self, ids: Iterable[str], read: bool = True) -> None:
        """Mark articles read (or unread again)."""
        ids = list(ids)
        stamp = time.time() if read else None
        self._write("INSERT INTO articles(id, read_at) VALUES (?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET read_at = excluded.read_at", [(i, stamp) for i in ids])
        if read:
            self._read.update(ids)
        else:
            self._read.difference_update(ids)

    def mark_saved(self, article_id: str, saved: bool = True) -> None:
        """Save (bookmark) an article, or unsave it."""
        stamp = time.time() if saved else None
        self._write("INSERT INTO articles(id, saved_at) VALUES (?, ?)"
                    " ON CONFLICT(id) DO UPDATE SET saved_at = excluded.saved_at", [(article_id, stamp)])
        if saved:
            self._saved.add(article_id)
        else:
            self._saved.discard(article_id)

    def _write(self, statement: str, rows: list[tuple]) -> None:
        with self._lock:
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany(statement, rows)
                self._connection.execute("COMMIT")
            except sqlite3.Error as error:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                if self.saving:  # the disk filled up, the file went read-only: the session goes on in memory
                    self.saving = False
                    self.problem = (f"could not write the reading state file {self.path} ({error}): "
                                    "what you read and save now is kept for this session only")
                    self._connection = self._in_memory(copy_from=self.path)
                    self._connection.executemany(statement, rows)
                else:
                    raise
