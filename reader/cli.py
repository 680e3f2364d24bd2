"""The `reader` command: `reader [PATH...]` opens the app, `reader parse` prints pages."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from reader.config import describe, load_settings, size_in_bytes
from reader.library.arrange import Grouping, SortOrder
from reader.library.fetch import TIMEOUT_SECONDS, NotAdded, add_page
from reader.library.files import (
    Gone,
    LoadFailure,
    find_page_files,
    library_folder,
    load_pages,
    sample_folder,
)
from reader.model import Page, page_to_json
from reader.parse import DEFAULT_MAX_BYTES
from reader.paths import shown_path
from reader.render.byline import byline
from reader.render.timefmt import numeric_date

# What json.dumps leaves as it is with ensure_ascii=False but a terminal must not get:
# C1 controls (0x9b starts an escape sequence, as ESC [ does), lone surrogates (bytes of
# a file name that are not UTF-8: they would not print), bidi controls, line separators.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json_line(data: object) -> str:
    """`data` as one line of JSON that is safe to print: what is not safe in it is
    written as a \\u escape, which a JSON reader turns back into the same string."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False))


def _size(given: str) -> int:
    """`5M`, `800K`, `1048576` as a number of bytes, for --max-size."""
    size = size_in_bytes(given)
    if size is None:
        raise argparse.ArgumentTypeError(f"not a size: {given!r} (try 5M or 800K)")
    return size


def _add_max_size(parser: argparse.ArgumentParser, default: int | None = DEFAULT_MAX_BYTES) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        default=default,
        metavar="SIZE",
        help="skip files larger than this (default 5M, or max_size in the settings file)",
    )


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the settings file (default: config.toml in your config folder, e.g. ~/.config/reader/)",
    )


def _parse_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader parse",
        description="Parse saved news pages and print their articles and News Feed items.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="page files, or folders to walk for *.txt and *.html"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per file per line")
    _add_max_size(parser)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal reader for saved news pages. "
        "Run `reader parse --help` for the command-line parser.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="page files, or folders to walk for *.txt and *.html (default: your library, "
        "pages/ in your data folder, e.g. ~/.local/share/reader/pages; the bundled samples while it is empty)",
    )
    _add_max_size(parser, default=None)
    _add_config(parser)
    parser.add_argument(
        "--no-watch",
        dest="watch",
        action="store_false",
        help="read the pages once; do not follow the folders for changes",
    )
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument(
        "--cache",
        metavar="FILE",
        help="the parse cache (default: pages.sqlite3 in your cache folder, e.g. ~/.cache/reader/)",
    )
    cache.add_argument(
        "--no-cache", action="store_true", help="keep no parse cache on disk: every start parses every page"
    )
    parser.add_argument(
        "--state",
        metavar="FILE",
        help="where what you read and save is kept (default: state.sqlite3 in your "
        "data folder, e.g. ~/.local/share/reader/); one file per profile",
    )
    parser.add_argument(
        "--export-dir",
        metavar="FOLDER",
        help="where `e` writes articles as Markdown (default: the current folder)",
    )
    return parser


def _summary(page: Page) -> str:
    article = page.article
    lines = [shown_path(page.source)]
    if article is None:
        lines.append("  (no article found)")
    else:
        lines.append(f"  {article.title}")
        if article.subtitle:
            lines.append(f"  {article.subtitle}")
        # `reader parse` shows what was parsed: a stated 0-minute read too, and the category.
        facts = byline(article, by="by ", when=numeric_date, zero_minutes=True, more=[article.category])
        if facts:
            lines.append("  " + facts)
        count = len(article.body)
        lines.append(f"  {count} paragraph{'s' if count != 1 else ''}")
    if page.feed:
        lines.append(f"  News Feed: {len(page.feed)} items")
        for item in page.feed:
            when = item.time.strftime("%Y-%m-%d %H:%M") if item.time else "--"
            lines.append(f"    {when}  {item.label[:90]}")
    lines.extend(f"  warning: {w}" for w in page.warnings)
    return "\n".join(lines)


