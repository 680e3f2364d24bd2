"""`a` asks for an address, fetches the page (from the loopback web) into the library
and opens it once the library's watcher has read it in; failures are told, and plain
`reader` opens the library, with the samples beside it while it is empty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import what_to_open
from reader.library.files import library_folder, sample_folder
from reader.ui.screens.address import AddressScreen
from tests.pages import page_text
from tests.ui.fixtures import clock
from tests.ui.helpers import RecordingApp, shown_title, titles, until
from tests.web_server import web_server

SIZE = (120, 30)
HEADLINE = "Quay wall repaired two months early"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with web_server() as base:
        yield base


async def type_address(pilot, address: str) -> None:
    await pilot.press("a")
    assert await until(pilot, lambda: isinstance(pilot.app.screen, AddressScreen))
    await pilot.press(*address, "enter")


async def test_a_fetches_the_page_into_the_library_and_opens_it(site: str, tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text(page_text("An older story about the ferry", day=3))
    reader = RecordingApp([tmp_path], clock=clock, library=tmp_path)
    reader.settle_seconds = 0.05
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await type_address(pilot, f"{site}/article")
        assert await until(pilot, lambda: shown_title(reader) == HEADLINE, seconds=10)
        assert reader.focused is reader.reading_pane
        assert (
            reader.article_list.highlighted is not None and reader.article_list.highlighted.title == HEADLINE
        )
        assert sorted(titles(reader)) == ["An older story about the ferry", HEADLINE]
        assert reader.notes[0] == f"{site}/article"  # "Fetching"
    assert (tmp_path / "2025-03-12-quay-wall-repaired-two-months-early.html").exists()


async def test_a_tells_why_an_address_gave_no_page_and_escape_cancels(site: str, tmp_path: Path) -> None:
    reader = RecordingApp([tmp_path], clock=clock, library=tmp_path)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await type_address(pilot, f"{site}/gone")
        assert await until(pilot, lambda: f"{site}/gone: the site answered 410 Gone" in reader.notes)
        await type_address(pilot, "not an address")
        wrong = "not an address: not a web address (give one like https://news.example/story)"
        assert await until(pilot, lambda: reader.notes[-1] == wrong)
        told = len(reader.notes)
        await pilot.press("a")
        assert await until(pilot, lambda: isinstance(reader.screen, AddressScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: not isinstance(reader.screen, AddressScreen))
        await pilot.pause()
        assert len(reader.notes) == told and reader.is_running
    assert list(tmp_path.iterdir()) == []


async def test_a_says_where_a_page_went_when_this_reader_does_not_follow_the_library(
    site: str, tmp_path: Path, tmp_path_factory
) -> None:
    library = tmp_path_factory.mktemp("library")
    reader = RecordingApp([tmp_path], clock=clock, library=library)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await type_address(pilot, f"{site}/article")
        kept = library / "2025-03-12-quay-wall-repaired-two-months-early.html"
        told = f"Kept as {kept}. This reader does not follow that folder: run plain `reader` to read it."
        assert await until(pilot, lambda: told in reader.notes, seconds=10)


async def test_a_without_a_library_says_so() -> None:
    reader = RecordingApp(clock=clock)
    async with reader.run_test(size=SIZE) as pilot:
        await reader.loaded.wait()
        await pilot.press("a")
        assert await until(pilot, lambda: len(reader.notes) == 1)
        assert reader.notes == ["No library to keep pages in: run plain `reader` to add pages."]
        assert not isinstance(reader.screen, AddressScreen)


def test_plain_reader_opens_the_library_with_the_samples_beside_it_while_it_is_empty() -> None:
    library = library_folder()  # in the test's own data folder (conftest)
    assert what_to_open(["pages/"]) == (["pages/"], None, False)
    assert what_to_open([]) == ([str(library), str(sample_folder())], library, True)
    assert library.is_dir()
    (library / "story.html").write_text("<html><body><p>A page.</p></body></html>")
    assert what_to_open([]) == ([str(library)], library, False)
