"""`e` writes the article on show as Markdown and says where; `y` copies its text."""

from __future__ import annotations

from pathlib import Path

from reader.render.export import article_markdown, article_text
from tests.ui.fixtures import ARTICLES, HOSTILE, clock, make_store
from tests.ui.helpers import RecordingApp, settle, until

WIDE = (160, 40)


async def test_e_exports_the_article_as_markdown_and_says_where(tmp_path: Path) -> None:
    reader = RecordingApp(store=make_store(), clock=clock, export_folder=tmp_path)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        path = tmp_path / "2024-03-10-zurich-cafe-reopens-after-the-spring-flood.md"
        assert reader.notes == [str(path)]
        assert path.read_text("utf-8") == article_markdown(ARTICLES[0])
        await pilot.press("j", "j", "enter", "e")  # from the reading pane, a hostile headline
        await settle(pilot)
        path = tmp_path / "2024-03-08-fines-click-app-quit-x-b-y.md"
        assert reader.notes[-1] == str(path)
        assert path.read_text("utf-8") == article_markdown(ARTICLES[2])
        assert path.read_text("utf-8").startswith("# Fines \\[@click=app.quit\\]x\\[/\\] \\[b\\]y\n")
        assert reader.is_running


async def test_e_says_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    reader = RecordingApp(store=make_store(), clock=clock, export_folder=blocker)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: len(reader.notes) == 1)
        assert reader.notes[0].startswith(f"Could not export to {blocker}: ")
    assert blocker.read_text() == "mine"


async def test_e_writes_to_the_current_folder_by_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    reader = RecordingApp(store=make_store(), clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
    assert [p.name for p in tmp_path.iterdir()] == [
        "2024-03-10-zurich-cafe-reopens-after-the-spring-flood.md"
    ]


async def test_y_copies_the_articles_text() -> None:
    reader = RecordingApp(store=make_store(), clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")
        assert reader.clipboard == article_text(ARTICLES[1])
        assert reader.notes == [
            f"Copied {ARTICLES[1].title} (30 paragraphs, {len(reader.clipboard):,} characters)"
        ]
        await pilot.press("j", "y")
        assert reader.clipboard.startswith(HOSTILE + "\n\n")


async def test_keys_that_need_an_article_say_so_when_there_is_none() -> None:
    reader = RecordingApp(clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("e", "y", "o", "s", "m", "M")
        assert reader.notes == [
            "No article to export.",
            "No article to copy.",
            "No article to open.",
            "No article to save.",
            "No article to mark.",
            "No articles to mark.",
        ]


async def test_o_opens_the_pages_address_in_the_browser_and_says_when_there_is_none(monkeypatch) -> None:
    import webbrowser
    from dataclasses import replace

    from reader.library.store import Store
    from reader.model import Page
    from tests.ui.fixtures import NOW

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    store = Store()
    with_address = replace(ARTICLES[0], url="https://news.example/zurich-cafe")
    store.put_many([Page(source=a.source, captured=NOW, article=a) for a in (with_address, ARTICLES[1])])
    reader = RecordingApp(store=store, clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert await until(pilot, lambda: len(reader.notes) == 1)
        assert opened == ["https://news.example/zurich-cafe"]
        assert reader.notes == ["https://news.example/zurich-cafe"]
        await pilot.press("j", "o")
        await settle(pilot)
        assert opened == ["https://news.example/zurich-cafe"]
        assert reader.notes[-1] == f"{ARTICLES[1].title} states no address on the web."


async def test_o_says_when_no_browser_could_be_started(monkeypatch) -> None:
    import webbrowser
    from dataclasses import replace

    from reader.library.store import Store
    from reader.model import Page
    from tests.ui.fixtures import NOW

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    store = Store()
    article = replace(ARTICLES[0], url="https://news.example/a")
    store.put_many([Page(source=article.source, captured=NOW, article=article)])
    reader = RecordingApp(store=store, clock=clock)
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert await until(pilot, lambda: len(reader.notes) == 1)
        assert reader.notes == ["No browser could be started for https://news.example/a"]


async def test_pipe_hands_the_articles_text_to_the_pager_and_says_when_it_cannot(monkeypatch) -> None:
    import subprocess
    from contextlib import nullcontext

    ran: list[tuple[list[str], bytes]] = []

    def run(command: list[str], input: bytes, check: bool) -> None:
        ran.append((command, input))

    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.setenv("PAGER", "less -R")
    reader = RecordingApp(store=make_store(), clock=clock)
    monkeypatch.setattr(reader, "suspend", nullcontext)  # a test has no terminal to hand over
    async with reader.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "|")
        await pilot.pause()
        assert ran == [(["less", "-R"], article_text(ARTICLES[1]).encode())]
        monkeypatch.setenv("PAGER", "no-such-pager-here")

        def missing(command: list[str], input: bytes, check: bool) -> None:
            raise FileNotFoundError(2, "No such file or directory")

        monkeypatch.setattr(subprocess, "run", missing)
        await pilot.press("|")
        assert await until(pilot, lambda: len(reader.notes) == 1)
        assert reader.notes == ["Could not run the pager 'no-such-pager-here': No such file or directory"]
        assert reader.is_running
