"""What the reader tells the user in notices, and the warnings it keeps.

Plain Python, no Textual: every notice is a `Notice` made here, words and all (how
it is shown too: title, severity, how long); the app only decides when. Headlines
and file names go into the text as they are: the app shows notices with markup off,
and a notice's text is made safe to show (file names and the messages that quote
them are untrusted, and may hold terminal escapes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reader.library.files import LoadFailure
from reader.library.ingest import Progress
from reader.library.store import Store
from reader.paths import shown_path
from reader.storage.state import ReadingState

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification: its text (plain, never markup, no escapes or controls)
    and how it is shown."""

    text: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None  # seconds on screen (None: Textual's default)

    def __post_init__(self) -> None:
        # Here rather than in each notice that names a file: one quoting a message
        # from below (an OSError, a parser warning) may hold a file name too.
        # shown_path cleans a message as it does the path in it.
        object.__setattr__(self, "text", shown_path(self.text))


def count(n: int, noun: str) -> str:
    """`n` and `noun`, plural unless `n` is 1: "1 article", "1,200 articles"."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


NO_PAGES = Notice(
    "No pages found. Give reader files or folders of saved pages (*.txt, *.html).", severity="warning"
)
NO_HEADLINE_MATCHES = Notice("No headline matches.", severity="warning")
NOTHING_TO_MARK = Notice("No articles to mark.", severity="warning", timeout=3)
NOTHING_TO_UNDO = Notice("Nothing to undo.", severity="warning", timeout=3)
ALL_READ_ALREADY = Notice("Every article shown was read already.", timeout=3)


def could_not_read(failures: Sequence[LoadFailure]) -> Notice | None:
    """Which files could not be read, the first few by name (None: no failures)."""
    if not failures:
        return None
    names = [Path(f.source).name for f in failures]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    files = "file" if len(names) == 1 else "files"
    text = f"Could not read {len(names)} {files}: {shown}. Press w for details."
    return Notice(text, title="Skipped", severity="warning", timeout=8)


def kept_last_good(warning: str) -> Notice:
    """A changed page failed to read: the version read before stays."""
    return Notice(warning, title="Kept the last good version", severity="warning", timeout=8)


def not_following(reason: str, still_following: bool) -> Notice:
    """Following the folders failed for `reason`: for good, or for one change only."""
    text = reason if still_following else f"Not following the folders for changes: {reason}"
    return Notice(text, severity="warning", timeout=10)


def went_wrong(name: str, error: BaseException | None) -> Notice:
    """A worker stopped on an error nothing else caught."""
    return Notice(f"{name} failed: {error}", title="Something went wrong", severity="error", timeout=10)


def no_article(doing: str) -> Notice:
    """A key that acts on an article found none (`doing`: what it would have done)."""
    return Notice(f"No article to {doing}.", severity="warning", timeout=3)


def no_unread(below: bool) -> Notice:
    """`n`/`p` of the newsboat keys found no unread article that way."""
    return Notice(f"No unread article {'below' if below else 'above'}.", severity="warning", timeout=3)


def no_pager(command: str, why: str) -> Notice:
    """`|` could not hand the article to the pager."""
    return Notice(f"Could not run the pager {command!r}: {why}", severity="error", timeout=8)


def no_address(title: str) -> Notice:
    """`o` on an article whose page states no address on the web."""
    return Notice(f"{title} states no address on the web.", severity="warning", timeout=4)


def opening(url: str) -> Notice:
    """The article's address was handed to the system's browser."""
    return Notice(url, title="Opening in the browser", timeout=4)


def no_browser(url: str) -> Notice:
    """No browser took the article's address."""
    return Notice(f"No browser could be started for {url}", severity="error", timeout=8)


def width_limit(grow: bool) -> Notice:
    """`<` or `>` would make a pane narrower or wider than it may be."""
    return Notice(f"The pane is as {'wide' if grow else 'narrow'} as it goes.", severity="warning", timeout=3)


