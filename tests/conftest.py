"""Shared test helpers: where the sample pages and their expected parses live."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from reader.model import page_to_json
from reader.parse.article import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
EXPECTED = Path(__file__).resolve().parent / "expected"
# Pages written by people who had not seen the parser: its measure of generality.
HELDOUT = [
    Path(__file__).resolve().parent / name
    for name in (
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "webpages",
    )
]
SEED = ROOT.parent / "shared" / "seeds" / "000_834bd0f66e6c271b.txt"
FIELDS = ("title", "subtitle", "authors", "published", "read_minutes", "category", "body", "feed")


def parsed_fields(data: bytes, captured: datetime, source: str = "page.txt") -> dict:
    """The `reader parse --json` fields of a page, without source and warnings."""
    result = page_to_json(parse_bytes(data, source, captured))
    return {key: result[key] for key in FIELDS}


def expected_fields(path: Path) -> tuple[datetime, dict]:
    """The capture time and expected fields stored in an expectation file."""
    expected = json.loads(path.read_text("utf-8"))
    return datetime.fromisoformat(expected["captured"]), {key: expected[key] for key in FIELDS}


@pytest.fixture(autouse=True)
def _own_user_folders(monkeypatch, tmp_path_factory) -> None:
    """Tests never touch the parse cache, the reading state, the library or the
    settings of whoever runs them."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def seed_bytes() -> bytes:
    if not SEED.exists():
        pytest.skip("the reference page in ../shared/seeds is not beside this checkout")
    return SEED.read_bytes()
