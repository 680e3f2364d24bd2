"""Finding page files on disk and reading them into Pages, one bad file at a time
(`pool` reads many at once)."""

from __future__ import annotations

import os
from collections.abc import Container, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from stat import S_ISREG
from typing import Literal, overload

from reader.model import Page, ParseError
from reader.parse import DEFAULT_MAX_BYTES, HTML_SUFFIXES
from reader.paths import inside, shown_path

# Page text, and pages as a browser saves them.
PAGE_SUFFIXES = (".txt", *HTML_SUFFIXES)
# A browser's "Save Page As… (complete)" puts the page's images and scripts in a
# folder beside it, named after it: no pages in there.
_RESOURCES = "_files"


def is_page_name(name: str) -> bool:
    """Whether a file of this name is read as a page when a folder is walked."""
    return name.lower().endswith(PAGE_SUFFIXES)


def _resources_of(folder_name: str, names: Container[str]) -> bool:
    """Whether a folder of this name, among `names`, holds a saved page's resources."""
    if not folder_name.endswith(_RESOURCES):
        return False
    stem = folder_name[: -len(_RESOURCES)]
    return any(stem + suffix in names for suffix in HTML_SUFFIXES)


def is_resources_folder(path: str) -> bool:
    """Whether the folder at `path` holds the resources of a page saved beside it."""
    parent, name = os.path.split(path)
    return _resources_of(name, _Siblings(parent))


class _Siblings:
    """The names in a folder, looked up one at a time (as `in`)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and os.path.isfile(os.path.join(self.folder, name))


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file that could not be read or parsed, and why (the message names it)."""

    source: str
    error: str


@dataclass(frozen=True, slots=True)
class Gone:
    """A file found and then gone (deleted, moved away) before it was read: no page
    and no failure to tell; whoever held its page lets it go."""

    source: str


def library_folder() -> Path:
    """The user's own library, which plain `reader` opens and `reader add` fills: `pages`
    in the user's data folder (XDG_DATA_HOME and the like)."""
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "pages"


def sample_folder() -> Path:
    """The bundled sample pages, as installed with the package (or, run from a
    checkout, beside it)."""
    try:
        return Path(str(files("reader.sample_articles")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "sample_articles"


FoundFile = tuple[str, int, int]
"""A page file as found with its state: (path, size, mtime_ns)."""


def _cannot_read(source: str | os.PathLike[str], error: OSError, what: str = "") -> str:
    """The message for a file or folder (`what`: "the folder") the system would not
    let us read."""
    return f"{shown_path(source)}: cannot read{f' {what}' if what else ''} ({error.strerror or error})"


def _vanished(path: str | os.PathLike[str], error: OSError) -> bool:
    """Whether `error` came of a file that is no longer there (a broken link is there)."""
    return isinstance(error, FileNotFoundError) and not os.path.lexists(path)


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
    """Files named on the command line, and page files (`*.txt`, `*.html`, `*.htm`)
    under named folders, in name order; a path that does not exist gives a LoadFailure.

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
    order (files before the subfolders, as os.walk gives them). A folder that may not
    be looked into is a LoadFailure: its pages are not silently missing."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except FileNotFoundError:
        return  # gone since it was found
    except OSError as error:
        yield LoadFailure(folder, _cannot_read(folder, error, "the folder"))
        return
    subfolders = []
    names = {entry.name for entry in entries}
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        is_page = is_page_name(name)
        try:
            if entry.is_dir():  # a link to a folder is a folder, never walked (as os.walk does it)
                if not entry.is_symlink() and not _resources_of(name, names):
                    subfolders.append(entry.path)
                continue
            if not is_page:
                continue
            if not with_state:
                yield Path(entry.path)
                continue
            stat = entry.stat()
        except OSError as error:
            # A link that loops or leads nowhere is told only when it is named as a page;
            # a file deleted since the listing is just gone.
            if is_page and not _vanished(entry.path, error):
                yield (
                    Path(entry.path)
                    if not with_state
                    else LoadFailure(entry.path, _cannot_read(entry.path, error))
                )
            continue
        yield (entry.path, stat.st_size, stat.st_mtime_ns)
    for subfolder in subfolders:
        yield from _walk(subfolder, with_state)


def reached_by_walk(path: str, folder: str) -> bool:
    """Whether the walk of `folder` reaches `path`, or would once it is there: it lies
    below `folder`, no name on its way is hidden, and no folder on its way is a link
    (the walk passes over links to folders). Following folders asks this of every
    changed path, so that it reads what the start-up walk reads and nothing else."""
    below = inside(path, folder)
    if below is None:
        return False
    parts = below.split(os.sep)
    if any(part.startswith(".") for part in parts):
        return False
    on_the_way = folder
    for part in parts[:-1]:
        on_the_way = os.path.join(on_the_way, part)
        if os.path.islink(on_the_way) or is_resources_folder(on_the_way):
            return False
    return True


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
    # The parser is imported when a page is first parsed: a warm start may parse none,
    # and importing it cost a tenth of a second before the first paint.
    from reader.parse.article import parse_bytes

    return parse_bytes(data, source, captured, max_bytes)


def read_one(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Page | LoadFailure | Gone:
    """The page of one file, or a LoadFailure saying why there is none, or Gone when
    the file went away since it was found."""
    try:
        return read_page(path, max_bytes)
    except ParseError as error:
        # Checked only when reading failed: a file deleted between the listing and now
        # is no unreadable page (a broken link, still there, is).
        if not os.path.lexists(path):
            return Gone(str(path))
        return LoadFailure(str(path), str(error))


def load_pages(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Generator[Page | LoadFailure | Gone, None, None]:
    """Every page under `paths`, or a LoadFailure for each file that is not one, or
    Gone for a file deleted before it was read."""
    for found in find_page_files(paths):
        yield found if isinstance(found, LoadFailure) else read_one(found, max_bytes)
