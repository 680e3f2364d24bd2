"""The settings file: read when there, defaults when not, and a broken one told
(file, line, key) with the defaults in force for what is wrong; never written."""

from __future__ import annotations

import io
from pathlib import Path

from reader.cli import run_config, what_to_open
from reader.config import Settings, default_config_path, load_settings
from reader.library.files import sample_folder
from reader.ui.screens.help import HelpScreen
from tests.ui.fixtures import clock, make_store
from tests.ui.helpers import RecordingApp, settle, until

GOOD = """\
library = ["~/news", "/srv/pages"]
theme = "textual-light"
read_after = 3
export_dir = "~/exports"
max_size = "2M"

[keys]
"app.help" = "f1"
"app.quit" = "Q"
"""


def test_no_file_is_the_defaults_and_a_good_one_is_read(tmp_path: Path) -> None:
    assert default_config_path().name == "config.toml"
    nothing = load_settings()  # the test's own config folder has none
    assert (nothing.settings, nothing.found, nothing.problems) == (Settings(), False, ())
    file = tmp_path / "config.toml"
    file.write_text(GOOD)
    loaded = load_settings(file)
    assert loaded.problems == ()
    assert loaded.settings == Settings(
        library=(str(Path.home() / "news"), "/srv/pages"),
        theme="textual-light",
        read_after=3.0,
        export_dir=str(Path.home() / "exports"),
        max_size=2 * 1024 * 1024,
        keys={"app.help": "f1", "app.quit": "Q"},
    )


