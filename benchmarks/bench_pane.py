"""The reading pane on long articles: a 3,000-paragraph page (~430 KB) and one at the
size limit (5 MB), beside an ordinary 2 KB page, opened in the app from a folder (their
bodies come from the parse cache, as they do for the user).

Two kinds of figure: the pane's own work to open an article (show it, draw a screen
of it), timed in the running app without the event loop; and keys as the user
presses them, each timed from the key posted to the screen written out with what it
asked for. A key costs the app something whatever the article (a new focus restyles
and repaints the screen): the ordinary page's figures are that cost.

Run: python benchmarks/bench_pane.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402
from textual.geometry import Region  # noqa: E402

from benchmarks.bench_list import ms  # noqa: E402
from benchmarks.synthetic import WORDS  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

ROUNDS = 5
SETTLE = 0.3  # seconds between keys: each figure is its own key's, not the one before's
ROLES = ("ordinary", "long", "huge")


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def page(title: str, day: int, paragraphs: list[str]) -> str:
    return "\n\n".join([title, f"by Ana Ruiz March {day}, 2024 8:15 PM 4 min read", *paragraphs]) + "\n"


def write_pages(folder: Path) -> dict[str, str]:
    """Ordinary pages around a long one and a huge one; their titles by role."""
    rng = random.Random(3)
    titles = {
        "first": "Ferry returns to the island after the storms",
        "long": "A long inquiry report published in full today",
        "ordinary": "Council votes to repair every bridge in the valley",
        "huge": "The whole archive of the city council in one page",
        "last": "Night trains return to the northern line",
    }
    # Newest first in the list: the order of the days.
    for day, (role, title) in zip((20, 19, 18, 17, 16), titles.items(), strict=True):
        if role == "long":
            body = [paragraph(rng, rng.randint(16, 26)) for _ in range(3_000)]
        elif role == "huge":
            body = []
            size = 0
            while size < 5_000_000:
                body.append(paragraph(rng, rng.randint(10, 80)))
                size += len(body[-1]) + 2
        else:
            body = [paragraph(rng, rng.randint(28, 45)) for _ in range(8)]
        (folder / f"{role}.txt").write_text(page(title, day, body))
    return titles


class Paints:
    """When the screen is written out, and the first time it is with a condition
    holding: what a key asked for is on the screen the user sees."""

    def __init__(self, app: ReaderApp) -> None:
        self.waiting: Callable[[], bool] | None = None
        self.shown_at: float | None = None
        display = app._display

        def record(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if self.waiting is not None and self.shown_at is None and self.waiting():
                self.shown_at = time.perf_counter()

        app._display = record  # type: ignore[method-assign]


async def timed(
    app: ReaderApp, paints: Paints, keys: list[str], done: Callable[[], bool], gap: float = 0.0
) -> float:
    """Seconds from the first of `keys` posted (`gap` seconds apart: typed ahead of a
    busy app) to the first screen written out with `done()` holding."""
    paints.waiting, paints.shown_at = done, None
    start = time.perf_counter()
    for n, key in enumerate(keys):
        if n and gap:
            await asyncio.sleep(gap)
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    while paints.shown_at is None:
        await asyncio.sleep(0.0005)
        if time.perf_counter() - start > 60:
            raise TimeoutError(keys)
    return paints.shown_at - start


def pane_open(app: ReaderApp, title: str) -> tuple[float, float]:
    """Seconds to read the article's body from the cache, and for the pane to show it
    and draw a screen of it (as it does after a key, without the event loop)."""
    pane = app.reading_pane
    article = next(a for a in app.store.view().articles.items if a.title == title)
    pane.show_article(None)
    start = time.perf_counter()
    full = app.store.with_body(article)
    fetched = time.perf_counter()
    pane.show_article(full)
    pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))
    return fetched - start, time.perf_counter() - fetched


async def run() -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="reader-pane-") as name:
        folder = Path(name)
        titles = write_pages(folder)
        app = ReaderApp([folder], watch=False)
        paints = Paints(app)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.loaded.wait()
            await pilot.pause()
            listing, pane = app.article_list, app.reading_pane
            neighbours = {
                "ordinary": ("long", "huge"),
                "long": ("first", "ordinary"),
                "huge": ("ordinary", "last"),
            }
            for role in ROLES:
                above, below = neighbours[role]
                size = (folder / f"{role}.txt").stat().st_size
                samples: dict[str, list[float]] = {}

                def sample(what: str, seconds: float, samples: dict[str, list[float]] = samples) -> None:
                    samples.setdefault(what, []).append(seconds)

                async def key(what: str, keys: list[str], done: Callable[[], bool], gap: float = 0.0) -> None:
                    await pilot.pause(SETTLE)
                    sample(what, await timed(app, paints, keys, done, gap))

                for _ in range(ROUNDS):
                    fetch, show = pane_open(app, titles[role])
                    sample("the body read from the cache", fetch)
                    sample("pane: show it and draw a screen", show)
                    listing.select(next(a for a in listing.articles if a.title == titles[above]))
                    listing.focus()
                    await key("j onto it (shown)", ["j"], shows(app, titles[role]))
                    await key("Enter (opened, pane focused)", ["enter"], lambda: app.focused is pane)
                    await key("G (its end)", ["G"], lambda: pane.scroll_y >= pane.max_scroll_y > 0)
                    await key("g (its top)", ["g"], lambda: pane.scroll_y == 0)
                    await key("j in the pane", ["j"], lambda: pane.scroll_y == 1)
                    await key("h (back)", ["h"], lambda: app.focused is listing)
                    await key("l (open)", ["l"], lambda: app.focused is pane)
                    await pilot.press("h")
                    listing.select(next(a for a in listing.articles if a.title == titles[above]))
                    # A quick double tap: the second key comes while the first is answered.
                    await key("j j past it", ["j", "j"], shows(app, titles[below]), gap=0.06)
                label = f"{size / 1e6:.2f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"
                print(f"{role} article ({label}):")
                for what, values in samples.items():
                    print(f"  {what:<34} median {ms(statistics.median(values))}  max {ms(max(values))}")
                figures[role] = {
                    "size": label,
                    **{what: (statistics.median(v), max(v)) for what, v in samples.items()},
                }
    return figures


def shows(app: ReaderApp, title: str) -> Callable[[], bool]:
    return lambda: getattr(app.reading_pane.showing, "title", None) == title


def main() -> dict:
    return asyncio.run(run())


if __name__ == "__main__":
    main()
