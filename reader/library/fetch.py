"""Pages from the web: an address fetched, kept in the library as the HTML it was,
under a name of its own (`2025-03-14-tidal-barrier-closes-early.html`), and parsed.

Every failure names the address and says why, and nothing already in the library is
touched. httpx is imported only when a page is fetched (`reader add`, or `a` in the app).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from reader.model import Page, ParseError
from reader.parse import DEFAULT_MAX_BYTES
from reader.paths import dated_name, write_new
from reader.text import strip_controls

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 10
TIMEOUT_SECONDS = 15.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_USER_AGENT = "reader/0.1 (a terminal news reader; one page, fetched once, for its user)"
_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?\s*<!doctype[^>]{0,200}>", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)
_BARE_HOST = re.compile(r"(?:[\w-]+(?:\.[\w-]+)+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?", re.IGNORECASE)
# A machine's own or local network's addresses speak plain http more often than not.
_LOCAL = re.compile(r"(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Added:
    """A page fetched and kept: where, and what was parsed of it."""

    url: str
    path: Path
    page: Page
    new: bool  # False: the library held these very bytes already


@dataclass(frozen=True, slots=True)
class NotAdded:
    """An address that gave no page to keep, and why (the message names it)."""

    url: str
    reason: str


class _Failed(Exception):
    """Why a fetch gave no page."""


def web_address(given: str) -> str | None:
    """The address to fetch for what the user typed: an http(s) address as it is, a
    bare `news.example/story` as https (`localhost:8000/story` as http); None for
    anything else."""
    given = given.strip()
    if _WEB_ADDRESS.match(given) and given.isprintable() and " " not in given:
        return given
    if _BARE_HOST.fullmatch(given) and "://" not in given:
        return f"{'http' if _LOCAL.match(given) else 'https'}://{given}"
    return None


def not_an_address(given: str) -> str:
    """What is wrong with something given as an address that is none."""
    shown = strip_controls(given.strip())
    if not shown:
        return "no address given (give one like https://news.example/story)"
    return f"{shown}: not a web address (give one like https://news.example/story)"


def add_page(
    given: str,
    folder: str | Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    now: datetime | None = None,
) -> Added | NotAdded:
    """Fetch the page at `given`, keep it in `folder` and parse it."""
    shown = strip_controls(given.strip())
    url = web_address(given)
    if url is None:
        return NotAdded(shown, not_an_address(given))
    try:
        data, final_url = _fetch(url, max_bytes, timeout)
    except _Failed as failed:
        return NotAdded(url, f"{url}: {failed}")
    captured = now or datetime.now()
    from reader.parse.html_page import parse_html  # the parser, only once there is a page

    try:
        page = parse_html(data, final_url, captured)
    except ParseError as error:
        return NotAdded(url, str(error))
    article = page.article
    if article is not None:
        name = dated_name(article.title, article.published or captured.date(), ".html")
    else:
        name = dated_name(_last_words(final_url), captured.date(), ".html", fallback="page")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path, new = write_new(folder, name, data)
    except OSError as error:
        return NotAdded(url, f"{url}: could not be saved in {folder} ({error.strerror or error})")
    return Added(url, path, page, new)


def _last_words(url: str) -> str:
    """The words of an address's last part (`/2025/quay-wall-repaired` → quay wall repaired)."""
    parts = [part for part in unquote(urlsplit(url).path).split("/") if part]
    return parts[-1].rsplit(".", 1)[0] if parts else urlsplit(url).hostname or ""


def _fetch(url: str, max_bytes: int, timeout: float) -> tuple[bytes, str]:
    """The page's bytes (as sent, once decompressed) and its final address.

    Raises _Failed saying why there is no page to keep."""
    import httpx

    headers = {"User-Agent": _USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check(response, max_bytes)
            data = _read(response, max_bytes)
            final = str(response.url)
            return _with_address(_with_charset(data, response), final), final
    except httpx.TooManyRedirects:
        raise _Failed(f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.TimeoutException:
        raise _Failed(f"no answer within {timeout:g} seconds") from None
    except httpx.ConnectError as error:
        raise _Failed(_connect_failure(str(error))) from None
    except httpx.InvalidURL as error:
        raise _Failed(f"not a web address ({error})") from None
    except httpx.HTTPError as error:
        raise _Failed(f"the connection failed ({error or type(error).__name__})") from None


def _check(response: httpx.Response, max_bytes: int) -> None:
    if response.status_code >= 400:
        raise _Failed(f"the site answered {response.status_code} {response.reason_phrase}".rstrip())
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        raise _Failed(f"not a web page but {kind}")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _Failed(f"too large ({int(length):,} bytes; the limit is {max_bytes:,})")


def _read(response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _Failed(f"too large (over {max_bytes:,} bytes, the limit)")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise _Failed("the page is empty")
    return data


def _with_charset(data: bytes, response: httpx.Response) -> bytes:
    """The page as kept: with the encoding the server named for it written into the
    page, when the page names none itself and is not UTF-8 (read from the disk later,
    it could not be told)."""
    from reader.parse.decode import declared_charset  # not at start-up: the app imports this module

    charset = response.charset_encoding
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8") or declared_charset(data):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        safe = re.sub(r"[^A-Za-z0-9_.:-]", "", charset)[:40]
        return f'<meta charset="{safe}">\n'.encode("ascii") + data
    return data


def _with_address(data: bytes, url: str) -> bytes:
    """The page with the address it came from, as browsers save it (`<!-- saved from
    url=(0042)https://… -->`, after the doctype): `o` opens it even when the page
    states no address of its own."""
    doctype = _DOCTYPE.match(data)
    at = doctype.end() if doctype else 0
    address = url.encode("ascii", "replace")
    note = b"<!-- saved from url=(%04d)%s -->\n" % (len(address), address)
    return data[:at] + (b"\n" if at else b"") + note + data[at:]


def _connect_failure(message: str) -> str:
    """What a failed connection means to the user, from the system's message."""
    lowered = message.lower()
    if (
        "name or service not known" in lowered
        or "nodename nor servname" in lowered
        or "getaddrinfo" in lowered
    ):
        return "no such site (its name could not be looked up)"
    if "temporary failure in name resolution" in lowered:
        return "its name could not be looked up (no network?)"
    if "ssl" in lowered or "certificate" in lowered or "tls" in lowered:
        return f"the secure connection failed ({message})"
    if "refused" in lowered:
        return "the site refused the connection"
    if "unreachable" in lowered:
        return "no network (the site cannot be reached)"
    return f"could not connect ({message})"