def settings_problem(problem: str) -> Notice:
    """Something in the settings file could not be used (`problem` names the file,
    line and key); the reader runs on the defaults for it."""
    return Notice(problem, title="Settings", severity="warning", timeout=15)


def unknown_theme(theme: str, themes: Sequence[str]) -> Notice:
    """The settings name a theme there is none of."""
    text = f"No theme {theme!r}; the themes are {', '.join(themes)}."
    return Notice(text, title="Settings", severity="warning", timeout=15)


def library_empty(folder: str) -> Notice:
    """Plain `reader` with nothing in the library yet: the samples are on show."""
    text = (
        f"Your library ({folder}) has no pages yet, so these are the sample pages. "
        "Press a to add a page from the web (or run: reader add URL), or save .html and .txt pages in that folder."
    )
    return Notice(text, title="Welcome", timeout=15)


def no_library() -> Notice:
    """`a` in a reader started without a library to keep pages in."""
    return Notice(
        "No library to keep pages in: run plain `reader` to add pages.", severity="warning", timeout=6
    )


def fetching(url: str) -> Notice:
    """`a` took an address and is fetching it."""
    return Notice(url, title="Fetching", timeout=4)


def not_added(reason: str) -> Notice:
    """An address gave no page; `reason` names it and says why."""
    return Notice(reason, title="Not added", severity="error", timeout=10)


def already_added(path: str) -> Notice:
    """A page fetched with `a` was in the library already, as it is now."""
    return Notice(f"Already in your library as {path}", timeout=6)


def added_elsewhere(path: str) -> Notice:
    """A page was kept in a library folder this reader does not follow."""
    return Notice(
        f"Kept as {path}. This reader does not follow that folder: run plain `reader` to read it.",
        title="Added",
        timeout=10,
    )


def added_warnings(path: str, warnings: Sequence[str]) -> Notice:
    """A page was kept, but the parser had something to say of it."""
    return Notice(
        "\n".join([f"Kept as {path}", *warnings]),
        title="Added, with a warning",
        severity="warning",
        timeout=10,
    )


def no_match(searched: bool) -> Notice:
    """`n` or `N` found no match in the article to go to."""
    text = "No matches in this article." if searched else "Search first (ctrl+f)."
    return Notice(text, severity="warning", timeout=3)


def marked_read(articles: int) -> Notice:
    """`M` marked this many articles read."""
    return Notice(f"Marked {count(articles, 'article')} read. u undoes it.", timeout=6)


def undone(articles: int, saved: bool) -> Notice:
    """`u` put back the marks of this many articles."""
    what = "saved marks" if saved else "read marks"
    return Notice(f"Undone: the {what} of {count(articles, 'article')} are as they were.", timeout=4)


def saved(title: str, now_saved: bool) -> Notice:
    """An article was saved, or unsaved."""
    return Notice(f"{'Saved' if now_saved else 'No longer saved'}: {title}", timeout=3)


def copied(title: str, paragraphs: int, characters: int) -> Notice:
    """An article's text is on the clipboard."""
    text = f"Copied {title} ({count(paragraphs, 'paragraph')}, {characters:,} characters)"
    return Notice(text, timeout=4)


def exported(path: Path) -> Notice:
    """An article was written to `path`."""
    return Notice(f"{path}", title="Exported as Markdown", timeout=8)


def not_exported(folder: Path, error: OSError) -> Notice:
    """An article could not be written to `folder`."""
    text = f"Could not export to {folder}: {error.strerror or error}"
    return Notice(text, title="Not exported", severity="error", timeout=10)


