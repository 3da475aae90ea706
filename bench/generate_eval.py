"""The keep-rate and main-point share of `python -m app generate` on the labelled articles:
the 103 under tests/articles/ that the rules were tuned on (round 1's held-out set joined them
in round 2, round 2's in round 3, and so on, rounds 10's and 11's in round 12), and the
held-out ones under tests/articles/heldout/, committed before the generator ran on them
and never tuned on (rounds 12 to 22; a held-out set that has been seen joins the tuning
set).

    .venv/bin/python -m bench.generate_eval            # one table per set, a row per article
    .venv/bin/python -m bench.generate_eval --show     # also every draft with its label
    .venv/bin/python -m bench.generate_eval --unlabelled   # label lines to fill in
    .venv/bin/python -m bench.generate_eval --tuning-only  # while tuning: never run the held-out

Drafts are made as `generate` makes them (default --max 20, --seed 0). Each question is
looked up in the `labels.tsv` of its folder by its content hash; a question whose content
changed is unlabelled until someone reads it against its article. A held-out draft that
changed after the set was labelled once is labelled in `labels-later.tsv` instead, and counts
as unlabelled in the held-out table (its later label is not blind). Main points are listed in
`<article>.points` beside each article (see app/generate/points.py).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.generate import DEFAULT_MAX_QUESTIONS, generate_bank
from app.generate.points import read_points
from app.generate.review import Row, content_hash, read_labels, review, summary, table

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "articles"
SETS = {
    "tuning set (tests/articles/)": ARTICLES,
    "held-out set (tests/articles/heldout/)": ARTICLES / "heldout",
}


def evaluate(folder: Path, max_questions: int, seed: int, show: str = "") -> list[Row]:
    """The review of every article in `folder`; prints drafts when `show` is "all" or
    "unlabelled"."""
    labels_file = folder / "labels.tsv"
    labels = read_labels(labels_file) if labels_file.exists() else {}
    later_file = folder / "labels-later.tsv"
    later = read_labels(later_file) if later_file.exists() else {}
    rows, only_later = [], 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        bank = generate_bank(text, article_file=path.name, max_questions=max_questions, seed=seed)
        points_file = path.with_suffix(".points")
        points = read_points(points_file) if points_file.exists() else ()
        rows.append(review(path.stem, bank["questions"], labels, points))
        for q in bank["questions"]:
            h = content_hash(q)
            label = labels.get((path.stem, h))
            if label is None and (path.stem, h) in later:
                only_later += 1  # unlabelled in the table: a later label is not a first one
                label = later[(path.stem, h)]
                if show == "all":
                    print(f"{path.stem}\t{h}\tlater {label.label}\t{label.reason}\t{summary(q)}")
                continue
            if show == "all" or (show == "unlabelled" and label is None):
                mark = f"{label.label}\t{label.reason}" if label else "?\t?"
                print(f"{path.stem}\t{h}\t{mark}\t{summary(q)}")
    if only_later:
        print(
            f"{folder.name}: {only_later} drafts changed after this set was first labelled; "
            "they have later labels (labels-later.tsv), which are not blind, and count as "
            "unlabelled below. The set's result is its first-labelled one (README)."
        )
    return rows


def breakdown(folder: Path, max_questions: int, seed: int) -> str:
    """Kept drafts by question type; and what keeping only the first draft of each source
    sentence (in the draft's order, the article's) would keep, and leave each article."""
    labels = read_labels(folder / "labels.tsv")
    by_type: dict[str, Counter[str]] = {}
    by_turn: dict[str, Counter[str]] = {"first of its sentence": Counter(), "sibling": Counter()}
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        bank = generate_bank(text, article_file=path.name, max_questions=max_questions, seed=seed)
        seen: set[str] = set()
        for q in bank["questions"]:
            label = labels.get((path.stem, content_hash(q)))
            verdict = label.label if label else "unlabelled"
            by_type.setdefault(q["type"], Counter())[verdict] += 1
            turn = "sibling" if q.get("source_quote", "") in seen else "first of its sentence"
            by_turn[turn][verdict] += 1
            if label and label.label == "discard":
                by_turn[turn][f"reason:{label.reason}"] += 1
            seen.add(q.get("source_quote", ""))
        sentences.append(len(seen))
    lines = [
        f"{kind}: kept {c['keep']} of {sum(v for k, v in c.items() if ':' not in k)}"
        for kind, c in sorted(by_type.items())
    ]
    for turn, c in by_turn.items():
        n = sum(v for k, v in c.items() if ":" not in k)
        reasons = ", ".join(
            f"{k.removeprefix('reason:')} {v}" for k, v in c.most_common() if ":" in k
        )
        lines.append(f"{turn}: kept {c['keep']} of {n} (discarded for {reasons})")
    ordered = sorted(sentences)
    lines.append(
        f"distinct source sentences per article: {ordered[0]} to {ordered[-1]}, median "
        f"{ordered[len(ordered) // 2]}; {sum(n >= 15 for n in ordered)} of {len(ordered)} "
        "articles have 15 or more"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every draft and its label")
    parser.add_argument("--unlabelled", action="store_true", help="print unlabelled drafts")
    parser.add_argument("--max", type=int, default=DEFAULT_MAX_QUESTIONS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--tuning-only", action="store_true", help="leave the held-out set alone (while tuning)"
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also: kept by question type, and the drafts that share a source sentence",
    )
    args = parser.parse_args()
    show = "all" if args.show else "unlabelled" if args.unlabelled else ""
    for name, folder in SETS.items():
        if args.tuning_only and folder != ARTICLES:
            continue
        rows = evaluate(folder, args.max, args.seed, show)
        reasons = sum((r.counts for r in rows), Counter())
        print(f"\n{name}\n")
        print(table(rows))
        print()
        print(
            "reasons:",
            ", ".join(
                f"{k.removeprefix('reason:')} {v}"
                for k, v in reasons.most_common()
                if k.startswith("reason:")
            ),
        )
        if args.breakdown:
            print()
            print(breakdown(folder, args.max, args.seed))


if __name__ == "__main__":
    main()
