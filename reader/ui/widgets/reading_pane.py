"""The reading pane: the article under the list cursor, wrapped and scrollable."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from reader.model import Article, FeedItem
from reader.timefmt import long_date


class ReadingPane(VerticalScroll, can_focus=True):
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

    def compose(self):
        yield Static(id="article-text")

    @property
    def showing(self) -> Article | FeedItem | None:
        """What the pane shows."""
        return self._showing

    @property
    def text(self) -> Text:
        """The text on show (for tests and copying)."""
        return self.query_one("#article-text", Static).visual  # type: ignore[return-value]

    def show_article(self, article: Article | None) -> None:
        """Show `article` from the top; nothing changes if it is already shown."""
        if article == self._showing:
            return
        self._showing = article
        if article is None:
            self._update(Text("No article to show.", style=self.get_component_rich_style("reading-pane--byline")))
            return
        facts = [", ".join(article.authors), long_date(article.published)]
        if article.read_minutes:
            facts.append(f"{article.read_minutes} min read")
        facts.append(Path(article.source).name)
        self._update(self._compose_text(
            article.title, article.subtitle, " · ".join(f for f in facts if f), article.body, article.category
        ))

    def show_feed_item(self, item: FeedItem) -> None:
        """Show a News Feed item: its headline, time and summary."""
        self._showing = item
        when = long_date(item.time) if item.time else "time unknown"
        body = [item.summary] if item.summary and item.headline else []
        self._update(self._compose_text(item.headline or item.summary or "", None, f"News Feed · {when}", body, None))

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
        for paragraph in body:
            text.append("\n\n")
            text.append(paragraph)
        return text

    def _update(self, text: Text) -> None:
        self.query_one("#article-text", Static).update(text)
        self.scroll_home(animate=False)

    def action_back(self) -> None:
        self.post_message(self.Back())
