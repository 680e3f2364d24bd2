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

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from reader.model import Article, FeedItem, Page, ParseError
from reader.parse.bylines import is_person_name, name_line_authors, read_meta
from reader.parse.content import line_scores
from reader.parse.decode import decode_bytes
from reader.parse.feed import FeedBlock, find_feed_blocks
from reader.parse.lines import (
    ends_sentence,
    is_chrome,
    is_credit_line,
    is_feed_header,
    is_label,
    is_link_label,
    is_list_item,
    is_prose,
    is_short,
    is_terminator,
    lines_containing,
    normalise,
    unspaced_share,
    word_count,
)
from reader.parse.phrases import phrases
from reader.paths import shown_path

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A short line seen this often on one page is furniture (`Subscribe`, `* indicates required`).
_REPEATS = 3
_TITLE_MAX = 300
# A headline shares at least this share of its words with the article's first lines.
_TITLE_EVIDENCE = 0.34
_TITLE_MARGIN = 0.2
_HEADLINE_SHAPE = 0.15
_EVIDENT_TITLE_MAX = 200
# Two sentences in a line: a paragraph, not a headline.
_SENTENCE_BREAK = re.compile(r"[a-z\u00df-\u024f\u0430-\u044f][.!?] +[A-Z\u00c0-\u00de\u0410-\u042f]")
_LEAD_LINES = 4
_LEAD_CHARS = 4000
_TITLE_WINDOW = 40
_WORD = re.compile(r"\w+")
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")
_SITE_NAME_MAX = 40
_CAPTION_MAX = 300
# Meta lines are looked for this many content lines above the body, and belong
# together when fewer than this many other lines stand between them.
_HEADER_WINDOW = 16
_META_GAP = 4
# How far up from the end a date alone on a line is taken as the publication date.
_TAIL_DATE_LINES = 3


@dataclass(slots=True)
class _Lines:
    """The page's lines with what is known of each."""

    text: list[str]
    norm: list[str]
    chrome: list[bool]
    repeated: list[bool]  # chrome only because it recurs on the page
    used: list[bool] = field(default_factory=list)

    def content(self, start: int, end: int) -> list[int]:
        """Indices of lines in start..end that may be article text."""
        return [i for i in range(start, end) if self.text[i] and not self.chrome[i] and not self.used[i]]


