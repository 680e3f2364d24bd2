"""What the user can ask for beyond the keys on the footer: the reader's entries in
the command palette (ctrl+p), beside Textual's, each naming its key; and the
sections of the help screen (`?`), read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

from reader.library.arrange import Arrangement, Grouping, SortOrder
from reader.ui.screens.help import Section
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


# The app's keys. Each has an id, so that a user keymap can remap it; the footer
# shows those without show=False, the help screen every one with a description.
KEYS: list[BindingType] = [
    # q as in newsboat, newsraft and nom: out of the article first, then out of the reader.
    Binding("q", "back_or_quit", "Quit", tooltip="Back to the list; quit from it", id="app.back_or_quit"),
    Binding("Q", "quit", "Quit at once, from any pane", show=False, id="app.quit"),
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.quit_ctrl_c"),
    Binding("question_mark", "help", "Help", id="app.help"),
    # A priority binding: handled as it arrives, so the keys typed right after it
    # (already queued) go to the box it opens, not to the list (`s` saving, `m` marking).
    Binding("slash", "search", "Search", id="app.search", priority=True),
    # Off the footer (in the help and the palette): the footer's keys fit in 80 columns,
    # where a footer too long for the terminal is cut mid-word.
    Binding(
        "ctrl+f",
        "search_text",
        "Full text",
        tooltip="Search headlines and bodies (again: headlines)",
        show=False,
        id="app.search_text",
    ),
    Binding(
        "n",
        "next",
        "Next",
        tooltip="Next article (full-text search: next match)",
        id="app.next",
    ),
    Binding("N", "previous_match", "Previous match", show=False, id="app.previous_match"),
    Binding(
        "p",
        "previous_article",
        "Prev",
        tooltip="Previous article, from any pane",
        show=False,
        id="app.previous",
    ),
    Binding(
        "m", "toggle_read", "Read", tooltip="Mark the article read, or unread again", id="app.toggle_read"
    ),
    Binding(
        "s",
        "toggle_saved",
        "Save",
        tooltip="Save (bookmark) the article, or unsave it",
        id="app.toggle_saved",
    ),
    # Keys of their own only in a keymap (the newsboat one): ctrl keys few would press.
    Binding("ctrl+n", "next_unread", "Next unread article", show=False, id="app.next_unread"),
    Binding("ctrl+b", "previous_unread", "Previous unread article", show=False, id="app.previous_unread"),
    Binding("M", "mark_all_read", "Mark all shown read", show=False, id="app.mark_all_read"),
    Binding("u", "undo", "Undo the last marking (m, M, s)", show=False, id="app.undo"),
    Binding("1", "show('all')", "Show all articles", show=False, id="app.show_all"),
    Binding("2", "show('unread')", "Show unread articles", show=False, id="app.show_unread"),
    Binding("3", "show('saved')", "Show saved articles", show=False, id="app.show_saved"),
    Binding("e", "export", "Export the article as Markdown", show=False, id="app.export"),
    Binding("y", "copy", "Copy the article's text", show=False, id="app.copy"),
    Binding("vertical_line", "pipe_to_pager", "Read the article in $PAGER", show=False, id="app.pipe"),
    Binding("o", "open_in_browser", "Open the page in the browser", show=False, id="app.open_in_browser"),
    Binding("f", "feed", "Feed", tooltip="Show and focus the News Feed; again, hide it", id="app.feed"),
    Binding("z", "zoom", "Full-width reading (again: the panes back)", show=False, id="app.zoom"),
    Binding(
        "less_than_sign",
        "resize(False)",
        "Narrower list (the feed, when focused)",
        show=False,
        id="app.narrower",
    ),
    Binding(
        "greater_than_sign", "resize(True)", "Wider list (the feed, when focused)", show=False, id="app.wider"
    ),
    Binding("S", "sort", "Sort: newest, oldest, source, title", show=False, id="app.sort"),
    Binding("ctrl+g", "group", "Group by source, by folder, or not", show=False, id="app.group"),
    Binding("a", "add_page", "Add a page from the web", show=False, id="app.add_page"),
    Binding("w", "warnings", "Warnings", show=False, id="app.warnings"),
    Binding("escape", "clear_search", "Clear search (in the list)", show=False, id="app.clear_search"),
]


# Keymaps a user names in the settings (`keymap = "newsboat"`): binding id → keys, with
# the settings' own [keys] over them. newsboat's keys where the reader has the action
# (q back then quit, Q quit and o open are the reader's own too): n/p are the next/previous
# unread article, J/K the next/previous one (J: the next match during a full-text
# search, [ the previous), N marks read or unread.
PRESETS: dict[str, dict[str, str]] = {
    "newsboat": {
        "app.next_unread": "n",
        "app.previous_unread": "p",
        "app.next": "J",
        "app.previous": "K",
        "app.previous_match": "left_square_bracket",
        "app.toggle_read": "N",
    },
}


DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def reader_commands(app: ReaderApp) -> Iterable[SystemCommand]:
    """The palette entries for `app`'s actions."""
    yield SystemCommand("Search headlines", "Filter the list as you type (/)", app.action_search)
    yield SystemCommand(
        "Search full text",
        "Headlines and bodies, as you type (ctrl+f)",
        lambda: app.listing.open_search(full_text=True),
    )
    yield SystemCommand("Show all articles", "Every article (1)", lambda: app.action_show("all"))
    yield SystemCommand(
        "Show unread articles", "Articles not read yet (2)", lambda: app.action_show("unread")
    )
    yield SystemCommand("Show saved articles", "Articles saved with s (3)", lambda: app.action_show("saved"))
    yield SystemCommand(
        "Mark all shown read", "Every article in the list as it is now (M)", app.action_mark_all_read
    )
    yield SystemCommand("Undo the last marking", "What m, M or s did last (u)", app.action_undo)
    yield SystemCommand(
        "Export the article as Markdown", "A .md file in the export folder (e)", app.action_export
    )
    yield SystemCommand("Copy the article's text", "To the clipboard (y)", app.action_copy)
    yield SystemCommand(
        "Read the article in $PAGER", "Its text, through your pager (|)", app.action_pipe_to_pager
    )
    yield SystemCommand(
        "Open the page in the browser", "The address the page states (o)", app.action_open_in_browser
    )
    yield SystemCommand("News Feed", "Show and focus the News Feed (f)", app.action_feed)
    yield SystemCommand(
        "Full-width reading", "The reading pane alone; again: the panes back (z)", app.action_zoom
    )
    for order in SortOrder:
        yield SystemCommand(
            f"Sort {Arrangement(order).describe()}", "The article list's order (S)", _sort(app, order)
        )
    for grouping in Grouping:
        title = "Do not group" if grouping is Grouping.NONE else f"Group by {grouping.value}"
        yield SystemCommand(
            title, "Articles of one source or folder together (ctrl+g)", _group(app, grouping)
        )
    yield SystemCommand(
        "Add a page from the web", "Fetch an address into your library (a)", app.action_add_page
    )
    yield SystemCommand("Warnings", "Files that could not be read (w)", app.action_warnings)
    yield SystemCommand("Keys", "Every key (?)", app.action_help)
    # Textual's Theme lists every theme by name; these are found by the words a
    # user types for them.
    yield SystemCommand(
        "Dark theme", "Light text on dark (Theme: every theme)", lambda: _use(app, DARK_THEME)
    )
    yield SystemCommand(
        "Light theme", "Dark text on light (Theme: every theme)", lambda: _use(app, LIGHT_THEME)
    )


def _use(app: ReaderApp, theme: str) -> None:
    app.theme = theme


def _sort(app: ReaderApp, order: SortOrder) -> Callable[[], None]:
    return lambda: app.arrange(Arrangement(order, app.session.arrangement.grouping))


def _group(app: ReaderApp, grouping: Grouping) -> Callable[[], None]:
    return lambda: app.arrange(Arrangement(app.session.arrangement.order, grouping))


# Keys that are no bindings of ours (Textual's, or a widget's own), for the help screen.
_TAB_KEYS = [("Tab", "Next pane"), ("Shift+Tab", "Previous pane"), ("Ctrl+P", "Commands and themes")]
_SEARCH_BOX_KEYS = [("Enter", "Open the top match")]


def key_sections(app_bindings: Iterable[BindingType]) -> list[Section]:
    """The help screen's sections (`?`): the app's keys (`app_bindings`), then each pane's."""
    return [
        ("Anywhere (not while typing in the search box)", app_bindings, _TAB_KEYS),
        ("Article list and News Feed", CursorList.BINDINGS, []),
        ("Reading pane", ReadingPane.BINDINGS, []),
        ("Search box", SearchBar.BINDINGS, _SEARCH_BOX_KEYS),
    ]
