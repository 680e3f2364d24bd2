"""Dates as news sites write them, and feed clock times anchored to the capture."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.parse.dates import anchor_clock_times, find_date, parse_clock, parse_relative


def tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 22, 2022 11:56 AM", datetime(2022, 12, 22, 11, 56)),
        ("9 March 2023", date(2023, 3, 9)),
        ("Mon 13 Mar 2023 07.40 GMT", datetime(2023, 3, 13, 7, 40, tzinfo=UTC)),
        ("Updated 10:12 AM EDT, June 1, 2024", datetime(2024, 6, 1, 10, 12, tzinfo=tz(-4))),
        ("May 9, 2023 3:42 PM GMT+2Updated 5 hours ago", datetime(2023, 5, 9, 15, 42, tzinfo=tz(2))),
        ("3 березня 2023, 08:15", datetime(2023, 3, 3, 8, 15)),
        ("5 мая 2023 г., 12:30 (UTC+03:00)", datetime(2023, 5, 5, 12, 30, tzinfo=tz(3))),
        ("9. März 2023, 14:20 Uhr", datetime(2023, 3, 9, 14, 20)),
        ("Publié le 9 mars 2023 à 14h20", datetime(2023, 3, 9, 14, 20)),
        ("9 de marzo de 2023 - 14:20 CET", datetime(2023, 3, 9, 14, 20, tzinfo=tz(1))),
        ("Updated 3:05 PM EST, January 15, 2024", datetime(2024, 1, 15, 15, 5, tzinfo=tz(-5))),
        ("March 9, 2023, 8:15 a.m. ET", datetime(2023, 3, 9, 8, 15, tzinfo=tz(-5))),
        ("June 9, 2023, 8:15 a.m. ET", datetime(2023, 6, 9, 8, 15, tzinfo=tz(-4))),
        ("Published 09.03.2023 14:20", datetime(2023, 3, 9, 14, 20)),
        ("2023-03-09", date(2023, 3, 9)),
        ("2023-03-09T08:15:00+02:00", datetime(2023, 3, 9, 8, 15, tzinfo=tz(2))),
        ("Sept. 5th, 2023", date(2023, 9, 5)),
        ("12:00 PM GMT-5, July 4, 2024", datetime(2024, 7, 4, 12, 0, tzinfo=tz(-5))),
    ],
)
def test_date_forms(text: str, expected: datetime | date) -> None:
    found = find_date(text)
    assert found is not None
    assert found.value == expected
    assert type(found.value) is type(expected)
    if isinstance(expected, datetime):
        assert found.value.utcoffset() == expected.utcoffset()


def test_gmt_plus_two_is_east_of_greenwich() -> None:
    # dateutil (POSIX) reads GMT+2 as UTC-2; pages mean UTC+2.
    found = find_date("May 9, 2023 3:42 PM GMT+2")
    assert found is not None and found.value.isoformat() == "2023-05-09T15:42:00+02:00"


@pytest.mark.parametrize("text", ["Feb 30, 2023", "no date here at 12:30", "", "2023", "13/45/2023"])
def test_no_date(text: str) -> None:
    assert find_date(text) is None


@given(st.text(max_size=300))
def test_find_date_never_raises(text: str) -> None:
    find_date(text)


@pytest.mark.parametrize(
    ("line", "clock"),
    [
        ("5:15 AM", (5, 15)),
        ("11:17 PM", (23, 17)),
        ("12:05 AM", (0, 5)),
        ("23:40", (23, 40)),
        ("7.05 pm", (19, 5)),
        ("noon", None),
        ("25:00", None),
        ("13:00 PM", None),
    ],
)
def test_clock_lines(line: str, clock: tuple[int, int] | None) -> None:
    assert parse_clock(line) == clock


def test_clock_times_step_back_a_day_when_the_clock_goes_up() -> None:
    captured = datetime(2022, 12, 23, 9, 0)
    times = anchor_clock_times([(5, 15), (23, 17), (4, 16), None, (3, 0)], captured)
    assert times == [
        datetime(2022, 12, 23, 5, 15),
        datetime(2022, 12, 22, 23, 17),
        datetime(2022, 12, 22, 4, 16),
        None,
        datetime(2022, 12, 22, 3, 0),
    ]


def test_first_clock_time_later_than_the_capture_is_the_day_before() -> None:
    assert anchor_clock_times([(23, 0)], datetime(2022, 12, 23, 9, 0)) == [datetime(2022, 12, 22, 23, 0)]


def test_relative_times() -> None:
    captured = datetime(2024, 1, 2, 12, 0)
    assert parse_relative("5 min ago", captured) == datetime(2024, 1, 2, 11, 55)
    assert parse_relative("2 hours ago", captured) == datetime(2024, 1, 2, 10, 0)
    assert parse_relative("Just now", captured) == captured
    assert parse_relative("yesterday", captured) is None
