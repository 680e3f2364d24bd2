"""Messages between the loading worker and the app that owns the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from reader.loader import LoadFailure
from reader.model import FeedItem, Page
from reader.store import SearchResult


@dataclass
class PagesLoaded(Message):
    """A batch of pages read from disk, and the files that failed in it."""

    pages: list[Page]
    failures: list[LoadFailure]


@dataclass
class LoadingFinished(Message):
    """The loader has read every file it was given."""

    files: int


@dataclass
class SearchDone(Message):
    """Search results for `result.query`; `keep` says the cursor stays where it was."""

    result: SearchResult
    feed: Sequence[FeedItem]
    keep: bool
