"""Single parser rules on small pages, each compared as a whole result."""

from __future__ import annotations

from datetime import datetime

from reader.parse.article import parse_bytes
from tests.conftest import parsed_fields

CAPTURED = datetime(2024, 5, 2, 12, 0)
BODY = [
    "The city council approved the new tram line on Tuesday after a long debate that ran past midnight.",
    "Construction is due to begin next spring, and the first trams should run in the autumn of 2027.",
]


def page(*lines: str) -> bytes:
    return "\n".join(lines).encode()


HEADLINE = "Tram line approved after a long night"


def headed(*header: str) -> bytes:
    """A page of the headline, `header` lines under it, and the body's two paragraphs."""
    return page(HEADLINE, "", *header, "", BODY[0], "", BODY[1])


def empty(**fields) -> dict:
    result = {
        "title": None,
        "subtitle": None,
        "authors": [],
        "published": None,
        "read_minutes": None,
        "category": None,
        "body": [],
        "feed": [],
    }
    result.update(fields)
    return result


def test_headline_right_under_a_feed_block_is_kept() -> None:
    data = page(
        "News Feed",
        "",
        "9:10 AM",
        "",
        "Bridge closes.",
        "",
        "The bridge closes for a week.",
        "8:05 AM",
        "",
        "Market reopens.",
        "",
        "The market reopened.",
        "Tram line approved after a long night",
        "",
        BODY[0],
        "",
        BODY[1],
    )
    assert parsed_fields(data, CAPTURED) == empty(
        title="Tram line approved after a long night",
        body=BODY,
        feed=[
            {
                "time": "2024-05-02T09:10:00",
                "headline": "Bridge closes.",
                "summary": "The bridge closes for a week.",
            },
            {"time": "2024-05-02T08:05:00", "headline": "Market reopens.", "summary": "The market reopened."},
        ],
    )


def test_a_page_that_is_only_a_feed_has_no_article_and_says_so() -> None:
    data = page(
        "News Feed", "9:10 AM", "Bridge closes.", "", "The bridge closes.", "8:05 AM", "Market reopens."
    )
    result = parse_bytes(data, "feed.txt", CAPTURED)
    assert result.article is None
    assert result.warnings == ("feed.txt: no article found",)
    assert [item.headline or item.summary for item in result.feed] == ["Bridge closes.", "Market reopens."]


def test_a_date_inside_a_paragraph_is_not_the_publication_date() -> None:
    data = page(
        "Tram line approved after a long night",
        "",
        "The vote on March 3, 2023 at 8:15 PM followed two years of hearings and three public consultations.",
        "",
        BODY[0],
    )
    assert parsed_fields(data, CAPTURED)["published"] is None


def test_by_at_the_start_of_a_sentence_is_not_a_byline() -> None:
    data = page(
        "Tram line approved after a long night",
        "",
        "By Tuesday evening, the council had heard from more than two hundred residents on the plan.",
        "",
        BODY[0],
    )
    result = parsed_fields(data, CAPTURED)
    assert result["authors"] == []
    assert result["body"][0].startswith("By Tuesday evening")


def test_markup_and_escapes_in_page_text_stay_literal_text() -> None:
    data = page("Fines [@click=app.quit]x[/] [b]y \x1b[31mred\x1b[0m", "", BODY[0], "", BODY[1])
    assert parsed_fields(data, CAPTURED)["title"] == "Fines [@click=app.quit]x[/] [b]y red"


def test_newest_first_feed_crossing_midnight_twice() -> None:
    data = page(
        "News Feed",
        "1:00 AM",
        "A.",
        "",
        "a.",
        "11:00 PM",
        "B.",
        "",
        "b.",
        "2:00 PM",
        "C.",
        "",
        "c.",
        "11:30 PM",
        "D.",
        "",
        "d.",
        "MORE NEWS",
    )
    times = [item["time"] for item in parsed_fields(data, CAPTURED)["feed"]]
    assert times == [
        "2024-05-02T01:00:00",
        "2024-05-01T23:00:00",
        "2024-05-01T14:00:00",
        "2024-04-30T23:30:00",
    ]


def test_text_that_looks_like_markup_is_still_text() -> None:
    # A headline and a byline holding Rich/Textual markup: the headline stays the
    # title (it was dropped for the byline under it), the byline names its author.
    data = page("[@click=app.quit]x[/]", "By [link=https://example.org]Mallory[/link] Smith", "", *BODY)
    assert parsed_fields(data, CAPTURED) == empty(
        title="[@click=app.quit]x[/]",
        authors=["[link=https://example.org]Mallory[/link] Smith"],
        body=BODY,
    )


