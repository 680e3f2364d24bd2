"""Messages from the workers to the app that owns the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from reader.ingest import Progress
from reader.model import FeedItem
from reader.store import SearchResult


@dataclass
class PagesRead(Message):
    """The worker has put a batch of pages in the store (and sorted it): during the
    first load, or after files changed on disk."""

    progress: Progress


@dataclass
class WatchFailed(Message):
    """Following the folders for changes failed; `reason` says why, and
    `still_following` whether it goes on (only one change could not be read)."""

    reason: str
    still_following: bool = False


@dataclass
class SearchDone(Message):
    """Headline search results for `result.query`; `keep` says the cursor stays
    where it was, `hold` that it stays on its line of the screen too (a refresh
    from disk)."""

    result: SearchResult
    keep: bool
    hold: bool = False


@dataclass
class FeedSearchDone(Message):
    """The feed items matching `query`, found after its headlines."""

    query: str
    feed: Sequence[FeedItem]
