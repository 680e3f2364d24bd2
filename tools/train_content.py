"""Train the line model of reader/parse/content.py and write its weights.

A developer's tool, not part of the reader: it needs scikit-learn (and trafilatura to
label pages that only have snippets), which the reader never imports:

    pip install scikit-learn trafilatura lxml_html_clean
    python tools/train_content.py [--root ../shared/realpages] [--silver /tmp/silver]

What a line is, is learned from pages whose article is known:
- the readability set: a line is article text when it is one of the expected body's
  paragraphs, or a long line inside it;
- the trafilatura set: trafilatura's own extraction from the page's HTML (kept in
  --silver, made on first use), corrected by the page's "with" and "without" snippets;
- the team's own pages (sample_articles/, tests/heldout*/) and their expected bodies.

Only the tuning part of the dev set is used (`is_held_out` in
benchmarks/bench_realpages.py keeps about 30% of it out, for measuring). The
weights file holds numbers only: no page text, no words.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.bench_realpages import DEFAULT_ROOT, is_held_out  # noqa: E402
from reader.parse.content import FEATURES, line_shapes  # noqa: E402
from reader.parse.decode import decode_bytes  # noqa: E402
from reader.parse.page_lines import mark_chrome  # noqa: E402

WEIGHTS = HERE.parent / "reader" / "parse" / "content_weights.json"
_WORDS = re.compile(r"\w+")
_LONG = 25  # a line this long that occurs inside the body is body, though not a paragraph of it


def fold(text: str) -> str:
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).lower()))


def silver(root: Path, folder: Path, name: str) -> str:
    """trafilatura's extraction of a trafilatura-set page, from its HTML (kept)."""
    kept = folder / f"{name}.txt"
    if kept.exists():
        return kept.read_text("utf-8")
    import trafilatura  # only here: labelling needs it, the reader never does

    html = gzip.decompress((root / "trafilatura" / "html" / f"{name}.html.gz").read_bytes())
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    folder.mkdir(parents=True, exist_ok=True)
    kept.write_text(text, "utf-8")
    return text


def labelled(texts: list[str], body: str, keep: list[str] = (), drop: list[str] = ()) -> list[int | None]:
    """1 for article text, 0 for the rest, None for blank lines."""
    whole = fold(body)
    paragraphs = {fold(p) for p in re.split(r"\n+", body)}
    keep_f = [fold(k) for k in keep if fold(k)]
    drop_f = [fold(d) for d in drop if fold(d)]
    labels: list[int | None] = []
    for text in texts:
        line = fold(text)
        if not line:
            labels.append(None)
            continue
        label = int(line in paragraphs or (len(line) >= _LONG and line in whole))
        if any(k in line for k in keep_f):
            label = 1
        elif any(d in line for d in drop_f):
            label = 0
        labels.append(label)
    return labels


def pages(root: Path, silver_folder: Path) -> Iterator[tuple[str, str, str, list[int | None]]]:
    """(set, name, page text, line labels) of every page to learn from."""
    truth = json.loads((root / "readability" / "truth.json").read_text("utf-8"))
    for name, page in sorted(truth.items()):
        path = root / "readability" / "pages" / f"{name}.txt"
        if is_held_out(name) or not path.exists():
            continue
        text, _ = decode_bytes(path.read_bytes(), str(path))
        yield "readability", name, text, labelled(text.split("\n"), page["body"])
    truth = json.loads((root / "trafilatura" / "truth.json").read_text("utf-8"))
    for name, page in sorted(truth.items()):
        path = root / "trafilatura" / "pages" / f"{name}.txt"
        if is_held_out(name) or not path.exists():
            continue
        text, _ = decode_bytes(path.read_bytes(), str(path))
        body = silver(root, silver_folder, name)
        labels = labelled(text.split("\n"), body, page.get("with", []), page.get("without", []))
        yield "trafilatura", name, text, labels
    # The team's pages: the samples (expected results in tests/expected/) and the
    # held-out sets (each page's expected result beside it).
    team = [(HERE.parent / "sample_articles", HERE.parent / "tests" / "expected")]
    team += [(folder, folder) for folder in sorted((HERE.parent / "tests").glob("heldout*"))]
    for folder, expected_folder in team:
        for path in sorted(folder.glob("*.txt")):
            expected = expected_folder / f"{path.stem}.json"
            if not expected.exists():
                continue
            text, _ = decode_bytes(path.read_bytes(), str(path))
            body = "\n".join(json.loads(expected.read_text("utf-8"))["body"])
            yield "team", path.stem, text, labelled(text.split("\n"), body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--silver", type=Path, default=Path("/tmp/reader-silver"))
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows: list[list[float]] = []
    targets: list[int] = []
    sample_weights: list[float] = []
    # The team's pages are few and exact, readability's are hand-checked: they count more.
    weight_of = {"readability": 3.0, "trafilatura": 1.0, "team": 3.0}
    count = 0
    for kind, _name, text, labels in pages(args.root, args.silver):
        count += 1
        lines = mark_chrome(text)
        shapes = line_shapes(lines.text, lines.norm, lines.chrome)
        for k, i in enumerate(shapes.indices):
            label = labels[i] if i < len(labels) else None
            if label is None:
                continue
            rows.append([column[k] for column in shapes.columns])
            targets.append(label)
            sample_weights.append(weight_of[kind])
    x = np.array(rows)
    y = np.array(targets)
    print(f"{count} pages, {len(y):,} lines, {y.mean():.1%} article text")
    model = LogisticRegression(C=args.c, max_iter=5000, fit_intercept=False)
    model.fit(x, y, sample_weight=np.array(sample_weights))
    accuracy = (model.predict(x) == y).mean()
    print(f"accuracy on the lines learned from: {accuracy:.3f}")
    learned = {name: round(float(w), 5) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    WEIGHTS.write_text(json.dumps({"model": "logistic", "weights": learned}, indent=1) + "\n", "utf-8")
    print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
