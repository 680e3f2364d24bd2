"""The reading pane on long articles, and its keys: it draws the lines on screen,
wraps only what comes into view, and reads to the end of any page."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime

import pytest
from rich.style import Style
from textual import events

import reader.ui.wrapping as wrapping
from reader.library.store import Store
from reader.model import Article, FeedItem, Page
from reader.text import match_spans
from reader.ui.app import ReaderApp
from tests.ui.fixtures import ARTICLES, clock
from tests.ui.helpers import app, drawn_style, screen_text

WIDE = (120, 40)
FILLER = "The inquiry heard from witnesses about the state of the harbour walls and the budget."


def paragraph(n: int) -> str:
    return f"Paragraph {n} opens here. {FILLER} {FILLER[: n % 40]} Paragraph {n} ends here."


def long_article(paragraphs: int = 3_000, title: str = "A long inquiry report in full") -> Article:
    return Article(
        title=title,
        published=datetime(2024, 3, 10, 8, 0),
        authors=("Ana Ruiz",),
        body=tuple(paragraph(n) for n in range(1, paragraphs + 1)),
        source="long.txt",
    )


def reader_with(*articles: Article) -> ReaderApp:
    store = Store()
    store.put_many([Page(source=a.source, captured=datetime(2024, 3, 10), article=a) for a in articles])
    return ReaderApp(store=store, clock=clock)


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text the pane wraps, from here on."""
    wrapped: list[int] = []
    wrap = wrapping.wrap_offsets

    def counting(text: str, width: int) -> list[int]:
        wrapped.append(len(text))
        return wrap(text, width)

    monkeypatch.setattr(wrapping, "wrap_offsets", counting)
    return wrapped


async def test_a_long_article_reads_to_its_end_and_back_with_g_and_shift_g() -> None:
    article = long_article()
    assert len("\n\n".join(article.body)) > 400_000
    reader = reader_with(article)
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        pane = reader.reading_pane
        assert reader.focused is pane and pane.text.endswith(paragraph(3_000))
        await pilot.press("G")
        assert "Paragraph 3000 ends here." in screen_text(reader)
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.press("g")
        assert pane.scroll_y == 0 and article.title in screen_text(reader)
        await pilot.press("end")
        assert "Paragraph 3000 ends here." in screen_text(reader)
        await pilot.press("home")
        assert article.title in screen_text(reader)


async def test_g_and_shift_g_go_to_the_top_and_end_of_an_article() -> None:
    reader = app()
    async with reader.run_test(size=(120, 24)) as pilot:
        await pilot.press("j", "enter")  # article 2 has 30 paragraphs
        pane = reader.reading_pane
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y > 20
        assert "(Paragraph 30 of" in screen_text(reader)
        await pilot.press("g")
        assert pane.scroll_y == 0 and "Council votes to repair" in screen_text(reader)
        await pilot.press("end")
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("home")
        assert pane.scroll_y == 0


async def test_opening_a_long_article_wraps_about_a_screenful(wraps: list[int]) -> None:
    reader = reader_with(long_article())
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.pause()
        shown = len(wraps)  # the article shown at start
        await pilot.press("enter", "j", "j")
        # A screen is 40 lines, a few dozen of these paragraphs; the pane wraps the
        # screen and one more below it (and above it, once there is an above): never the 3,000.
        assert 0 < shown < 60 and len(wraps) < 90
        before = len(wraps)
        await pilot.press("G")
        assert "Paragraph 3000 ends here." in screen_text(reader)
        assert len(wraps) - before < 60
        before = len(wraps)
        pane = reader.reading_pane
        on_top = pane.top_offset
        await pilot.resize_terminal(100, 30)  # a new width: what is on screen is wrapped again
        await pilot.pause()
        # The reader's place is kept: the line at the top holds what the top line began with.
        assert pane.top_offset <= on_top < pane.top_offset + pane.scrollable_content_region.width
        assert pane.scroll_y < pane.max_scroll_y
        assert len(wraps) - before < 60


async def test_a_five_megabyte_line_is_read_a_piece_at_a_time(wraps: list[int]) -> None:
    line = " ".join(f"word{n}" for n in range(700_000))  # 5.4 MB, one paragraph
    article = Article(title="One endless line", body=(line,), source="line.txt")
    reader = reader_with(article)
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        assert reader.reading_pane.text.endswith("word699999")
        assert max(wraps) <= wrapping.PIECE and len(wraps) < 20
        await pilot.press("G")
        assert "word699999" in screen_text(reader)
        assert len(wraps) < 40


