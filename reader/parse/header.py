"""The article's header: headline (with its standfirst and section line), authors,
date and reading time, read from the lines above the body.

The meta lines (byline, date, reading time) just above the body anchor it. The
headline is the line above them that the headline model (`headline.py`) finds
likeliest: it weighs the layout rules' pick (the last headline-shaped line before
them) with each line's shape and the words it shares with the article's opening.
Author lines stand next to the meta lines; a name alone counts only beside them,
and a run of many is a menu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from reader.parse.bylines import byline_authors, name_line_authors, read_meta
from reader.parse.dates import find_date
from reader.parse.headline import HeadlineInputs, is_nav_item, likeliest_headline
from reader.parse.lines import (
    ends_sentence,
    is_prose,
    is_short,
    is_terminator,
    normalise,
    word_count,
)
from reader.parse.page_lines import Lines
from reader.parse.phrases import phrases

_TITLE_MAX = 300
# The headline is looked for in the lines above the body; the article's opening (its
# first _LEAD_LINES lines, _LEAD_CHARS at most) is what it is compared with.
_LEAD_LINES = 4
_LEAD_CHARS = 4000

SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")

_SITE_NAME_MAX = 40

# Meta lines are looked for this many content lines above the body, and belong
# together when fewer than this many other lines stand between them.
HEADER_WINDOW = 16

_META_GAP = 4

# How far up from the end a date alone on a line is taken as the publication date.
_TAIL_DATE_LINES = 3
# A date the byline rules did not read is taken from a line this short, between the
# headline and the body, at most _DATE_ABOVE lines above the headline, or in the
# body's first _DATE_UNDER lines.
_DATE_LINE_MAX = 160
_DATE_ABOVE = 10
_DATE_UNDER = 6
# The parts of a date line: `Name · April 19, 2019 · Topic`, `Name | 06.11.23`.
_PART_BREAK = re.compile(r"\s*[|·•/]\s*")

_MAX_AUTHOR_LINES = 2


@dataclass(slots=True)
class Header:
    title: str
    subtitle: str | None = None
    category: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    read_minutes: int | None = None
    body_from: int = 0  # position in the content list where the body starts


def _is_headline(text: str) -> bool:
    return len(text) <= _TITLE_MAX and not is_prose(text) or (len(text) <= 160 and text.endswith("?"))


def is_meta_or_author(text: str) -> bool:
    return read_meta(text) is not None or name_line_authors(text) is not None


def _meta_cluster_start(lines: Lines, content: list[int], body: int) -> int | None:
    """The first of the meta lines (byline, date, reading time) just above the body;
    a date far above them (a paper's date in the top bar) is not theirs."""
    metas = [
        pos
        for pos in range(max(1, body - HEADER_WINDOW), body)
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


def headline_inputs(lines: Lines, content: list[int], body: int) -> HeadlineInputs | None:
    if not content:
        return None
    meta_start = _meta_cluster_start(lines, content, body)
    candidates = content[: meta_start if meta_start is not None else body]
    if not candidates:
        candidates = content[:1]
        body = max(body, 1)
    authors: list[str] = []
    candidates = strip_author_lines(lines, candidates, authors)
    layout_pick = _pick_title(lines, candidates)
    if meta_start is not None:
        # A headline under its date or section line (`Politics · 3 May 2024`, then
        # the headline): the lines between the meta lines and the body may be it too.
        candidates = candidates + [
            i
            for i in content[meta_start:body]
            if _is_headline(lines.text[i]) and not is_meta_or_author(lines.text[i])
        ]
    opening = " ".join(lines.text[i] for i in content[body : body + _LEAD_LINES])[:_LEAD_CHARS]
    return HeadlineInputs(
        candidates,
        authors,
        meta_start,
        body,
        content[body] if body < len(content) else len(lines.text),
        opening,
        layout_pick,
    )


def read_header(lines: Lines, content: list[int], body: int) -> Header | None:
    found = headline_inputs(lines, content, body)
    if found is None:
        return None
    candidates, body = found.candidates, found.body
    title_pos = likeliest_headline(lines, found)
    title_line = candidates[title_pos]
    title_at = content.index(title_line)
    subtitle_pos = found.layout_pick[1] if title_pos == found.layout_pick[0] else None
    under = title_pos + 1
    if (
        subtitle_pos is None
        and under < len(candidates)
        and candidates[under] == content[title_at + 1]
        and word_count(lines.text[candidates[under]]) >= 6
    ):
        subtitle_pos = under  # a standfirst right under the headline
    if subtitle_pos is not None and _date_near(lines, [candidates[subtitle_pos]]) is not None:
        subtitle_pos = None  # a date line is no standfirst: the meta lines start there
    title = _without_site_name(lines, lines.text[title_line])
    header = Header(title=capped_title(title))
    if subtitle_pos is not None:
        header.subtitle = lines.text[candidates[subtitle_pos]]
    header.category = _category(lines, title_line)
    # the standfirst, when there is one, is right under the headline (checked above)
    after_title = title_at + (2 if subtitle_pos is not None else 1)
    block = content[after_title:body]
    if found.meta_start is not None and title_at > found.meta_start:
        # the headline stands under the meta lines: they are read all the same
        headline = set(content[title_at:after_title])
        block = [i for i in content[found.meta_start : body] if i not in headline]
    meta_authors = _read_meta_block(lines, block, header)
    if header.published is None:
        above = content[max(0, title_at - _DATE_ABOVE) : title_at]
        # last, lines taken for furniture around the headline (`Published 5 May 2024 / © Site`)
        furniture = [
            i
            for i in range(max(0, title_line - _DATE_ABOVE), found.body_line)
            if lines.chrome[i] and not lines.used[i] and lines.text[i]
        ]
        near = _date_near(
            lines,
            [*content[after_title:body], *reversed(above), *content[body : body + _DATE_UNDER], *furniture],
        )
        if near is not None:
            header.published = near[0]
            if not found.authors and not meta_authors:
                meta_authors = _names_beside(lines, content, near[1])
    header.authors = tuple(dict.fromkeys([*found.authors, *meta_authors]))
    header.body_from = max(body, after_title)
    if header.title != title:
        # No headline-shaped line: a line of text stands in for one, cut short. The
        # text is the body's, whole (a page of one 5 MB line is still read).
        header.body_from = title_at
    return header


def _without_site_name(lines: Lines, title: str) -> str:
    """The headline without the site's name beside it (`Headline | Site`,
    `Site | Headline`, as a page's tab title reads): the short part beyond the last
    separator (or before a first `|`), when the page names the site elsewhere too
    (its header, its footer)."""
    found = list(SITE_SEPARATOR.finditer(title))
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


def capped_title(title: str) -> str:
    """`title` cut to _TITLE_MAX characters at most, at a space, with "…": a headline
    is drawn in every row of the list and folded for every search."""
    if len(title) <= _TITLE_MAX:
        return title
    cut = title.rfind(" ", 0, _TITLE_MAX)
    return (title[:cut].rstrip() if cut > 0 else title[: _TITLE_MAX - 1]) + "…"


def strip_author_lines(lines: Lines, candidates: list[int], authors: list[str]) -> list[int]:
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
        if end >= 3 and is_affiliation(lines.text[candidates[end - 1]]):
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


def _pick_title(lines: Lines, candidates: list[int]) -> tuple[int, int | None]:
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
            and (not is_nav_item(lines, prev) or under_section)
            and word_count(last_text) >= 6
            and (standfirst_shaped or under_section)
            and not prev_text.endswith(".")
        ):
            return len(candidates) - 2, len(candidates) - 1
    for pos in range(len(candidates) - 1, -1, -1):
        text = lines.text[candidates[pos]]
        if _is_headline(text) and not (
            pos > 0 and is_nav_item(lines, candidates[pos]) and word_count(text) < 3
        ):
            return pos, None
    return len(candidates) - 1, None


def _category(lines: Lines, title_index: int) -> str | None:
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


def _read_meta_block(lines: Lines, block: list[int], header: Header) -> list[str]:
    """Bylines, dates, reading times, author and affiliation lines between the
    headline and the body; other lines there are widgets and are skipped."""
    authors: list[str] = []
    bare: list[str] = []  # names alone on a line
    after_author = False
    updated_only = False  # the date so far is an update time: a publication time wins
    metas = [read_meta(lines.text[i]) for i in block]
    # A name alone on a line is an author only beside a byline or date, right under
    # the headline, or right above the body: elsewhere in the header it is a menu's
    # link or a tag.
    near_meta = {pos + step for pos, meta in enumerate(metas) if meta is not None for step in (-2, -1, 1, 2)}
    near_meta.update({0, *range(len(block) - 2, len(block))})
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
        if after_author and is_affiliation(text):
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


def is_affiliation(text: str) -> bool:
    """`BBC News`, `Transport correspondent`: a short label under an author's name."""
    return len(text) <= 60 and word_count(text) <= 6 and not ends_sentence(text)


def _date_near(lines: Lines, indices: list[int]) -> tuple[datetime | date, int] | None:
    """The first full date on a short line among `indices` (the lines between the
    headline and the body, then those just above the headline, nearest first), and
    its line: a date the byline rules did not read (`28. Januar 2015 name Leave a
    comment`, `Name / 22.04.2020 / 06:15 / Photo: ...`). Paragraphs are passed over:
    a date in running text is what the article tells of, not when it was published."""
    for i in indices:
        text = lines.text[i]
        if len(text) <= _DATE_LINE_MAX and not is_prose(text):
            found = find_date(text)
            if found is not None:
                return found.value, i
    return None


def _names_beside(lines: Lines, content: list[int], date_line: int) -> list[str]:
    """The authors beside a date line the byline rules did not read: a part of the
    line, its date taken out, that is a byline or only a name (`Name · April 19,
    2019 · Topic`, `19. Oktober 2019 von Name`), else a line of names right above
    or under it."""
    text = lines.text[date_line]
    found = find_date(text)
    if found is not None:
        text = f"{text[: found.start]} | {text[found.cut :]}"
    for part in _PART_BREAK.split(text):
        names = byline_authors(part.strip()) or name_line_authors(part.strip())
        if names:
            return list(names)
    try:
        at = content.index(date_line)
    except ValueError:
        return []  # a furniture line: its neighbours are no byline
    for pos in (at - 1, at + 1, at - 2, at + 2):
        if 0 <= pos < len(content):
            names = name_line_authors(lines.text[content[pos]])
            if names is not None:
                return list(names)
    return []


def date_below(lines: Lines, indices: list[int]) -> datetime | date | None:
    """A date standing alone on one of the last lines, under the body (blogs, some
    agencies): the publication date when the header gave none."""
    for i in reversed(indices[-_TAIL_DATE_LINES:]):
        meta = read_meta(lines.text[i])
        if meta is not None and meta.published is not None and not meta.authors:
            return meta.published
    return None
