"""Parser throughput on synthetic pages in the seed's layout (~4 KB each).

Run: python benchmarks/bench_parse.py [COUNT]   (default 2000)
"""

from __future__ import annotations

import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import page_text  # noqa: E402
from reader.parse.article import parse_bytes  # noqa: E402

CAPTURED = datetime(2024, 6, 1, 12, 0)


def parse_all(blobs: list[bytes]) -> int:
    return sum(1 for n, blob in enumerate(blobs) if parse_bytes(blob, f"p{n}.txt", CAPTURED).article)


def main(count: int) -> dict:
    rng = random.Random(3)
    blobs = [page_text(n, rng).encode() for n in range(count)]
    megabytes = sum(map(len, blobs)) / 1e6
    print(f"{count:,} pages, {megabytes / count * 1e3:.1f} KB each on average")
    parse_all(blobs[:50])  # warm caches (phrase tables, regexes)
    t = time.perf_counter()
    parsed = parse_all(blobs)
    one = time.perf_counter() - t
    print(f"one process: {count / one:,.0f} pages/s, {megabytes / one:.1f} MB/s ({parsed:,} articles)")
    workers = os.cpu_count() or 1
    chunks = [blobs[i :: workers * 4] for i in range(workers * 4)]
    t = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        parsed = sum(pool.map(parse_all, chunks))
    every = time.perf_counter() - t
    print(
        f"{workers} processes: {count / every:,.0f} pages/s, {megabytes / every:.1f} MB/s (pool start included)"
    )
    return {
        "one": count / one,
        "one_mb": megabytes / one,
        "all": count / every,
        "all_mb": megabytes / every,
        "workers": workers,
        "count": count,
    }


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
