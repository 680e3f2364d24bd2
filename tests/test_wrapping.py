"""Text laid out for the reading pane, wrapped a unit at a time as it is looked at:
the lines come out as wrapping the whole text at once would make them."""

from __future__ import annotations

import random

import pytest
from rich._wrap import divide_line

from reader.ui.wrapping import EXACT_BELOW, PIECE, WrappedText

WORDS = "the harbour ferry resumed crossings on Friday after storms Zürich café reopens".split()


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)) + "."


def reference(plain: str, width: int) -> list[str]:
    """Every line of `plain` wrapped whole, as Textual wraps a Static ("" for blank lines)."""
    lines = []
    for text in plain.split("\n"):
        cuts = [0, *divide_line(text, width, fold=True), len(text)]
        pieces = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        lines.extend([*(piece.rstrip() for piece in pieces[:-1]), pieces[-1]] if text else [""])
    return lines


def drawn(text: WrappedText) -> list[str]:
    lines = []
    for y in range(text.height):
        line = text.line(y)
        assert line is not None
        lines.append("" if line.blank else text.plain[line.start : line.end])
    return lines


HEAD = [
    ("POLITICS", "byline", 0),
    ("Council votes to repair every bridge", "title", 0),
    ("By Ana", "byline", 1),
]


@pytest.mark.parametrize("width", [7, 38, 90])
def test_a_short_article_is_laid_out_as_it_would_be_whole(width: int) -> None:
    rng = random.Random(width)
    text = WrappedText(HEAD, [paragraph(rng, rng.randint(0, 60)) for _ in range(12)])
    text.set_width(width)
    assert text.plain.startswith("POLITICS\nCouncil votes to repair every bridge\n\nBy Ana\n\n")
    assert drawn(text) == reference(text.plain, width)


def test_a_long_article_wrapped_as_it_is_read_comes_out_the_same() -> None:
    rng = random.Random(3)
    body = [paragraph(rng, rng.randint(5, 80)) for _ in range(3_000)]
    text = WrappedText(HEAD, body)
    assert len(text.plain) > EXACT_BELOW
    text.set_width(60)
    guessed = text.height
    assert not text.is_wrapped(len(text) // 2)
    text.wrap_down(0, 40)  # a screen at the top
    assert sum(text.is_wrapped(n) for n in range(len(text))) < 20
    text.wrap_down(0, 10**9)  # read to the end
    assert abs(text.height - guessed) < guessed // 10  # the guess was near
    assert drawn(text) == reference(text.plain, 60)


def test_lines_asked_for_out_of_order_are_the_lines_of_the_text() -> None:
    rng = random.Random(5)
    text = WrappedText(HEAD, [paragraph(rng, rng.randint(5, 80)) for _ in range(2_000)])
    text.set_width(45)
    for y in rng.sample(range(text.height), 200):
        line = text.line(y)  # wraps its paragraph: the lines above keep their places
        if line is not None and not line.blank:
            assert text.line_of(line.start) == y and text.offset_at(y) == line.start
    text.wrap_down(0, 10**9)
    lines = reference(text.plain, 45)
    for y in rng.sample(range(text.height), 200):
        line = text.line(y)
        assert line is not None and ("" if line.blank else text.plain[line.start : line.end]) == lines[y]
        assert line.blank or text.line_of(text.offset_at(y)) == y


def test_a_huge_line_is_cut_into_pieces_at_spaces() -> None:
    line = " ".join(f"w{n}" for n in range(200_000))
    text = WrappedText([("One line", "title", 0)], [line])
    starts, ends = zip(*(text.span(n) for n in range(1, len(text))), strict=True)
    assert all(end - start <= PIECE for start, end in zip(starts, ends, strict=True))
    assert "".join(text.plain[s:e] for s, e in zip(starts, ends, strict=True)) == line
    assert all(text.plain[end - 1] == " " for end in ends[:-1])  # no word cut in two
    text.set_width(80)
    text.wrap_up(len(text), 40)  # the end, first
    assert sum(text.is_wrapped(n) for n in range(len(text))) == 1


def test_newlines_tabs_and_empty_blocks_keep_their_offsets() -> None:
    text = WrappedText([("Title\twith a tab", "title", 0), ("", "byline", 1)], ["a\nb", "", "c"])
    assert text.plain == "Title with a tab\n\n\n\na\nb\n\n\n\nc"
    text.set_width(20)
    assert drawn(text) == reference(text.plain, 20)
    assert [text.row_of(n)[0] for n in range(len(text))] == [0, 2, 4, 5, 7, 9]


def test_a_byline_breaks_between_its_facts_and_folds_only_a_fact_longer_than_a_line() -> None:
    import itertools

    from reader.ui.wrapping import wrap_facts

    byline = "Rhea Castellanos, Tobias Lindqvist · 12 September 2024, 18:47 · 5 min read · a_very_long_file_name_of_the_page.txt"

    def lines(width: int) -> list[str]:
        cuts = [0, *wrap_facts(byline, width), len(byline)]
        return [byline[a:b] for a, b in itertools.pairwise(cuts)]

    assert lines(60) == [
        "Rhea Castellanos, Tobias Lindqvist · ",
        "12 September 2024, 18:47 · 5 min read · ",
        "a_very_long_file_name_of_the_page.txt",
    ]
    # Narrower than a fact: that fact is wrapped within itself, and the next facts go on after it.
    assert lines(20) == [
        "Rhea Castellanos, ",
        "Tobias Lindqvist · ",
        "12 September 2024, ",
        "18:47 · 5 min read · ",
        "a_very_long_file_nam",
        "e_of_the_page.txt",
    ]
    assert lines(200) == [byline]
