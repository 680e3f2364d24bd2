"""The settings file: `config.toml` in the user's config folder (or `--config FILE`).

Every setting has a default; a file that is missing is no problem, and one that is
broken never stops the reader: a TOML syntax error is told (file and line) and the
defaults are used; an unknown key or a value of the wrong type is told (file, line
and key) and that key keeps its default. The reader never writes this file.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from reader.parse import DEFAULT_MAX_BYTES
from reader.text import strip_controls

CONFIG_NAME = "config.toml"
# The keymaps a user may name (their keys are the app's: reader/ui/commands.py).
KEYMAPS = ("newsboat",)
# The list's orders and groupings, as reader/library/arrange.py names them.
SORT_ORDERS = ("newest", "oldest", "source", "title")
GROUPINGS = ("none", "source", "folder")
LIST_WIDTHS = range(20, 81)
"""The article list's widths, in percent of the terminal's, that `<` `>` and the settings may choose."""
FEED_WIDTHS = range(20, 81)
"""The News Feed's widths, in columns, that `<` `>` and the settings may choose."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the reader is told by the settings file (the defaults without one)."""

    library: tuple[str, ...] = ()  # folders plain `reader` opens (none: pages/ in the data folder)
    theme: str | None = None  # None: the theme last chosen in the app
    read_after: float = 1.5  # seconds an article stays in the reading pane to count as read
    export_dir: str | None = None  # where `e` writes (None: the current folder)
    max_size: int = DEFAULT_MAX_BYTES  # bytes: larger page files are skipped
    keymap: str | None = None  # a named set of keys (`newsboat`), [keys] over it
    # None for these: what the user last chose in the app (`<` `>`, `S`, ctrl+g), else the default.
    list_width: int | None = None  # percent of the terminal's width
    feed_width: int | None = None  # columns
    sort: str | None = None  # newest, oldest, source, title
    group: str | None = None  # none, source, folder
    keys: dict[str, str] = field(default_factory=dict)  # binding id → keys


@dataclass(frozen=True, slots=True)
class Loaded:
    """The settings in force, the file they came from, and what was wrong with it."""

    settings: Settings
    path: Path
    found: bool
    problems: tuple[str, ...] = ()


def default_config_path() -> Path:
    """`config.toml` in the user's config folder (`~/.config/reader/` on Linux)."""
    from platformdirs import user_config_path

    return user_config_path("reader", appauthor=False) / CONFIG_NAME


_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


