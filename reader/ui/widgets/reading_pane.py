"""The reading pane: the article under the list cursor, wrapped and scrollable."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reader.model import Article, FeedItem
from reader.timefmt import long_date


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
    }

    DEFAULT_CSS = """
    ReadingPane {
        & > .reading-pane--title { text-style: bold; color: $text-primary; }
        & > .reading-pane--subtitle { text-style: italic; }
        & > .reading-pane--byline { color: $text-muted; }
    }
    """

    class Back(Message):
        """The user is done reading and wants the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._showing: Article | FeedItem | None = None
        self._plain = ""
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
            self.show_feed_item(showing, keep_scroll=True)
        else:
            self.show_article(showing, keep_scroll=True)

    @property
    def showing(self) -> Article | FeedItem | None:
        """What the pane shows."""
        return self._showing

    @property
    def text(self) -> str:
        """The text on show, plain (for tests and copying)."""
        return self._plain

    def show_article(self, article: Article | None, keep_scroll: bool = False) -> None:
        """Show `article` from the top; nothing changes if it is already shown. A new
        version of the article on show (its file changed) keeps the place read to."""
        if article is not None and article == self._showing:
            return
        if isinstance(self._showing, Article) and article is not None and article.source == self._showing.source:
            keep_scroll = True
        self._showing = article
        if article is None:
            self._update(Text("No article to show.", style=self.get_component_rich_style("reading-pane--byline")), keep_scroll)
            return
        facts = [", ".join(article.authors), long_date(article.published)]
        if article.read_minutes:
            facts.append(f"{article.read_minutes} min read")
        facts.append(Path(article.source).name)
        self._update(self._compose_text(
            article.title, article.subtitle, " · ".join(f for f in facts if f), article.body, article.category
        ), keep_scroll)

    def show_feed_item(self, item: FeedItem, keep_scroll: bool = False) -> None:
        """Show a News Feed item: its headline, time and summary."""
        self._showing = item
        when = long_date(item.time) if item.time else "time unknown"
        body = [item.summary] if item.summary and item.headline else []
        text = self._compose_text(item.headline or item.summary or "", None, f"News Feed · {when}", body, None)
        self._update(text, keep_scroll)

    def _compose_text(
        self, title: str, subtitle: str | None, byline: str, body: tuple[str, ...] | list[str], category: str | None
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
        self._text.update(text)
        if not keep_scroll:
            self.scroll_home(animate=False)

    def action_back(self) -> None:
        self.post_message(self.Back())
