"""Randomness per question: each question draws its wrong options and their order from its
own generator, seeded by the draft's `--seed` and what the question is about (its sentence,
its answer, its type). A change to the rules that adds or drops one question leaves the
options of every other question as they were (one stream per article reshuffled them all)."""

from __future__ import annotations

import hashlib
import random


def rng_for(seed: int, *keys: object) -> random.Random:
    """A generator that depends only on `seed` and `keys`."""
    text = "\x1f".join(map(str, (seed, *keys)))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))
