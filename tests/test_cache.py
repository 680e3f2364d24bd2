"""The parse cache: pages come back as they were parsed, a warm start parses nothing,
and a cache that is damaged, foreign or out of reach never stops the reader."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

import reader.library.files as loader_module
import reader.storage.cache as cache_module
from reader.library.files import LoadFailure, load_pages
from reader.library.ingest import Ingest, Progress
from reader.library.store import Store
from reader.model import Article, Page
from reader.order import article_order
from reader.storage.cache import FeedSnapshot, FileState, PageCache, match_expression
from reader.storage.codec import without_texts
from reader.storage.sqlite import CACHE_APPLICATION_ID
from reader.storage.state import ReadingState
from reader.text import PageKeys
from tests.conftest import SAMPLES
from tests.pages import page_text


def sample_pages() -> list[Page]:
    return [page for page in load_pages([SAMPLES]) if not isinstance(page, LoadFailure)]


def test_every_sample_page_comes_back_as_parsed_with_its_body_and_keys(tmp_path: Path) -> None:
    pages = sample_pages()
    cache = PageCache(tmp_path / "cache.sqlite3")
    digests = cache.put_many((page, FileState(n, n * 10)) for n, page in enumerate(pages))
    cached = {c.page.source: c for run in cache.pages_under([str(SAMPLES)]) for c in run}
    assert sorted(cached) == sorted(page.source for page in pages)
    for n, page in enumerate(pages):
        back = cached[page.source]
        assert back.page == without_texts(page)
        assert back.keys == PageKeys.of(page)
        assert back.state == FileState(n, n * 10)
        assert (back.digest, back.keys) == digests[page.source]
        assert cache.body(page.source) == (page.article.body if page.article else ())
        assert cache.feed(page.source) == page.feed
    assert cache.body("/nowhere.txt") is None


def test_pages_under_a_folder_leave_out_its_neighbours_with_longer_names(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache.sqlite3")
    page = sample_pages()[0]
    for source in ("/news/a.txt", "/news/sub/b.txt", "/news2/c.txt", "/news-old/d.txt", "/new.txt"):
        cache.put_many([(Page(source, page.captured, page.article, page.feed), FileState(1, 1))])
    found = sorted(c.page.source for run in cache.pages_under(["/news"]) for c in run)
    assert found == ["/news/a.txt", "/news/sub/b.txt"]
    assert [c.page.source for run in cache.pages_under(["/new.txt"]) for c in run] == ["/new.txt"]


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = loader_module.read_page

    def read_page(path, max_bytes=loader_module.DEFAULT_MAX_BYTES):  # type: ignore[no-untyped-def]
        read.append(str(path))
        return real(path, max_bytes)

    monkeypatch.setattr(loader_module, "read_page", read_page)
    return read


def start(folder: Path, cache_file: Path) -> tuple[Store, list[Progress]]:
    """One start of the reader's loading on `folder` with the cache in `cache_file`."""
    cache = PageCache(cache_file)
    store, reports = Store(texts=cache), []
    Ingest(store, reports.append, cache=cache).load([str(folder)])
    return store, reports