async def test_keys_typed_after_opening_a_long_article_go_where_they_are_meant() -> None:
    reader = reader_with(long_article(), ARTICLES[0])
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        assert reader.focused is reader.reading_pane
        # Typed as a person types, keys about 0.2 s apart, from another thread as a
        # terminal's keys come: a key is only taken in when the app is free, so keys
        # typed while it was busy for seconds came in at once, and `q`, meant for the
        # search box, reached the app before the box had focus: it quit.
        loop = asyncio.get_running_loop()

        def type_keys() -> None:
            for key, character in [("h", "h"), ("ctrl+f", None), *((c, c) for c in "quake")]:
                loop.call_soon_threadsafe(reader.post_message, events.Key(key, character))
                time.sleep(0.2)

        typing = threading.Thread(target=type_keys)
        typing.start()
        while typing.is_alive():
            await asyncio.sleep(0.01)
        await pilot.pause()
        assert reader.is_running
        assert reader.focused is reader.search_bar.input and reader.search_bar.input.value == "quake"


async def test_marks_and_jumps_reach_matches_deep_in_a_long_article() -> None:
    body = list(long_article().body)
    body[1_500] = "The lighthouse keeper spoke last. " + body[1_500]
    body[2_900] = "A second lighthouse stood empty. " + body[2_900]
    article = Article(title="A long inquiry report in full", body=tuple(body), source="long.txt")
    reader = reader_with(article)
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.pause()
        pane = reader.reading_pane
        pane.show_article(article, highlight="lighthouse")
        assert pane.matches == 2
        for match, words in [
            (0, "The lighthouse keeper"),
            (1, "A second lighthouse"),
            (0, "The lighthouse keeper"),
        ]:
            assert pane.jump_to_match(1) and pane.current_match == match
            await pilot.pause()
            line = pane.match_line(match)
            height = pane.scrollable_content_region.height
            assert pane.scroll_y + height // 3 == line  # a third of the way down
            assert words in screen_text(reader)
            current = drawn_style(reader, "lighthouse", line - pane.scroll_y + 1)
            assert (
                current is not None
                and current.bgcolor == pane.get_component_rich_style("reading-pane--current-match").bgcolor
            )


async def test_a_theme_change_repaints_the_article_in_the_new_colours() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.pause()
        title = ARTICLES[0].title.split()[0]
        dark = drawn_style(reader, title, 2)  # the pane's line 1 (under its margin) on screen line 2
        reader.theme = "textual-light"
        await pilot.pause()
        light = drawn_style(reader, title, 2)
        assert dark is not None and light is not None
        assert dark.color != light.color and dark.bgcolor != light.bgcolor
        assert light.bgcolor == reader.reading_pane.visual_style.rich_style.bgcolor


async def test_a_row_draws_no_more_of_a_headline_than_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ui.widgets.article_list as article_list
    import reader.ui.widgets.feed_list as feed_list

    looked_at: list[int] = []

    def spans(text: str, query: str) -> list[tuple[int, int]]:
        looked_at.append(len(text))
        return match_spans(text, query)

    monkeypatch.setattr(article_list, "match_spans", spans)
    monkeypatch.setattr(feed_list, "match_spans", spans)
    huge = "word " * 1_000_000  # made by hand: the parser would cut it
    article = Article(title=huge, source="huge.txt", published=datetime(2024, 3, 10))
    item = FeedItem(datetime(2024, 3, 10, 9), huge, None)
    store = Store()
    store.put(Page(source="huge.txt", captured=datetime(2024, 3, 10), article=article, feed=(item,)))
    reader = ReaderApp(store=store, clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"word")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        row = reader.article_list.render_row(0, 0, 40, Style())
        label = reader.feed_list.render_row(0, 1, 30, Style())
        assert "word …" in row.plain and label.plain.startswith("word word")
        assert looked_at and max(looked_at) <= 2 * (120 + 1)  # never the 5 MB


async def test_the_article_can_be_selected_with_the_mouse_as_before() -> None:
    reader = app()
    async with reader.run_test(size=(78, 40)) as pilot:  # a reading pane 43 columns wide
        await pilot.pause()
        pane = reader.reading_pane
        # From the headline's first letter to the end of the standfirst, wrapped over
        # two lines (the pane's lines 4 and 5): the text selected is the article's.
        await pilot.mouse_down(pane, offset=(2, 1))
        await pilot.hover(pane, offset=(20, 5))
        await pilot.mouse_up(pane, offset=(20, 5))
        await pilot.pause()
        assert reader.screen.get_selected_text() == f"{ARTICLES[0].title}\n\n{ARTICLES[0].subtitle}"
