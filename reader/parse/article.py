"""Saved page text to an Article and its News Feed items.

The parser reads lines by their shape. First the chrome is marked (`page_lines`) and
the feed blocks are taken out (`feed`). The rest falls into segments between feed
blocks; a line model (`content`) says how likely each line is article text, and the
segment with the most likely text holds the article. In it the body is the best run
of article-like lines (`body`), and the header is read from the lines above it
(`header`).
"""

from __future__ import annotations

import re
from datetime import datetime

from reader.model import Article, FeedItem, Page, ParseError
from reader.parse import DEFAULT_MAX_BYTES, HTML_SUFFIXES
from reader.parse.body import (
    about_the_author,
    article_run,
    best_run,
    densest_start,
    past_header,
    read_body,
    run_weights,
)
from reader.parse.content import line_scores
from reader.parse.dates import find_date
from reader.parse.decode import decode_bytes, looks_like_html
from reader.parse.feed import FeedBlock, find_feed_blocks
from reader.parse.header import date_below, is_meta_or_author, read_header
from reader.parse.page_lines import Lines, Structure, mark_chrome
from reader.paths import shown_path

_BIO_CONTEXT = 4
_MAIN_WEIGHT = 1.0
_META_LINE = 80


def parse_bytes(data: bytes, source: str, captured: datetime, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Parse one saved page. Raises ParseError (naming `source`) for what is no page."""
    if len(data) > max_bytes:
        raise ParseError(f"{shown_path(source)}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    if source.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
        from reader.parse.html_page import parse_html  # the HTML parser is imported only for HTML

        return parse_html(data, source, captured)
    text, warnings = decode_bytes(data, source)
    return parse_text(text, source, captured, warnings)


def parse_text(
    text: str,
    source: str,
    captured: datetime,
    warnings: list[str] | None = None,
    structure: Structure | None = None,
) -> Page:
    """Parse page text that is already decoded and cleaned, with what an HTML page's
    elements say of its lines (`structure`)."""
    warnings = list(warnings or [])
    lines = mark_chrome(text)
    blocks = find_feed_blocks(lines.text, lines.norm, lines.chrome, captured)
    structure = structure or Structure()
    if structure.chrome is not None:
        # after the feed is looked for: a live feed is often an <aside>
        lines.chrome = [a or b for a, b in zip(lines.chrome, structure.chrome, strict=True)]
    for block in blocks:
        for i in range(block.start, block.end):
            lines.used[i] = True
    feed: tuple[FeedItem, ...] = tuple(item for block in blocks for item in block.items)
    stated = _stated_address(lines.text)
    if stated is not None:
        lines.chrome[stated[0]] = True  # the address line is no part of the article
    article = _article(lines, blocks, source, structure, stated[1] if stated else None)
    if article is None:
        warnings.append(f"{shown_path(source)}: no article found")
    return Page(source=source, captured=captured, article=article, feed=feed, warnings=tuple(warnings))


def _segments(lines: Lines, blocks: list[FeedBlock]) -> list[tuple[int, int]]:
    """The stretches of the page between its feed blocks: the article is in one.
    Lines that end an article (`Related`) do not cut them: such a line may head a
    box inside the article, and where the article ends the line model says."""
    cuts = sorted({0, len(lines.text)} | {b.start for b in blocks} | {b.end for b in blocks})
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if lines.content(a, b)]


_ADDRESS = re.compile(r"(?:[^\W\d_][\w ]{0,20}:\s*)?(https?://[^\s<>\"']{3,2000})")
_ADDRESS_LINES = 3


def _stated_address(texts: list[str]) -> tuple[int, str] | None:
    """The page's address and its line, when its text states it on a line of its
    own among its first or last lines (`https://…`, `Source: https://…`): a page
    saved with it."""
    shown = [i for i, text in enumerate(texts) if text]
    for i in (*shown[:_ADDRESS_LINES], *shown[-_ADDRESS_LINES:]):
        found = _ADDRESS.fullmatch(texts[i])
        if found is not None and found.group(1).isprintable():
            return i, found.group(1)
    return None


def _is_meta_line(text: str) -> bool:
    """A byline, a date or a reading time under a headline."""
    return is_meta_or_author(text) or (len(text) <= _META_LINE and find_date(text) is not None)


def _article_score(lines: Lines, scores: dict[int, float], start: int, end: int) -> float:
    """How much article text a segment holds: its lines' length, weighted by how
    likely each is article text (so a long comment thread or teaser list, which reads
    less like an article than the short story above it, loses to it)."""
    return sum(len(lines.text[i]) * scores[i] for i in lines.content(start, end) if scores[i] > 0.5)


def _article(
    lines: Lines, blocks: list[FeedBlock], source: str, structure: Structure, url: str | None
) -> Article | None:
    main = structure.main
    segments = _segments(lines, blocks)
    if not segments:
        return None
    scores = line_scores(lines.text, lines.norm, lines.chrome, lines.used)
    if main is not None:
        # The document's structure and the line model agree or are averaged: a line
        # inside the article's element is likelier article text, one outside less.
        for i, score in scores.items():
            scores[i] = (score + _MAIN_WEIGHT) / (1 + _MAIN_WEIGHT) if main[i] else score / (1 + _MAIN_WEIGHT)
    start, end = max(segments, key=lambda seg: (_article_score(lines, scores, *seg), -seg[0]))
    content = lines.content(start, end)
    # The body starts where the best run of article-like lines does, past its header
    # lines (when the run starts above the densest paragraphs, no further down than
    # they do); when the run is where they are, where they are.
    opening = densest_start(lines, content)
    weights = run_weights(lines, scores, content)
    run_start, run_end = best_run(lines, content, weights)
    if run_start != opening:
        limit = opening if run_start < opening else run_end
        opening = past_header(lines, scores, content, run_start, limit)
    if main is not None and structure.headline is not None and structure.headline in content:
        # The body opens under the headline the document marks, past its byline and date.
        under = content.index(structure.headline) + 1
        while under < opening and _is_meta_line(lines.text[content[under]]):
            under += 1
        opening = min(opening, under)
    header = read_header(lines, content, opening)
    if header is None:
        return None
    rest = content[header.body_from :]
    run = article_run(lines, scores, rest, weights[header.body_from :])
    if main is not None:
        # everything the article's element holds below the header is the article's
        kept = set(run)
        run = [i for i in rest if i in kept or main[i]]
    body, bio_authors = read_body(lines, run, header.authors)
    if not header.authors and not bio_authors and len(run) < len(rest):
        # An author's bio under the article reads unlike it, and the run ends above it:
        # looked for in the lines under the run (and the run's last few, to start from).
        bio_authors = read_body(lines, rest[max(0, len(run) - _BIO_CONTEXT) :], header.authors)[1]
    authors = header.authors or bio_authors or about_the_author(lines, end)
    published = header.published or date_below(lines, rest)
    return Article(
        url=url,
        title=header.title,
        subtitle=header.subtitle,
        authors=authors,
        published=published,
        read_minutes=header.read_minutes,
        category=header.category,
        body=tuple(body),
        source=source,
    )
