"""Every benchmark, one command: prints a table of figures against the targets and
writes it to benchmarks/RESULTS.md with the machine's cores and Python version.

Run: python benchmarks/run.py            (start-up at 10k and 100k pages: ~10 minutes,
                                          most of it writing and reading 100k files)
     python benchmarks/run.py --quick    (start-up at 10k only)

Synthetic pages (deterministic, ~4 KB, in the seed's layout) are written once to
benchmarks/.pages/ (not in git) and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import (  # noqa: E402
    bench_fulltext,
    bench_list,
    bench_live,
    bench_pane,
    bench_parse,
    bench_realpages,
    bench_shapes,
    bench_state,
)
from benchmarks.synthetic import folder_pages  # noqa: E402

PAGES = HERE / ".pages"


def folder_of(count: int) -> Path:
    """A folder of `count` synthetic pages, written on first use. Page n (newer for
    smaller n) goes to a file numbered in no order of date, as in a real folder:
    reading the files by name gives no hint of the top of the list."""
    folder = PAGES / f"{count}-mixed"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"writing {count:,} pages to {folder} …", flush=True)
        for n, text in folder_pages(count):
            name = (n * 7919 + count // 2) % count  # 7919 is prime: every number once
            (folder / f"{name // 1000:03d}").mkdir(exist_ok=True)
            (folder / f"{name // 1000:03d}" / f"{name:06d}.txt").write_text(text)
        done.write_text("")
    return folder


def start(target: str, cache_file: Path | None = None) -> dict:
    """One start in a fresh process, timed from just before it was launched."""
    started = time.time()
    extra = [str(cache_file)] if cache_file is not None else []
    done = subprocess.run(
        [sys.executable, str(HERE / "startup.py"), target, repr(started), *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def top_changes(figures: dict) -> str:
    """What the screen showed at the top before the true top, if anything."""
    if figures["tops"] == 1:
        return " (the first top drawn)"
    return f" (first any headline {ms(figures['first'])}; the top row changed {figures['tops'] - 1} times)"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def pane_rows(pane: dict) -> list[tuple[str, str, str, str]]:
    """The reading pane's rows: opening long articles, and keys on them beside the
    same keys on an ordinary article (what a key costs the app whatever it shows)."""
    rows = []
    ordinary = pane["ordinary"]
    for role in ("long", "huge"):
        figures = pane[role]
        fetch, show = (
            figures["the body read from the cache"][0],
            figures["pane: show it and draw a screen"][0],
        )
        rows.append(
            (
                f"reading pane: open a {figures['size']} article (show it, draw a screen)",
                f"{ms(show)} (+ {ms(fetch)} reading its body from the cache)",
                "< 50 ms",
                verdict(fetch + show < 0.05),
            )
        )
        for what in ("Enter (opened, pane focused)", "j j past it"):
            median, worst = figures[what]
            rows.append(
                (
                    f"reading pane, {figures['size']} article: {what.split(' (')[0]}, key to screen",
                    f"p50 {ms(median)}, max {ms(worst)} (a {ordinary['size']} article: p50 {ms(ordinary[what][0])})",
                    "< 50 ms" if what.startswith("Enter") else "",
                    verdict(median < 0.05) if what.startswith("Enter") else "",
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="start-up at 10k pages only")
    args = parser.parse_args()
    sizes = [10_000] if args.quick else [10_000, 100_000]
    rows: list[tuple[str, str, str, str]] = []  # what, figure, target, verdict

    print("== parse throughput", flush=True)
    parse = bench_parse.main(4000)
    rows.append(("parse, one process", f"{parse['one']:,.0f} pages/s ({parse['one_mb']:.1f} MB/s)", "", ""))
    rows.append(
        (
            f"parse, {parse['workers']} processes",
            f"{parse['all']:,.0f} pages/s ({parse['all_mb']:.1f} MB/s)",
            "≥ 10,000 pages/s",
            verdict(parse["all"] >= 10_000),
        )
    )

    print("== start-up", flush=True)
    bare = min(start("--bare")["first"] for _ in range(3))
    rows.append(("bare Textual app, process start to first paint", ms(bare), "", ""))
    caches = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    fulltext = None
    for count in sizes:
        folder = folder_of(count)
        cache_file = caches / f"{count}.sqlite3"
        cold = start(str(folder), cache_file)  # no cache yet: it is written as pages are parsed
        print(f"{count:,} pages, cold: {cold}", flush=True)
        warm = min(
            (start(str(folder), cache_file) for _ in range(2)), key=lambda figures: figures["complete"]
        )
        print(f"{count:,} pages, warm: {warm}", flush=True)
        label = f"{count // 1000}k"
        first_target = 1.0 if count >= 100_000 else None
        rows.append(
            (
                f"cold start {label}: first headline drawn",
                ms(cold["first"]),
                "< 1 s" if first_target else "",
                verdict(cold["first"] < 1.0) if first_target else "",
            )
        )
        rows.append(
            (
                f"cold start {label}: complete list",
                f"{cold['complete']:.1f} s ({cold['rows']:,} rows)",
                "< 15 s" if count >= 100_000 else "",
                verdict(cold["complete"] < 15) if count >= 100_000 else "",
            )
        )
        big = count >= 100_000
        rows.append(
            (
                f"warm start {label}: newest headline drawn at the top",
                ms(warm["newest"]) + top_changes(warm),
                f"< {ms(bare + 0.25)} (bare + 0.25 s)" if big else "",
                verdict(warm["newest"] < bare + 0.25 and warm["tops"] == 1) if big else "",
            )
        )
        rows.append(
            (
                f"warm start {label}: complete list",
                f"{warm['complete']:.1f} s ({warm['rows']:,} rows, {warm['cached']:,} from the cache)",
                "< 1.5 s" if big else "",
                verdict(warm["complete"] < 1.5) if big else "",
            )
        )
        rss = max(cold["rss_mb"], warm["rss_mb"])
        rows.append(
            (
                f"peak memory (RSS), {label} loaded",
                f"{rss:,.0f} MB (cold {cold['rss_mb']:,.0f}, warm {warm['rss_mb']:,.0f})",
                "< 300 MB" if big else "",
                verdict(rss < 300) if big else "",
            )
        )
        print(f"== full-text search at {label}", flush=True)
        fulltext = (label, bench_fulltext.main(str(folder), str(cache_file)))

    print("== headline search at 100k", flush=True)
    search = asyncio.run(bench_list.run(100_000))
    rows.append(
        (
            "headline search 100k, key to filtered list",
            f"p50 {ms(search['search_p50'])}, p95 {ms(search['search_p95'])}",
            "p95 < 16 ms",
            verdict(search["search_p95"] < 0.016),
        )
    )
    if fulltext is not None:
        label, figures = fulltext
        rows.append(
            (
                f"full-text search {label}, query to filtered list",
                f"p50 {ms(figures['p50'])}, p95 {ms(figures['p95'])} ({figures['queries']} queries as typed; "
                f"median {figures['hits_median']:,.0f} hits)",
                "p95 < 50 ms",
                verdict(figures["p95"] < 0.05) if label == "100k" else "",
            )
        )
    shutil.rmtree(caches, ignore_errors=True)

    print("== reading state at 100k", flush=True)
    state = asyncio.run(bench_state.run(100_000))
    rows.append(
        (
            "reading state 100k: key 1/2 (all / unread view) to the list shown",
            f"p50 {ms(state['view_p50'])}, max {ms(state['view_max'])}",
            "",
            "",
        )
    )
    rows.append(
        (
            "reading state 100k: key m to the header's new unread count",
            f"p50 {ms(state['m_p50'])}, max {ms(state['m_max'])} (the file written by a thread: "
            f"p50 {state['write_one_p50'] * 1000:.2f} ms)",
            "",
            "",
        )
    )
    rows.append(("reading state 100k: key M on every article to 0 unread", ms(state["mark_all"]), "", ""))
    rows.append(("reading state: open a file of 50k read articles", ms(state["open"]), "", ""))

    print("== reading pane", flush=True)
    rows += pane_rows(asyncio.run(bench_pane.run()))

    print("== live", flush=True)
    live = bench_live.main(10_000)
    rows.append(
        (
            "live (10k loaded): file written to next paint",
            f"p50 {ms(live['paint_p50'])}, p95 {ms(live['paint_p95'])}",
            "< 0.5 s",
            verdict(live["paint_p95"] < 0.5),
        )
    )
    rows.append(
        (
            "live: keys during a 1,000-page burst",
            f"p50 {ms(live['keys_p50'])}, p95 {ms(live['keys_p95'])}, max {ms(live['keys_max'])}",
            "< 50 ms",
            verdict(live["keys_p95"] < 0.05),
        )
    )
    rows.append(("live: 1,000-page burst, copy to all listed", f"{live['burst']:.1f} s", "", ""))

    print("== page shapes that were quadratic", flush=True)
    for shape, figures in bench_shapes.main().items():
        rows.append(
            (
                f"parse a 2 MB page of {shape.replace('_', ' ')}",
                f"{figures['seconds_2mb']:.2f} s ({figures['mb_s']:.2f} MB/s; ×{figures['growth']:.1f} from 0.5 MB)",
                "linear: about ×4",
                verdict(figures["growth"] < 6),
            )
        )

    real: list[str] = []
    if (bench_realpages.DEFAULT_ROOT / "score.py").exists():
        print("== real pages", flush=True)
        real_rows = bench_realpages.main()
        real = [
            "",
            "## The parser on real pages",
            "",
            "`python benchmarks/bench_realpages.py`: the shared scorer on `../shared/realpages/`, on the",
            "part of the dev set used for tuning and on the held-out part (see the script), figures only.",
            "",
            "| measure | tuning part | held-out part | target |",
            "| --- | --- | --- | --- |",
            *(f"| {what} | {tuning} | {held} | {target} |" for what, tuning, held, target in real_rows),
        ]

    machine = (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {date.today().isoformat()}"
    )
    table = ["| measure | figure | target | |", "| --- | --- | --- | --- |"]
    table += [f"| {what} | {figure} | {target} | {mark} |" for what, figure, target, mark in rows]
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `python benchmarks/run.py{' --quick' if args.quick else ''}` on {machine}.",
            "Targets are issue 5's, for this 2-core machine (issue 6 set none for reading state).",
            "",
            *table,
            *real,
            "",
        ]
    )
    (HERE / "RESULTS.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
