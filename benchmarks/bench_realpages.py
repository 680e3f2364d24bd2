"""The parser on real web pages: the shared scorer, on the part of the dev set used
for tuning and on the held-out part nobody looks at while tuning.

The pages are third-party text and stay in ../shared/realpages/ (never in this
repository); this script only reads them and prints figures. A page is held out when
the first byte of the blake2b digest of its name is 0-2 modulo 10 (about 30% of each
set): `is_held_out` is the one rule, used by the training tool too.

Run: python benchmarks/bench_realpages.py [--root ../shared/realpages] [--reader CMD]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent.parent / "shared" / "realpages"
SETS = ("readability", "trafilatura")

# What the issue measures, by the scorer's summary keys, with the targets.
MEASURES = [
    ("readability", "real_f1", "readability: body F1, real pages", 0.93),
    ("readability", "whole_text_f1", "readability: body F1 of the whole page text (floor)", None),
    ("readability", "title_visible", "readability: title right where the page shows it", 0.90),
    ("readability", "byline", "readability: byline right", 0.80),
    ("readability", "date", "readability: date right", 0.90),
    ("readability", "authors_in_byline", "readability: parsed authors found in the byline", 0.90),
    ("trafilatura", "with", 'trafilatura: "with" snippets found', 0.95),
    ("trafilatura", "without", 'trafilatura: "without" snippets absent', 0.90),
    ("trafilatura", "page_accuracy", "trafilatura: pages fully right", 0.70),
    ("readability", "wrong_block", "real pages whose body is a wrong block (F1 < 0.1)", 0),
]


def is_held_out(name: str) -> bool:
    """Whether a page belongs to the held-out part of the dev set."""
    return hashlib.blake2b(name.encode(), digest_size=4).digest()[0] % 10 < 3


def _split_root(root: Path, held_out: bool, into: Path) -> None:
    """A scorer root holding one part of each set: links to its pages, its truth."""
    for name in SETS:
        truth = json.loads((root / name / "truth.json").read_text("utf-8"))
        part = {key: value for key, value in truth.items() if is_held_out(key) == held_out}
        pages = into / name / "pages"
        pages.mkdir(parents=True)
        for key in part:
            source = root / name / "pages" / f"{key}.txt"
            if source.exists():
                (pages / source.name).symlink_to(source)
        (into / name / "truth.json").write_text(json.dumps(part, ensure_ascii=False), "utf-8")


def score(root: Path, reader: str, held_out: bool) -> dict[str, dict[str, float]]:
    """The scorer's summaries for one part of the dev set."""
    with tempfile.TemporaryDirectory(prefix="reader-realpages-") as folder:
        part = Path(folder) / "root"
        _split_root(root, held_out, part)
        out = Path(folder) / "scores.json"
        subprocess.run(
            [sys.executable, str(root / "score.py"), reader, "--root", str(part), "--json", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        scores = json.loads(out.read_text("utf-8"))
    return {name: scores[name]["summary"] for name in SETS}


def main(root: Path = DEFAULT_ROOT, reader: str | None = None) -> list[tuple[str, str, str, str]]:
    """Rows of (measure, tuning part, held-out part, target)."""
    command = reader or f"{shlex.quote(sys.executable)} -m reader"
    parts = {held_out: score(root, command, held_out) for held_out in (False, True)}
    rows = []
    for name, key, label, target in MEASURES:
        figures = [parts[held_out][name].get(key) for held_out in (False, True)]
        shown = [f"{value:.3f}" if isinstance(value, float) else f"{value}" for value in figures]
        if key == "wrong_block":
            shown = [
                f"{value} of {parts[h][name]['real_pages']}"
                for value, h in zip(figures, (False, True), strict=True)
            ]
            wanted = "none"
        else:
            wanted = f"≥ {target:.2f}" if target is not None else ""
        rows.append((label, shown[0], shown[1], wanted))
        print(f"{label:55s} tuning {shown[0]:>10s}  held out {shown[1]:>10s}  {wanted}", flush=True)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the realpages folder")
    parser.add_argument("--reader", help="the reader command (default: this Python's `-m reader`)")
    args = parser.parse_args()
    if not (args.root / "score.py").exists():
        sys.exit(f"no scorer at {args.root / 'score.py'}")
    main(args.root, args.reader)
