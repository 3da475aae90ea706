"""Choose which candidate questions make the draft: the best-scored first (main points, then
details), each fact once, spread over the article and varied in type."""

from __future__ import annotations

from collections import Counter

from app.generate.builders import Candidate
from app.generate.hiding import shows_answer
from app.generate.review import content_hash
from app.generate.seeding import rng_for
from app.text import answer_key, normalize_space

# At most three questions on one sentence: a prompt that hides two other answers as "…"
# still reads, one that would need three is left whole (hiding.MAX_HIDDEN_SPANS) and so shows
# them: reviewers discarded lead sentences asked four times as giveaways (round 17).
MAX_PER_SENTENCE = 3
# A name is asked once per draft: of the second questions on one person in the round-5
# articles drafted leave-one-round-out, every one was discarded as a duplicate.
MAX_SAME_PERSON = 1
# Past this many questions, a draft only takes main points (rank and stop): a fact of weight
# MAIN at least (told in the headline or the lead, or told again and about the story's main
# actors; see importance.py), a name only when it is in the headline or the lead (weight
# MAIN_NAME), and no true or false statement (the easiest form). A draft of 15 main points
# beats one padded to 20 with details.
FULL_DRAFT = 15
STOP_BELOW = 0.9
MAIN = 1.0
MAIN_NAME = 1.5
_SAME_SENTENCE = 0.6
_MANY_OF_TYPE = 0.4  # per question of a type past a fifth of the draft
_NEW_TYPE = 0.5  # a type not yet in the draft
_SPREAD = 2.0  # a question in the least covered quarter of the article (plus 8 / limit)
# True or false statements are the easiest form, and a true one counts as a main point
# whenever its sentence states one: at most this many in a draft, so that weighting main
# points does not fill a draft with statements.
MAX_STATEMENTS = 4
_NAME_KINDS = ("person", "organisation", "place")


def select(candidates: list[Candidate], limit: int, seed: int = 0) -> list[Candidate]:
    """At most `limit` candidates, in article order; past FULL_DRAFT, only main points.

    Picks greedily by score, where each pick lowers the worth of what it resembles: another
    question on the same sentence or of the same type, or in a quarter of the article that is
    already well covered. A fact is asked once: one question per (sentence, answer), a number
    or date once in the whole draft, a name once, a person and their role not both in
    the matching and in another question, and a true or false statement, which shows the
    whole sentence (and so the answers of any blank in it), is never paired with another
    question on that sentence, nor with a question whose answer its text shows (as hiding.py
    would hide it elsewhere; a statement is never cut); at most MAX_STATEMENTS statements.
    An article too short for FULL_DRAFT questions that way may take more statements, then pair
    a person and their role twice, and then a sentence with one statement (one more question
    on a strong fact rather than a detail) or a statement with a question it answers; never
    two statements on one sentence.
    """
    if not candidates:
        return []
    # Ties broken by the question itself, so that one question more or less elsewhere does not
    # change which of two equal questions is taken.
    tiebreak = {id(c): rng_for(seed, content_hash(c.question)).random() for c in candidates}
    # A draft short of FULL_DRAFT under every rule keeps what it has and takes the rest under
    # looser rules (rather than being drawn again under the looser rules from the start). A
    # short article whose statements took sentences that had several blanks to give is drawn
    # again with statements only where a sentence gives fewer than two blanks.
    chosen, loosened = _draft(candidates, limit, tiebreak, sparing=False)
    if loosened < 2:
        spared, spared_loosened = _draft(candidates, limit, tiebreak, sparing=True)
        if spared_loosened > loosened:
            chosen = spared
    if len(chosen) >= FULL_DRAFT and not any(c.question["type"] == "true_false" for c in chosen):
        chosen = _with_a_statement(candidates, chosen, limit, tiebreak)
    return sorted(chosen, key=lambda c: c.position)


