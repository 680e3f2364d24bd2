"""Saved HTML pages: the article from the document's structure and metadata, the
News Feed from its text, the encodings pages declare, and nothing from what a
browser would not show. The pages in tests/htmlpages were written for these tests."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.model import Page, ParseError, page_to_json
from reader.parse.article import parse_bytes
from reader.parse.html_metadata import read_metadata
from reader.parse.html_render import render

PAGES = Path(__file__).resolve().parent / "htmlpages"
FIELDS = (
    "title",
    "subtitle",
    "authors",
    "published",
    "read_minutes",
    "category",
    "body",
    "url",
    "site",
    "feed",
)
CAPTURED = datetime(2025, 3, 14, 12, 0)


def parsed(data: bytes, source: str = "page.html") -> dict[str, object]:
    result = page_to_json(parse_bytes(data, source, CAPTURED))
    return {key: result[key] for key in (*FIELDS, "warnings")}


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda path: path.stem)
def test_html_page_parses_as_expected(page: Path) -> None:
    expected = json.loads(page.with_suffix(".json").read_text("utf-8"))
    assert datetime.fromisoformat(expected.pop("captured")) == CAPTURED
    result = parsed(page.read_bytes(), page.name)
    assert result.pop("warnings") == []
    assert result == expected


def test_live_feed_in_an_aside_is_read_and_kept_out_of_the_article() -> None:
    result = parsed((PAGES / "harbour_live.html").read_bytes())
    assert [item["headline"] for item in result["feed"]] == [  # type: ignore[index]
        "Quayside road closed.",
        "Ferries cancelled.",
        "Schools open as normal.",
    ]
    body = " ".join(result["body"])  # type: ignore[arg-type]
    assert "Ferries cancelled" not in body
    assert "hidden from readers" not in body  # display:none
    assert "Accept all" not in body and "Good call" not in body  # cookie banner, comments


def test_render_lays_out_text_as_a_browser_does() -> None:
    tree = LexborHTMLParser(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<div>One <b>bold</b> <a href='#'>link</a></div><p>Para one</p><p>Para two<br>next line</p>"
        "<table><tr><td>a</td><td>b</td></tr></table><script>x()</script>"
        "<div hidden>secret</div><span style='display: none'>gone</span><ul><li>item</li></ul>"
        "<ol><li>first</li><li>second</li></ol><ul><li><a href='/o'>Other story</a></li></ul>"
        "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav><div><a href='/a'>A</a> | <a href='/b'>B</a></div>"
        "</body></html>"
    )
    rendered = render(tree)
    assert rendered.text.split("\n") == [
        "One bold link",
        "",
        "Para one",
        "",
        "Para two",
        "next line",
        "",
        "a\tb",
        "• item",
        "1. first",
        "2. second",
        "• Other story",
        "Home News",
        "A | B",
    ]
    # navigation, a list item that is a link to another page, a row of links
    assert rendered.chrome == [False] * 11 + [True, True, True]


def test_metadata_from_json_ld_meta_tags_and_elements() -> None:
    tree = LexborHTMLParser(
        """<html><head><title>Tab title | Site</title>
        <meta property="og:site_name" content="Site">
        <meta name="shareaholic:article_published_time" content="2024-02-03T10:00:00+00:00">
        <link rel="canonical" href="https://site.example/a">
        <script type="application/ld+json"><![CDATA[
        {"@graph": [{"@type": "WebSite", "name": "Site"},
                    {"@type": "BlogPosting", "headline": "The headline",
                     "author": {"@type": "Person", "name": "By Ann Lee"}}]}
        ]]></script></head><body><h1>The  headline</h1></body></html>"""
    )
    meta = read_metadata(tree)
    assert (meta.title, meta.tab_title, meta.headings) == (
        "The headline",
        "Tab title | Site",
        ["The headline"],
    )
    assert (meta.authors, meta.url, meta.site) == (("Ann Lee",), "https://site.example/a", "Site")
    assert meta.published is not None and meta.published.isoformat() == "2024-02-03T10:00:00+00:00"


def test_authors_people_before_the_site_and_from_a_byline_element_last() -> None:
    def authors(head: str, body: str = "") -> object:
        text = (
            "<p>"
            + "The ferry returns to the island after the winter storms, the operator said. " * 3
            + "</p>"
        )
        page = f"<html><head>{head}</head><body><h1>Ferry back on the water</h1>{body}{text}</body></html>"
        return parsed(page.encode())["authors"]

    site = '<meta property="og:site_name" content="Island Post">'
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": %s}</script>'
    organization = '{"@type": "Organization", "name": "%s"}'
    assert authors(site + ld % (organization % "Island Post")) == []  # the site is no author
    assert authors(site + ld % (organization % "Harbour Volunteers")) == ["Harbour Volunteers"]
    assert authors('<meta name="author" content="Von Jana Berg">') == ["Jana Berg"]
    assert authors("", '<div class="post-byline">Ola Lund</div>') == ["Ola Lund"]
    assert authors("", '<div class="post-byline">Share this story on every network</div>') == []


def test_declared_encoding_is_used_unless_the_bytes_are_utf8() -> None:
    body = (
        "<p>"
        + "Le marché de la place s'installe désormais le jeudi matin, à la demande des commerçants. " * 3
    )
    declared_latin = (
        f'<html><head><meta charset="iso-8859-1"></head><body><h1>Marché</h1>{body}</p></body></html>'
    )
    assert "marché" in " ".join(parsed(declared_latin.encode("cp1252"))["body"])  # type: ignore[arg-type]
    # Saved again as UTF-8, the page kept its old declaration: the bytes say UTF-8.
    assert "marché" in " ".join(parsed(declared_latin.encode("utf-8"))["body"])  # type: ignore[arg-type]


def test_characters_the_renderer_marks_with_are_plain_text_in_a_page() -> None:
    text = (
        "<html><body><h1>Title</h1><p>"
        + "One \ue001sentence\ue004 that reads as text here. " * 5
        + "</p></body></html>"
    )
    assert parsed(text.encode())["body"] == [("One sentence that reads as text here. " * 5).strip()]


def test_a_headline_with_nothing_to_read_is_listed_and_told() -> None:
    page = (
        b"<html><head><title>Sign in | Metro Daily</title></head><body><header>Metro Daily</header>"
        b"<main><h1>Sign in to your account</h1><form><label>Email address</label><input name=e>"
        b"<button>Sign in</button></form><p><a href='/forgot'>Forgot your password?</a></p>"
        b"<p>New here? <a href='/new'>Create a free account</a></p></main><footer>Metro Daily</footer></body></html>"
    )
    result = parsed(page)
    # the site's name is off the tab's title: the page names it in its header and footer
    assert (result["title"], result["body"]) == ("Sign in", [])
    assert result["warnings"] == ["page.html: no article text found"]


def test_the_h1_is_the_headline_when_it_says_what_the_tab_title_says() -> None:
    body = "<p>" + "The council approved the plan on Tuesday evening after a long debate in the chamber. " * 3
    page = (
        "<html><head><title>City council approves bike lane network | Metro Daily</title></head><body>"
        f"<h1>City council approves 40-kilometre bike lane network</h1>{body}</p></body></html>"
    )
    assert parsed(page.encode())["title"] == "City council approves 40-kilometre bike lane network"


def test_the_address_a_browser_noted_when_saving_is_the_pages_own_when_it_states_none() -> None:
    body = "<p>" + "The ferry returns to the island after the winter storms, the operator said. " * 3
    note = "<!-- saved from url=(0031)https://news.example/ferry-back -->"
    page = f"<!DOCTYPE html>\n{note}\n<html><body><h1>Ferry back</h1>{body}</p></body></html>"
    assert parsed(page.encode())["url"] == "https://news.example/ferry-back"
    canonical = page.replace(
        "<body>", "<head><link rel=canonical href='https://news.example/c'></head><body>"
    )
    assert parsed(canonical.encode())["url"] == "https://news.example/c"


def test_the_stated_time_keeps_its_zone_and_a_shown_day_beats_a_utc_one() -> None:
    body = "<p>" + "The ferry returns to the island after the winter storms, the operator said. " * 3 + "</p>"

    def published(stated: str, shown: str) -> object:
        meta = f"<meta property='article:published_time' content='{stated}'>"
        page = f"<html><head>{meta}</head><body><h1>Ferry back on the water</h1><p>{shown}</p>{body}</body></html>"
        return parsed(page.encode())["published"]

    assert published("2025-03-14T08:30:00-04:00", "March 14, 2025, 8:30 AM") == "2025-03-14T08:30:00-04:00"
    assert (
        published("2025-03-14T23:30:00+00:00", "15 March 2025") == "2025-03-15"
    )  # the day where it was written
    assert published("2025-03-14T08:30:00+00:00", "2 January 2019") == "2025-03-14T08:30:00+00:00"


def test_nul_bytes_a_few_are_dropped_many_make_no_page() -> None:
    text = "<html><body><h1>Title here now</h1><p>" + "A sentence of the article that reads well. " * 5
    assert parsed(text.replace("A sentence", "A\x00 sentence", 1).encode())["body"]
    with pytest.raises(ParseError, match="binary"):
        parse_bytes(b"<html>" + b"\x00" * 500 + b"</html>", "page.html", CAPTURED)


def test_a_text_file_that_holds_an_html_document_is_read_as_html() -> None:
    html = (PAGES / "harbour_live.html").read_bytes()
    assert parsed(html, "saved-page.txt")["title"] == parsed(html)["title"]
    assert (
        parsed(html, "saved-page.txt")["url"]
        == "https://courier.example/news/2025/03/tidal-barrier-closes-early"
    )


def test_page_text_in_html_is_never_markup_or_escapes() -> None:
    result = parsed((PAGES / "cafe_cp1252.html").read_bytes())
    last = result["body"][-1]  # type: ignore[index]
    assert last == "Text in square brackets like [bold]this[/bold] and an escape red must stay plain text."


def test_metadata_that_is_not_an_address_or_too_long_is_left_out() -> None:
    names = ", ".join(f"Author{n} Name{n}" for n in range(30))
    page = (
        '<html><head><link rel="canonical" href="javascript:alert(1)">'
        f'<meta name="author" content="{names}"><title>{"Long " * 200}</title></head>'
        "<body><p>"
        + "The article has one paragraph of plain text that reads as one. " * 4
        + "</p></body></html>"
    )
    result = parsed(page.encode())
    assert result["url"] is None
    assert len(result["authors"]) <= 10  # type: ignore[arg-type]
    assert len(result["title"]) <= 301  # type: ignore[arg-type]


TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='comments'>",
        "<div class='article-body'>",
        "</div>",
        "<br>",
        "<h1>",
        "</h1>",
        "<a href='#'>",
        "</a>",
        "<nav>",
        "</nav>",
        "<aside>",
        "</aside>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": [1], "author": {"name": 5}}</script>',
        "<meta property='article:published_time' content='2024-13-45'>",
        "Live updates",
        "09:10",
        "A sentence of the article, long enough to read as running text in a paragraph.",
        "\x1b[31m",
        "[b]",
        "\ue004",
        "\ue001",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TAGS, max_size=60), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_any_html_gives_a_page_or_a_parse_error(parts: list[str], encoding: str) -> None:
    data = ("<html><body>" + "".join(parts)).encode(encoding, errors="replace")
    try:
        page = parse_bytes(data, "fuzz.html", CAPTURED)
    except ParseError:
        return
    assert isinstance(page, Page)
    shown = json.dumps(page_to_json(page))
    assert "\\u001b" not in shown and "\\ue00" not in shown and "\\u0000" not in shown
