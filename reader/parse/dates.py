"""Dates and clock times as news pages write them.

Hand-written matching instead of `dateutil.parser.parse(fuzzy=True)`: fuzzy parsing
picks numbers out of any sentence, gets `GMT+2` backwards (POSIX sign) and needs a
zone table anyway. Each form news sites use is a small regex; a match becomes a
datetime (aware when the page names a zone), or a date when there is no time.
Nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.parser import isoparse

from reader.parse.phrases import Folded, month_key, phrases

_SUFFIX = r"(?:st|nd|rd|th|\.|-го|-е|er)?"
# A year, also when a time is glued to it ("January 14, 20255:32 AM ET").
_YEAR = r"(\d{4})(?:(?!\d)|(?=\d{1,2}[:.]\d{2}))"
# 10:30, 10.30, 10h30, 10時30分 (Japanese), 9时15分 / 9点15分 (Chinese); AM/PM, and the
# Arabic ص / م (morning / evening).
_TIME = (
    r"(?<![\d:.,])([01]?\d|2[0-3])\s?[:.h時时点]\s?([0-5]\d)(?!\d)(?:[:.]([0-5]\d)(?!\d))?分?"
    r"(?:\s*([AaPp])\.?\s?[Mm]\.?(?!\w)|\s*(صباحا|صباحاً|صباحًا|مساءً|مساء|ص|م)(?!\w))?"
)
_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?(?!\d)"
)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)")
# Year first: 2024/03/05, 2024.3.5 (Japanese, Chinese, Korean)
_YEAR_FIRST = re.compile(r"(?<![\d./])(?P<y>\d{4})([./])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d/]|\.\d)")
# 2024年3月5日 (Chinese, Japanese), 2024년 3월 5일 (Korean)
_CJK_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]")
# Every date form holds a four-digit year: a line without one is passed over at once.
_FOUR_DIGITS = re.compile(r"\d{4}")
# Arabic-Indic, Persian and full-width digits (and the full-width colon and slash) are
# read as ASCII ones; one character for one, so positions stay the same.
_DIGIT_FORMS = re.compile(r"[\u0660-\u0669\u06f0-\u06f9\uff0f-\uff1a]")
_TO_ASCII = str.maketrans(
    {
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
        **{chr(0xFF10 + n): str(n) for n in range(10)},
        "\uff0f": "/",
        "\uff1a": ":",
    }
)
# A Buddhist-era year (Thai: 2567 = 2024 CE) is 543 years ahead.
_BUDDHIST_ERA = 543
_BUDDHIST_FROM = 2400
_CLOCK_LINE = re.compile(rf"^{_TIME}$")
_MERIDIEM = re.compile(r"\d\s*[AaPp]\.?\s?[Mm]\b")
_RELATIVE_LINE = re.compile(
    r"^(\d{1,3})\s*(m|mins?|minutes?|h|hrs?|hours?|хв|год|мин|ч|std|min)\.?\s+(?:ago|тому|назад|her)$",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"\s*\(?\s*(?:(?:GMT|UTC)\s*)?([+-\u2212])\s*(\d{1,2})(?::?([0-5]\d))?(?!\d)")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a line, and where: `start`..`end` cover date, time and zone;
    from `cut` on the line is an update notice that says nothing more."""

    value: datetime | date
    start: int
    end: int
    cut: int


@cache
def _patterns() -> tuple[Folded, Folded, re.Pattern[str], re.Pattern[str]]:
    names = phrases().month_names

    def day_month_year(alternation: Callable[[list[str]], str]) -> str:
        # Lookarounds, not `\b`: a month may end in a combining mark (Thai "กุมภาพันธ์").
        month = alternation(list(names))
        return (
            # "12 شباط/فبراير 2024": a second name for the month after a slash
            rf"(?<!\d)(\d{{1,2}}){_SUFFIX}\s*(?:de\s+|of\s+)?(?<!\w)({month})(?!\w)\.?"
            rf"(?:\s?/\s?(?:{month})(?!\w))?"
            # "5 มีนาคม พ.ศ. 2567": the era written before the year
            rf"[,،]?\s*(?:de\s+|[พค]\.\s?ศ\.\s*)?{_YEAR}"
        )

    def month_day_year(alternation: Callable[[list[str]], str]) -> str:
        month = alternation(list(names))
        return rf"(?<!\w)({month})(?!\w)\.?\s+(\d{{1,2}}){_SUFFIX}[,،]?\s+{_YEAR}"

    time = re.compile(_TIME)
    zone = re.compile(rf"\s*\(?\s*\b({phrases().zone_pattern})\b")
    return Folded(day_month_year), Folded(month_day_year), time, zone


def _tz(zone: float | str) -> tzinfo | None:
    if isinstance(zone, str):
        try:
            return ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return UTC if zone == 0 else timezone(timedelta(minutes=round(zone * 60)))


def _meridiem(clock: re.Match[str]) -> str | None:
    """`a` or `p` when the time says AM or PM (Arabic: ص / م), else None."""
    if clock.group(4):
        return clock.group(4)
    if clock.group(5):
        return "a" if clock.group(5).startswith("ص") else "p"
    return None


def _hour24(hour: int, meridiem: str | None) -> int | None:
    if meridiem is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if meridiem.lower() == "p" else 0)


def _zone_after(text: str, pos: int) -> tuple[tzinfo | None, int]:
    """A zone written right after a time at `pos`: EDT, GMT, GMT+2, UTC+02:00, +0200."""
    _, _, _, zone = _patterns()
    named = zone.match(text, pos)
    tz: tzinfo | None = None
    if named:
        tz = _tz(phrases().zones[named.group(1).casefold()])
        pos = named.end()
        if named.group(1).casefold() not in ("gmt", "utc"):
            return tz, pos
    offset = _OFFSET.match(text, pos)
    if offset and (tz is not None or offset.group(3) or len(offset.group(2)) == 2):
        sign = -1 if offset.group(1) in "-\u2212" else 1
        hours = int(offset.group(2)) + int(offset.group(3) or 0) / 60
        if hours <= 14:
            return _tz(sign * hours), offset.end()
    return tz, pos


