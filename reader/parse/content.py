"""How likely each line of a page is article text, from its shape and its neighbours.

A logistic model: each line is described by a few dozen numbers (its length, how it
starts, its letters and digits, how much running text stands around it, where it
lies relative to the page's densest text), weighted by `content_weights.json`. The
numbers are shapes and counts, never words, so the model carries to sites and
languages it was not trained on. The weights are made by `tools/train_content.py`
from the tuning part of the dev set of real pages.

What the features are made of is worked out once per page, a list per quantity
(`_page`); `line_scores` then weighs each line in one expression, and `line_shapes`
gives the same features as columns for training (a test holds the two together).
Per-character counts look at a line's first `_SAMPLE` characters only, so a 5 MB
paragraph costs no more than a short one.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reader.parse.lines import ends_sentence, is_terminator, prose_shaped, unspaced_share, words_in

_SAMPLE = 100
_TABLE = 256
_LOG1P = [math.log1p(n) for n in range(_TABLE)]
# The last characters of a sentence (`.`, `。`), or of what may close one (`"`, `)`).
_STOPS = frozenset(".!?…。！？؟।")
_ENDINGS = _STOPS | frozenset("\"”»'’)“」』）》")
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


def load_weights(file_name: str, names: Sequence[str]) -> tuple[float, ...]:
    """A model's weights from its file in this package, in the order of `names`."""
    data = json.loads(files("reader.parse").joinpath(file_name).read_text("utf-8"))
    by_name: dict[str, float] = data["weights"]
    return tuple(by_name.get(name, 0.0) for name in names)


@cache
def weights() -> tuple[float, ...]:
    """The model's weights, in the order of FEATURES."""
    return load_weights("content_weights.json", FEATURES)


@dataclass(slots=True)
class LineShapes:
    """What the model reads of the lines with text: their indices in the page, and
    the columns of FEATURES, one value per line."""

    indices: list[int]
    columns: list[list[float]]


@dataclass(slots=True)
class _Page:
    """What the features are made of, worked out once per page."""

    shown: list[int]
    lines: list[str]
    sizes: list[int]
    logs: list[float]
    words: list[int]
    counted: list[tuple[int, int]]
    counts: dict[str, int]
    chrome: list[bool]
    before: list[int]
    prose_before: list[float]
    prose_around: list[float]
    runs: list[tuple[int, float]]
    anchor: int
    terminator_between: list[bool]


def _page(texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool]) -> _Page | None:
    shown = [i for i, text in enumerate(texts) if text]
    n = len(shown)
    if not n:
        return None
    lines = [texts[i] for i in shown]
    sizes = list(map(len, lines))
    unspaced = [0.0 if t.isascii() else unspaced_share(t) for t in lines]
    words = [t.count(" ") + 1 if not u else words_in(t, u) for t, u in zip(lines, unspaced, strict=True)]
    ends = [t[-1] in _STOPS or ends_sentence(t) if t[-1] in _ENDINGS else False for t in lines]
    prose = list(map(prose_shaped, sizes, words, unspaced, ends))
    counts: dict[str, int] = {}
    for text in lines:
        counts[text] = counts.get(text, 0) + 1
    # The anchor: the middle of the densest running text.
    chars_sum = _prefix([size if p else 0 for size, p in zip(sizes, prose, strict=True)])
    window_chars = _window_sums(chars_sum, _ANCHOR_WINDOW, _ANCHOR_WINDOW)
    anchor = window_chars.index(max(window_chars))
    terminator_sum = _prefix(
        [1 if size <= 60 and is_terminator(norms[i]) else 0 for size, i in zip(sizes, shown, strict=True)]
    )
    at_anchor, past_anchor = terminator_sum[anchor], terminator_sum[anchor + 1]
    prose_sum = _prefix([1 if p else 0 for p in prose])
    return _Page(
        shown=shown,
        lines=lines,
        sizes=sizes,
        logs=[math.log1p(size) for size in sizes],
        words=words,
        counted=_letters_and_digits([t[:_SAMPLE] for t in lines]),
        counts=counts,
        chrome=[chrome[i] for i in shown],
        before=_prefix(sizes),
        prose_before=_window_means(prose_sum, 6, 0),
        prose_around=_window_means(prose_sum, 6, 6),
        runs=_runs(shown, [size <= _SHORT and not end for size, end in zip(sizes, ends, strict=True)]),
        anchor=anchor,
        # a line that ends articles (`Related`, `Comments`) between the line and the anchor
        terminator_between=[past_anchor > terminator_sum[k + 1] for k in range(anchor)]
        + [terminator_sum[k] > at_anchor for k in range(anchor, n)],
    )


