"""Saved page text to an Article and its News Feed items.

The parser reads lines by their shape. First the chrome is marked (phrase lists,
captions, repeated furniture, lines without letters) and the feed blocks are taken
out. The rest is cut into segments at lines that end an article (`MORE NEWS`); the
segment with the most running text holds the article. In it, the meta lines (byline,
date, reading time) anchor the header: the headline is the last headline-shaped line
before them (with a standfirst and section line around it), author lines stand next
to them, and the body is what follows, up to the last paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from reader.bylines import Meta, is_relative_time, name_line_authors, read_meta
from reader.decode import decode_bytes
from reader.feed import FeedBlock, find_feed_blocks
from reader.lines import (
    ends_sentence,
    is_chrome,
    is_feed_header,
    is_label,
    is_prose,
    is_short,
    is_terminator,
    normalise,
    word_count,
)
from reader.model import Article, FeedItem, Page, ParseError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A short line seen this often on one page is furniture (`Subscribe`, `* indicates required`).
_REPEATS = 3
_TITLE_MAX = 300
# Meta lines are looked for until this many paragraphs of body have gone by.
_META_SEARCH_PARAGRAPHS = 2


@dataclass(slots=True)
class _Lines:
    """The page's lines with what is known of each."""

    text: list[str]
    norm: list[str]
    chrome: list[bool]
    used: list[bool] = field(default_factory=list)

    def content(self, start: int, end: int) -> list[int]:
        """Indices of lines in start..end that may be article text."""
        return [i for i in range(start, end) if self.text[i] and not self.chrome[i] and not self.used[i]]


def parse_bytes(
    data: bytes, source: str, captured: datetime, max_bytes: int = DEFAULT_MAX_BYTES
) -> Page:
    """Parse one saved page. Raises ParseError (naming `source`) for what is no page."""
    if len(data) > max_bytes:
        raise ParseError(f"{source}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    text, warnings = decode_bytes(data, source)
    return parse_text(text, source, captured, warnings)


def parse_text(text: str, source: str, captured: datetime, warnings: list[str] | None = None) -> Page:
    """Parse page text that is already decoded and cleaned."""
    warnings = list(warnings or [])
    lines = _mark_chrome(text)
    blocks = find_feed_blocks(lines.text, lines.norm, lines.chrome, captured)
    for block in blocks:
        for i in range(block.start, block.end):
            lines.used[i] = True
    feed: tuple[FeedItem, ...] = tuple(item for block in blocks for item in block.items)
    article = _article(lines, blocks, source, captured)
    if article is None:
        warnings.append(f"{source}: no article found")
    return Page(source=source, captured=captured, article=article, feed=feed, warnings=tuple(warnings))


def _mark_chrome(text: str) -> _Lines:
    texts = [" ".join(line.split()) for line in text.split("\n")]
    norms = [normalise(t) for t in texts]
    counts = Counter(n for t, n in zip(texts, norms) if t and is_short(t))
    chrome = [False] * len(texts)
    label_pending = False
    for i, (t, n) in enumerate(zip(texts, norms)):
        if not t:
            continue
        if label_pending:
            chrome[i], label_pending = True, False
            continue
        if is_label(n):
            chrome[i], label_pending = True, True
            continue
        chrome[i] = is_chrome(t, n) or (counts[n] >= _REPEATS and not is_feed_header(n) and not is_terminator(n))
    return _Lines(texts, norms, chrome, [False] * len(texts))


def _segments(lines: _Lines, blocks: list[FeedBlock]) -> list[tuple[int, int]]:
    """Runs of lines between feed blocks and article-ending lines."""
    cuts = sorted({b.start for b in blocks} | {b.end for b in blocks})
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, norm in enumerate(lines.norm):
        if i in cuts or (lines.text[i] and not lines.used[i] and is_terminator(norm)):
            if start < i:
                bounds.append((start, i))
            start = i + 1 if not lines.used[i] or i not in cuts else i
    bounds.append((start, len(lines.text)))
    return [(a, b) for a, b in bounds if lines.content(a, b)]


def _prose_score(lines: _Lines, start: int, end: int) -> int:
    return sum(len(lines.text[i]) for i in lines.content(start, end) if is_prose(lines.text[i]))


def _article(lines: _Lines, blocks: list[FeedBlock], source: str, captured: datetime) -> Article | None:
    segments = _segments(lines, blocks)
    if not segments:
        return None
    start, end = max(segments, key=lambda seg: (_prose_score(lines, *seg), -seg[0]))
    content = lines.content(start, end)
    header = _read_header(lines, content, captured)
    if header is None:
        return None
    body, bio_authors = _read_body(lines, content, header.body_from, end)
    authors = header.authors or bio_authors
    return Article(
        title=header.title,
        subtitle=header.subtitle,
        authors=authors,
        published=header.published,
        read_minutes=header.read_minutes,
        category=header.category,
        body=tuple(body),
        source=source,
    )


@dataclass(slots=True)
class _Header:
    title: str
    subtitle: str | None = None
    category: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    read_minutes: int | None = None
    body_from: int = 0  # position in the content list where the body starts


def _is_nav_item(lines: _Lines, i: int) -> bool:
    """A short line directly under or over another short line: part of a menu."""
    if not is_short(lines.text[i]):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines.text) and lines.text[j] and not lines.chrome[j] and not lines.used[j]:
            if is_short(lines.text[j]):
                return True
    return False


def _is_headline(text: str) -> bool:
    return len(text) <= _TITLE_MAX and not is_prose(text) or (len(text) <= 160 and text.endswith("?"))


