"""How likely each line of a page is article text, from its shape and its neighbours.

A logistic model: each line is described by a few dozen numbers (its length, how it
ends, its letters and punctuation, how much running text stands around it, where it
lies relative to the page's densest text), weighted by `content_weights.json`. The
numbers are shapes and counts, never words, so the model carries to sites and
languages it was not trained on. The weights are made by `tools/train_content.py`
from the tuning part of the dev set of real pages.

The numbers are worked out a feature at a time over all lines (a column each), not a
line at a time: that keeps the model's cost a small share of the parse. Per-character
counts look at a line's first `_SAMPLE` characters only, so a 5 MB paragraph costs no
more than a short one.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reader.parse.lines import ends_sentence, is_terminator, unspaced_share, words_in

_SAMPLE = 200
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_DIGITS = string.digits.encode("ascii")
_ANCHOR_WINDOW = 5
_SHORT = 40

FEATURES = (
    "bias",
    "words",
    "lower_start",
    "digit_start",
    "mark_start",
    "letters",
    "digits",
    "repeated",
    "chrome",
    "text_before",
    "prose_before",
    "prose_around",
    "run",
    "run_short",
    "previous_length",
    "next_length",
    "anchor_distance",
    "after_anchor",
    "terminator_between",
    "tiny",
    "long",
)


@cache
def weights() -> tuple[float, ...]:
    """The model's weights, in the order of FEATURES."""
    data = json.loads(files("reader.parse").joinpath("content_weights.json").read_text("utf-8"))
    by_name: dict[str, float] = data["weights"]
    return tuple(by_name.get(name, 0.0) for name in FEATURES)


@dataclass(slots=True)
class LineShapes:
    """What the model reads of the lines with text: their indices in the page, and
    the columns of FEATURES, one value per line."""

    indices: list[int]
    columns: list[list[float]]
    prose: list[bool]


def line_shapes(texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool]) -> LineShapes:
    """The features of every line with text. `texts` are the page's lines with spaces
    collapsed, `norms` their normalised forms, `chrome` what the phrase lists marked."""
    shown = [i for i, text in enumerate(texts) if text]
    n = len(shown)
    if not n:
        return LineShapes([], [], [])
    lines = [texts[i] for i in shown]
    sizes = [len(t) for t in lines]
    logs = [math.log1p(size) for size in sizes]
    unspaced = [unspaced_share(t) for t in lines]
    words = [words_in(t, u) for t, u in zip(lines, unspaced, strict=True)]
    ends = [ends_sentence(t) for t in lines]
    prose = [
        w >= 8 and size >= (25 if u > 0.5 else 60) and (end or size >= 140)
        for size, w, u, end in zip(sizes, words, unspaced, ends, strict=True)
    ]
    short = [size <= _SHORT and not end for size, end in zip(sizes, ends, strict=True)]
    counted = [_letters_and_digits(t[:_SAMPLE]) for t in lines]
    counts: dict[str, int] = {}
    for text in lines:
        counts[text] = counts.get(text, 0) + 1
    total_chars = sum(sizes)

    # The anchor: the middle of the densest running text.
    chars_sum = _prefix([size if p else 0 for size, p in zip(sizes, prose, strict=True)])
    window_chars = _window_sums(chars_sum, _ANCHOR_WINDOW, _ANCHOR_WINDOW)
    anchor = window_chars.index(max(window_chars))
    terminator_sum = _prefix(
        [1 if size <= 60 and is_terminator(norms[i]) else 0 for size, i in zip(sizes, shown, strict=True)]
    )
    at_anchor, past_anchor = terminator_sum[anchor], terminator_sum[anchor + 1]
    prose_sum = _prefix([1 if p else 0 for p in prose])
    runs = _runs(shown, short)
    before = _prefix(sizes)
    columns: list[list[float]] = [
        [1.0] * n,
        [math.log1p(w) for w in words],
        [float(t[0].isalpha() and not t[0].isupper()) for t in lines],  # scripts without case too
        [float(t[0].isdigit()) for t in lines],
        [float(not t[0].isalnum()) for t in lines],
        [letters / min(size, _SAMPLE) for (letters, _digits), size in zip(counted, sizes, strict=True)],
        [digits / min(size, _SAMPLE) for (_letters, digits), size in zip(counted, sizes, strict=True)],
        [math.log(counts[t]) for t in lines],
        [1.0 if chrome[i] else 0.0 for i in shown],
        [b / total_chars for b in before[:-1]],
        _window_means(prose_sum, 6, 0),
        _window_means(prose_sum, 6, 6),
        [math.log(size) for size, _share in runs],
        [share for _size, share in runs],
        [0.0, *logs[:-1]],
        [*logs[1:], 0.0],
        [math.log1p(abs(k - anchor)) for k in range(n)],
        [0.0] * (anchor + 1) + [1.0] * (n - anchor - 1),
        # a line that ends articles (`Related`, `Comments`) between the line and the anchor
        [float(past_anchor > terminator_sum[k + 1]) for k in range(anchor)]
        + [float(terminator_sum[k] > at_anchor) for k in range(anchor, n)],
        [float(size < 20) for size in sizes],
        [float(size > 150) for size in sizes],
    ]
    return LineShapes(shown, columns, prose)


