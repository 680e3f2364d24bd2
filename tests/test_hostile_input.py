"""Bad input: odd encodings, control characters, escape sequences, empty, binary,
oversized and unreadable files. Each gives a page or a ParseError naming the file."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from reader.library.files import LoadFailure, find_page_files, load_pages, read_page
from reader.model import ParseError
from reader.parse.article import parse_bytes
from reader.parse.decode import clean_text, decode_bytes

CAPTURED = datetime(2024, 5, 1, 12, 0)
PAGE = (
    "Headline about the harbour’s new ferry — café reopens\n\n"
    "The harbour’s new ferry began service on Monday, carrying more than four hundred passengers "
    "across the bay on its first day, the operator said.\n\n"
    "Officials said the café at the pier would reopen next week after a long renovation.\n"
)


def title_and_body(data: bytes) -> tuple[str, list[str], list[str]]:
    page = parse_bytes(data, "page.txt", CAPTURED)
    assert page.article is not None
    return page.article.title, list(page.article.body), list(page.warnings)


def test_utf8_with_and_without_bom_give_the_same_page() -> None:
    plain = title_and_body(PAGE.encode("utf-8"))
    assert title_and_body(b"\xef\xbb\xbf" + PAGE.encode("utf-8")) == plain
    assert plain[0] == "Headline about the harbour’s new ferry — café reopens"
    assert plain[2] == []


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(ending: str) -> None:
    data = PAGE.replace("\n", ending).encode("utf-8")
    assert title_and_body(data) == title_and_body(PAGE.encode("utf-8"))


def test_cp1252_is_decoded_with_a_warning_naming_the_file() -> None:
    title, body, warnings = title_and_body(PAGE.encode("cp1252"))
    assert title == "Headline about the harbour’s new ferry — café reopens"
    assert warnings == ["page.txt: not UTF-8, decoded as cp1252"]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    data = PAGE.encode("latin-1", errors="replace").replace(b"caf", b"\x81caf")
    _, _, warnings = title_and_body(data.replace("’".encode(), b"'"))
    assert warnings == ["page.txt: not UTF-8, decoded as latin-1"]


def test_cyrillic_cp1251_is_recognised() -> None:
    text = "Міська рада ухвалила бюджет на наступний рік\n\n" + (
        "Депутати проголосували за бюджет після довгого обговорення, який передбачає "
        "нові витрати на ремонт шкіл і доріг у місті.\n"
    )
    title, body, warnings = title_and_body(text.encode("cp1251"))
    assert title == "Міська рада ухвалила бюджет на наступний рік"
    assert body == [text.split("\n")[2]]
    assert warnings == ["page.txt: not UTF-8, decoded as cp1251"]


def test_utf16_with_bom() -> None:
    title, _, warnings = title_and_body(PAGE.encode("utf-16"))
    assert title.startswith("Headline about the harbour")
    assert warnings == ["page.txt: decoded as UTF-16"]


def test_control_characters_are_stripped_keeping_tab_and_newline() -> None:
    assert clean_text("a\x00b\x07c\td\ne\x7ff\x85g\x8ah\x0bi") == "abc\td\nefghi"


def test_terminal_escape_sequences_are_removed_whole() -> None:
    hostile = (
        "Red \x1b[31;1malert\x1b[0m "  # CSI colours
        "\x1b]0;pwned title\x07"  # OSC window title, BEL-terminated
        "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ "  # OSC 8 hyperlink, ST-terminated
        "\x1bPq#0;2;0;0;0\x1b\\"  # DCS (sixel) payload
        "\x9b2J"  # 8-bit CSI clear screen
        "done"
    )
    assert clean_text(hostile) == "Red alert link done"


def test_unterminated_osc_ends_at_the_line_end() -> None:
    assert clean_text("title \x1b]0;evil\nnext line") == "title \nnext line"


def test_invisible_breaks_inside_words_are_removed_but_joiners_kept() -> None:
    assert (
        clean_text("con\u200bfirmed Hel\u00aden sun\u2060day 👩\u200d💻")
        == "confirmed Helen sunday 👩\u200d💻"
    )


def test_bidi_overrides_are_removed_and_text_is_nfc() -> None:
    assert clean_text("abc\u202eevil\u202c \u2066x\u2069") == "abcevil x"
    assert clean_text("cafe\u0301") == "café"


def test_escape_sequences_never_reach_the_article() -> None:
    data = ("Storm \x1b[2Jwarning [b]issued[/b]\n\n" + PAGE.split("\n", 2)[2]).encode()
    title, body, _ = title_and_body(data)
    assert title == "Storm warning [b]issued[/b]"
    assert all("\x1b" not in p for p in body)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", "\u200b".encode()[:0]])
def test_empty_input_is_a_parse_error_naming_the_file(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^page\.txt: empty file$"):
        decode_bytes(data, "page.txt")


def test_only_control_characters_is_no_text() -> None:
    with pytest.raises(ParseError, match=r"^page\.txt: no text$"):
        decode_bytes(b"\x1b[31m\x07\x01", "page.txt")


def test_binary_input_is_a_parse_error() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ParseError, match=r"^image\.txt: binary file"):
        parse_bytes(png, "image.txt", CAPTURED)


def test_oversized_input_is_refused_with_the_limit() -> None:
    with pytest.raises(ParseError, match=r"^big\.txt: too large \(2,001 bytes; the limit is 2,000\)$"):
        parse_bytes(b"x" * 2001, "big.txt", CAPTURED, max_bytes=2000)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"A headline\n\n" + b"word " * 3000)
    with pytest.raises(ParseError, match=r"big\.txt: too large \(15,012 bytes; the limit is 10,000\)"):
        read_page(big, max_bytes=10_000)


def test_unreadable_file_is_a_parse_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(PAGE)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ParseError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        read_page(locked)


def test_broken_symlink_and_fifo_are_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(PAGE)
    results = {Path(r.source).name: r for r in load_pages([tmp_path])}
    assert isinstance(results["gone.txt"], LoadFailure)
    assert "gone.txt: cannot read" in results["gone.txt"].error
    assert results["pipe.txt"] == LoadFailure(
        str(tmp_path / "pipe.txt"), f"{tmp_path / 'pipe.txt'}: not a regular file"
    )
    assert results["good.txt"].article.title.startswith("Headline about the harbour")


def test_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert list(load_pages([missing])) == [LoadFailure(str(missing), f"{missing}: no such file or folder")]


def test_folder_walk_finds_txt_pages_in_name_order_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b/2.txt", "a.TXT", "notes.md", ".hidden/x.txt", "c.txt"]:
        (tmp_path / name).write_text(PAGE)
    sources = [Path(r.source).relative_to(tmp_path).as_posix() for r in load_pages([tmp_path])]
    assert sources == ["a.TXT", "c.txt", "b/2.txt"]


def test_folder_walk_finds_saved_html_pages_but_not_their_resource_folders(tmp_path: Path) -> None:
    for folder in ["story_files", "notes_files", "archive"]:
        (tmp_path / folder).mkdir()
    for name in [
        "story.html",
        "story_files/frame.html",
        "notes_files/x.htm",
        "archive/old.HTM",
        "b.xhtml",
        "c.css",
    ]:
        (tmp_path / name).write_text(PAGE)
    sources = [Path(r.source).relative_to(tmp_path).as_posix() for r in load_pages([tmp_path])]
    # notes_files/ has no notes.html beside it: a folder like any other
    assert sources == ["b.xhtml", "story.html", "archive/old.HTM", "notes_files/x.htm"]


def test_capture_time_is_the_file_modification_time(tmp_path: Path) -> None:
    page_file = tmp_path / "page.txt"
    page_file.write_text(PAGE)
    moment = datetime(2023, 3, 4, 10, 30)
    os.utime(page_file, (moment.timestamp(), moment.timestamp()))
    assert read_page(page_file).captured == moment


def test_parallel_loading_gives_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    from reader.library.pool import PARALLEL_FROM, load_pages_parallel

    for n in range(PARALLEL_FROM + 30):
        (tmp_path / f"{n:04d}.txt").write_text(PAGE.replace("ferry", f"ferry {n}"))
    (tmp_path / "0005.txt").write_bytes(b"\x00binary")
    sequential = list(load_pages(sorted(tmp_path.glob("*.txt"))))
    parallel = list(load_pages_parallel([tmp_path], workers=2))
    assert parallel == sequential
    assert isinstance(parallel[5], LoadFailure)


def test_a_link_to_a_folder_is_neither_walked_nor_read_as_a_page(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("x")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "looks-like-a-page.txt").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "pages" / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    assert list(find_page_files([tmp_path / "pages"])) == []
    assert list(find_page_files([tmp_path / "pages"], with_state=True)) == []


HOSTILE = "\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m"  # sets the terminal's title, draws in red


def test_messages_name_a_hostile_file_without_its_escapes(tmp_path: Path) -> None:
    (tmp_path / f"{HOSTILE}-big.txt").write_text(PAGE * 10)
    (tmp_path / f"{HOSTILE}-link.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / f"{HOSTILE}-nul.txt").write_bytes(b"\x00binary")
    os.mkfifo(tmp_path / f"{HOSTILE}-pipe.txt")
    (tmp_path / f"{HOSTILE}-utf16.txt").write_bytes(
        "\ufeffSkip to content\n\nSubscribe\n".encode("utf-16-le")
    )
    missing = tmp_path / f"{HOSTILE}-missing.txt"
    limit = len(PAGE.encode()) * 5
    results = [*load_pages([tmp_path], max_bytes=limit), *load_pages([missing])]
    messages = [r.error if isinstance(r, LoadFailure) else "; ".join(r.warnings) for r in results]
    shown = f"{tmp_path}/red"
    assert messages == [
        f"{shown}-big.txt: too large ({limit * 2:,} bytes; the limit is {limit:,})",
        f"{shown}-link.txt: cannot read (No such file or directory)",
        f"{shown}-nul.txt: binary file (contains NUL bytes)",
        f"{shown}-pipe.txt: not a regular file",
        f"{shown}-utf16.txt: decoded as UTF-16; {shown}-utf16.txt: no article found",
        f"{shown}-missing.txt: no such file or folder",
    ]
    assert [r.source for r in results] == sorted(str(p) for p in tmp_path.iterdir()) + [str(missing)]
    with pytest.raises(ParseError, match=f"^{shown}-big.txt: too large"):
        parse_bytes(b"x" * 20, str(tmp_path / f"{HOSTILE}-big.txt"), CAPTURED, max_bytes=10)


def refuse_to_list(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """`os.scandir` as for a user who may not read `folders` (chmod 000): the tests run
    as root here, whom no permission stops."""
    real = os.scandir
    blocked = {str(folder) for folder in folders}

    def scandir(path: str) -> object:
        if os.fspath(path) in blocked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_is_a_failure_naming_it(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(PAGE)
    locked = tmp_path / "locked"
    (locked / "deeper").mkdir(parents=True)
    (locked / "b.txt").write_text(PAGE)
    refuse_to_list(monkeypatch, locked)
    failure = LoadFailure(str(locked), f"{locked}: cannot read the folder (Permission denied)")
    assert list(find_page_files([tmp_path])) == [tmp_path / "a.txt", failure]
    assert list(find_page_files([tmp_path], with_state=True))[1:] == [failure]
    assert list(find_page_files([locked])) == [failure]
    assert list(load_pages([locked])) == [failure]


def test_a_file_gone_between_listing_and_reading_is_just_gone(tmp_path: Path) -> None:
    from reader.library.files import Gone, read_one

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(PAGE)
    found = list(find_page_files([tmp_path]))
    found_with_state = find_page_files([tmp_path], with_state=True)
    first = next(found_with_state)  # the folder is listed
    (tmp_path / "b.txt").unlink()
    assert [read_one(path) for path in found][1] == Gone(str(tmp_path / "b.txt"))
    assert [first[0], *(f[0] for f in found_with_state)] == [str(tmp_path / n) for n in ("a.txt", "c.txt")]
    # A broken link is no file gone: it is there, and cannot be read.
    (tmp_path / "b.txt").symlink_to(tmp_path / "nowhere.txt")
    assert isinstance(read_one(tmp_path / "b.txt"), LoadFailure)


def test_a_looping_link_is_passed_over_unless_it_is_named_as_a_page(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "good.txt").write_text(PAGE)
    results = list(load_pages([tmp_path]))
    assert [Path(r.source).name for r in results] == ["good.txt", "loop.txt"]
    assert results[1] == LoadFailure(
        str(tmp_path / "loop.txt"),
        f"{tmp_path / 'loop.txt'}: cannot read (Too many levels of symbolic links)",
    )
    assert list(find_page_files([tmp_path], with_state=True))[1:] == [results[1]]


def test_the_walk_reaches_nothing_through_a_link_to_a_folder_or_a_hidden_one(tmp_path: Path) -> None:
    from reader.library.files import reached_by_walk

    (tmp_path / "real" / ".hidden").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    root = str(tmp_path)
    assert reached_by_walk(f"{root}/real/a.txt", root)
    assert reached_by_walk(f"{root}/real/not-yet/a.txt", root)  # where the walk would go
    assert not reached_by_walk(f"{root}/link/a.txt", root)
    assert not reached_by_walk(f"{root}/real/.hidden/a.txt", root)
    assert not reached_by_walk(f"{root}-other/a.txt", root)
    (tmp_path / "real" / "saved.htm").write_text("<html></html>")
    (tmp_path / "real" / "saved_files").mkdir()
    assert not reached_by_walk(f"{root}/real/saved_files/frame.html", root)
    assert reached_by_walk(f"{root}/real/other_files/page.html", root)


def test_a_file_name_in_a_byline_is_shown_without_escapes_or_undecodable_bytes() -> None:
    from reader.model import Article
    from reader.render.byline import byline

    article = Article(title="Ferry", source="/pages/x.txt", authors=("Ana Ruiz",))
    name = os.fsdecode(b"\x1b]0;PWNED\x07\x1b[41;97mred\x1b[0m caf\xe9\nnotes.txt")
    assert byline(article, more=[name]) == "Ana Ruiz · red caf\ufffd notes.txt"


def test_a_page_of_one_huge_line_gets_a_short_headline_and_keeps_its_text() -> None:
    line = " ".join(f"word{n}" for n in range(700_000))  # 5.4 MB, no newline
    title, body, _ = title_and_body(line.encode()[: 5 * 1024 * 1024])
    assert len(title) <= 300 and title.endswith("…") and title.startswith("word0 word1 ")
    assert title[:-1] == line[: len(title) - 1]  # cut at a word's end: no word cut in half
    assert len(body) == 1 and body[0].startswith(line[:1000]) and len(body[0]) > 5_000_000


def test_a_headline_without_spaces_is_cut_to_the_limit() -> None:
    word = "x" * 20_000
    title, body, _ = title_and_body(
        f"{word}\n\nA first sentence of the body that follows it here.\n".encode()
    )
    assert title == "x" * 299 + "…"
    assert body[0] == word
