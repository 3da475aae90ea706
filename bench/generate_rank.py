"""Analyse the labelled candidates of `python -m app generate` and fit the ranker's weights
(app/generate/rank.py): the keep-rate per feature, a logistic regression fitted with numpy,
and leave-one-round-out figures (fit without one held-out round's articles, draft those
articles with that fit, count their drafts' labels).

    .venv/bin/python -m bench.generate_rank            # keep-rate per feature
    .venv/bin/python -m bench.generate_rank --fit      # the weights to paste into rank.py
    .venv/bin/python -m bench.generate_rank --loro     # leave one round out
    .venv/bin/python -m bench.generate_rank --loro --unlabelled  # its drafts with no label

Every candidate of the current rules (not only the drafted ones) whose content hash has a
label counts. "First labels" are the labels each held-out set received first, before anyone
tuned on it (rounds 1-9, read from the commits that labelled them); they are the unbiased
sample. "All labels" are the tuning set's labels (tests/articles/labels.tsv: earlier
held-out sets once seen, drafts relabelled after tuning, leave-one-round-out drafts). The
current held-out set (tests/articles/heldout/) is never read.
"""

from __future__ import annotations

import argparse
import subprocess
from collections import Counter
from pathlib import Path

import numpy as np

from app.generate import all_candidates, extract_facts
from app.generate.points import is_main_point, read_points
from app.generate.rank import FEATURES, features
from app.generate.review import Label, content_hash, read_labels

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
# The commits that gave each held-out round its first labels.
FIRST_LABELS = {
    1: "faff51a",
    2: "18e4a9a",
    3: "7b22582",
    4: "15daa4e",
    5: "f128796",
    6: "981c804",
    7: "3de921a",
    8: "cd9dc1c",
    9: "f8cf033",
}


def first_labels() -> dict[tuple[str, str], tuple[int, Label]]:
    found: dict[tuple[str, str], tuple[int, Label]] = {}
    for rnd, commit in FIRST_LABELS.items():
        text = subprocess.run(
            ["git", "show", f"{commit}:tests/articles/heldout/labels.tsv"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        tmp = Path(f"/tmp/first-labels-{rnd}.tsv")
        tmp.write_text(text, encoding="utf-8")
        for key, label in read_labels(tmp).items():
            found[key] = (rnd, label)
    return found


def articles() -> dict[str, Path]:
    """The tuning set's articles (a held-out set never feeds the fit)."""
    return {p.stem: p for p in sorted(ARTICLES.glob("*.txt"))}


def rows() -> list[dict]:
    """One row per candidate: article, round (0 for the tuning set's own articles), features,
    first label and any label."""
    first = first_labels()
    rounds = {stem: rnd for (stem, _), (rnd, _) in first.items()}
    labels = read_labels(ARTICLES / "labels.tsv")
    out = []
    for stem, path in articles().items():
        facts = extract_facts(path.read_text(encoding="utf-8"))
        pf = path.with_suffix(".points")
        points = read_points(pf) if pf.exists() else ()
        for c in all_candidates(facts, 0):
            h = content_hash(c.question)
            fl = first.get((stem, h))
            al = labels.get((stem, h)) or (fl[1] if fl else None)
            out.append(
                {
                    "article": stem,
                    "round": rounds.get(stem, 0),
                    "f": features(c, facts),
                    "main": is_main_point(c.question, points),
                    "first": fl[1] if fl else None,
                    "label": al,
                }
            )
    return out


def analyse(data: list[dict]) -> None:
    def rate(sub: list[dict], which: str) -> str:
        if which == "main":
            return f"{sum(r['main'] for r in sub) / max(1, len(sub)):4.0%} /{len(sub):4d}"
        lab = [r[which] for r in sub if r[which] is not None]
        if not lab:
            return "   -      "
        k = sum(lb.label == "keep" for lb in lab)
        return f"{k / len(lab):4.0%} /{len(lab):4d}"

    def line(name: str, sub: list[dict]) -> None:
        print(f"| {name} | {rate(sub, 'first')} | {rate(sub, 'label')} | {rate(sub, 'main')} |")

    print("| feature | first labels: keep / n | all labels: keep / n | candidates: main / n |")
    print("|---|---|---|---|")
    line("(all)", data)
    for name in FEATURES:
        if name not in ("weight", "mentions_in_sentence"):
            line(name, [r for r in data if r["f"][name]])
    line("main point (.points)", [r for r in data if r["main"]])
    line("not a main point", [r for r in data if not r["main"]])
    for lo, hi in ((-9, 0.5), (0.5, 1.0), (1.0, 1.5), (1.5, 2.0), (2.0, 2.5), (2.5, 3.0), (3.0, 9)):
        line(f"weight {lo}..{hi}", [r for r in data if lo <= r["f"]["weight"] < hi])
    for n in range(1, 5):
        line(
            f"{n}{'+' if n == 4 else ''} items in sentence",
            [r for r in data if r["f"]["mentions_in_sentence"] == n],
        )
    reasons = Counter(r["first"].reason for r in data if r["first"] is not None)
    print("\nfirst labels' reasons (of candidates still made):", dict(reasons.most_common()))


def fit(data: list[dict], l2: float = 2.0) -> tuple[tuple[float, dict[str, float]], ...]:
    """Two fits: of being kept (on labelled rows) and of asking a main point (every row)."""
    lab = [r for r in data if r["label"] is not None]
    keep = _logistic(lab, [float(r["label"].label == "keep") for r in lab], l2)
    main = _logistic(data, [float(r["main"]) for r in data], l2)
    return keep, main


def _logistic(rows: list[dict], target: list[float], l2: float) -> tuple[float, dict[str, float]]:
    """L2-penalised logistic regression (Newton's method)."""
    x = np.array([[1.0] + [r["f"][n] for n in FEATURES] for r in rows])
    y = np.array(target)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), {n: round(float(v), 3) for n, v in zip(FEATURES, w[1:], strict=False)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--loro", action="store_true")
    parser.add_argument("--unlabelled", action="store_true")
    args = parser.parse_args()
    data = rows()
    if args.fit:
        for name, (intercept, weights) in zip(("KEEP", "MAIN"), fit(data), strict=False):
            print(f"{name}_INTERCEPT = {intercept:.3f}")
            print(f"{name} = {{")
            for k, v in weights.items():
                if v:
                    print(f'    "{k}": {v},')
            print("}")
        return
    if args.loro:
        from bench.generate_loro import loro

        loro(data, fit, args.unlabelled)
        return
    analyse(data)


if __name__ == "__main__":
    main()
