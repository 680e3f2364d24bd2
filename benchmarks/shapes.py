"""Page shapes that once made parsing quadratic: long runs of one kind of line, and
HTML documents of deeply nested elements (`HTML_SHAPES`).

tests/test_linear.py counts the parser's work on them; bench_shapes.py times them.
"""

from __future__ import annotations

from collections.abc import Callable

PARAGRAPH = "The committee met again on Tuesday and agreed to publish its findings before the summer recess."


def feed_then_blanks(n: int) -> str:
    return (
        "Harbour ferry returns after repairs to the landing stage\n\n"
        f"{PARAGRAPH}\n\nNews Feed\n\n10:15\n\nTram line extended\n\nThe first trams run on Monday.\n"
        "11:20\n\nBridge closed overnight\n" + "\n" * n + "Ferry times\nTram times\n"
    )


FIRST = "Maria Jonas Ines Pavel Olga Tomas Ruth Emil Lena Karl".split()
MIDDLE = "Anna Beth Carl Dora Erik Fay Gus Hanna Ivo Jana".split()
LAST = "Lopez Berg Novak Smith Costa Weber Moreau Rossi Ivanova Silva".split()


def names(n: int) -> str:
    """`n` different person-shaped names, a line each (a name seen thrice is furniture)."""
    return "".join(
        f"{FIRST[k % 10]} {MIDDLE[k // 10 % 10]} {LAST[k // 100 % 10]}"
        + (f"-{LAST[k // 1000 % 10]}" if k >= 1000 else "")
        + "\n"
        for k in range(n)
    )


def names_under_headline(n: int) -> str:
    return "Harbour ferry returns after repairs\n" + names(n) + f"{PARAGRAPH}\n"


def names_under_short_headline(n: int) -> str:
    return "Ferry back\n" + names(n) + f"{PARAGRAPH}\n"


def clock_lines(n: int) -> str:
    return f"Headline of the page\n\n{PARAGRAPH}\n\n" + "10:15\nShort item\n" * n


def paragraphs(n: int) -> str:
    return "Headline of the page\n\n" + f"{PARAGRAPH}\n\n" * n


def one_long_line(n: int) -> str:
    return "word " * (n * 20)


def meta_lines(n: int) -> str:
    return "Harbour ferry returns after repairs\n" + "By Maria Lopez, 3 March 2024\n" * n + f"{PARAGRAPH}\n"


SHAPES: list[Callable[[int], str]] = [
    feed_then_blanks,
    names_under_headline,
    names_under_short_headline,
    clock_lines,
    paragraphs,
    one_long_line,
    meta_lines,
]


def nested_divs(n: int) -> str:
    """Elements nested n deep: an HTML parser checks what is open at each one."""
    return "<html><body>" + f"<div class='story'>{PARAGRAPH} " * n + "</div>" * n + "</body></html>"


def nested_tables(n: int) -> str:
    return "<html><body>" + f"<table><tr><td>{PARAGRAPH} " * n + "</td></tr></table>" * n + "</body></html>"


def nested_furniture(n: int) -> str:
    """Furniture boxes in furniture boxes, each asked whether it holds the headline."""
    return (
        "<html><body><h1>Ferry back</h1>"
        + "<div class='share'><h1>x</h1>" * n
        + "</div>" * n
        + "</body></html>"
    )


def links_in_lists(n: int) -> str:
    return (
        "<html><body><h1>Ferry back</h1><ul>"
        + "<li><a href='/x'>Another story</a></li>" * n
        + "</ul></body></html>"
    )


HTML_SHAPES: list[Callable[[int], str]] = [nested_divs, nested_tables, nested_furniture, links_in_lists]
