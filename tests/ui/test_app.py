"""The reading room driven by keys, as a user would: Pilot presses, widgets are read."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from rich.style import Style
from textual import events

from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.warnings import WarningsScreen
from tests.ui.fixtures import ARTICLES, FEED, HOSTILE, clock
from tests.ui.helpers import RecordingApp, app, screen_text, settle, shown_title, titles, until

WIDE = (160, 40)


async def test_start_focus_on_list_newest_highlighted_and_shown() -> None:
    reader = app()
    async with reader.run_test(size=WIDE):
        assert reader.focused is reader.article_list
        assert titles(reader) == [a.title for a in ARTICLES]
        assert reader.article_list.cursor == 0
        assert shown_title(reader) == ARTICLES[0].title
        assert reader.sub_title == "6 articles · 6 unread"


async def test_list_movement_keys() -> None:
    reader = app()
    async with reader.run_test(size=(120, 7)) as pilot:
        lst = reader.article_list
        await pilot.press("j")
        assert lst.cursor == 1 and shown_title(reader) == ARTICLES[1].title
        await pilot.press("down", "down")
        assert lst.cursor == 3
        await pilot.press("k")
        assert lst.cursor == 2
        await pilot.press("up")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == 5 and shown_title(reader) == ARTICLES[5].title
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("end")
        assert lst.cursor == 5
        await pilot.press("home")
        assert lst.cursor == 0
        await pilot.press("pagedown")
        page = lst.cursor
        assert 1 < page < 5
        await pilot.press("pagedown")
        assert lst.cursor == 5
        await pilot.press("pageup")
        assert lst.cursor == 5 - page
        await pilot.press("k", "k", "k", "k", "k", "k", "k")
        assert lst.cursor == 0


async def test_enter_or_l_opens_h_or_escape_goes_back() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "enter")
        assert reader.focused is reader.reading_pane
        assert shown_title(reader) == ARTICLES[1].title
        assert reader.sub_title == "6 articles · 5 unread"
        await pilot.press("h")
        assert reader.focused is reader.article_list
        await pilot.press("j", "l")
        assert reader.focused is reader.reading_pane and shown_title(reader) == ARTICLES[2].title
        await pilot.press("escape")
        assert reader.focused is reader.article_list


async def test_reading_pane_scrolls_with_space_b_j_k() -> None:
    reader = app()
    async with reader.run_test(size=(120, 24)) as pilot:
        await pilot.press("j", "enter")  # article 2 has 30 paragraphs
        pane = reader.reading_pane
        assert pane.scroll_y == 0 and pane.max_scroll_y > 20
        await pilot.press("space")
        page = pane.scroll_y
        assert page > 10
        await pilot.press("j")
        assert pane.scroll_y == page + 1
        await pilot.press("k", "k")
        assert pane.scroll_y == page - 1
        await pilot.press("b")
        assert pane.scroll_y == 0


async def test_tab_and_shift_tab_cycle_the_panes() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("tab")
        assert reader.focused is reader.reading_pane
        await pilot.press("tab")
        assert reader.focused is reader.feed_list
        await pilot.press("tab")
        assert reader.focused is reader.article_list
        await pilot.press("shift+tab")
        assert reader.focused is reader.feed_list


async def test_n_and_p_move_between_articles_from_any_pane() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        assert shown_title(reader) == ARTICLES[1].title and reader.focused is reader.article_list
        await pilot.press("enter", "n")
        assert shown_title(reader) == ARTICLES[2].title and reader.focused is reader.reading_pane
        await pilot.press("p", "p")
        assert shown_title(reader) == ARTICLES[0].title
        await pilot.press("f", "n")
        assert shown_title(reader) == ARTICLES[1].title and reader.focused is reader.feed_list


async def test_feed_shows_merged_items_with_relative_times() -> None:
    reader = app()
    async with reader.run_test(size=WIDE):
        feed = reader.feed_list
        assert list(feed.items) == FEED
        rows = [feed.render_row(n, line, 30, Style()).plain for n in range(3) for line in range(2)]
        assert rows == [
            "5 min ago",
            "Bridge closes for repairs.",
            "yesterday 10:00",
            "Ferry service resumes after the winter storms.",
            "Mar 7 12:00",
            "Council votes to repair every bridge in the valley",
        ]


async def test_f_focuses_and_hides_the_feed_and_selecting_opens_items() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        pane = reader.query_one("#feed-pane")
        assert pane.display
        await pilot.press("f")
        assert reader.focused is reader.feed_list
        await pilot.press("enter")  # an item with no article: shown on its own
        assert reader.reading_pane.showing == FEED[0]
        assert "The old bridge closes for two weeks." in reader.reading_pane.text
        await pilot.press("f", "j", "j", "enter")  # this headline is an article's: it opens
        assert shown_title(reader) == ARTICLES[1].title
        assert reader.article_list.highlighted == ARTICLES[1]
        await pilot.press("f")
        assert reader.focused is reader.feed_list
        await pilot.press("f")
        assert not pane.display and reader.focused is reader.article_list


async def test_sidebar_folds_at_80x24_and_f_brings_it_back() -> None:
    reader = app()
    async with reader.run_test(size=(80, 24)) as pilot:
        pane = reader.query_one("#feed-pane")
        assert not pane.display
        await pilot.press("f")
        assert pane.display and reader.focused is reader.feed_list
        await pilot.press("f")
        assert not pane.display


async def test_help_lists_every_key_and_closes() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(reader.screen, HelpScreen)
        text = reader.screen.query_one("#help-text").visual.plain
        for needle in [
            "↓ j",
            "↑ k",
            "Home g",
            "End G",
            "PgUp",
            "PgDn",
            "Enter l",
            "h Esc",
            "Space",
            "b ",
            "Tab",
            "Shift+Tab",
            "n ",
            "p ",
            "f ",
            "/ ",
            "? ",
            "q ",
            "Ctrl+C",
            "w ",
        ]:
            assert needle in text, needle
        await pilot.press("escape")
        assert not isinstance(reader.screen, HelpScreen)


async def test_q_goes_back_to_the_list_then_quits_and_capital_q_quits_at_once() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        assert reader.focused is reader.reading_pane
        await pilot.press("q")
        assert reader.is_running and reader.focused is reader.article_list
        await pilot.press("f", "q")  # from the News Feed too
        assert reader.is_running and reader.focused is reader.article_list
        await pilot.press("q")
        assert not reader.is_running
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "Q")
        assert not reader.is_running


async def test_ctrl_c_quits_even_from_the_search_box() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("slash", "ctrl+c")
        assert not reader.is_running


async def test_search_filters_counts_highlights_and_enter_opens_top_match() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j")  # the article to come back to
        await pilot.press("slash")
        assert reader.focused is reader.search_bar.input
        await pilot.press(*"zurich")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[0].title, ARTICLES[3].title]
        await pilot.press("space", *"CAF")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[0].title, ARTICLES[3].title]
        assert str(reader.query_one("#search-count").visual) == "2 of 6"
        row = reader.article_list.render_row(0, 0, 80, Style())
        underlined = [
            row.plain[s.start : s.end] for s in row.spans if s.style and getattr(s.style, "underline", False)
        ]
        assert underlined == ["Zürich", "caf"]
        await pilot.press(*"e q")  # "q" types, it does not quit
        await settle(pilot)
        assert reader.is_running and titles(reader) == []
        assert str(reader.query_one("#search-count").visual) == "0 of 6"
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        await pilot.press("enter")
        assert reader.focused is reader.reading_pane
        assert shown_title(reader) == ARTICLES[0].title


async def test_keys_typed_at_once_after_slash_go_into_the_search_box() -> None:
    """A fast typist (or tmux, or a paste) sends `/smn` in one go: every key is
    queued before the box is shown, and all go into it; none acts on the list (`s`
    saves, `m` marks, `n` moves). A `/` typed in the box is just typed."""
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        for keys in (["slash", *"smn"], ["slash", "x"]):
            for key in keys:
                reader.post_message(events.Key(key, "/" if key == "slash" else key))
            await settle(pilot)
        assert reader.focused is reader.search_bar.input and reader.search_bar.input.value == "smn/x"
        assert reader.session.saved_count() == 0 and reader.session.unread_count() == len(ARTICLES)


async def test_search_filters_the_feed_too() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"bridge")
        await settle(pilot)
        assert list(reader.feed_list.items) == [FEED[0], FEED[2]]


async def test_escape_clears_search_and_restores_the_previous_article() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "j")
        before = reader.article_list.highlighted
        await pilot.press("slash", *"night")
        await settle(pilot)
        assert titles(reader) == [ARTICLES[4].title]
        await pilot.press("escape")
        assert titles(reader) == [a.title for a in ARTICLES]
        assert reader.article_list.highlighted == before
        assert reader.focused is reader.article_list
        assert not reader.search_bar.display


async def test_hostile_headline_is_shown_literally_and_clicking_it_does_nothing() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j")
        assert reader.article_list.highlighted.title == HOSTILE
        row = reader.article_list.render_row(2, 0, 100, Style()).plain
        assert HOSTILE in row
        assert reader.reading_pane.text.startswith(HOSTILE)
        await pilot.click("#reading", offset=(12, 1))  # on the headline
        await pilot.click("#articles", offset=(12, 2))
        await pilot.pause()
        assert reader.is_running


def write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    moment = datetime(2024, 3, 10, 9, 0).timestamp()
    os.utime(path, (moment, moment))


async def test_loads_folders_in_a_worker_and_reports_failures_once(tmp_path: Path) -> None:
    page = (
        "Ferry returns to the island after the storms\n\n"
        "by Ana Ruiz March 3, 2024 8:15 PM 4 min read\n\n"
        "The island ferry resumed its daily crossings on Friday after a three-week pause caused by storms.\n"
    )
    write(tmp_path, "good.txt", page.encode())
    write(tmp_path, "binary.txt", b"\x00\x01\x02")
    write(tmp_path, "empty.txt", b"")
    reader = RecordingApp([tmp_path], clock=clock)
    notes = reader.notes
    async with reader.run_test(size=WIDE) as pilot:
        await reader.loaded.wait()
        await pilot.pause()
        assert titles(reader) == ["Ferry returns to the island after the storms"]
        assert shown_title(reader) == "Ferry returns to the island after the storms"
        assert notes == ["Could not read 2 files: binary.txt, empty.txt. Press w for details."]
        await pilot.press("w")
        assert isinstance(reader.screen, WarningsScreen)
        text = "\n".join(reader.screen.query_one("#warnings-body").lines)
        assert f"{tmp_path / 'binary.txt'}: binary file (contains NUL bytes)" in text
        assert f"{tmp_path / 'empty.txt'}: empty file" in text
        await pilot.press("escape")
        assert reader.is_running and reader.sub_title == "1 article · 1 unread"


async def test_feed_scrolls_by_whole_items_and_stays_on_top_as_newer_items_arrive() -> None:
    from datetime import timedelta

    from reader.model import FeedItem
    from tests.ui.fixtures import NOW

    reader = app()
    async with reader.run_test(size=(120, 12)) as pilot:
        feed = reader.feed_list
        items = [FeedItem(NOW - timedelta(minutes=n), f"Item {n}", None) for n in range(40)]
        feed.show(items)
        await pilot.press("f", *["j"] * 25)
        assert feed.cursor == 25
        top = feed.scroll_offset.y
        assert top % 2 == 0 and top <= 50 < top + feed.scrollable_content_region.height
        rows = [feed.render_line(y).text.strip() for y in range(2)]
        assert rows[1] == f"Item {top // 2}"
        await pilot.press("g")
        # In the feed, the user stays on their item, on the same line of the screen.
        newer = [FeedItem(NOW + timedelta(minutes=1), "Newest", None), *items]
        feed.show(newer)
        assert feed.items[feed.cursor].headline == "Item 0" and feed.scroll_offset.y == 2
        await pilot.press("j", "j", "j")
        line = feed.cursor * 2 - feed.scroll_offset.y
        feed.show([FeedItem(NOW + timedelta(minutes=2), "Even newer", None), *newer])
        assert feed.items[feed.cursor].headline == "Item 3"
        assert feed.cursor * 2 - feed.scroll_offset.y == line
        # Elsewhere, with the feed's cursor at the top, the newest item is highlighted as it comes.
        await pilot.press("g", "tab")
        assert not feed.has_focus and feed.cursor == 0
        feed.show([FeedItem(NOW + timedelta(minutes=3), "Latest", None), *newer])
        assert feed.cursor == 0 and feed.items[0].headline == "Latest" and feed.scroll_offset.y == 0


async def test_resizing_folds_and_unfolds_the_feed_at_once() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        pane = reader.query_one("#feed-pane")
        assert pane.display
        await pilot.resize_terminal(80, 24)
        assert not pane.display
        await pilot.resize_terminal(130, 30)
        assert pane.display


async def test_narrow_feed_takes_the_reading_panes_place_and_gives_it_back() -> None:
    reader = app()
    async with reader.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert reader.feed_list.display and not reader.reading_pane.display
        await pilot.press("enter")  # an item of its own: read in the reading pane
        assert reader.reading_pane.display and reader.focused is reader.reading_pane
        assert not reader.query_one("#feed-pane").display
        await pilot.press("h")  # back where we came from: the feed
        assert reader.focused is reader.feed_list and reader.query_one("#feed-pane").display


async def test_hiding_the_focused_feed_gives_focus_to_the_list() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("tab", "tab")
        assert reader.focused is reader.feed_list
        await pilot.resize_terminal(80, 24)
        assert reader.focused is reader.article_list


async def test_escape_after_opening_a_match_keeps_that_article_and_count_clears() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"night")
        await settle(pilot)
        await pilot.press("enter", "h", "escape")
        assert reader.article_list.highlighted == ARTICLES[4]
        assert shown_title(reader) == ARTICLES[4].title
        await pilot.press("slash", *"zur")
        await settle(pilot)
        assert str(reader.query_one("#search-count").visual) == "2 of 6"
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert str(reader.query_one("#search-count").visual) == ""
        assert len(titles(reader)) == 6


async def test_enter_before_the_search_answers_opens_the_right_match() -> None:
    reader = app()
    real_search = reader.store.search

    def slow_search(query, cancelled=lambda: False, only=None, within=None):
        import time

        time.sleep(0.2)
        return real_search(query, cancelled, only, within)

    reader.store.search = slow_search  # type: ignore[method-assign]
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"night", "enter")
        await settle(pilot)
        assert shown_title(reader) == ARTICLES[4].title
        assert reader.focused is reader.reading_pane
        assert not reader.is_unread(ARTICLES[4]) and reader.is_unread(ARTICLES[0])


async def test_a_burst_of_moves_shows_the_article_the_cursor_rests_on() -> None:
    reader = app()
    reader.show_delay = 0.3
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("j", "j", "j", "j")
        assert await until(pilot, lambda: shown_title(reader) == ARTICLES[4].title)


async def test_theme_change_redraws_the_reading_pane() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        before = reader.reading_pane.render_line(1)  # the headline's line, as drawn (and kept)
        reader.theme = "textual-light"
        await pilot.pause()
        after = reader.reading_pane.render_line(1)
        assert reader.reading_pane.text.startswith(ARTICLES[0].title)
        assert before is not after


async def test_theme_change_redraws_the_list_in_the_new_colours() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:

        def background_of_row(index: int):
            strip = reader.article_list.render_line(index)
            return {segment.style.bgcolor for segment in strip if segment.style is not None}

        dark = background_of_row(3)
        reader.theme = "textual-light"
        await pilot.pause()
        light = background_of_row(3)
        assert len(dark) == len(light) == 1 and dark != light
        assert light == {reader.article_list.rich_style.bgcolor}


async def test_a_failing_load_is_reported_and_loading_ends(monkeypatch, tmp_path: Path) -> None:
    import reader.library.ingest as ingest_module

    def broken(paths, max_bytes, **_):
        raise RuntimeError("disk on fire")
        yield  # a generator, like the real one

    monkeypatch.setattr(ingest_module, "load_pages_parallel", broken)
    reader = RecordingApp([tmp_path], clock=clock)
    notes = reader.notes
    async with reader.run_test(size=WIDE) as pilot:
        await reader.loaded.wait()
        await pilot.pause()
        assert any("disk on fire" in note for note in notes)
        assert not reader.loading and "loading" not in reader.sub_title


async def test_opening_during_a_load_is_not_undone_by_newer_pages(tmp_path: Path) -> None:
    page = (
        "Older headline about the ferry\n\nby Ana Ruiz March 3, 2024 8:15 PM 4 min read\n\n"
        "The island ferry resumed its daily crossings on Friday after a three-week pause caused by storms.\n"
    )
    write(tmp_path, "a.txt", page.encode())
    reader = ReaderApp([tmp_path], clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await reader.loaded.wait()
        await pilot.pause()
        await pilot.press("enter", "space")
        reader.loading = True  # as if more pages were still coming in
        newer = page.replace("Older headline about the ferry", "Breaking: newer headline").replace(
            "March 3", "March 9"
        )
        from reader.parse.article import parse_bytes

        reader.store.put(parse_bytes(newer.encode(), str(tmp_path / "b.txt"), datetime(2024, 3, 10)))
        reader.refresh_views()
        await pilot.pause()
        assert shown_title(reader) == "Older headline about the ferry"
        assert reader.article_list.highlighted.title == "Older headline about the ferry"


async def test_mouse_clicks_open_articles_and_feed_items() -> None:
    reader = app()
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.click("#articles", offset=(5, 1))
        assert shown_title(reader) == ARTICLES[1].title and reader.focused is reader.reading_pane
        await pilot.click("#feed", offset=(3, 2))  # second item: time line 2, headline line 3
        assert reader.reading_pane.showing == FEED[1]


async def test_a_huge_article_is_shown_whole_and_stays_responsive() -> None:
    from reader.library.store import Store
    from reader.model import Article, Page

    paragraph = "A sentence of a very long dump that goes on and on. " * 20
    body = (*(paragraph for _ in range(4_999)), "The very last paragraph of the dump.")  # ~5 MB
    store = Store()
    store.put(
        Page(
            source="huge.txt",
            captured=datetime(2024, 3, 10),
            article=Article(title="Huge page", body=body, source="huge.txt"),
        )
    )
    reader = ReaderApp(store=store, clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "space")
        text = reader.reading_pane.text
        assert len(text) > 5_000_000 and text.endswith("\n\nThe very last paragraph of the dump.")
        await pilot.press("G")
        assert "The very last paragraph of the dump." in screen_text(reader)


async def test_after_loading_a_folder_the_newest_article_is_highlighted_and_shown(tmp_path: Path) -> None:
    template = (
        "{title}\n\nby Ana Ruiz {date} 8:15 PM 4 min read\n\n"
        "The island ferry resumed its daily crossings on Friday after a three-week pause caused by storms.\n"
    )
    # File names sort oldest first: the first page read is not the newest.
    for name, title, date in [
        ("a.txt", "Oldest ferry story", "March 1, 2024"),
        ("b.txt", "Middle ferry story", "March 2, 2024"),
        ("c.txt", "Newest ferry story", "March 3, 2024"),
    ]:
        write(tmp_path, name, template.format(title=title, date=date).encode())
    reader = ReaderApp([tmp_path], clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await reader.loaded.wait()
        assert await until(pilot, lambda: not reader.loading)
        assert titles(reader) == ["Newest ferry story", "Middle ferry story", "Oldest ferry story"]
        assert reader.article_list.cursor == 0
        assert await until(pilot, lambda: shown_title(reader) == "Newest ferry story")
        assert reader.sub_title == "3 articles · 3 unread"