def _find_in_part(text: str, base: int, cut: int) -> DateMatch | None:
    iso = _ISO.search(text)
    if iso:
        value: datetime | date | None
        try:
            value = isoparse(iso.group(0).replace(" ", "T", 1).replace(" ", ""))
        except (ValueError, OverflowError):
            value = None
        if value is not None:
            if len(iso.group(0)) == 10 and isinstance(value, datetime):
                value = value.date()
            return DateMatch(value, base + iso.start(), base + iso.end(), cut)
    day_month_year, month_day_year, time_pattern, _ = _patterns()
    months = phrases().months
    found: tuple[int, int, int, int, int] | None = None  # year, month, day, start, end
    for pattern, order in ((day_month_year, "dmy"), (month_day_year, "mdy")):
        m = pattern.search(text)
        if m and (found is None or m.start() < found[3]):
            name = month_key(m.group(2 if order == "dmy" else 1))
            if name not in months:  # a case-insensitive match of another spelling
                continue
            day = int(m.group(1 if order == "dmy" else 2))
            found = (int(m.group(3)), months[name], day, m.start(), m.end())
    numeric = _NUMERIC.search(text)
    if numeric and (found is None or numeric.start() < found[3]):
        a, sep, b, year = (
            int(numeric.group(1)),
            numeric.group(2),
            int(numeric.group(3)),
            int(numeric.group(4)),
        )
        # Dots are day-first everywhere; slashes are month-first with a 12-hour clock
        # (US: 3/21/2024 2:20 PM) and day-first otherwise (05/09/2023 - 11:47).
        us = sep == "/" and b <= 12 and _MERIDIEM.search(text) is not None
        day, month = (b, a) if (us or b > 12) and a <= 12 else (a, b)
        found = (year, month, day, numeric.start(), numeric.end())
    for numbered in (_YEAR_FIRST, _CJK_DATE):
        m = numbered.search(text)
        if m and (found is None or m.start() < found[3]):
            found = (int(m["y"]), int(m["m"]), int(m["d"]), m.start(), m.end())
    if found is None:
        return None
    year, month, day, start, end = found
    if year > _BUDDHIST_FROM:
        year -= _BUDDHIST_ERA
    try:
        the_date = date(year, month, day)
    except ValueError:
        return None
    rest = text[:start] + " " * (end - start) + text[end:]
    clock = time_pattern.search(rest)
    if clock is None:
        return DateMatch(the_date, base + start, base + end, cut)
    hour = _hour24(int(clock.group(1)), _meridiem(clock))
    if hour is None:
        return DateMatch(the_date, base + start, base + end, cut)
    tz, zone_end = _zone_after(rest, clock.end())
    value = datetime(year, month, day, hour, int(clock.group(2)), int(clock.group(3) or 0), tzinfo=tz)
    return DateMatch(value, base + min(start, clock.start()), base + max(end, zone_end), cut)


def find_date(text: str) -> DateMatch | None:
    """The first date in `text` (with its time and zone when given), or None.

    An update notice (`Updated ...`) after a first date is cut off, so
    `May 9, 2023 3:42 PM GMT+2Updated 5 hours ago` gives 2023-05-09 15:42+02:00.
    """
    if len(text) > 400 or _FOUR_DIGITS.search(text) is None:
        return None
    if not text.isascii() and _DIGIT_FORMS.search(text):
        text = text.translate(_TO_ASCII)
    marker = phrases().updated_marker.search(text, 1)
    if marker is None:
        return _find_in_part(text, 0, len(text))
    first = _find_in_part(text[: marker.start()], 0, marker.start())
    return first or _find_in_part(text[marker.start() :], marker.start(), len(text))


def parse_clock(line: str) -> tuple[int, int] | None:
    """Hour and minute of a line that is only a clock time (`5:15 AM`, `23:40`)."""
    m = _CLOCK_LINE.match(line.strip())
    if not m:
        return None
    hour = _hour24(int(m.group(1)), _meridiem(m))
    return None if hour is None else (hour, int(m.group(2)))


def parse_relative(line: str, captured: datetime) -> datetime | None:
    """The moment a line like `5 min ago` or `just now` means, seen at `captured`."""
    text = line.strip()
    if text.casefold() in phrases().relative_now:
        return captured
    m = _RELATIVE_LINE.match(text)
    if not m:
        return None
    unit = m.group(2).casefold()
    minutes = int(m.group(1)) * (60 if unit[0] in "hгчs" else 1)
    return captured - timedelta(minutes=minutes)


def anchor_clock_times(clocks: list[tuple[int, int] | None], captured: datetime) -> list[datetime | None]:
    """Dates for a newest-first list of clock times seen at `captured`.

    The newest item is the latest moment with its clock time not after the capture;
    each time the clock time goes up from one item to the next, that item is a day
    older. None stays None and does not break the chain.
    """
    result: list[datetime | None] = []
    day = captured.date()
    previous: tuple[int, int] | None = None
    for clock in clocks:
        if clock is None:
            result.append(None)
            continue
        if previous is None:
            if clock > (captured.hour, captured.minute):
                day -= timedelta(days=1)
        elif clock > previous:
            day -= timedelta(days=1)
        previous = clock
        result.append(datetime(day.year, day.month, day.day, clock[0], clock[1]))
    return result
