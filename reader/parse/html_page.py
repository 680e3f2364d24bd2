"""Saved HTML pages: the page's text as a browser shows it, through the same line
pipeline as a text page (`parse_text`), with what the document's structure says of
its lines and its own metadata standing in for what the lines alone would guess.

selectolax (lexbor) parses: a C parser, a tenth of the time of the lxml tree that
trafilatura builds. This module and the two it uses are imported only when an HTML
page is parsed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from selectolax.lexbor import LexborHTMLParser

from reader.model import Page, ParseError
from reader.parse.article import parse_text
from reader.parse.decode import clean_text, declared_charset, decode_bytes
from reader.parse.header import SITE_SEPARATOR, capped_title
from reader.parse.html_metadata import Metadata, alike, read_metadata, web_address, words_of
from reader.parse.html_render import render, within_depth, without_marks
from reader.parse.page_lines import Structure
from reader.paths import shown_path

_AUTHORS_MAX = 10
_SAVED_FROM = re.compile(r"<!-- saved from url=\(\d{1,5}\)(https?://[^\s<>\"]+) -->")
_SAVED_FROM_REACH = 4096
_SITE_NAME_MAX = 80
_TITLE_SHARE = 0.8  # titles this alike say the same
_HEADLINE_WORDS = 3
_SITE_WORDS = 5
_SITE_NAMED = 2
_SITE_LAST_WORDS = 3
_NAME_MAX = 100
# Browsers read these labels as the code pages that extend them.
_AS_BROWSERS_DO = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, source: str) -> tuple[str, list[str]]:
    """A document's text, in the encoding its bytes or its `<meta charset>` declare,
    else UTF-8 when the bytes are, else the encoding a text page would be read in.
    A few NUL bytes in a page are dropped, as browsers do; many make it no page."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if data.count(b"\x00") > len(data) // 100:
            raise ParseError(f"{shown_path(source)}: binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _is_utf8(data):
        # Bytes that read as UTF-8 are UTF-8 whatever the page declares: a page saved
        # again is often re-encoded and keeps its old declaration.
        return decode_bytes(data, source, clean=False)
    label = declared_charset(data)
    if label is not None:
        try:
            encoding = codecs.lookup(_AS_BROWSERS_DO.get(label, label)).name
        except LookupError:
            encoding = None
        if encoding is not None and encoding not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            return data.decode(encoding, errors="replace"), []
    return decode_bytes(data, source, clean=False)


def parse_html(data: bytes, source: str, captured: datetime) -> Page:
    """Parse a saved HTML page: its text as a browser shows it through the text
    pipeline, with the chrome its elements mark, and its own metadata."""
    document, warnings = decode_html(data, source)
    tree = LexborHTMLParser(within_depth(without_marks(document)))
    meta = read_metadata(tree)
    rendered = render(tree)
    text = clean_text(rendered.text)
    lines = text.split("\n")
    title = meta.title or meta.tab_title
    # the document's title without the site's name: what its lines are compared with
    bare = _without_site(title, meta.site, text) if title else None
    main = _main_worth_taking(lines, rendered.main)
    structure = Structure(
        _chrome_worth_taking(lines, rendered.chrome), main, _headline_line(lines, meta, bare, main)
    )
    page = parse_text(text, source, captured, warnings, structure)
    article = page.article
    if article is None:
        return page
    if not article.body:
        # a headline and nothing to read (a sign-in form, a gallery): listed, and told
        page = replace(page, warnings=(*page.warnings, f"{shown_path(source)}: no article text found"))
    return replace(
        page,
        article=replace(
            article,
            title=capped_title(_title(meta, article.title, bare)),
            authors=_names(meta.authors) or article.authors or _names(meta.byline_authors),
            published=_published(meta, article.published),
            url=meta.url or _saved_from(document) or article.url,
            site=_site_name(meta.site),
        ),
    )


def _site_name(site: str | None) -> str | None:
    """The site's name as shown: one line, not too long, or none."""
    site = " ".join(clean_text(site).split()) if site else ""
    return site if 0 < len(site) <= _SITE_NAME_MAX else None


def _saved_from(document: str) -> str | None:
    """The address a browser (or `reader add`) noted when it saved the page."""
    found = _SAVED_FROM.search(document, 0, _SAVED_FROM_REACH)
    return web_address(found.group(1)) if found else None


def _published(meta: Metadata, shown: datetime | date | None) -> datetime | date | None:
    """When the article was published: as the metadata states it (with its zone),
    but as the page shows it when the two differ by a day at most (the metadata's
    time is often in UTC, and the day the page shows is the day where it was
    written); without metadata, as the page shows it, or a `<time>` element does."""
    stated = meta.published
    if stated is None:
        return shown or meta.shown_time
    if shown is None or _same_moment(shown, stated):
        return stated  # with its time and zone
    if abs(_day(shown) - _day(stated)) <= timedelta(days=1):
        return shown
    return stated


def _same_moment(shown: datetime | date, stated: datetime | date) -> bool:
    """Whether the page shows the moment the metadata states (its zone aside), or
    its day when it shows no time."""
    if not isinstance(shown, datetime) or not isinstance(stated, datetime):
        return _day(shown) == _day(stated)
    return shown.replace(tzinfo=None) == stated.replace(tzinfo=None) or shown == stated


def _day(when: datetime | date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _chrome_worth_taking(lines: list[str], chrome: list[bool]) -> list[bool] | None:
    """The chrome the elements mark, unless it would leave next to no text (a page
    wrapped whole in a `<form>` or an `<aside>`)."""
    total = sum(map(len, lines))
    left = sum(len(line) for line, marked in zip(lines, chrome, strict=True) if not marked)
    return chrome if left >= 0.2 * total else None


def _main_worth_taking(lines: list[str], main: list[bool]) -> list[bool] | None:
    """The main element's lines, when they hold a good share of the page's text."""
    inside = sum(len(line) for line, marked in zip(lines, main, strict=True) if marked)
    return main if inside >= 500 else None


def _headline_line(lines: list[str], meta: Metadata, bare: str | None, main: list[bool] | None) -> int | None:
    """The line of the article's `<h1>`: the one the document's title agrees with,
    else the first inside the main element or the nearest above it, else the only one."""
    if not meta.headings:
        return None
    found = {line: n for n, line in reversed(list(enumerate(lines))) if line}
    places = [(found[heading], heading) for heading in meta.headings if heading in found]
    if not places:
        return None
    title = meta.title or meta.tab_title
    if title and bare is not None:
        for place, heading in places:
            if _agrees(heading, title, bare):
                return place
    if main is not None and True in main:
        first = main.index(True)
        above = [place for place, _heading in places if place <= first]
        inside = [place for place, _heading in places if place > first and main[place]]
        return inside[0] if inside else above[-1] if above else None
    return places[0][0] if len(places) == 1 else None


def _title(meta: Metadata, found: str, bare: str | None) -> str:
    """The headline: an `<h1>` the document's own title agrees with, else the line
    the text pipeline found when it does, else that title without the site's name
    (a tab's title that is only the site's name gives way to the line found)."""
    title = meta.title or meta.tab_title
    if not title or bare is None:
        return found
    for heading in meta.headings:
        if heading and _agrees(heading, title, bare):
            return heading
    if found and _agrees(found, title, bare):
        return found
    if meta.title is None and found and bare == title and len(bare.split()) < _HEADLINE_WORDS:
        return found
    return bare


def _agrees(line: str, title: str, bare: str) -> bool:
    """Whether a line says what the document's title says (`bare`: without the
    site's name): it is in the title, alike, or holds nearly all the bare title's
    words and not many more (`<h1>` often adds a detail the tab's title leaves out)."""
    if line in title or alike(line, title, _TITLE_SHARE):
        return True
    words, said = words_of(bare), words_of(line)
    shared = len(words & said)
    return bool(words) and shared >= 0.8 * len(words) and shared >= 0.5 * len(said)


def _without_site(title: str, site: str | None, text: str) -> str:
    """`Headline | Site` (or `Site - Headline`) without the site's name: a first or
    last part that is the site's name as the document gives it, or that the page's
    text names more than once (its header, its footer; a headline is shown once)."""
    parts = SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    shown = text.casefold()
    for index in (-1, 0):
        part = parts[index].strip()
        if not part or len(part.split()) > _SITE_WORDS:
            continue
        # a site's name comes last, unless the document says it is the first part
        named = index == -1 and shown.count(part.casefold()) >= _SITE_NAMED
        if named or (site and alike(part, site, _TITLE_SHARE)):
            kept = parts[:-1] if index == -1 else parts[1:]
            return " - ".join(kept)
    # else a short last part after a headline of some length: most often the site's
    last = parts[-1]
    rest = " - ".join(parts[:-1])
    return rest if len(last.split()) <= _SITE_LAST_WORDS and len(rest.split()) >= _HEADLINE_WORDS else title


def _names(authors: tuple[str, ...]) -> tuple[str, ...]:
    """Authors the metadata names, as many and as long as a byline would hold."""
    return tuple(name for name in authors if len(name) <= _NAME_MAX)[:_AUTHORS_MAX]
