"""The parse cache: pages already parsed, kept in SQLite so a start re-parses nothing.

A page is kept with the size and mtime of the file it was read from, and used again
only while the file still has both. Bodies and feed items live here, not in memory:
the store holds what the list and search need, and a body is read back when its
article is opened, feed items when they are drawn or searched.
An FTS5 index over headlines and bodies answers full-text search.

The file is the user's cache: losing it costs one slow start, nothing more. So a
cache that is corrupt, from another parser or cannot be opened is made again, or
replaced by one in memory, and never stops the reader. It says what it is (its
application id): a file the user names that is not a cache (notes, the reading
state, another program's database) is never written or removed, and the reader
keeps its cache in memory instead. Two readers may share it: SQLite's WAL lets one
write while the other reads, and a cache the other holds locked is never removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from reader.model import FeedItem, Page
from reader.order import article_order
from reader.paths import folder_prefix, shown_path
from reader.storage.codec import decode, encode, feed_items, paragraphs
from reader.storage.sqlite import (
    CACHE_APPLICATION_ID,
    Kind,
    connect,
    connect_in_memory,
    identify,
    is_busy,
    kind_of,
    schema_version,
    set_schema_version,
    stamp,
    transaction,
)
from reader.text import PageKeys, fold

# 2: each page's place in the list (`article_order`), so a start shows the top first;
# 3: the feed and its search text in columns of their own, so a start reads neither
_SCHEMA = 3
# What decides what a page parses to (and its folded keys and id), and how it is
# kept here: any change to these makes every cached page stale. This file's tables
# are not among them (they have a schema version), nor the store's and search's
# code: changing those keeps every user's cache.
_PARSE_PACKAGE = "reader.parse"
_PARSER_FILES = ("text.py", "paths.py", "model.py", "storage/codec.py")
# What decides each page's place in the list: when it changes, the places are
# worked out again from the pages kept (none is parsed again).
_ORDER_FILE = "order.py"
# How long a statement waits for another reader's write before it gives up.
_BUSY_SECONDS = 10
# Feed snapshots kept, one for each of the last sets of folders opened.
_SNAPSHOTS_KEPT = 4
# Rows are fetched in runs: a short first one, so the first pages can be shown early.
FIRST_ROWS = 256
FETCH_ROWS = 8192

# The tables of a cache made before application ids (FTS5 keeps its index in four).
_EARLIER_TABLES = frozenset(
    [
        "meta",
        "pages",
        "text_index",
        "text_index_data",
        "text_index_idx",
        "text_index_docsize",
        "text_index_config",
    ]
)
_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest BLOB NOT NULL,
    page BLOB NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    rank INTEGER NOT NULL DEFAULT 1,
    place REAL NOT NULL DEFAULT 0,
    feed BLOB NOT NULL DEFAULT x'',
    feed_search TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS pages_in_order ON pages(rank, place, source);
CREATE TABLE IF NOT EXISTS feed_snapshots(roots TEXT PRIMARY KEY, generation INTEGER NOT NULL, feed BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS text_index USING fts5(
    title, body, content='pages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS pages_added AFTER INSERT ON pages BEGIN
    INSERT INTO text_index(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS pages_removed AFTER DELETE ON pages BEGIN
    INSERT INTO text_index(text_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER IF NOT EXISTS pages_changed AFTER UPDATE OF title, body ON pages BEGIN
    INSERT INTO text_index(text_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO text_index(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
"""


