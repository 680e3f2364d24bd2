"""Finding page files on disk and reading them into Pages, one bad file at a time."""

from __future__ import annotations

import multiprocessing
from multiprocessing import resource_tracker
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from itertools import islice, repeat
from pathlib import Path
from stat import S_ISREG
from typing import Literal, overload

from reader.model import Page, ParseError
from reader.parser import DEFAULT_MAX_BYTES, parse_bytes

PAGE_SUFFIX = ".txt"
# Below this many files a pool of processes costs more to start than it saves.
PARALLEL_FROM = 400
_CHUNK = 64


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file that could not be read or parsed, and why (the message names it)."""

    source: str
    error: str


def sample_folder() -> Path:
    """The bundled sample pages, as installed with the package."""
    return Path(str(files("reader.sample_articles")))


@overload
def find_page_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | LoadFailure]: ...
@overload
def find_page_files(
    paths: Iterable[str | os.PathLike[str]], with_state: Literal[True]
) -> Iterator[tuple[str, int, int] | LoadFailure]: ...


def find_page_files(paths, with_state=False):  # type: ignore[no-untyped-def]
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
            yield LoadFailure(str(path), f"{path}: cannot read ({error.strerror or error})")
            continue
        if is_folder:
            yield from _walk(str(path), with_state)
        elif not exists:
            yield LoadFailure(str(path), f"{path}: no such file or folder")
        elif not with_state:
            yield path
        else:
            try:
                stat = path.stat()
            except OSError as error:
                yield LoadFailure(str(path), f"{path}: cannot read ({error.strerror or error})")
                continue
            yield (str(path), stat.st_size, stat.st_mtime_ns)


def _walk(folder: str, with_state: bool):  # type: ignore[no-untyped-def]
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
            yield (Path(entry.path) if not with_state
                   else LoadFailure(entry.path, f"{entry.path}: cannot read ({error.strerror or error})"))
            continue
        yield (entry.path, stat.st_size, stat.st_mtime_ns)
    for subfolder in subfolders:
        yield from _walk(subfolder, with_state)


def is_within(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies somewhere inside it."""
    return path == folder or path.startswith(folder + os.sep)


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


def _read_one(path: Path, max_bytes: int) -> Page | LoadFailure:
    try:
        return read_page(path, max_bytes)
    except ParseError as error:
        return LoadFailure(str(path), str(error))


def _read_chunk(paths: list[str], max_bytes: int) -> list[Page | LoadFailure]:
    """Pages of a list of files, in a pool process."""
    return [_read_one(Path(p), max_bytes) for p in paths]


def load_pages(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Page | LoadFailure]:
    """Every page under `paths`, or a LoadFailure for each file that is not one."""
    for found in find_page_files(paths):
        yield found if isinstance(found, LoadFailure) else _read_one(found, max_bytes)


def prepare_parallel_loading() -> None:
    """Start multiprocessing's resource tracker now, while sys.stderr is the real
    one: started later from inside a Textual app (which swaps sys.stderr for an
    object without a file descriptor) it fails with "bad value(s) in fds_to_keep"."""
    try:
        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass  # load_pages_parallel then reads in one process


def load_pages_parallel(
    paths: Iterable[str | os.PathLike[str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int | None = None,
    found: Iterator[Path | LoadFailure] | None = None,
) -> Iterator[Page | LoadFailure]:
    """`load_pages`, parsing in a pool of processes when there are many files.

    Parsing is pure Python: threads would share one core and the event loop's GIL.
    Results come in file order. Closing the generator cancels what is not started.
    `found` stands in for `find_page_files(paths)` (files already picked).
    """
    # The first files are read as soon as they are found: listing 100k files first
    # would keep the first headline waiting for the whole walk.
    walk = found if found is not None else find_page_files(paths)
    for first in islice(walk, _CHUNK):
        yield first if isinstance(first, LoadFailure) else _read_one(first, max_bytes)
    rest = list(walk)
    files = [str(f) for f in rest if isinstance(f, Path)]
    yield from (f for f in rest if isinstance(f, LoadFailure))
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield from (_read_one(Path(f), max_bytes) for f in files)
        return
    chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    # Another chunk is read here while the pool starts.
    yield from _read_chunk(chunks[0], max_bytes)
    pool = start_pool(workers)
    done = 1
    try:
        for results in pool.map(_read_chunk, chunks[1:], repeat(max_bytes)):
            done += 1
            yield from results
    except (OSError, ValueError, BrokenProcessPool):
        # No processes to be had here (a sandbox, no /dev/shm): read the rest in this one.
        for chunk in chunks[done:]:
            yield from _read_chunk(chunk, max_bytes)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes for parsing. Spawned, not forked: the app runs
    threads, and a forked child would inherit their locks mid-use."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def read_files_in(
    pool: ProcessPoolExecutor, files: list[str], max_bytes: int = DEFAULT_MAX_BYTES, chunk: int = 16
) -> Iterator[Page | LoadFailure]:
    """The pages of `files`, parsed in `pool` (left running), in file order. A pool
    that breaks leaves the rest to be read in this process."""
    chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
    done = 0
    try:
        for results in pool.map(_read_chunk, chunks, repeat(max_bytes)):
            done += 1
            yield from results
    except (OSError, ValueError, RuntimeError, BrokenProcessPool):
        for rest in chunks[done:]:
            yield from _read_chunk(rest, max_bytes)
