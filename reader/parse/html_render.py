"""An HTML page's text as a browser lays it out (`innerText`), and what its
elements say of each line: inside navigation, asides, footers and furniture
(chrome), or inside the element that holds the article's paragraphs (main).

lexbor (through selectolax) parses and gives the text of a tree in one call, at C
speed; what the layout would make of the elements is put in the tree first as
private-use characters and read back in one pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.parse.lines import LIST_BULLET

# Private-use characters stand for what the browser's layout would make of the
# elements (lexbor gives the text of a tree in one call, at C speed; the marks are
# put in the tree first and read back in one pass over the text).
_BREAK = "\ue000"  # a block's edge: one line break
_PARAGRAPH = "\ue001"  # a <p>'s edge: a blank line
_NEWLINE = "\ue002"  # <br>
_CELL = "\ue003"  # between table cells
_NOT_WORD = re.compile(r"\W+")
_ITEM_MARK = re.compile(r"\s*(?:• |\d+\. )")
# The edges of regions: chrome elements, the element holding the article's text, links.
_CHROME = ("\ue004", "\ue005")
_MAIN = ("\ue006", "\ue007")
_LINK = ("\ue008", "\ue009")
_OPENS = _CHROME[0] + _MAIN[0] + _LINK[0]
_CLOSES = _CHROME[1] + _MAIN[1] + _LINK[1]
_MARKS = re.compile("[ \ue000-\ue009]*[\ue000-\ue003][ \ue000-\ue009]*")
_REGION_MARKS = re.compile("[\ue004-\ue009]")
_REGION_SPLIT = re.compile("([\ue004-\ue009])")
# A line of links and nothing else, two or more: a row of navigation.
_LINK_ROW = 2
_LINK_SHARE = 0.9
_SPACES = re.compile(r"[ \t\n\r\f]+")
_LINE_EDGES = re.compile(r" *\n *")

_DROPPED = (
    "script, style, noscript, template, svg, iframe, object, canvas, select, head, [hidden], dialog, "
    "[style*='display:none'], [style*='display: none'], [style*='visibility:hidden'], "
    "[style*='visibility: hidden']"
)
_BLOCKS = (
    "address, article, aside, blockquote, center, dd, details, div, dl, dt, fieldset, figcaption, "
    "figure, footer, form, h1, h2, h3, h4, h5, h6, header, hgroup, hr, li, main, menu, nav, ol, "
    "pre, section, summary, table, caption, tr, ul, legend"
)
_CHROME_ELEMENTS = (
    "nav, aside, footer, form, button, header:not(article header), [role=navigation], "
    "[role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true]"
)
# What the names of page furniture say in their class or id, unless the name also
# says it holds the content (Readability's long-tested lists, with sharing and forms).
_FURNITURE_NAME = re.compile(
    r"-ad-|ad-break|agegate|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|"
    r"disqus|extra|footer|gdpr|header|legends|menu|newsletter|pager|pagination|popup|promo|related|"
    r"remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|"
    r"supplemental|yom-remote"
)
# The boxes furniture comes in (its links, buttons and spans are inside one).
_NAMED_BOXES = ", ".join(
    f"{tag}[class], {tag}[id]" for tag in ("div", "section", "ul", "ol", "figure", "dl", "header")
)
_CONTENT_NAME = re.compile(r"and|article|body|column|content|main|shadow")
_GOOD_NAME = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story"
)
_BAD_NAME = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|"
    r"meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget"
)
_PARAGRAPHS = "p, pre, td, blockquote, div, section, li, dd"
_LEVELS = 5
_TAG_SCORES = {"div": 5.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0, "article": 5.0, "section": 2.0}


@dataclass(slots=True)
class Rendered:
    """A page's text as a browser lays it out, and what its elements say of each line."""

    text: str
    chrome: list[bool]  # inside navigation, asides, footers, forms, furniture
    main: list[bool]  # inside the element that holds the article's paragraphs


_OUR_MARKS = re.compile("[\ue000-\ue009]")
_MARK_CHARACTERS = [chr(code) for code in range(0xE000, 0xE00A)]


