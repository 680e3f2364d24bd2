"""The News Feed block of a page: short timestamped items, newest first.

An item is a clock time alone on a line, then a headline and a summary, or a single
paragraph. The block is found by its shape (clock-time lines recurring a few lines
apart), so it is found after the article, before it, with or without its
`News Feed` heading, and with ads between the items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reader.model import FeedItem
from reader.parse.bylines import read_meta
from reader.parse.dates import anchor_clock_times, parse_clock, parse_relative
from reader.parse.lines import LIST_BULLET, ends_sentence, is_feed_header, is_prose, is_terminator, word_count
from reader.parse.phrases import phrases

# Clock lines further apart than this many text lines belong to different blocks.
_MAX_ITEM_LINES = 6
_HEADLINE_MAX = 200
# Lines of an item without a time, between a feed heading and the first time.
_UNTIMED_ITEM_LINES = 2


@dataclass(frozen=True, slots=True)
class FeedBlock:
    """Where a feed block lies in the page's lines, and its items."""

    start: int
    end: int  # exclusive
    items: tuple[FeedItem, ...]


@dataclass(frozen=True, slots=True)
class _Stamp:
    clock: tuple[int, int] | None
    moment: datetime | None


def _unbulleted(text: str) -> str:
    """A line without the bullet a list item opens with (`• 09:10`)."""
    return text[len(LIST_BULLET) :] if text.startswith(LIST_BULLET) else text


def _stamp(text: str, captured: datetime) -> _Stamp | None:
    """The time a feed item's first line gives, or None if the line is no time."""
    text = _unbulleted(text)
    if len(text) > 40 or not text[:1].isalnum():
        return None
    if not text[0].isdigit() and text.strip().casefold() not in phrases().relative_now:
        return None  # a clock time and `5 min ago` open with a digit; `just now` is a phrase
    clock = parse_clock(text)
    if clock is not None:
        return _Stamp(clock, None)
    moment = parse_relative(text, captured)
    return None if moment is None else _Stamp(None, moment)


def _is_headline(text: str) -> bool:
    return len(text) <= _HEADLINE_MAX and text.count(". ") < 2


def _item(texts: list[str], time: datetime | None) -> FeedItem:
    if len(texts) >= 2 and _is_headline(texts[0]):
        return FeedItem(time, texts[0], " ".join(texts[1:]))
    return FeedItem(time, None, " ".join(texts) if texts else None)


def _text_lines_from(lines: list[str], skip: list[bool]) -> list[int]:
    """For each line, the first text line (not blank, not chrome) at or after it
    (`len(lines)` when none): looking ahead is then one step, however many blank
    lines follow, so no page shape makes reading a block quadratic."""
    following = [len(lines)] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        following[i] = i if lines[i] and not skip[i] else following[i + 1]
    return following


def _next_texts(lines: list[str], following: list[int], after: int, count: int) -> list[str]:
    found: list[str] = []
    i = following[after]
    while i < len(lines) and len(found) < count:
        found.append(lines[i])
        i = following[i + 1]
    return found


def _is_article_headline(candidate: str, following: str | None) -> bool:
    """Whether `candidate`, the line after a feed's last item, is the headline of an
    article that follows the block: a byline, date or reading-time line comes next,
    or a paragraph under a line that is none."""
    if following is None:
        return False
    if read_meta(following) is not None:
        return True
    return not is_prose(candidate) and is_prose(following)


