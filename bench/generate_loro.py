"""Leave one held-out round out: fit the ranker without that round's articles, draft them
with that fit, and count their drafts' labels (first labels first, else later labels)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from app.generate import DEFAULT_MAX_QUESTIONS, all_candidates, extract_facts
from app.generate.points import is_main_point, read_points
from app.generate.rank import ranked
from app.generate.review import content_hash, read_labels, summary
from app.generate.select import select
from bench.generate_rank import ARTICLES, articles, first_labels


def loro(data: list[dict], fit: Callable[..., Any], show_unlabelled: bool) -> None:
    first = first_labels()
    later = read_labels(ARTICLES / "labels.tsv")
    paths = articles()
    total: Counter[str] = Counter()
    print(
        "| round | articles | drafts | first-labelled | keep (first) | later-labelled "
        "| keep (later) | unlabelled | wrong | main | min-max |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for rnd in sorted({r for r, _ in first.values()}):
        stems = sorted({s for (s, _), (r, _) in first.items() if r == rnd})
        fitted = fit([r for r in data if r["article"] not in stems])
        c: Counter[str] = Counter()
        sizes = []
        for stem in stems:
            path = paths[stem]
            facts = extract_facts(path.read_text(encoding="utf-8"))
            points = read_points(path.with_suffix(".points"))
            chosen = select(
                ranked(all_candidates(facts, 0), facts, fitted), DEFAULT_MAX_QUESTIONS, 0
            )
            sizes.append(len(chosen))
            for cand in chosen:
                q = cand.question
                h = content_hash(q)
                c["drafts"] += 1
                c["main"] += is_main_point(q, points)
                if (stem, h) in first:
                    lab = first[(stem, h)][1]
                    c["first"] += 1
                    c["keep_first"] += lab.label == "keep"
                elif (stem, h) in later:
                    lab = later[(stem, h)]
                    c["later"] += 1
                    c["keep_later"] += lab.label == "keep"
                else:
                    c["unlabelled"] += 1
                    if show_unlabelled:
                        print(f"{stem}\t{h}\t?\t?\t{summary(q)}\t{cand.keep:.2f}")
                    continue
                c["wrong"] += lab.reason == "wrong"
                c[f"reason:{lab.reason}"] += 1
        c["n"] = len(stems)
        total += c
        _row(str(rnd), c, sizes)
        total.setdefault("sizes", 0)
    print("reasons:", {k[7:]: v for k, v in total.items() if k.startswith("reason:")})
    labelled = total["first"] + total["later"]
    kept = total["keep_first"] + total["keep_later"]
    print(
        f"all rounds: {total['drafts']} drafts, {labelled} labelled, {kept} kept "
        f"({kept / max(1, labelled):.0%} of labelled), {total['unlabelled']} unlabelled, "
        f"main {total['main'] / total['drafts']:.0%}"
    )


def _row(name: str, c: Counter[str], sizes: list[int]) -> None:
    def share(a: str, b: str) -> str:
        return f"{c[a] / c[b]:.0%}" if c[b] else "-"

    print(
        f"| {name} | {c['n']} | {c['drafts']} | {c['first']} | {share('keep_first', 'first')} "
        f"| {c['later']} | {share('keep_later', 'later')} | {c['unlabelled']} | {c['wrong']} "
        f"| {share('main', 'drafts')} | {min(sizes)}-{max(sizes)} |"
    )