def _first_meta(lines: _Lines, content: list[int], captured: datetime) -> tuple[int, Meta] | None:
    paragraphs = 0
    for pos, i in enumerate(content):
        text = lines.text[i]
        meta = read_meta(text, captured)
        if meta is not None and pos > 0:
            return pos, meta
        if is_prose(text):
            paragraphs += 1
            if paragraphs >= _META_SEARCH_PARAGRAPHS:
                return None
    return None


def _read_header(lines: _Lines, content: list[int], captured: datetime) -> _Header | None:
    if not content:
        return None
    found = _first_meta(lines, content, captured)
    if found is not None:
        meta_pos, _ = found
        candidates = content[:meta_pos]
    else:
        first_prose = next((pos for pos, i in enumerate(content) if is_prose(lines.text[i])), len(content))
        meta_pos = first_prose if first_prose > 0 else 1
        candidates = content[:meta_pos]
    # Author lines just above the meta lines (`Name in City` then the date).
    authors: list[str] = []
    while len(candidates) >= 2 and any(word_count(lines.text[i]) >= 4 for i in candidates[:-1]):
        names = name_line_authors(lines.text[candidates[-1]])
        if names is None:
            break
        authors[:0] = names
        candidates = candidates[:-1]
    title_pos, subtitle_pos = _pick_title(lines, candidates)
    header = _Header(title=lines.text[candidates[title_pos]])
    if subtitle_pos is not None:
        header.subtitle = lines.text[candidates[subtitle_pos]]
    header.category = _category(lines, candidates, title_pos)
    pos = len(candidates) if found is None else meta_pos
    if found is None and subtitle_pos is None:
        pos = title_pos + 1
    pos, meta_authors = _read_meta_block(lines, content, pos, header, captured)
    header.authors = tuple(dict.fromkeys([*authors, *meta_authors]))
    header.body_from = pos
    return header


def _pick_title(lines: _Lines, candidates: list[int]) -> tuple[int, int | None]:
    """Which candidate is the headline and which (if any) the standfirst under it."""
    if len(candidates) >= 2:
        prev, last = candidates[-2], candidates[-1]
        prev_text, last_text = lines.text[prev], lines.text[last]
        if (
            _is_headline(prev_text)
            and word_count(prev_text) >= 4
            and not _is_nav_item(lines, prev)
            and word_count(last_text) >= 6
            and (len(last_text) > len(prev_text) or ends_sentence(last_text))
            and not prev_text.endswith(".")
        ):
            return len(candidates) - 2, len(candidates) - 1
    for pos in range(len(candidates) - 1, -1, -1):
        if _is_headline(lines.text[candidates[pos]]) and not (pos > 0 and _is_nav_item(lines, candidates[pos]) and is_short(lines.text[candidates[pos]]) and word_count(lines.text[candidates[pos]]) < 3):
            return pos, None
    return len(candidates) - 1, None


def _category(lines: _Lines, candidates: list[int], title_pos: int) -> str | None:
    """A section name standing alone just above the headline (`World`)."""
    if title_pos == 0:
        return None
    i = candidates[title_pos - 1]
    title_index = candidates[title_pos]
    if any(lines.text[j] for j in range(i + 1, title_index)):
        return None
    text = lines.text[i]
    if not is_short(text) or text.endswith((".", ",", ":")):
        return None
    above = i - 1
    if above >= 0 and lines.text[above] and not lines.chrome[above] and not lines.used[above]:
        return None
    return text


def _read_meta_block(
    lines: _Lines, content: list[int], pos: int, header: _Header, captured: datetime
) -> tuple[int, list[str]]:
    """Read bylines, dates, reading times, author and affiliation lines from `pos`
    until the body begins; return where it begins and the authors found."""
    authors: list[str] = []
    after_author = False
    while pos < len(content):
        text = lines.text[content[pos]]
        meta = read_meta(text, captured)
        if meta is not None:
            authors.extend(meta.authors)
            if header.published is None and meta.published is not None:
                header.published = meta.published
            if header.read_minutes is None and meta.read_minutes is not None:
                header.read_minutes = meta.read_minutes
            after_author = bool(meta.authors)
            pos += 1
            continue
        if is_relative_time(text):
            pos += 1
            continue
        names = name_line_authors(text)
        if names is not None:
            authors.extend(names)
            after_author = True
            pos += 1
            continue
        if after_author and _is_affiliation(text) and pos + 1 < len(content):
            after_author = False
            pos += 1
            continue
        break
    return pos, authors


def _is_affiliation(text: str) -> bool:
    """`BBC News`, `Transport correspondent`: a short label under an author's name."""
    return len(text) <= 60 and word_count(text) <= 6 and not ends_sentence(text)


def _read_body(lines: _Lines, content: list[int], start: int, end: int) -> tuple[list[str], tuple[str, ...]]:
    """The body paragraphs from content position `start`, and authors of a bio block."""
    indices = content[start:]
    texts = [lines.text[i] for i in indices]
    texts, bio_authors = _drop_bio(texts)
    while texts and not ends_sentence(texts[-1]) and len(texts[-1]) < 100:
        texts.pop()
    return texts, bio_authors


def _drop_bio(texts: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """An author's bio after the article: a name alone, then a paragraph opening with
    it. The name is an author; neither line is body."""
    for n in range(len(texts) - 1):
        names = name_line_authors(texts[n])
        if names and len(names) == 1 and texts[n + 1].startswith(names[0].split()[0]) and n > 0:
            return texts[:n] + [t for t in texts[n + 2 :] if is_prose(t)], names
    return texts, ()