def parser_version() -> str:
    """A digest of the parser's code and data: cached pages from other code are stale."""
    digest = hashlib.blake2b(digest_size=8)
    parse = files(_PARSE_PACKAGE)
    for entry in sorted(parse.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith((".py", ".toml", ".json")):  # code, phrase lists, model weights
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    package = files("reader")
    for name in _PARSER_FILES:
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()


class _NotOurs(sqlite3.DatabaseError):
    """The file is not a reader cache (the message says what it is)."""


def storable(source: str) -> bool:
    """Whether the cache can keep the page read from `source`. A file name with
    bytes that are not UTF-8 (Python holds them as surrogates) cannot be given to
    SQLite: such a page stays whole in memory, and is parsed again on every start."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def default_cache_path() -> Path:
    """Where the cache lives: the user's cache folder (XDG_CACHE_HOME and the like)."""
    from platformdirs import user_cache_path  # only the app needs it

    return user_cache_path("reader", appauthor=False) / "pages.sqlite3"


@dataclass(frozen=True, slots=True)
class FileState:
    """What a file was like when its page was cached."""

    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A page as the cache gives it back: without its body, with its search keys."""

    page: Page
    keys: PageKeys
    state: FileState
    digest: bytes
    row: int  # its row in the cache (what full-text search and a feed snapshot name it by)


@dataclass(frozen=True, slots=True)
class FeedSnapshot:
    """The merged News Feed of the pages under some roots, as a store left it
    (`MergedFeed.snapshot`), and the cache's generation it was made at: good as long
    as no page has been put in the cache or taken out since."""

    generation: int
    feed: bytes


class PageCache:
    """Parsed pages by source file. Every method is safe to call from any thread.

    `problem` says why the cache is not the file asked for (it could not be opened
    or made, so this one is in memory and forgotten on exit), or is None.

    `remake`: whether a file at `path` that is not a reader cache, or is damaged,
    may be removed and made again. True for the cache in the reader's own folder;
    False for a file the user named, which is then left as it is (unless it is a
    reader cache already: only a cache, it may be made again when damaged).
    A cache another reader holds locked is never removed.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, remake: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.problem: str | None = None
        self._remake = remake
        self._version = parser_version()
        self._lock = threading.Lock()  # the writing connection
        self._read_lock = threading.Lock()
        self._write, self._read = self._open()

    # Opening ----------------------------------------------------------------------

    def _open(self) -> tuple[sqlite3.Connection, sqlite3.Connection]:
        if self.path is None:
            return self._in_memory()
        name = shown_path(self.path)
        try:
            kind, what = identify(self.path, CACHE_APPLICATION_ID, _EARLIER_TABLES)
        except OSError as error:
            if not (self._remake and self.path.is_file()):
                return self._instead(f"cannot use the page cache {name} ({error.strerror or error})")
            kind, what = Kind.NOT_OURS, "unreadable"  # in the reader's own folder: made again
        if kind is Kind.BUSY:
            return self._instead(f"the page cache {name} is held by another reader ({what})")
        if kind is Kind.NOT_OURS and not (self._remake and self.path.is_file()):
            return self._refused(what)
        try:
            if kind is Kind.NOT_OURS:
                self._remove_files()  # in the reader's own folder: ours to make again
            return self._open_file()
        except _NotOurs as error:  # it changed after it was looked at
            if not self._remake:
                return self._refused(str(error))
            first: Exception = error
        except (sqlite3.Error, OSError) as error:
            if isinstance(error, sqlite3.Error) and is_busy(error):
                return self._instead(f"the page cache {name} is held by another reader ({error})")
            first = error
        # A cache of ours, damaged (or of another schema): it is only a cache, so it
        # is made again.
        try:
            self._remove_files()
            return self._open_file()
        except (sqlite3.Error, OSError) as error:
            return self._instead(f"cannot use the page cache {name} ({error or first})")

    def _refused(self, what: str) -> tuple[sqlite3.Connection, sqlite3.Connection]:
        assert self.path is not None
        return self._instead(
            f"not using {shown_path(self.path)} as the page cache: it is {what}, not a reader cache,"
            " and is left as it is"
        )

    def _instead(self, problem: str) -> tuple[sqlite3.Connection, sqlite3.Connection]:
        """A cache in memory in place of the file, and why."""
        self.problem = f"{problem}; pages are kept in memory for this session"
        return self._in_memory()

    def _open_file(self) -> tuple[sqlite3.Connection, sqlite3.Connection]:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write = connect(self.path, timeout=_BUSY_SECONDS)
        try:
            self._prepare(write)
            read = connect(self.path, timeout=_BUSY_SECONDS, wal=False)
        except BaseException:
            write.close()
            raise
        return write, read

    def _in_memory(self) -> tuple[sqlite3.Connection, sqlite3.Connection]:
        # One connection for reading and writing: a second would be another database.
        connection = connect_in_memory()
        self._prepare(connection)
        self._read_lock = self._lock
        return connection, connection

    def _prepare(self, connection: sqlite3.Connection) -> None:
        """Make the tables in a new file, or check it is a cache of ours; pages from
        another parser go. A cache that needs none of this is not written to: a
        second reader starting beside one that is writing never waits for it."""
        kind, what = kind_of(connection, CACHE_APPLICATION_ID, _EARLIER_TABLES)
        if kind is Kind.NOT_OURS:
            raise _NotOurs(what)
        if kind is Kind.NEW:
            # In one transaction: a file left with tables but no id would be no cache.
            try:
                connection.executescript(
                    f"BEGIN IMMEDIATE;{_TABLES}"
                    f"PRAGMA application_id={CACHE_APPLICATION_ID};PRAGMA user_version={_SCHEMA};COMMIT;"
                )
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        elif kind is Kind.EARLIER:
            stamp(connection, CACHE_APPLICATION_ID)
        version = schema_version(connection)
        if version == 1:
            _add_place_columns(connection)
            version = 2
        if version == 2:
            _add_feed_columns(connection)
        elif version != _SCHEMA:
            raise sqlite3.DatabaseError(f"a reader cache of schema {version}")
        if _meta(connection, "parser") != self._version:
            with transaction(connection):
                connection.execute("DELETE FROM pages")
                _bump_generation(connection)
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (self._version,))
        order = _digest_of(files("reader").joinpath(_ORDER_FILE).read_bytes())
        if _meta(connection, "order") != order:
            _place_pages(connection, order)

    def _remove_files(self) -> None:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def close(self) -> None:
        with self._lock:
            self._write.close()
        if self._read is not self._write:
            with self._read_lock:
                self._read.close()

    # Pages ------------------------------------------------------------------------

    def pages_under(self, roots: Sequence[str]) -> Iterator[list[CachedPage]]:
        """The cached pages of files that are `roots` or lie inside them, in runs, in
        the order of the article list (`article_order`): the first run is the top of
        the list, and no later run holds a page that goes above it."""
        where, arguments = _under(roots)
        if not where:
            return
        # The index gives the rows in order as they are read: sorting them all first
        # would keep the first run waiting for the last row.
        with self._read_lock:
            cursor = self._read.execute(
                "SELECT id, source, size, mtime_ns, digest, page FROM pages INDEXED BY pages_in_order"
                f" WHERE {where} ORDER BY rank, place, source",
                arguments,
            )
            rows = cursor.fetchmany(FIRST_ROWS)
        while rows:
            yield [_cached(*row) for row in rows]
            with self._read_lock:
                rows = cursor.fetchmany(FETCH_ROWS)

    def put_many(self, pages: Iterable[tuple[Page, FileState]]) -> dict[str, tuple[bytes, PageKeys]]:
        """Keep these pages (bodies and all); returns each one's digest and store keys
        by source (worked out to encode it: the store need not fold it again). Pages
        whose source is not `storable` must not be among them."""
        rows = []
        digests: dict[str, tuple[bytes, PageKeys]] = {}
        for page, state in pages:
            kept = encode(page)
            digests[page.source] = (kept.digest, kept.keys)
            rank, place, _, _ = article_order(page)
            rows.append(
                (
                    page.source,
                    state.size,
                    state.mtime_ns,
                    kept.digest,
                    kept.blob,
                    kept.title,
                    kept.body,
                    rank,
                    place,
                    kept.feed,
                    kept.feed_search,
                )
            )
        if rows:
            with self._lock, transaction(self._write):
                self._write.executemany(
                    "INSERT INTO pages(source, size, mtime_ns, digest, page, title, body, rank, place,"
                    " feed, feed_search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source)"
                    " DO UPDATE SET size=excluded.size, mtime_ns=excluded.mtime_ns,"
                    " digest=excluded.digest, page=excluded.page, title=excluded.title,"
                    " body=excluded.body, rank=excluded.rank, place=excluded.place,"
                    " feed=excluded.feed, feed_search=excluded.feed_search",
                    rows,
                )
                _bump_generation(self._write)
        return digests

    def remove_many(self, sources: Iterable[str]) -> None:
        """Forget the pages of these files."""
        rows = [(source,) for source in sources if storable(source)]
        if not rows:
            return
        with self._lock, transaction(self._write):
            self._write.executemany("DELETE FROM pages WHERE source = ?", rows)
            _bump_generation(self._write)

    # The feed's snapshot ---------------------------------------------------------

    def feed_snapshot(self, roots: Sequence[str]) -> FeedSnapshot | None:
        """The feed snapshot kept for these roots, if it is still good."""
        with self._read_lock:  # a change in between only makes the snapshot look stale
            row = self._read.execute(
                "SELECT generation, feed FROM feed_snapshots WHERE roots = ?", (_roots_key(roots),)
            ).fetchone()
            generation = _generation(self._read)
        if row is None or row[0] != generation:
            return None
        return FeedSnapshot(row[0], row[1])

    def generation(self) -> int:
        """How many changes the pages kept have seen (compare with a snapshot's)."""
        with self._read_lock:
            return _generation(self._read)

    def keep_feed_snapshot(self, roots: Sequence[str], snapshot: FeedSnapshot) -> None:
        """Keep `snapshot` for these roots (one per set of roots), unless the pages
        changed since it was made."""
        with self._lock, transaction(self._write):
            if _generation(self._write) == snapshot.generation:
                self._write.execute("DELETE FROM feed_snapshots WHERE roots = ?", (_roots_key(roots),))
                self._write.execute(
                    "INSERT INTO feed_snapshots VALUES (?, ?, ?)",
                    (_roots_key(roots), snapshot.generation, snapshot.feed),
                )
                # Each is a few MB at 100k pages: only the last few sets of folders opened keep one.
                self._write.execute(
                    "DELETE FROM feed_snapshots WHERE rowid NOT IN"
                    " (SELECT rowid FROM feed_snapshots ORDER BY rowid DESC LIMIT ?)",
                    (_SNAPSHOTS_KEPT,),
                )

    def body(self, source: str) -> tuple[str, ...] | None:
        """The paragraphs of the article read from `source`, if it is cached."""
        body = self._column("body", source)
        return None if body is None else paragraphs(body)

    def feed(self, source: str) -> tuple[FeedItem, ...] | None:
        """The feed items of the page read from `source`, if it is cached."""
        feed = self._column("feed", source)
        return None if feed is None else feed_items(feed)

    def _column(self, column: Literal["body", "feed"], source: str) -> Any:
        """What the page read from `source` has in `column`, or None: not cached."""
        if not storable(source):
            return None
        with self._read_lock:
            row = self._read.execute(f"SELECT {column} FROM pages WHERE source = ?", (source,)).fetchone()
        return None if row is None else row[0]

    def search_feed(
        self, terms: Sequence[str], cancelled: Callable[[], bool]
    ) -> Iterator[list[tuple[str, str]]]:
        """The source and feed search text (`Encoded.feed_search`) of each cached page
        whose feed holds every one of the folded `terms` (not always in one item:
        the caller tells which items match), in runs. Stops soon after `cancelled()`
        turns true."""
        if not terms:
            return
        where = " AND ".join(["instr(feed_search, ?)"] * len(terms))
        # SQLite asks the handler every so many steps: a search given up stops there.
        handler = lambda: int(cancelled())  # noqa: E731
        cursor: sqlite3.Cursor | None = None
        try:
            while True:
                with self._read_lock:
                    self._read.set_progress_handler(handler, 10_000)
                    try:
                        if cursor is None:
                            cursor = self._read.execute(
                                f"SELECT source, feed_search FROM pages WHERE {where}", tuple(terms)
                            )
                        rows = cursor.fetchmany(FIRST_ROWS)
                    except sqlite3.OperationalError:
                        if cancelled():  # interrupted
                            return
                        raise
                    finally:
                        self._read.set_progress_handler(None, 0)
                if not rows:
                    return
                yield rows
        finally:
            if cursor is not None:
                with self._read_lock:
                    cursor.close()

    def search_rows(self, query: str) -> set[int] | None:
        """The rows of the pages whose headline or body holds every word of `query`
        (a word typed last may be the start of a longer one), or None for a query
        with no words. Rows, not sources: at 100k hits, reading their sources cost
        three times as much as finding them."""
        expression = match_expression(query)
        if expression is None:
            return None
        # One JSON array, read at C speed: 100k rows one by one cost twice as much.
        with self._read_lock:
            (found,) = self._read.execute(
                "SELECT json_group_array(rowid) FROM text_index WHERE text_index MATCH ?", (expression,)
            ).fetchone()
        return set(json.loads(found))

    def rows_of(self, sources: Sequence[str]) -> dict[str, int]:
        """The row of each of these pages that the cache holds, by source."""
        wanted = [source for source in sources if storable(source)]
        if not wanted:
            return {}
        with self._read_lock:
            return dict(
                self._read.execute(
                    "SELECT source, id FROM pages WHERE source IN (SELECT value FROM json_each(?))",
                    (json.dumps(wanted),),
                )
            )