def find_feed_blocks(
    lines: list[str], norms: list[str], skip: list[bool], captured: datetime
) -> list[FeedBlock]:
    """Every feed block in the page; `skip` marks chrome lines (ads, widgets)."""
    stamps = {i: s for i, text in enumerate(lines) if text and (s := _stamp(text, captured))}
    if not stamps:
        return []
    blocks: list[FeedBlock] = []
    order = sorted(stamps)
    cluster: list[int] = []
    clusters: list[list[int]] = []
    for index in order:
        if cluster and _text_lines_between(lines, skip, cluster[-1], index) > _MAX_ITEM_LINES:
            clusters.append(cluster)
            cluster = []
        cluster.append(index)
    clusters.append(cluster)
    following = _text_lines_from(lines, skip)
    for cluster in clusters:
        header = _header_before(lines, norms, skip, cluster[0])
        relative_only = all(stamps[i].clock is None for i in cluster)
        if header is None and (len(cluster) < 2 or relative_only):
            continue  # "2 hours ago" under comments is no feed without a heading
        block = _read_block(lines, norms, skip, following, cluster, stamps, header, captured)
        if block:
            blocks.append(block)
    return blocks


def _text_lines_between(lines: list[str], skip: list[bool], a: int, b: int) -> int:
    return sum(1 for i in range(a + 1, b) if lines[i] and not skip[i])


def _header_before(lines: list[str], norms: list[str], skip: list[bool], index: int) -> int | None:
    """A feed heading above the first time: right above it, or above one untimed item."""
    texts = 0
    for i in range(index - 1, max(-1, index - 10), -1):
        if not lines[i]:
            continue
        if is_feed_header(norms[i]):
            return i
        if not skip[i]:
            texts += 1
            if texts > _UNTIMED_ITEM_LINES:
                return None
    return None


def _read_block(
    lines: list[str],
    norms: list[str],
    skip: list[bool],
    following: list[int],
    cluster: list[int],
    stamps: dict[int, _Stamp],
    header: int | None,
    captured: datetime,
) -> FeedBlock | None:
    texts_per_item: list[list[str]] = []
    end = cluster[-1] + 1
    most = 2  # lines of the longest item before the last
    for n, index in enumerate(cluster):
        last = n == len(cluster) - 1
        if last:
            most = max((len(texts) for texts in texts_per_item), default=2)
        stop = len(lines) if last else cluster[n + 1]
        texts: list[str] = []
        i = index + 1
        while i < stop:
            text = lines[i]
            if not text or skip[i]:
                # Blank and chrome lines change nothing: on to the next text line.
                i = min(following[i], stop)
                continue
            if last and (is_terminator(norms[i]) or is_feed_header(norms[i])):
                break
            if texts and not ends_sentence(text) and word_count(text) < 8:
                if last:
                    break  # "Load more updates" under the last item
                i += 1
                continue  # a button between items; a summary is a sentence
            texts.append(_unbulleted(text))
            i += 1
            if last and _last_item_complete(texts, most, lines, following, i):
                break
        texts_per_item.append(texts)
        end = i
    while end > cluster[-1] + 1 and not lines[end - 1]:
        end -= 1
    clocks = [stamps[i].clock for i in cluster]
    anchored = anchor_clock_times(clocks, captured)
    times = [stamps[i].moment if stamps[i].clock is None else anchored[n] for n, i in enumerate(cluster)]
    items = tuple(_item(texts, time) for texts, time in zip(texts_per_item, times, strict=True) if texts)
    if header is not None:
        untimed = [_unbulleted(lines[i]) for i in range(header + 1, cluster[0]) if lines[i] and not skip[i]]
        if untimed:
            items = (_item(untimed, None), *items)
    if not items:
        return None
    return FeedBlock(header if header is not None else cluster[0], end, items)


def _last_item_complete(
    texts: list[str],
    most: int,
    lines: list[str],
    following: list[int],
    after: int,
) -> bool:
    """Whether the block's last item has all its lines: as many as the longest item
    before it (`most`), a single paragraph, or a headline and summary; never the headline of
    an article that follows the block."""
    if not texts:
        return False
    if not _is_headline(texts[0]) or (len(texts[0]) > 120 and ends_sentence(texts[0])):
        return True
    if len(texts) >= max(most, 1):
        return True
    upcoming = _next_texts(lines, following, after, 2)
    if not upcoming:
        return True
    return _is_article_headline(upcoming[0], upcoming[1] if len(upcoming) > 1 else None)
