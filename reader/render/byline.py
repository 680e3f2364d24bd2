"""The facts line under a headline: who wrote it, when, how long it takes to read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from reader.model import Article
from reader.paths import shown_path
from reader.render.timefmt import long_date

SEPARATOR = " · "


def byline(
    article: Article,
    *,
    by: str = "",
    when: Callable[[datetime | date], str] = long_date,
    zero_minutes: bool = False,
    more: Iterable[str | None] = (),
) -> str:
    """`By Ana Ruiz, Tom Berg · 3 March 2024, 20:15 · 4 min read`: the article's
    authors (after `by`), its date (as `when` writes it), its reading time, then
    the facts in `more`; what the article does not say is left out, and an article
    that says none of it has an empty byline. The facts in `more` may come from
    outside the page (its file's name) and are made safe to show, as page text is
    when parsed.

    `zero_minutes` keeps a reading time of 0 minutes, which a page may state but
    which tells a reader nothing.
    """
    facts: list[str | None] = []
    if article.authors:
        facts.append(by + ", ".join(article.authors))
    if article.published is not None:
        facts.append(when(article.published))
    minutes = article.read_minutes
    if minutes is not None and (minutes or zero_minutes):
        facts.append(f"{minutes} min read")
    facts.extend(shown_path(fact) for fact in more if fact)
    return SEPARATOR.join(fact for fact in facts if fact)