class Arrivals:
    """What a run of changes on disk brought, gathered over its batches and told
    in a few short lines when it ends."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.updated: list[str] = []
        self.removed = 0
        self.feed = 0
        self.failures: list[LoadFailure] = []

    def add(self, progress: Progress, store: Store) -> None:
        """Take in one batch (the headlines of its pages are looked up in `store`)."""
        for sources, titles in ((progress.new_articles, self.added), (progress.updated, self.updated)):
            for source in sources:
                page = store.page(source)
                if page is not None and page.article is not None:
                    titles.append(page.article.title)
        self.removed += len(progress.removed)
        self.feed += len(progress.new_feed)
        self.failures.extend(progress.failures)

    def told(self) -> list[str]:
        """The lines that tell what the run brought (failures aside), one notice each."""
        lines = []
        if len(self.added) == 1:
            lines.append(f"New: {self.added[0]}")
        elif self.added:
            shown = "; ".join(self.added[:2]) + (
                f" and {len(self.added) - 2:,} more" if len(self.added) > 2 else ""
            )
            lines.append(f"{len(self.added):,} new articles: {shown}")
        if len(self.updated) == 1:
            lines.append(f"Updated: {self.updated[0]}")
        elif self.updated:
            lines.append(f"{len(self.updated):,} articles updated")
        if self.removed:
            lines.append(f"{count(self.removed, 'page')} removed")
        if self.feed and not self.added:
            lines.append(f"{count(self.feed, 'new News Feed item')}")
        return lines


class Announcer:
    """What to tell about loading, following and the files behind the reader, and
    the warnings kept for the warnings screen (`w`), each once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.warnings: list[str] = []
        """Files that could not be read, what the parser noticed, and other trouble."""
        self._warned: set[str] = set()
        self.failures: list[LoadFailure] = []
        """Files that could not be read."""
        self._arrivals = Arrivals()  # what the current run of changes brought

    def warn(self, warning: str) -> None:
        """Keep a warning for the warnings screen, once (a page saved again and
        again says the same thing each time)."""
        if warning not in self._warned:
            self._warned.add(warning)
            self.warnings.append(warning)

    def has_warned(self, warning: str) -> bool:
        """Whether `warning` is kept already (and so was told)."""
        return warning in self._warned

    def pages_read(self, progress: Progress) -> list[Notice]:
        """Take in a batch of pages read: keep its warnings; a change on disk is
        gathered to be told when its run ends, but a page kept at its last good
        version is told at once."""
        self.failures.extend(progress.failures)
        for warning in (*(f.error for f in progress.failures), *progress.warnings, *progress.kept):
            self.warn(warning)
        if not progress.live:
            return []
        self._arrivals.add(progress, self._store)
        return [kept_last_good(kept) for kept in progress.kept]

    def loaded(self, found_articles: bool) -> list[Notice]:
        """The first load is over: say if it found nothing, and which files failed."""
        told = [] if found_articles or self.failures else [NO_PAGES]
        failed = could_not_read(self.failures)
        return told if failed is None else [*told, failed]

    def arrivals(self) -> list[Notice]:
        """What the run of changes since the last call brought."""
        arrivals, self._arrivals = self._arrivals, Arrivals()
        told = [Notice(line, timeout=5) for line in arrivals.told()]
        failed = could_not_read(arrivals.failures)
        return told if failed is None else [*told, failed]

    def following_failed(self, reason: str, still_following: bool) -> Notice:
        """Following the folders failed (kept as a warning too)."""
        self.warn(reason)
        return not_following(reason, still_following)

    def cache_problem(self, problem: str | None) -> list[Notice]:
        """The parse cache cannot be used: pages are parsed every time."""
        if not problem:
            return []
        self.warn(problem)
        return [Notice(problem, title="No parse cache", severity="warning", timeout=10)]

    def state_news(self, state: ReadingState) -> list[Notice]:
        """What the reading state has to tell: once, that its file cannot be
        written; and any notice it holds (taken from it)."""
        told = []
        if state.problem and not self.has_warned(state.problem):
            self.warn(state.problem)
            told.append(
                Notice(state.problem, title="Not saving what you read", severity="warning", timeout=12)
            )
        if state.notice:
            notice, state.notice = state.notice, None
            told.append(Notice(notice, timeout=6))
        return told