# The HTML parser checks what is open at every element, so a document of nothing but
# nested elements costs the square of its size (64,000 nested <div>s: 11 s). Browsers
# cap the depth (Chromium at 512); a document past _DEEPEST here has its elements
# below that depth unwrapped, their text kept. Depth is counted on the tags, roughly:
# elements a parser closes by itself (p, li, td…) and void ones (br, img…) aside.
_DEEPEST = 1024
_DEPTH_CHECKED_FROM = 512 * 1024  # characters: a shorter document costs little however deep
_SELF_CLOSING = (
    "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dt|dd|tr|td|th|"
    "option|optgroup|tbody|thead|tfoot|colgroup|caption|rb|rt|rtc|rp|html|head|body|frame|keygen"
)
_NESTING_TAG = re.compile(r"<(/?)(?!(?:" + _SELF_CLOSING + r")[\s/>])([a-zA-Z][\w:-]*)[^<>]*>", re.IGNORECASE)
_STEP = {"": 1, "/": -1}
_CLOSE_SEARCH = 16  # how far down the open elements a closing tag is matched


def within_depth(document: str) -> str:
    """`document`, with the elements nested deeper than _DEEPEST unwrapped (their
    tags dropped, their text kept), so that parsing it costs time in its size."""
    if len(document) < _DEPTH_CHECKED_FROM:
        return document
    tags = _NESTING_TAG.findall(document)
    if max(accumulate(_STEP[slash] for slash, _name in tags), default=0) <= _DEEPEST:
        return document
    kept: list[str] = []
    names: list[str] = []  # the open elements, and whether their tags are kept
    kept_open: list[bool] = []
    depth = position = 0
    for tag in _NESTING_TAG.finditer(document):
        closing, name = tag.group(1, 2)
        name = name.lower()
        if not closing:
            keep = depth < _DEEPEST
            names.append(name)
            kept_open.append(keep)
            depth += keep
        elif names and names[-1] == name:  # the common case: the last one opened
            names.pop()
            keep = kept_open.pop()
            depth -= keep
        else:
            bottom = max(0, len(names) - _CLOSE_SEARCH)
            found = next((n for n in range(len(names) - 2, bottom - 1, -1) if names[n] == name), None)
            if found is None:
                continue  # a stray closing tag: the parser drops it too
            keep = kept_open[found]
            depth -= sum(kept_open[found:])
            del names[found:], kept_open[found:]
        if not keep:
            kept.append(document[position : tag.start()])
            position = tag.end()
    kept.append(document[position:])
    return "".join(kept)


def without_marks(document: str) -> str:
    """A document without the characters `render` marks with (a page's own would
    move its line breaks and regions)."""
    # Ten substring tests (C, like memchr) before any regex: a page almost never has one.
    if any(mark in document for mark in _MARK_CHARACTERS):
        return _OUR_MARKS.sub("", document)
    return document


def render(tree: LexborHTMLParser) -> Rendered:
    """The text of the page's body as a browser lays it out (`innerText`), with the
    regions its elements mark (of a tree parsed from a document `without_marks`)."""
    body = tree.body or tree.root
    if body is None:
        return Rendered("", [], [])
    for node in body.css(_DROPPED):
        node.decompose()
    for node in _main_elements(body):
        node.insert_before(_MAIN[0])
        node.insert_after(_MAIN[1])
    for node in _chrome_elements(body):
        node.insert_before(_CHROME[0])
        node.insert_after(_CHROME[1])
    for node in body.css("a"):
        node.insert_before(_LINK[0])
        node.insert_after(_LINK[1])
    for node in body.css(_BLOCKS):
        node.insert_before(_BREAK)
        node.insert_after(_BREAK)
    for node in body.css("p"):
        node.insert_before(_PARAGRAPH)
        node.insert_after(_PARAGRAPH)
    # List items keep their bullet or number (a browser draws it; its text does not):
    # the line pipeline keeps an article's list as its own, not as a menu (and a
    # list item that is one link, a list of other articles, is chrome).
    for node in body.css("ul > li"):
        node.insert_before(LIST_BULLET)
    for listing in body.css("ol"):
        number = 0
        for item in listing.iter():
            if item.tag == "li":
                number += 1
                item.insert_before(f"{number}. ")
    for node in body.css("td, th"):
        node.insert_after(_CELL)
    for node in body.css("br"):
        node.insert_before(_NEWLINE)
    text = _SPACES.sub(" ", body.text(deep=True))
    text = _MARKS.sub(_breaks, text).strip(" \n")
    return _read_regions(text)


