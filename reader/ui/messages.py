"""Messages from the workers to the app that owns the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from reader.loader import LoadFailure
from reader.model import FeedItem
from reader.store import SearchResult


@dataclass
class LoadProgress(Message):
    """The loader has put more pages in the store (and sorted it): `files` read so
    far, the failures and warnings since the last report, and whether it is done."""

    files: int
    failures: list[LoadFailure]
    warnings: list[str]
    done: bool


@dataclass
class SearchDone(Message):
    """Search results for `result.query`; `keep` says the cursor stays where it was."""

    result: SearchResult
    feed: Sequence[FeedItem]
    keep: bool
