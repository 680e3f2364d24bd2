"""What an HTML document says of its article in `<meta>`, JSON-LD, `<title>`,
`<h1>` and `<time>`: headline, authors, date, address, site."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from selectolax.lexbor import LexborHTMLParser

from reader.parse.bylines import byline_authors, is_person_name, split_authors
from reader.parse.dates import find_date
from reader.parse.decode import clean_text


@dataclass(slots=True)
class Metadata:
    """What a document says of itself, in `<meta>`, JSON-LD, `<title>` and `<h1>`."""

    title: str | None = None  # og:title, JSON-LD headline
    tab_title: str | None = None  # <title>, often the site's name too
    headings: list[str] = field(default_factory=list)  # the <h1>s' text
    authors: tuple[str, ...] = ()
    byline_authors: tuple[str, ...] = ()  # people named in a byline element (class `author`, `byline`)
    organizations: tuple[str, ...] = ()  # JSON-LD authors that are organizations
    published: datetime | date | None = None  # as the metadata states it
    shown_time: datetime | date | None = None  # of the first <time> or datePublished element
    url: str | None = None
    site: str | None = None


_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Posting|Report|NewsArticle)$")
_PAGE_TYPES = re.compile(r"Page$")
_ORGANIZATION_TYPES = re.compile(r"Organization$|Corporation$")
# Elements a byline is put in, by their class; read only when the lines name no author.
_BYLINE_ELEMENTS = "[class*=byline], [class*=author-name], [class*=author_name], [class*=autor]"
_BYLINE_MAX = 80
# Of the elements that may hold an author or a date, the first few are read: each is
# read whole, and nested ones (a page may nest thousands) would cost the square.
_ELEMENTS_READ = 8
_DATE_PROPERTIES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "og:article:published_time",
    "cxenseparse:recs:publishtime",
)
# Other names of the time of publication (`shareaholic:article_published_time`, `pubdate`).
_PUBLISHED_KEY = re.compile(
    r"(?:^|[:._-])(?:article[:._-]?)?(?:published[_-]?time|date[_-]?published|publish(?:ed)?[_-]?date|pub[_-]?date)$"
)
_AUTHOR_PROPERTIES = (
    "author",
    "article:author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "dcterms:creator",
    "sailthru.author",
    "parsely-author",
    "byl",
)


def read_metadata(tree: LexborHTMLParser) -> Metadata:
    """The document's own account of its article (read before the scripts go)."""
    found = Metadata()
    properties: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            properties.setdefault(key.strip().lower(), value.strip())
    items = [
        item
        for node in tree.css("script[type='application/ld+json']")
        for item in _ld_items(node.text(deep=True))
    ]
    for item in items:
        _take_ld(found, item)
    if found.published is None:
        # a page's own date, when no article is described (`WebPage` in a `@graph`)
        for item in items:
            published = item.get("datePublished")
            if _is_type(item, _PAGE_TYPES) and isinstance(published, str) and (when := find_date(published)):
                found.published = when.value
                break
    found.title = found.title or properties.get("og:title") or properties.get("twitter:title")
    tab = tree.css_first("title")
    found.tab_title = _clean(tab.text(deep=True)) if tab is not None else None
    found.headings = [_clean(h.text(deep=True)) for h in tree.css("h1")]
    found.title = _clean(found.title) if found.title else None
    if not found.authors:
        for key in _AUTHOR_PROPERTIES:
            value = properties.get(key)
            if value and not value.startswith(("http:", "https:", "@")):
                found.authors = _byline_names(value)
                break
    if not found.authors:
        names = [
            _clean(n.text(deep=True)) for n in tree.css("[rel=author], [itemprop=author]")[:_ELEMENTS_READ]
        ]
        found.authors = tuple(dict.fromkeys(a for name in names if name for a in _byline_names(name)))
    found.site = found.site or properties.get("og:site_name")
    if not found.authors and found.organizations:
        # An organization as the author: the site itself is none (the lines may name
        # the author), a body of contributors is.
        site = found.site or ""
        found.authors = tuple(name for name in found.organizations if not alike(name, site, _SITE_SHARE))
    # Last, what the page's byline element holds, for when the lines give no author.
    bylines = [_clean(n.text(deep=True)) for n in tree.css(_BYLINE_ELEMENTS)[:_ELEMENTS_READ]]
    found.byline_authors = tuple(
        dict.fromkeys(
            name
            for text in bylines
            if 0 < len(text) <= _BYLINE_MAX
            for name in _byline_names(text)
            if is_person_name(name)
        )
    )
    if found.published is None:
        keys = [*_DATE_PROPERTIES, *(key for key in properties if _PUBLISHED_KEY.search(key))]
        for key in keys:
            if key in properties and (when := find_date(properties[key])) is not None:
                found.published = when.value
                break
    for node in tree.css("[itemprop=datePublished], time[datetime]")[:_ELEMENTS_READ]:
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text(deep=True)
        if value and (when := find_date(value)) is not None:
            found.shown_time = when.value
            break
    canonical = tree.css_first("link[rel=canonical]")
    href = canonical.attributes.get("href") if canonical is not None else None
    found.url = found.url or web_address(href) or web_address(properties.get("og:url"))
    return found


