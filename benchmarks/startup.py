"""One start of the reader on a folder, timed from process start, in a process of its
own (run by benchmarks/run.py): first headline drawn, complete list, peak memory.

Run: python benchmarks/startup.py FOLDER START_TIME [CACHE]   (prints one JSON line;
                                          with CACHE, the parse cache file to use)
     python benchmarks/startup.py --bare START_TIME     (a Textual app drawing one label)
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


async def reader_start(folder: str, started: float, cache_file: str | None) -> dict:
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
