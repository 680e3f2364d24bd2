"""Headline search on the joined-keys index: every answer, as typed and narrowed,
is what a plain filter of the list gives."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from reader.library import search
from reader.library.search import SearchCancelled, SearchIndex
from reader.library.store import Store
from reader.model import Article, Page
from reader.text import fold

# Common words (in most headlines between them), rare ones, and words whose case,
# accents and ligatures fold: Zürich → zurich, STRASSE ← Straße, ﬁre → fire.
COMMON = ["council", "Council", "bridge", "BRIDGE", "votes", "city", "café", "Café", "CAFE"]
RARE = ["Zürich", "zurich", "ZÜRICH", "Straße", "strasse", "naïve", "Ærø", "ﬁre", "Kyiv", "Łódź", "é"]
FILLER = ["a", "the", "of", "in", "on", "rail", "strike", "budget", "flood", "river", "port"]


def headlines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        words = rng.choices(FILLER, k=rng.randint(2, 6))
        words += rng.choices(COMMON, k=rng.randint(0, 3))
        if rng.random() < 0.08:
            words += rng.choices(RARE, k=rng.randint(1, 2))
        rng.shuffle(words)
        result.append("  ".join(words) if rng.random() < 0.05 else " ".join(words))
    return result


def make_store(count: int, seed: int = 3) -> Store:
    start = datetime(2024, 1, 1)
    store = Store()
    store.put_many(
        Page(
            source=f"/p/{n}.txt",
            captured=start,
            article=Article(title=title, published=start + timedelta(minutes=n % 997), source=f"/p/{n}.txt"),
        )
        for n, title in enumerate(headlines(count, seed))
    )
    return store


def plainly(articles: tuple[Article, ...], query: str) -> list[str]:
    """The sources of `articles` whose headline holds every word of `query`, by a plain filter."""
    terms = fold(query).split()
    return [a.source for a in articles if all(term in fold(a.title) for term in terms)]


def typing(text: str) -> list[str]:
    """What the search box holds as `text` is typed, then taken back word by word."""
    typed = [text[:n] for n in range(1, len(text) + 1)]
    words = text.split()
    typed += [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
    return typed


QUERIES = [
    "council bridge",
    "bri cou",
    "zurich cafe",
    "café zür",
    "STRASSE votes",
    "naive ærø",
    "fire city council",
    "council coun",
    "e",
    "the of in",
    "lodz kyiv",
    "nothing here",
    "c",
]


@pytest.mark.parametrize("chunk", [search.SEARCH_CHUNK, 97])
def test_every_answer_as_typed_is_the_plain_filter(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    # Small chunks: the term's rarity is guessed again many times, both ways of
    # scanning meet in one search, and a narrowed answer spans chunks.
    monkeypatch.setattr(search, "SEARCH_CHUNK", chunk)
    store = make_store(3_000)
    articles = store.articles()
    for text in QUERIES:
        for query in typing(text):
            assert [a.source for a in store.search(query).articles] == plainly(articles, query), query
    # Later queries met earlier answers in the index's memory: asked again, and
    # asked of a fresh store that remembers nothing, they are the same.
    fresh = make_store(3_000)
    for text in QUERIES:
        assert [a.source for a in store.search(text).articles] == plainly(articles, text)
        assert [a.source for a in fresh.search(text).articles] == plainly(articles, text)


def test_a_view_of_the_list_searched_is_the_plain_filter_of_that_view() -> None:
    store = make_store(2_000, seed=5)
    articles = store.articles()
    kept = {a.source for n, a in enumerate(articles) if n % 3}
    ids = dict(zip(store.view().ids, (a.source for a in articles), strict=True))
    for query in typing("council bri") + typing("zurich café"):
        found = store.search(query, only=lambda article_id: ids[article_id] in kept)
        assert [a.source for a in found.articles] == [s for s in plainly(articles, query) if s in kept]


@pytest.mark.parametrize("chunk", [search.SEARCH_CHUNK, 97])
def test_terms_common_in_some_stretches_and_rare_in_others(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Stretches where a word is in every key and where it is in hardly any: the
    # search switches between testing key by key and finding hit after hit.
    monkeypatch.setattr(search, "SEARCH_CHUNK", chunk)
    rng = random.Random(11)
    keys = []
    for stretch in range(12):
        common = stretch % 3 == 0
        for _ in range(rng.randint(150, 400)):
            words = rng.choices(["rail", "port", "flood", "city"], k=rng.randint(1, 4))
            if common or rng.random() < 0.02:
                words.insert(rng.randint(0, len(words)), rng.choice(["bridge", "bridges"]))
            keys.append(" ".join(words))
    index = SearchIndex(tuple(range(len(keys))), tuple(keys))
    for terms in [
        ("bridge",),
        ("bri",),
        ("bridges",),
        ("city", "bridge"),
        ("b",),
        ("rail", "port", "bridge"),
    ]:
        assert index.search(terms) == [n for n, key in enumerate(keys) if all(t in key for t in terms)], terms


def test_keys_of_several_lines_are_searched_whole() -> None:
    # Feed items' keys hold their summaries, which may run over several lines.
    keys = ("calm day",) * 500 + ("storm warning\nwinds rise", "ferry\n\nservice resumes", "")
    index = SearchIndex(tuple(range(len(keys))), keys)
    assert index.search(("storm",)) == [500]
    assert index.search(("winds",)) == [500]
    assert index.search(("rise", "storm")) == [500]
    assert index.search(("ferry",)) == [501]
    assert index.search(("service", "ferry")) == [501]
    assert index.search(("zzz",)) == []


def test_a_search_given_up_midway_leaves_no_partial_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SEARCH_CHUNK", 50)
    store = make_store(1_000, seed=9)
    articles = store.articles()
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(SearchCancelled):
        store.search("council", cancelled)
    calls = 0
    with pytest.raises(SearchCancelled):
        store.search("council b", cancelled)
    assert [a.source for a in store.search("council b").articles] == plainly(articles, "council b")
    assert [a.source for a in store.search("council").articles] == plainly(articles, "council")
