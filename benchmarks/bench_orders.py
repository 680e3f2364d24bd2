"""The article list in each order and grouping, at scale: what sorting costs, and
whether keys and search keep the figures of the newest-first list.

For each arrangement, with COUNT articles: the sort of the whole list (in the
worker), the key (`S` or ctrl+g) to the list drawn in the new order, `j` and
search keystrokes (key to filtered list) in that order.

Run: python benchmarks/bench_orders.py [COUNT]   (default 100000)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_list import latency, ms, percentile, type_search  # noqa: E402
from benchmarks.synthetic import START, pages  # noqa: E402
from reader.library.arrange import Arrangement, Grouping, SortOrder, arrange  # noqa: E402
from reader.library.store import Store  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

# In the order `S` and ctrl+g step through them from newest first.
STEPS = [
    ("S", Arrangement(SortOrder.OLDEST)),
    ("S", Arrangement(SortOrder.SOURCE)),
    ("S", Arrangement(SortOrder.TITLE)),
    ("ctrl+g", Arrangement(SortOrder.TITLE, Grouping.SOURCE)),
    ("ctrl+g", Arrangement(SortOrder.TITLE, Grouping.FOLDER)),
    ("S", Arrangement(SortOrder.NEWEST, Grouping.FOLDER)),
    ("ctrl+g", Arrangement(SortOrder.NEWEST)),
]


async def run(count: int) -> dict[str, dict[str, float]]:
    store = Store()
    store.put_many(pages(count))
    items = store.articles()
    print(f"{count:,} articles")
    for _, arrangement in STEPS:
        start = time.perf_counter()
        arrange(items, arrangement)
        print(f"  sort {arrangement.describe():<32} {ms(time.perf_counter() - start)}")
    figures: dict[str, dict[str, float]] = {}
    app = ReaderApp(store=store, clock=lambda: START)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        listing = app.article_list
        for key, arrangement in STEPS:
            before = listing.articles
            seconds = await latency(
                app,
                key,
                lambda wanted=arrangement, before=before: (
                    app.session.arrangement == wanted and listing.articles is not before
                ),
            )
            await pilot.pause(0.2)
            await pilot.press("g")  # the cursor stays on its article, which may now be last
            moves = []
            for _ in range(20):
                cursor = listing.cursor
                moves.append(await latency(app, "j", lambda cursor=cursor: listing.cursor != cursor))
            await pilot.press("slash")
            typed, _ = await type_search(app, pause=0.0)
            await pilot.press("escape")
            await pilot.pause(0.3)
            name = arrangement.describe()
            figures[name] = {
                "switch": seconds,
                "j_p95": percentile(moves, 0.95),
                "search_p50": statistics.median(typed),
                "search_p95": percentile(typed, 0.95),
            }
            print(
                f"{name:<32} key to list {ms(seconds)}   j p95 {ms(percentile(moves, 0.95))}   "
                f"search p50 {ms(statistics.median(typed))} p95 {ms(percentile(typed, 0.95))}"
            )
    return figures


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
