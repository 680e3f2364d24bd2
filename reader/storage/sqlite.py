"""What the parse cache and the reading state do alike with their SQLite files:
open them, tell whose they are, and change them one transaction at a time."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from stat import S_ISREG

# What each kind of file of ours says it is (PRAGMA application_id, a signed 32-bit
# number in the file's header): the parse cache and the reading state are never
# taken for each other, nor another program's database for either.
CACHE_APPLICATION_ID = 0x52445043  # "RDPC"
STATE_APPLICATION_ID = 0x52445354  # "RDST"
_OUR_FILES = {CACHE_APPLICATION_ID: "a reader parse cache", STATE_APPLICATION_ID: "a reader state file"}
_SQLITE_HEADER = b"SQLite format 3\x00"
# Files made before application ids were stamped have this schema version.
_EARLIER_SCHEMA = 1


class Kind(Enum):
    """What a file is, to the kind of file of ours that would use it."""

    NEW = "new"  # no file, an empty one, or an SQLite file with nothing in it: to be made
    OURS = "ours"  # stamped with this kind's application id
    EARLIER = "earlier"  # this kind, made before application ids: to be stamped
    NOT_OURS = "not ours"  # anything else: never written, never removed
    BUSY = "busy"  # another connection holds it locked: not to be judged (nor removed) now


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


def is_busy(error: sqlite3.Error) -> bool:
    """Whether `error` says another connection holds the file locked (its transaction
    outlasted the wait), rather than that the file is damaged or not a database."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(error)


def kind_of(
    connection: sqlite3.Connection, application_id: int, earlier_tables: Collection[str]
) -> tuple[Kind, str]:
    """What the database open on `connection` is, for the kind of file whose id is
    `application_id` and whose tables before application ids were `earlier_tables`;
    and, when it is not ours, what it is in words."""
    (found,) = connection.execute("PRAGMA application_id").fetchone()
    if found == application_id:
        return Kind.OURS, ""
    if found:
        return Kind.NOT_OURS, _OUR_FILES.get(found, "another program's database")
    things = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    names = {name for kind, name in things if kind == "table"}
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version == 0 and not things:
        return Kind.NEW, ""
    if version == _EARLIER_SCHEMA and names == set(earlier_tables):
        return Kind.EARLIER, ""
    return Kind.NOT_OURS, "another program's database"


def identify(path: Path, application_id: int, earlier_tables: Collection[str]) -> tuple[Kind, str]:
    """What the file at `path` is (see `kind_of`), found without changing it or
    making files beside it. Raises OSError when it cannot be looked at."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Kind.NEW, ""
    if not S_ISREG(info.st_mode):
        return Kind.NOT_OURS, "not a file"
    journals = [f"{path}{suffix}" for suffix in ("-wal", "-journal")]
    journal = any(os.path.exists(name) for name in journals)
    if info.st_size == 0 and not journal:
        return Kind.NEW, ""
    with path.open("rb") as file:
        header = file.read(100)
    if header and not header.startswith(_SQLITE_HEADER):
        return Kind.NOT_OURS, "not an SQLite database"
    if len(header) == 100:
        found = int.from_bytes(header[68:72], "big", signed=True)
        if found == application_id:
            return Kind.OURS, ""
        if found:
            return Kind.NOT_OURS, _OUR_FILES.get(found, "another program's database")
    # No id in the header: another program's database, one of ours from before
    # application ids, or one whose id is still in its WAL file. SQLite tells, read
    # only; with no journal beside the file, as immutable (no lock, no -shm file made).
    uri = path.absolute().as_uri() + ("?mode=ro" if journal else "?mode=ro&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=1.0)
        try:
            return kind_of(connection, application_id, earlier_tables)
        finally:
            connection.close()
    except sqlite3.Error as error:
        if is_busy(error):
            return Kind.BUSY, str(error)
        return Kind.NOT_OURS, f"a damaged database, or none ({error})"


def stamp(connection: sqlite3.Connection, application_id: int) -> None:
    """Mark the file as this kind of file of ours (see `kind_of`)."""
    # A PRAGMA takes no parameters: the int conversion keeps the statement a number.
    connection.execute(f"PRAGMA application_id={int(application_id)}")