def line_shapes(texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool]) -> LineShapes:
    """The features of every line with text, a column each in the order of FEATURES
    (for training; `line_scores` works them out line by line, and a test holds the
    two to the same numbers). `texts` are the page's lines with spaces collapsed,
    `norms` their normalised forms, `chrome` what the phrase lists marked."""
    page = _page(texts, norms, chrome)
    if page is None:
        return LineShapes([], [])
    n = len(page.shown)
    total_chars = page.before[-1]
    anchor = page.anchor
    columns: list[list[float]] = [
        [1.0] * n,
        [math.log1p(w) for w in page.words],
        [float(t[0].isalpha() and not t[0].isupper()) for t in page.lines],  # scripts without case too
        [float(t[0].isdigit()) for t in page.lines],
        [float(not t[0].isalnum()) for t in page.lines],
        [
            letters / min(size, _SAMPLE)
            for (letters, _digits), size in zip(page.counted, page.sizes, strict=True)
        ],
        [
            digits / min(size, _SAMPLE)
            for (_letters, digits), size in zip(page.counted, page.sizes, strict=True)
        ],
        [math.log(page.counts[t]) for t in page.lines],
        [float(c) for c in page.chrome],
        [b / total_chars for b in page.before[:-1]],
        page.prose_before,
        page.prose_around,
        [math.log(size) for size, _share in page.runs],
        [share for _size, share in page.runs],
        [0.0, *page.logs[:-1]],
        [*page.logs[1:], 0.0],
        [math.log1p(abs(k - anchor)) for k in range(n)],
        [float(k > anchor) for k in range(n)],
        [float(t) for t in page.terminator_between],
        [float(size < 20) for size in page.sizes],
        [float(size > 150) for size in page.sizes],
    ]
    return LineShapes(page.shown, columns)


def _letters_and_digits(texts: list[str]) -> list[tuple[int, int]]:
    """About how many letters and digits each text holds, counted on its bytes (ten
    times faster than by character): characters outside ASCII count as letters, as
    nearly all of them are in running text."""
    # The page's lines at once: one encoding and two deletions for the page, not per line
    # (none of them holds a line end, and deleting letters or digits leaves those).
    rest = "\n".join(texts).encode("ascii", "ignore").translate(None, _ASCII_LETTERS)
    without_letters = rest.split(b"\n")
    without_digits = rest.translate(None, _ASCII_DIGITS).split(b"\n")
    return [
        (len(text) - len(left), len(left) - len(plain))
        for text, left, plain in zip(texts, without_letters, without_digits, strict=True)
    ]


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
    sizes = [before + after] * n
    for k in [*range(min(n, before)), *range(max(0, n - after), n)]:  # the clipped ends
        sizes[k] = min(n, k + after + 1) - max(0, k - before) - 1
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
    texts: Sequence[str], norms: Sequence[str], chrome: Sequence[bool], unasked: Sequence[bool] = ()
) -> dict[int, float]:
    """The probability that each line with text is article text, by line index, for
    the lines that are neither chrome nor `unasked` (a feed's lines): the features of
    `line_shapes`, weighed line by line without making their columns (a third of the
    time)."""
    page = _page(texts, norms, chrome)
    if page is None:
        return {}
    (
        bias,
        w_words,
        w_lower,
        w_digit,
        w_mark,
        w_letters,
        w_digits,
        w_repeated,
        _w_chrome,  # chrome lines are not weighed here (see below)
        w_before,
        w_prose_before,
        w_prose_around,
        w_run,
        w_run_short,
        w_previous,
        w_next,
        w_anchor,
        w_after,
        w_terminator,
        w_tiny,
        w_long,
    ) = weights()
    logs, anchor, counts = page.logs, page.anchor, page.counts
    total_chars = page.before[-1]
    log, log1p, exp = math.log, math.log1p, math.exp
    # Terms that depend on a line's neighbours, summed first, a list each.
    previous = [0.0, *(w_previous * value for value in logs[:-1])]
    following = [*(w_next * value for value in logs[1:]), 0.0]
    placed = [
        w_anchor * log1p(abs(k - anchor)) + (w_after if k > anchor else 0.0) + w_before * before / total_chars
        for k, before in enumerate(page.before[:-1])
    ]
    scores: dict[int, float] = {}
    for i, text, size, words, (letters, digits), is_chrome, prose_before, prose_around, (
        run,
        run_short,
    ), ended, near, ahead, where in zip(
        page.shown,
        page.lines,
        page.sizes,
        page.words,
        page.counted,
        page.chrome,
        page.prose_before,
        page.prose_around,
        page.runs,
        page.terminator_between,
        previous,
        following,
        placed,
        strict=True,
    ):
        if is_chrome or (unasked and unasked[i]):
            continue  # never article text: the lines around it weigh it, no one asks for it
        first = text[0]
        sample = size if size < _SAMPLE else _SAMPLE
        z = (
            bias
            + w_words * (_LOG1P[words] if words < _TABLE else log1p(words))
            + (w_lower if first.isalpha() and not first.isupper() else 0.0)
            + (w_digit if first.isdigit() else 0.0)
            + (0.0 if first.isalnum() else w_mark)
            + (w_letters * letters + w_digits * digits) / sample
            + (w_repeated * log(counts[text]) if counts[text] > 1 else 0.0)
            + w_prose_before * prose_before
            + w_prose_around * prose_around
            + (w_run * log(run) if run > 1 else 0.0)
            + w_run_short * run_short
            + near
            + ahead
            + where
            + (w_terminator if ended else 0.0)
            + (w_tiny if size < 20 else w_long if size > 150 else 0.0)
        )
        scores[i] = 1.0 / (1.0 + exp(-max(-60.0, min(60.0, z))))
    return scores
