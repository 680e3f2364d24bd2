"""Reading state: stable ids, state that comes back after a restart, a damaged file
left alone, and a reader killed mid-write that corrupts nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from reader.model import Article
from reader.storage.state import ReadingState, article_id

FERRY = Article(
    title="Ferry returns to the island",
    authors=("Ana Ruiz",),
    published=datetime(2024, 3, 3, 20, 15),
    body=("One.",),
    source="/a/ferry.txt",
)


def test_the_id_is_the_article_not_its_file() -> None:
    moved = Article(
        title="FERRY  returns to the ísland",
        authors=("ana ruiz",),
        published=FERRY.published,
        body=("A different body.",),
        source="/elsewhere/renamed.txt",
    )
    assert article_id(moved) == article_id(FERRY)  # renamed, moved or saved twice: one article
    other_day = Article(title=FERRY.title, authors=FERRY.authors, published=datetime(2024, 3, 4, 20, 15))
    other_author = Article(title=FERRY.title, authors=("Li Wei",), published=FERRY.published)
    assert len({article_id(FERRY), article_id(other_day), article_id(other_author)}) == 3


def test_read_and_saved_come_back_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    assert state.saving and state.problem is None
    state.mark_read(["a", "b", "c"])
    state.mark_read(["b"], read=False)
    state.mark_saved("c")
    state.mark_saved("d")
    state.mark_saved("d", saved=False)
    state.close()
    again = ReadingState(path)
    assert again.read_ids == {"a", "c"} and again.saved_ids == {"c"}


def test_a_second_reader_sees_what_the_first_wrote(tmp_path: Path) -> None:
    first = ReadingState(tmp_path / "state.sqlite3")
    second = ReadingState(tmp_path / "state.sqlite3")
    first.mark_read(["a"])
    second.mark_saved("b")
    first.flush()
    second.flush()
    assert ReadingState(tmp_path / "state.sqlite3").read_ids == {"a"}
    assert ReadingState(tmp_path / "state.sqlite3").saved_ids == {"b"}


def test_a_damaged_state_file_is_left_alone_and_the_session_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 40
    path.write_bytes(damaged)
    state = ReadingState(path)
    assert not state.saving and state.problem is not None and str(path) in state.problem
    state.mark_read(["a"])
    assert state.is_read("a")
    assert path.read_bytes() == damaged  # the user's file is never replaced


def test_a_foreign_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE accounts(name TEXT)")
    other.commit()
    other.close()
    state = ReadingState(path)
    assert not state.saving and "cannot be used" in (state.problem or "")
    check = sqlite3.connect(path)
    assert check.execute("SELECT name FROM sqlite_master").fetchall() == [("accounts",)]


def test_a_state_file_opened_read_only_keeps_what_was_read_before(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    before = ReadingState(path)
    before.mark_read(["a"])
    before.close()
    state = ReadingState(path)
    # The file turns read-only under a running reader (a full disk acts the same way).
    state._connection.execute("PRAGMA query_only=ON")
    state.mark_read(["b"])
    state.flush()
    assert not state.saving and "session only" in (state.problem or "")
    assert state.read_ids == {"a", "b"}
    assert ReadingState(path).read_ids == {"a"}


WRITER = """
import sys
from reader.storage.state import ReadingState
state = ReadingState(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    state.mark_read([f"article-{n}-{k}" for k in range(50)])
    state.flush()
    n += 1
"""


def test_a_reader_killed_while_writing_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    writer.kill()  # SIGKILL, mid-transaction more often than not
    writer.wait()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    count = check.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count > 0 and count % 50 == 0  # whole transactions only
    check.close()
    state = ReadingState(path)
    assert state.saving and len(state.read_ids) == count


def test_refresh_takes_in_what_another_reader_wrote(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    mine, other = ReadingState(path), ReadingState(path)
    mine.mark_read(["a"])
    mine.flush()
    assert not mine.refresh()  # its own writes are known already
    assert other.refresh() and other.read_ids == {"a"}
    other.mark_saved("b")
    other.mark_read(["a"], read=False)
    other.flush()
    assert mine.refresh() and mine.read_ids == set() and mine.saved_ids == {"b"}
    assert not mine.refresh()


def test_a_state_file_made_read_only_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    before = ReadingState(path)
    before.mark_read(["a"])
    before.close()
    path.chmod(0o444)  # honoured even by root, whom the permission would not stop
    before = path.read_bytes()
    state = ReadingState(path)
    assert not state.saving and state.problem is not None and "is read-only" in state.problem
    assert state.read_ids == {"a"}
    state.mark_read(["b"])
    assert state.read_ids == {"a", "b"} and path.read_bytes() == before


def test_marking_never_waits_for_another_readers_transaction(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ReadingState, "busy_seconds", 0.1)  # each try waits this long for the other reader
    monkeypatch.setattr(ReadingState, "busy_tries", 20)
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another reader in the middle of a write
    started = time.perf_counter()
    state.mark_read(["a"])
    assert time.perf_counter() - started < 0.05 and state.is_read("a")
    time.sleep(0.5)  # the writer has tried several times, and gone on trying
    other.execute("COMMIT")
    state.flush()
    assert state.saving and state.problem is None
    assert other.execute("SELECT id FROM articles WHERE read_at IS NOT NULL").fetchall() == [("a",)]


@contextmanager
def unable_to_write(folder: Path) -> Iterator[None]:
    """Run the block as someone who may read `folder` but not write in it. Root writes
    anywhere: as root, the block runs as nobody (the effective user only, so that
    the test can be root again after it)."""
    folder.chmod(0o555)
    try:
        if os.geteuid() != 0:
            yield
            return
        try:
            os.seteuid(65534)
        except OSError:
            pytest.skip("cannot stop being root here, and root may write anywhere")
        try:
            yield
        finally:
            os.seteuid(0)
    finally:
        folder.chmod(0o755)


def test_a_state_file_in_a_folder_that_cannot_be_written_is_still_read() -> None:
    # Not under tmp_path: pytest makes its folders for root alone, and the test may be nobody.
    with tempfile.TemporaryDirectory() as top:
        folder = Path(top) / "profile#1"  # '#' would end an SQLite URI's path
        folder.mkdir()
        Path(top).chmod(0o755)
        path = folder / "state.sqlite3"
        before = ReadingState(path)
        before.mark_read(["a"])
        before.mark_saved("b")
        before.close()
        content = path.read_bytes()
        with unable_to_write(folder):
            state = ReadingState(path)
            try:
                assert (state.read_ids, state.saved_ids) == ({"a"}, {"b"})
                assert not state.saving
                assert state.problem == (
                    f"the reading state file {path} is in a folder that cannot be written: "
                    "what you read and save now is kept for this session only"
                )
                state.mark_read(["c"])
                state.flush()
                assert state.read_ids == {"a", "c"}
            finally:
                state.close()
        assert path.read_bytes() == content and sorted(os.listdir(folder)) == ["state.sqlite3"]


def test_a_state_file_that_cannot_be_read_at_all_is_said_so() -> None:
    with tempfile.TemporaryDirectory() as top:
        Path(top).chmod(0o755)
        path = Path(top) / "state.sqlite3"
        before = ReadingState(path)
        before.mark_read(["a"])
        before.close()
        path.chmod(0o600)  # not even to be read by anyone else
        with unable_to_write(Path(top)):
            if os.access(path, os.R_OK, effective_ids=os.access in os.supports_effective_ids):
                pytest.skip("this user may read every file")
            state = ReadingState(path)
            state.close()
        assert state.read_ids == set() and state.problem is not None
        assert state.problem.endswith("; what it holds could not be read (unable to open database file)")


def test_marks_move_to_the_new_id_of_an_article_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = ReadingState(path)
    state.mark_read(["typo", "both", "other"])
    state.mark_saved("typo")
    state.mark_saved("new-both")
    state.flush()
    transactions: list[str] = []
    state._connection.set_trace_callback(
        lambda statement: transactions.append(statement) if statement.startswith("BEGIN") else None
    )
    version = state.version
    state.move_marks([("typo", "fixed"), ("both", "new-both"), ("unknown", "anything"), ("same", "same")])
    # At once in memory (the list shows the new id's marks), then in the file.
    assert state.read_ids == {"fixed", "new-both", "other"} and state.saved_ids == {"fixed", "new-both"}
    assert state.version > version
    state.flush()
    assert len(transactions) == 1
    state.close()
    again = ReadingState(path)
    assert again.read_ids == {"fixed", "new-both", "other"} and again.saved_ids == {"fixed", "new-both"}
    again.close()
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM articles WHERE id IN ('typo', 'both')").fetchone() == (0,)


def test_a_cache_or_another_programs_database_named_for_the_state_is_never_touched(tmp_path: Path) -> None:
    from reader.model import Page
    from reader.storage.cache import FileState, PageCache

    cache = PageCache(tmp_path / "pages.sqlite3")
    cache.put_many([(Page("/a.txt", datetime(2024, 3, 3), FERRY), FileState(1, 1))])
    cache.close()
    other = tmp_path / "accounts.sqlite3"
    with closing(sqlite3.connect(other, isolation_level=None)) as program:
        program.execute("CREATE TABLE articles(id TEXT PRIMARY KEY, read_at REAL, saved_at REAL)")
        program.execute("INSERT INTO articles VALUES ('x', 1, NULL)")  # like ours, but no reader's
    for path, what in (
        (tmp_path / "pages.sqlite3", "a reader parse cache"),
        (other, "another program's database"),
    ):
        before, beside = path.read_bytes(), sorted(tmp_path.iterdir())
        state = ReadingState(path)
        assert not state.saving and state.problem is not None and str(path) in state.problem
        assert what in state.problem and "left as it is" in state.problem
        assert state.read_ids == set()  # nothing of its rows taken for marks
        state.mark_read(["a"])
        state.close()
        assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == beside


def test_a_state_file_from_before_application_ids_is_kept_and_stamped(tmp_path: Path) -> None:
    from reader.storage.sqlite import STATE_APPLICATION_ID

    path = tmp_path / "state.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as earlier:  # as earlier versions made it
        earlier.execute(
            "CREATE TABLE articles(id TEXT PRIMARY KEY, read_at REAL, saved_at REAL) WITHOUT ROWID"
        )
        earlier.execute("PRAGMA user_version=1")
        earlier.execute("INSERT INTO articles VALUES ('a', 1, NULL), ('b', NULL, 2)")
    state = ReadingState(path)
    assert state.saving and state.problem is None
    assert state.read_ids == {"a"} and state.saved_ids == {"b"}
    state.close()
    with closing(sqlite3.connect(path)) as check:
        assert check.execute("PRAGMA application_id").fetchone()[0] == STATE_APPLICATION_ID


def test_what_the_user_chose_comes_back_and_files_from_before_it_gain_its_table(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as earlier:  # a file with no preferences
        ReadingState(path).close()
        earlier.execute("DROP TABLE preferences")
    state = ReadingState(path)
    assert state.saving and state.preference("theme") is None
    state.set_preference("theme", "nord")
    state.set_preference("sort", "title")
    state.set_preference("theme", "gruvbox")
    state.mark_read(["a"])
    state.close()
    again = ReadingState(path)
    assert (again.preference("theme"), again.preference("sort")) == ("gruvbox", "title")
    assert again.read_ids == {"a"}
    again.close()
    path.chmod(0o444)  # read-only: what was chosen is still read, and a new choice lasts the session
    frozen = ReadingState(path)
    assert not frozen.saving and frozen.preference("theme") == "gruvbox"
    frozen.set_preference("theme", "nord")
    assert frozen.preference("theme") == "nord"
    frozen.close()
    path.chmod(0o644)
    assert ReadingState(path).preference("theme") == "gruvbox"