def size_in_bytes(given: str | int) -> int | None:
    """`5M`, `800K`, `1048576` as bytes: at least one, and finite (`inf`, `nan`, `-5`
    and `0` are no sizes); None for what is no size. For `--max-size` and `max_size`."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int):
        return given if given >= 1 else None
    text = given.strip().lower().removesuffix("b")
    try:
        if text and text[-1] in _UNITS:
            number = float(text[:-1])
            size = int(number * _UNITS[text[-1]]) if math.isfinite(number) else 0
        else:
            size = int(text)
    except ValueError:
        return None
    return size if size >= 1 else None


def load_settings(path: str | Path | None = None) -> Loaded:
    """The settings of the file at `path` (default: the user's), with the problems
    found in it; the defaults for whatever is missing or wrong."""
    file = Path(path) if path is not None else default_config_path()
    shown = strip_controls(str(file))
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        missing = (f"{shown}: no such file",) if path is not None else ()
        return Loaded(Settings(), file, False, missing)
    except OSError as error:
        return Loaded(Settings(), file, False, (f"{shown}: cannot read ({error.strerror or error})",))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Loaded(Settings(), file, True, (f"{shown}: not UTF-8 text; using the defaults",))
    except tomllib.TOMLDecodeError as error:
        return Loaded(Settings(), file, True, (f"{shown}: {strip_controls(str(error))}; using the defaults",))
    lines = raw.decode("utf-8").splitlines()
    values: dict[str, object] = {}
    problems: list[str] = []
    known = {f.name for f in fields(Settings)}
    for key, value in data.items():
        where = f"{shown}, line {_line_of(lines, key)}"
        if key not in known:
            problems.append(f"{where}: unknown setting {strip_controls(key)!r} (ignored)")
            continue
        checked = _checked(key, value)
        if isinstance(checked, _Wrong):
            problems.append(f"{where}: {key} {checked.why}; using the default")
            continue
        values[key] = checked
    return Loaded(Settings(**values), file, True, tuple(problems))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Wrong:
    why: str


def _checked(key: str, value: object) -> object:
    """The value of a setting as the reader uses it, or why it cannot be."""
    if key == "library":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return _Wrong("must be a folder or a list of folders")
        return tuple(os.path.expanduser(v) for v in value)
    if key == "keymap":
        if value not in KEYMAPS:
            return _Wrong(f"must be one of {', '.join(repr(name) for name in KEYMAPS)}")
        return value
    if key in ("sort", "group"):
        allowed = SORT_ORDERS if key == "sort" else GROUPINGS
        if value not in allowed:
            return _Wrong(f"must be one of {', '.join(repr(name) for name in allowed)}")
        return value
    if key in ("list_width", "feed_width"):
        widths, unit = (LIST_WIDTHS, "percent") if key == "list_width" else (FEED_WIDTHS, "columns")
        if isinstance(value, bool) or not isinstance(value, int) or value not in widths:
            return _Wrong(f"must be a whole number of {unit} from {widths.start} to {widths.stop - 1}")
        return value
    if key in ("theme", "export_dir"):
        if not isinstance(value, str) or not value.strip():
            return _Wrong("must be a text")
        return os.path.expanduser(value) if key == "export_dir" else value.strip()
    if key == "read_after":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 3600:
            return _Wrong("must be a number of seconds (0 to 3600)")
        return float(value)
    if key == "max_size":
        size = size_in_bytes(value) if isinstance(value, (str, int)) else None
        return _Wrong("must be a size like 5M or 800K") if size is None else size
    if key == "keys":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            return _Wrong('must be a table of binding ids and keys ("app.help" = "f1")')
        return {k: v.strip() for k, v in value.items()}
    return _Wrong("is not a setting")  # unreachable: keys are checked against Settings


def _line_of(lines: list[str], key: str) -> int:
    """The line a top-level key is set on (or its table's header), 1-based."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\s*{re.escape(key)}\s*\])")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)


def describe(loaded: Loaded) -> str:
    """`reader config`: where the file is, and every setting in force."""
    settings = loaded.settings
    state = "" if loaded.found else " (not there: the defaults are in force)"
    out = [f"# {strip_controls(str(loaded.path))}{state}"]
    out += [f"# problem: {problem}" for problem in loaded.problems]
    out.append(f"library = {_toml_list(settings.library)}")
    out.append(_setting("theme", settings.theme, "the theme last chosen in the app"))
    out.append(_setting("keymap", settings.keymap, "the reader's own keys"))
    out.append(f"read_after = {settings.read_after:g}")
    out.append(_setting("export_dir", settings.export_dir, "the current folder"))
    out.append(f'max_size = "{settings.max_size}"')
    out.append(_setting("list_width", settings.list_width, "the width last chosen with < >, in percent"))
    out.append(_setting("feed_width", settings.feed_width, "the width last chosen with < >, in columns"))
    out.append(_setting("sort", settings.sort, "the order last chosen with S"))
    out.append(_setting("group", settings.group, "the grouping last chosen with ctrl+g"))
    out.append("[keys]")
    out += [f"{_toml_text(k)} = {_toml_text(v)}" for k, v in sorted(settings.keys.items())]
    return "\n".join(out)


def _setting(key: str, value: str | int | None, unset: str) -> str:
    """A line of the settings in force; one not set is a comment saying what is used."""
    if value is None:
        return f"# {key}: not set ({unset})"
    return f"{key} = {value}" if isinstance(value, int) else f"{key} = {_toml_text(value)}"


def _toml_text(value: str) -> str:
    escaped = strip_controls(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _toml_list(values: tuple[str, ...]) -> str:
    if not values:
        return "[]  # pages/ in your data folder"
    return "[" + ", ".join(_toml_text(v) for v in values) + "]"
