"""A page's lines, and what is known of each before the article is looked for:
chrome by the phrase lists (navigation, sharing, captions and their credits,
furniture blocks, labels with the line they label), and short lines that recur."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reader.parse.bylines import read_meta
from reader.parse.dates import find_date
from reader.parse.lines import (
    ends_sentence,
    is_chrome,
    is_credit_line,
    is_feed_header,
    is_label,
    is_terminator,
    lines_containing,
)
from reader.parse.phrases import normalise_spaced, phrases

# A short line seen this often on one page is furniture (`Subscribe`, `* indicates required`).
_REPEATS = 3
# A line over a credit line is its caption when it is no longer than this.
_CAPTION_MAX = 300


@dataclass(slots=True)
class Lines:
    """The page's lines with what is known of each."""

    text: list[str]
    norm: list[str]
    chrome: list[bool]
    repeated: list[bool]  # chrome only because it recurs on the page
    used: list[bool] = field(default_factory=list)

    def content(self, start: int, end: int) -> list[int]:
        """Indices of lines in start..end that may be article text."""
        return [i for i in range(start, end) if self.text[i] and not self.chrome[i] and not self.used[i]]


@dataclass(frozen=True, slots=True)
class Structure:
    """What an HTML page's elements say of its lines, a flag per line: `chrome`, inside
    navigation, asides, footers or furniture; `main`, inside the element that holds
    the article's paragraphs; `headline`, the line of the article's `<h1>`."""

    chrome: list[bool] | None = None
    main: list[bool] | None = None
    headline: int | None = None


def _collapsed(line: str) -> str:
    """The line with each run of spaces made one, and none at its ends (most lines
    have none to spare: seen at once, splitting and joining them costs five times more)."""
    # Printable means no whitespace but the ASCII space (the rest are controls or separators).
    if line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line
    return " ".join(line.split())


def mark_chrome(text: str) -> Lines:
    texts = [_collapsed(line) for line in text.split("\n")]
    norms = [normalise_spaced(t) for t in texts]
    containing = lines_containing(norms)
    # short lines (`is_short`, spelled out: it runs for every line)
    counts = Counter(
        n
        for t, n in zip(texts, norms, strict=True)
        if t and len(t) <= 40 and t.count(" ") < 4 and not ends_sentence(t)
    )
    chrome = [False] * len(texts)
    repeated = [False] * len(texts)
    label_pending = in_block = False
    p = phrases()
    for i, (t, n) in enumerate(zip(texts, norms, strict=True)):
        if not t:
            continue
        if in_block or n in p.block_starts:
            chrome[i] = True
            in_block = n not in p.block_ends
            continue
        if label_pending:
            chrome[i], label_pending = True, False
            continue
        if is_label(n):
            # the label's text is the next line: right under it, not after a blank
            chrome[i] = True
            label_pending = i + 1 < len(texts) and bool(texts[i + 1])
            continue
        credit = is_credit_line(n)
        if credit or is_chrome(t, n, i in containing):
            chrome[i] = True
            if (
                credit
                and i > 0
                and texts[i - 1]
                and len(texts[i - 1]) <= _CAPTION_MAX
                and read_meta(texts[i - 1]) is None  # a byline over a photo's credit is no caption
            ):
                chrome[i - 1] = True  # the caption the credit belongs to
        elif (
            counts[n] >= _REPEATS and not is_feed_header(n) and not is_terminator(n) and find_date(t) is None
        ):
            chrome[i] = repeated[i] = True
    return Lines(texts, norms, chrome, repeated, [False] * len(texts))
