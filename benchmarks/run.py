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
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import bench_list, bench_live, bench_parse  # noqa: E402
from benchmarks.synthetic import page_text  # noqa: E402

PAGES = HERE / ".pages"


def folder_of(count: int) -> Path:
    """A folder of `count` synthetic pages, written on first use."""
    folder = PAGES / f"{count}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(11)
        print(f"writing {count:,} pages to {folder} …", flush=True)
        for n in range(count):
            (folder / f"{n // 1000:03d}").mkdir(exist_ok=True)
            (folder / f"{n // 1000:03d}" / f"{n:06d}.txt").write_text(page_text(n, rng))
        done.write_text("")
    return folder


def start(target: str) -> dict:
    """One start in a fresh process, timed from just before it was launched."""
    started = time.time()
    done = subprocess.run([sys.executable, str(HERE / "startup.py"), target, repr(started)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="start-up at 10k pages only")
    args = parser.parse_args()
    sizes = [10_000] if args.quick else [10_000, 100_000]
    rows: list[tuple[str, str, str, str]] = []  # what, figure, target, verdict

    print("== parse throughput", flush=True)
    parse = bench_parse.main(4000)
    rows.append(("parse, one process", f"{parse['one']:,.0f} pages/s ({parse['one_mb']:.1f} MB/s)", "", ""))
    rows.append((f"parse, {parse['workers']} processes", f"{parse['all']:,.0f} pages/s ({parse['all_mb']:.1f} MB/s)",
                 "≥ 10,000 pages/s", verdict(parse["all"] >= 10_000)))

    print("== start-up", flush=True)
    bare = min(start("--bare")["first"] for _ in range(3))
    rows.append(("bare Textual app, process start to first paint", ms(bare), "", ""))
    for count in sizes:
        folder = folder_of(count)
        cold = start(str(folder))
        print(f"{count:,} pages: {cold}", flush=True)
        label = f"{count // 1000}k"
        first_target = 1.0 if count >= 100_000 else None
        rows.append((f"cold start {label}: first headline drawn", ms(cold["first"]),
                     "< 1 s" if first_target else "", verdict(cold["first"] < 1.0) if first_target else ""))
        rows.append((f"cold start {label}: complete list", f"{cold['complete']:.1f} s ({cold['rows']:,} rows)",
                     "< 15 s" if count >= 100_000 else "", verdict(cold["complete"] < 15) if count >= 100_000 else ""))
        rows.append((f"warm start {label}", "no parse cache yet: every start is cold",
                     f"first headline < {ms(bare + 0.25)}, complete < 1.5 s" if count >= 100_000 else "",
                     verdict(False) if count >= 100_000 else ""))
        rows.append((f"peak memory (RSS), {label} loaded", f"{cold['rss_mb']:,.0f} MB",
                     "< 300 MB" if count >= 100_000 else "", verdict(cold["rss_mb"] < 300) if count >= 100_000 else ""))

    print("== headline search at 100k", flush=True)
    search = asyncio.run(bench_list.run(100_000))
    rows.append(("headline search 100k, key to filtered list",
                 f"p50 {ms(search['search_p50'])}, p95 {ms(search['search_p95'])}",
                 "p95 < 16 ms", verdict(search["search_p95"] < 0.016)))
    rows.append(("full-text search 100k", "not built yet", "p95 < 50 ms", verdict(False)))

    print("== live", flush=True)
    live = bench_live.main(10_000)
    rows.append(("live (10k loaded): file written to next paint",
                 f"p50 {ms(live['paint_p50'])}, p95 {ms(live['paint_p95'])}", "< 0.5 s",
                 verdict(live["paint_p95"] < 0.5)))
    rows.append(("live: keys during a 1,000-page burst",
                 f"p50 {ms(live['keys_p50'])}, p95 {ms(live['keys_p95'])}, max {ms(live['keys_max'])}",
                 "< 50 ms", verdict(live["keys_p95"] < 0.05)))
    rows.append(("live: 1,000-page burst, copy to all listed", f"{live['burst']:.1f} s", "", ""))

    machine = (f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
               f"{platform.machine()}, {date.today().isoformat()}")
    table = ["| measure | figure | target | |", "| --- | --- | --- | --- |"]
    table += [f"| {what} | {figure} | {target} | {mark} |" for what, figure, target, mark in rows]
    text = "\n".join([
        "# Benchmark results", "",
        f"Written by `python benchmarks/run.py{' --quick' if args.quick else ''}` on {machine}.",
        "Targets are issue 5's, for this 2-core machine.", "",
        *table, "",
    ])
    (HERE / "RESULTS.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
