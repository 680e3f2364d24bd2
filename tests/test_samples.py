"""Every bundled sample page (and every held-out page) parses to its expected result,
compared whole, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXPECTED, HELDOUT, SAMPLES, expected_fields, parsed_fields

CASES = [(SAMPLES / f"{p.stem}.txt", p) for p in sorted(EXPECTED.glob("*.json"))] + [
    (p.with_suffix(".txt"), p) for folder in HELDOUT for p in sorted(folder.glob("*.json"))
]


def test_every_sample_has_an_expectation() -> None:
    samples = {p.stem for p in SAMPLES.glob("*.txt")}
    assert len(samples) >= 12
    assert samples == {p.stem for p in EXPECTED.glob("*.json")}


@pytest.mark.parametrize(("page", "expectation"), CASES, ids=[p.stem for p, _ in CASES])
def test_page_parses_as_expected(page: Path, expectation: Path) -> None:
    captured, expected = expected_fields(expectation)
    assert parsed_fields(page.read_bytes(), captured) == expected
