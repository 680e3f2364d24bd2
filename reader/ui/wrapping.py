"""Text laid out in lines of a width, wrapped only where it is looked at.

A page may be 5 MB, and wrapping it whole takes seconds. Here the text is a run of
units (a headline, a byline, paragraphs, with blank lines above them), each wrapped
when it is first asked for; until then its height is guessed from its length, so
the total height (and a scrollbar) is known at once and firms up as units are read.
Plain Python: the reading pane draws it, and tests can measure it without Textual.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import add
from typing import NamedTuple

from rich._wrap import divide_line  # how Textual wraps a Static's text: the pane looks the same
from rich.cells import cell_len

PIECE = 10_000
"""A line longer than this many characters is wrapped in pieces about this long, each
ending at a space: a 5 MB line is wrapped a piece at a time, as it comes into view.
(Each piece starts a line of its own, a break no reader of such a line will miss.)"""

EXACT_BELOW = 40_000
EXACT_UNITS = 2_000
"""Text of fewer characters than EXACT_BELOW, in fewer units than this, is wrapped
whole at once, in a few milliseconds: every news article is, so its height and
scrollbar are exact from the start."""


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where the lines of `text` wrapped to `width` cells start, but the first (at 0):
    at spaces, with words longer than a line folded, as Textual wraps a Static."""
    return divide_line(text, width, fold=True)


FACT_SEPARATOR = " · "


def wrap_facts(text: str, width: int) -> list[int]:
    """`wrap_offsets` for a line of facts joined by ` · ` (a byline): lines break
    between facts, so that a date or a name is never cut in two where it fits on a
    line, and no line starts with the separator; a fact longer than a line is
    wrapped within itself."""
    starts = [0]
    at = text.find(FACT_SEPARATOR)
    while at != -1:
        starts.append(at + len(FACT_SEPARATOR))
        at = text.find(FACT_SEPARATOR, at + 1)
    ends = [start - len(FACT_SEPARATOR) for start in starts[1:]] + [len(text)]
    cuts: list[int] = []
    line_start = 0
    last = len(starts) - 1
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        shown_end = end + 2 if number < last else end  # with the ` ·` after it, if one follows
        if start > line_start and cell_len(text[line_start:shown_end]) > width:
            cuts.append(start)  # the separator stays at the end of the line above
            line_start = start
        if cell_len(text[line_start:shown_end]) > width:  # a fact longer than a line
            inner = divide_line(text[line_start:shown_end], width, fold=True)
            cuts += [line_start + cut for cut in inner]
            line_start = cuts[-1] if inner else line_start
    return cuts


class Line(NamedTuple):
    """A line as laid out: offsets `start` to `end` of the text, of unit `unit`, on
    line `row` of the text (counting newlines); `blank`: a blank line above the unit."""

    unit: int
    start: int
    end: int
    row: int
    blank: bool = False


Block = tuple[str, "str | None", int]
"""A block of text: its text, the name of its style (None: the body's), and how many
blank lines stand above it (none above the first block)."""


