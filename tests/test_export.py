"""An article as Markdown and as plain text, and the files `e` writes."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from reader.model import Article
from reader.render.export import article_markdown, article_text, export_article, file_name

FERRY = Article(
    title="Ferry  returns to the ísland",
    subtitle="Crossings resume after three weeks",
    authors=("Ana Ruiz", "Tom Berg"),
    published=datetime(2024, 3, 3, 20, 15, tzinfo=timezone(timedelta(hours=-5))),
    read_minutes=4,
    category="Travel",
    body=(
        "The island ferry resumed its crossings on Friday.",
        "# Not a heading, 1. not a list <script>alert(1)</script> and a `tick`",
        "1. Nor is this a list; > nor a quote",
        "[Click here](javascript:alert(1)), *not emphasis*, snake_case and a \\ backslash",
    ),
    source="/pages/ferry.txt",
)


def test_markdown_holds_headline_byline_date_and_body_as_literal_text() -> None:
    assert article_markdown(FERRY) == (
        "# Ferry returns to the ísland\n\n"
        "*Crossings resume after three weeks*\n\n"
        "By Ana Ruiz, Tom Berg · 3 March 2024, 20:15 UTC-05:00 · 4 min read\n\n"
        "The island ferry resumed its crossings on Friday.\n\n"
        "\\# Not a heading, 1. not a list \\<script>alert(1)\\</script> and a \\`tick\\`\n\n"
        "\\1. Nor is this a list; > nor a quote\n\n"
        "\\[Click here\\](javascript:alert(1)), \\*not emphasis\\*, snake\\_case and a \\\\ backslash\n\n"
        "---\n\n"
        "Saved page: /pages/ferry.txt\n"
    )


def test_markdown_of_an_article_with_only_a_headline() -> None:
    assert article_markdown(Article(title="Bare")) == "# Bare\n"


def test_plain_text_for_the_clipboard() -> None:
    assert article_text(FERRY) == (
        "Ferry  returns to the ísland\n\n"
        "Crossings resume after three weeks\n\n"
        "By Ana Ruiz, Tom Berg · 3 March 2024, 20:15 UTC-05:00 · 4 min read\n\n"
        "The island ferry resumed its crossings on Friday.\n\n"
        "# Not a heading, 1. not a list <script>alert(1)</script> and a `tick`\n\n"
        "1. Nor is this a list; > nor a quote\n\n"
        "[Click here](javascript:alert(1)), *not emphasis*, snake_case and a \\ backslash\n"
    )


@pytest.mark.parametrize(
    ("article", "name"),
    [
        (FERRY, "2024-03-03-ferry-returns-to-the-island.md"),
        (
            Article(title="Café [/] ../../etc/passwd", published=date(2023, 1, 2)),
            "2023-01-02-cafe-etc-passwd.md",
        ),
        # Letters of every script are kept (the headline was dropped from the name).
        (Article(title="Тиждень у місті", published=date(2024, 4, 5)), "2024-04-05-тиждень-у-місті.md"),
        (Article(title="Київ: «Ї» — не «І»"), "київ-ї-не-і.md"),
        (Article(title="東京で大雨 交通に乱れ"), "東京で大雨-交通に乱れ.md"),
        (Article(title="«» — !!"), "article.md"),
        (Article(title="word " * 40), "-".join(["word"] * 16) + ".md"),
    ],
)
def test_file_names_are_the_date_and_the_headline_in_safe_letters(article: Article, name: str) -> None:
    assert file_name(article) == name


def test_an_export_never_overwrites_another_file(tmp_path: Path) -> None:
    first = export_article(FERRY, tmp_path)
    assert first == tmp_path / "2024-03-03-ferry-returns-to-the-island.md"
    assert first.read_text("utf-8") == article_markdown(FERRY)
    assert export_article(FERRY, tmp_path) == first  # the same export again: the same file
    changed = Article(**{**{f: getattr(FERRY, f) for f in FERRY.__slots__}, "body": ("Updated.",)})
    second = export_article(changed, tmp_path)
    assert second == tmp_path / "2024-03-03-ferry-returns-to-the-island-2.md"
    assert first.read_text("utf-8") == article_markdown(FERRY)
    assert second.read_text("utf-8") == article_markdown(changed)


def test_an_export_to_a_folder_that_is_not_one_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("mine")
    with pytest.raises(OSError):
        export_article(FERRY, blocker)
    assert blocker.read_text() == "mine"


def test_the_saved_page_line_never_holds_terminal_escapes() -> None:
    from dataclasses import replace

    hostile = replace(FERRY, source="/pages/\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m.txt")
    assert article_markdown(hostile).endswith("Saved page: /pages/red.txt\n")


def test_an_article_from_a_file_whose_name_is_not_utf8_is_exported_with_the_name_shown(
    tmp_path: Path,
) -> None:
    article = Article(
        title="Café owners win appeal", body=("One.",), source=os.fsdecode(b"/pages/caf\xe9.txt")
    )
    path = export_article(article, tmp_path)
    assert path.read_text("utf-8").endswith("Saved page: /pages/caf\ufffd.txt\n")
