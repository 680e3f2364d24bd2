"""Fixed pages and a fixed clock for the UI tests and snapshots."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from reader.library.store import Store
from reader.model import Article, FeedItem, Page

NOW = datetime(2024, 3, 10, 12, 0)
HOSTILE = "Fines [@click=app.quit]x[/] [b]y"

PARAGRAPH = (
    "The council met on Tuesday evening and voted by a wide margin to fund the repairs, "
    "after residents spent months complaining about the state of the roads in winter."
)


def article(n: int, title: str, published: datetime | date | None, **extra) -> Article:
    body = tuple(
        f"{PARAGRAPH} (Paragraph {k + 1} of article {n}.)" for k in range(extra.pop("paragraphs", 6))
    )
    return Article(title=title, published=published, source=f"pages/{n:02d}.txt", body=body, **extra)


ARTICLES = [
    article(
        1,
        "Zürich café reopens after the spring flood",
        NOW - timedelta(hours=2),
        authors=("Maria Lopez",),
        read_minutes=3,
        subtitle="Owners say the river rose faster than ever",
    ),
    article(
        2,
        "Council votes to repair every bridge in the valley",
        NOW - timedelta(days=1),
        authors=("Ana Ruiz", "Tom Berg"),
        category="Politics",
        paragraphs=30,
    ),
    article(3, HOSTILE, NOW - timedelta(days=2)),
    article(4, "Cafe owners in Zurich protest rising rents", NOW - timedelta(days=40)),
    article(5, "Night trains return to the northern line", date(2023, 12, 1)),
    article(6, "Library opens a second reading room", None),
]

FEED = [
    FeedItem(
        NOW - timedelta(minutes=5), "Bridge closes for repairs.", "The old bridge closes for two weeks."
    ),
    FeedItem(NOW - timedelta(hours=26), None, "Ferry service resumes after the winter storms."),
    FeedItem(
        NOW - timedelta(days=3), "Council votes to repair every bridge in the valley", "The vote was 31 to 4."
    ),
]


def make_store() -> Store:
    store = Store()
    pages = [Page(source=a.source, captured=NOW, article=a) for a in ARTICLES]
    pages.append(Page(source="pages/feed.txt", captured=NOW, article=None, feed=tuple(FEED)))
    store.put_many(pages)
    return store


def clock() -> datetime:
    return NOW
