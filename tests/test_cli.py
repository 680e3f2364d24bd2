"""`reader parse`: JSON lines for scripts, a readable summary otherwise."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from reader.cli import main, run_parse
from tests.conftest import SAMPLES

PAGE = (
    "Skip to content\n\nFerry service returns to the island after winter storms\n\n"
    "by Ana Ruiz and Tom Berg March 3, 2023 8:15 PM 4 min read\n\n"
    "The island ferry resumed its daily crossings on Friday after a three-week pause caused by storms.\n\n"
    "News Feed\n\n9:00 PM\n\nBridge closes for repairs.\n\nThe old bridge closes for two weeks.\n"
    "7:30 PM\n\nMarket reopens.\n\nThe covered market reopened after renovation.\n"
)


def write_page(folder: Path, name: str, text: str | bytes, moment: datetime) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    return path


def test_json_lines_one_per_file_with_errors_and_exit_status_1(tmp_path: Path) -> None:
    good = write_page(tmp_path, "a.txt", PAGE, datetime(2023, 3, 3, 22, 0))
    write_page(tmp_path, "b.txt", b"\x00\x01binary", datetime(2023, 3, 3))
    out = io.StringIO()
    status = run_parse(["--json", str(tmp_path)], out=out, err=io.StringIO())
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert status == 1
    assert first == {
        "source": str(good),
        "title": "Ferry service returns to the island after winter storms",
        "subtitle": None,
        "authors": ["Ana Ruiz", "Tom Berg"],
        "published": "2023-03-03T20:15:00",
        "read_minutes": 4,
        "category": None,
        "body": [
            "The island ferry resumed its daily crossings on Friday after a three-week pause caused by storms."
        ],
        "url": None,
        "site": None,
        "feed": [
            {
                "time": "2023-03-03T21:00:00",
                "headline": "Bridge closes for repairs.",
                "summary": "The old bridge closes for two weeks.",
            },
            {
                "time": "2023-03-03T19:30:00",
                "headline": "Market reopens.",
                "summary": "The covered market reopened after renovation.",
            },
        ],
        "warnings": [],
    }
    assert second == {
        "source": str(tmp_path / "b.txt"),
        "error": f"{tmp_path / 'b.txt'}: binary file (contains NUL bytes)",
    }


def test_json_exit_status_0_when_all_parse() -> None:
    out = io.StringIO()
    assert run_parse(["--json", str(SAMPLES)], out=out) == 0
    assert len(out.getvalue().splitlines()) == len(list(SAMPLES.glob("*.txt")))


def test_readable_summary_and_errors_on_stderr(tmp_path: Path) -> None:
    write_page(tmp_path, "a.txt", PAGE, datetime(2023, 3, 3, 22, 0))
    out, err = io.StringIO(), io.StringIO()
    status = run_parse([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")], out=out, err=err)
    assert status == 1
    assert out.getvalue().splitlines() == [
        str(tmp_path / "a.txt"),
        "  Ferry service returns to the island after winter storms",
        "  by Ana Ruiz, Tom Berg · 2023-03-03 20:15:00 · 4 min read",
        "  1 paragraph",
        "  News Feed: 2 items",
        "    2023-03-03 21:00  Bridge closes for repairs.",
        "    2023-03-03 19:30  Market reopens.",
    ]
    assert err.getvalue() == f"error: {tmp_path / 'missing.txt'}: no such file or folder\n"


def test_max_size_option(tmp_path: Path) -> None:
    write_page(tmp_path, "a.txt", PAGE, datetime(2023, 3, 3))
    out = io.StringIO()
    assert run_parse(["--json", "--max-size", "100", str(tmp_path)], out=out) == 1
    assert "too large" in json.loads(out.getvalue())["error"]


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    write_page(tmp_path, "a.txt", PAGE, datetime(2023, 3, 3, 22, 0))
    done = subprocess.run(
        [sys.executable, "-m", "reader", "parse", "--json", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["title"] == "Ferry service returns to the island after winter storms"
    assert main(["parse", "--json", str(tmp_path)]) == 0


def test_the_app_command_passes_its_options_to_the_app(monkeypatch, tmp_path: Path) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    assert main([str(tmp_path), "--no-watch", "--max-size", "800K"]) == 0
    assert main([str(tmp_path)]) == 0
    following, not_following = started[1], started[0]
    assert (not_following.follow_changes, not_following.max_bytes, not_following.paths) == (
        False,
        800 * 1024,
        [str(tmp_path)],
    )
    assert following.follow_changes is True


def test_the_app_gets_the_parse_cache_asked_for(monkeypatch, tmp_path: Path) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main([str(tmp_path), "--cache", str(tmp_path / "mine.sqlite3")]) == 0
    assert main([str(tmp_path), "--no-cache"]) == 0
    assert main([str(tmp_path)]) == 0
    chosen, none, default = (app.cache.path for app in started)
    assert chosen == tmp_path / "mine.sqlite3" and (tmp_path / "mine.sqlite3").exists()
    assert none is None
    assert default == tmp_path / "xdg" / "reader" / "pages.sqlite3" and default.exists()


def test_the_app_gets_the_reading_state_and_export_folder_asked_for(monkeypatch, tmp_path: Path) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert (
        main([str(tmp_path), "--state", str(tmp_path / "profile" / "work.sqlite3"), "--export-dir", "out"])
        == 0
    )
    assert main([str(tmp_path)]) == 0
    chosen, default = started
    assert chosen.reading_state.path == tmp_path / "profile" / "work.sqlite3" and chosen.reading_state.saving
    assert chosen.export_folder == "out"
    assert default.reading_state.path == tmp_path / "xdg" / "reader" / "state.sqlite3"
    assert default.reading_state.path.exists() and default.export_folder is None


# A page's name is untrusted like its text: this one sets the terminal's title and
# draws in red when printed as it is.
HOSTILE_NAME = "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m"


def test_file_names_never_bring_terminal_escapes_into_the_output(tmp_path: Path) -> None:
    write_page(tmp_path, f"{HOSTILE_NAME}.txt", PAGE, datetime(2023, 3, 3, 22, 0))
    write_page(
        tmp_path, f"{HOSTILE_NAME}-cp1252.txt", "Caf\xe9 page\n".encode("cp1252"), datetime(2023, 3, 3)
    )
    write_page(tmp_path, f"{HOSTILE_NAME}-empty.txt", b"", datetime(2023, 3, 3))
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(tmp_path)], out=out, err=err) == 1
    shown = f"{tmp_path}/red"  # what shown_path leaves of the name
    for text in (out.getvalue(), err.getvalue()):
        assert "\x1b" not in text and "\x07" not in text
    assert f"{shown}.txt" in out.getvalue().splitlines()
    assert f"  warning: {shown}-cp1252.txt: not UTF-8, decoded as cp1252" in out.getvalue().splitlines()
    assert err.getvalue() == f"error: {shown}-empty.txt: empty file\n"


def test_json_keeps_the_real_file_name_escaped_and_messages_clean(tmp_path: Path) -> None:
    path = write_page(
        tmp_path, f"{HOSTILE_NAME}\x9b31m.txt", "Caf\xe9 page\n".encode("cp1252"), datetime(2023, 3, 3)
    )
    odd = write_page(tmp_path, os.fsdecode(b"\xff\xfe.txt"), b"", datetime(2023, 3, 3))
    out = io.StringIO()
    assert run_parse(["--json", str(tmp_path)], out=out, err=io.StringIO()) == 1
    text = out.getvalue()
    # Only JSON's escapes: no control character, and no lone surrogate that would fail
    # to print (or print as bytes that are not UTF-8).
    assert not any(0xD800 <= ord(c) <= 0xDFFF or 0x7F <= ord(c) <= 0x9F or ord(c) < 0x0A for c in text)
    bad, page = sorted(
        (json.loads(line) for line in text.splitlines()), key=lambda o: "error" in o, reverse=True
    )
    assert bad == {"source": str(odd), "error": f"{tmp_path}/\ufffd\ufffd.txt: empty file"}
    assert page["source"] == str(path)  # the real name, for scripts: json escapes it
    assert f"{tmp_path}/red.txt: not UTF-8, decoded as cp1252" in page["warnings"]


def test_a_folder_that_cannot_be_read_is_an_error(tmp_path: Path, monkeypatch) -> None:
    from tests.test_hostile_input import refuse_to_list

    locked = tmp_path / "sub"
    locked.mkdir()
    write_page(locked, "a.txt", PAGE, datetime(2023, 3, 3))
    refuse_to_list(monkeypatch, locked)
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(locked)], out=out, err=err) == 1
    assert (out.getvalue(), err.getvalue()) == (
        "",
        f"error: {locked}: cannot read the folder (Permission denied)\n",
    )


def test_a_folder_without_pages_is_said_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.md").write_text("x")
    write_page(tmp_path, "a.txt", PAGE, datetime(2023, 3, 3))
    for options in ([], ["--json"]):
        out, err = io.StringIO(), io.StringIO()
        paths = [str(tmp_path / "empty"), str(tmp_path / "a.txt"), str(tmp_path / "notes")]
        assert run_parse([*options, *paths], out=out, err=err) == 1
        assert err.getvalue() == (
            f"error: no pages found in {tmp_path / 'empty'}\nerror: no pages found in {tmp_path / 'notes'}\n"
        )
        assert out.getvalue().startswith("{" if options else str(tmp_path / "a.txt"))


def test_a_file_deleted_before_it_is_read_is_not_reported(tmp_path: Path, monkeypatch) -> None:
    import reader.library.files as files

    for name in ("a.txt", "b.txt"):
        write_page(tmp_path, name, PAGE, datetime(2023, 3, 3, 22, 0))
    real = files.read_page

    def deleted_first(path: Path, max_bytes: int) -> object:
        if path.name == "b.txt":
            path.unlink()  # another program, between listing and reading
        return real(path, max_bytes)

    monkeypatch.setattr(files, "read_page", deleted_first)
    out, err = io.StringIO(), io.StringIO()
    assert run_parse(["--json", str(tmp_path)], out=out, err=err) == 0
    assert [json.loads(line)["source"] for line in out.getvalue().splitlines()] == [str(tmp_path / "a.txt")]
    assert err.getvalue() == ""


def test_the_app_command_refuses_paths_that_do_not_exist(monkeypatch, tmp_path: Path, capsys) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    missing = tmp_path / "does-not-exist"
    assert main([str(tmp_path), str(missing), "--no-cache"]) == 2
    assert capsys.readouterr().err == f"reader: {missing}: no such file or folder\n"
    assert started == []


@pytest.mark.parametrize("size", ["-5", "0", "infk", "nanM", "1e400", "0.1", "5Q", ""])
def test_sizes_must_be_positive_finite_numbers(size: str, capsys) -> None:
    for command in (["parse", "--max-size", size, "x"], ["--max-size", size]):
        with pytest.raises(SystemExit) as exited:
            main(command)
        assert exited.value.code == 2
        assert f"argument --max-size: not a size: {size!r}" in capsys.readouterr().err


def test_sizes_in_bytes_and_units() -> None:
    from reader.cli import _size

    assert [_size(s) for s in ("1", "800K", "2m", "1.5G", "5MB", " 10 ")] == [
        1,
        800 * 1024,
        2 * 1024**2,
        int(1.5 * 1024**3),
        5 * 1024**2,
        10,
    ]


def strict_stream() -> io.TextIOWrapper:
    """A stream like a terminal's in a UTF-8 locale: text that is not UTF-8 raises."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def written(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def test_a_file_name_that_is_not_utf8_is_parsed_and_printed_to_a_strict_terminal(tmp_path: Path) -> None:
    # A name made on another system: byte 0xE9 is é in latin-1, and no UTF-8 at all.
    cafe = write_page(tmp_path, os.fsdecode(b"caf\xe9.txt"), PAGE, datetime(2023, 3, 3, 22, 0))
    empty = write_page(tmp_path, os.fsdecode(b"vid\xe9.txt"), b"", datetime(2023, 3, 3))
    shown, shown_empty = str(tmp_path / "caf\ufffd.txt"), str(tmp_path / "vid\ufffd.txt")
    out, err = strict_stream(), strict_stream()
    assert run_parse(["--json", str(tmp_path)], out=out, err=err) == 1
    first, second = (json.loads(line) for line in written(out).splitlines())
    # JSON keeps the real name (escaped) for scripts; messages name it as shown.
    assert first["source"] == str(cafe) and first["title"].startswith("Ferry service returns")
    assert second == {"source": str(empty), "error": f"{shown_empty}: empty file"}
    out, err = strict_stream(), strict_stream()
    assert run_parse([str(cafe), str(empty)], out=out, err=err) == 1
    assert written(out).splitlines()[:2] == [
        shown,
        "  Ferry service returns to the island after winter storms",
    ]
    assert written(err) == f"error: {shown_empty}: empty file\n"


