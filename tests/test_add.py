"""`reader add URL`: a page fetched from the (loopback) web is kept in the library as
the HTML it was, named by its date and headline; every failure names the address,
says why, and keeps nothing and touches nothing."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reader.cli import run_add
from reader.library.fetch import Added, NotAdded, add_page, web_address
from reader.parse.article import parse_bytes
from tests.web_server import ARTICLE, web_server

NOW = datetime(2025, 3, 14, 12, 0)


def as_kept(page: str, url: str) -> bytes:
    """A page as the library keeps it: with the address it came from, as browsers note it."""
    note = f"<!-- saved from url=({len(url):04d}){url} -->\n"
    doctype = "<!doctype html>"
    return (
        (doctype + "\n" + note + page.removeprefix(doctype)).encode()
        if page.startswith(doctype)
        else (note + page).encode()
    )


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with web_server() as base:
        yield base


def test_a_page_is_kept_as_it_was_under_its_date_and_headline(site: str, tmp_path: Path) -> None:
    result = add_page(f"{site}/article", tmp_path, now=NOW)
    assert isinstance(result, Added)
    assert result.path == tmp_path / "2025-03-12-quay-wall-repaired-two-months-early.html"
    assert result.path.read_bytes() == as_kept(ARTICLE, f"{site}/article")
    assert result.new
    article = result.page.article
    assert article is not None
    assert (article.title, article.authors, article.url) == (
        "Quay wall repaired two months early",
        ("Rhea Lind",),
        "https://harbour.example/quay-wall",
    )
    assert len(article.body) == 3


def test_the_same_page_twice_is_one_file_and_another_with_its_name_is_kept_apart(
    site: str, tmp_path: Path
) -> None:
    first = add_page(f"{site}/article", tmp_path, now=NOW)
    again = add_page(f"{site}/moved", tmp_path, now=NOW)  # redirected to the same page
    assert isinstance(first, Added) and isinstance(again, Added)
    assert again.path == first.path and first.new and not again.new
    mine = tmp_path / "2025-03-12-quay-wall-repaired-two-months-early.html"
    mine.write_text("my own notes")  # a file of the user's under that name
    third = add_page(f"{site}/gzip", tmp_path, now=NOW)
    assert isinstance(third, Added)
    assert third.path.name == "2025-03-12-quay-wall-repaired-two-months-early-2.html"
    assert third.path.read_bytes() == as_kept(ARTICLE, f"{site}/gzip")  # gzip undone
    assert mine.read_text() == "my own notes"


def test_a_page_in_the_encoding_its_server_named_is_kept_readable(site: str, tmp_path: Path) -> None:
    result = add_page(f"{site}/latin", tmp_path, now=NOW)
    assert isinstance(result, Added) and result.page.article is not None
    assert result.page.article.title == "Le café du port rouvre ses portes"
    kept = result.path.read_bytes()
    assert kept.startswith(b"<!-- saved from url=(")
    assert b'-->\n<meta charset="iso-8859-1">\n<html>' in kept
    # read back from the library: its text, and the address it came from (it states none)
    saved = parse_bytes(kept, str(result.path), NOW).article
    assert saved is not None
    assert (saved.title, saved.url) == ("Le café du port rouvre ses portes", f"{site}/latin")


def test_a_page_with_no_article_is_kept_with_a_warning(site: str, tmp_path: Path) -> None:
    result = add_page(f"{site}/gallery", tmp_path, now=NOW)
    assert isinstance(result, Added)
    assert result.page.article is None
    assert result.page.warnings == (f"{site}/gallery: no article found",)
    assert result.path == tmp_path / "2025-03-14-gallery.html"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/gone", "the site answered 410 Gone"),
        ("/nowhere", "the site answered 404 Not Found"),
        ("/broken", "the site answered 503 Service Unavailable"),
        ("/report.pdf", "not a web page but application/pdf"),
        ("/huge", "too large (200,026 bytes; the limit is 100,000)"),
        ("/huge-unsized", "too large (over 100,000 bytes, the limit)"),
        ("/loop", "too many redirects (more than 10)"),
        ("/empty", "the page is empty"),
    ],
)
def test_an_address_that_gives_no_page_says_why(site: str, tmp_path: Path, path: str, why: str) -> None:
    url = f"{site}{path}"
    assert add_page(url, tmp_path, max_bytes=100_000, now=NOW) == NotAdded(url, f"{url}: {why}")
    assert list(tmp_path.iterdir()) == []


def test_a_site_that_does_not_answer_in_time(site: str, tmp_path: Path) -> None:
    url = f"{site}/slow"
    assert add_page(url, tmp_path, timeout=0.5, now=NOW) == NotAdded(
        url, f"{url}: no answer within 0.5 seconds"
    )


def test_no_server_no_name_and_no_tls_say_so(site: str, tmp_path: Path, monkeypatch) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    refused = f"http://127.0.0.1:{port}/story"
    assert add_page(refused, tmp_path) == NotAdded(refused, f"{refused}: the site refused the connection")
    secure = site.replace("http://", "https://") + "/article"  # TLS to a server that speaks none
    result = add_page(secure, tmp_path)
    assert isinstance(result, NotAdded) and result.reason.startswith(
        f"{secure}: the secure connection failed ("
    )

    def no_name(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_name)
    unknown = "https://no-such-site.example/story"
    assert add_page(unknown, tmp_path) == NotAdded(
        unknown, f"{unknown}: no such site (its name could not be looked up)"
    )
    assert list(tmp_path.iterdir()) == []


def test_what_is_no_web_address() -> None:
    assert web_address("https://news.example/a?b=1#c") == "https://news.example/a?b=1#c"
    assert web_address("news.example/story") == "https://news.example/story"
    assert web_address("news.example:8443/story") == "https://news.example:8443/story"
    assert web_address("localhost:8765/story.html") == "http://localhost:8765/story.html"
    assert web_address("127.0.0.1:8765/a") == "http://127.0.0.1:8765/a"
    for given in [
        "ftp://news.example/x",
        "file:///etc/passwd",
        "story",
        "",
        "https://a b",
        "javascript:alert(1)",
    ]:
        assert web_address(given) is None


def test_a_folder_that_cannot_be_written_loses_nothing(site: str, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    url = f"{site}/article"
    result = add_page(url, blocker, now=NOW)
    assert isinstance(result, NotAdded) and result.reason.startswith(
        f"{url}: could not be saved in {blocker} ("
    )
    assert blocker.read_text() == "mine"


def test_reader_add_prints_what_it_kept_and_fails_for_the_rest(site: str, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_add([f"{site}/article", f"{site}/gone", "--to", str(tmp_path / "new")], out, err)
    assert status == 1
    kept = tmp_path / "new" / "2025-03-12-quay-wall-repaired-two-months-early.html"
    assert out.getvalue() == f"added {kept}\n  Quay wall repaired two months early (3 paragraphs)\n"
    assert err.getvalue() == f"error: {site}/gone: the site answered 410 Gone\n"
    assert run_add([f"{site}/gallery", "--to", str(tmp_path)], out, err) == 0
    assert out.getvalue().endswith(f"  warning: {site}/gallery: no article found (the page is kept)\n")
    assert run_add([f"{site}/article", "--to", str(tmp_path / "new")], out, err) == 0
    assert out.getvalue().endswith(
        f"already in the library: {kept}\n  Quay wall repaired two months early (3 paragraphs)\n"
    )
    assert run_add([""], out, err) == 1
    assert err.getvalue().endswith("error: no address given (give one like https://news.example/story)\n")