def _read_regions(text: str) -> Rendered:
    """The lines without their region marks, and for each line whether all its text
    is inside a chrome region (or it is a row of links) and inside the main one."""
    depth = dict.fromkeys(_OPENS, 0)
    opener = dict(zip(_CLOSES, _OPENS, strict=True))
    lines = _LINE_EDGES.sub("\n", text).split("\n")
    chrome: list[bool] = []
    main: list[bool] = []
    in_chrome_now = in_main_now = False  # where a line without marks lies
    for n, line in enumerate(lines):
        if not line:
            chrome.append(False)
            main.append(False)
            continue
        if _REGION_MARKS.search(line) is None:
            chrome.append(in_chrome_now)
            main.append(in_main_now)
            continue
        in_chrome = in_main = True
        links = linked = size = 0
        for part in _REGION_SPLIT.split(line):
            if part in depth:
                depth[part] += 1
                links += part == _LINK[0]
            elif part in opener:
                depth[opener[part]] = max(0, depth[opener[part]] - 1)
            elif part.strip():
                in_chrome = in_chrome and depth[_CHROME[0]] > 0
                in_main = in_main and depth[_MAIN[0]] > 0
                # spaces and separators (`A | B`, `A · B`) aside
                letters = len(part) - part.count(" ") - part.count("|") - part.count("·")
                size += letters
                linked += letters if depth[_LINK[0]] > 0 else 0
        in_chrome_now, in_main_now = depth[_CHROME[0]] > 0, depth[_MAIN[0]] > 0
        line = lines[n] = _REGION_MARKS.sub("", line).strip()
        # a row of links, or a list item that is one link (a list of other articles)
        item = _ITEM_MARK.match(line)
        if item is not None:
            size -= len(_NOT_WORD.sub("", item.group()))  # an item's number
        link_row = links >= (1 if item else _LINK_ROW) and linked >= _LINK_SHARE * size
        chrome.append(bool(line) and (in_chrome or link_row))
        main.append(bool(line) and in_main)
    return Rendered("\n".join(lines), chrome, main)


def _breaks(match: re.Match[str]) -> str:
    return _breaks_of(match.group())


@lru_cache(maxsize=4096)
def _breaks_of(marks: str) -> str:
    """A run of marks as the line breaks it makes, with the region marks in it moved
    to the ends of the lines (a region closes before its break, and opens after).
    Kept for each run: a page repeats a few runs thousands of times."""
    closes: list[str] = []
    opens: list[str] = []
    for mark in marks:
        if mark in _OPENS:
            opens.append(mark)
        elif mark in _CLOSES:
            opened = _OPENS[_CLOSES.index(mark)]
            if opened in opens:
                opens.remove(opened)  # an empty element
            else:
                closes.append(mark)
    return "".join(closes) + _line_breaks(marks) + "".join(opens)


def _line_breaks(marks: str) -> str:
    if _CELL in marks and _BREAK not in marks and _PARAGRAPH not in marks and _NEWLINE not in marks:
        return "\t"
    lines = marks.count(_NEWLINE)
    if _PARAGRAPH in marks:
        return "\n" * max(2, lines)
    if _BREAK in marks:
        return "\n" * max(1, lines)
    return "\n" * lines


def _names(node: LexborNode) -> str:
    # lowercased here: the patterns run case-sensitively, several times faster
    return f"{node.attrs.get('class') or ''} {node.id or ''}".lower()