def test_a_broken_file_is_told_and_the_defaults_stand_in(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text('theme = "textual-light"\nread_after = = 3\n')
    loaded = load_settings(file)
    assert loaded.settings == Settings() and loaded.found
    assert loaded.problems == (f"{file}: Invalid value (at line 2, column 14); using the defaults",)
    file.write_text('theme = "textual-light"\nread_aftr = 3\nmax_size = "lots"\n\n[keys]\n"app.help" = 5\n')
    loaded = load_settings(file)
    assert loaded.settings == Settings(theme="textual-light")  # the good key is kept
    assert loaded.problems == (
        f"{file}, line 2: unknown setting 'read_aftr' (ignored)",
        f"{file}, line 3: max_size must be a size like 5M or 800K; using the default",
        f'{file}, line 5: keys must be a table of binding ids and keys ("app.help" = "f1"); using the default',
    )
    assert file.read_text().startswith('theme = "textual-light"\nread_aftr')  # never rewritten
    missing = tmp_path / "nope.toml"
    assert load_settings(missing).problems == (f"{missing}: no such file",)


def test_reader_config_prints_the_file_and_the_settings_in_force(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text('read_after = 0.5\nwhatever = 1\n[keys]\n"app.help" = "f1"\n')
    out = io.StringIO()
    assert run_config(["--config", str(file)], out) == 0
    assert out.getvalue().splitlines() == [
        f"# {file}",
        f"# problem: {file}, line 2: unknown setting 'whatever' (ignored)",
        "library = []  # pages/ in your data folder",
        "# theme: not set (the theme last chosen in the app)",
        "# keymap: not set (the reader's own keys)",
        "read_after = 0.5",
        "# export_dir: not set (the current folder)",
        'max_size = "5242880"',
        "# list_width: not set (the width last chosen with < >, in percent)",
        "# feed_width: not set (the width last chosen with < >, in columns)",
        "# sort: not set (the order last chosen with S)",
        "# group: not set (the grouping last chosen with ctrl+g)",
        "[keys]",
        '"app.help" = "f1"',
    ]


def test_the_library_folders_of_the_settings_are_what_plain_reader_opens(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    second.mkdir()
    assert what_to_open([], [str(first), str(second)]) == (
        [str(first), str(second), str(sample_folder())],
        first,
        True,
    )
    assert first.is_dir()  # made, as the default library is
    (second / "a.txt").write_text("Ferry back\n\nThe ferry is back on the water after the storms.\n")
    assert what_to_open([], [str(first), str(second)]) == ([str(first), str(second)], first, False)


async def test_a_keymap_remaps_a_key_and_the_help_screen_shows_it() -> None:
    reader = RecordingApp(store=make_store(), clock=clock, keymap={"app.help": "f1"})
    async with reader.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(reader.screen, HelpScreen)  # ? is no longer Help
        await pilot.press("f1")
        assert await until(pilot, lambda: isinstance(reader.screen, HelpScreen))
        shown = str(reader.screen.query_one("#help-text").render())
        assert "  f1              Help\n" in shown


async def test_the_theme_and_dwell_of_the_settings_and_an_unknown_theme_told() -> None:
    reader = RecordingApp(store=make_store(), clock=clock, theme="textual-light", read_after=4.0)
    async with reader.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert (reader.theme, reader.read_after) == ("textual-light", 4.0)
    reader = RecordingApp(store=make_store(), clock=clock, theme="no-such-theme")
    async with reader.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert reader.theme != "no-such-theme"
        assert any(note.startswith("No theme 'no-such-theme'; the themes are ") for note in reader.notes)


def test_a_keymap_by_name_and_only_the_names_there_are(tmp_path: Path) -> None:
    from reader.config import KEYMAPS
    from reader.ui.commands import PRESETS

    assert set(KEYMAPS) == set(PRESETS)
    file = tmp_path / "config.toml"
    file.write_text('keymap = "newsboat"\n')
    assert load_settings(file).settings.keymap == "newsboat"
    file.write_text('keymap = "vim"\n')
    assert load_settings(file).problems == (
        f"{file}, line 1: keymap must be one of 'newsboat'; using the default",
    )


async def test_the_newsboat_keys_q_back_then_quit_n_and_p_unread_and_capital_n_marks() -> None:
    from reader.ui.commands import PRESETS
    from tests.ui.fixtures import ARTICLES
    from tests.ui.helpers import shown_title

    reader = RecordingApp(store=make_store(), clock=clock, keymap=PRESETS["newsboat"], read_after=60)
    async with reader.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("J", "K")  # the next article and back: both opened, so read
        assert reader.article_list.cursor == 0
        assert not reader.is_unread(ARTICLES[0]) and not reader.is_unread(ARTICLES[1])
        await pilot.press("N")  # marked unread again
        assert reader.is_unread(ARTICLES[0])
        await pilot.press("n")  # the next unread: the read one is passed over
        assert reader.article_list.cursor == 2
        assert await until(pilot, lambda: shown_title(reader) == ARTICLES[2].title)
        await pilot.press("p")  # the previous unread
        assert reader.article_list.cursor == 0
        await pilot.press("enter")
        assert reader.focused is reader.reading_pane
        await pilot.press("q")  # back to the list
        assert reader.focused is reader.article_list and reader.is_running
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(reader.screen, HelpScreen))
        shown = str(reader.screen.query_one("#help-text").render())
        assert "  n               Next unread article\n" in shown
        assert "  Q               Quit at once, from any pane\n" in shown
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")  # from the list: quit
        await pilot.pause()
        assert not reader.is_running


def test_widths_and_the_lists_order_in_the_settings_and_what_is_wrong_with_them(tmp_path: Path) -> None:
    from reader.config import GROUPINGS, SORT_ORDERS
    from reader.library.arrange import Grouping, SortOrder

    assert (tuple(o.value for o in SortOrder), tuple(g.value for g in Grouping)) == (SORT_ORDERS, GROUPINGS)
    file = tmp_path / "config.toml"
    file.write_text('list_width = 50\nfeed_width = 40\nsort = "title"\ngroup = "folder"\n')
    assert load_settings(file).settings == Settings(
        list_width=50, feed_width=40, sort="title", group="folder"
    )
    file.write_text('list_width = 95\nfeed_width = "wide"\nsort = "random"\ngroup = true\n')
    loaded = load_settings(file)
    assert loaded.settings == Settings()
    assert loaded.problems == (
        f"{file}, line 1: list_width must be a whole number of percent from 20 to 80; using the default",
        f"{file}, line 2: feed_width must be a whole number of columns from 20 to 80; using the default",
        f"{file}, line 3: sort must be one of 'newest', 'oldest', 'source', 'title'; using the default",
        f"{file}, line 4: group must be one of 'none', 'source', 'folder'; using the default",
    )
