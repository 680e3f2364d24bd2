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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reader.parse.lines import is_list_item, is_terminator

# Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_STOPS = ".!?…。！？؟।"
_CLOSERS = "\"”»'’)“」』）”"
# Characters per word in scripts without spaces, to count their words like others'.
_CHARS_PER_WORD = 2
_SAMPLE = 200
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_DIGIT_RUNS = re.compile(r"\d+")
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


def sentence_end(text: str) -> bool:
    """Whether a line ends like a sentence, in any script (`.`, `。`, `!”`, `؟`)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _STOPS


def unspaced_share(text: str) -> float:
    """The share of a line's characters from scripts written without spaces."""
    if text.isascii():
        return 0.0
    sample = text[:_SAMPLE]
    return len(_UNSPACED.findall(sample)) / len(sample)


def words_in(text: str, unspaced: float) -> int:
    """About how many words a line holds, in any script."""
    return max(text.count(" ") + 1, int(len(text) * unspaced) // _CHARS_PER_WORD)


def is_running_text(text: str, unspaced: float) -> bool:
    """A paragraph of running text, in any script: long, of many words, and a sentence."""
    size = len(text)
    if size < (25 if unspaced > 0.5 else 60) or words_in(text, unspaced) < 8:
        return False
    return sentence_end(text) or size >= 140


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
    unspaced = [unspaced_share(t) for t in lines]
    prose = [is_running_text(t, u) for t, u in zip(lines, unspaced, strict=True)]
    short = [s <= _SHORT and not sentence_end(t) for s, t in zip(sizes, lines, strict=True)]
    samples = [t[:_SAMPLE] for t in lines]
    counts: dict[str, int] = {}
    for text in lines:
        counts[text] = counts.get(text, 0) + 1
    total_chars = sum(sizes)

    # The anchor: the middle of the densest running text.
    chars_sum = _prefix([s if p else 0 for s, p in zip(sizes, prose, strict=True)])
    window_chars = _window_sums(chars_sum, _ANCHOR_WINDOW, _ANCHOR_WINDOW)
    anchor = window_chars.index(max(window_chars))
    terminators = [t <= 60 and is_terminator(norms[i]) for t, i in zip(sizes, shown, strict=True)]
    terminator_sum = _prefix([1 if t else 0 for t in terminators])
    prose_sum = _prefix([1 if p else 0 for p in prose])
    runs = _runs(shown, short)
    before = _prefix(sizes)
    columns: list[list[float]] = [
        [1.0] * n,
        [math.log1p(words_in(t, u)) for t, u in zip(lines, unspaced, strict=True)],
        [float(t[0].islower()) for t in lines],
        [float(t[0].isdigit()) for t in lines],
        [float(not t[0].isalnum()) for t in lines],
        [sum(map(len, _LETTER_RUNS.findall(s))) / len(s) for s in samples],
        [sum(map(len, _DIGIT_RUNS.findall(s))) / len(s) for s in samples],
        [math.log(counts[t]) for t in lines],
        [1.0 if chrome[i] else 0.0 for i in shown],
        [b / total_chars for b in before[:-1]],
        _window_means(prose_sum, 6, 0),
        _window_means(prose_sum, 6, 6),
        [math.log(size) for size, _share in runs],
        [share for _size, share in runs],
        [0.0] + [math.log1p(s) for s in sizes[:-1]],
        [math.log1p(s) for s in sizes[1:]] + [0.0],
        [math.log1p(abs(k - anchor)) for k in range(n)],
        [0.0] * (anchor + 1) + [1.0] * (n - anchor - 1),
        [
            float(terminator_sum[k] > terminator_sum[anchor] if k >= anchor else terminator_sum[anchor + 1] > terminator_sum[k + 1])
            for k in range(n)
        ],
        [float(s < 20) for s in sizes],
        [float(s > 150) for s in sizes],
    ]
    return LineShapes(shown, columns, prose)


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
    out: list[float] = []
    for k, total in enumerate(totals):
        count = min(n, k + after + 1) - max(0, k - before) - 1
        out.append((total - sums[k + 1] + sums[k]) / count if count > 0 else 0.0)
    return out


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


def line_scores(texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool]) -> tuple[dict[int, float], LineShapes]:
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
