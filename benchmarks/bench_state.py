"""Reading state at scale: marking, counting and the unread / saved views at 100k articles.

Run: python benchmarks/bench_state.py [COUNT]   (default 100000)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_list import latency, ms, percentile  # noqa: E402
from benchmarks.synthetic import START, pages  # noqa: E402
from reader.library.store import Store  # noqa: E402
from reader.storage.state import ReadingState  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402


async def run(count: int) -> dict:
    store = Store()
    store.put_many(pages(count))
    view = store.rebuild()
    ids = list(view.ids)
    figures: dict = {"count": count}
    with tempfile.TemporaryDirectory(prefix="reader-state-") as folder:
        path = Path(folder) / "state.sqlite3"
        state = ReadingState(path)
        t = time.perf_counter()
        state.mark_read(ids[::2])
        figures["mark_half"] = time.perf_counter() - t
        print(f"mark {len(ids) // 2:,} read in one transaction: {ms(figures['mark_half'])}")
        calls, written = [], []
        for article_id in ids[1:200:2]:
            t = time.perf_counter()
            state.mark_read([article_id])
            calls.append(time.perf_counter() - t)
            state.flush()
            written.append(time.perf_counter() - t)
        figures["mark_one_p50"], figures["mark_one_p95"] = statistics.median(calls), percentile(calls, 0.95)
        figures["write_one_p50"], figures["write_one_p95"] = (
            statistics.median(written),
            percentile(written, 0.95),
        )
        print(
            f"mark one read: the call (memory; the writer thread writes) p50 {figures['mark_one_p50'] * 1e6:.0f} µs; "
            f"until in the {count // 2:,}-row file p50 {ms(figures['write_one_p50'])}  "
            f"p95 {ms(figures['write_one_p95'])}"
        )
        state.close()
        t = time.perf_counter()
        state = ReadingState(path)
        figures["open"] = time.perf_counter() - t
        print(f"open a state file of {len(state.read_ids):,} rows: {ms(figures['open'])}")
        counts = []
        for _ in range(20):
            t = time.perf_counter()
            state.count_read(ids)
            counts.append(time.perf_counter() - t)
        figures["count_p50"] = statistics.median(counts)
        print(f"count unread of {count:,} (the header): p50 {ms(figures['count_p50'])}")

        def unread(article_id: str) -> bool:
            return not state.is_read(article_id)

        for label, query in (("unread view", ""), ("search 'council' in unread", "council")):
            times = []
            for _ in range(10):
                t = time.perf_counter()
                store.search(query, only=unread)
                times.append(time.perf_counter() - t)
            figures[label] = statistics.median(times)
            print(f"store: {label}: p50 {ms(figures[label])}")

        app = ReaderApp(store=store, state=state, clock=lambda: START)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            listing = app.article_list
            switches = []
            for key, rows in (("2", count - count // 2 - 100), ("1", count)) * 3:
                switches.append(await latency(app, key, lambda rows=rows: listing.row_count == rows))
            figures["view_p50"], figures["view_max"] = statistics.median(switches), max(switches)
            print(
                f"key 1/2 (all / unread) to the list shown: p50 {ms(figures['view_p50'])}  "
                f"max {ms(figures['view_max'])}"
            )
            marks = []
            for _ in range(20):
                before = app.sub_title
                marks.append(await latency(app, "m", lambda before=before: app.sub_title != before))
            figures["m_p50"], figures["m_max"] = statistics.median(marks), max(marks)
            print(f"key m to the header's new count: p50 {ms(figures['m_p50'])}  max {ms(figures['m_max'])}")
            t = time.perf_counter()
            await latency(app, "M", lambda: app.sub_title.startswith(f"{count:,} articles · 0 unread"))
            figures["mark_all"] = time.perf_counter() - t
            print(f"key M on {count:,} shown, to the header saying 0 unread: {ms(figures['mark_all'])}")
        state.close()
    return figures


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
