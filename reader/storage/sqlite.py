"""What the parse cache and the reading state do alike with their SQLite files:
open them, tell whose they are, and change them one transaction at a time."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


def connect(target: str | os.PathLike[str], *, timeout: float, wal: bool = True) -> sqlite3.Connection:
    """A connection to the file `target` that any thread may use, in autocommit mode:
    changes that must land together are put in a `transaction`.

    `wal` puts the file in WAL mode, so one reader may write while another reads;
    the mode is kept in the file, so a second connection to it need not ask again.
    `timeout` is how long a statement waits for another connection's write.
    """
    connection = sqlite3.connect(target, check_same_thread=False, timeout=timeout, isolation_level=None)
    try:
        if wal:
            connection.execute("PRAGMA journal_mode=WAL")
        # A commit reaches the WAL file before it returns: a reader killed after it
        # keeps it. (Only a power cut may lose the last commits; nothing corrupts.)
        connection.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        connection.close()
        raise
    return connection


def connect_in_memory() -> sqlite3.Connection:
    """A database of its own in memory, for when the file cannot be used; every
    connection to ":memory:" is a different one, so share this one."""
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


def schema_version(connection: sqlite3.Connection) -> int | None:
    """The schema version the file says it has (its `user_version`): 0 for a new,
    empty file, None for one that holds something but has no version (another
    program's file, never to be taken for ours)."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version == 0 and connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
        return None
    return int(version)


def set_schema_version(connection: sqlite3.Connection, version: int) -> None:
    """Mark the file as made with schema `version` (see `schema_version`)."""
    # A PRAGMA takes no parameters: the int conversion keeps the statement a number.
    connection.execute(f"PRAGMA user_version={int(version)}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one write transaction: committed when it ends, rolled back
    when it raises (and the exception goes on).

    The write lock is taken at the start (IMMEDIATE), so a second reader's write
    waits here rather than failing half way through this one.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        # SQLite may have ended the transaction itself (a full disk, an I/O error):
        # then there is nothing to roll back, and the error that ended it is the news.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
