"""The phrase lists of `phrases.toml`, loaded once and shaped for fast matching."""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Han ideographs, kana and the iteration mark: scripts written without spaces.
_CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'))


def normalise(line: str) -> str:
    """The form phrases are compared in: casefolded, straight quotes, single spaces."""
    return normalise_spaced(" ".join(line.split()))


def normalise_spaced(line: str) -> str:
    """`normalise` for a line whose spaces are single already (a page's lines, once
    read: splitting and joining them again would cost more than all the rest)."""
    if line.isascii():
        return line.lower()
    for curly, straight in _QUOTES:
        line = line.replace(curly, straight)
    return line.casefold()


def month_key(name: str) -> str:
    """The form a month name is looked up in: casefolded, recomposed (casefolding
    splits the Greek `ΐ` of `Μαΐου` into three characters)."""
    folded = name.casefold()
    return folded if folded.isascii() else unicodedata.normalize("NFC", folded)


class Folded:
    """A case-insensitive pattern of phrases that runs fast: matched case-sensitively
    against the lowercased text (ten times faster than `re.IGNORECASE` over an
    alternation of words), or, when lowercasing changes a text's length (and the
    match's positions would not fit it), with `re.IGNORECASE` against the text.
    A match's groups are then lowercase."""

    __slots__ = ("fast", "slow")

    def __init__(self, build: Callable[[Callable[[list[str]], str]], str]) -> None:
        """`build` makes the pattern from an alternation maker for its phrase lists."""
        self.fast = re.compile(build(lambda words: _alternation([w.lower() for w in words])))
        self.slow = re.compile(build(_alternation), re.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        lowered = text.lower()
        if len(lowered) == len(text):
            return self.fast.search(lowered, pos, endpos)
        return self.slow.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        lowered = text.lower()
        if len(lowered) == len(text):
            return self.fast.finditer(lowered, pos, endpos)
        return self.slow.finditer(text, pos, endpos)


class Affixes:
    """Phrases a line may open (or end) with, filed by their first (or last)
    character: a line is compared with the few that share it, not with them all."""

    __slots__ = ("_by_edge", "_end", "phrases")

    def __init__(self, phrases: tuple[str, ...], end: bool = False) -> None:
        self.phrases = phrases
        self._end = end
        by_edge: dict[str, list[str]] = {}
        for phrase in phrases:
            by_edge.setdefault(phrase[-1] if end else phrase[0], []).append(phrase)
        self._by_edge = {edge: tuple(group) for edge, group in by_edge.items()}

    def match(self, text: str) -> bool:
        """Whether `text` opens (or ends) with one of the phrases."""
        if not text:
            return False
        if self._end:
            return text.endswith(self._by_edge.get(text[-1], ()))
        return text.startswith(self._by_edge.get(text[0], ()))


def _alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first so that `sept` wins over `sep`."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Phrases:
    """Normalised phrase sets and the regexes built from them."""

    chrome: frozenset[str]
    chrome_prefixes: Affixes
    label_prefixes: Affixes  # caption labels and link labels
    link_labels: Affixes
    chrome_suffixes: Affixes
    chrome_containing: tuple[str, ...]
    block_starts: frozenset[str]
    block_ends: frozenset[str]
    terminators: frozenset[str]
    terminator_prefixes: Affixes
    bio_verbs: frozenset[str]
    feed_headers: frozenset[str]
    byline_prefix: re.Pattern[str]
    name_only_prefixes: frozenset[str]
    byline_joiner: re.Pattern[str]
    affiliations: frozenset[str]
    role_words: frozenset[str]
    updated_marker: Folded
    published_marker: Folded
    date_noise: frozenset[str]
    weekdays: frozenset[str]
    months: dict[str, int]
    month_names: tuple[str, ...]  # as the pages write them: the forms, and their keys
    zones: dict[str, float | str]
    zone_pattern: str
    read_time: Folded
    relative_now: frozenset[str]


@cache
def phrases() -> Phrases:
    """The parser's phrase data, loaded on first use."""
    data = tomllib.loads(files("reader.parse").joinpath("phrases.toml").read_text("utf-8"))
    lines, bylines, dates, reading = data["lines"], data["bylines"], data["dates"], data["reading"]
    months: dict[str, int] = {}
    month_forms: list[str] = []
    for table in dates["months"].values():
        for number, forms in enumerate(table, start=1):
            for form in forms:
                months.setdefault(month_key(form), number)
                month_forms.extend((form, month_key(form)))
    zones = {name.casefold(): hours for name, hours in dates["zones"].items()}
    # Chinese and Japanese write the phrase glued to the words around it ("約3分で読めます").
    start = rf"(?<![^\W{_CJK}])"

    def read_time(alternation: Callable[[list[str]], str]) -> str:
        minute, read = alternation(reading["minute_words"]), alternation(reading["read_words"])
        return (
            rf"{start}(\d{{1,3}})\s*(?:{minute})\.?\s*(?:{read})(?!\w)"
            rf"|{start}(?:{read})\s*[:：]?\s*(?:[約约]\s*)?(\d{{1,3}})\s*(?:{minute})(?!\w)"
        )

    return Phrases(
        chrome=frozenset(normalise(p) for p in lines["chrome"]),
        chrome_prefixes=Affixes(tuple(normalise(p) for p in lines["chrome_prefixes"])),
        label_prefixes=Affixes(tuple(normalise(p) for p in lines["label_prefixes"] + lines["link_labels"])),
        link_labels=Affixes(tuple(normalise(p) for p in lines["link_labels"])),
        chrome_suffixes=Affixes(tuple(normalise(p) for p in lines["chrome_suffixes"]), end=True),
        chrome_containing=tuple(dict.fromkeys(normalise(p) for p in lines["chrome_containing"])),
        block_starts=frozenset(normalise(p) for p in lines["block_starts"]),
        block_ends=frozenset(normalise(p) for p in lines["block_ends"]),
        terminators=frozenset(normalise(p) for p in lines["terminators"]),
        terminator_prefixes=Affixes(tuple(normalise(p) for p in lines["terminator_prefixes"])),
        bio_verbs=frozenset(normalise(p) for p in bylines["bio_verbs"]),
        feed_headers=frozenset(normalise(p) for p in lines["feed_headers"]),
        # "By Name", "Author: Name", "作者：王晓雯" (no space after a full-width colon), "文/Name"
        byline_prefix=re.compile(
            rf"^({_alternation(bylines['prefixes'])})"
            r"(?:(?<=[/／])\s*|\s*[:：]\s*|\s*[\-\u2014]?\s+)(?=\S)",
            re.IGNORECASE,
        ),
        name_only_prefixes=frozenset(normalise(p) for p in bylines["name_only_prefixes"]),
        byline_joiner=re.compile(
            rf"\s*[,،、，]\s*(?:(?:{_alternation(bylines['joiners'])})\s+)?"
            rf"|\s+(?:{_alternation(bylines['joiners'])})\s+",
            re.IGNORECASE,
        ),
        affiliations=frozenset(normalise(p) for p in bylines["affiliations"]),
        role_words=frozenset(normalise(p) for p in bylines["role_words"]),
        updated_marker=Folded(lambda alternation: rf"(?:{alternation(dates['updated'])})(?!\w)"),
        published_marker=Folded(lambda alternation: rf"(?:{alternation(dates['published'])})(?!\w)"),
        date_noise=frozenset(normalise(p) for p in dates["noise"]),
        weekdays=frozenset(normalise(p) for p in dates["weekdays"]),
        months=months,
        month_names=tuple(month_forms),
        zones=zones,
        zone_pattern=_alternation([name.upper() for name in zones]),
        read_time=Folded(read_time),
        relative_now=frozenset(normalise(p) for p in data["feed"]["relative"]),
    )
