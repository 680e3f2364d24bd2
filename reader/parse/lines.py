"""What one line of a saved page is, judged by its shape and the phrase lists.

The parser works on lines: a browser dump puts each block of the page (a nav link, a
headline, a paragraph, a caption) on a line of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.parse.dates import find_date
from reader.parse.phrases import Affixes, normalise, phrases

# Full stops of Latin, Cyrillic and Greek text, of Chinese and Japanese (。！？), the
# Arabic question mark and the Devanagari danda.
_STOPS = ".!?…。！？؟।"
_CLOSERS = "\"”»'’)“」』）》"
_LETTER = re.compile(r"[^\W\d_]")
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_SAMPLE = 200
_CHARS_PER_WORD = 2
# Captions end with their credit; these are matched against a line's last
# characters only (`_TAIL`), so long paragraphs cost no more than short ones.
_PAREN_CREDIT_END = re.compile(
    # (AP Photo/Name), (Photo by X via Getty Images), (Photo: X), (Фото: X), (تصوير: X),
    # (צילום: X), (ภาพ: X)
    r"\((?:[^()]*\s)?(?:photo|photograph|foto|фото|image|picture|pic|video|φωτογραφία|تصوير|"
    r"صورة|الصورة|צילום|ภาพ)s?\b[^()]*\)\s*$"
    # （撮影・田中健太）, （写真：共同）, （摄影：王明）, (图/新华社) in full-width or plain brackets
    r"|[（(](?:[^()（）]*[\s、・])?(?:撮影|写真|摄影|攝影|图|圖)[・:：/／\s][^()（）]{1,40}[）)]\s*$"
    # a caption sentence closed by its source in brackets: "... in May. (City Observatory)"
    r"|[.!?]\s*\((?:[A-ZА-ЯІЇЄ][\w'’&.\-]*\s?){1,5}\)\s*$",
    re.IGNORECASE,
)
# Photograph: Name/Agency, Photo: Name, Фото: Name at the end of a caption
_LABELLED_CREDIT_END = re.compile(
    r"\b(?:photograph|photo|foto|фото|image|picture|illustration|credit|φωτογραφία|تصوير|צילום|ภาพ)"
    r"\s*:\s*\S[^.!?]{0,80}$"
    r"|(?:写真|撮影|摄影|攝影)[:：]\s*\S[^.!?。！？]{0,40}$",
    re.IGNORECASE,
)
# A wire-photo credit ending a caption: AGENCY/Name or AGENCY/Name/File Photo, or
# a photographer's Name/AGENCY after the caption's last sentence.
_WIRE_CREDIT = re.compile(
    r"\b[A-ZА-ЯІЇЄ]{2,}(?: [A-ZА-ЯІЇЄ]{2,})?/[A-ZА-ЯІЇЄ][\w.'\- ]{1,40}(?:/[\w ]{1,20})?$"
    r"|[.!?]\s+(?:[A-ZА-ЯІЇЄ][\w'’.\-]+\s){1,3}[A-ZА-ЯІЇЄ][\w'’.\-]*/[A-ZА-ЯІЇЄ][\w&.\-]+$"
)
_TAIL = 200
# Credit lines: "Reporting by A; Editing by B", "(Additional reporting by C)".
_CREDIT_START = re.compile(
    r"\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|research|translation|"
    r"translated|graphics|production)\s+by\b",
    re.IGNORECASE,
)
_CREDIT_INSIDE = (
    "; editing by",
    "contributed to this report",
    "purchase licensing rights",
    "credit...",
    "credit…",
)
_CREDIT_OPENERS = (
    "(photo",
    "photo:",
    "photo by",
    "photograph:",
    "фото:",
    "foto:",
    "credit:",
    "credit.",
    "(ap photo",
    "image:",
    "picture:",
    "تصوير:",
    "צילום:",
    "φωτογραφία:",
    "(ภาพ:",
    "ภาพ:",
    "写真：",
    "撮影：",
    "摄影：",
    "（撮影",
    "（写真",
)
# A photographer's credit alone on a line: "dana whitfield/cnn", "j. smith/afp via getty images"
_NAME_CREDIT = re.compile(r"^[^\W\d_][\w.'’\-]+ [\w.'’\- ]{1,40}/[^\W\d_][\w.'’&\- ]{1,40}$")


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence: `.`, `!`, `?`, `…`, `。`, `？`, `؟`, or one
    of them inside a closing quote or bracket (`.”`, `.)`, `。」`)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _STOPS


def has_letters(text: str) -> bool:
    """Whether the text holds at least one letter of any script."""
    return _LETTER.search(text) is not None


def word_count(text: str) -> int:
    """Words separated by whitespace."""
    return len(text.split())


def lines_containing(norms: list[str]) -> set[int]:
    """The lines (of normalised lines) that hold a phrase marking furniture anywhere
    in them (`all rights reserved`, `; editing by`): each phrase is looked for once
    in the whole page, which is far faster than a regex over every line."""
    starts = [0]
    for norm in norms:
        starts.append(starts[-1] + len(norm) + 1)
    page = "\n".join(norms)
    found: set[int] = set()
    for phrase in (*phrases().chrome_containing, *_CREDIT_INSIDE):
        at = page.find(phrase)
        while at != -1:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = page.find(phrase, starts[line + 1])
    return found


def is_chrome(text: str, norm: str, containing: bool | None = None) -> bool:
    """Navigation, sharing, furniture, captions and credits: never article text.
    `containing` says whether the line holds a furniture phrase, when the caller
    looked for them page-wide (`lines_containing`)."""
    p = phrases()
    if norm in p.chrome or (norm[-1:] in (":", "：") and norm.rstrip(":：") in p.chrome):
        return True
    if not text[:1].isalpha() and not has_letters(text):
        return find_date(text) is None  # `2023-03-09` under a headline is a date line
    if p.chrome_prefixes.match(norm) or p.chrome_suffixes.match(norm):
        return True
    if containing is None:
        containing = any(phrase in norm for phrase in (*p.chrome_containing, *_CREDIT_INSIDE))
    if containing:
        return True
    if len(text) > 600:
        return False
    tail = text[-_TAIL:].rstrip()
    return bool(
        _CREDIT_START.match(text)
        or (tail.endswith((")", "）")) and _PAREN_CREDIT_END.search(tail))
        or ((":" in tail or "：" in tail) and _LABELLED_CREDIT_END.search(tail))
        or ("/" in tail and _WIRE_CREDIT.search(tail))
    )


def is_credit_line(norm: str) -> bool:
    """A photo credit on a line of its own, under the caption it belongs to."""
    return norm.startswith(_CREDIT_OPENERS) or ("/" in norm and _NAME_CREDIT.match(norm) is not None)


def is_label(norm: str, labels: Affixes | None = None) -> bool:
    """An `Image caption,` or `Read also:` style label whose text is the next line
    (of the given labels, or of all)."""
    labels = labels or phrases().label_prefixes
    return labels.match(norm) and (norm.endswith((",", ":", "：")) or norm in labels.phrases)


def is_link_label(norm: str) -> bool:
    """A `Read also:` label, over a link to another article."""
    return is_label(norm, phrases().link_labels)


_COUNT = re.compile(r"\s*\(\d+\)$")


def is_terminator(norm: str) -> bool:
    """A line after which the article is over (`MORE NEWS`, `Related topics`,
    `Comments (12)`)."""
    if norm.endswith(")"):
        norm = _COUNT.sub("", norm)
    norm = norm.rstrip(":：")
    return norm in phrases().terminators or phrases().terminator_prefixes.match(norm)


def is_feed_header(norm: str) -> bool:
    """A line that heads a News Feed block."""
    return norm.rstrip(":：") in phrases().feed_headers


def unspaced_share(text: str) -> float:
    """The share of a line's characters (of its first 200) from scripts written
    without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Myanmar."""
    if text.isascii():
        return 0.0
    sample = text[:_SAMPLE]
    return len(_UNSPACED.findall(sample)) / len(sample)


def words_in(text: str, unspaced: float) -> int:
    """About how many words a line holds, in any script (a word of a script without
    spaces is taken as two characters)."""
    return max(text.count(" ") + 1, int(len(text) * unspaced) // _CHARS_PER_WORD)


def prose_shaped(size: int, words: int, unspaced: float, ends: bool) -> bool:
    """Whether a line of `size` characters and about `words` words, with this share of
    script without spaces, reads as running text: long, of eight words or more, and
    a sentence (`ends`) or long enough for one. The one rule `is_prose` and the line
    model both use."""
    return words >= 8 and size >= (25 if unspaced > 0.5 else 60) and (ends or size >= 140)


def is_running_text(text: str, unspaced: float) -> bool:
    """`is_prose` for a line whose share of unspaced script is known."""
    return prose_shaped(len(text), words_in(text, unspaced), unspaced, ends_sentence(text))


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than a label, link or headline, in any
    script: long, of eight words or more, and a sentence (or long enough for one)."""
    if len(text) < 25:
        return False
    if text.isascii():  # the common case: no share of unspaced script to look for
        return prose_shaped(len(text), text.count(" ") + 1, 0.0, ends_sentence(text))
    return is_running_text(text, unspaced_share(text))


# The bullet an HTML page's list items are laid out with (a browser draws one; its text
# has none), and which a feed's times may follow.
LIST_BULLET = "• "
_LIST_MARK = re.compile(r"^(?:[-–—•·*▪●]\s|\d{1,2}[.)]\s)")


def is_list_item(text: str) -> bool:
    """A bullet or numbered line of a list inside the body ("- restoring heating")."""
    return has_list_mark(text) and word_count(text) >= 3


def has_list_mark(text: str) -> bool:
    """Whether a line opens with a bullet or an item's number (`- eggs`, `2) Stir`)."""
    return _LIST_MARK.match(text) is not None


def is_short(text: str) -> bool:
    """A line short enough to be a nav link, section name or label."""
    return len(text) <= 40 and word_count(text) <= 4 and not ends_sentence(text)


__all__ = [
    "ends_sentence",
    "has_letters",
    "has_list_mark",
    "is_chrome",
    "is_credit_line",
    "is_feed_header",
    "is_label",
    "is_link_label",
    "is_list_item",
    "is_prose",
    "is_running_text",
    "is_short",
    "is_terminator",
    "lines_containing",
    "normalise",
    "prose_shaped",
    "unspaced_share",
    "word_count",
    "words_in",
]
