"""Finding page files on disk and reading them into Pages, one bad file at a time
(`pool` reads many at once)."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from stat import S_ISREG
from typing import Literal, overload

from reader.model import Page, ParseError
from reader.parse.article import DEFAULT_MAX_BYTES, parse_bytes
from reader.paths import shown_path

PAGE_SUFFIX = ".txt"


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file that could not be read or parsed, and why (the message names it)."""

    source: str
    error: str


def sample_folder() -> Path:
    """The bundled sample pages, as installed with the package (or, run from a
    checkout, beside it)."""
    try:
        return Path(str(files("reader.sample_articles")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "sample_articles"


FoundFile = tuple[str, int, int]
"""A page file as found with its state: (path, size, mtime_ns)."""


def _cannot_read(source: str | os.PathLike[str], error: OSError) -> str:
    """The message for a file or folder the system would not let us read."""
    return f"{shown_path(source)}: cannot read ({error.strerror or error})"


@overload
def find_page_files(
    paths: Iterable[str | os.PathLike[str]], with_state: Literal[False] = False
) -> Iterator[Path | LoadFailure]: ...
@overload
def find_page_files(
    paths: Iterable[str | os.PathLike[str]], with_state: Literal[True]
) -> Iterator[FoundFile | LoadFailure]: ...


def find_page_files(
    paths: Iterable[str | os.PathLike[str]], with_state: bool = False
) -> Iterator[Path | FoundFile | LoadFailure]:
    """Files named on the command line, and `*.txt` files under named folders, in
    name order; a path that does not exist gives a LoadFailure.

    `with_state`: each file as (path, size, mtime_ns) instead, from the one stat
    that finding it takes (the parse cache's check that a page is unchanged).
    """
    for raw in paths:
        path = Path(raw)
        try:
            is_folder, exists = path.is_dir(), path.exists()
        except OSError as error:  # a folder on the way that may not be looked into
            yield LoadFailure(str(path), _cannot_read(path, error))
            continue
        if is_folder:
            yield from _walk(str(path), with_state)
        elif not exists:
            yield LoadFailure(str(path), f"{shown_path(path)}: no such file or folder")
        elif not with_state:
            yield path
        else:
            try:
                stat = path.stat()
            except OSError as error:
                yield LoadFailure(str(path), _cannot_read(path, error))
                continue
            yield (str(path), stat.st_size, stat.st_mtime_ns)


def _walk(folder: str, with_state: bool) -> Iterator[Path | FoundFile | LoadFailure]:
    """Page files under `folder`, hidden ones and links to folders left out, in name
    order (files before the subfolders, as os.walk gives them)."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return  # a folder that may not be looked into, as os.walk passes over it
    subfolders = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_dir():  # a link to a folder is a folder, never walked (as os.walk does it)
                if not entry.is_symlink():
                    subfolders.append(entry.path)
                continue
            if not name.lower().endswith(PAGE_SUFFIX):
                continue
            if not with_state:
                yield Path(entry.path)
                continue
            stat = entry.stat()
        except OSError as error:  # a broken link, a file gone meanwhile: say so, as reading it would
            yield (
                Path(entry.path)
                if not with_state
                else LoadFailure(entry.path, _cannot_read(entry.path, error))
            )
            continue
        yield (entry.path, stat.st_size, stat.st_mtime_ns)
    for subfolder in subfolders:
        yield from _walk(subfolder, with_state)


def read_page(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Read and parse one page file; its modification time is the capture time.

    Raises ParseError, naming the file, for anything that is not a readable page.
    """
    source = str(path)
    try:
        # stat before open: opening a FIFO or device would block or never end.
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            raise ParseError(f"{shown_path(source)}: not a regular file")
        if stat.st_size > max_bytes:
            raise ParseError(
                f"{shown_path(source)}: too large ({stat.st_size:,} bytes; the limit is {max_bytes:,})"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ParseError(_cannot_read(source, error)) from None
    captured = datetime.fromtimestamp(stat.st_mtime)
    return parse_bytes(data, source, captured, max_bytes)


def read_one(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Page | LoadFailure:
    """The page of one file, or a LoadFailure saying why there is none."""
    try:
        return read_page(path, max_bytes)
    except ParseError as error:
        return LoadFailure(str(path), str(error))


def load_pages(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Generator[Page | LoadFailure, None, None]:
    """Every page under `paths`, or a LoadFailure for each file that is not one."""
    for found in find_page_files(paths):
        yield found if isinstance(found, LoadFailure) else read_one(found, max_bytes)
