"""Loading a folder in the app: first headline, all listed, keys answered meanwhile.

Run: python benchmarks/bench_load.py [COUNT]   (default 5000; pages are written to a temp folder)
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_list import latency, ms  # noqa: E402
from benchmarks.synthetic import page_text  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402


async def run(folder: Path, count: int) -> None:
    started = time.perf_counter()
    app = ReaderApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.article_list
        while not listing.row_count:
            await asyncio.sleep(0.005)
        first = time.perf_counter() - started
        keys = []
        while app.loading and listing.row_count < 10:
            await asyncio.sleep(0.005)
        slowest = (0.0, 0.0)
        while app.loading:
            before = listing.cursor
            at = time.perf_counter() - started
            keys.append(
                await latency(app, "j" if before < 5 else "k", lambda before=before: listing.cursor != before)
            )
            slowest = max(slowest, (keys[-1], at))
            await asyncio.sleep(0.05)
        done = time.perf_counter() - started
        await pilot.pause()
        print(
            f"{count:,} pages: first headline {ms(first)}, all {listing.row_count:,} listed in {done:.1f} s"
        )
        if keys:
            keys.sort()
            print(
                f"keys while loading: {len(keys)} presses, p50 {ms(statistics.median(keys))}  "
                f"p95 {ms(keys[int(0.95 * (len(keys) - 1))])}  max {ms(keys[-1])} (at {slowest[1]:.1f} s)"
            )


def main(count: int) -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(count):
            (folder / f"{n:06d}.txt").write_text(page_text(n, rng))
        asyncio.run(run(folder, count))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
