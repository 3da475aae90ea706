"""Choose which candidate questions make the draft: spread over the article, varied in type
and kind, never two on the same fact."""

from __future__ import annotations

import random
from collections import Counter

from app.generate.builders import Candidate

MAX_SAME_ANSWER = 2


def select(candidates: list[Candidate], limit: int, rng: random.Random) -> list[Candidate]:
    """At most `limit` candidates, in article order.

    Sentences are visited in a low-discrepancy order (first, middle, quarters, ...) so any
    prefix of the picks covers the whole article; each visit takes the sentence's candidate
    whose type, then kind, is least used so far. Rounds repeat until `limit` is reached.
    """
    by_sentence: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sentence.setdefault(c.fact[0], []).append(c)
    tiebreak = {id(c): rng.random() for c in candidates}
    chosen: list[Candidate] = []
    used: set[tuple[int, str]] = set()
    types: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    order = spread_order(sorted(by_sentence))
    while len(chosen) < limit:
        before = len(chosen)
        for sentence in order:
            fresh = [
                c
                for c in by_sentence[sentence]
                if c.fact not in used and answers[c.fact[1]] < MAX_SAME_ANSWER
            ]
            if len(chosen) >= limit or not fresh:
                continue
            best = min(
                fresh,
                key=lambda c: (
                    answers[c.fact[1]],
                    types[c.question["type"]],
                    kinds[c.kind],
                    tiebreak[id(c)],
                ),
            )
            chosen.append(best)
            used.add(best.fact)
            types[best.question["type"]] += 1
            kinds[best.kind] += 1
            answers[best.fact[1]] += 1
        if len(chosen) == before:
            break
    return sorted(chosen, key=lambda c: c.position)


def spread_order(items: list[int]) -> list[int]:
    """`items` reordered first, middle, first quarter, third quarter, ... (van der Corput)."""
    n, seen, order = len(items), set(), []
    for k in range(4 * n + 4):
        index = min(int(_radical_inverse(k) * n), n - 1)
        if n and index not in seen:
            seen.add(index)
            order.append(items[index])
    return order + [items[i] for i in range(n) if i not in seen]


def _radical_inverse(k: int) -> float:
    result, scale = 0.0, 0.5
    while k:
        result += scale * (k & 1)
        k >>= 1
        scale /= 2
    return result
