"""HTML pages: the reader's parse against trafilatura's, pages per second on one core,
on the same real pages in the same run (the dev set's HTML in ../shared/realpages).

Run: python benchmarks/bench_html.py [COUNT] [--json]   (default 300 pages, drawn at
     random; --json: the figures as a JSON line last, for run.py)

trafilatura is the reference, not a dependency: `pip install trafilatura lxml_html_clean`
to measure it too; without it, only the reader is measured. The accuracy of both is
`python ../shared/realpages/score.py reader --html` (and a wrapper for trafilatura).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.parse.article import parse_bytes  # noqa: E402

REALPAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "realpages"
WARM = 20


def pages(count: int) -> list[tuple[str, bytes]]:
    found = sorted(REALPAGES.glob("*/html/*.html.gz"))
    chosen = random.Random(0).sample(found, min(count, len(found)))
    return [(path.name.removesuffix(".gz"), gzip.decompress(path.read_bytes())) for path in chosen]


def rate(parse: Callable[[str, bytes], object], given: list[tuple[str, bytes]]) -> float:
    """Pages per second of CPU time (one core), after a few to warm up."""
    for name, data in given[:WARM]:
        parse(name, data)
    start = time.process_time()
    for name, data in given:
        parse(name, data)
    return len(given) / (time.process_time() - start)


def main(count: int) -> dict[str, float | None]:
    given = pages(count)
    if not given:
        print(f"no pages in {REALPAGES}: nothing measured")
        return {"reader": None, "trafilatura": None}
    size = sum(len(data) for _, data in given) / len(given) / 1000
    captured = datetime(2020, 1, 1, 12, 0)
    ours = rate(lambda name, data: parse_bytes(data, name, captured, max_bytes=len(data)), given)
    print(f"{len(given)} pages of {size:.0f} KB on average")
    print(f"reader:      {ours:6.1f} pages/s on one core")
    try:
        import trafilatura  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("trafilatura: not installed (pip install trafilatura lxml_html_clean)")
        return {"reader": ours, "trafilatura": None}
    theirs = rate(lambda _name, data: trafilatura.bare_extraction(data, with_metadata=True), given)
    print(f"trafilatura: {theirs:6.1f} pages/s on one core · reader {ours / theirs:.1f}x (target ≥ 4x)")
    return {"reader": ours, "trafilatura": theirs}


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    figures = main(int(numbers[0]) if numbers else 300)
    if "--json" in sys.argv:
        print(json.dumps(figures))