def run_parse(argv: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """`reader parse`: print every page; exit status 1 if any file failed or a
    folder held no pages."""
    args = _parse_parser().parse_args(argv)
    failed = False
    for path in args.paths:
        found = False
        for result in load_pages([path], args.max_size):
            if isinstance(result, Gone):
                continue  # deleted since the folder was listed: nothing to print
            found = True
            if isinstance(result, LoadFailure):
                failed = True
                if args.json:
                    print(_json_line({"source": result.source, "error": result.error}), file=out)
                else:
                    print(f"error: {result.error}", file=err)
            elif args.json:
                print(_json_line(page_to_json(result)), file=out)
            else:
                print(_summary(result), file=out)
        if not found and os.path.isdir(path):
            # A folder that printed nothing is most likely the wrong folder.
            failed = True
            print(f"error: no pages found in {shown_path(path)}", file=err)
    return 1 if failed else 0


def _add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader add",
        description="Fetch web pages and keep them in your library, as the HTML they were.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="the pages' addresses (https://...)")
    parser.add_argument(
        "--to",
        metavar="FOLDER",
        help="keep them here (default: your library, pages/ in your data folder, e.g. ~/.local/share/reader/pages)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_SECONDS,
        metavar="SECONDS",
        help="give up on a site after this long",
    )
    _add_max_size(parser)
    _add_config(parser)
    return parser


def run_config(argv: Sequence[str], out: TextIO = sys.stdout) -> int:
    """`reader config`: where the settings file is, and the settings in force."""
    parser = argparse.ArgumentParser(
        prog="reader config", description="Show the settings file and the settings in force."
    )
    _add_config(parser)
    args = parser.parse_args(argv)
    print(describe(load_settings(args.config)), file=out)
    return 0


def run_add(argv: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """`reader add URL...`: fetch each page, keep it, say what was kept; exit status 1
    if any address gave no page."""
    args = _add_parser().parse_args(argv)
    loaded = load_settings(args.config)
    for problem in loaded.problems:
        print(f"reader: {problem}", file=err)
    library = loaded.settings.library
    folder = Path(args.to) if args.to else Path(library[0]) if library else library_folder()
    failed = False
    for given in args.urls:
        result = add_page(given, folder, max_bytes=args.max_size, timeout=args.timeout)
        if isinstance(result, NotAdded):
            failed = True
            print(f"error: {result.reason}", file=err)
            continue
        article = result.page.article
        done = "added" if result.new else "already in the library:"
        print(f"{done} {shown_path(result.path)}", file=out)
        if article is not None:
            count = len(article.body)
            print(f"  {article.title} ({count} paragraph{'s' if count != 1 else ''})", file=out)
        for warning in result.page.warnings:
            print(f"  warning: {warning} (the page is kept)", file=out)
    return 1 if failed else 0


def _exists(path: str) -> bool:
    """Whether `path` is there; one that may not be looked at (a folder on its way
    that cannot be read) counts as there: the app says what is wrong with it."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
        return False
    except OSError:
        return True
    return True


def _open_library(folder: Path) -> Path | None:
    """The user's library folder, made if it is not there yet; None (and a line on
    standard error) when it cannot be: the samples are shown instead."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(
            f"reader: cannot make the library folder {shown_path(folder)} ({error.strerror or error})",
            file=sys.stderr,
        )
        return None
    return folder


def what_to_open(given: Sequence[str], folders: Sequence[str] = ()) -> tuple[list[str], Path | None, bool]:
    """The paths the app reads, the library `a` adds to, and whether that library is
    empty: the paths given (no library); else the library (the settings' folders,
    or pages/ in the data folder), with the bundled samples beside it while it has
    no page (followed too, so that pages added show at once); else, when the
    library cannot be made, the samples."""
    if given:
        return list(given), None, False
    library = _open_library(Path(folders[0]) if folders else library_folder())
    if library is None:
        return [str(sample_folder())], None, False
    shown = [str(library), *(folder for folder in folders[1:] if os.path.isdir(folder))]
    if any(_holds_pages(Path(folder)) for folder in shown):
        return shown, library, False
    return [*shown, str(sample_folder())], library, True


def _holds_pages(folder: Path) -> bool:
    """Whether a page file lies anywhere under `folder` (the walk stops at the first)."""
    return any(not isinstance(found, LoadFailure) for found in find_page_files([folder]))


def run_app(argv: Sequence[str]) -> int:
    """`reader [PATH...]`: the reading room on the given pages or the samples."""
    args = _app_parser().parse_args(argv)
    missing = [path for path in args.paths if not _exists(path)]
    if missing:
        # Told before the app starts, as any command does: an empty app would not say why.
        for path in missing:
            print(f"reader: {shown_path(path)}: no such file or folder", file=sys.stderr)
        return 2
    from reader.storage.cache import PageCache, default_cache_path
    from reader.storage.state import ReadingState, default_state_path
    from reader.ui import notices
    from reader.ui.app import ReaderApp  # Textual loads only for the app, not for `parse`
    from reader.ui.commands import PRESETS

    loaded = load_settings(args.config)
    settings = loaded.settings
    paths, library, empty = what_to_open(args.paths, settings.library)
    told = [notices.settings_problem(problem) for problem in loaded.problems]
    if library is not None and empty:
        told.append(notices.library_empty(shown_path(library)))

    if args.no_cache:
        cache = PageCache(None)
    elif args.cache:
        cache = PageCache(args.cache, remake=False)  # the user's file: used only if it is a cache
    else:
        cache = PageCache(default_cache_path())
    state = ReadingState(args.state or default_state_path())
    try:
        app = ReaderApp(
            paths,
            cache=cache,
            state=state,
            export_folder=args.export_dir or settings.export_dir,
            max_bytes=args.max_size or settings.max_size,
            watch=args.watch,
            library=library,
            told_at_start=told,
            keymap={**PRESETS.get(settings.keymap or "", {}), **settings.keys},
            theme=settings.theme,
            read_after=settings.read_after,
            list_width=settings.list_width,
            feed_width=settings.feed_width,
            sort=SortOrder(settings.sort) if settings.sort else None,
            group=Grouping(settings.group) if settings.group else None,
        )
        app.run()
    finally:
        state.close()
        cache.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` console script and `python -m reader`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["parse"]:
            return run_parse(argv[1:])
        if argv[:1] == ["add"]:
            return run_add(argv[1:])
        if argv[:1] == ["config"]:
            return run_config(argv[1:])
        return run_app(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
