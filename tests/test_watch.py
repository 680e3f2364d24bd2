"""Following folders: the settler's timing with fake clocks, and the real watcher."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.library.watch import PageWatcher, Settler, expand_folders


class FakeDisk:
    """Files as (size, mtime) the settler can stat, and clocks that move on command."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, float]] = {}
        self.now = 1000.0  # monotonic
        self.wall = 5000.0

    def write(self, path: str, size: int) -> None:
        self.files[path] = (size, self.wall)

    def stat(self, path: str) -> SimpleNamespace:
        if path not in self.files:
            raise FileNotFoundError(path)
        size, mtime = self.files[path]
        return SimpleNamespace(st_size=size, st_mtime=mtime, st_mtime_ns=int(mtime * 1e9), st_mode=0o100644)

    def wait(self, seconds: float) -> None:
        self.now += seconds
        self.wall += seconds

    def settler(self, **options) -> Settler:
        return Settler(0.25, clock=lambda: self.now, wall_clock=lambda: self.wall, stat=self.stat, **options)


def test_a_file_being_written_waits_until_it_stops_changing() -> None:
    disk = FakeDisk()
    settler = disk.settler()
    disk.write("a.txt", 100)
    settler.note(["a.txt"])
    assert settler.take_ready() == ([], [])
    for size in (200, 300, 400):  # still growing every 0.1 s
        disk.wait(0.1)
        disk.write("a.txt", size)
        settler.note(["a.txt"])
        assert settler.take_ready() == ([], [])
    disk.wait(0.1)
    assert settler.take_ready() == ([], [])  # unchanged for 0.1 s only
    disk.wait(0.16)
    assert settler.take_ready() == (["a.txt"], [])
    assert len(settler) == 0 and settler.take_ready() == ([], [])


def test_a_file_written_long_ago_is_ready_at_once_and_a_missing_one_is_gone() -> None:
    disk = FakeDisk()
    disk.write("moved-in.txt", 100)  # mv keeps the old modification time
    disk.write("other.txt", 100)
    disk.wait(60)
    settler = disk.settler()
    settler.note(["moved-in.txt", "deleted.txt"])
    assert settler.take_ready() == ([], ["deleted.txt"])  # changes may still be coming
    disk.wait(0.15)
    assert settler.take_ready() == (["moved-in.txt"], [])


def test_settled_files_are_held_while_a_burst_goes_on_then_read_together() -> None:
    disk = FakeDisk()
    settler = disk.settler()
    names = [f"{n:02d}.txt" for n in range(30)]
    released = []
    for n, name in enumerate(names):  # a slow copy: one more file every 0.05 s, each written long ago
        disk.files[name] = (100, disk.wall - 60)
        settler.note([name])
        ready, _ = settler.take_ready()
        if ready:
            released.append((n, ready))
        disk.wait(0.05)
    # Held for a second, then read together though the copy goes on; the rest once it stops.
    assert len(released) == 1
    n, ready = released[0]
    assert 19 <= n <= 21 and ready == names[: n + 1]
    disk.wait(0.15)
    assert settler.take_ready() == (names[n + 1 :], [])
    # A quiet moment releases what has settled at once.
    disk.files["late.txt"] = (100, disk.wall - 60)
    settler.note(["late.txt"])
    assert settler.take_ready() == ([], [])
    disk.wait(0.15)
    assert settler.take_ready() == (["late.txt"], [])


def test_a_big_enough_batch_is_read_without_waiting_for_the_burst_to_end() -> None:
    disk = FakeDisk()
    settler = disk.settler(max_batch=10)
    names = [f"{n:02d}.txt" for n in range(10)]
    for name in names:
        disk.files[name] = (100, disk.wall - 60)
    settler.note(names)
    assert settler.take_ready() == (names, [])


def test_a_file_with_a_modification_time_in_the_future_still_settles_by_our_clock() -> None:
    disk = FakeDisk()
    disk.files["skewed.txt"] = (100, disk.wall + 3600)  # a network disk's clock an hour ahead
    settler = disk.settler()
    settler.note(["skewed.txt"])
    assert settler.take_ready() == ([], [])
    disk.wait(0.3)
    assert settler.take_ready() == (["skewed.txt"], [])


def test_a_file_deleted_while_waiting_is_gone_not_read() -> None:
    disk = FakeDisk()
    settler = disk.settler()
    disk.write("a.txt", 10)
    settler.note(["a.txt"])
    settler.take_ready()
    del disk.files["a.txt"]
    assert settler.take_ready() == ([], ["a.txt"])