def _letters_and_digits(text: str) -> tuple[int, int]:
    """About how many letters and digits a text holds, counted on its bytes (ten times
    faster than by character): characters outside ASCII count as letters, as nearly
    all of them are in running text."""
    data = text.encode("ascii", "ignore")
    size = len(data)
    others = len(text) - size
    return (
        others + size - len(data.translate(None, _ASCII_LETTERS)),
        size - len(data.translate(None, _ASCII_DIGITS)),
    )


def _prefix(values: list[int]) -> list[int]:
    sums = [0]
    total = 0
    for value in values:
        total += value
        sums.append(total)
    return sums


def _window_sums(sums: list[int], before: int, after: int) -> list[int]:
    """For each item of a series (given by its prefix sums), the sum of the items from
    `before` above it to `after` below it, itself included (clipped at the ends)."""
    n = len(sums) - 1
    low = ([0] * before + sums)[:n]
    high = (sums[after + 1 :] + [sums[n]] * (after + 1))[:n]
    return [b - a for a, b in zip(low, high, strict=True)]


def _window_means(sums: list[int], before: int, after: int) -> list[float]:
    """For each item of a 0/1 series (given by its prefix sums), the mean of the
    `before` items above it and the `after` items below it, itself left out."""
    n = len(sums) - 1
    totals = _window_sums(sums, before, after)
    sizes = [min(n, k + after + 1) - max(0, k - before) - 1 for k in range(n)]
    return [
        (total - high + low) / size if size > 0 else 0.0
        for total, high, low, size in zip(totals, sums[1:], sums, sizes, strict=False)
    ]


def _runs(shown: list[int], short: list[bool]) -> list[tuple[int, float]]:
    """For each line with text: the length of the run of lines it stands in (no blank
    line between them) and the share of short lines in that run."""
    found: list[tuple[int, float]] = []
    start = 0
    for k in range(1, len(shown) + 1):
        if k < len(shown) and shown[k] == shown[k - 1] + 1:
            continue
        size = k - start
        share = sum(short[start:k]) / size
        found.extend([(size, share)] * size)
        start = k
    return found


def line_scores(
    texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool]
) -> tuple[dict[int, float], LineShapes]:
    """The probability that each line with text is article text, by line index, and
    the shapes it was worked out from."""
    shapes = line_shapes(texts, norms, chrome)
    z = [0.0] * len(shapes.indices)
    for weight, column in zip(weights(), shapes.columns, strict=True):
        if weight:
            z = [a + weight * b for a, b in zip(z, column, strict=True)]
    scores = {
        i: 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, value))))
        for i, value in zip(shapes.indices, z, strict=True)
    }
    return scores, shapes
