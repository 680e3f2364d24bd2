"""The article's body: where it starts and ends, and what inside it is not the
article (boxes of links, menus, author bios).

The line model (`content.py`) says how likely each line is article text; the body is
the run of lines that adds up to the most of it, above a floor (a menu's link costs
as much as a short paragraph, so the text does not run on through menus to the next
block of paragraphs), opened past its header lines by a paragraph.
"""

from __future__ import annotations

import math

from reader.parse.bylines import is_person_name, name_line_authors, read_meta
from reader.parse.header import HEADER_WINDOW, is_affiliation, is_meta_or_author
from reader.parse.lines import (
    ends_sentence,
    has_list_mark,
    is_link_label,
    is_list_item,
    is_prose,
    is_short,
    is_terminator,
    normalise,
    unspaced_share,
    word_count,
)
from reader.parse.page_lines import Lines
from reader.parse.phrases import phrases

# A line adds to the article's run by how far its likelihood of being article text
# stands above this floor, by the log of its length; an unlikely line costs at least
# as much as a line of _LEAST_COST's length (a menu's link as much as a paragraph).
_RUN_FLOOR = 0.3
_LEAST_COST = 3.0
# A run with a byline or date within _HEAD_REACH lines above it counts this much more.
_HEADED = 1.5
_HEAD_REACH = 6
# A headline, a standfirst and a caption may stand above the byline inside the run.
_ABOVE_BYLINE = 3
# The body opens with a paragraph at least this likely, or, on a page where no line
# is _SURE, likely in that proportion to the likeliest.
_OPENING = 0.5
_SURE = 0.8
# A paragraph right under the run this likely still closes the article.
_LAST_PARAGRAPH = 0.2


def densest_start(lines: Lines, content: list[int]) -> int:
    """Where the densest paragraphs begin: the start of the run of paragraphs with the
    most text, moved back over short paragraphs directly above it (the rule before the
    line model: now as far down as the body's start may move when the model's run
    begins above it)."""
    best_start, best_score = len(content), 0
    pos = 0
    while pos < len(content):
        if not is_prose(lines.text[content[pos]]):
            pos += 1
            continue
        run_start, score, tolerated = pos, 0, 0
        while pos < len(content):
            text = lines.text[content[pos]]
            if is_prose(text):
                score += len(text)
                tolerated = 0
            elif is_list_item(text):
                score += len(text)
            elif tolerated < 2 and (_ends_clause(text) or tolerated == 0) and read_meta(text) is None:
                tolerated += 1
            else:
                break
            pos += 1
        if score > best_score:
            best_start, best_score = run_start, score
    while best_start > 0:
        text = lines.text[content[best_start - 1]]
        if not _ends_clause(text) or word_count(text) < 3 or is_meta_or_author(text):
            break
        best_start -= 1
    return best_start


def _ends_clause(text: str) -> bool:
    """A sentence, or the lead-in to a list ("... the most urgent needs:")."""
    return ends_sentence(text) or text.endswith(":")


def past_header(lines: Lines, scores: dict[int, float], content: list[int], start: int, limit: int) -> int:
    """Where the body begins in a run that begins at `start`: after the meta lines
    (byline, date) among the lines that open it, before its first paragraph."""
    body = start
    paragraphs = 0  # a headline, a standfirst, a caption may stand above the byline
    for pos in range(start, min(limit, start + HEADER_WINDOW)):
        text = lines.text[content[pos]]
        if is_prose(text):
            paragraphs += 1
            if paragraphs > _ABOVE_BYLINE:
                break
        elif is_meta_or_author(text):
            body = pos + 1
    # Captions, share bars and key-point boxes between the header and the text: the
    # body opens with a paragraph that reads like the article (on a page too short for
    # any line to read like one for sure, like its likeliest lines).
    likeliest = max((scores[i] for i in content[start:limit]), default=0.0)
    opening = min(_OPENING, _OPENING * likeliest / _SURE)
    while body < limit and not (is_prose(lines.text[content[body]]) and scores[content[body]] >= opening):
        body += 1
    return body