def _with_a_statement(
    candidates: list[Candidate], chosen: list[Candidate], limit: int, tiebreak: dict[int, float]
) -> list[Candidate]:
    """A draft with no true or false statement (a short article whose sentences all give
    blanks) takes the best statement that displaces at most two questions, and fills up again
    under every rule; unchanged when none fits."""
    statements = [c for c in candidates if c.question["type"] == "true_false"]
    for s in sorted(statements, key=lambda c: (-c.score, tiebreak[id(c)])):
        clash = [o for o in chosen if o.fact[0] == s.fact[0] or _apart(o, s)]
        if not clash or len(clash) > 2:
            continue  # (none: a free sentence would have been taken already)
        kept = [o for o in chosen if o not in clash] + [s]
        filled = _greedy(candidates, min(limit, len(chosen)), tiebreak, 3, kept)
        if len(filled) >= len(chosen):
            return filled
    return chosen


def _draft(
    candidates: list[Candidate], limit: int, tiebreak: dict[int, float], sparing: bool
) -> tuple[list[Candidate], int]:
    """A draft, and the strictness it needed to reach FULL_DRAFT (see `_greedy`)."""
    chosen: list[Candidate] = []
    for strictness in (3, 2, 1, 0):
        size = limit if strictness == 3 else min(limit, FULL_DRAFT)
        chosen = _greedy(candidates, size, tiebreak, strictness, chosen, sparing)
        if len(chosen) >= min(limit, FULL_DRAFT):
            break
    return chosen, strictness


