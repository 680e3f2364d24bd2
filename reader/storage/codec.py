"""How a parsed page is kept in the parse cache: its article and feed as marshal's
plain tuples (without the body, which has a column of its own), and a digest of
what it holds. What is written here decides whether a cached page can be read
back, so a change to this file, like one to the parser, makes every cached page
stale (`reader.storage.cache.parser_version`); the cache's tables do not.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import replace
from datetime import date, datetime
from sys import intern

from reader.model import Article, FeedItem, Page, iso
from reader.text import PageKeys


def page_digest(page: Page) -> tuple[bytes, PageKeys]:
    """A short digest of everything parsed from a page (equal digests, equal pages),
    and its store keys, for a page not put in the cache."""
    _, _, _, digest, keys = encode(page)
    return digest, keys


def paragraphs(body: str) -> tuple[str, ...]:
    return tuple(body.split("\n")) if body else ()


def _when(text: str | None) -> datetime | date | None:
    if text is None:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _moment(text: str | None) -> datetime | None:
    # Feed items are timed by the clock (a datetime), so unlike `_when` never a bare date.
    return None if text is None else datetime.fromisoformat(text)


def encode(page: Page) -> tuple[bytes, str, str, bytes, PageKeys]:
    """The page without its body (as marshal's plain tuples), its headline, its body,
    and a digest of its article and feed (not of when it was saved: a file touched
    is not a page changed), and its store keys."""
    article = page.article
    keys = PageKeys.of(page)
    head = None
    title = body = ""
    if article is not None:
        head = (
            article.title,
            article.subtitle,
            article.authors,
            iso(article.published),
            article.read_minutes,
            article.category,
            None if article.source == page.source else article.source,
        )
        title = article.title
        # Paragraphs are single lines (the parser joins a paragraph's lines); to be safe
        # a stray newline becomes a space rather than a new paragraph.
        body = "\n".join(paragraph.replace("\n", " ") for paragraph in article.body)
    feed = tuple((iso(item.time), item.headline, item.summary) for item in page.feed)
    folded = keys.feed
    blob = marshal.dumps((page.captured.isoformat(), head, feed, page.warnings, keys.title, folded, keys.id))
    digest = hashlib.blake2b(marshal.dumps((head, feed)) + body.encode(), digest_size=8).digest()
    return blob, title, body, digest, keys


def decode(source: str, blob: bytes) -> tuple[Page, PageKeys]:
    """The page (without its body) and its store keys, as `encode` kept them."""
    captured, head, feed, warnings, title_key, folded, article_id = marshal.loads(blob)
    article = None
    if head is not None:
        title, subtitle, authors, published, minutes, category, article_source = head
        # Bylines and sections repeat across thousands of pages: one copy of each.
        authors = tuple(map(intern, authors))
        category = intern(category) if category is not None else None
        article = Article(
            title,
            subtitle,
            authors,
            _when(published),
            minutes,
            category,
            (),
            source if article_source is None else article_source,
        )
    items = tuple(FeedItem(_moment(when), headline, summary) for when, headline, summary in feed)
    page = Page(source, datetime.fromisoformat(captured), article, items, warnings)
    return page, PageKeys.from_folded(page, title_key, folded, article_id)


def without_body(page: Page) -> Page:
    """`page` as the store keeps it when the cache holds its body."""
    if page.article is None or not page.article.body:
        return page
    return replace(page, article=replace(page.article, body=()))