def _chrome_elements(body: LexborNode) -> list[LexborNode]:
    """The elements that are page furniture by what they are (navigation, asides,
    footers, forms) or by what their class or id calls them, when they hold no
    headline."""
    found = list(body.css(_CHROME_ELEMENTS))
    named = body.css(_NAMED_BOXES)
    names = [_names(node) for node in named]
    # One pass over all the names at once (a search per element cost ten times more).
    starts = list(accumulate((len(name) + 1 for name in names), initial=0))
    joined = "\n".join(names)
    last = -1
    for match in _FURNITURE_NAME.finditer(joined):
        n = bisect_right(starts, match.start()) - 1
        if n != last and not _CONTENT_NAME.search(names[n]):
            found.append(named[n])
        last = n
    holding_headline = _ancestors_of(body.css("h1"))
    return [node for node in found if node.mem_id not in holding_headline]


def _ancestors_of(nodes: list[LexborNode]) -> set[int]:
    """The elements that hold any of `nodes`, themselves included: each walked up to
    once (stopping where a walk already went), so nested headlines cost no square."""
    found: set[int] = set()
    for node in nodes:
        current: LexborNode | None = node
        while current is not None and current.mem_id not in found:
            found.add(current.mem_id)
            current = current.parent
    return found


def _main_elements(body: LexborNode) -> list[LexborNode]:
    """The element that holds the article's paragraphs, as Readability finds it: each
    paragraph scores its parent fully and its grandparent by half (by its length and
    commas), an element's score is weighed by its tag, its class and its share of
    link text, and the best wins."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in body.css(_PARAGRAPHS):
        # A paragraph's whole text (a <p> holds no block, so no other <p>); of the rest,
        # which nest, their own text only: deep, nested tables would cost the square.
        text = node.text(deep=node.tag == "p")
        size = len(text.strip())
        if size < 25:
            continue
        score = 1.0 + text.count(",") + text.count("，") + text.count("、") + min(size // 100, 3)
        ancestor = node.parent
        for level in range(_LEVELS):
            if ancestor is None or ancestor.tag in ("body", "html", None):
                break
            key = ancestor.mem_id
            if key not in scores:
                scores[key] = _TAG_SCORES.get(ancestor.tag or "", 0.0) + _name_weight(ancestor)
                nodes[key] = ancestor
            scores[key] += score if level == 0 else score / 2 if level == 1 else score / (level * 3)
            ancestor = ancestor.parent
    if not scores:
        return []
    final = {
        key: scores[key] * (1.0 - _link_density(nodes[key]))
        for key in sorted(scores, key=scores.__getitem__)[-5:]
    }
    best_key = max(final, key=final.__getitem__)
    best = nodes[best_key]
    parent = best.parent
    if parent is None or parent.tag in ("body", "html"):
        return [best]
    # Siblings that score near it, or read as paragraphs, belong to the article too.
    threshold = max(10.0, final[best_key] * 0.2)
    chosen: list[LexborNode] = []
    sibling = parent.first_child
    while sibling is not None:
        if sibling.is_element_node:
            key = sibling.mem_id
            if (
                key == best_key
                or scores.get(key, 0.0) * (1.0 - _link_density(sibling)) >= threshold
                or _is_paragraph(sibling)
            ):
                chosen.append(sibling)
        sibling = sibling.next
    return chosen


def _is_paragraph(node: LexborNode) -> bool:
    if node.tag != "p":
        return False
    text = node.text(deep=True).strip()
    density = _link_density(node)
    return (len(text) > 80 and density < 0.25) or (0 < len(text) <= 80 and density == 0 and ". " in text)


def _name_weight(node: LexborNode) -> float:
    names = _names(node)
    if not names.strip():
        return 0.0
    return (25.0 if _GOOD_NAME.search(names) else 0.0) - (25.0 if _BAD_NAME.search(names) else 0.0)


def _link_density(node: LexborNode) -> float:
    size = len(node.text(deep=True))
    if not size:
        return 0.0
    return min(1.0, sum(len(link.text(deep=True)) for link in node.css("a")) / size)
