"""No page shape makes parsing worse than linear in the page's size.

Work is counted, not timed: the lines of parser code run for a page of n repeats and
of 4n must grow about fourfold. A quadratic step (looking ahead over every blank line
for every blank line) grows sixteenfold and fails here on any machine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import reader.parse
from benchmarks.shapes import HTML_SHAPES, SHAPES, names_under_headline
from reader.parse.article import parse_text
from reader.parse.html_page import parse_html

PARSER = str(Path(reader.parse.__file__).parent)
CAPTURED = datetime(2024, 6, 1, 12, 0)


def _lines_run(text: str, html: bool = False) -> int:
    """How many lines of parser code run to parse `text` (as an HTML page: `html`)."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        nonlocal count
        if not frame.f_code.co_filename.startswith(PARSER):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        if html:
            parse_html(text.encode(), "page.html", CAPTURED)
        else:
            parse_text(text, "page.txt", CAPTURED)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", SHAPES, ids=[shape.__name__ for shape in SHAPES])
def test_parsing_work_grows_linearly(shape: Callable[[int], str]) -> None:
    small, large = _lines_run(shape(250)), _lines_run(shape(1000))
    assert large <= 5 * small, f"{small:,} lines of parser code for 250 repeats, {large:,} for 1,000"


@pytest.mark.parametrize("shape", HTML_SHAPES, ids=[shape.__name__ for shape in HTML_SHAPES])
def test_html_parsing_work_grows_linearly(shape: Callable[[int], str]) -> None:
    small, large = _lines_run(shape(250), html=True), _lines_run(shape(1000), html=True)
    assert large <= 5 * small, f"{small:,} lines of parser code for 250 repeats, {large:,} for 1,000"


def test_a_deep_document_is_unwrapped_below_a_depth_the_html_parser_handles_in_linear_time() -> None:
    # lexbor's own work is C, which no line count sees: it checks what is open at
    # every element, so depth must be bounded before it parses (64,000 nested: 11 s).
    from itertools import accumulate

    from benchmarks.shapes import nested_divs
    from reader.parse.html_render import _DEEPEST, _NESTING_TAG, _STEP, within_depth

    def depth(document: str) -> int:
        return max(accumulate(_STEP[slash] for slash, _name in _NESTING_TAG.findall(document)), default=0)

    deep = nested_divs(5000)
    assert depth(deep) == 5000
    flat = within_depth(deep)
    assert depth(flat) == _DEEPEST
    assert flat.count("The committee met again") == 5000  # every word kept
    shallow = nested_divs(2000)  # shorter than the size checked: as it is
    assert within_depth(shallow) is shallow
    page = parse_html(deep.encode(), "deep.html", CAPTURED)
    assert page.article is not None and page.article.body


class _CountingList(list[int]):
    """A list that counts the items its slices copy."""

    copied = 0

    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        if isinstance(index, slice):
            _CountingList.copied += len(item)
            return _CountingList(item)
        return item


def test_author_lines_are_taken_off_in_linear_work() -> None:
    # Each name line taken off the header once copied every candidate left: C-level
    # work that no line count sees, and 136 s for 128k names.
    from reader.parse.header import strip_author_lines
    from reader.parse.page_lines import mark_chrome

    text = names_under_headline(1000)
    lines = mark_chrome(text)
    candidates = _CountingList(lines.content(0, 1 + 1000))  # the headline and the names
    authors: list[str] = []
    _CountingList.copied = 0
    kept = strip_author_lines(lines, candidates, authors)
    # So many name lines are a menu of links, not authors: all are looked at, none taken.
    assert (len(kept), len(authors)) == (1001, 0)
    assert _CountingList.copied <= 2 * len(candidates)
