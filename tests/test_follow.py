"""The folder-following loop without the app: the first load, then pages saved
while it follows, told through its callbacks; and how it says what went wrong."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.library import follow as follow_module
from reader.library.follow import follow_folders
from reader.library.ingest import Progress
from reader.library.store import Store
from tests.pages import page_text


class Recorder:
    """The loop's callbacks, kept."""

    def __init__(self) -> None:
        self.reports: list[Progress] = []
        self.failures: list[tuple[str, bool]] = []

    def report(self, progress: Progress) -> None:
        self.reports.append(progress)

    def failed(self, reason: str, still_following: bool) -> None:
        self.failures.append((reason, still_following))


def wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_without_watching_it_reads_the_pages_once_and_returns(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    store, heard = Store(), Recorder()
    follow_folders(
        [str(tmp_path)], store, report=heard.report, failed=heard.failed, stop=threading.Event(), watch=False
    )
    assert [a.title for a in store.view().articles.items] == ["Ferry returns to the island"]
    assert heard.reports[-1].done and not heard.reports[-1].live
    assert heard.failures == []


@contextmanager
def following(folder: Path) -> Iterator[tuple[Store, Recorder]]:
    """The loop following `folder` in a thread, once its first load is done; stopped
    (and checked stopped, with nothing gone wrong) when the block ends."""
    store, heard, stop = Store(), Recorder(), threading.Event()
    thread = threading.Thread(
        target=follow_folders,
        args=([str(folder)], store),
        kwargs={"report": heard.report, "failed": heard.failed, "stop": stop, "settle_seconds": 0.05},
    )
    thread.start()
    try:
        assert wait_for(lambda: any(r.done and not r.live for r in heard.reports))
        yield store, heard
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert heard.failures == []


def test_it_follows_the_folders_until_stopped(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    with following(tmp_path) as (store, heard):
        (tmp_path / "bridge.txt").write_text(page_text("Bridge reopens", day=7))
        assert wait_for(lambda: any(r.live and r.done for r in heard.reports))
        assert len(store) == 2


def test_html_pages_saved_while_following_are_read_and_their_resources_are_not(tmp_path: Path) -> None:
    with following(tmp_path) as (store, heard):
        (tmp_path / "quay_files").mkdir()
        (tmp_path / "quay_files" / "ad.html").write_text(html_page("An advert in a frame"))
        (tmp_path / "quay.html").write_text(html_page("Quay wall repaired after the winter storms"))
        assert wait_for(lambda: len(store) == 1 and any(r.live and r.done for r in heard.reports))
        time.sleep(0.3)  # what the advert's file would have added by now
        assert [a.title for a in store.view().articles.items] == [
            "Quay wall repaired after the winter storms"
        ]


def html_page(title: str) -> str:
    paragraph = "<p>Workers finished the repairs to the old quay wall this week, two months early.</p>"
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{paragraph * 3}</body></html>"


def test_folders_that_cannot_be_followed_are_still_read_once(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))

    class Unwatchable(follow_module.PageWatcher):
        def start(self, stop: threading.Event) -> None:
            raise OSError("too many folders")

    monkeypatch.setattr(follow_module, "PageWatcher", Unwatchable)
    store, heard = Store(), Recorder()
    follow_folders([str(tmp_path)], store, report=heard.report, failed=heard.failed, stop=threading.Event())
    assert heard.failures == [("too many folders", False)]
    assert len(store) == 1


def test_a_change_that_cannot_be_read_is_told_and_following_goes_on(tmp_path: Path, monkeypatch) -> None:
    store, heard, stop = Store(), Recorder(), threading.Event()
    broken = {"once": True}
    apply = follow_module.Ingest.apply

    def apply_failing_once(self, changed, gone) -> None:
        if broken.pop("once", False):
            raise RuntimeError("disk on fire")
        apply(self, changed, gone)

    monkeypatch.setattr(follow_module.Ingest, "apply", apply_failing_once)
    following = threading.Thread(
        target=follow_folders,
        args=([str(tmp_path)], store),
        kwargs={"report": heard.report, "failed": heard.failed, "stop": stop, "settle_seconds": 0.05},
    )
    following.start()
    try:
        assert wait_for(lambda: any(r.done for r in heard.reports))
        (tmp_path / "first.txt").write_text(page_text("Ferry returns to the island", day=5))
        assert wait_for(lambda: heard.failures != [])
        assert heard.failures == [("could not read changes (disk on fire); still following", True)]
        (tmp_path / "second.txt").write_text(page_text("Bridge reopens", day=7))
        assert wait_for(lambda: store.page(str(tmp_path / "second.txt")) is not None)
    finally:
        stop.set()
        following.join(10)
    assert not following.is_alive()


def test_a_page_saved_under_a_name_that_is_not_utf8_is_read_and_following_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(page_text("Ferry returns to the island", day=5))
    store, heard, stop = Store(), Recorder(), threading.Event()
    thread = threading.Thread(
        target=follow_folders,
        args=([str(tmp_path)], store),
        kwargs={"report": heard.report, "failed": heard.failed, "stop": stop, "settle_seconds": 0.05},
        daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: bool(heard.reports) and heard.reports[-1].done)
        (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(page_text("Cafe owners win appeal", day=6))
        assert wait_for(lambda: len(store.view().articles.items) == 2)
        (tmp_path / "bridge.txt").write_text(page_text("Bridge reopens", day=4))
        assert wait_for(lambda: len(store.view().articles.items) == 3)
        assert heard.failures == []
    finally:
        stop.set()
        thread.join(timeout=5)


def test_articles_changed_into_another_id_are_told_so_their_marks_can_move(tmp_path: Path) -> None:
    page = tmp_path / "ferry.txt"
    page.write_text(page_text("Ferry retruns to the island", day=5))
    store, heard, stop = Store(), Recorder(), threading.Event()
    moves: list[list[tuple[str, str]]] = []
    thread = threading.Thread(
        target=follow_folders,
        args=([str(tmp_path)], store),
        kwargs={
            "report": heard.report,
            "failed": heard.failed,
            "stop": stop,
            "settle_seconds": 0.05,
            "ids_changed": moves.append,
        },
        daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: bool(heard.reports) and heard.reports[-1].done)
        typo = store.id_of(str(page))
        page.write_text(page_text("Ferry returns to the island", day=5))
        assert wait_for(lambda: bool(moves))
        assert moves == [[(typo, store.id_of(str(page)))]]
    finally:
        stop.set()
        thread.join(timeout=5)
