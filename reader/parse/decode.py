"""Bytes of a saved page to clean, safe text.

Page text is untrusted: it may hold terminal escape sequences, control characters or
bidi overrides that would change what the terminal shows. Everything leaves here as
plain NFC text whose only control characters are tab and newline.
"""

from __future__ import annotations

import re
import unicodedata

from reader.model import ParseError
from reader.paths import shown_path
from reader.text import strip_controls

_LINE_ENDS = re.compile(r"\r\n?")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.IGNORECASE | re.DOTALL)


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CHARSET_REACH = 8192


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML document's `<meta charset>` (or http-equiv) declares in
    its first bytes, lowercased; None when it declares none."""
    found = _CHARSET.search(data[:_CHARSET_REACH])
    return found.group(1).decode("ascii").lower() if found else None


def looks_like_html(data: bytes) -> bool:
    """Whether a file's bytes open as an HTML document (a page saved without its suffix)."""
    return _HTML_START.match(data[:2048].removeprefix(b"\xef\xbb\xbf")) is not None


# In cp1252, letters above 0xC0 are accented Latin letters: rare in Western text,
# but every letter of Cyrillic text saved as cp1251.
_CYRILLIC_SHARE = 0.4


def clean_text(text: str) -> str:
    """Normalise line ends and remove escapes, control and bidi characters; NFC."""
    # Each pass only when there is something for it: most pages have no escapes, and
    # trying the escape pattern's alternatives at every character was a tenth of parsing.
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    text = strip_controls(text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _looks_cyrillic_1251(data: bytes) -> bool:
    letters = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or b >= 0xC0)
    high = sum(1 for b in data if b >= 0xC0)
    return letters > 0 and high / letters > _CYRILLIC_SHARE


def decode_bytes(data: bytes, source: str, clean: bool = True) -> tuple[str, list[str]]:
    """Decode a page's bytes; return the text (cleaned, unless `clean` is False: an
    HTML document's text is cleaned once rendered) and warnings.

    UTF-8 (with or without BOM) first, UTF-16 when it starts with its BOM, then
    cp1252 (cp1251 when the bytes look like Cyrillic), then latin-1, with a warning
    naming the encoding used. Empty and binary input raise ParseError.
    """
    warnings: list[str] = []
    if not data.strip():
        raise ParseError(f"{shown_path(source)}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ParseError(f"{shown_path(source)}: not valid UTF-16 ({error.reason})") from None
        warnings.append(f"{shown_path(source)}: decoded as UTF-16")
    elif b"\x00" in data:
        raise ParseError(f"{shown_path(source)}: binary file (contains NUL bytes)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = "cp1251" if _looks_cyrillic_1251(data) else "cp1252"
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                encoding = "latin-1"
                text = data.decode(encoding)
            warnings.append(f"{shown_path(source)}: not UTF-8, decoded as {encoding}")
    if clean:
        text = clean_text(text)
    if not text.strip():
        raise ParseError(f"{shown_path(source)}: no text")
    return text, warnings