class WrappedText:
    """`head` and `body` laid out at `width` (set with `set_width`), a unit at a time.

    `head` is a few blocks (a headline, a byline); `body` is paragraphs, in the body's
    style, each with a blank line above it. Lines are counted from 0 at the top of the
    first block. Offsets are indexes into `plain`, the text as the blocks make it:
    each joined to the one before by a newline and one more for each blank line
    above it.
    """

    def __init__(self, head: Sequence[Block], body: Sequence[str] = (), *, facts: str | None = None) -> None:
        """`facts`: the style of the blocks that are lines of facts (bylines),
        broken between facts rather than within one."""
        parts = [""] * (2 * len(head) - 1) if head else []
        parts[0::2] = [text for text, _, _ in head]
        parts[1::2] = ["\n" * (gap + 1) for _, _, gap in head[1:]]
        plain = "".join(parts)
        starts, ends, gaps, styles, rows = _units(head)
        if body:
            head_newlines = plain.count("\n")
            plain = "\n\n".join([plain, *body]) if head else "\n\n".join(body)
            lengths = list(map(len, body))
            newlines = head_newlines + 2 * len(body) if head else 2 * (len(body) - 1)
            if head and max(lengths) <= PIECE and plain.count("\n") == newlines:
                # A paragraph a unit, built in C loops: a 5 MB page has tens of
                # thousands of paragraphs, and a Python loop over them cost 30 ms.
                first = len(plain) - sum(lengths) - 2 * (len(body) - 1)
                body_starts = list(accumulate(map((2).__add__, lengths[:-1]), initial=first))
                starts += body_starts
                ends += map(add, body_starts, lengths)
                gaps += [1] * len(body)
                styles += [None] * len(body)
                rows += range(head_newlines + 2, head_newlines + 2 * len(body) + 1, 2)
            else:
                starts, ends, gaps, styles, rows = _units(
                    [*head, *((paragraph, None, 1) for paragraph in body)]
                )
        # Tabs would be drawn as nothing: a space keeps the offsets.
        self.plain = plain.replace("\t", " ")
        """The text laid out, as one string."""
        self.styles = styles
        """The style name of each unit (None: the body's)."""
        self._facts = facts
        self._starts = starts
        self._ends = ends
        self._gaps = gaps
        self._rows = rows
        self._row_starts: dict[int, int] = {}  # the offset each row begins at, as asked for
        self.width = 0
        """The width lines are wrapped to (0: not yet known)."""
        self._cuts: list[list[int] | None] = [None] * len(starts)  # wrap_offsets of each unit, once wrapped
        self._heights: list[int] = list(map((1).__add__, gaps))
        self._tops: list[int] | None = None  # the line each unit starts on, and the total

    def __len__(self) -> int:
        return len(self._starts)

    # Width -------------------------------------------------------------------------

    def set_width(self, width: int) -> bool:
        """Lay the text out `width` cells wide (lines wrapped so far are forgotten);
        False if it already is."""
        width = max(1, width)
        if width == self.width:
            return False
        self.width = width
        count = len(self._starts)
        self._cuts = [None] * count
        self._tops = None
        if len(self.plain) < EXACT_BELOW and count < EXACT_UNITS:
            self._heights = [self._gaps[i] + 1 + len(self._wrap(i)) for i in range(count)]
            return True
        # A wrapped line holds a few cells fewer than `width`: a word that does not fit moves down.
        fill = width - 4 if width > 20 else width
        self._heights = [
            gap + ((end - start + fill - 1) // fill or 1)  # ceil(length / fill) lines, at least one
            for start, end, gap in zip(self._starts, self._ends, self._gaps, strict=True)
        ]
        return True

    def _wrap(self, index: int) -> list[int]:
        cuts = self._cuts[index]
        if cuts is None:
            wrap = (
                wrap_facts if self._facts is not None and self.styles[index] == self._facts else wrap_offsets
            )
            cuts = wrap(self.plain[self._starts[index] : self._ends[index]], self.width)
            self._cuts[index] = cuts
            self._tops = None
        return cuts

    # Heights -------------------------------------------------------------------------

    @property
    def height(self) -> int:
        """How many lines the text takes (guessed for units not yet wrapped)."""
        return self._line_tops()[-1]

    def _line_tops(self) -> list[int]:
        if self._tops is None:
            self._tops = list(accumulate(self._heights, initial=0))
        return self._tops

    def is_wrapped(self, index: int) -> bool:
        """Whether unit `index` is wrapped (its height is known, not guessed)."""
        return self._cuts[index] is not None

    def wrap(self, index: int) -> int:
        """Wrap unit `index`; the lines this added to the height (negative: took away)."""
        if self._cuts[index] is not None:
            return 0
        height = self._gaps[index] + 1 + len(self._wrap(index))
        change = height - self._heights[index]
        self._heights[index] = height
        return change

    def wrap_down(self, index: int, lines: int) -> bool:
        """Wrap units from `index` on until they fill `lines` lines; whether any was."""
        wrapped = False
        filled = 0
        while index < len(self._starts) and filled < lines:
            wrapped = not self.is_wrapped(index) or wrapped
            self.wrap(index)
            filled += self._heights[index]
            index += 1
        return wrapped

    def wrap_up(self, index: int, lines: int) -> bool:
        """Wrap units above `index`, nearest first, until they fill `lines` lines; whether any was."""
        wrapped = False
        filled = 0
        index -= 1
        while index >= 0 and filled < lines:
            wrapped = not self.is_wrapped(index) or wrapped
            self.wrap(index)
            filled += self._heights[index]
            index -= 1
        return wrapped

    def top(self, index: int) -> int:
        """The line unit `index` starts on (its blank lines above it included)."""
        return self._line_tops()[index]

    def unit_height(self, index: int) -> int:
        """How many lines unit `index` takes, its blank lines above it included."""
        return self._heights[index]

    # Lines and offsets ------------------------------------------------------------------

    def unit_at(self, y: int) -> int:
        """The unit line `y` belongs to (clamped to the text)."""
        index = bisect_right(self._line_tops(), y) - 1
        return max(0, min(index, len(self._starts) - 1))

    def line(self, y: int) -> Line | None:
        """Line `y`, wrapping its unit if it is not yet; None beyond the text."""
        if not self._starts or not 0 <= y < self.height:
            return None
        index = self.unit_at(y)
        if not self.is_wrapped(index):
            self.wrap(index)
            if not self.top(index) <= y < self.top(index) + self._heights[index]:
                return self.line(y)  # the unit came out shorter: the line is the next one's
        within = y - self.top(index) - self._gaps[index]
        start = self._starts[index]
        if within < 0:
            return Line(index, start, start, self._rows[index] + within, blank=True)
        cuts = self._wrap(index)
        line_start = start + (cuts[within - 1] if within else 0)
        if within < len(cuts):
            # Not the last line: the spaces where it broke are not drawn (as Textual does).
            end = start + cuts[within]
            return Line(
                index, line_start, line_start + len(self.plain[line_start:end].rstrip()), self._rows[index]
            )
        return Line(index, line_start, self._ends[index], self._rows[index])

    def unit_of(self, offset: int) -> int:
        """The unit offset `offset` of `plain` is in (or the one after, between units)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def line_of(self, offset: int) -> int:
        """The line offset `offset` of `plain` is drawn on (its unit wrapped, if not yet)."""
        if not self._starts:
            return 0
        index = self.unit_of(offset)
        self.wrap(index)
        cuts = self._wrap(index)
        return self.top(index) + self._gaps[index] + bisect_right(cuts, offset - self._starts[index])

    def offset_at(self, y: int) -> int:
        """The offset of `plain` line `y` starts at: for a blank line, where the text
        under it starts; past the end, the end."""
        if not self._starts or y >= self.height:
            return len(self.plain)
        if y < 0:
            return 0
        index = self.unit_at(y)
        self.wrap(index)
        cuts = self._wrap(index)
        within = y - self.top(index) - self._gaps[index]
        if within >= len(cuts) + 1:  # the unit came out shorter than guessed
            return self._ends[index]
        return self._starts[index] + (cuts[within - 1] if within > 0 else 0)

    def span(self, index: int) -> tuple[int, int]:
        """Where unit `index` starts and ends in `plain`."""
        return self._starts[index], self._ends[index]

    def row_of(self, index: int) -> tuple[int, int]:
        """The line of `plain` unit `index` is on (counting newlines) and the offset
        that line starts at: what text selection counts in."""
        row = self._rows[index]
        row_start = self._row_starts.get(row)
        if row_start is None:
            first = index
            while first > 0 and self._rows[first - 1] == row:
                first -= 1
            row_start = self._row_starts[row] = self._starts[first]
        return row, row_start


def _units(blocks: Sequence[Block]) -> tuple[list[int], list[int], list[int], list[str | None], list[int]]:
    """The units of `blocks` (their starts, ends, blank lines above, styles and rows
    in the text): a unit for each line of a block, and for each piece of a long line."""
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[int] = []
    styles: list[str | None] = []
    rows: list[int] = []
    offset = row = 0
    for number, (text, style, gap) in enumerate(blocks):
        if number:
            offset += gap + 1
            row += gap + 1
        else:
            gap = 0
        for index, line in enumerate(text.split("\n")):
            if index:
                offset += 1
                row += 1
                gap = 0
            for start, end in _pieces(line):
                starts.append(offset + start)
                ends.append(offset + end)
                gaps.append(gap if start == 0 else 0)
                styles.append(style)
                rows.append(row)
            offset += len(line)
    return starts, ends, gaps, styles, rows


def _pieces(line: str) -> list[tuple[int, int]]:
    """`line` cut into pieces of at most about PIECE characters, at spaces."""
    if len(line) <= PIECE:
        return [(0, len(line))]
    pieces = []
    start = 0
    while len(line) - start > PIECE:
        cut = line.rfind(" ", start + PIECE // 2, start + PIECE)
        end = cut + 1 if cut != -1 else start + PIECE
        pieces.append((start, end))
        start = end
    pieces.append((start, len(line)))
    return pieces