def test_expand_folders_lists_the_pages_inside(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("sub/a.txt", "sub/deeper/b.txt", "sub/.hidden.txt", "sub/notes.md"):
        (tmp_path / name).write_text("x")
    single = tmp_path / "c.txt"
    single.write_text("x")
    assert expand_folders([str(tmp_path / "sub"), str(single)]) == [
        str(tmp_path / "sub" / "a.txt"),
        str(tmp_path / "sub" / "deeper" / "b.txt"),
        str(single),
    ]


def collect(watcher: PageWatcher, stop: threading.Event, until: set[str], seconds: float = 5.0) -> set[str]:
    """Changed paths the watcher reports until all of `until` are among them."""
    seen: set[str] = set()
    deadline = time.monotonic() + seconds
    for changed in watcher.changes(stop):
        seen |= changed
        if until <= seen or time.monotonic() > deadline:
            break
    return seen


def test_the_watcher_reports_pages_folders_and_deletions_but_not_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "old.txt").write_text("x")
    stop = threading.Event()
    watcher = PageWatcher([folder])
    watcher.start(stop)
    try:
        (folder / "new.txt").write_text("x")
        (folder / "notes.md").write_text("x")
        (folder / ".partial.txt").write_text("x")
        (folder / ".cache").mkdir()
        (folder / ".cache" / "copy.txt").write_text("x")
        (folder / "old.txt").unlink()
        (folder / "sub").mkdir()
        (folder / "sub" / "deep.txt").write_text("x")
        want = {str(folder / "new.txt"), str(folder / "old.txt"), str(folder / "sub")}
        seen = collect(watcher, stop, want)
        # The new folder is reported (its files are read from it): a file written in
        # it at once may come before the system watches it, and is not always reported.
        assert want <= seen
        assert (
            not {
                str(folder / "notes.md"),
                str(folder / ".partial.txt"),
                str(folder / ".cache" / "copy.txt"),
                str(folder / ".cache"),
            }
            & seen
        )
    finally:
        stop.set()


def test_a_named_file_is_followed_through_its_folder_even_when_replaced(tmp_path: Path) -> None:
    named = tmp_path / "page.txt"
    named.write_text("first")
    (tmp_path / "neighbour.txt").write_text("x")
    stop = threading.Event()
    watcher = PageWatcher([named])
    watcher.start(stop)
    try:
        replacement = tmp_path / "page.txt.tmp"
        replacement.write_text("second")
        os.replace(replacement, named)  # how editors and careful scripts save
        (tmp_path / "neighbour.txt").write_text("changed")
        seen = collect(watcher, stop, {str(named)})
        assert seen == {str(named)}
    finally:
        stop.set()


def test_the_watcher_stops_when_told(tmp_path: Path) -> None:
    stop = threading.Event()
    watcher = PageWatcher([tmp_path])
    watcher.start(stop)
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    for _ in watcher.changes(stop):
        pass
    for thread in watcher._threads:
        thread.join(timeout=2)
        assert not thread.is_alive()
    assert time.monotonic() - started < 2


def test_a_folder_that_appears_stands_for_its_pages_each_settling_on_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    old, fresh = folder / "old.txt", folder / "fresh.txt"
    old.write_text("x")
    fresh.write_text("x")
    (folder / "notes.md").write_text("x")
    os.utime(old, (time.time() - 600, time.time() - 600))
    os.utime(fresh, (time.time() + 60, time.time() + 60))  # only our clock can settle it
    os.utime(folder, (time.time() - 600, time.time() - 600))
    now = [100.0]
    settler = Settler(0.25, clock=lambda: now[0])
    settler.note([str(folder)])
    now[0] += 0.15
    assert settler.take_ready() == ([], [])  # the folder has settled: its pages wait in its place
    assert len(settler) == 2
    now[0] += 0.01
    assert settler.take_ready() == ([str(old)], [])  # written long ago
    now[0] += 0.3
    assert settler.take_ready() == ([str(fresh)], [])


def test_a_known_folder_touched_and_a_linked_folder_are_not_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("x")
    link = folder / "link"
    link.symlink_to(elsewhere, target_is_directory=True)
    for path in (folder / "a.txt", elsewhere / "b.txt", folder, elsewhere):
        os.utime(path, (time.time() - 600, time.time() - 600))
    now = [100.0]
    settler = Settler(0.25, clock=lambda: now[0])
    settler.known_folders.add(str(folder))
    settler.note([str(folder), str(link)])  # touch pages; ln -s ../elsewhere pages/link
    now[0] += 0.15
    assert settler.take_ready() == ([], []) and len(settler) == 0
    # Once gone, the folder is new again when it comes back.
    away = tmp_path / "away"
    os.rename(folder, away)
    settler.note([str(folder)])
    assert settler.take_ready() == ([], [str(folder)])
    assert str(folder) not in settler.known_folders
    os.rename(away, folder)
    settler.note([str(folder)])
    now[0] += 0.15
    settler.take_ready()  # the folder settles: its pages wait in its place
    now[0] += 0.15
    assert settler.take_ready() == ([str(folder / "a.txt")], [])


