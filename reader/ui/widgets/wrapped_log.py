"""Lines of plain text, each shown whole: wrapped to the width, drawn as they come
on screen."""

from __future__ import annotations

from collections.abc import Iterable

from rich._wrap import divide_line  # how Textual wraps text (cell widths, words too long folded)
from rich.cells import cell_len
from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.paths import shown_path

INDENT = "  "
"""Before the rows a line wraps onto, so that where each line starts shows."""


def wrap(line: str, width: int) -> list[str]:
    """The rows `line` takes at `width` cells: broken between words where it can,
    inside a word too long for a row; rows after the first indented."""
    if cell_len(line) <= width:
        return [line]
    room = max(width - len(INDENT), 1)
    starts = _ascii_breaks(line, room) if line.isascii() else [0, *divide_line(line, room, fold=True)]
    ends = [*starts[1:], len(line)]
    rows = [line[start:end].rstrip() for start, end in zip(starts, ends, strict=True)]
    return [rows[0], *(INDENT + row for row in rows[1:])]


def _ascii_breaks(line: str, room: int) -> list[int]:
    """Where the rows of `line` (one cell a character) start, `room` cells each:
    after the last space that fits, or inside a word too long for a row. What
    divide_line does, without its work per character: 20k warnings open at once."""
    starts = [0]
    start = 0
    while len(line) - start > room:
        space = line.rfind(" ", start + 1, start + room + 1)
        start = space + 1 if space > start else start + room
        starts.append(start)
    return starts


class WrappedLog(ScrollView, can_focus=True):
    """Shows `lines` whole, each wrapped to the width: unlike Textual's Log, a line
    longer than the screen is not cut off. Only the rows on screen are drawn, so
    thousands of lines open at once.

    The lines are plain text (never markup); escapes and control characters are
    removed, as from a file's name, since lines may quote file names.
    """

    BINDINGS = [
        # As in the list and the reading pane, beside the arrows every ScrollView has.
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]

    DEFAULT_CSS = """
    WrappedLog {
        background: $surface;
        color: $text;
        overflow-x: hidden;
        overflow-y: scroll;
        &:focus { background-tint: $foreground 5%; }
    }
    """

    def __init__(self, lines: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = [shown_path(line) for line in lines]
        self._rows: list[str] = []
        self._width = -1  # the width the rows were wrapped to

    @property
    def lines(self) -> list[str]:
        """The lines shown (made safe to show), each whole."""
        return self._lines

    @property
    def rows(self) -> list[str]:
        """The rows the lines take at the width on screen."""
        return self._rows

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width or width <= 0:
            return
        self._width = width
        self._rows = [row for line in self._lines for row in wrap(line, width)]
        self.virtual_size = Size(width, len(self._rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        style = self.rich_style
        index = self.scroll_offset.y + y
        if index >= len(self._rows):
            return Strip.blank(width, style)
        return Strip([Segment(self._rows[index], style)]).crop_extend(0, width, style)
