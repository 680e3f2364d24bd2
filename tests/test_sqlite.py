"""The SQLite helpers the parse cache and the reading state share: one transaction
at a time, and a file told apart from another program's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from reader.storage.sqlite import (
    CACHE_APPLICATION_ID,
    STATE_APPLICATION_ID,
    Kind,
    connect,
    identify,
    schema_version,
    set_schema_version,
    transaction,
)


def _numbers(connection: sqlite3.Connection) -> list[int]:
    return [n for (n,) in connection.execute("SELECT n FROM numbers ORDER BY n")]


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(connect(tmp_path / "test.sqlite3", timeout=1)) as connection:
        connection.execute("CREATE TABLE numbers(n INTEGER)")
        yield connection


def test_a_transaction_that_ends_is_kept(connection: sqlite3.Connection) -> None:
    with transaction(connection):
        connection.execute("INSERT INTO numbers VALUES (1)")
        assert connection.in_transaction
    assert not connection.in_transaction
    assert _numbers(connection) == [1]


def test_a_transaction_that_raises_is_undone_and_the_error_goes_on(connection: sqlite3.Connection) -> None:
    with pytest.raises(KeyError), transaction(connection):
        connection.execute("INSERT INTO numbers VALUES (1)")
        raise KeyError("stop")
    assert not connection.in_transaction
    assert _numbers(connection) == []


def test_a_transaction_sqlite_ended_itself_reports_why(connection: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="the reason"), transaction(connection):
        connection.execute("ROLLBACK")  # as SQLite does on a full disk
        raise sqlite3.IntegrityError("the reason")
    assert not connection.in_transaction


def test_a_file_is_new_ours_or_another_programs(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "new.sqlite3", timeout=1)) as new:
        assert schema_version(new) == 0
        set_schema_version(new, 3)
        assert schema_version(new) == 3
    with closing(connect(tmp_path / "foreign.sqlite3", timeout=1)) as foreign:
        foreign.execute("CREATE TABLE accounts(name TEXT)")
        assert schema_version(foreign) is None


def test_files_are_in_wal_mode_unless_asked_not_to_be(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "a.sqlite3", timeout=1)) as wal:
        assert wal.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with closing(connect(tmp_path / "b.sqlite3", timeout=1, wal=False)) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def _database(path: Path, *statements: str, wal: bool = False) -> Path:
    """An SQLite file made by another program (or by hand), closed."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        if wal:
            other.execute("PRAGMA journal_mode=WAL")
        for statement in statements:
            other.execute(statement)
    return path


def test_a_file_is_told_for_what_it_is_without_being_changed(tmp_path: Path) -> None:
    tables = ("pages",)
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("my notes\n")
    files = {
        "missing": (tmp_path / "missing", Kind.NEW),
        "empty": (tmp_path / "empty", Kind.NEW),
        "empty database": (_database(tmp_path / "blank.sqlite3", "VACUUM"), Kind.NEW),
        "ours": (
            _database(tmp_path / "ours.sqlite3", f"PRAGMA application_id={CACHE_APPLICATION_ID}"),
            Kind.OURS,
        ),
        "ours, still in its WAL": (tmp_path / "wal.sqlite3", Kind.OURS),
        "earlier": (
            _database(tmp_path / "old.sqlite3", "CREATE TABLE pages(n)", "PRAGMA user_version=1"),
            Kind.EARLIER,
        ),
        "text": (tmp_path / "notes.txt", Kind.NOT_OURS),
        "folder": (tmp_path, Kind.NOT_OURS),
        "the other kind": (
            _database(
                tmp_path / "state.sqlite3",
                "CREATE TABLE pages(n)",
                f"PRAGMA application_id={STATE_APPLICATION_ID}",
            ),
            Kind.NOT_OURS,
        ),
        "another program's": (_database(tmp_path / "app.sqlite3", "CREATE TABLE pages(n)"), Kind.NOT_OURS),
        "another program's, in WAL mode": (
            _database(
                tmp_path / "app-wal.sqlite3",
                "CREATE TABLE pages(n)",
                "PRAGMA user_version=1",
                "CREATE TABLE x(n)",
                wal=True,
            ),
            Kind.NOT_OURS,
        ),
    }
    # A reader killed before its first checkpoint: the id is in the WAL file only.
    writer = sqlite3.connect(tmp_path / "wal.sqlite3", isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute(f"PRAGMA application_id={CACHE_APPLICATION_ID}")
    try:
        before = sorted(tmp_path.iterdir())
        contents = {name: path.read_bytes() for name, (path, _) in files.items() if path.is_file()}
        found = {name: identify(path, CACHE_APPLICATION_ID, tables)[0] for name, (path, _) in files.items()}
        assert found == {name: kind for name, (_, kind) in files.items()}
        assert {name: path.read_bytes() for name, (path, _) in files.items() if path.is_file()} == contents
        assert sorted(tmp_path.iterdir()) == before  # no -wal or -shm made beside
    finally:
        writer.close()
    assert identify(tmp_path / "state.sqlite3", CACHE_APPLICATION_ID, tables)[1] == "a reader state file"
    assert identify(tmp_path / "notes.txt", CACHE_APPLICATION_ID, tables)[1] == "not an SQLite database"