def test_a_warm_start_parses_nothing_and_shows_the_same_articles(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in SAMPLES.glob("*.txt"):
        (folder / page.name).write_bytes(page.read_bytes())
    read = counting_reads(monkeypatch)
    cold, _ = start(folder, tmp_path / "cache.sqlite3")
    assert len(read) == 14
    read.clear()
    warm, reports = start(folder, tmp_path / "cache.sqlite3")
    assert read == []
    assert reports[-1].done and reports[-1].files == 14 and reports[-1].cached == 14
    assert warm.articles() == cold.articles() and warm.feed() == cold.feed()
    parsed = {page.source: page for page in load_pages([folder]) if isinstance(page, Page)}
    for article in warm.articles():
        assert warm.with_body(article) == parsed[article.source].article


def test_a_start_reads_again_only_what_changed_and_forgets_what_went(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    for name, title in (
        ("a.txt", "Ferry returns"),
        ("b.txt", "Bridge reopens"),
        ("sub/c.txt", "Council votes"),
    ):
        (folder / name).write_text(page_text(title))
    start(folder, tmp_path / "cache.sqlite3")
    read = counting_reads(monkeypatch)
    (folder / "a.txt").write_text(page_text("Ferry returns at last", paragraphs=5))
    (folder / "b.txt").unlink()
    (folder / "d.txt").write_text(page_text("Museum opens"))
    store, _ = start(folder, tmp_path / "cache.sqlite3")
    assert sorted(Path(p).name for p in read) == ["a.txt", "d.txt"]
    assert sorted(a.title for a in store.articles()) == [
        "Council votes",
        "Ferry returns at last",
        "Museum opens",
    ]
    ferry = next(a for a in store.articles() if a.title == "Ferry returns at last")
    assert len(store.with_body(ferry).body) == 5
    cache = PageCache(tmp_path / "cache.sqlite3")
    assert cache.body(str(folder / "b.txt")) is None  # the deleted page left the cache too


def test_a_new_parser_starts_the_cache_afresh(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page_text("Ferry returns"))
    start(folder, tmp_path / "cache.sqlite3")
    monkeypatch.setattr(cache_module, "parser_version", lambda: "another parser")
    assert list(PageCache(tmp_path / "cache.sqlite3").pages_under([str(folder)])) == []


@pytest.mark.parametrize("damage", ["garbage", "foreign", "truncated"])
def test_a_damaged_or_foreign_cache_is_made_again(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page_text("Ferry returns"))
    cache_file = tmp_path / "cache.sqlite3"
    if damage == "garbage":
        cache_file.write_bytes(os.urandom(64 * 1024))
    elif damage == "foreign":
        other = sqlite3.connect(cache_file)
        other.execute("CREATE TABLE accounts(name TEXT)")
        other.commit()
        other.close()
    else:
        start(folder, cache_file)
        cache_file.write_bytes(cache_file.read_bytes()[:3000])
    cache = PageCache(cache_file)
    assert cache.problem is None
    store, reports = start(folder, cache_file)
    assert [a.title for a in store.articles()] == ["Ferry returns"]
    assert not any(r.warnings for r in reports)


def test_a_cache_that_cannot_be_made_is_kept_in_memory_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    cache = PageCache(tmp_path / "a-file" / "cache.sqlite3")  # no folder can be made there, even as root
    assert cache.problem is not None and str(tmp_path / "a-file" / "cache.sqlite3") in cache.problem
    page = sample_pages()[0]
    cache.put_many([(page, FileState(1, 1))])
    assert cache.body(page.source) == page.article.body
    assert cache.search_rows(page.article.title) == set(cache.rows_of([page.source]).values())


def test_a_cache_path_that_is_a_folder_is_kept_in_memory_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "cache.sqlite3").mkdir()
    cache = PageCache(tmp_path / "cache.sqlite3")
    assert cache.problem is not None and "cache.sqlite3" in cache.problem
    assert (tmp_path / "cache.sqlite3").is_dir()  # nothing of the user's was removed


def test_two_readers_share_one_cache(tmp_path: Path) -> None:
    pages = sample_pages()
    first, second = PageCache(tmp_path / "cache.sqlite3"), PageCache(tmp_path / "cache.sqlite3")
    first.put_many([(pages[0], FileState(1, 1))])
    second.put_many([(pages[1], FileState(1, 1))])
    for cache in (first, second):
        assert cache.body(pages[0].source) == pages[0].article.body
        assert cache.body(pages[1].source) == pages[1].article.body


def test_a_cache_that_fails_while_running_keeps_pages_whole_and_warns_once(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page_text("Ferry returns", paragraphs=4))
    cache = PageCache(tmp_path / "cache.sqlite3")

    def broken(pages):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database or disk is full")

    cache.put_many = broken  # type: ignore[method-assign]
    store, reports = Store(texts=cache), []
    ingest = Ingest(store, reports.append, cache=cache)
    ingest.load([str(folder)])
    (folder / "b.txt").write_text(page_text("Bridge reopens", paragraphs=2))
    ingest.apply([str(folder / "b.txt")], [])
    assert [len(store.with_body(a).body) for a in store.articles()] == [4, 2]
    warnings = [w for r in reports for w in r.warnings]
    assert warnings == [
        "the page cache failed (database or disk is full); pages are kept in memory from now on"
    ]


def test_full_text_search_finds_words_in_bodies_accents_and_prefixes_aside(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache.sqlite3")
    base = sample_pages()[0]
    texts = {
        "/p/a.txt": ("Zürich tram strike ends", ("Drivers returned to work on Monday.",)),
        "/p/b.txt": ("Council votes", ("The budget for the tramway passed.",)),
        "/p/c.txt": ("Ferry returns", ("Nothing about trams here, only boats.",)),
    }
    for source, (title, body) in texts.items():
        article = base.article.__class__(title=title, body=body, source=source)  # type: ignore[union-attr]
        cache.put_many([(Page(source, base.captured, article), FileState(1, 1))])
    rows = cache.rows_of(list(texts))

    def search(query: str) -> list[str] | None:
        found = cache.search_rows(query)
        return None if found is None else sorted(source for source, row in rows.items() if row in found)

    assert sorted(search("zurich") or []) == ["/p/a.txt"]
    assert sorted(search("tram") or []) == ["/p/a.txt", "/p/b.txt", "/p/c.txt"]  # last word: a prefix
    assert sorted(search("tram monday") or []) == ["/p/a.txt"]
    assert sorted(search("boats tram") or []) == ["/p/c.txt"]  # `trams`
    assert sorted(search("tram budget ferry") or []) == []
    assert sorted(search("BUDGET") or []) == ["/p/b.txt"]
    assert search("  ") is None and search("***") is None
    for hostile in ['"', 'tram"', "NEAR(tram", "tram AND", "tram OR boats", "-tram", "tram*", "^tram", "a:b"]:
        search(hostile)  # page text and queries are never FTS syntax: no error


def test_match_expressions_quote_every_word() -> None:
    assert match_expression("Zürich tram") == '"zurich" AND "tram"*'
    assert match_expression('NEAR("x" OR y') == '"near" AND "x" AND "or" AND "y"*'
    assert match_expression("…") is None


def test_a_broken_link_is_reported_on_a_first_load_and_on_a_warm_one(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page_text("Ferry returns"))
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    for _ in range(2):
        store, reports = start(folder, tmp_path / "cache.sqlite3")
        failures = [f.source for r in reports for f in r.failures]
        assert failures == [str(folder / "gone.txt")]
        assert [a.title for a in store.articles()] == ["Ferry returns"]


def test_a_newer_copy_of_a_page_is_the_one_shown_and_searched(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    # The copy's name sorts last: the copy listed must be chosen by when it was saved.
    (folder / "a.txt").write_text(page_text("Ferry returns", paragraphs=2))
    os.utime(folder / "a.txt", (1_700_000_000, 1_700_000_000))
    (folder / "b copy.txt").write_text(page_text("Ferry returns", paragraphs=3, words=" Timetables change."))
    for _ in range(2):  # a first start, and a warm one from the cache
        store, _ = start(folder, tmp_path / "cache.sqlite3")
        (listed,) = store.articles()
        assert listed.source == str(folder / "b copy.txt")
        assert len(store.with_body(listed).body) == 3
        hits = PageCache(tmp_path / "cache.sqlite3").search_rows("timetables")
        assert list(store.search_rows("timetables", hits or []).articles) == [listed]


def test_a_warm_start_reports_the_parser_warnings_of_the_pages_it_shows(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_bytes(page_text("Café owners win appeal").encode("cp1252"))
    (folder / "b.txt").write_text(page_text("Bridge reopens"))
    (folder / "c.txt").write_bytes(page_text("Señal returns", day=4).encode("cp1252"))

    def warnings(reports: list[Progress]) -> list[str]:
        return [w for r in reports for w in r.warnings]

    _, cold = start(folder, tmp_path / "cache.sqlite3")
    assert warnings(cold) == [
        f"{folder / 'a.txt'}: not UTF-8, decoded as cp1252",
        f"{folder / 'c.txt'}: not UTF-8, decoded as cp1252",
    ]
    _, warm = start(folder, tmp_path / "cache.sqlite3")
    assert warnings(warm) == warnings(cold)
    # A page changed since says what its new version says, not what the cache held.
    (folder / "c.txt").write_text(page_text("Señal returns", day=4))
    _, changed = start(folder, tmp_path / "cache.sqlite3")
    assert warnings(changed) == [f"{folder / 'a.txt'}: not UTF-8, decoded as cp1252"]


def test_a_page_whose_name_is_not_utf8_is_read_and_kept_in_memory_not_in_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    # SQLite cannot hold a name with bytes that are not UTF-8 (Python gives them as
    # surrogates): the page is read all the same, and kept whole in memory.
    cafe = folder / os.fsdecode(b"caf\xe9.txt")
    cafe.write_bytes(page_text("Café owners win appeal", paragraphs=4).encode("cp1252"))
    (folder / os.fsdecode(b"vid\xe9.txt")).write_bytes(b"")
    (folder / "b.txt").write_text(page_text("Bridge reopens", day=2))
    for _ in range(2):  # a first start, and a warm one: the cache never held it
        store, reports = start(folder, tmp_path / "cache.sqlite3")
        assert [a.title for a in store.articles()] == ["Café owners win appeal", "Bridge reopens"]
        assert len(store.with_body(store.articles()[0]).body) == 4
        assert [f.source for r in reports for f in r.failures] == [str(folder / os.fsdecode(b"vid\xe9.txt"))]
        told = [f.error for r in reports for f in r.failures] + [w for r in reports for w in r.warnings]
        shown = folder / "vid\ufffd.txt", folder / "caf\ufffd.txt"
        assert told == [f"{shown[0]}: empty file", f"{shown[1]}: not UTF-8, decoded as cp1252"]
    cache = PageCache(tmp_path / "cache.sqlite3")
    store, reports = Store(texts=cache), []
    ingest = Ingest(store, reports.append, cache=cache)
    ingest.load([str(folder)])
    cafe.write_text(page_text("Café owners win appeal", paragraphs=2))  # changed, then deleted
    ingest.apply([str(cafe)], [])
    assert reports[-1].updated == (str(cafe),)
    cafe.unlink()
    ingest.apply([], [str(cafe)])
    assert reports[-1].removed == (str(cafe),) and [a.title for a in store.articles()] == ["Bridge reopens"]


def foreign_files(folder: Path) -> dict[str, Path]:
    """Files a user might name for the cache by mistake: none of them is one."""
    notes = folder / "notes.txt"
    notes.write_text("Buy bread.\n")
    made = {"notes": notes}
    for name, statements in {
        "another program's database": ["CREATE TABLE accounts(name TEXT)", "PRAGMA user_version=1"],
        # What earlier versions made of the reading state: no id, schema 1, like a cache.
        "an earlier state file": [
            "CREATE TABLE articles(id TEXT PRIMARY KEY, read_at REAL, saved_at REAL)",
            "PRAGMA user_version=1",
        ],
    }.items():
        path = folder / f"{name}.sqlite3"
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other:
            for statement in statements:
                other.execute(statement)
        made[name] = path
    state = ReadingState(folder / "state.sqlite3")
    state.mark_read(["a"])
    state.close()
    made["a state file"] = folder / "state.sqlite3"
    return made


def test_a_file_named_for_the_cache_that_is_not_one_is_refused_and_never_touched(tmp_path: Path) -> None:
    for what, path in foreign_files(tmp_path).items():
        before = path.read_bytes()
        beside = sorted(tmp_path.iterdir())
        cache = PageCache(path, remake=False)
        assert cache.problem is not None and str(path) in cache.problem, what
        assert "left as it is" in cache.problem and "in memory" in cache.problem
        assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == beside, what
        page = sample_pages()[0]
        cache.put_many([(page, FileState(1, 1))])  # the session goes on, in memory
        assert cache.body(page.source) == page.article.body
        cache.close()
        assert path.read_bytes() == before


def test_a_file_named_for_the_cache_is_used_when_new_empty_or_a_cache(tmp_path: Path) -> None:
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    page = sample_pages()[0]
    for name in ("new.sqlite3", "empty.sqlite3"):
        for _ in range(2):  # made, then used again
            cache = PageCache(tmp_path / name, remake=False)
            assert cache.problem is None
            cache.put_many([(page, FileState(1, 1))])
            cache.close()
        assert PageCache(tmp_path / name, remake=False).body(page.source) == page.article.body


def test_caches_and_state_files_are_stamped_and_earlier_caches_kept(tmp_path: Path) -> None:
    page = sample_pages()[0]
    cache = PageCache(tmp_path / "cache.sqlite3")
    cache.put_many([(page, FileState(1, 1))])
    cache.close()
    ReadingState(tmp_path / "state.sqlite3").close()
    ids = {}
    for name in ("cache.sqlite3", "state.sqlite3"):
        with contextlib.closing(sqlite3.connect(tmp_path / name)) as check:
            ids[name] = check.execute("PRAGMA application_id").fetchone()[0]
    assert ids["cache.sqlite3"] != ids["state.sqlite3"] and 0 not in ids.values()
    # A cache made before application ids: taken as it is (its pages stay), then stamped.
    _as_schema_1(tmp_path / "cache.sqlite3", application_id=0)
    again = PageCache(tmp_path / "cache.sqlite3", remake=False)
    assert again.problem is None and again.body(page.source) == page.article.body
    again.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "cache.sqlite3")) as check:
        assert check.execute("PRAGMA application_id").fetchone()[0] == ids["cache.sqlite3"]


def _as_schema_1(path: Path, application_id: int) -> None:
    """Make the cache at `path` what a reader of schema 1 left: no places in the list."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as earlier:
        earlier.execute("DROP INDEX pages_in_order")
        earlier.execute("ALTER TABLE pages DROP COLUMN rank")
        earlier.execute("ALTER TABLE pages DROP COLUMN place")
        earlier.execute("ALTER TABLE pages DROP COLUMN feed")
        earlier.execute("ALTER TABLE pages DROP COLUMN feed_search")
        earlier.execute("DROP TABLE feed_snapshots")
        earlier.execute("DELETE FROM meta WHERE key = 'order'")
        earlier.execute(f"PRAGMA application_id={application_id}")
        earlier.execute("PRAGMA user_version=1")


def _dated(source: str, day: int | None, captured_day: int = 1) -> Page:
    article = Article(
        f"Headline {source}",
        None,
        (),
        None if day is None else date(2024, 5, day),
        1,
        None,
        ("Body.",),
        source,
    )
    return Page(source, datetime(2024, 6, captured_day, 12, 0), article, ())


def test_cached_pages_come_back_in_list_order_the_top_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache_module, "FIRST_ROWS", 2)
    # Names in no order of date, in two folders given as two roots; one page undated.
    pages = [
        _dated("/b/3.txt", 9),
        _dated("/a/1.txt", 2),
        _dated("/b/1.txt", None, captured_day=3),
        _dated("/a/2.txt", 20),
        _dated("/b/2.txt", 20),
        _dated("/c/1.txt", 30),  # not under the roots asked for
        _dated("/a/9.txt", None, captured_day=5),
    ]
    cache = PageCache(tmp_path / "cache.sqlite3")
    cache.put_many((page, FileState(1, 1)) for page in pages)
    runs = [[c.page.source for c in run] for run in cache.pages_under(["/b", "/a"])]
    listed = [source for run in runs for source in run]
    assert runs[0] == ["/a/2.txt", "/b/2.txt"]  # the top of the list comes first
    assert listed == ["/a/2.txt", "/b/2.txt", "/b/3.txt", "/a/1.txt", "/a/9.txt", "/b/1.txt"]
    assert listed == sorted(
        listed, key=lambda source: article_order(next(p for p in pages if p.source == source))
    )
    # A page saved again with another date moves.
    cache.put_many([(_dated("/a/1.txt", 31), FileState(2, 2))])
    assert [c.page.source for run in cache.pages_under(["/a"]) for c in run] == [
        "/a/1.txt",
        "/a/2.txt",
        "/a/9.txt",
    ]
    cache.close()


def test_a_cache_of_schema_1_gets_its_places_without_parsing_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    pages = [_dated("/n/1.txt", 3), _dated("/n/2.txt", 7), _dated("/n/3.txt", None)]
    cache = PageCache(path)
    cache.put_many((page, FileState(1, 1)) for page in pages)
    cache.close()
    _as_schema_1(path, application_id=CACHE_APPLICATION_ID)
    again = PageCache(path, remake=False)
    assert again.problem is None
    assert [c.page for run in again.pages_under(["/n"]) for c in run] == [
        without_texts(pages[1]),
        without_texts(pages[0]),
        without_texts(pages[2]),
    ]
    again.close()
    with contextlib.closing(sqlite3.connect(path)) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 3


def test_places_are_worked_out_again_when_the_order_changes(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    pages = [_dated("/n/1.txt", 3), _dated("/n/2.txt", 7)]
    cache = PageCache(path)
    cache.put_many((page, FileState(1, 1)) for page in pages)
    cache.close()
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other:
        # as another version of the order's rules would have left them: oldest first
        other.execute("UPDATE pages SET place = -place")
        other.execute("UPDATE meta SET value = 'other rules' WHERE key = 'order'")
    again = PageCache(path)
    assert [c.page.source for run in again.pages_under(["/n"]) for c in run] == ["/n/2.txt", "/n/1.txt"]
    again.close()


def test_a_cache_another_reader_holds_is_never_removed(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cache.sqlite3"
    page = sample_pages()[0]
    first = PageCache(path)
    first.put_many([(page, FileState(1, 1))])
    inode = path.stat().st_ino
    monkeypatch.setattr(cache_module, "_BUSY_SECONDS", 0.05)
    # A second reader of another version must clear the cache's pages, and has to
    # wait for the first, which is in the middle of a write.
    monkeypatch.setattr(cache_module, "parser_version", lambda: "another parser")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        second = PageCache(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert second.problem is not None and "held by another reader" in second.problem
    assert path.stat().st_ino == inode  # the first reader's file is where it was
    assert first.body(page.source) == page.article.body
    first.put_many([(sample_pages()[1], FileState(1, 1))])
    with contextlib.closing(sqlite3.connect(path)) as check:
        assert check.execute("SELECT count(*) FROM pages").fetchone() == (2,)


def test_the_parser_version_follows_the_line_model_weights(monkeypatch, tmp_path) -> None:
    from importlib.resources import files as real_files

    copy = tmp_path / "parse"
    shutil.copytree(Path(cache_module.__file__).parent.parent / "parse", copy)
    monkeypatch.setattr(
        cache_module,
        "files",
        lambda package: copy if package == cache_module._PARSE_PACKAGE else real_files(package),
    )
    before = cache_module.parser_version()
    weights = copy / "content_weights.json"
    weights.write_text(weights.read_text("utf-8").replace("}", " }", 1), "utf-8")
    assert cache_module.parser_version() != before


def test_a_warm_start_takes_back_the_feed_kept_and_never_one_from_before_a_change(
    tmp_path: Path, monkeypatch
) -> None:
    # Pages come back in runs of two: all but the first run go in without their feed.
    monkeypatch.setattr(cache_module, "FIRST_ROWS", 2)
    monkeypatch.setattr(cache_module, "FETCH_ROWS", 2)
    taken: list[bool] = []
    restore_feed = Store.restore_feed
    monkeypatch.setattr(
        Store, "restore_feed", lambda store, *args: taken.append(restore_feed(store, *args)) or taken[-1]
    )
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLES, folder)
    cache_file = tmp_path / "cache.sqlite3"
    cold, _ = start(folder, cache_file)
    assert len(cold.feed()) > 4 and taken == []
    warm, _ = start(folder, cache_file)
    assert (warm.feed(), taken) == (cold.feed(), [True])  # taken back, not sorted again
    # A page changed on disk: the snapshot still holds for what the cache has, and
    # the page read again replaces its old feed items.
    changed = folder / "02_feed_first.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Ferry strike called off", "Ferry strike goes ahead"),
        encoding="utf-8",
    )
    after, _ = start(folder, cache_file)
    fresh, _ = start(folder, tmp_path / "other.sqlite3")
    assert after.feed() == fresh.feed() != cold.feed() and taken == [True, True]
    # The cache changed after the last snapshot was kept (as by a reader still
    # running): that snapshot is never taken.
    behind = PageCache(cache_file)
    behind.remove_many([str(changed)])
    behind.close()
    again, _ = start(folder, cache_file)
    assert again.feed() == fresh.feed() and taken == [True, True]


def test_a_feed_snapshot_outdated_while_loading_gives_way_to_the_pages_feeds(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(cache_module, "FIRST_ROWS", 2)
    monkeypatch.setattr(cache_module, "FETCH_ROWS", 2)
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLES, folder)
    cold, _ = start(folder, tmp_path / "cache.sqlite3")
    # Another reader changes the cache while this one reads it: the generation moves.
    generation = PageCache.generation
    monkeypatch.setattr(PageCache, "generation", lambda cache: generation(cache) + 1)
    warm, _ = start(folder, tmp_path / "cache.sqlite3")
    assert warm.feed() == cold.feed()


def test_only_the_last_few_sets_of_folders_opened_keep_a_feed_snapshot(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "cache.sqlite3")
    for n in range(6):
        cache.keep_feed_snapshot([f"/folder{n}"], FeedSnapshot(cache.generation(), b"feed"))
    kept = [n for n in range(6) if cache.feed_snapshot([f"/folder{n}"]) is not None]
    assert kept == [2, 3, 4, 5]
    cache.keep_feed_snapshot(
        ["/folder2"], FeedSnapshot(cache.generation(), b"again")
    )  # made again: kept longest
    cache.keep_feed_snapshot(["/folder6"], FeedSnapshot(cache.generation(), b"feed"))
    assert [n for n in range(7) if cache.feed_snapshot([f"/folder{n}"]) is not None] == [2, 4, 5, 6]
