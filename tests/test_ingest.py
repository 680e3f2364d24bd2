"""Filling the store from files: the first load and changes on disk, batch by batch."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from reader.library.ingest import Ingest, Progress
from reader.library.store import Store
from reader.model import FeedItem
from tests.pages import page_text


class Recorder:
    def __init__(self) -> None:
        self.reports: list[Progress] = []

    def __call__(self, progress: Progress) -> None:
        self.reports.append(progress)

    def last(self) -> Progress:
        return self.reports[-1]

    def take(self) -> list[Progress]:
        reports, self.reports = self.reports, []
        return reports


def write(path: Path, text: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


def titles(store: Store) -> list[str]:
    return [a.title for a in store.articles()]


def setup(tmp_path: Path) -> tuple[Store, Ingest, Recorder]:
    write(tmp_path / "a.txt", page_text("Ferry returns to the island", day=3))
    write(tmp_path / "b.txt", page_text("Bridge reopens after repairs", day=2))
    store, recorder = Store(), Recorder()
    ingest = Ingest(store, recorder)
    ingest.load([str(tmp_path)])
    return store, ingest, recorder


def test_the_first_load_reports_progress_and_ends_done(tmp_path: Path) -> None:
    store, _, recorder = setup(tmp_path)
    assert titles(store) == ["Ferry returns to the island", "Bridge reopens after repairs"]
    reports = recorder.take()
    assert reports[-1] == Progress(files=2, total=None, live=False, done=True)
    assert all(not r.done for r in reports[:-1])


def test_changes_on_disk_add_update_and_remove_pages(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    feed = [("9:40 AM", "Council approves budget for schools"), ("8:15 AM", "Rail strike called off")]
    new = write(tmp_path / "c.txt", page_text("Night trains return", day=4, feed=feed))
    ingest.apply([new], [])
    report = recorder.last()
    assert (report.added, report.updated, report.removed, report.done, report.live) == (
        (new,),
        (),
        (),
        True,
        True,
    )
    assert {item.headline for item in report.new_feed} == {h for _, h in feed}
    assert titles(store)[0] == "Night trains return"

    changed = write(
        tmp_path / "a.txt", page_text("Ferry returns to the island for good", day=3, feed=feed[:1])
    )
    ingest.apply([changed], [])
    report = recorder.last()
    assert (report.added, report.updated, report.new_feed) == ((), (changed,), frozenset())
    assert "Ferry returns to the island for good" in titles(store)

    gone = str(tmp_path / "b.txt")
    os.remove(gone)
    ingest.apply([], [gone])
    assert recorder.last().removed == (gone,)
    assert titles(store) == ["Night trains return", "Ferry returns to the island for good"]


def test_a_touched_file_with_the_same_text_is_no_change(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    path = tmp_path / "a.txt"
    os.utime(path, (1, 1))
    ingest.apply([str(path)], [])
    assert recorder.last() == Progress(files=1, total=1, live=True, done=True)


def test_a_page_that_breaks_keeps_its_last_good_version_and_warns_once(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    path = write(tmp_path / "a.txt", b"\x00\x01binary now")
    ingest.apply([path], [])
    assert recorder.last().kept == (
        f"{path}: binary file (contains NUL bytes); showing the version read before",
    )
    assert recorder.last().failures == ()
    assert store.page(path).article.title == "Ferry returns to the island"
    write(tmp_path / "a.txt", b"")  # fails again, differently: already told
    ingest.apply([path], [])
    assert recorder.last() == Progress(files=1, total=1, live=True, done=True)
    assert store.page(path).article.title == "Ferry returns to the island"
    # Chrome with no article is worse than the version held, too.
    write(tmp_path / "a.txt", "Skip to content\n\nSubscribe\n")
    ingest.apply([path], [])
    assert recorder.last().kept == ()
    # Good again, then broken again: told again.
    write(tmp_path / "a.txt", page_text("Ferry is back", day=3))
    ingest.apply([path], [])
    assert recorder.last().updated == (path,)
    write(tmp_path / "a.txt", "Skip to content\n\nSubscribe\n")
    ingest.apply([path], [])
    assert recorder.last().kept == (
        f"{path}: no article in the new version; showing the version read before",
    )
    assert store.page(path).article.title == "Ferry is back"


def test_a_new_file_that_cannot_be_read_is_a_failure_told_once(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    path = write(tmp_path / "bad.txt", b"")
    ingest.apply([path], [])
    assert [f.error for f in recorder.last().failures] == [f"{path}: empty file"]
    ingest.apply([path], [])
    assert recorder.last().failures == ()
    assert store.page(path) is None


def test_a_folder_moved_in_is_read_and_one_deleted_is_forgotten(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    write(outside / "x.txt", page_text("Moved in one", day=5))
    write(outside / "deeper" / "y.txt", page_text("Moved in two", day=6))
    moved = tmp_path / "moved"
    shutil.move(str(outside), moved)
    recorder.take()
    ingest.apply(
        [str(moved), str(moved / "x.txt")], []
    )  # the folder and a file in it, as a copy reports them
    assert not any(r.updated for r in recorder.reports)
    assert sorted(s for r in recorder.take() for s in r.added) == [
        str(moved / "deeper" / "y.txt"),
        str(moved / "x.txt"),
    ]
    assert titles(store)[:2] == ["Moved in two", "Moved in one"]
    shutil.rmtree(moved)
    ingest.apply([], [str(moved)])
    assert sorted(recorder.last().removed) == [str(moved / "deeper" / "y.txt"), str(moved / "x.txt")]
    assert titles(store) == ["Ferry returns to the island", "Bridge reopens after repairs"]


def test_many_files_come_in_batches_and_a_cancel_stops_at_once(tmp_path: Path) -> None:
    for n in range(450):
        write(tmp_path / "many" / f"{n:04d}.txt", page_text(f"Story number {n}", day=1 + n % 28))
    files = sorted(str(p) for p in (tmp_path / "many").iterdir())
    store, recorder = Store(), Recorder()
    clock = iter(range(10_000)).__next__  # each look at the clock is a second later: report often
    ingest = Ingest(store, recorder, clock=lambda: float(clock()))
    ingest.apply(files, [])  # parsed in a process kept for the next burst
    ingest.close()
    reports = recorder.take()
    assert len(reports) > 2 and reports[-1].done and not any(r.done for r in reports[:-1])
    assert sum(len(r.added) for r in reports) == 450 and len(store) == 450
    assert [r.files for r in reports] == sorted(r.files for r in reports) and reports[-1].files == 450

    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 10

    other = Store()
    cancelling = Ingest(other, recorder, cancelled=cancelled)
    cancelling.apply(files, [])
    cancelling.close()
    assert len(other) < 450 and not any(r.done for r in recorder.take())


def test_new_feed_items_are_only_those_not_shown_before(tmp_path: Path) -> None:
    feed = [("9:40 AM", "Council approves budget for schools"), ("8:15 AM", "Rail strike called off")]
    write(tmp_path / "a.txt", page_text("Ferry returns to the island", feed=feed))
    store, recorder = Store(), Recorder()
    ingest = Ingest(store, recorder)
    ingest.load([str(tmp_path)])
    path = write(
        tmp_path / "b.txt", page_text("Bridge reopens", feed=[("10:05 AM", "Tram line extended"), *feed])
    )
    os.utime(path, (os.stat(tmp_path / "a.txt").st_atime, os.stat(tmp_path / "a.txt").st_mtime))
    ingest.apply([path], [])
    new = recorder.last().new_feed
    assert all(isinstance(item, FeedItem) for item in new)
    assert [item.headline for item in new] == ["Tram line extended"]


def test_a_file_we_never_had_going_away_is_no_change(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    ingest.apply([], [str(tmp_path / "a.txt.swp")])
    assert recorder.take() == []


def test_a_path_that_cannot_be_looked_into_is_a_failure_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    from reader.library.files import LoadFailure, find_page_files

    blocked = tmp_path / "locked" / "page.txt"
    real_is_dir = Path.is_dir

    def is_dir(path: Path) -> bool:
        if path == blocked:
            raise PermissionError(13, "Permission denied")
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    assert list(find_page_files([blocked])) == [
        LoadFailure(str(blocked), f"{blocked}: cannot read (Permission denied)")
    ]


def test_the_kept_version_warning_names_a_hostile_file_without_its_escapes(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    path = write(tmp_path / "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m.txt", page_text("Ferry is back", day=3))
    ingest.apply([path], [])
    write(Path(path), "Skip to content\n\nSubscribe\n")
    ingest.apply([path], [])
    assert recorder.last().kept == (
        f"{tmp_path}/red.txt: no article in the new version; showing the version read before",
    )


def test_a_folder_that_cannot_be_read_is_a_failure_at_start_and_live(tmp_path: Path, monkeypatch) -> None:
    from reader.library.files import LoadFailure
    from tests.test_hostile_input import refuse_to_list

    locked, later = tmp_path / "locked", tmp_path / "later"
    write(locked / "c.txt", page_text("Behind a lock", day=4))
    refuse_to_list(monkeypatch, locked, later)
    store, ingest, recorder = setup(tmp_path)
    told = [f for r in recorder.take() for f in r.failures]
    assert told == [LoadFailure(str(locked), f"{locked}: cannot read the folder (Permission denied)")]
    write(later / "d.txt", page_text("Locked later", day=5))  # a folder moved in
    ingest.apply([str(later)], [])
    assert recorder.last().failures == (
        LoadFailure(str(later), f"{later}: cannot read the folder (Permission denied)"),
    )
    assert titles(store) == ["Ferry returns to the island", "Bridge reopens after repairs"]


def test_a_file_deleted_before_it_is_read_is_let_go_without_a_word(tmp_path: Path) -> None:
    store, ingest, recorder = setup(tmp_path)
    recorder.take()
    path = tmp_path / "a.txt"
    path.unlink()  # settled, then deleted before it was read
    ingest.apply([str(path)], [])
    last = recorder.last()
    assert (last.failures, last.kept, last.removed) == ((), (), (str(path),))
    assert store.page(str(path)) is None
    ingest.apply([], [str(path)])  # the deletion itself, told a moment later
    assert titles(store) == ["Bridge reopens after repairs"]


def test_a_page_deleted_during_the_first_load_is_let_go(tmp_path: Path, monkeypatch) -> None:
    import reader.library.files as files

    store, ingest, recorder = setup(tmp_path)
    write(tmp_path / "a.txt", page_text("Ferry returns to the island again", day=3))  # changed: read again
    real = files.read_page

    def deleted_first(path: Path, max_bytes: int) -> object:
        path.unlink()  # another program, between the listing and the reading
        return real(path, max_bytes)

    monkeypatch.setattr(files, "read_page", deleted_first)
    again = Ingest(store, recorder, cache=ingest.cache)
    recorder.take()
    again.load([str(tmp_path)])
    assert [f for r in recorder.reports for f in r.failures] == []
    assert titles(store) == ["Bridge reopens after repairs"]


def test_a_page_changed_into_another_article_id_is_told_unless_a_copy_keeps_the_old_one(
    tmp_path: Path,
) -> None:
    moves: list[list[tuple[str, str]]] = []
    write(tmp_path / "a.txt", page_text("Ferry retruns to the island", day=3))
    write(tmp_path / "b.txt", page_text("Bridge reopens after repairs", day=2))
    write(tmp_path / "c.txt", page_text("Bridge reopens after repairs", day=2))  # a copy of b
    store = Store()
    ingest = Ingest(store, Recorder(), ids_changed=moves.append)
    ingest.load([str(tmp_path)])
    assert moves == []
    typo, bridge = store.id_of(str(tmp_path / "a.txt")), store.id_of(str(tmp_path / "b.txt"))

    fixed = write(tmp_path / "a.txt", page_text("Ferry returns to the island", day=3))
    ingest.apply([fixed], [])
    assert moves == [[(typo, store.id_of(fixed))]] and typo != store.id_of(fixed)

    moves.clear()
    ingest.apply(
        [write(tmp_path / "a.txt", page_text("Ferry returns to the island", day=3, paragraphs=5))], []
    )
    assert moves == []  # a new paragraph is the same article

    ingest.apply([write(tmp_path / "b.txt", page_text("Bridge reopens after repair", day=2))], [])
    assert moves == []  # c.txt still holds the article: its marks stay with it
    renamed = write(tmp_path / "c.txt", page_text("Bridge reopens after repair", day=2))
    ingest.apply([renamed], [])
    assert moves == [[(bridge, store.id_of(renamed))]]


def test_marks_follow_an_article_whose_headline_was_fixed_while_the_reader_was_away(tmp_path: Path) -> None:
    from reader.storage.cache import PageCache
    from reader.storage.state import ReadingState

    pages, cache_file = tmp_path / "pages", tmp_path / "cache.sqlite3"
    write(pages / "a.txt", page_text("Ferry retruns to the island"))
    state = ReadingState(tmp_path / "state.sqlite3")

    def start() -> Store:
        cache = PageCache(cache_file)
        store = Store(texts=cache)
        Ingest(store, Recorder(), cache=cache, ids_changed=state.move_marks).load([str(pages)])
        cache.close()
        return store

    typo = start().id_of(str(pages / "a.txt"))
    assert typo is not None
    state.mark_read([typo])
    state.mark_saved(typo)
    write(pages / "a.txt", page_text("Ferry returns to the island"))
    fixed = start().id_of(str(pages / "a.txt"))
    assert fixed is not None and fixed != typo
    assert state.is_read(fixed) and state.is_saved(fixed) and not state.is_read(typo)
    state.close()
    again = ReadingState(tmp_path / "state.sqlite3")
    assert again.read_ids == {fixed} and again.saved_ids == {fixed}
