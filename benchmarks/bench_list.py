"""The article list at scale: fill, first paint, moving and searching with 100k articles.

Run: python benchmarks/bench_list.py [COUNT]   (default 100000)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402

from benchmarks.synthetic import START, pages  # noqa: E402
from reader.library.store import Store  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(count: int) -> dict:
    data = pages(count)
    store = Store()
    t0 = time.perf_counter()
    store.put_many(data)
    store.articles()
    store.feed()
    print(f"store: {count:,} pages in {ms(time.perf_counter() - t0)} (sorted, folded, feed merged)")

    queries = ["c", "co", "cou", "coun", "counc", "counci", "council", "council b", "council br", "zur"]
    times = []
    for _ in range(5):
        for q in queries:
            t = time.perf_counter()
            store.search(q)
            times.append(time.perf_counter() - t)
    print(f"store.search: p50 {ms(statistics.median(times))}  p95 {ms(percentile(times, 0.95))}")

    app = ReaderApp(store=store, clock=lambda: START)
    t0 = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(f"app: first screen with {count:,} rows in {ms(time.perf_counter() - t0)}")
        listing = app.article_list
        for keys in (["j"] * 30, ["pagedown"] * 30, ["G", "g"] * 5):
            samples = []
            for key in keys:
                before = listing.cursor
                samples.append(await latency(app, key, lambda before=before: listing.cursor != before))
            label = "/".join(dict.fromkeys(keys))
            print(f"key {label:<9} p50 {ms(statistics.median(samples))}  max {ms(max(samples))}")
        await pilot.press("slash")
        field = app.search_bar.input
        # Typed fast: each key as soon as the list has answered the one before (the
        # feed's search for it may still be going on).
        samples, _ = await type_search(app, pause=0.0)
        hits = listing.row_count
        # Typed slowly: a key every 0.3 s, and when the answer is on screen too.
        field.value = ""
        await pilot.pause(0.5)
        slow, drawn = await type_search(app, pause=0.3)
        figures = {
            "search_p50": statistics.median(samples),
            "search_p95": percentile(samples, 0.95),
            "slow_p50": statistics.median(slow),
            "slow_p95": percentile(slow, 0.95),
            "drawn_p50": statistics.median(drawn),
            "drawn_p95": percentile(drawn, 0.95),
            "count": count,
        }
        print(
            f"search keystroke (key to filtered list): p50 {ms(statistics.median(samples))}  "
            f"p95 {ms(percentile(samples, 0.95))}  max {ms(max(samples))}  ({hits:,} hits at the end)"
        )
        print(
            f"  typed slowly (a key every 0.3 s):      p50 {ms(statistics.median(slow))}  "
            f"p95 {ms(percentile(slow, 0.95))}  max {ms(max(slow))}"
        )
        print(
            f"  and to the count drawn on screen:      p50 {ms(statistics.median(drawn))}  "
            f"p95 {ms(percentile(drawn, 0.95))}  max {ms(max(drawn))}"
        )
        # Typing fast: each key's echo in the search box, while searches run behind.
        field.value = ""
        await pilot.pause()
        echoes = []
        for key in "bridge council":
            before = field.value
            echoes.append(
                await latency(
                    app, "space" if key == " " else key, lambda before=before: field.value != before
                )
            )
        print(
            f"typing echo while searching (key to character shown): p50 {ms(statistics.median(echoes))}  "
            f"p95 {ms(percentile(echoes, 0.95))}  max {ms(max(echoes))}"
        )
    return figures


SEARCH_KEYS = [*"council", "backspace", "backspace", "space", *"bri", "backspace", "backspace", "backspace"]


async def type_search(app: ReaderApp, pause: float) -> tuple[list[float], list[float]]:
    """Type SEARCH_KEYS into the open search box: seconds from each key that changes
    the query to the list answering it, and (typing with a `pause` between keys)
    to that answer and its count drawn on screen."""
    listing = app.article_list
    answered: list[float] = []
    drawn: list[float] = []
    typed = ""
    for key in SEARCH_KEYS:
        before = typed.strip()
        typed = typed[:-1] if key == "backspace" else typed + (" " if key == "space" else key)
        want = typed.strip()
        start = time.perf_counter()
        seconds = await latency(
            app, key, lambda want=want: listing.search_query == want and app.query_text == want
        )
        if want != before:  # a space typed after a word searches nothing new
            answered.append(seconds)
            if pause:
                await app.search_bar.wait_for_refresh()
                drawn.append(time.perf_counter() - start)
        if pause:
            await asyncio.sleep(max(0.0, start + pause - time.perf_counter()))
    return answered, drawn


async def latency(app: ReaderApp, key: str, done) -> float:
    """Seconds from a key event posted to `done()` holding (polled every 0.5 ms)."""
    start = time.perf_counter()
    app.post_message(events.Key(key, " " if key == "space" else None if len(key) > 1 else key))
    while not done():
        await asyncio.sleep(0.0005)
        if time.perf_counter() - start > 5:
            raise TimeoutError(key)
    return time.perf_counter() - start


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