_ADDRESS_MAX = 2000
_SITE_SHARE = 0.5  # an organization named as the author is the site when this alike
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def words_of(text: str) -> set[str]:
    """The words of a text, casefolded, as names and titles are compared."""
    return set(re.findall(r"\w+", text.casefold()))


def alike(a: str, b: str, share: float) -> bool:
    """Whether two texts share at least `share` of all the words either has."""
    x, y = words_of(a), words_of(b)
    return bool(x and y) and len(x & y) / len(x | y) >= share


def _clean(text: str) -> str:
    """Text from the document's elements or metadata, as its lines are once rendered."""
    return " ".join(clean_text(text).split())


def web_address(value: str | None) -> str | None:
    """A page's address as the document states it, or None for what is no usable one."""
    value = (value or "").strip()
    usable = value.startswith(("http://", "https://")) and value.isprintable() and " " not in value
    return value if usable and len(value) <= _ADDRESS_MAX else None


def _ld_items(text: str) -> list[dict[str, object]]:
    """The objects of a JSON-LD script, those of its `@graph` included."""
    text = text.strip()
    if text.startswith("<![CDATA[") and text.endswith("]]>"):
        text = text[9:-3]
    try:
        data = json.loads(text)
    except ValueError:
        return []
    items: list[dict[str, object]] = []
    stack = [data]
    while stack and len(items) < 200:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            items.append(value)
            graph = value.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))
    return items


def _is_type(item: dict[str, object], types: re.Pattern[str]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and types.search(k) for k in kinds)


def _take_ld(found: Metadata, item: dict[str, object]) -> None:
    if not _is_type(item, _ARTICLE_TYPES):
        return
    headline = item.get("headline") or item.get("name")
    if isinstance(headline, str) and headline.strip() and found.title is None:
        found.title = headline.strip()
    if not found.authors:
        found.authors = _ld_names(item.get("author"), organizations=False)
    if not found.organizations:
        found.organizations = _ld_names(item.get("author"), organizations=True)
    published = item.get("datePublished") or item.get("dateCreated")
    if isinstance(published, str) and found.published is None and (when := find_date(published)):
        found.published = when.value
    url = item.get("url") or item.get("mainEntityOfPage")
    if isinstance(url, dict):
        url = url.get("@id")
    if isinstance(url, str) and found.url is None:
        found.url = web_address(url)
    publisher = item.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and found.site is None:
        found.site = str(publisher["name"])


def _ld_names(value: object, organizations: bool) -> tuple[str, ...]:
    """The people a JSON-LD `author` names, or (`organizations`) the organizations."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for author in values:
        if isinstance(author, dict):
            if _is_type(author, _ORGANIZATION_TYPES) != organizations:
                continue
            author = author.get("name")
        elif organizations:
            continue
        if isinstance(author, str) and author.strip() and not author.startswith("http"):
            names.extend(_byline_names(author.strip()))
    return tuple(dict.fromkeys(names))


def _byline_names(text: str) -> tuple[str, ...]:
    """The names in a byline as the document gives it (`By A and B`, `Von A`, `A, B`)."""
    text = _clean(text)
    return byline_authors(text) or split_authors(_BY.sub("", text))
