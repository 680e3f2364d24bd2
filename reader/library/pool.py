"""Parsing many page files at once, in a pool of processes: parsing is pure Python,
and threads would share one core with the screen."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from itertools import islice, repeat
from multiprocessing import resource_tracker
from pathlib import Path

from reader.library.files import Gone, LoadFailure, find_page_files, read_one
from reader.model import Page
from reader.parse import DEFAULT_MAX_BYTES

# Below this many files a pool of processes costs more to start than it saves.
PARALLEL_FROM = 400
_CHUNK = 64


def _read_chunk(paths: list[str], max_bytes: int) -> list[Page | LoadFailure | Gone]:
    """Pages of a list of files, in a pool process."""
    return [read_one(Path(p), max_bytes) for p in paths]


def prepare_parallel_loading() -> None:
    """Start multiprocessing's resource tracker now, while sys.stderr is the real
    one: started later from inside a Textual app (which swaps sys.stderr for an
    object without a file descriptor) it fails with "bad value(s) in fds_to_keep"."""
    with suppress(OSError, ValueError):  # load_pages_parallel then reads in one process
        resource_tracker.ensure_running()


def load_pages_parallel(
    paths: Iterable[str | os.PathLike[str]],
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int | None = None,
    found: Iterator[Path | LoadFailure] | None = None,
) -> Generator[Page | LoadFailure | Gone, None, None]:
    """`load_pages`, parsing in a pool of processes when there are many files.

    Parsing is pure Python: threads would share one core and the event loop's GIL.
    Results come in file order. Closing the generator cancels what is not started.
    `found` stands in for `find_page_files(paths)` (files already picked).
    """
    # The first files are read as soon as they are found: listing 100k files first
    # would keep the first headline waiting for the whole walk.
    walk = found if found is not None else find_page_files(paths)
    for first in islice(walk, _CHUNK):
        yield first if isinstance(first, LoadFailure) else read_one(first, max_bytes)
    rest = list(walk)
    files = [str(f) for f in rest if isinstance(f, Path)]
    yield from (f for f in rest if isinstance(f, LoadFailure))
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield from (read_one(Path(f), max_bytes) for f in files)
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
) -> Generator[Page | LoadFailure | Gone, None, None]:
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