def parse_bytes(data: bytes, source: str, captured: datetime, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Parse one saved page. Raises ParseError (naming `source`) for what is no page."""
    if len(data) > max_bytes:
        raise ParseError(f"{shown_path(source)}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
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
    article = _article(lines, blocks, source)
    if article is None:
        warnings.append(f"{shown_path(source)}: no article found")
    return Page(source=source, captured=captured, article=article, feed=feed, warnings=tuple(warnings))


def _mark_chrome(text: str) -> _Lines:
    texts = [" ".join(line.split()) for line in text.split("\n")]
    # `normalise`, short of collapsing spaces again: these lines have single spaces
    norms = [t.casefold() if t.isascii() else normalise(t) for t in texts]
    containing = lines_containing(norms)
    counts = Counter(n for t, n in zip(texts, norms, strict=True) if t and is_short(t))
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
            if credit and i > 0 and texts[i - 1] and len(texts[i - 1]) <= _CAPTION_MAX:
                chrome[i - 1] = True  # the caption the credit belongs to
        elif counts[n] >= _REPEATS and not is_feed_header(n) and not is_terminator(n):
            chrome[i] = repeated[i] = True
    return _Lines(texts, norms, chrome, repeated, [False] * len(texts))


def _segments(lines: _Lines, blocks: list[FeedBlock]) -> list[tuple[int, int]]:
    """The stretches of the page between its feed blocks: the article is in one.
    Lines that end an article (`Related`) do not cut them: such a line may head a
    box inside the article, and where the article ends the line model says."""
    cuts = sorted({0, len(lines.text)} | {b.start for b in blocks} | {b.end for b in blocks})
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if lines.content(a, b)]


def _article_score(lines: _Lines, scores: dict[int, float], start: int, end: int) -> float:
    """How much article text a segment holds: its lines' length, weighted by how
    likely each is article text (so a long comment thread or teaser list, which reads
    less like an article than the short story above it, loses to it)."""
    return sum(len(lines.text[i]) * scores[i] for i in lines.content(start, end) if scores[i] > 0.5)


def _article(lines: _Lines, blocks: list[FeedBlock], source: str) -> Article | None:
    segments = _segments(lines, blocks)
    if not segments:
        return None
    scores = line_scores(lines.text, lines.norm, lines.chrome)
    start, end = max(segments, key=lambda seg: (_article_score(lines, scores, *seg), -seg[0]))
    content = lines.content(start, end)
    # The body starts where the run of article-like lines does, past its header lines,
    # or where the densest paragraphs do when the run starts below them.
    body_start = _body_start(lines, content)
    run_start, run_end = _best_run(lines, scores, content)
    if run_start != body_start:
        limit = body_start if run_start < body_start else run_end
        body_start = _past_header(lines, scores, content, run_start, limit)
    header = _read_header(lines, content, body_start)
    if header is None:
        return None
    rest = content[header.body_from :]
    body, bio_authors = _read_body(lines, _article_run(lines, scores, rest), header.authors)
    if not header.authors and not bio_authors:
        # An author's bio under the article reads unlike it, and the run ends above it.
        bio_authors = _read_body(lines, rest, header.authors)[1]
    authors = header.authors or bio_authors or _about_the_author(lines, end)
    published = header.published or _date_below(lines, content[header.body_from :])
    return Article(
        title=header.title,
        subtitle=header.subtitle,
        authors=authors,
        published=published,
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


def _is_headline(text: str) -> bool:
    return len(text) <= _TITLE_MAX and not is_prose(text) or (len(text) <= 160 and text.endswith("?"))


def _is_nav_item(lines: _Lines, i: int) -> bool:
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


def _is_meta_or_author(text: str) -> bool:
    return read_meta(text) is not None or name_line_authors(text) is not None


def _body_start(lines: _Lines, content: list[int]) -> int:
    """Where the article's body begins: the start of the run of paragraphs with the
    most text, moved back over short paragraphs directly above it."""
    best_start, best_score = len(content), 0
    pos = 0
    while pos < len(content):
        if not is_prose(lines.text[content[pos]]):
            pos += 1
            continue
        run_start, score, tolerated = pos, 0, 0
        while pos < len(content):
            text = lines.text[content[pos]]
            if is_prose(text):
                score += len(text)
                tolerated = 0
            elif is_list_item(text):
                score += len(text)
            elif tolerated < 2 and (_ends_clause(text) or tolerated == 0) and read_meta(text) is None:
                tolerated += 1
            else:
                break
            pos += 1
        if score > best_score:
            best_start, best_score = run_start, score
    while best_start > 0:
        text = lines.text[content[best_start - 1]]
        if not _ends_clause(text) or word_count(text) < 3 or _is_meta_or_author(text):
            break
        best_start -= 1
    return best_start


def _ends_clause(text: str) -> bool:
    """A sentence, or the lead-in to a list ("... the most urgent needs:")."""
    return ends_sentence(text) or text.endswith(":")


def _meta_cluster_start(lines: _Lines, content: list[int], body: int) -> int | None:
    """The first of the meta lines (byline, date, reading time) just above the body;
    a date far above them (a paper's date in the top bar) is not theirs."""
    metas = [
        pos
        for pos in range(max(1, body - _HEADER_WINDOW), body)
        if read_meta(lines.text[content[pos]]) is not None
    ]
    if not metas:
        return None
    first = metas[-1]
    for pos in reversed(metas[:-1]):
        between = [lines.text[content[p]] for p in range(pos + 1, first)]
        if first - pos > _META_GAP or any(_is_title_shaped(text) for text in between):
            break
        first = pos
    return first


def _is_title_shaped(text: str) -> bool:
    """A line that can only be a headline: long enough, no sentence, no role."""
    return (
        _is_headline(text)
        and word_count(text) >= 5
        and not ends_sentence(text)
        and not any(normalise(w).strip(",.;:") in phrases().role_words for w in text.split())
    )


def _read_header(lines: _Lines, content: list[int], body: int) -> _Header | None:
    if not content:
        return None
    meta_start = _meta_cluster_start(lines, content, body)
    candidates = content[: meta_start if meta_start is not None else body]
    if not candidates:
        candidates = content[:1]
        body = max(body, 1)
    authors: list[str] = []
    candidates = _strip_author_lines(lines, candidates, authors)
    title_pos, subtitle_pos = _pick_title(lines, candidates)
    opening = " ".join(lines.text[i] for i in content[body : body + _LEAD_LINES])[:_LEAD_CHARS].casefold()
    # Most headlines share their words with the opening: looked for in its text first,
    # as the opening's words are dearer to gather (they weigh the other lines).
    headline = _words_of(lines.text[candidates[title_pos]])
    if opening and sum(word in opening for word in headline) < _TITLE_EVIDENCE * max(1, len(headline)):
        lead = _words_of(opening)
        chosen = _overlap(lines.text[candidates[title_pos]], lead)
        if chosen < _TITLE_EVIDENCE:
            title_pos, subtitle_pos = _title_by_evidence(
                lines, candidates, lead, chosen, (title_pos, subtitle_pos)
            )
    title = _without_site_name(lines, lines.text[candidates[title_pos]])
    header = _Header(title=_capped_title(title))
    if subtitle_pos is not None:
        header.subtitle = lines.text[candidates[subtitle_pos]]
    header.category = _category(lines, candidates[title_pos])
    after_title = content.index(candidates[subtitle_pos if subtitle_pos is not None else title_pos]) + 1
    meta_authors = _read_meta_block(lines, content[after_title:body], header)
    header.authors = tuple(dict.fromkeys([*authors, *meta_authors]))
    header.body_from = max(body, after_title)
    if header.title != title:
        # No headline-shaped line: a line of text stands in for one, cut short. The
        # text is the body's, whole (a page of one 5 MB line is still read).
        header.body_from = content.index(candidates[title_pos])
    return header


def _words_of(text: str) -> set[str]:
    """The telling words of a text, for comparing a headline with the article: words
    of five letters or more (few function words are that long), or, in scripts
    written without spaces, pairs of characters."""
    folded = text.casefold()
    if unspaced_share(folded) > 0.3:
        letters = "".join(_WORD.findall(folded))
        return {letters[k : k + 2] for k in range(len(letters) - 1)}
    return {word for word in _WORD.findall(folded) if len(word) >= 5 and not word.isdigit()}


def _overlap(text: str, lead: set[str]) -> float:
    """The share of a line's telling words that the article's opening uses too."""
    words = _words_of(text)
    return len(words & lead) / len(words) if words else 0.0


def _title_by_evidence(
    lines: _Lines, candidates: list[int], lead: set[str], chosen: float, fallback: tuple[int, int | None]
) -> tuple[int, int | None]:
    """The headline when the line the layout rules chose shares no words with the
    article: the headline-shaped line above the body whose words the article's
    opening shares most (a headline names what the first paragraphs tell), the
    nearest of equals; the line right under it is its standfirst when it reads as one."""
    best, best_overlap = None, max(_TITLE_EVIDENCE, chosen + _TITLE_MARGIN)
    for pos in range(max(0, len(candidates) - _TITLE_WINDOW), len(candidates)):
        text = lines.text[candidates[pos]]
        if (
            not 8 <= len(text) <= _EVIDENT_TITLE_MAX
            or _SENTENCE_BREAK.search(text)
            or _is_meta_or_author_short(text)
        ):
            continue
        # A standfirst shares words with the article too, but reads as a sentence.
        overlap = _overlap(text, lead) + (0.0 if ends_sentence(text) else _HEADLINE_SHAPE)
        if overlap >= best_overlap:
            best, best_overlap = pos, overlap
    if best is None or best == fallback[0] + 1:
        return fallback  # the standfirst under the chosen headline tells more, as it should
    under = best + 1
    if under < len(candidates) and word_count(lines.text[candidates[under]]) >= 6:
        return best, under
    return best, None


def _is_meta_or_author_short(text: str) -> bool:
    return len(text) <= 200 and _is_meta_or_author(text)


def _without_site_name(lines: _Lines, title: str) -> str:
    """The headline without the site's name beside it (`Headline | Site`,
    `Site | Headline`, as a page's tab title reads): the short part beyond the last
    separator (or before a first `|`), when the page names the site elsewhere too
    (its header, its footer)."""
    found = list(_SITE_SEPARATOR.finditer(title))
    if not found:
        return title
    first, last = found[0], found[-1]
    page: str | None = None
    options = [(title[last.end() :], title[: last.start()])]
    if "|" in first.group():  # `Section — Headline` is a kicker; `Site | Headline` is not
        options.append((title[: first.start()], title[first.end() :]))
    for site, rest in options:
        if len(site) > _SITE_NAME_MAX or word_count(site) > 5 or word_count(rest) < 3:
            continue
        page = page if page is not None else "\n".join(lines.norm)
        if page.count(normalise(site)) >= 2:
            return rest
    return title


def _capped_title(title: str) -> str:
    """`title` cut to _TITLE_MAX characters at most, at a space, with "…": a headline
    is drawn in every row of the list and folded for every search."""
    if len(title) <= _TITLE_MAX:
        return title
    cut = title.rfind(" ", 0, _TITLE_MAX)
    return (title[:cut].rstrip() if cut > 0 else title[: _TITLE_MAX - 1]) + "…"


def _strip_author_lines(lines: _Lines, candidates: list[int], authors: list[str]) -> list[int]:
    """Take author lines (`Name in City`, or a name over its role) off the end of the
    header candidates, while a headline-length line stays above them."""
    # The first headline-length candidate: lines may go while it stays above them.
    # (Found once: looked for again on each line taken, many name lines were quadratic.)
    first_long = next(
        (pos for pos, i in enumerate(candidates) if word_count(lines.text[i]) >= 4), len(candidates)
    )
    taken: list[tuple[str, ...]] = []
    end = len(candidates)
    while end >= 2 and first_long < end - 1:
        names = _author_line(lines.text[candidates[end - 1]])
        if names is not None:
            taken.append(names)
            end -= 1
            continue
        if end >= 3 and _is_affiliation(lines.text[candidates[end - 1]]):
            names = _author_line(lines.text[candidates[end - 2]])
            if names is not None:
                taken.append(names)
                end -= 2
                continue
        break
    if len(taken) > _MAX_AUTHOR_LINES:
        return candidates  # a menu of short title-case links, not a team of authors
    authors[:0] = [name for names in reversed(taken) for name in names]
    return candidates[:end]


def _author_line(text: str) -> tuple[str, ...] | None:
    """The names on a line that only names authors: `Maria Lopez`, `By A and B`."""
    names = name_line_authors(text)
    if names is None:
        meta = read_meta(text)
        if meta is not None and meta.authors and meta.published is None and meta.read_minutes is None:
            names = meta.authors
    return names


def _pick_title(lines: _Lines, candidates: list[int]) -> tuple[int, int | None]:
    """Which candidate is the headline and which (if any) the standfirst under it."""
    if len(candidates) >= 2:
        prev, last = candidates[-2], candidates[-1]
        prev_text, last_text = lines.text[prev], lines.text[last]
        standfirst_shaped = len(last_text) > len(prev_text) or ends_sentence(last_text)
        under_section = _category(lines, prev) is not None  # section, headline, standfirst
        # Two long lines together: headline over standfirst (a kicker has under five words).
        stacked = last == prev + 1 and word_count(prev_text) >= 5
        standfirst_shaped = standfirst_shaped or stacked
        if (
            _is_headline(prev_text)
            and word_count(prev_text) >= 4
            and (not _is_nav_item(lines, prev) or under_section)
            and word_count(last_text) >= 6
            and (standfirst_shaped or under_section)
            and not prev_text.endswith(".")
        ):
            return len(candidates) - 2, len(candidates) - 1
    for pos in range(len(candidates) - 1, -1, -1):
        text = lines.text[candidates[pos]]
        if _is_headline(text) and not (
            pos > 0 and _is_nav_item(lines, candidates[pos]) and word_count(text) < 3
        ):
            return pos, None
    return len(candidates) - 1, None


def _category(lines: _Lines, title_index: int) -> str | None:
    """A section name standing alone just above the headline (`World`)."""
    above = next((i for i in range(title_index - 1, -1, -1) if lines.text[i]), None)
    if above is None or lines.used[above] or (lines.chrome[above] and not lines.repeated[above]):
        return None
    text = lines.text[above]
    if not is_short(text) or text.endswith((".", ",", ":")) or is_terminator(lines.norm[above]):
        return None
    over = above - 1
    if over >= 0 and lines.text[over] and not lines.used[over] and is_short(lines.text[over]):
        return None  # a menu's last item, not a section line
    return text


def _read_meta_block(lines: _Lines, block: list[int], header: _Header) -> list[str]:
    """Bylines, dates, reading times, author and affiliation lines between the
    headline and the body; other lines there are widgets and are skipped."""
    authors: list[str] = []
    bare: list[str] = []  # names alone on a line
    after_author = False
    updated_only = False  # the date so far is an update time: a publication time wins
    metas = [read_meta(lines.text[i]) for i in block]
    # A name alone on a line is an author only beside a byline or date, or right
    # above the body: elsewhere in the header it is a menu's link or a tag.
    near_meta = {pos + step for pos, meta in enumerate(metas) if meta is not None for step in (-2, -1, 1, 2)}
    near_meta.update(range(len(block) - 2, len(block)))
    for pos, i in enumerate(block):
        text = lines.text[i]
        meta = metas[pos]
        if meta is not None:
            authors.extend(meta.authors)
            if meta.published is not None and (header.published is None or updated_only):
                header.published = meta.published
                updated_only = meta.updated
            if header.read_minutes is None and meta.read_minutes is not None:
                header.read_minutes = meta.read_minutes
            after_author = bool(meta.authors)
            continue
        if after_author and _is_affiliation(text):
            after_author = False
            continue
        names = name_line_authors(text) if pos in near_meta or after_author else None
        if names is not None:
            bare.extend(names)
            after_author = True
            continue
        after_author = False
    if len(bare) > _MAX_AUTHOR_LINES:
        return authors  # a menu of title-case links
    return [*authors, *bare] if authors else bare


def _is_affiliation(text: str) -> bool:
    """`BBC News`, `Transport correspondent`: a short label under an author's name."""
    return len(text) <= 60 and word_count(text) <= 6 and not ends_sentence(text)


def _date_below(lines: _Lines, indices: list[int]) -> datetime | date | None:
    """A date standing alone on one of the last lines, under the body (blogs, some
    agencies): the publication date when the header gave none."""
    for i in reversed(indices[-_TAIL_DATE_LINES:]):
        meta = read_meta(lines.text[i])
        if meta is not None and meta.published is not None and not meta.authors:
            return meta.published
    return None


# A line adds to the article's run by how far its likelihood of being article text
# stands above this; the body opens with a paragraph at least this likely.
_RUN_FLOOR = 0.3
_ABOVE_BYLINE = 3
_HEADED = 1.5
_HEAD_REACH = 6
_LAST_PARAGRAPH = 0.2
_LEAST_COST = 3.0
_MAX_AUTHOR_LINES = 4
_OPENING = 0.5
_SURE = 0.8


def _past_header(lines: _Lines, scores: dict[int, float], content: list[int], start: int, limit: int) -> int:
    """Where the body begins in a run that begins at `start`: after the meta lines
    (byline, date) among the lines that open it, before its first paragraph."""
    body = start
    paragraphs = 0  # a headline, a standfirst, a caption may stand above the byline
    for pos in range(start, min(limit, start + _HEADER_WINDOW)):
        text = lines.text[content[pos]]
        if is_prose(text):
            paragraphs += 1
            if paragraphs > _ABOVE_BYLINE:
                break
        elif _is_meta_or_author(text):
            body = pos + 1
    # Captions, share bars and key-point boxes between the header and the text: the
    # body opens with a paragraph that reads like the article (on a page too short for
    # any line to read like one for sure, like its likeliest lines).
    likeliest = max((scores[i] for i in content[start:limit]), default=0.0)
    opening = min(_OPENING, _OPENING * likeliest / _SURE)
    while body < limit and not (is_prose(lines.text[content[body]]) and scores[content[body]] >= opening):
        body += 1
    return body


def _weight(lines: _Lines, scores: dict[int, float], i: int) -> float:
    """What a line adds to the article's run: its likelihood of being article text
    above the floor, by the log of its length; a short line that is unlike article
    text (a menu's link) costs as much as a longer one, or the text would run on
    through menus to the next block of paragraphs."""
    margin = scores[i] - _RUN_FLOOR
    size = math.log1p(len(lines.text[i]))
    return margin * (size if margin >= 0 else max(size, _LEAST_COST))


def _best_run(lines: _Lines, scores: dict[int, float], indices: list[int]) -> tuple[int, int]:
    """The run of lines (positions in `indices`) most likely the article's text: of
    the runs whose likelihood of being article text, above a floor and weighted by
    length, adds up to the most (the best, and the best on either side of it), the
    one that wins once a run under a byline or date counts more (a login form or a
    consent window can outweigh a short article, but they have no byline)."""
    weights = [_weight(lines, scores, i) for i in indices]
    first = _max_run(weights, 0, len(weights))
    runs = [first, _max_run(weights, 0, first[0]), _max_run(weights, first[1], len(weights))]
    if all(first[2] >= _HEADED * run[2] for run in runs[1:]):
        return first[:2]  # no byline can turn it: spare the look for one
    return max(runs, key=lambda run: run[2] * (_HEADED if _is_headed(lines, indices, run[0]) else 1.0))[:2]


def _max_run(weights: list[float], low: int, high: int) -> tuple[int, int, float]:
    """The span of weights[low:high] with the greatest sum (Kadane's), and the sum."""
    best, best_span = 0.0, (low, low)
    total, start = 0.0, low
    for n in range(low, high):
        if total <= 0:
            total, start = 0.0, n
        total += weights[n]
        if total > best:
            best, best_span = total, (start, n + 1)
    return best_span[0], best_span[1], best


def _is_headed(lines: _Lines, indices: list[int], start: int) -> bool:
    """Whether a byline, date or reading time stands just above a run or opens it."""
    for pos in range(max(0, start - _HEAD_REACH), min(len(indices), start + 3)):
        text = lines.text[indices[pos]]
        if len(text) <= 120 and read_meta(text) is not None:
            return True
    return False


def _article_run(lines: _Lines, scores: dict[int, float], indices: list[int]) -> list[int]:
    """The lines from the body's start to where article text gives way to the rest of
    the page (comments, teasers, footer): the run of lines whose likelihood of being
    article text, above a floor and weighted by length, adds up to the most."""
    best, total, end = 0.0, 0.0, 0
    for n, i in enumerate(indices):
        total += _weight(lines, scores, i)
        if total > best:
            best, end = total, n + 1
    if end == 0:
        return indices  # nothing reads like an article (a page of two lines): keep it all
    # The last paragraph reads less like the article than those before it: the
    # page's furniture stands next to it. A paragraph right under the run that is
    # somewhat likely, or the page's last, still closes the article.
    while (
        end < len(indices)
        and is_prose(lines.text[indices[end]])
        and (scores[indices[end]] >= _LAST_PARAGRAPH or end == len(indices) - 1)
    ):
        end += 1
    return indices[:end]


def _read_body(
    lines: _Lines, indices: list[int], authors: tuple[str, ...]
) -> tuple[list[str], tuple[str, ...]]:
    """The body paragraphs, and the authors of a bio block after them."""
    texts = _drop_menus([lines.text[i] for i in _drop_boxes(lines, indices)])
    texts, bio_authors = _drop_bios(texts, authors)
    # A short last line that is no sentence is a link or a label (in scripts that
    # end sentences with a mark: Thai has none).
    while texts and not ends_sentence(texts[-1]) and len(texts[-1]) < 100 and unspaced_share(texts[-1]) < 0.5:
        texts.pop()
    return texts, bio_authors


def _drop_boxes(lines: _Lines, indices: list[int]) -> list[int]:
    """A `More on this topic` or `Read more` box inside the article: the line that
    heads it and the headlines under it, up to the next line that ends a sentence."""
    kept: list[int] = []
    in_box = False
    previous = indices[0] if indices else 0
    for i in indices:
        text = lines.text[i]
        if is_terminator(lines.norm[i]) and len(text) <= 60:
            in_box = True
            continue
        # a `Read more:` label (chrome, with its first link) heads a box as well
        if any(is_link_label(lines.norm[j]) for j in range(previous + 1, i) if lines.chrome[j]):
            in_box = True
        previous = i
        if in_box and not ends_sentence(text):
            continue
        in_box = False
        kept.append(i)
    return kept


def _drop_menus(texts: list[str]) -> list[str]:
    """Runs of two or more short lines inside the body are share bars and link lists."""
    kept: list[str] = []
    n = 0
    while n < len(texts):
        run = n
        while run < len(texts) and is_short(texts[run]):
            run += 1
        if run - n >= 2:
            n = run
            continue
        kept.append(texts[n])
        n += 1
    return kept


def _drop_bios(texts: list[str], authors: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """Author bios after the article: a name alone (perhaps over an employer line)
    then a paragraph opening with it, or a closing paragraph opening with an
    author's name and a verb (`X covers transport`). Names are authors; none of
    these lines is body."""
    found: list[str] = []
    kept: list[str] = []
    n = 0
    while n < len(texts):
        names = name_line_authors(texts[n]) if n > 0 else None
        if names and len(names) == 1:
            for skip in (1, 2):
                if n + skip < len(texts) and _opens_with_name(texts[n + skip], names[0]):
                    break
            else:
                skip = 0
            if skip and (skip == 1 or _is_affiliation(texts[n + 1])):
                found.append(names[0])
                n += skip + 1
                continue
        byline = read_meta(texts[n]) if n > 0 and n >= len(texts) - 4 and len(texts[n]) <= 120 else None
        if byline is not None and byline.authors and byline.published is None:
            found.extend(byline.authors)  # "By Name" under the article
            n += 2 if n + 1 < len(texts) and _is_affiliation(texts[n + 1]) else 1
            continue
        if n >= len(texts) - 3 and n > 0:
            if any(_opens_with_name(texts[n], a, verb=True) for a in authors):
                n += 1
                continue
            stranger = None if authors or found else _bio_subject(texts[n])
            if stranger is not None:
                found.append(stranger)
                n += 1
                continue
        kept.append(texts[n])
        n += 1
    return kept, tuple(dict.fromkeys(found))


def _bio_subject(text: str) -> str | None:
    """The person a closing paragraph describes (`Ihor Melnyk is a senior energy
    fellow at ...`), when it reads like an author's bio: a name, a verb, a role."""
    words = text.split()
    p = phrases()
    for size in (2, 3):
        if len(words) > size and normalise(words[size]) in p.bio_verbs:
            name = " ".join(words[:size])
            roles = set(normalise(text).replace(",", " ").replace(".", " ").split()) & p.role_words
            if roles and is_person_name(name):
                return name
    return None


def _opens_with_name(text: str, name: str, verb: bool = False) -> bool:
    """Whether `text` opens with the name (or one of its words), then a verb if asked."""
    for word in (name, *name.split()):
        if len(word) > 2 and text.startswith(f"{word} "):
            if not verb:
                return True
            following = text[len(word) + 1 :].split(" ", 1)[0]
            if normalise(following) in phrases().bio_verbs:
                return True
    return False


def _about_the_author(lines: _Lines, end: int) -> tuple[str, ...]:
    """The name under an `About the author` line that ended the article."""
    if end >= len(lines.norm) or not lines.norm[end].startswith("about the author"):
        return ()
    for i in lines.content(end + 1, min(len(lines.text), end + 8)):
        names = name_line_authors(lines.text[i])
        if names is not None:
            return names
    return ()