def _under(roots: Sequence[str]) -> tuple[str, list[str]]:
    """An SQL condition (and its arguments) for the pages of files that are `roots`
    or lie inside them ("" when none could be kept)."""
    where: list[str] = []
    arguments: list[str] = []
    for root in sorted(set(filter(storable, roots))):  # nothing under the others could be kept
        prefix = folder_prefix(root)
        # Sources inside the folder sort between "root/" and "root0" ('0' follows '/').
        where.append("source = ? OR (source >= ? AND source < ?)")
        arguments += [root, prefix, prefix[:-1] + chr(ord(os.sep) + 1)]
    return " OR ".join(where), arguments


def _roots_key(roots: Sequence[str]) -> str:
    return "\0".join(sorted(set(roots)))


def _bump_generation(connection: sqlite3.Connection) -> None:
    """Count a change to the pages kept (in the transaction that makes it)."""
    connection.execute(
        "INSERT INTO meta VALUES ('generation', '1')"
        " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _generation(connection: sqlite3.Connection) -> int:
    return int(_meta(connection, "generation") or 0)


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _add_place_columns(connection: sqlite3.Connection) -> None:
    """Bring a cache of schema 1 to this one: pages get their places in the list
    (worked out next, by `_place_pages`)."""
    with transaction(connection):
        connection.execute("ALTER TABLE pages ADD COLUMN rank INTEGER NOT NULL DEFAULT 1")
        connection.execute("ALTER TABLE pages ADD COLUMN place REAL NOT NULL DEFAULT 0")
        connection.execute("CREATE INDEX pages_in_order ON pages(rank, place, source)")
        connection.execute("DELETE FROM meta WHERE key = 'order'")
        set_schema_version(connection, 2)


def _add_feed_columns(connection: sqlite3.Connection) -> None:
    """Bring a cache of schema 2 to this one. (Its pages kept their feed inside, with
    another codec: they have another parser version, and go.)"""
    with transaction(connection):
        connection.execute("ALTER TABLE pages ADD COLUMN feed BLOB NOT NULL DEFAULT x''")
        connection.execute("ALTER TABLE pages ADD COLUMN feed_search TEXT NOT NULL DEFAULT ''")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS feed_snapshots("
            "roots TEXT PRIMARY KEY, generation INTEGER NOT NULL, feed BLOB NOT NULL)"
        )
        set_schema_version(connection, _SCHEMA)


def _place_pages(connection: sqlite3.Connection, order: str) -> None:
    """Work out every cached page's place in the list again (the rules of `order`
    changed), from what the cache holds of it."""
    with transaction(connection):
        places = [
            (*article_order(decode(source, blob)[0])[:2], id_)
            for id_, source, blob in connection.execute("SELECT id, source, page FROM pages")
        ]
        connection.executemany("UPDATE pages SET rank = ?, place = ? WHERE id = ?", places)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('order', ?)", (order,))


_WORD = re.compile(r"\w+")


def match_expression(query: str) -> str | None:
    """An FTS5 query for the words of `query`: each word must occur, the last may be
    a prefix (the user is still typing it). Page text never becomes FTS syntax."""
    words = _WORD.findall(fold(query))
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _cached(row: int, source: str, size: int, mtime_ns: int, digest: bytes, blob: bytes) -> CachedPage:
    page, keys = decode(source, blob)
    return CachedPage(page, keys, FileState(size, mtime_ns), digest, row)
