"""The SQLite helpers the parse cache and the reading state share: one transaction
at a time, and a file told apart from another program's."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from reader.storage.sqlite import connect, schema_version, set_schema_version, transaction


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
