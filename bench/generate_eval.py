"""The keep-rate of `python -m app generate` on the labelled articles under tests/articles/.

    .venv/bin/python -m bench.generate_eval            # the table, one row per article
    .venv/bin/python -m bench.generate_eval --show     # also every draft with its label
    .venv/bin/python -m bench.generate_eval --unlabelled   # label lines to fill in

Drafts are made as `generate` makes them (default --max 20, --seed 0). Each question is
looked up in tests/articles/labels.tsv by its content hash; a question whose content changed
is unlabelled until someone reads it against its article.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.generate import DEFAULT_MAX_QUESTIONS, generate_bank
from app.generate.review import content_hash, read_labels, review, summary, table

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every draft and its label")
    parser.add_argument("--unlabelled", action="store_true", help="print unlabelled drafts")
    parser.add_argument("--max", type=int, default=DEFAULT_MAX_QUESTIONS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--labels", type=Path, default=ARTICLES / "labels.tsv")
    args = parser.parse_args()
    labels = read_labels(args.labels) if args.labels.exists() else {}
    rows = []
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        bank = generate_bank(text, article_file=path.name, max_questions=args.max, seed=args.seed)
        row = review(path.stem, bank["questions"], labels)
        rows.append(row)
        for q in bank["questions"]:
            h = content_hash(q)
            label = labels.get((path.stem, h))
            if args.show or (args.unlabelled and label is None):
                mark = f"{label.label}\t{label.reason}" if label else "?\t?"
                print(f"{path.stem}\t{h}\t{mark}\t{summary(q)}")
    reasons = sum((r.counts for r in rows), Counter())
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


if __name__ == "__main__":
    main()
