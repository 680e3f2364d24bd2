"""Paths of page files, compared as text: the store, the cache and the watcher know
pages by their absolute path, and all ask the same question of folders. And the one
way the reader writes a file the user keeps (an export, a page fetched from the
web): under a name of its own, never over another file."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

from reader.text import fold, strip_controls


def folder_prefix(folder: str) -> str:
    """`folder` with one trailing separator: every path inside it starts with this."""
    return folder.rstrip("/" + os.sep) + os.sep


def is_within(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies somewhere inside it."""
    return path == folder or path.startswith(folder_prefix(folder))


def inside(path: str, folder: str) -> str | None:
    """The part of `path` below `folder` (`a/b.txt`), or None when it is not inside."""
    prefix = folder_prefix(folder)
    return path[len(prefix) :] if path.startswith(prefix) else None


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file's path as it may be shown or written: bytes that are not UTF-8 (a name
    made on another system) become U+FFFD, and escapes and control characters (a
    name is untrusted, like page text) are removed, line breaks turned to spaces."""
    text = os.fsdecode(path)
    if not text.isprintable():
        text = os.fsencode(text).decode("utf-8", "replace")
        text = strip_controls(text.replace("\n", " ").replace("\t", " "))
    return text


_MOST_COPIES = 1000


def write_new(folder: str | os.PathLike[str], name: str, data: bytes) -> tuple[Path, bool]:
    """Write `data` into `folder` as `name`, or as `stem-2.suffix`, `stem-3.suffix`…
    when that name is taken, unless the file there already holds these very bytes,
    which is then the answer. Returns the file's path, and whether it was written
    now (False: the same bytes were there already).

    Raises OSError when the folder cannot be written; no half-written file is left.
    """
    base = Path(name)
    folder = Path(folder)
    for number in range(1, _MOST_COPIES):
        path = folder / (base.name if number == 1 else f"{base.stem}-{number}{base.suffix}")
        try:
            out = open(path, "xb")  # noqa: SIM115 - closed below, after a failed write is cleaned up
        except FileExistsError:
            try:
                if path.read_bytes() == data:
                    return path, False
            except OSError:
                pass
            continue
        try:
            with out:
                out.write(data)
        except OSError:
            path.unlink(missing_ok=True)  # no half-written file left behind (a full disk)
            raise
        return path, True
    raise FileExistsError(f"{folder / base} and {_MOST_COPIES - 2} numbered copies exist already")


# Letters and digits of any script; everything else separates words.
_SLUG_WORDS = re.compile(r"[^\W_]+")
_MAX_SLUG = 80  # characters
_MAX_SLUG_BYTES = 160  # a file name may hold 255 bytes: the slug stays well below


def dated_name(title: str, published: datetime | date | None, suffix: str, fallback: str = "article") -> str:
    """`2024-03-03-ferry-returns-to-the-island.md`: the date (when known) and the
    headline's words in letters of any script (`2024-04-05-тиждень-у-місті.md`)."""
    slug = ""
    for word in _SLUG_WORDS.findall(title):
        # Latin letters lose their accents (an ASCII name is easiest to type); other
        # scripts keep theirs: stripped, Ukrainian `ї` would become `і`.
        folded = fold(word)
        word = folded if folded.isascii() else unicodedata.normalize("NFC", word.casefold())
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > _MAX_SLUG or len(longer.encode()) > _MAX_SLUG_BYTES:
            break
        slug = longer
    if published is not None:
        day = published.date() if isinstance(published, datetime) else published
        slug = f"{day.isoformat()}-{slug}" if slug else day.isoformat()
    return f"{slug or fallback}{suffix}"
