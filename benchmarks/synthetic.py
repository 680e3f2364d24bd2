"""Deterministic synthetic articles and pages for the benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from reader.model import Article, FeedItem, Page

WORDS = (
    "council votes bridge repair valley flood river city budget school rail line port strike "
    "minister talks energy prices winter storm market reopens ferry service museum library "
    "court ruling hospital workers union pay deal election results mayor police report fire "
    "zürich café kyiv lviv odesa harbour airport tram bus night trains climate drought farmers"
).split()
START = datetime(2024, 6, 1, 12, 0)
FOLDER_SEED = 11  # the seed of run.py's synthetic folders and newsboat's feed of the same pages


def headline(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 12))
    return " ".join(words).capitalize()


def articles(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    body = ("A paragraph of body text that stands in for the real thing in a benchmark run.",) * 6
    return [
        Article(
            title=headline(rng),
            published=START - timedelta(minutes=7 * n),
            authors=("Desk",),
            read_minutes=3,
            body=body,
            source=f"synthetic/{n:06d}.txt",
        )
        for n in range(count)
    ]


def pages(count: int, seed: int = 7) -> list[Page]:
    rng = random.Random(seed + 1)
    result = []
    for n, article in enumerate(articles(count, seed)):
        feed = tuple(
            FeedItem(START - timedelta(minutes=37 * (n * 3 + k)), headline(rng), "Summary.") for k in range(3)
        )
        result.append(Page(source=article.source, captured=START, article=article, feed=feed))
    return result


def page_text(n: int, rng: random.Random) -> str:
    """One page in the seed's layout, about 4 KB."""
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(28, 45))).capitalize() + "." for _ in range(8)]
    feed = []
    for k in range(4):
        feed += [
            f"{(11 - k * 3) % 12 + 1}:{rng.randint(10, 59)} {'AM' if k % 2 else 'PM'}",
            "",
            headline(rng) + ".",
            "",
            " ".join(rng.choices(WORDS, k=30)).capitalize() + ".",
        ]
    day = START - timedelta(days=n % 900)
    return "\n".join(
        [
            "Skip to content",
            "Edit post",
            "",
            headline(rng),
            "",
            f"by The Synthetic news desk {day:%B} {day.day}, {day.year} {day:%I:%M %p} 3 min read",
            "This audio is created with AI assistance",
            "",
            *[p + "\n" for p in paragraphs],
            "News Feed",
            "",
            *feed,
            "MORE NEWS",
            "",
            "Editors' Picks",
            "",
            "Subscribe",
            "* indicates required",
        ]
    )


def folder_pages(count: int) -> Iterator[tuple[int, str]]:
    """Pages 0 to count - 1 (newer for smaller n) of the benchmarks' synthetic folder,
    as (n, text): the same pages whatever reads them (run.py's folders, newsboat's feed)."""
    rng = random.Random(FOLDER_SEED)
    for n in range(count):
        yield n, page_text(n, rng)