def test_a_cache_file_named_that_is_not_a_cache_is_left_alone_and_the_app_runs_in_memory(
    monkeypatch, tmp_path: Path
) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    notes = tmp_path / "notes.txt"
    notes.write_text("Buy bread.\n")
    assert main([str(tmp_path), "--cache", str(notes)]) == 0
    (app,) = started
    assert app.cache.problem is not None and str(notes) in app.cache.problem  # told on start, as a warning
    assert notes.read_text() == "Buy bread.\n" and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_every_setting_of_the_settings_file_reaches_the_app(monkeypatch, tmp_path: Path) -> None:
    from reader.library.arrange import Arrangement, Grouping, SortOrder
    from reader.ui.app import ReaderApp
    from reader.ui.layout import Widths

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    library = tmp_path / "news"
    config = tmp_path / "config.toml"
    config.write_text(
        f'library = ["{library}"]\ntheme = "nord"\nkeymap = "newsboat"\nread_after = 4\n'
        f'export_dir = "{tmp_path / "out"}"\nmax_size = "1M"\nlist_width = 30\nfeed_width = 40\n'
        'sort = "oldest"\ngroup = "folder"\n[keys]\n"app.help" = "f1"\n'
    )
    assert main(["--config", str(config)]) == 0
    (app,) = started
    assert app.library == str(library) and app.paths[0] == str(library)
    assert (app.theme, app.read_after, app.export_folder, app.max_bytes) == (
        "nord",
        4.0,
        str(tmp_path / "out"),
        1024 * 1024,
    )
    assert app.keymap["app.next_unread"] == "n" and app.keymap["app.help"] == "f1"
    assert app.panes.widths == Widths(30, 40)
    assert app.session.arrangement == Arrangement(SortOrder.OLDEST, Grouping.FOLDER)


def test_a_broken_settings_file_is_told_with_its_line_and_the_app_runs_on_the_defaults(
    monkeypatch, tmp_path: Path
) -> None:
    from reader.ui.app import ReaderApp

    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    config = tmp_path / "config.toml"
    config.write_text('sort = "random"\nlist_width = 500\n')
    before = config.read_bytes()
    assert main([str(tmp_path), "--config", str(config)]) == 0
    (app,) = started
    assert [notice.text for notice in app._told_at_start] == [
        f"{config}, line 1: sort must be one of 'newest', 'oldest', 'source', 'title'; using the default",
        f"{config}, line 2: list_width must be a whole number of percent from 20 to 80; using the default",
    ]
    assert app.panes.widths.list_percent == 45 and config.read_bytes() == before
    config.write_text("sort = \n")
    assert main([str(tmp_path), "--config", str(config)]) == 0
    told = started[1]._told_at_start[0].text
    assert told.startswith(f"{config}: ") and "line 1" in told and told.endswith("; using the defaults")
