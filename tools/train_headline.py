"""Train the headline model of reader/parse/headline.py and write its weights.

A developer's tool, not part of the reader (it needs numpy and scipy):

    pip install numpy scipy
    python tools/train_headline.py [--root ../shared/realpages]

Each page whose headline is known is parsed as the reader parses it; the lines the
headline is chosen from are weighed (`headline_shapes`), and a line is a headline
when its words are those of the known one (the dev set scorer's loose match: 80%
of their words in common). Pages learned from: the readability and trafilatura sets
(the headline where the page shows it), and the team's own pages with their
expected results. Only the tuning part of the dev set is used (`is_held_out` keeps
about 30% out, for measuring). The weights file holds numbers only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import reader.parse.article as article_module  # noqa: E402
from benchmarks.bench_realpages import DEFAULT_ROOT, is_held_out  # noqa: E402
from reader.parse.decode import decode_bytes  # noqa: E402
from reader.parse.header import headline_inputs  # noqa: E402
from reader.parse.headline import HEADLINE_FEATURES, headline_shapes  # noqa: E402

WEIGHTS = HERE.parent / "reader" / "parse" / "headline_weights.json"


def scorer(root: Path) -> ModuleType:
    """The dev set's scorer, for its headline matching."""
    spec = importlib.util.spec_from_file_location("score", root / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages(root: Path, score: ModuleType) -> Iterator[tuple[str, str, str]]:
    """(kind, page text, its headline) of every page to learn from."""
    for kind in ("readability", "trafilatura"):
        truth = json.loads((root / kind / "truth.json").read_text("utf-8"))
        for name, page in sorted(truth.items()):
            path = root / kind / "pages" / f"{name}.txt"
            title = (page.get("title") or "").strip()
            if is_held_out(name) or page.get("fixture") or not title or not path.exists():
                continue
            text, _ = decode_bytes(path.read_bytes(), str(path))
            if kind == "readability":
                title = score.visible_title(title, text) or ""
            if title:
                yield kind, text, title
    team = [(HERE.parent / "sample_articles", HERE.parent / "tests" / "expected")]
    team += [(folder, folder) for folder in sorted((HERE.parent / "tests").glob("heldout*"))]
    for folder, expected_folder in team:
        for path in sorted(folder.glob("*.txt")):
            expected = expected_folder / f"{path.stem}.json"
            if expected.exists():
                title = json.loads(expected.read_text("utf-8")).get("title")
                if title:
                    yield "team", decode_bytes(path.read_bytes(), str(path))[0], title


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--c", type=float, default=10.0, help="inverse regularisation strength")
    args = parser.parse_args()
    score = scorer(args.root)
    seen: list[tuple[object, list[int], int]] = []
    read_header = article_module.read_header

    def spy(lines, content, body):  # type: ignore[no-untyped-def]
        seen.append((lines, content, body))
        return read_header(lines, content, body)

    article_module.read_header = spy  # type: ignore[assignment]
    groups: list[tuple[list[list[float]], list[int], float]] = []
    weight_of = {"readability": 1.0, "trafilatura": 1.0, "team": 1.0}
    learned_from = 0
    for kind, text, title in pages(args.root, score):
        seen.clear()
        article_module.parse_text(text, "page.txt", datetime(2024, 1, 1))
        if not seen:
            continue
        lines, content, body = seen[0]  # the article's header (later ones are of other segments)
        found = headline_inputs(lines, content, body)  # type: ignore[arg-type]
        if found is None:
            continue
        first, shapes = headline_shapes(lines, found)  # type: ignore[arg-type]
        texts = lines.text  # type: ignore[attr-defined]
        labels = [
            int(_loose(score, title, texts[found.candidates[pos]]))
            for pos in range(first, len(found.candidates))
        ]
        if any(labels) and weight_of[kind]:
            learned_from += 1
            groups.append((shapes, labels, weight_of[kind]))
    print(f"{learned_from} pages whose headline is among the lines weighed")
    weights = _choice_model(groups, 1 / args.c)
    learned = {name: round(float(w), 5) for name, w in zip(HEADLINE_FEATURES, weights, strict=True)}
    WEIGHTS.write_text(json.dumps({"model": "logistic", "weights": learned}, indent=1) + "\n", "utf-8")
    print(f"wrote {WEIGHTS}")


def _choice_model(groups: list[tuple[list[list[float]], list[int], float]], penalty: float) -> list[float]:
    """Weights under which each page's headline outscores the page's other lines: a
    conditional logit (a softmax over each page's lines, the headline's share of it
    made as large as can be), as the reader takes the line that scores highest."""
    import numpy as np
    from scipy.optimize import minimize

    pages = [(np.array(rows), np.array(labels, dtype=bool), weight) for rows, labels, weight in groups]
    size = pages[0][0].shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = penalty * float(w @ w) / 2, penalty * w
        for x, right, weight in pages:
            z = x @ w
            top = z.max()
            p = np.exp(z - top)
            all_sum, right_sum = p.sum(), p[right].sum()
            total -= weight * (np.log(right_sum) - np.log(all_sum))
            grad = grad - weight * ((p[right] @ x[right]) / right_sum - (p @ x) / all_sum)
        return total, grad

    return list(minimize(loss, np.zeros(size), jac=True, method="L-BFGS-B").x)


def _loose(score: ModuleType, want: str, got: str) -> bool:
    a, b = score.title_tokens(want), score.title_tokens(got)
    return bool(a | b) and len(a & b) / len(a | b) >= 0.8


if __name__ == "__main__":
    main()