def test_a_date_on_a_line_the_byline_rules_do_not_read_is_the_publication_date() -> None:
    # Under the headline a line the byline rules do not read (a date, a name and a
    # comment link); a date in a paragraph (2027) is never taken.
    data = headed("12. März 2024 stadtredaktion Schreibe einen Kommentar")
    assert parsed_fields(data, CAPTURED) == empty(
        title="Tram line approved after a long night", published="2024-03-12", body=BODY
    )
    # Just above the headline (a blog's date over its post), and just under the
    # opening paragraph (a site that puts its date line there).
    for lines in (
        (
            "Posted 12/03/2024 · Transport",
            "",
            "Tram line approved after a long night",
            "",
            BODY[0],
            "",
            BODY[1],
        ),
        (
            "Tram line approved after a long night",
            "",
            BODY[0],
            "",
            "12.03.2024 / Transport / 3 comments",
            "",
            BODY[1],
        ),
    ):
        parsed = parsed_fields(page(*lines), CAPTURED)
        assert (parsed["title"], parsed["published"]) == (
            "Tram line approved after a long night",
            "2024-03-12",
        )


def test_what_a_date_leaves_in_a_byline_and_an_address_are_no_part_of_a_name() -> None:
    for byline, published in (
        ("Von Jana Kowalski 12. März 2024 08:15 Uhr", "2024-03-12T08:15:00"),
        ("By Jana Kowalski jkowalski@example.org", None),
    ):
        data = headed(byline)
        assert parsed_fields(data, CAPTURED) == empty(
            title="Tram line approved after a long night",
            authors=["Jana Kowalski"],
            published=published,
            body=BODY,
        ), byline


def test_the_name_beside_a_date_the_byline_rules_do_not_read_is_the_author() -> None:
    data = headed("Jana Kowalski · 12 March 2024 · Transport · 4 comments")
    assert parsed_fields(data, CAPTURED) == empty(
        title="Tram line approved after a long night",
        authors=["Jana Kowalski"],
        published="2024-03-12",
        body=BODY,
    )


def test_more_byline_openings_a_name_under_the_headline_and_a_handle() -> None:
    for header_lines, authors in (
        (["Artikel von Jana Kowalski"], ["Jana Kowalski"]),
        (["Posted by Jana Kowalski"], ["Jana Kowalski"]),
        (["Por Jana Kowalski @jkowalski"], ["Jana Kowalski"]),
        # a name alone right under the headline, with a role and a menu line under it
        (["Jana Kowalski", "Transport editor", "Share"], ["Jana Kowalski"]),
    ):
        data = headed(*header_lines)
        parsed = parsed_fields(data, CAPTURED)
        assert (parsed["title"], parsed["authors"], parsed["body"]) == (
            "Tram line approved after a long night",
            authors,
            BODY,
        ), header_lines


def test_a_headline_under_its_date_line() -> None:
    data = page(
        "Skip to content",
        "Home",
        "City news",
        "",
        "Transport · 2 May 2024",
        "Tram line approved after a long night of debate",
        "",
        BODY[0],
        "",
        BODY[1],
    )
    parsed = parsed_fields(data, CAPTURED)
    assert (parsed["title"], parsed["published"], parsed["body"]) == (
        "Tram line approved after a long night of debate",
        "2024-05-02",
        BODY,
    )


def test_a_byline_over_a_photo_credit_is_no_caption_and_a_date_among_furniture_counts() -> None:
    data = headed("2. Mai 2024 von Jana Kowalski", "Photo: Tomas Ruiz")
    assert parsed_fields(data, CAPTURED) == empty(
        title="Tram line approved after a long night",
        authors=["Jana Kowalski"],
        published="2024-05-02",
        body=BODY,
    )
    # The date on a line the phrase lists take for furniture (it names the site's rights).
    data = page(
        "Tram line approved after a long night",
        "Veröffentlicht am 2. Mai 2024 / © Stadtanzeiger",
        "",
        BODY[0],
        "",
        BODY[1],
    )
    assert parsed_fields(data, CAPTURED)["published"] == "2024-05-02"


def test_an_address_the_page_states_on_a_line_of_its_own_is_kept_as_its_url() -> None:
    from reader.model import page_to_json

    def parsed(data: bytes) -> dict:
        result = page_to_json(parse_bytes(data, "page.txt", CAPTURED))
        return {key: result[key] for key in ("title", "category", "body", "url")}

    top = page("https://news.example/tram-approved", "", HEADLINE, "", BODY[0], "", BODY[1])
    assert parsed(top) == {
        "title": HEADLINE,
        "category": None,
        "body": BODY,
        "url": "https://news.example/tram-approved",
    }
    bottom = page(HEADLINE, "", BODY[0], "", BODY[1], "", "Source: https://news.example/tram")
    assert parsed(bottom)["url"] == "https://news.example/tram"
    # an address inside the article's text is no address of the page
    inside = page(HEADLINE, "", BODY[0], "See https://council.example/tram for the plans.", "", BODY[1])
    assert parsed(inside)["url"] is None
    assert parsed(headed())["url"] is None
