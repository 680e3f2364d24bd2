"""How a parsed page is kept in the parse cache: its article as marshal's plain
tuples, and its body, its feed and the feed's search text each in a column of its
own (the store holds none of them: they are read back when shown or searched),
and a digest of what it holds. What is written here decides whether a cached page
can be read back, so a change to this file, like one to the parser, makes every
cached page stale (`reader.storage.cache.parser_version`); the cache's tables do not.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, replace
from datetime import date, datetime
from sys import intern

from reader.model import Article, FeedItem, Page, iso
from reader.text import PageKeys, feed_key, feed_keys, feed_search_text, fold_words


@dataclass(frozen=True, slots=True)
class Encoded:
    """A page as the cache keeps it, and what the store needs of it."""

    blob: bytes  # the page without its body and feed
    title: str
    body: str
    feed: bytes  # the feed items
    feed_search: str  # each feed item's search key, a line each
    digest: bytes  # of everything parsed (equal digests, equal pages)
    keys: PageKeys


def page_digest(page: Page) -> tuple[bytes, PageKeys]:
    """A short digest of everything parsed from a page (equal digests, equal pages),
    and its store keys, for a page not put in the cache."""
    encoded = encode(page)
    return encoded.digest, encoded.keys


def paragraphs(body: str) -> tuple[str, ...]:
    return tuple(body.split("\n")) if body else ()


def _when(text: str | None) -> datetime | date | None:
    if text is None:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _moment(text: str | None) -> datetime | None:
    # Feed items are timed by the clock (a datetime), so unlike `_when` never a bare date.
    return None if text is None else datetime.fromisoformat(text)


def encode(page: Page) -> Encoded:
    """The page as the cache keeps it (see `Encoded`): the digest leaves out when it
    was saved (a file touched is not a page changed)."""
    article = page.article
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
            article.url,
            article.site,
        )
        title = article.title
        # Paragraphs are single lines (the parser joins a paragraph's lines); to be safe
        # a stray newline becomes a space rather than a new paragraph.
        body = "\n".join(paragraph.replace("\n", " ") for paragraph in article.body)
    items = tuple((iso(item.time), item.headline, item.summary) for item in page.feed)
    searches = [feed_key(item) for item in page.feed]
    keys = PageKeys.from_folded(
        page, fold_words(article.title) if article else None, feed_keys(page.feed, searches)
    )
    blob = marshal.dumps((page.captured.isoformat(), head, page.warnings, keys.title, keys.feed, keys.id))
    digest = hashlib.blake2b(marshal.dumps((head, items)) + body.encode(), digest_size=8).digest()
    return Encoded(blob, title, body, marshal.dumps(items), feed_search_text(searches), digest, keys)


def decode(source: str, blob: bytes) -> tuple[Page, PageKeys]:
    """The page (without its body and feed) and its store keys, as `encode` kept them."""
    captured, head, warnings, title_key, feed_keys_, article_id = marshal.loads(blob)
    article = None
    if head is not None:
        title, subtitle, authors, published, minutes, category, article_source, url, site = head
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
            url,
            intern(site) if site is not None else None,
        )
    page = Page(source, datetime.fromisoformat(captured), article, (), warnings)
    return page, PageKeys.from_folded(page, title_key, feed_keys_, article_id)


def feed_items(feed: bytes) -> tuple[FeedItem, ...]:
    """The feed items `encode` kept."""
    return tuple(
        FeedItem(_moment(when), headline, summary) for when, headline, summary in marshal.loads(feed)
    )


def without_texts(page: Page) -> Page:
    """`page` as the store keeps it when the cache holds its body and feed."""
    if page.article is not None and page.article.body:
        page = replace(page, article=replace(page.article, body=()))
    return replace(page, feed=()) if page.feed else page
