"""Bylines, author lines and the other meta lines around a headline.

A meta line holds some of: a byline (`By A and B, Outlet`), a date, a reading time.
`read_meta` takes one apart, or says it is not a meta line at all (a sentence that
happens to start with "By" or to mention a date is body text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from reader.parse.dates import find_date
from reader.parse.lines import ends_sentence, has_letters, normalise, word_count
from reader.parse.phrases import phrases

_PARTICLES = frozenset(
    "de da di du del della der den van von ten ter bin ibn al el la le y e dos das st st.".split()
)
_IN_PLACE = re.compile(r"\s+(?:in|at|from|у|в|aus|à|en)\s+[A-ZА-ЯІЇЄ][\w'’.\- ]*$")
_SEPARATORS = " \t|•·—–-,:;/()[]｜：，、／（）"
# Combining marks inside words (Arabic vowel signs, Hebrew points, Thai vowels and
# tones, Devanagari signs) are not `\w`: a word runs on through them ("نُشر", "วันที่").
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u200c\u200d"
)
_LEFTOVER_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
# Chinese and Japanese: a name is two to four characters, written without spaces.
_CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_NAME = re.compile(f"[{_CJK}]{{2,4}}")
_CJK_NAMES = re.compile(r"[\s、，,]+")
# Scripts without spaces between words (Thai, Lao, Myanmar, Khmer, Chinese, Japanese):
# a leftover run of them counts a word per eight characters, so that the rest of a
# sentence ("海鳴市は2024年3月5日に…") is not taken for a label beside its date.
_UNSPACED_CHAR = re.compile(f"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff{_CJK}]")
_UNSPACED_WORD = 8
# A name word in a script without capitals is short; longer runs are Thai phrases.
_MAX_CASELESS_NAME_WORD = 15
# A meta line never ends a sentence in Chinese, Japanese or Arabic punctuation.
_SENTENCE_END = ("。", "！", "？", "؟")
_MAX_LEFTOVER_WORDS = 2
_MAX_DATES_PER_LINE = 3
# Longer lines are paragraphs that mention a date, not meta lines.
_MAX_META_LINE = 200
# "Published: … | Author: …"; Chinese lines run their labels on with spaces:
# "2024-03-18 09:15 来源：日报 作者：王晓雯".
_PARTS = re.compile(r"\s*[|•·｜丨]\s*|\s+(?=[\u3400-\u9fff]{1,6}\s*[:：])")
_PARENTHESES = re.compile(r"\s*\([^()]*(?:\)|$)")


@dataclass(frozen=True, slots=True)
class Meta:
    """What one meta line says."""

    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    read_minutes: int | None = None
    updated: bool = False  # the date is an update time ("Updated on March 4")


_BRACKETS = "()[]"
_PAIRS = {")": "(", "]": "["}


def _strip_edges(name: str) -> str:
    """`name` without separators at its ends; a bracket only goes when it is not
    half of a pair inside the name (`[x]Mallory[/x] Smith` is text, kept whole)."""
    loose = "".join(c for c in _SEPARATORS + "." if c not in _BRACKETS)
    while True:
        stripped = name.strip(loose)
        if stripped[:1] in ("(", "[") and stripped.find({"(": ")", "[": "]"}[stripped[0]]) > 0:
            return stripped
        if stripped[-1:] in (")", "]") and stripped.rfind(_PAIRS[stripped[-1]], 0, len(stripped) - 1) >= 0:
            return stripped
        stripped = stripped.strip(_BRACKETS)
        if stripped == name:
            return name
        name = stripped


def tidy_name(name: str) -> str:
    """A person's name as it should be shown: `MARIA LOPEZ` becomes `Maria Lopez`."""
    name = _strip_edges(" ".join(name.split()))
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        name = name.title()
    return name


def _is_name_word(word: str) -> bool:
    if word.casefold() in _PARTICLES:
        return True
    first = word.lstrip("'’(\"")[:1]
    return first.isalpha() and first.isupper() and not any(c.isdigit() for c in word)


