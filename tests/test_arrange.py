"""The list's orders and groupings, worked out from the store's newest-first list."""

from __future__ import annotations

from datetime import date, datetime

from reader.library.arrange import Arrangement, Arranger, Grouping, SortOrder, arrange, source_name
from reader.library.search import SearchIndex
from reader.model import Article
from reader.text import fold


def piece(title: str, published: datetime | date | None, source: str, **extra: str) -> Article:
    return Article(title=title, published=published, source=source, **extra)


# Newest first, undated last: as the store lists them.
NEWEST = [
    piece("Zebra crossing repainted", datetime(2024, 5, 3, 9, 0), "/news/local/zebra.txt"),
    piece(
        "Ålesund harbour reopens", datetime(2024, 5, 2, 9, 0), "/news/world/harbour.html", site="Coast Post"
    ),
    piece("apple harvest starts early", date(2024, 4, 30), "/news/local/apple.txt"),
    piece(
        "Market hall fire",
        datetime(2024, 4, 1, 7, 0),
        "/news/world/fire.html",
        url="https://www.daily.example/fire",
    ),
    piece("Library opens late", None, "/news/local/library.txt"),
]


def titles(articles) -> list[str]:
    return [article.title for article in articles]


def test_each_order_keeps_ties_newest_first_and_undated_articles_last() -> None:
    assert arrange(NEWEST, Arrangement()) is NEWEST
    assert titles(arrange(NEWEST, Arrangement(SortOrder.OLDEST))) == [
        "Market hall fire",
        "apple harvest starts early",
        "Ålesund harbour reopens",
        "Zebra crossing repainted",
        "Library opens late",
    ]
    # Case and accents do not decide the order: Å sorts with A.
    assert titles(arrange(NEWEST, Arrangement(SortOrder.TITLE))) == [
        "Ålesund harbour reopens",
        "apple harvest starts early",
        "Library opens late",
        "Market hall fire",
        "Zebra crossing repainted",
    ]
    # By source: the site's name, else the address's host, else the folder; newest first in each.
    assert titles(arrange(NEWEST, Arrangement(SortOrder.SOURCE))) == [
        "Ålesund harbour reopens",  # Coast Post
        "Market hall fire",  # daily.example
        "Zebra crossing repainted",  # local
        "apple harvest starts early",
        "Library opens late",
    ]


def test_grouping_keeps_each_folders_articles_together_in_the_order_chosen() -> None:
    grouped = arrange(NEWEST, Arrangement(SortOrder.OLDEST, Grouping.FOLDER))
    assert titles(grouped) == [
        "apple harvest starts early",
        "Zebra crossing repainted",
        "Library opens late",
        "Market hall fire",
        "Ålesund harbour reopens",
    ]
    assert [source_name(a) for a in NEWEST] == ["local", "Coast Post", "local", "daily.example", "local"]
    assert Arrangement(SortOrder.TITLE, Grouping.SOURCE).describe() == "by title, grouped by source"


def test_a_folder_name_with_terminal_escapes_is_shown_without_them() -> None:
    hostile = piece("Fines", None, "/news/\x1b[31mred\x07/fines.txt")
    assert source_name(hostile) == "red"


def test_the_arranged_list_is_kept_until_the_list_changes_and_searched_in_its_order() -> None:
    index = SearchIndex(tuple(NEWEST), tuple(fold(a.title) for a in NEWEST))
    ids = tuple(f"id{n}" for n in range(len(NEWEST)))
    arranger = Arranger()
    by_title = Arrangement(SortOrder.TITLE)
    first = arranger.arranged(index, ids, by_title)
    assert arranger.arranged(index, ids, by_title) is first
    assert arranger.arranged(SearchIndex(index.items, index.keys), ids, by_title) is not first  # another list
    assert titles(first.index.items) == titles(arrange(NEWEST, by_title))
    assert first.ids == ("id1", "id2", "id4", "id3", "id0")  # each id beside its article
    assert titles(first.index.search(("a",))) == [  # a search answers in the list's order
        "Ålesund harbour reopens",
        "apple harvest starts early",
        "Library opens late",
        "Market hall fire",
        "Zebra crossing repainted",
    ]
    assert titles(first.part([NEWEST[0], NEWEST[1]])) == [
        "Ålesund harbour reopens",
        "Zebra crossing repainted",
    ]
    # A part from a list since changed: the stray article first, the rest in order.
    stray = piece("Aardvark escapes", None, "/news/local/aardvark.txt")
    assert titles(first.part([NEWEST[0], stray, NEWEST[1]])) == [
        "Aardvark escapes",
        "Ålesund harbour reopens",
        "Zebra crossing repainted",
    ]
