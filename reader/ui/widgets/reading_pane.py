"""The reading pane: the article under the list cursor, wrapped and scrollable."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from rich._wrap import divide_line  # how Textual wraps text, to find the line a match is on
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reader.model import Article, FeedItem
from reader.paths import shown_path
from reader.render.byline import byline
from reader.render.timefmt import long_date
from reader.text import match_spans

# Wrapping is done for the whole text at once: a 5 MB page (the size limit) would
# take the pane most of a minute. No news article comes near this many characters.
MAX_SHOWN_CHARACTERS = 200_000


class ReadingPane(VerticalScroll):
    """Shows one article, or one feed item; page text is always shown literally."""

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False, id="reading.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reading.page_up"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reading.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reading.up"),
        Binding("h,escape", "back", "Back to list", id="reading.back"),
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
        self._plain = ""
        self._highlight = ""  # the search whose words are marked
        self._text_shown: Text | None = None
        self._matches: list[tuple[int, int]] = []  # where its words are, in the text on show
        self._current = -1  # the match jumped to last
        # Kept, not queried: a timer's late call during shutdown still finds it.
        self._text = Static(id="article-text")

    def compose(self) -> ComposeResult:
        yield self._text

    def on_mount(self) -> None:
        # The text carries the theme's colours: draw it again when the theme changes.
        self.watch(self.app, "theme", self._redraw, init=False)

    def _redraw(self) -> None:
        showing, self._showing = self._showing, None
        if isinstance(showing, FeedItem):
            self.show_feed_item(showing, keep_scroll=True, highlight=self._highlight)
        else:
            self.show_article(showing, keep_scroll=True, highlight=self._highlight)

    @property
    def showing(self) -> Article | FeedItem | None:
        """What the pane shows."""
        return self._showing

    @property
    def text(self) -> str:
        """The text on show, plain (for tests and copying)."""
        return self._plain

    @property
    def matches(self) -> int:
        """How many places the words searched for are marked at."""
        return len(self._matches)

    @property
    def current_match(self) -> int | None:
        """The match last jumped to (counting from 0), if any."""
        return self._current if self._current >= 0 else None

    def show_article(self, article: Article | None, keep_scroll: bool = False, highlight: str = "") -> None:
        """Show `article` from the top, with the words of `highlight` marked; nothing
        changes if it is already shown so. A new version of the article on show (its
        file changed) keeps the place read to."""
        if article is not None and article == self._showing and highlight == self._highlight:
            return
        if article is not None and article == self._showing:
            keep_scroll = True  # only the marks change
        self._highlight = highlight
        if (
            isinstance(self._showing, Article)
            and article is not None
            and article.source == self._showing.source
        ):
            keep_scroll = True
        self._showing = article
        if article is None:
            self._update(
                Text("No article to show.", style=self.get_component_rich_style("reading-pane--byline")),
                keep_scroll,
            )
            return
        self._update(
            self._compose_text(
                article.title,
                article.subtitle,
                byline(article, more=[shown_path(Path(article.source).name)]),
                article.body,
                article.category,
            ),
            keep_scroll,
        )

    def show_feed_item(self, item: FeedItem, keep_scroll: bool = False, highlight: str = "") -> None:
        """Show a News Feed item: its headline, time and summary."""
        self._showing = item
        self._highlight = highlight
        when = long_date(item.time) if item.time else "time unknown"
        body = [item.summary] if item.summary and item.headline else []
        text = self._compose_text(
            item.headline or item.summary or "", None, f"News Feed · {when}", body, None
        )
        self._update(text, keep_scroll)

    def _compose_text(
        self,
        title: str,
        subtitle: str | None,
        byline: str,
        body: tuple[str, ...] | list[str],
        category: str | None,
    ) -> Text:
        text = Text()
        if category:
            text.append(category.upper() + "\n", style=self.get_component_rich_style("reading-pane--byline"))
        text.append(title, style=self.get_component_rich_style("reading-pane--title"))
        if subtitle:
            text.append("\n\n")
            text.append(subtitle, style=self.get_component_rich_style("reading-pane--subtitle"))
        text.append("\n\n")
        text.append(byline, style=self.get_component_rich_style("reading-pane--byline"))
        shown = 0
        for n, paragraph in enumerate(body):
            if shown + len(paragraph) > MAX_SHOWN_CHARACTERS:
                rest = sum(len(p) for p in body[n:])
                text.append("\n\n")
                text.append(
                    f"[{len(body) - n:,} more paragraphs ({rest:,} characters) are too long to show here; "
                    "`reader parse` prints the whole page.]",
                    style=self.get_component_rich_style("reading-pane--byline"),
                )
                break
            shown += len(paragraph)
            text.append("\n\n")
            text.append(paragraph)
        return text

    def _update(self, text: Text, keep_scroll: bool = False) -> None:
        self._plain = text.plain
        self._matches = match_spans(self._plain, self._highlight) if self._highlight else []
        self._current = -1
        self._text_shown = text
        self._text.update(self._marked())
        if not keep_scroll:
            self.scroll_home(animate=False)

    def _marked(self) -> Text:
        if not self._matches or self._text_shown is None:
            return self._text_shown or Text()
        text = self._text_shown.copy()
        match = self.get_component_rich_style("reading-pane--match")
        for start, end in self._matches:
            text.stylize(match, start, end)
        if self._current >= 0:
            start, end = self._matches[self._current]
            text.stylize(self.get_component_rich_style("reading-pane--current-match"), start, end)
        return text

    def jump_to_match(self, step: int) -> bool:
        """Scroll to the next (`step` 1) or previous (-1) marked word, round the
        end; False if nothing is marked. The first jump goes to the first match
        from the top of the screen down (or from its bottom up)."""
        if not self._matches:
            return False
        lines = self._match_lines()
        if self._current >= 0:
            self._current = (self._current + step) % len(self._matches)
        elif step > 0:
            self._current = next((n for n, line in enumerate(lines) if line >= self.scroll_y), 0)
        else:
            bottom = self.scroll_y + self.scrollable_content_region.height
            self._current = max((n for n, line in enumerate(lines) if line < bottom), default=len(lines) - 1)
        self._text.update(self._marked())
        self.scroll_to(
            y=max(0, lines[self._current] - self.scrollable_content_region.height // 3), animate=False
        )
        return True

    def _match_lines(self) -> list[int]:
        """The line of the pane each match is drawn on, wrapped as the text is."""
        width = self._text.content_region.width or 80
        starts: list[int] = []  # the text offset each drawn line starts at
        offset = 0
        for line in self._plain.split("\n"):
            starts.append(offset)
            starts.extend(offset + cut for cut in divide_line(line, width, fold=True))
            offset += len(line) + 1
        top = self._text.virtual_region.y + self._text.styles.padding.top
        return [top + bisect_right(starts, start) - 1 for start, _ in self._matches]

    def action_back(self) -> None:
        self.post_message(self.Back())