def _is_caseless_letter(char: str) -> bool:
    """A letter of a script without capitals that separates words with spaces
    (Arabic, Hebrew, Thai, Devanagari ...), not Chinese or Japanese."""
    return char.isalpha() and not char.isupper() and not char.islower() and not _CJK_CHAR.match(char)


def _is_caseless_name_word(word: str) -> bool:
    return (
        _is_caseless_letter(word[0])
        and len(word) <= _MAX_CASELESS_NAME_WORD
        and all(c.isalpha() or c in "-'’\"." or unicodedata.category(c).startswith("M") for c in word)
    )


def is_person_name(text: str) -> bool:
    """`Maria Lopez`, `J. R. Smith`, `Olena Kovalenko-Shevchuk`: two to five name words;
    in a script without capitals (`سلمى الحداد`, `נועה ברגר`), two to four words."""
    words = text.split()
    if not 2 <= len(words) <= 5 or text.endswith(("!", "?", ":", "؟", "：")):
        return False
    if any(normalise(w) in phrases().role_words for w in words):
        return False
    if _is_caseless_letter(words[0][0]):
        return len(words) <= 4 and all(_is_caseless_name_word(w) for w in words)
    return (
        all(_is_name_word(w) for w in words)
        and _is_name_word(words[0])
        and words[0].casefold() not in _PARTICLES
    )


def split_authors(text: str) -> tuple[str, ...]:
    """Names in a byline's text: `A, B and C` gives A, B, C; `A and B, CNN` and
    `A, Kyiv` drop what follows the names; `X in Kyiv` gives X."""
    p = phrases()
    pieces: list[str] = []
    joined_by_and: list[bool] = []
    position = 0
    for joiner in p.byline_joiner.finditer(text):
        pieces.append(text[position : joiner.start()])
        joined_by_and.append(joiner.group(0).strip(" ,") != "")
        position = joiner.end()
    pieces.append(text[position:])
    # The names run up to the first piece joined by "and"; after a list without one,
    # only the first piece is a name ("A, CNN"); after the "and", the rest is labels.
    last_and = next((n for n, is_and in enumerate(joined_by_and) if is_and), None)
    pieces = pieces[: 1 if last_and is None else last_and + 2]
    names: list[str] = []
    for piece in pieces:
        # "Name name@example.org", "Name @handle": how to reach the author, not a name
        words = piece.split()
        reach = [word for word in words if "@" in word]
        piece = _strip_edges(
            " ".join(word for word in words if word not in reach) if len(reach) < len(words) else piece
        )
        if not piece or not has_letters(piece):
            continue
        bare = _IN_PLACE.sub("", piece)
        piece = bare if is_person_name(bare) else piece
        acronym = piece.isupper() and " " not in piece and len(piece) <= 6
        if normalise(piece) in p.affiliations or acronym:
            continue
        names.append(tidy_name(piece))
    if not names and pieces and has_letters(pieces[0]):
        names.append(tidy_name(pieces[0]))
    return tuple(dict.fromkeys(names))


def _cjk_names(text: str) -> tuple[str, ...] | None:
    """`王晓雯`, `王晓雯、李明`, `山本美咲`: names of two to four characters, or None."""
    words = [w for w in _CJK_NAMES.split(text) if w and normalise(w) not in phrases().role_words]
    if not words or len(words) > 4 or not all(_CJK_NAME.fullmatch(w) for w in words):
        return None
    return tuple(dict.fromkeys(words))


def byline_authors(text: str) -> tuple[str, ...] | None:
    """Authors of a `By ...` byline, or None when the text is not one."""
    p = phrases()
    prefix = p.byline_prefix.match(text)
    if not prefix:
        return None
    # "Par Claire Dutertre (Lyon, correspondante)": the brackets hold place and role
    rest = _strip_edges(_PARENTHESES.sub("", text[prefix.end() :]))
    if not rest or word_count(rest) > 12 or ends_sentence(rest):
        return None
    first = rest[:1]
    if first.islower():
        return None  # "By the way, ..." opens a sentence
    if _CJK_CHAR.match(first):
        return _cjk_names(rest)
    names = split_authors(rest)
    # Without capitals to tell a name from a sentence ("كتب الرئيس رسالة ..."), and after
    # a prefix that is also an everyday word (Greek "Της"), only names will do.
    if _is_caseless_letter(first) or normalise(prefix.group(1)) in p.name_only_prefixes:
        return names if names and all(is_person_name(name) for name in names) else None
    return names or None