def _weight(lines: Lines, scores: dict[int, float], i: int) -> float:
    """What a line adds to the article's run: its likelihood of being article text
    above the floor, by the log of its length; a short line that is unlike article
    text (a menu's link) costs as much as a longer one, or the text would run on
    through menus to the next block of paragraphs."""
    margin = scores[i] - _RUN_FLOOR
    if margin < 0 and has_list_mark(lines.text[i]):
        return 0.0  # a bulleted or numbered item: the article's list as often as a menu
    size = math.log1p(len(lines.text[i]))
    return margin * (size if margin >= 0 else max(size, _LEAST_COST))


def run_weights(lines: Lines, scores: dict[int, float], indices: list[int]) -> list[float]:
    """What each of these lines adds to the article's run (`_weight`), worked out once
    for `best_run` and `article_run`."""
    return [_weight(lines, scores, i) for i in indices]


def best_run(lines: Lines, indices: list[int], weights: list[float]) -> tuple[int, int]:
    """The run of lines (positions in `indices`) most likely the article's text: of
    the runs whose likelihood of being article text, above a floor and weighted by
    length, adds up to the most (the best, and the best on either side of it), the
    one that wins once a run under a byline or date counts more (a login form or a
    consent window can outweigh a short article, but they have no byline). `weights`
    are the lines' `run_weights`."""
    first = _max_run(weights, 0, len(weights))
    runs = [first, _max_run(weights, 0, first[0]), _max_run(weights, first[1], len(weights))]
    if all(first[2] >= _HEADED * run[2] for run in runs[1:]):
        return first[:2]  # no byline can turn it: spare the look for one
    return max(runs, key=lambda run: run[2] * (_HEADED if _is_headed(lines, indices, run[0]) else 1.0))[:2]


def _max_run(weights: list[float], low: int, high: int) -> tuple[int, int, float]:
    """The span of weights[low:high] with the greatest sum (Kadane's), and the sum."""
    best, best_span = 0.0, (low, low)
    total, start = 0.0, low
    for n in range(low, high):
        if total <= 0:
            total, start = 0.0, n
        total += weights[n]
        if total > best:
            best, best_span = total, (start, n + 1)
    return best_span[0], best_span[1], best


def _is_headed(lines: Lines, indices: list[int], start: int) -> bool:
    """Whether a byline, date or reading time stands just above a run or opens it."""
    for pos in range(max(0, start - _HEAD_REACH), min(len(indices), start + 3)):
        text = lines.text[indices[pos]]
        if len(text) <= 120 and read_meta(text) is not None:
            return True
    return False


def article_run(
    lines: Lines, scores: dict[int, float], indices: list[int], weights: list[float]
) -> list[int]:
    """The lines from the body's start to where article text gives way to the rest of
    the page (comments, teasers, footer): the run of lines whose likelihood of being
    article text, above a floor and weighted by length (`weights`, the lines'
    `run_weights`), adds up to the most."""
    best, total, end = 0.0, 0.0, 0
    for n, weight in enumerate(weights):
        total += weight
        if total > best:
            best, end = total, n + 1
    if end == 0:
        return indices  # nothing reads like an article (a page of two lines): keep it all
    # The last paragraph reads less like the article than those before it: the
    # page's furniture stands next to it. A paragraph right under the run that is
    # somewhat likely, or the page's last, still closes the article, and so do the
    # list items and lead-in lines (`... needs:`) between the run and it.
    ahead = end
    while ahead < len(indices):
        text = lines.text[indices[ahead]]
        if is_prose(text) and (scores[indices[ahead]] >= _LAST_PARAGRAPH or ahead == len(indices) - 1):
            end = ahead = ahead + 1
        elif has_list_mark(text) or text.endswith(":"):
            ahead += 1
        else:
            break
    return indices[:end]


def read_body(
    lines: Lines, indices: list[int], authors: tuple[str, ...]
) -> tuple[list[str], tuple[str, ...]]:
    """The body paragraphs, and the authors of a bio block after them."""
    texts = _drop_menus([lines.text[i] for i in _drop_boxes(lines, indices)])
    texts, bio_authors = _drop_bios(texts, authors)
    # A short last line that is no sentence is a link or a label (in scripts that
    # end sentences with a mark: Thai has none).
    while texts and not ends_sentence(texts[-1]) and len(texts[-1]) < 100 and unspaced_share(texts[-1]) < 0.5:
        texts.pop()
    return texts, bio_authors