def _greedy(
    candidates: list[Candidate],
    limit: int,
    tiebreak: dict[int, float],
    strictness: int,
    taken: list[Candidate],
    sparing: bool = False,
) -> list[Candidate]:
    """Greedy picks after `taken`; `strictness` 3 keeps every rule, 2 lifts the cap on
    statements, 1 also lets a person and their role be asked twice, 0 also lets a true or false
    statement share its sentence with another question, or show another question's answer.
    `sparing` takes no statement on a sentence that gives two blanks or more."""
    strict = strictness >= 1
    statements = MAX_STATEMENTS if strictness == 3 else limit
    # Quarters of the story: from the first to the last candidate (the page furniture above the
    # lead is not part of it).
    start = min(c.position for c in candidates)
    length = max(c.position for c in candidates) + 1 - start
    chosen: list[Candidate] = []
    facts: set[tuple[int, str]] = set()
    values: Counter[str] = Counter()
    per_sentence: Counter[int] = Counter()
    whole: set[int] = set()  # sentences asked as a true statement
    judged: set[int] = set()  # sentences shown whole in a true or false statement
    types: Counter[str] = Counter()
    quarters: Counter[int] = Counter()
    spread_bonus = _SPREAD + 8 / limit
    blanks = Counter(
        f[0] for f in {c.fact for c in candidates if c.question["type"] != "true_false"}
    )

    def take(best: Candidate) -> None:
        chosen.append(best)
        sentence = best.fact[0]
        facts.add(best.fact)
        if best.question["type"] == "true_false":
            judged.add(sentence)
        if best.question["type"] == "true_false" and best.question["answer"] is True:
            whole.add(sentence)
        else:
            values[_value(best)] += 1
        per_sentence[sentence] += 1
        types[best.question["type"]] += 1
        quarters[min(4 * (best.position - start) // length, 3)] += 1

    for c in taken:
        take(c)
    while len(chosen) < limit:
        best, best_score = None, float("-inf")
        for c in candidates:
            if len(chosen) >= FULL_DRAFT and c.keep < STOP_BELOW:
                continue
            sentence, qtype = c.fact[0], c.question["type"]
            if c.fact in facts or per_sentence[sentence] >= MAX_PER_SENTENCE:
                continue
            if strict and (sentence in whole or (qtype == "true_false" and per_sentence[sentence])):
                continue
            if strict and qtype != "true_false" and sentence in judged:
                continue
            if qtype == "true_false" and sentence in judged:
                continue  # "[True] ... a crowd of about 15,000" and "[False] ... 18,000"
            if qtype == "true_false" and types[qtype] >= statements:
                continue
            if sparing and qtype == "true_false" and blanks[sentence] >= 2:
                continue
            if strict and any(_apart(o, c) for o in chosen):
                continue
            if strict and any(_names_holder(o, c) or _names_holder(c, o) for o in chosen):
                continue
            if values[_value(c)] >= (MAX_SAME_PERSON if c.kind.value in _NAME_KINDS else 1):
                continue
            if strictness >= 2 and any(_same_pair(c, o) or _same_pair(o, c) for o in chosen):
                continue
            quarter = min(4 * (c.position - start) // length, 3)
            score = (
                c.score
                - _SAME_SENTENCE * per_sentence[sentence]
                - _MANY_OF_TYPE * max(0, types[qtype] - limit // 5)
                + _NEW_TYPE * (types[qtype] == 0 and len(chosen) >= 3)  # some of every type
                + spread_bonus * (quarters[quarter] == min(quarters[t] for t in range(4)))
                + 0.05 * tiebreak[id(c)]
            )
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        take(best)
    return chosen


def _main_point(c: Candidate) -> bool:
    """Whether `c` may be asked past FULL_DRAFT questions."""
    if c.question["type"] == "true_false":
        return False
    return c.weight >= (MAIN_NAME if c.kind.value in ("organisation", "place") else MAIN)


def _apart(one: Candidate, other: Candidate) -> bool:
    """Whether a true or false statement and another question are kept out of one draft
    under the strict rules: one quotes the other (`_shows`), or the statement shows the other
    question's answer ("[True] Marguerite Deschanel was born ... in Matane" beside a question
    asking for "Matane"), which hiding.py cannot hide in a claim to judge."""
    return (
        _shows(one, other)
        or _shows(other, one)
        or _gives_away(one, other)
        or _gives_away(other, one)
    )


def _gives_away(statement: Candidate, other: Candidate) -> bool:
    """Whether `statement`, a true or false statement, shows an answer of `other` as hiding.py
    finds one (`hiding.shows_answer`)."""
    if statement.question["type"] != "true_false" or statement is other:
        return False
    return shows_answer(str(statement.question["prompt"]), other)


def _shows(one: Candidate, other: Candidate) -> bool:
    """Whether a true or false statement and a question on another sentence quote one another:
    the question's passage shows the statement's sentence ("[True] Baker Brothers was founded
    in 1923 ..." beside "... founded in 1923 ... It runs _____ bakeries"), or the statement's
    passage shows the question's sentence and so its answer."""
    if one.question["type"] != "true_false" or one.fact[0] == other.fact[0]:
        return False
    mine = normalize_space(one.question["source_quote"])
    theirs = normalize_space(other.question["source_quote"])
    return mine in theirs or theirs in mine


def _names_holder(role: Candidate, other: Candidate) -> bool:
    """Whether a question shows the person a "who is the mayor?" question asks for ("Mayor
    Linda Brooks said the town's parks budget is $_____ million")."""
    if "role" not in role.question.get("tags", []) or role.question["type"] == "matching":
        return False
    if other.question["type"] == "matching":
        return False
    shown = f"{other.question.get('prompt', '')} {other.question.get('text', '')}"
    return role.answer in shown


def _same_pair(matching: Candidate, other: Candidate) -> bool:
    """A question that names a person's role and asks for the person ("public works director
    _____", "who is the public works director?") repeats a pair of the matching."""
    if matching.question["type"] != "matching" or other.question["type"] == "matching":
        return False
    shown = f"{other.question.get('prompt', '')} {other.question.get('text', '')}".casefold()
    return any(
        pair["left"] == other.answer and pair["right"].casefold() in shown
        for pair in matching.question["pairs"]
    )


def _value(c: Candidate) -> str:
    """What a question's answer is, across sentences: "84" in one and "84" in another are the
    same fact; a true statement is its own."""
    if c.question["type"] == "true_false" and c.question["answer"] is True:
        return f"statement {c.fact[0]}"
    if c.question["type"] == "matching":
        return "matching"
    return f"{c.kind.value}:{answer_key(c.answer)}"


def spread_order(items: list[int]) -> list[int]:
    """`items` reordered first, middle, first quarter, quarter quarter, ... (van der Corput)."""
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
