"""Messages from the workers to the app that owns the store."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.message import Message

from reader.library.arrange import Arrangement
from reader.library.fetch import Added, NotAdded
from reader.library.ingest import Progress
from reader.library.store import SearchResult
from reader.model import Article, FeedItem


@dataclass
class PagesRead(Message):
    """The worker has put a batch of pages in the store (and sorted it): during the
    first load, or after files changed on disk."""

    progress: Progress


@dataclass
class PageAdded(Message):
    """A page asked for with `a` was fetched and kept (Added), or not (NotAdded)."""

    result: Added | NotAdded


@dataclass
class WatchFailed(Message):
    """Following the folders for changes failed; `reason` says why, and
    `still_following` whether it goes on (only one change could not be read)."""

    reason: str
    still_following: bool = False


@dataclass
class SearchDone(Message):
    """The articles of view `showing` that match `result.query` (all of them for
    ""), of `total` in the view. The cursor stays on `keep` (True: where it is
    now; None: goes to the top); `hold` says it stays on its line of the screen
    too (a refresh from disk)."""

    result: SearchResult
    keep: Article | bool | None
    hold: bool
    showing: str
    total: int
    arrangement: Arrangement
    drawn: threading.Event = field(default_factory=threading.Event)
    """Set once the answer is on screen (or passed over): the worker searches the
    feed only then."""


@dataclass
class FeedSearchDone(Message):
    """The feed items matching `query`, found after its headlines."""

    query: str
    feed: Sequence[FeedItem]


@dataclass
class ReadingStateChanged(Message):
    """Another reader marked articles in the shared state file (or the file needed
    attention): lists and counts are drawn again."""
