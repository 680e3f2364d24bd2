"""The header: Textual's, with a title that changes without laying out the screen.

The title carries the counts (articles, unread, saved, loading), which change with
every mark and every batch of pages read. Textual's header lays the whole screen
out again for each change of its title, and a layout repaints every pane (tens of
milliseconds with a long article on show). The title's size never changes, so
repainting it alone is enough.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class _Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class TitleBar(Header):
    """The header, repainting only its title when the title changes."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title(Content(""))
        yield HeaderClockSpace()
