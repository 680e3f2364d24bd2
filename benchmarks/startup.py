"""One start of the reader on a folder, timed from process start, in a process of its
own (run by benchmarks/run.py): first headline drawn, complete list, peak memory.

Peak memory, two ways: `rss_mb` is this process's own peak RSS (the kernel's
count); `tree_rss_mb` is the peak of the RSS summed over this process and all its
descendants (the pool that parses pages on a cold start, multiprocessing's
resource tracker), sampled every 50 ms by a thread from /proc during the start, and
never less than `rss_mb`. A sum of RSS counts pages that processes share (the
interpreter's code) once per process.

Run: python benchmarks/startup.py FOLDER START_TIME [CACHE]   (prints one JSON line;
                                          with CACHE, the parse cache file to use)
     python benchmarks/startup.py --bare START_TIME     (a Textual app drawing one label)
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_EVERY = 0.05  # seconds


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _read(path: str) -> bytes:
    fd = os.open(path, os.O_RDONLY)  # not open(): ~15 µs a read here instead of ~70
    try:
        return os.read(fd, 4096)
    finally:
        os.close(fd)


def tree_rss_kb(root: int) -> int:
    """RSS of `root` and all its descendants, summed, in kilobytes. Children are
    found by the parent pid in /proc/PID/stat (this kernel has no
    /proc/PID/task/TID/children); only pids above root's are read, as a child's pid
    is higher than its parent's unless the pids wrapped around meanwhile."""
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) <= root:
            continue
        try:
            stat = _read(f"/proc/{name}/stat")
        except OSError:
            continue  # gone meanwhile
        ppid = int(stat[stat.rindex(b")") + 2 :].split(None, 2)[1])  # the name may hold spaces
        parents.setdefault(ppid, []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += parents.get(pid, ())
        try:
            total += int(_read(f"/proc/{pid}/statm").split()[1]) * PAGE_KB  # resident pages
        except OSError:
            continue
    return total


class TreeRss:
    """The peak of tree_rss_kb(this process), sampled by a thread until stopped."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True, name="tree-rss")
        self._thread.start()

    def _sample(self) -> None:
        root = os.getpid()
        while True:
            self.peak_kb = max(self.peak_kb, tree_rss_kb(root))
            if self._stop.is_set():
                return
            self._stop.wait(SAMPLE_EVERY)

    def stop(self) -> float:
        """Peak in MB, a last sample taken; never below this process's own peak."""
        self._stop.set()
        self._thread.join()
        return max(self.peak_kb / 1024, peak_rss_mb())


async def reader_start(folder: str, started: float, cache_file: str | None) -> dict:
    tree = TreeRss()
    from reader.storage.cache import PageCache
    from reader.ui.app import ReaderApp

    app = ReaderApp([folder], watch=False, cache=PageCache(cache_file))
    paints: list[tuple[float, str]] = []  # when a paint showed rows, and the top row's file
    display = app._display

    def record_paint(screen, renderable) -> None:
        display(screen, renderable)
        shown = app.article_list.articles
        if app.article_list.row_count and (not paints or paints[-1][1] != shown[0].source):
            paints.append((time.time(), shown[0].source))

    app._display = record_paint  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        while not paints:
            await asyncio.sleep(0.001)
        await app.loaded.wait()
        await pilot.pause()
        complete = time.time()
        rows = app.article_list.row_count
        cached = app.files_cached
        top = app.article_list.articles[0].source
        tree_rss_mb = tree.stop()
    # The newest headline drawn: the first paint from which the top row was the
    # list's true top and stayed so (a top that changed once drawn was a jump).
    newest = paints[-1][0] if paints[-1][1] == top else complete
    return {
        "first": paints[0][0] - started,
        "newest": newest - started,
        "tops": len(paints),  # 1: the first top drawn was the true one
        "complete": complete - started,
        "rows": rows,
        "rss_mb": peak_rss_mb(),
        "tree_rss_mb": tree_rss_mb,
        "cached": cached,
    }


async def bare_start(started: float) -> dict:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("hello")

    app = Bare()
    paints: list[float] = []
    display = app._display

    def record_paint(screen, renderable) -> None:
        display(screen, renderable)
        paints.append(time.time())

    app._display = record_paint  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)):
        while not paints:
            await asyncio.sleep(0.001)
    return {"first": paints[0] - started}


def main() -> None:
    target, started = sys.argv[1], float(sys.argv[2])
    cache_file = sys.argv[3] if len(sys.argv) > 3 else None
    result = asyncio.run(
        bare_start(started) if target == "--bare" else reader_start(target, started, cache_file)
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
