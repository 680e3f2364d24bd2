"""File names as the app shows them: a name that is not UTF-8 loads, and is shown
with its bytes replaced (a terminal could not take it as it is)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.pages import page_text
from tests.ui.helpers import RecordingApp, screen_text, settle, until


async def test_a_page_whose_name_is_not_utf8_is_read_and_named_with_the_bytes_replaced(
    tmp_path: Path,
) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(page_text("Cafe owners win appeal"))
    (tmp_path / os.fsdecode(b"vid\xe9.txt")).write_bytes(b"")
    reader = RecordingApp([str(tmp_path)], watch=False)
    async with reader.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert [a.title for a in reader.article_list.articles] == ["Cafe owners win appeal"]
        assert await until(pilot, lambda: "caf\ufffd.txt" in screen_text(reader))  # the reading pane's byline
        assert reader.notes == ["Could not read 1 file: vid\ufffd.txt. Press w for details."]
        assert reader.warnings == [f"{tmp_path / 'vid'}\ufffd.txt: empty file"]
        assert "\udce9" not in screen_text(reader)
