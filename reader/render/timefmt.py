"""Dates and times as the reader shows them: short, and relative when recent."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def _local(value: datetime) -> datetime:
    """A naive local datetime: aware ones are converted to the machine's zone."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def compact_date(value: datetime | date | None, now: datetime) -> str:
    """`11:56` today, `Dec 22` this year, `2022-12-22` before; empty when unknown."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = _local(value)
        if moment.date() == now.date():
            return moment.strftime("%H:%M")
        day = moment.date()
    else:
        day = value
    if day.year == now.year:
        return f"{day.strftime('%b')} {day.day}"
    return day.isoformat()


def relative_time(value: datetime | None, now: datetime) -> str:
    """`just now`, `5 min ago`, `3 h ago` today, `yesterday 23:17`, then `Dec 21 04:16`."""
    if value is None:
        return ""
    moment = _local(value)
    ago = now - moment
    if ago < timedelta(0):
        return moment.strftime("%H:%M")
    if ago < timedelta(minutes=1):
        return "just now"
    if ago < timedelta(hours=1):
        return f"{int(ago.total_seconds() // 60)} min ago"
    if moment.date() == now.date():
        return f"{int(ago.total_seconds() // 3600)} h ago"
    if moment.date() == now.date() - timedelta(days=1):
        return f"yesterday {moment:%H:%M}"
    if moment.year == now.year:
        return f"{moment:%b} {moment.day} {moment:%H:%M}"
    return f"{moment:%Y-%m-%d %H:%M}"


def long_date(value: datetime | date | None) -> str:
    """`22 December 2022, 11:56` (with the zone's offset when the page gave one)."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{value.day} {value:%B %Y}"
    text = f"{value.day} {value:%B %Y, %H:%M}"
    if value.tzinfo is not None:
        offset = value.strftime("%z")
        text += " UTC" if offset in ("+0000", "") else f" UTC{offset[:3]}:{offset[3:]}"
    return text


def numeric_date(value: datetime | date) -> str:
    """`2022-12-22 11:56:00` (with the zone's offset when the page gave one), or
    `2022-12-22` for a day alone: ISO 8601 with a space, as `reader parse` prints it."""
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