def test_a_given_folder_deleted_and_made_again_or_made_late_is_followed(tmp_path: Path) -> None:
    folder, later = tmp_path / "pages", tmp_path / "later"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    stop = threading.Event()
    watcher = PageWatcher([folder, later])  # `later` does not exist yet
    watcher.start(stop)
    try:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        assert str(folder) in collect(watcher, stop, {str(folder)})
        folder.mkdir()
        assert str(folder) in collect(watcher, stop, {str(folder)})
        time.sleep(0.3)  # the new folder's own watch is being put in place
        (folder / "b.txt").write_text("x")
        assert str(folder / "b.txt") in collect(watcher, stop, {str(folder / "b.txt")})
        later.mkdir()
        assert str(later) in collect(watcher, stop, {str(later)})
        time.sleep(0.3)
        (later / "c.txt").write_text("x")
        assert str(later / "c.txt") in collect(watcher, stop, {str(later / "c.txt")})
    finally:
        stop.set()


def test_a_watch_that_fails_names_its_folder_without_escapes(tmp_path: Path, monkeypatch) -> None:
    import watchfiles._rust_notify

    from reader.library.watch import WatchError

    folder = tmp_path / "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m"
    folder.mkdir()

    def refuse(paths: list[str], *args: object) -> None:
        raise OSError(28, f"No space left on device: {paths[0]}")

    monkeypatch.setattr(watchfiles._rust_notify, "RustNotify", refuse)
    with pytest.raises(WatchError) as raised:
        PageWatcher([folder]).start(threading.Event())
    assert str(raised.value) == (
        f"cannot follow {tmp_path}/red: [Errno 28] No space left on device: {tmp_path}/red"
    )


def test_a_folder_that_appears_and_cannot_be_read_is_passed_on_to_be_read(
    tmp_path: Path, monkeypatch
) -> None:
    from tests.test_hostile_input import refuse_to_list

    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    os.utime(folder, (time.time() - 600, time.time() - 600))
    refuse_to_list(monkeypatch, folder)
    now = [100.0]
    settler = Settler(0.25, clock=lambda: now[0])
    settler.note([str(folder)])
    now[0] += 0.15
    # Reading it says why it cannot be read; and once it can, it is new, not known.
    assert settler.take_ready() == ([str(folder)], [])
    assert str(folder) not in settler.known_folders


def test_a_change_reached_through_a_link_to_a_folder_is_not_reported(tmp_path: Path) -> None:
    # ln -s /usr pages/usr: the start-up walk passes over the link, so following does too.
    folder, elsewhere = tmp_path / "pages", tmp_path / "elsewhere"
    (folder / "real").mkdir(parents=True)
    (elsewhere / "deeper").mkdir(parents=True)
    (folder / "link").symlink_to(elsewhere, target_is_directory=True)
    (folder / "real" / "inner").symlink_to(elsewhere, target_is_directory=True)
    stop = threading.Event()
    watcher = PageWatcher([folder])
    watcher.start(stop)
    try:
        (elsewhere / "b.txt").write_text("x")
        (elsewhere / "deeper" / "c.txt").write_text("x")
        (elsewhere / "new").mkdir()
        (elsewhere / "deeper" / "c.txt").unlink()
        (folder / "made-later").symlink_to(elsewhere, target_is_directory=True)
        (folder / "real" / "page.txt").write_text("x")
        seen = collect(watcher, stop, {str(folder / "real" / "page.txt")})
        time.sleep(0.3)  # anything still on its way
        (folder / "last.txt").write_text("x")
        seen |= collect(watcher, stop, {str(folder / "last.txt")})
        assert seen == {str(folder / "real" / "page.txt"), str(folder / "last.txt")}
    finally:
        stop.set()


def test_expanding_never_follows_a_link_to_a_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("x")
    link = tmp_path / "pages" / "link.txt"  # named like a page, too
    link.parent.mkdir()
    link.symlink_to(elsewhere, target_is_directory=True)
    assert expand_folders([str(link), str(tmp_path / "pages")]) == []


def test_a_name_that_is_not_utf8_neither_stops_the_watcher_nor_loses_the_changes_beside_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    stop = threading.Event()
    watcher = PageWatcher([folder])
    watcher.start(stop)
    try:
        # The system names the file in bytes that are not UTF-8: watchfiles cannot
        # give it to us, and its watch is broken from then on.
        odd = folder / os.fsdecode(b"caf\xe9.txt")
        odd.write_text("x")
        (folder / "sub" / "beside.txt").write_text("x")
        want = {str(odd), str(folder / "sub" / "beside.txt")}
        seen = collect(watcher, stop, want)
        assert want <= seen
        (folder / "later.txt").write_text("x")  # and the folder is still followed
        assert str(folder / "later.txt") in collect(watcher, stop, {str(folder / "later.txt")})
    finally:
        stop.set()