@lru_cache(maxsize=4096)
def read_meta(text: str) -> Meta | None:
    """What a byline/date/reading-time line says, or None if it is not such a line.

    Cached: the header rules ask about the same few lines several times per page.
    """
    if len(text) > _MAX_META_LINE or text.rstrip("」』）》”\"'").endswith(_SENTENCE_END):
        return None
    p = phrases()
    minutes = None
    rest = text
    read = p.read_time.search(rest)
    if read:
        minutes = int(read.group(1) or read.group(2))
        rest = rest[: read.start()] + " " + rest[read.end() :]
    # "Updated May 3, 2024 9:15 AM | Published May 2, 2024 6:01 PM": every date on
    # the line is taken out; the publication date is the one that counts.
    dates: list[tuple[datetime | date, bool]] = []
    for _ in range(_MAX_DATES_PER_LINE):
        found = find_date(rest)
        if found is None:
            break
        dates.append((found.value, _is_update(rest, found.start)))
        rest = rest[: found.start] + " " + rest[found.end : found.cut]
    published, updated = next((d for d in dates if not d[1]), dates[0] if dates else (None, False))
    rest = rest.strip(_SEPARATORS)
    authors: tuple[str, ...] = ()
    # "Published: 23.08.2022 | Author: Name | Reading time: 2 min": each part alone
    parts = [part.strip(_SEPARATORS) for part in _PARTS.split(rest)]
    for n, part in enumerate(parts):
        if dates:  # "Von A. Name 19. Oktober 2019 00:04 Uhr": what the date left behind goes too
            words = part.split()
            while words and words[-1].strip(_SEPARATORS + ".").casefold() in p.date_noise:
                words.pop()
            part = " ".join(words)
        if not part:
            continue
        names = byline_authors(part)
        if names is None and (published is not None or minutes is not None):
            # "OLENA KOVALCHUK — Monday, 3 March 2023, 08:15": a name beside the date
            bare = [(w, w.strip(_SEPARATORS + ".").casefold()) for w in part.split()]
            kept = [w for w, b in bare if b not in p.date_noise and b not in p.weekdays]
            names = name_line_authors(" ".join(kept).strip(_SEPARATORS))
        if names is not None:
            authors = (*authors, *names)
            parts[n] = ""
    rest = " ".join(parts)
    if minutes is None and published is None and not authors:
        return None
    leftover = [
        w
        for w in _LEFTOVER_WORD.findall(rest)
        if w.casefold() not in p.date_noise and w.casefold() not in p.weekdays
    ]
    words = sum(1 + len(w) // _UNSPACED_WORD if _UNSPACED_CHAR.match(w) else 1 for w in leftover)
    if words > _MAX_LEFTOVER_WORDS:
        return None
    return Meta(authors=authors, published=published, read_minutes=minutes, updated=updated)


def _is_update(text: str, position: int) -> bool:
    """Whether the date at `position` follows an update marker more closely than a
    publication marker (`Updated ... | Published ...`)."""
    p = phrases()
    last_update = max((m.start() for m in p.updated_marker.finditer(text, 0, position)), default=-1)
    last_publication = max((m.start() for m in p.published_marker.finditer(text, 0, position)), default=-1)
    return last_update > last_publication


def name_line_authors(text: str) -> tuple[str, ...] | None:
    """Authors of a line that is only names (`Maria Lopez`, `A and B`, `X in Kyiv`)."""
    if len(text) > 90 or ends_sentence(text) or phrases().byline_prefix.match(text):
        return None  # "By Name" is a byline, read by read_meta
    pieces = [piece.strip(_SEPARATORS) for piece in phrases().byline_joiner.split(text)]
    pieces = [_IN_PLACE.sub("", piece) for piece in pieces if piece]
    if not pieces or not all(is_person_name(piece) for piece in pieces):
        return None
    return tuple(dict.fromkeys(tidy_name(piece) for piece in pieces))
