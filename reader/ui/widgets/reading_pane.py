"""The reading pane: the article under the list cursor, drawn a line at a time.

A page may be 5 MB. Like the lists, the pane draws only the lines on screen
(Textual's line API), and it wraps a paragraph only once it comes near the screen
(`reader.ui.wrapping`): any article opens at once and reads to its end. The words of
a full-text search are found a paragraph at a time too, as paragraphs are drawn, and
in the whole text only when the reader jumps between them. Colours are looked up as
lines are drawn, so a new theme or focus shows at once.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model import Article, FeedItem
from reader.render.byline import byline
from reader.render.timefmt import long_date
from reader.text import match_spans
from reader.ui.wrapping import Block, WrappedText

MEASURE = 90
"""The widest a line of text is drawn (in cells): longer lines are hard to follow."""
PAD_X = 2  # blank columns left of the text (and right of it, within the measure)
PAD_Y = 1  # blank lines above the text and below it
BYLINE = "reading-pane--byline"  # the style of the lines of facts (and of the category)


class ReadingPane(ScrollView, can_focus=True):
    """Shows one article, or one feed item; page text is always shown literally."""

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False, id="reading.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reading.page_up"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reading.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reading.up"),
        Binding("home,g", "top", "Top of the article", show=False, id="reading.top"),
        Binding("end,G", "bottom", "End of the article", show=False, id="reading.bottom"),
        Binding(
            "h,escape",
            "back",
            "Back",
            tooltip="Back to the list (or the feed it came from)",
            id="reading.back",
        ),
    ]

    COMPONENT_CLASSES = {
        "reading-pane--title",
        "reading-pane--subtitle",
        "reading-pane--byline",
        "reading-pane--match",
        "reading-pane--current-match",
    }

    DEFAULT_CSS = """
    ReadingPane {
        overflow-x: hidden;
        & > .reading-pane--title { text-style: bold; color: $text-primary; }
        & > .reading-pane--subtitle { text-style: italic; }
        & > .reading-pane--byline { color: $text-muted; }
        & > .reading-pane--match { background: $warning 40%; }
        & > .reading-pane--current-match { background: $warning; color: $background; text-style: bold; }
    }
    """

    class Back(Message):
        """The user is done reading and wants the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._showing: Article | FeedItem | None = None
        self._text = WrappedText([])
        self._highlight = ""  # the search whose words are marked
        self._unit_matches: dict[int, list[tuple[int, int]]] = {}  # the matches in each unit drawn, as found
        self._matches: list[tuple[int, int]] | None = None  # every match in the text, once counted
        self._current = -1  # the match jumped to last
        self._syncing = False
        self._strips: dict[tuple[int, int, bool, int], Strip] = {}  # lines drawn, by offsets and width

    @property
    def showing(self) -> Article | FeedItem | None:
        """What the pane shows."""
        return self._showing

    @property
    def text(self) -> str:
        """The text on show, plain (for tests and copying)."""
        return self._text.plain

    @property
    def top_offset(self) -> int:
        """Where in `text` the line at the top of the pane starts."""
        return self._text.offset_at(self.scroll_offset.y - PAD_Y)

    @property
    def matches(self) -> int:
        """How many places the words searched for are marked at."""
        return len(self._all_matches())

    @property
    def current_match(self) -> int | None:
        """The match last jumped to (counting from 0), if any."""
        return self._current if self._current >= 0 else None

    # What is shown ----------------------------------------------------------------------

    def show_article(self, article: Article | None, keep_scroll: bool = False, highlight: str = "") -> None:
        """Show `article` from the top, with the words of `highlight` marked; nothing
        changes if it is already shown so. A new version of the article on show (its
        file changed) keeps the place read to."""
        if article is not None and article == self._showing:
            self._mark(highlight)  # only the marks change, if anything
            return
        if (
            isinstance(self._showing, Article)
            and article is not None
            and article.source == self._showing.source
        ):
            keep_scroll = True
        self._showing = article
        if article is None:
            self._show(WrappedText([("No article to show.", BYLINE, 0)]), keep_scroll, highlight)
            return
        head: list[Block] = []
        if article.category:
            head.append((article.category.upper(), BYLINE, 0))
        head.extend(
            self._head(article.title, article.subtitle, byline(article, more=[Path(article.source).name]))
        )
        self._show(WrappedText(head, article.body, facts=BYLINE), keep_scroll, highlight)

    def show_feed_item(self, item: FeedItem, keep_scroll: bool = False, highlight: str = "") -> None:
        """Show a News Feed item: its headline, time and summary."""
        self._showing = item
        when = long_date(item.time) if item.time else "time unknown"
        body = [item.summary] if item.summary and item.headline else []
        title = item.headline or item.summary or ""
        head = self._head(title, None, f"News Feed · {when}")
        self._show(WrappedText(head, body, facts=BYLINE), keep_scroll, highlight)

    @staticmethod
    def _head(title: str, subtitle: str | None, byline: str) -> list[Block]:
        head: list[Block] = [(title, "reading-pane--title", 0)]
        if subtitle:
            head.append((subtitle, "reading-pane--subtitle", 1))
        head.append((byline, BYLINE, 1))
        return head

    def _show(self, text: WrappedText, keep_scroll: bool, highlight: str) -> None:
        self._text = text
        self._highlight = ""
        self._mark(highlight)
        if not keep_scroll:
            self.scroll_to(y=0, animate=False, force=True)
        self._sync()
        self._redraw()

    def _mark(self, highlight: str) -> None:
        if highlight == self._highlight:
            return
        self._highlight = highlight
        self._unit_matches = {}
        self._matches = None
        self._current = -1
        self._redraw()

    # Laying out ----------------------------------------------------------------------

    def _text_width(self, width: int | None = None) -> int:
        """How wide the text is drawn in a pane `width` cells wide (now, if None)."""
        if width is None:
            width = self.scrollable_content_region.width
        return max(1, min(MEASURE, width - 2 * PAD_X))

    def _sync(self) -> None:
        """Lay the text out at the pane's width and wrap the paragraphs on screen and
        a screen above and below it, keeping what the reader looks at where it is."""
        region = self.scrollable_content_region
        if self._syncing or region.width <= 0 or region.height <= 0 or not len(self._text):
            return
        self._syncing = True
        try:
            self._sync_window(region.height)
        finally:
            self._syncing = False

    def _sync_window(self, height: int) -> None:
        text = self._text
        y = self.scroll_offset.y
        width = self._text_width()
        if text.width and width != text.width and y > PAD_Y:
            # A new width: the line that was at the top of the screen stays there.
            at_top = text.offset_at(y - PAD_Y)
            text.set_width(width)
            y = PAD_Y + text.line_of(at_top)
        else:
            text.set_width(width)
        top = max(0, y - PAD_Y)  # the line of the text at the top of the screen
        first = text.unit_at(top)
        last = text.unit_at(top + height)
        # What the reader sees of the text stays put: the first paragraph on screen
        # already wrapped (its height is real), or, after a jump, the one at the top.
        anchor = next((n for n in range(first, last + 1) if text.is_wrapped(n)), first)
        anchor_was_wrapped = text.is_wrapped(anchor)
        from_anchor = y - PAD_Y - text.top(anchor)
        wrapped = text.wrap_down(first, top - text.top(first) + 2 * height)
        wrapped = text.wrap_up(first, height) or wrapped
        if wrapped:
            if not anchor_was_wrapped:
                from_anchor = min(from_anchor, text.unit_height(anchor) - 1)
            y = PAD_Y + text.top(anchor) + from_anchor
        self.virtual_size = Size(self.scrollable_content_region.width, text.height + 2 * PAD_Y)
        y = max(0, min(y, self.max_scroll_y))
        if y != self.scroll_offset.y:
            self.scroll_to(y=y, animate=False, force=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._sync()

    def on_resize(self, event: events.Resize) -> None:
        self._sync()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._sync()  # the pane's width may have changed since it was last laid out
        return super().render_lines(crop)

    # Drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        # Drawn in the same pieces as the Static this pane once held (margin, text, the
        # rest of the measure, margin, the pane beyond it): the same picture, and
        # snapshot files that differ only where the Static drew nothing.
        width = self.scrollable_content_region.width
        text_width = self._text_width(width)
        y += self.scroll_offset.y - PAD_Y
        line = self._text.line(y) if 0 <= y < self._text.height else None
        # A line scrolled by is drawn again from here: scrolling draws one line, not a screen.
        key = (line.start, line.end, line.blank, width) if line is not None else (-1, -1, True, width)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        base = self.visual_style.rich_style
        if line is None:  # the margins above and below the text, and beyond it
            page = min(width, text_width + 2 * PAD_X)
            strip = Strip([Segment(" " * page, base)], page).crop_extend(0, width, base)
        else:
            segments: Strip | list[Segment] = []
            if not line.blank:
                segments = self._line_segments(line.unit, line.start, line.end, base)
            strip = Strip([Segment(" " * PAD_X, base), *segments]).extend_cell_length(
                PAD_X + text_width, base
            )
            strip = Strip([*strip, Segment(" " * PAD_X, base)]).crop_extend(0, width, base)
        if len(self._strips) > 1_000:
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def _redraw(self) -> None:
        """Draw every line again: their look has changed."""
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme, or focus: colours are looked up again

    def _line_segments(self, index: int, start: int, end: int, base: Style) -> Strip:
        """Offsets `start` to `end` of the text, a line of unit `index`, in their
        styles: the unit's, the marks of a search, the selection."""
        name = self._text.styles[index]
        style = base + self.get_component_rich_style(name) if name else base
        marks: list[tuple[int, int, Style]] = []
        if self._highlight:
            match_style = self.get_component_rich_style("reading-pane--match")
            marks.extend((s, e, match_style) for s, e in self._unit_marks(index) if s < end and e > start)
            if self._current >= 0:
                s, e = self._all_matches()[self._current]
                if s < end and e > start:
                    marks.append((s, e, self.get_component_rich_style("reading-pane--current-match")))
        row, row_start = self._text.row_of(index)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(row)) is not None:
            s, e = span
            selected = self.screen.get_component_rich_style("screen--selection")
            marks.append((row_start + s, row_start + e if e != -1 else end, selected))
        segments = _segments(self._text.plain, start, end, style, marks)
        # Where each piece is in its line of the text, for selecting it with the mouse.
        return Strip(segments).apply_offsets(start - row_start, row)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._redraw()

    # The words searched for ------------------------------------------------------------

    def _unit_marks(self, index: int) -> list[tuple[int, int]]:
        """The matches in unit `index`, found the first time it is asked for."""
        found = self._unit_matches.get(index)
        if found is None:
            start, end = self._text.span(index)
            found = self._unit_matches[index] = [
                (start + s, start + e) for s, e in match_spans(self._text.plain[start:end], self._highlight)
            ]
        return found

    def _all_matches(self) -> list[tuple[int, int]]:
        """Every match in the text (words never run across paragraphs, so these are
        the units' matches one after another)."""
        if self._matches is None:
            if not self._highlight:
                self._matches = []
            else:
                self._matches = [match for n in range(len(self._text)) for match in self._unit_marks(n)]
        return self._matches

    def match_line(self, match: int) -> int:
        """The line of the pane match `match` (counting from 0) is drawn on."""
        return PAD_Y + self._text.line_of(self._all_matches()[match][0])

    def jump_to_match(self, step: int) -> bool:
        """Scroll to the next (`step` 1) or previous (-1) marked word, round the
        end; False if nothing is marked. The first jump goes to the first match
        from the top of the screen down (or from its bottom up)."""
        matches = self._all_matches()
        if not matches:
            return False
        text = self._text
        starts = [start for start, _ in matches]
        height = self.scrollable_content_region.height
        if self._current >= 0:
            self._current = (self._current + step) % len(matches)
        elif step > 0:
            at_top = text.offset_at(self.scroll_offset.y - PAD_Y)
            found = bisect_right(starts, at_top - 1)
            self._current = found if found < len(matches) else 0
        else:
            below = text.offset_at(self.scroll_offset.y + height - PAD_Y)
            found = bisect_right(starts, below - 1) - 1
            self._current = found if found >= 0 else len(matches) - 1
        # The match a third of the way down, the lines above it wrapped first: their
        # real heights put it there.
        start = matches[self._current][0]
        index = text.unit_of(start)
        text.wrap(index)
        text.wrap_up(index, height)
        self._sync_virtual_size()
        self.scroll_to(y=max(0, PAD_Y + text.line_of(start) - height // 3), animate=False, force=True)
        self._redraw()
        return True

    # Moving -------------------------------------------------------------------------

    def _sync_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._text.height + 2 * PAD_Y)

    def action_top(self) -> None:
        """Go to the top of the article."""
        self.scroll_to(y=0, animate=False, force=True)

    def action_bottom(self) -> None:
        """Go to the end of the article (its last screen wrapped first: the end is where
        their real heights put it)."""
        if len(self._text):
            self._text.wrap_up(len(self._text), 2 * self.scrollable_content_region.height)
            self._sync_virtual_size()
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def action_back(self) -> None:
        self.post_message(self.Back())


def _segments(
    plain: str, start: int, end: int, style: Style, marks: list[tuple[int, int, Style]]
) -> list[Segment]:
    """`plain[start:end]` in `style`, with each of `marks` (start, end, style; later
    ones over earlier ones) laid over its part."""
    if not marks:
        return [Segment(plain[start:end], style)]
    cuts = sorted({start, end, *(max(start, min(end, at)) for s, e, _ in marks for at in (s, e))})
    segments = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        piece_style = style
        for s, e, mark in marks:
            if s <= left and right <= e:
                piece_style += mark
        segments.append(Segment(plain[left:right], piece_style))
    return segments
