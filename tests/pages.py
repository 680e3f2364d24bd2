"""Small saved pages, written as the tests need them."""

from __future__ import annotations

from collections.abc import Sequence


def page_text(
    title: str,
    *,
    day: int = 3,
    paragraphs: int = 3,
    feed: Sequence[tuple[str, str]] = (),
    words: str = "",
) -> str:
    """A page in the seed's layout: chrome, headline, byline dated March `day`, 2024,
    body paragraphs (each ending with `words`), and a News Feed of (clock, headline)."""
    lines = ["Skip to content", "", title, "", f"by Ana Ruiz March {day}, 2024 8:15 PM 4 min read", ""]
    for n in range(paragraphs):
        lines += [
            "The island ferry resumed its daily crossings on Friday after a three-week pause "
            f"caused by storms, paragraph {n + 1}.{words}",
            "",
        ]
    if feed:
        lines += ["News Feed", ""]
        for clock, headline in feed:
            lines += [clock, "", headline, "", "A short summary of what happened there today.", ""]
        lines += ["MORE NEWS", ""]
    return "\n".join(lines)
