"""Text as the reader compares it: folded for search, matched for highlighting,
and the keys a page is known by (its folded headline, its feed items' places and
identities, its article's stable id).

Parsing, the store, the cache and the reading state all depend on these, so they
live here on their own: the parse cache is made afresh when this file changes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, repeat

from reader.model import Article, FeedItem, Page, iso

# Whole escape sequences, payload included, in their 7-bit and 8-bit forms:
# OSC (ESC ] ... BEL|ST), DCS/SOS/PM/APC strings (ESC P|X|^|_ ... ST), CSI (ESC [ ...),
# then any other two-character ESC sequence. An unterminated string ends at the line's
# end, so one broken sequence cannot swallow the rest of the page.
_ESCAPES = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -~]?"
)
# C0 and C1 controls except tab and newline, DEL, bidi embeddings/overrides/isolates,
# stray byte-order marks, and invisible breaks inside words (zero-width space, word
# joiner, soft hyphen) that would make a search for the word miss it. Zero-width
# joiners stay: emoji and some scripts need them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\u200b\u2060\u00ad]")
_ESCAPE_START = re.compile("[\x1b\x90-\x9f]")  # what every sequence _ESCAPES removes begins with


def strip_controls(text: str) -> str:
    """`text` without terminal escape sequences, control characters (but tab and
    newline) or bidi overrides: untrusted text made safe to show."""
    # Each pass only when there is something for it: most text has no escapes, and
    # trying the escape pattern's alternatives at every character costs a tenth of parsing.
    if _ESCAPE_START.search(text):
        text = _ESCAPES.sub("", text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    return text


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """The search form of text: accents removed, case folded (`Zürich` → `zurich`)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold_words(text: str) -> str:
    """`fold(text)` with its words joined by single spaces: headlines compared this way
    are the same whatever their case, accents and spacing."""
    return " ".join(fold(text).split())


class _CharFolds(dict[str, str]):
    """`fold` of each character, worked out the first time it is met: a page has a few
    hundred different characters, and folding them one by one was the whole cost of
    marking a long article's matches."""

    def __missing__(self, char: str) -> str:
        if len(self) > 100_000:  # text of every script at once: start again rather than grow
            self.clear()
        folded = self[char] = fold(char)
        return folded


_CHAR_FOLDS = _CharFolds()


def _fold_with_positions(text: str) -> tuple[str, Sequence[int]]:
    """`fold(text)` character by character and, for each of its characters, the index
    in `text` it came from."""
    if text.isascii():  # folding is lower-casing there, character for character
        return text.lower(), range(len(text))
    parts = list(map(_CHAR_FOLDS.__getitem__, text))  # C loops, not a Python one per character
    lengths = list(map(len, parts))
    if lengths.count(1) == len(lengths):
        return "".join(parts), range(len(text))
    # Some characters fold to none or to several ("…" to "..."): count each index as often.
    return "".join(parts), list(chain.from_iterable(map(repeat, range(len(text)), lengths)))


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` occur in `text`, as merged (start, end) spans of
    `text`, for highlighting a search hit."""
    terms = fold(query).split()
    if not terms:
        return []
    folded, positions = _fold_with_positions(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def feed_key(item: FeedItem) -> str:
    """A feed item's search key: its headline and summary, folded."""
    return f"{fold(item.headline or '')} {fold(item.summary or '')}"


def feed_search_text(searches: Iterable[str]) -> str:
    """The search keys of a page's feed items (`feed_key`), a line each: a search
    finds the pages holding every term in this text at C speed, then the items."""
    # A key holds no newline of its own (the parser joins an item's lines), but to be
    # safe one becomes a space: one line is one item.
    return "\n".join(search.replace("\n", " ") for search in searches)


def article_id(article: Article, folded_title: str | None = None) -> str:
    """The article's stable id: its headline, published date and authors (case,
    accents and spacing aside), whatever file it was read from. Reading state is
    kept by it, so a page renamed, moved or saved twice is one article.

    `folded_title`: `fold_words(article.title)`, when already worked out."""
    published = article.published
    when = published.isoformat() if isinstance(published, (datetime, date)) else ""
    title = fold_words(article.title) if folded_title is None else " ".join(folded_title.split())
    parts = [title, when, *sorted(fold_words(author) for author in article.authors)]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


# A feed item's place in the News Feed, as one integer: newest first by the second,
# undated items last. Times beyond these bounds (a misread year) sort at the ends.
_PLACE_BOUND = 2**34 - 1
UNDATED_PLACE = 2**35 - 1


def feed_place(item: FeedItem) -> int:
    """Where `item` goes in the News Feed: smaller is higher up."""
    if item.time is None:
        return UNDATED_PLACE
    return max(-_PLACE_BOUND, min(_PLACE_BOUND, -int(item.time.timestamp())))


def feed_identity(item: FeedItem, search: str | None = None) -> int:
    """What makes feed items one (the same item saved in several pages): their time,
    headline and summary, case and accents aside. `search`: `feed_key(item)`,
    when already worked out."""
    key = f"{iso(item.time) or ''}\x1f{feed_key(item) if search is None else search}"
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little", signed=True)


def feed_keys(items: Sequence[FeedItem], searches: Sequence[str] | None = None) -> bytes:
    """Each item's place and identity, packed (`unpack_feed_keys` reads them back)."""
    if searches is None:
        searches = [feed_key(item) for item in items]
    packed = array("q")
    for item, search in zip(items, searches, strict=True):
        packed.append(feed_place(item))
        packed.append(feed_identity(item, search))
    return packed.tobytes()


def unpack_feed_keys(packed: bytes) -> array[int]:
    """The places and identities `feed_keys` packed, alternating."""
    keys = array("q")
    keys.frombytes(packed)
    return keys


@dataclass(frozen=True, slots=True)
class PageKeys:
    """What searching, the News Feed and reading state need of a page, worked out
    once when it is read (and kept in the parse cache: folding 100k headlines takes
    seconds)."""

    title: str | None  # the folded headline (None: the page has no article)
    feed: bytes  # each feed item's place and identity (`feed_keys`)
    id: str | None = None  # the article's stable id (None: the page has no article)

    @classmethod
    def of(cls, page: Page) -> PageKeys:
        title = fold_words(page.article.title) if page.article else None
        return cls.from_folded(page, title, feed_keys(page.feed))

    @classmethod
    def from_folded(cls, page: Page, title: str | None, feed: bytes, id: str | None = None) -> PageKeys:
        """The keys of `page` from its folded headline, its feed items' keys and
        (when known) its article's id."""
        if id is None and page.article is not None:
            id = article_id(page.article, title)
        return cls(title, feed, id)
