"""The reference page parses exactly (read from ../shared/seeds, never copied here)."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import parsed_fields


def test_seed_page_parses_exactly(seed_bytes: bytes) -> None:
    lines = seed_bytes.decode("utf-8").split("\n")
    # What a reader sees by eye: the headline on line 4, the body between the audio
    # widget and the News Feed heading, three items of time, headline, summary.
    body_start = lines.index("This audio is created with AI assistance") + 1
    body_end = lines.index("News Feed")
    feed = lines[body_end + 1 :]

    result = parsed_fields(seed_bytes, captured=datetime(2022, 12, 23, 9, 30))

    assert result == {
        "title": lines[3],
        "subtitle": None,
        "authors": ["The Kyiv Independent news desk"],
        "published": "2022-12-22T11:56:00",
        "read_minutes": 1,
        "category": None,
        "body": [line for line in lines[body_start:body_end] if line],
        "feed": [
            {"time": "2022-12-23T05:15:00", "headline": feed[3], "summary": feed[5]},
            {"time": "2022-12-22T23:17:00", "headline": feed[8], "summary": feed[10]},
            {"time": "2022-12-22T04:16:00", "headline": feed[13], "summary": feed[15]},
        ],
    }
    assert len(result["body"]) == 8
    assert feed[1] == "5:15 AM" and feed[6] == "11:17 PM" and feed[11] == "4:16 AM"


def test_seed_feed_newest_item_is_never_after_the_capture(seed_bytes: bytes) -> None:
    # Saved at 03:00, the 5:15 AM item cannot be from that morning: it is the day before.
    result = parsed_fields(seed_bytes, captured=datetime(2022, 12, 23, 3, 0))
    assert [item["time"] for item in result["feed"]] == [
        "2022-12-22T05:15:00",
        "2022-12-21T23:17:00",
        "2022-12-21T04:16:00",
    ]