def _drop_boxes(lines: Lines, indices: list[int]) -> list[int]:
    """A `More on this topic` or `Read more` box inside the article: the line that
    heads it and the headlines under it, up to the next line that ends a sentence."""
    kept: list[int] = []
    in_box = False
    previous = indices[0] if indices else 0
    for i in indices:
        text = lines.text[i]
        if is_terminator(lines.norm[i]) and len(text) <= 60:
            in_box = True
            continue
        # a `Read more:` label (chrome, with its first link) heads a box as well
        if any(is_link_label(lines.norm[j]) for j in range(previous + 1, i) if lines.chrome[j]):
            in_box = True
        previous = i
        if in_box and not ends_sentence(text):
            continue
        in_box = False
        kept.append(i)
    return kept


def _drop_menus(texts: list[str]) -> list[str]:
    """Runs of two or more short lines inside the body are share bars and link lists
    (a bulleted or numbered list is the article's own)."""
    kept: list[str] = []
    n = 0
    while n < len(texts):
        run = n
        while run < len(texts) and is_short(texts[run]) and not has_list_mark(texts[run]):
            run += 1
        if run - n >= 2:
            n = run
            continue
        kept.append(texts[n])
        n += 1
    return kept


def _drop_bios(texts: list[str], authors: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """Author bios after the article: a name alone (perhaps over an employer line)
    then a paragraph opening with it, or a closing paragraph opening with an
    author's name and a verb (`X covers transport`). Names are authors; none of
    these lines is body."""
    found: list[str] = []
    kept: list[str] = []
    n = 0
    while n < len(texts):
        names = name_line_authors(texts[n]) if n > 0 else None
        if names and len(names) == 1:
            for skip in (1, 2):
                if n + skip < len(texts) and _opens_with_name(texts[n + skip], names[0]):
                    break
            else:
                skip = 0
            if skip and (skip == 1 or is_affiliation(texts[n + 1])):
                found.append(names[0])
                n += skip + 1
                continue
        byline = read_meta(texts[n]) if n > 0 and n >= len(texts) - 4 and len(texts[n]) <= 120 else None
        if byline is not None and byline.authors and byline.published is None:
            found.extend(byline.authors)  # "By Name" under the article
            n += 2 if n + 1 < len(texts) and is_affiliation(texts[n + 1]) else 1
            continue
        if n >= len(texts) - 3 and n > 0:
            if any(_opens_with_name(texts[n], a, verb=True) for a in authors):
                n += 1
                continue
            stranger = None if authors or found else _bio_subject(texts[n])
            if stranger is not None:
                found.append(stranger)
                n += 1
                continue
        kept.append(texts[n])
        n += 1
    return kept, tuple(dict.fromkeys(found))


def _bio_subject(text: str) -> str | None:
    """The person a closing paragraph describes (`Ihor Melnyk is a senior energy
    fellow at ...`), when it reads like an author's bio: a name, a verb, a role."""
    words = text.split()
    p = phrases()
    for size in (2, 3):
        if len(words) > size and normalise(words[size]) in p.bio_verbs:
            name = " ".join(words[:size])
            roles = set(normalise(text).replace(",", " ").replace(".", " ").split()) & p.role_words
            if roles and is_person_name(name):
                return name
    return None


def _opens_with_name(text: str, name: str, verb: bool = False) -> bool:
    """Whether `text` opens with the name (or one of its words), then a verb if asked."""
    for word in (name, *name.split()):
        if len(word) > 2 and text.startswith(f"{word} "):
            if not verb:
                return True
            following = text[len(word) + 1 :].split(" ", 1)[0]
            if normalise(following) in phrases().bio_verbs:
                return True
    return False


def about_the_author(lines: Lines, end: int) -> tuple[str, ...]:
    """The name under an `About the author` line that ended the article."""
    if end >= len(lines.norm) or not lines.norm[end].startswith("about the author"):
        return ()
    for i in lines.content(end + 1, min(len(lines.text), end + 8)):
        names = name_line_authors(lines.text[i])
        if names is not None:
            return names
    return ()
