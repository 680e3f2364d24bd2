"""Finding page files on disk and reading them into Pages, one bad file at a time."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from stat import S_ISREG

from reader.model import Page, ParseError
from reader.parser import DEFAULT_MAX_BYTES, parse_bytes

PAGE_SUFFIX = ".txt"


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file that could not be read or parsed, and why (the message names it)."""

    source: str
    error: str


def sample_folder() -> Path:
    """The bundled sample pages, as installed with the package."""
    return Path(str(files("reader.sample_articles")))


def find_page_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | LoadFailure]:
    """Files named on the command line, and `*.txt` files under named folders, in
    name order; a path that does not exist gives a LoadFailure."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(PAGE_SUFFIX) and not name.startswith("."):
                        yield Path(folder, name)
        elif path.exists():
            yield path
        else:
            yield LoadFailure(str(path), f"{path}: no such file or folder")


def read_page(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Page:
    """Read and parse one page file; its modification time is the capture time.

    Raises ParseError, naming the file, for anything that is not a readable page.
    """
    source = str(path)
    try:
        # stat before open: opening a FIFO or device would block or never end.
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            raise ParseError(f"{source}: not a regular file")
        if stat.st_size > max_bytes:
            raise ParseError(f"{source}: too large ({stat.st_size:,} bytes; the limit is {max_bytes:,})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ParseError(f"{source}: cannot read ({error.strerror or error})") from None
    captured = datetime.fromtimestamp(stat.st_mtime)
    return parse_bytes(data, source, captured, max_bytes)


def load_pages(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Page | LoadFailure]:
    """Every page under `paths`, or a LoadFailure for each file that is not one."""
    for found in find_page_files(paths):
        if isinstance(found, LoadFailure):
            yield found
            continue
        try:
            yield read_page(found, max_bytes)
        except ParseError as error:
            yield LoadFailure(str(found), str(error))
