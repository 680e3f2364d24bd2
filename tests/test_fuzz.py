"""The parser returns a Page or raises ParseError, whatever it is given."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import Page, ParseError, page_to_json
from reader.parse.article import parse_bytes

CAPTURED = datetime(2024, 2, 29, 23, 59)

# Lines of the kinds pages are made of, so the fuzzer reaches the structural rules.
PAGE_LINES = st.sampled_from(
    [
        "",
        "News Feed",
        "MORE NEWS",
        "Skip to content",
        "5:15 AM",
        "11:17 PM",
        "23:40",
        "Advertisement",
        "by The Desk December 22, 2022 11:56 AM 1 min read",
        "By MARIA LOPEZ AND JOHN DOE, CNN",
        "Updated 10:12 AM EDT, June 1, 2024",
        "May 9, 2023 3:42 PM GMT+2Updated 5 hours ago",
        "Maria Lopez",
        "BBC News",
        "Image caption,",
        "Image source,",
        "Related topics",
        "World",
        "Council votes to close the old library",
        "Reporting by A; Editing by B",
        "The council voted on Tuesday to close the library, citing costs that rose sharply last year.",
        "[@click=app.quit]x[/] [b]y",
        "\x1b[31mred\x1b[0m",
        "3 березня 2023, 08:15",
        "5 min ago",
    ]
)


def check(data: bytes) -> None:
    try:
        page = parse_bytes(data, "fuzz.txt", CAPTURED)
    except ParseError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    assert isinstance(page, Page)
    page_to_json(page)
    if page.article is not None:
        assert page.article.title
        assert all(page.article.body)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text(text: str) -> None:
    check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PAGE_LINES | st.text(max_size=80), max_size=60))
def test_page_shaped_text(lines: list[str]) -> None:
    check("\n".join(lines).encode("utf-8", errors="surrogatepass"))


# Pages made of long runs of one kind of line (thousands of blank lines after a feed,
# of names under a headline, of clock times): the shapes that once made parsing
# quadratic. tests/test_linear.py counts the work; here they must simply parse.
RUNS = st.lists(st.tuples(PAGE_LINES, st.integers(min_value=1, max_value=3000)), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RUNS)
def test_pages_of_long_runs(runs: list[tuple[str, int]]) -> None:
    check("".join(f"{line}\n" * count for line, count in runs).encode("utf-8", errors="surrogatepass"))
