"""Paths of page files, compared as text: the store, the cache and the watcher know
pages by their absolute path, and all ask the same question of folders."""

from __future__ import annotations

import os

from reader.text import strip_controls


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
