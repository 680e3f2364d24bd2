"""The line model and the fast paths the parser takes: each gives what its plain
counterpart gives."""

from __future__ import annotations

import json
import math
import re
from importlib.resources import files

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.parse.content import FEATURES, line_scores, line_shapes, weights
from reader.parse.decode import decode_bytes
from reader.parse.headline import HEADLINE_FEATURES
from reader.parse.lines import _CREDIT_INSIDE, is_prose, is_running_text, lines_containing, unspaced_share
from reader.parse.page_lines import mark_chrome
from reader.parse.phrases import Affixes, Folded, normalise, phrases
from tests.conftest import EXPECTED, HELDOUT, SAMPLES, parsed_fields
from tests.test_parser_rules import BODY, CAPTURED, empty, page

TEAM_PAGES = sorted(SAMPLES.glob("*.txt")) + [p for folder in HELDOUT for p in sorted(folder.glob("*.txt"))]


def test_the_weights_are_numbers_for_the_features_and_nothing_else() -> None:
    data = json.loads(files("reader.parse").joinpath("content_weights.json").read_text("utf-8"))
    assert set(data) == {"model", "weights"}
    assert set(data["weights"]) == set(FEATURES)
    assert all(isinstance(value, float) and math.isfinite(value) for value in data["weights"].values())


def test_the_headline_weights_are_numbers_for_the_features_and_nothing_else() -> None:
    data = json.loads(files("reader.parse").joinpath("headline_weights.json").read_text("utf-8"))
    assert set(data) == {"model", "weights"}
    assert set(data["weights"]) == set(HEADLINE_FEATURES)
    assert all(isinstance(value, float) and math.isfinite(value) for value in data["weights"].values())


def test_line_by_line_scores_are_the_columns_weighed() -> None:
    assert EXPECTED.exists() and len(TEAM_PAGES) > 100
    for path in TEAM_PAGES:
        text, _ = decode_bytes(path.read_bytes(), str(path))
        lines = mark_chrome(text)
        fast = line_scores(lines.text, lines.norm, lines.chrome)
        shapes = line_shapes(lines.text, lines.norm, lines.chrome)
        assert list(fast) == [i for i in shapes.indices if not lines.chrome[i]]
        for k, i in enumerate(shapes.indices):
            if lines.chrome[i]:
                continue
            z = sum(w * column[k] for w, column in zip(weights(), shapes.columns, strict=True))
            assert math.isclose(fast[i], 1 / (1 + math.exp(-max(-60.0, min(60.0, z)))), abs_tol=1e-12), path


def test_a_page_without_text_has_no_scores() -> None:
    assert line_scores(["", ""], ["", ""], [False, False]) == {}
    assert line_shapes([], [], []).indices == []


def test_article_lines_score_above_the_furniture_around_them() -> None:
    text = "\n".join(
        [
            *["Home", "World", "Business", "Sport", "Subscribe"],
            "",
            "Tram line approved after a long night",
            "",
        ]
        + [line for paragraph in BODY for line in (paragraph, "")]
        + ["Terms of use", "Privacy policy", "Contact us"]
    )
    lines = mark_chrome(text)
    scores = line_scores(lines.text, lines.norm, lines.chrome)
    body = [scores[lines.text.index(paragraph)] for paragraph in BODY]
    # (lines the phrase lists mark as chrome get no score: nothing asks for one)
    furniture = [scores[i] for i, line in enumerate(lines.text) if line and line not in BODY and i in scores]
    assert len(furniture) >= 5
    assert min(body) > max(furniture)


_LINES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_prose_is_judged_the_same_on_the_fast_path(line: str) -> None:
    line = " ".join(line.split())
    assert is_prose(line) == is_running_text(line, unspaced_share(line))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=12), st.sampled_from(sorted(phrases().chrome_containing)))
def test_furniture_phrases_found_page_wide_are_those_in_each_line(lines: list[str], phrase: str) -> None:
    norms = [normalise(line) for line in [*lines[:3], f"x {phrase} y", *lines[3:]]]
    wanted = {
        i
        for i, norm in enumerate(norms)
        if any(p in norm for p in (*phrases().chrome_containing, *_CREDIT_INSIDE))
    }
    assert lines_containing(norms) == wanted


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


WORDS = ["Updated", "Published", "März", "ΜΑΡΤΊΟΥ", "İstanbul", "straße", "Σεπτεμβρίου"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "x", "İ", "ß", "Σ", "2024"]), max_size=12))
def test_folded_patterns_find_what_ignorecase_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    folded = Folded(lambda alternation: rf"(?:{alternation(WORDS)})(?!\w)")
    plain = re.compile(rf"(?:{_alternation(WORDS)})(?!\w)", re.IGNORECASE)
    got, wanted = folded.search(text), plain.search(text)
    assert (got is None) == (wanted is None)
    if got is not None and wanted is not None:
        assert got.span() == wanted.span()
        assert [m.span() for m in folded.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_affixes_match_as_startswith_and_endswith_do(line: str) -> None:
    norm = normalise(line)
    for affixes in (phrases().chrome_prefixes, phrases().label_prefixes, phrases().terminator_prefixes):
        assert affixes.match(norm) == norm.startswith(affixes.phrases)
        assert affixes.match(f"{affixes.phrases[0]}{norm}")
    suffixes = phrases().chrome_suffixes
    assert suffixes.match(norm) == norm.endswith(suffixes.phrases)
    assert Affixes(("ab", "b"), end=True).match(f"{norm}b")


def test_a_site_name_beside_the_headline_is_taken_off() -> None:
    data = page(
        "The Lakeside Ledger",
        "Sections",
        "",
        "Tram line approved after a long night | The Lakeside Ledger",
        "",
        BODY[0],
        "",
        BODY[1],
        "",
        "© 2024 The Lakeside Ledger",
    )
    assert parsed_fields(data, CAPTURED) == empty(title="Tram line approved after a long night", body=BODY)


def test_a_kicker_before_the_headline_stays() -> None:
    data = page(
        "Transport",
        "",
        "Transport — Tram line approved after a long night",
        "",
        BODY[0],
        "",
        BODY[1],
    )
    assert parsed_fields(data, CAPTURED) == empty(
        title="Transport — Tram line approved after a long night", category="Transport", body=BODY
    )


def test_japanese_paragraphs_are_running_text() -> None:
    paragraph = "市は今年の秋漁に向け、港の岸壁の改修も進める。市長は「水産業は町の柱だ」と話した。"
    assert is_prose(paragraph)
    assert not is_prose("市長選挙の結果")


def test_a_short_bulleted_list_in_the_article_stays() -> None:
    items = ["- 200 g flour", "- 2 eggs", "- a pinch of salt"]
    data = page(
        "Tram line approved after a long night",
        "",
        BODY[0],
        "",
        "The council's list of what the first phase needs:",
        *items,
        "",
        BODY[1],
    )
    body = [BODY[0], "The council's list of what the first phase needs:", *items, BODY[1]]
    assert parsed_fields(data, CAPTURED) == empty(title="Tram line approved after a long night", body=body)


def test_a_share_bar_inside_the_article_goes() -> None:
    data = page(
        "Tram line approved after a long night", "", BODY[0], "", "Share", "Email", "Print", "", BODY[1]
    )
    assert parsed_fields(data, CAPTURED) == empty(title="Tram line approved after a long night", body=BODY)


def test_the_model_ends_sentences_as_the_lines_do() -> None:
    from reader.parse import content, lines

    assert set(lines._STOPS) == content._STOPS
    assert set(lines._STOPS) | set(lines._CLOSERS) == content._ENDINGS
