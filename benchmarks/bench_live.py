"""Following folders in the running app: from a file written to its headline on screen,
and the keys' latency while a burst of 1,000 pages is copied in.

Run: python benchmarks/bench_live.py [COUNT] [ORDER]   (COUNT pages already there, default 2000;
ORDER the list's sort order, default newest)
"""

from __future__ import annotations

import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_list import latency, ms  # noqa: E402
from benchmarks.synthetic import page_text  # noqa: E402
from reader.library.arrange import SortOrder  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

SINGLE_WRITES = 20
BURST = 1000


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[int(share * (len(values) - 1))]


def summary(values: list[float]) -> str:
    return (
        f"p50 {ms(statistics.median(values))}  p95 {ms(percentile(values, 0.95))}  "
        f"max {ms(max(values))}  ({len(values)} samples)"
    )


async def run(folder: Path, staging: Path, count: int, sort: SortOrder | None = None) -> dict:
    app = ReaderApp([folder], sort=sort)
    paints: list[float] = []
    display = app._display

    def record_paint(screen, renderable) -> None:  # when the screen is written out
        display(screen, renderable)
        paints.append(time.perf_counter())

    app._display = record_paint  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.loaded.wait()
        await pilot.pause()
        listing = app.article_list
        rng = random.Random(5)

        listed: list[float] = []
        drawn: list[float] = []
        for n in range(SINGLE_WRITES):
            text = page_text(n, rng)
            headline = text.split("\n")[3]
            rows = listing.row_count
            started = time.perf_counter()
            (folder / f"single{n:03d}.txt").write_text(text)
            while listing.row_count == rows:  # O(1): scanning 100k titles would slow the app measured
                await asyncio.sleep(0.002)
            at = time.perf_counter()
            assert any(a.title == headline for a in listing.articles)
            listed.append(at - started)
            while not paints or paints[-1] < at:
                await asyncio.sleep(0.001)
            drawn.append(paints[-1] - started)  # the first paint after the list took the row
            await asyncio.sleep(0.3)
        print(f"{count:,} pages loaded; one page written at a time:")
        print(f"  write → headline in the list:  {summary(listed)}")
        print(f"  write → next paint:            {summary(drawn)}")

        await asyncio.sleep(1)  # the notices of the single writes are told
        total = len(app.store) + BURST
        started = time.perf_counter()
        for path in sorted(staging.iterdir()):
            shutil.copy(path, folder / path.name)
        copied = time.perf_counter() - started
        keys: list[float] = []
        while len(listing.articles) < total or app.reading_files is not None:
            before = listing.cursor
            keys.append(
                await latency(app, "j" if before < 5 else "k", lambda before=before: listing.cursor != before)
            )
            await asyncio.sleep(0.02)
            if time.perf_counter() - started > 120:
                raise TimeoutError("the burst was never listed")
        done = time.perf_counter() - started
        print(
            f"burst of {BURST:,} pages copied in {copied:.2f} s: all listed {done:.2f} s after the copy began"
        )
        print(f"  keys during the burst:         {summary(keys)}")
    return {
        "paint_p50": statistics.median(drawn),
        "paint_p95": percentile(drawn, 0.95),
        "burst": done,
        "keys_p50": statistics.median(keys),
        "keys_p95": percentile(keys, 0.95),
        "keys_max": max(keys),
        "count": count,
    }


def main(count: int, sort: SortOrder | None = None) -> dict:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder, staging = Path(tmp, "pages"), Path(tmp, "staging")
        folder.mkdir()
        staging.mkdir()
        for n in range(count):
            (folder / f"{n:06d}.txt").write_text(page_text(n, rng))
        for n in range(BURST):
            (staging / f"burst{n:06d}.txt").write_text(page_text(count + n, rng))
        return asyncio.run(run(folder, staging, count, sort))


if __name__ == "__main__":
    # python benchmarks/bench_live.py [COUNT] [ORDER]: ORDER one of newest, oldest, source, title
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 2000, SortOrder(sys.argv[2]) if len(sys.argv) > 2 else None
    )
