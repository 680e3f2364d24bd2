"""Full-text search: Ctrl+F looks in bodies, marks the words in the reading pane,
and n / N jump between them."""

from __future__ import annotations

from pathlib import Path

from tests.pages import page_text
from tests.ui.fixtures import clock
from tests.ui.helpers import RecordingApp, settle, shown_title, titles, until

SIZE = (160, 40)


def long_page(title: str, day: int, marked: set[int]) -> str:
    """A page of 40 paragraphs; those in `marked` mention the lighthouse."""
    text = page_text(title, day=day, paragraphs=40)
    lines = text.split("\n")
    out, paragraph = [], 0
    for line in lines:
        if line.startswith("The island ferry"):
            if paragraph in marked:
                line = line.replace("caused by storms", "caused by storms near the old Lighthouse")
            paragraph += 1
        out.append(line)
    return "\n".join(out)


def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(long_page("Ferry returns to the island", 5, {2, 20, 38}))
    (tmp_path / "b.txt").write_text(long_page("Council votes on the budget", 4, set()))
    (tmp_path / "c.txt").write_text(long_page("Bridge reopens after repairs", 3, {0}))
    return tmp_path


async def test_ctrl_f_finds_words_in_bodies_and_marks_them(tmp_path: Path) -> None:
    reader = RecordingApp([folder(tmp_path)], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse")
        await settle(pilot)
        assert titles(reader) == []  # no headline has the word
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert reader.search_bar.full_text and reader.search_bar.input.value == "lighthouse"
        assert titles(reader) == ["Ferry returns to the island", "Bridge reopens after repairs"]
        assert str(reader.search_bar.query_one("#search-count").render()) == "2 of 3"
        assert await until(pilot, lambda: shown_title(reader) == "Ferry returns to the island")
        assert reader.reading_pane.matches == 3
        await pilot.press("ctrl+f")  # back to headlines: the same words, looked for in headlines
        await settle(pilot)
        assert not reader.search_bar.full_text and titles(reader) == []


async def test_n_and_shift_n_jump_between_the_marked_words(tmp_path: Path) -> None:
    reader = RecordingApp([folder(tmp_path)], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"lighthou", "enter")
        await settle(pilot)
        pane = reader.reading_pane
        assert shown_title(reader) == "Ferry returns to the island" and reader.focused is pane
        assert pane.matches == 3 and pane.current_match is None and pane.scroll_y == 0
        positions = []
        for _ in range(4):
            await pilot.press("n")
            await pilot.pause()
            positions.append((pane.current_match, pane.scroll_y))
        assert [match for match, _ in positions] == [0, 1, 2, 0]  # round the end, back to the first
        first, second, third, again = (y for _, y in positions)
        assert first < second < third and again == first  # each jump scrolls down to the next one
        await pilot.press("N")
        await pilot.pause()
        assert pane.current_match == 2 and pane.scroll_y == third
        count = str(reader.search_bar.query_one("#search-count").render())
        assert count == "2 of 3 · match 3/3"
        # The match is on screen: its line is within the scrolled window.
        line = pane.match_line(2)
        assert pane.scroll_y <= line < pane.scroll_y + pane.scrollable_content_region.height


async def test_escape_clears_the_marks_and_n_is_next_article_again(tmp_path: Path) -> None:
    reader = RecordingApp([folder(tmp_path)], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"lighthouse")
        await settle(pilot)
        assert await until(pilot, lambda: reader.reading_pane.matches == 3)
        await pilot.press("escape")
        await settle(pilot)
        assert reader.reading_pane.matches == 0 and not reader.query_text
        assert titles(reader) == [
            "Ferry returns to the island",
            "Council votes on the budget",
            "Bridge reopens after repairs",
        ]
        await pilot.press("n")
        assert await until(pilot, lambda: shown_title(reader) == "Council votes on the budget")
        await pilot.press("N")
        await pilot.pause()
        assert reader.notes[-1] == "Search first (ctrl+f)."


async def test_a_hostile_full_text_query_is_only_words(tmp_path: Path) -> None:
    reader = RecordingApp([folder(tmp_path)], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *'"[/] OR( lighthouse*')
        await settle(pilot)
        assert titles(reader) == []  # OR is a word like any other, and no page has it
        await pilot.press(*["backspace"] * len('"[/] OR( lighthouse*'), *'"lighthouse" [/]')
        await settle(pilot)
        assert titles(reader) == ["Ferry returns to the island", "Bridge reopens after repairs"]


async def test_the_match_counter_follows_the_article_on_show(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(long_page("Ferry returns to the island", 5, {2}))
    (tmp_path / "c.txt").write_text(long_page("Bridge reopens after repairs", 3, {0, 10, 20, 30}))
    reader = RecordingApp([tmp_path], clock=clock, watch=False)
    async with reader.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"lighthouse")
        await settle(pilot)
        await pilot.press("tab", "j", "enter")  # to the list, the second match, opened
        assert await until(pilot, lambda: shown_title(reader) == "Bridge reopens after repairs")
        await pilot.press("n", "n", "n", "n")
        await pilot.pause()

        def counter() -> str:
            return str(reader.search_bar.query_one("#search-count").render())

        assert counter() == "2 of 2 · match 4/4"
        await pilot.press("p")  # the article before, with one match
        assert await until(pilot, lambda: shown_title(reader) == "Ferry returns to the island")
        assert counter() == "2 of 2"
        await pilot.press("n")
        await pilot.pause()
        assert counter() == "2 of 2 · match 1/1"
        await pilot.press("h", "j")  # the list's cursor to the other article: shown
        assert await until(pilot, lambda: shown_title(reader) == "Bridge reopens after repairs")
        assert counter() == "2 of 2"
