"""Which line above the body is the headline: a small logistic model of the line's
shape, its place, and the words it shares with the article's opening, weighed for
the few dozen lines above the body. Its weights (`headline_weights.json`, numbers
only) are learned by `tools/train_headline.py` from the tuning part of the dev set.

The rules before it took the last headline-shaped line above the byline, which is
as often a menu's link, a kicker or a share button as the headline; a line the
model weighs has, besides, the evidence of the opening's words, what stands around
it (a byline under it, a standfirst, a section line above) and its repeats on the
page (a headline is often both the page's title and its `<h1>`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from reader.parse.content import load_weights
from reader.parse.dates import find_date
from reader.parse.lines import ends_sentence, is_prose, is_short, unspaced_share, word_count
from reader.parse.page_lines import Lines

HEADLINE_FEATURES = (
    "bias",
    "from_last",  # candidates between the line and the body, logarithmic
    "lines_above_body",
    "words",
    "few_words",
    "many_words",
    "sentence",
    "colon",
    "shared_with_opening",
    "menu_item",
    "prose",
    "meta_under",
    "date",
    "capitals",
    "digit_first",
    "repeated",
    "short_above",
    "long_under",
    "breadcrumb",
    "separator",
    "characters",
    "lower_first",
    "layout_pick",
    "first_weighed",
    "most_shared",  # shares the most words with the opening of the lines weighed
)
# Only the lines this close above the body are weighed.
WINDOW = 40
_FEW_WORDS = 3
_MANY_WORDS = 20
_SHORT_ABOVE = 3
_LONG_UNDER = 12
_DATE_MAX = 80
_CAPITALS = 0.8
_SAMPLE = 100
_FEWEST_TELLING = 3
_MOST_SHARED = 0.3
_BREADCRUMB = re.compile(r" [»>/›] ")
_SEPARATOR = re.compile(r" [|–—-] ")
_WORD = re.compile(r"\w+")


@cache
def headline_weights() -> tuple[float, ...]:
    """The model's weights, in the order of HEADLINE_FEATURES."""
    return load_weights("headline_weights.json", HEADLINE_FEATURES)


@dataclass(slots=True)
class HeadlineInputs:
    """What the headline is chosen from: the lines above the body that may be it
    (positions in `content`), the author lines taken off their end, where the meta
    lines start (a position in `content`; None: no such lines), the body's position
    in `content` and its first line, the article's opening, and what the layout
    rules pick (headline, standfirst)."""

    candidates: list[int]
    authors: list[str]
    meta_start: int | None
    body: int
    body_line: int
    opening: str
    layout_pick: tuple[int, int | None]


def telling_words(text: str) -> set[str]:
    """The telling words of a text, for comparing a headline with the article: words
    of five letters or more (few function words are that long), or, in scripts
    written without spaces, pairs of characters."""
    folded = text.casefold()
    if unspaced_share(folded) > 0.3:
        letters = "".join(_WORD.findall(folded))
        return {letters[k : k + 2] for k in range(len(letters) - 1)}
    return {word for word in _WORD.findall(folded) if len(word) >= 5 and not word.isdigit()}


def shared(text: str, opening: set[str]) -> float:
    """The share of a line's telling words that the article's opening uses too. One
    or two telling words are weak evidence (`About us` shares `about` with many
    openings): a line is judged as if it had three at least."""
    words = telling_words(text)
    return len(words & opening) / max(len(words), _FEWEST_TELLING)


def is_nav_item(lines: Lines, i: int) -> bool:
    """A short line directly under or over another short line: part of a menu."""
    if not is_short(lines.text[i]):
        return False
    for j in (i - 1, i + 1):
        if (
            0 <= j < len(lines.text)
            and lines.text[j]
            and not lines.chrome[j]
            and not lines.used[j]
            and is_short(lines.text[j])
        ):
            return True
    return False


def headline_shapes(lines: Lines, found: HeadlineInputs) -> tuple[int, list[list[float]]]:
    """The position of the first candidate weighed, and the features of each one
    weighed from there (the last WINDOW), in the order of HEADLINE_FEATURES."""
    candidates, meta_start, layout_pick = found.candidates, found.meta_start, found.layout_pick[0]
    n = len(candidates)
    told = telling_words(found.opening)
    first = max(0, n - WINDOW)
    counts = Counter(lines.norm)  # a headline repeats anywhere on the page (so do menus)
    texts = lines.text
    shares = [shared(texts[candidates[pos]], told) for pos in range(first, n)]
    most = max(shares, default=0.0)
    rows: list[list[float]] = []
    for pos, share in zip(range(first, n), shares, strict=True):
        i = candidates[pos]
        text = texts[i]
        words = word_count(text)
        sample = text[:_SAMPLE]
        letters = sum(c.isalpha() for c in sample)
        capitals = sum(c.isupper() for c in sample) / letters if letters else 0.0
        above = texts[candidates[pos - 1]] if pos > 0 else ""
        under = texts[candidates[pos + 1]] if pos + 1 < n else ""
        rows.append(
            [
                1.0,
                math.log1p(n - 1 - pos),
                math.log1p(max(0, found.body_line - i)),
                math.log1p(words),
                float(words < _FEW_WORDS),
                float(words > _MANY_WORDS),
                float(ends_sentence(text)),
                float(text.endswith((":", "："))),
                share,
                float(is_nav_item(lines, i)),
                float(is_prose(text)),
                float(meta_start is not None and 0 < meta_start - pos <= 2),
                float(
                    len(text) <= _DATE_MAX and any(c.isdigit() for c in text) and find_date(text) is not None
                ),
                float(capitals > _CAPITALS),
                float(text[:1].isdigit()),
                float(counts[lines.norm[i]] >= 2),
                float(bool(above) and word_count(above) <= _SHORT_ABOVE),
                float(word_count(under) >= _LONG_UNDER),
                float(_BREADCRUMB.search(text) is not None),
                float(_SEPARATOR.search(text) is not None),
                math.log1p(len(text)),
                float(text[:1].isalpha() and text[:1].islower()),
                float(pos == layout_pick),
                float(pos == first),
                float(share == most >= _MOST_SHARED),
            ]
        )
    return first, rows


def likeliest_headline(lines: Lines, found: HeadlineInputs) -> int:
    """The candidate position of the line the model finds likeliest the headline."""
    if len(found.candidates) == 1:
        return 0  # nothing to choose from (and the opening's words are dear to gather)
    first, rows = headline_shapes(lines, found)
    weights = headline_weights()
    scores = [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]
    return first + scores.index(max(scores))
