"""Parsing time against page size for the shapes that once made it quadratic.

Each shape is parsed at about 0.5 MB and 2 MB; linear parsing takes about four times
as long for the larger page (a quadratic step, sixteen times).

Run: python benchmarks/bench_shapes.py
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.shapes import HTML_SHAPES, SHAPES  # noqa: E402
from reader.parse.article import parse_text  # noqa: E402
from reader.parse.html_page import parse_html  # noqa: E402

CAPTURED = datetime(2024, 6, 1, 12, 0)
SIZES = (500_000, 2_000_000)


def sized(shape, size: int) -> str:  # type: ignore[no-untyped-def]
    """The shape with as many repeats as make about `size` characters."""
    per_repeat = max(1, len(shape(1000)) - len(shape(0))) / 1000
    return shape(int(size / per_repeat))


def main() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for shape in [*SHAPES, *HTML_SHAPES]:
        seconds = []
        for size in SIZES:
            text = sized(shape, size)
            started = time.perf_counter()
            if shape in HTML_SHAPES:
                parse_html(text.encode(), "shape.html", CAPTURED)
            else:
                parse_text(text, "shape.txt", CAPTURED)
            seconds.append(time.perf_counter() - started)
        growth = seconds[1] / max(seconds[0], 1e-9)
        mb_s = SIZES[1] / 1e6 / seconds[1]
        results[shape.__name__] = {"seconds_2mb": seconds[1], "growth": growth, "mb_s": mb_s}
        print(
            f"{shape.__name__:28s} {seconds[0]:6.2f} s → {seconds[1]:6.2f} s  ×{growth:4.1f}  {mb_s:5.2f} MB/s"
        )
    return results


if __name__ == "__main__":
    main()
