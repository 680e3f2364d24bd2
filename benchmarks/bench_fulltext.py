"""Full-text search over a folder already in a parse cache: each query as the user
types it (from its third character on), timed from the query to the filtered list
of articles (the FTS5 lookup and the store's list order), as the app's search
worker does it.

Run: python benchmarks/bench_fulltext.py FOLDER CACHE_FILE   (run the reader on
     FOLDER with that cache first, e.g. through benchmarks/run.py)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.library.ingest import Ingest  # noqa: E402
from reader.library.store import Store  # noqa: E402
from reader.storage.cache import PageCache  # noqa: E402

QUERIES = [
    "council budget",
    "flood river",
    "zurich tram",
    "ferry service",
    "night trains",
    "hospital workers pay",
    "drought farmers",
    "museum library",
    "kyiv",
    "election results mayor",
]


def typed(query: str) -> list[str]:
    return [query[:n] for n in range(3, len(query) + 1) if not query[:n].endswith(" ")]


def main(folder: str, cache_file: str) -> dict:
    cache = PageCache(cache_file)
    store = Store(texts=cache)
    Ingest(store, lambda progress: None, cache=cache).load([os.path.abspath(folder)])
    times, hits = [], []
    for query in QUERIES:
        for text in typed(query):
            started = time.perf_counter()
            result = store.search_rows(text, cache.search_rows(text) or ())
            times.append(time.perf_counter() - started)
            hits.append(len(result.articles))
    times.sort()
    figures = {
        "articles": len(store.articles()),
        "queries": len(times),
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95)],
        "max": times[-1],
        "hits_median": statistics.median(hits),
    }
    print(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
