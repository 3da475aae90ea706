"""Turn one typed mention into candidate questions: multiple choice, short answer, cloze,
numeric and true/false. Each asks about the mention by blanking it in its sentence (or, for
true/false, by keeping it or swapping in an item of the same kind), so the sentence itself is
the `source_quote` and the question cannot drift from what the article says.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from app.generate.distractors import distractors
from app.generate.facts import Facts, Mention
from app.generate.kinds import Kind
from app.generate.sentences import Part
from app.text import answer_key, normalize_space

BLANK = "_____"
NOUNS = {
    Kind.PERSON: "person",
    Kind.ORGANISATION: "organisation",
    Kind.PLACE: "place",
    Kind.YEAR: "year",
    Kind.DATE: "date",
    Kind.NUMBER: "number",
}
_TYPES = {
    Kind.PERSON: ("multiple_choice", "short_answer", "cloze", "true_false"),
    Kind.ORGANISATION: ("multiple_choice", "short_answer", "cloze", "true_false"),
    Kind.PLACE: ("multiple_choice", "short_answer", "cloze", "true_false"),
    Kind.YEAR: ("numeric", "multiple_choice", "cloze", "true_false"),
    Kind.DATE: ("multiple_choice", "cloze", "true_false"),
    Kind.NUMBER: ("numeric", "multiple_choice", "true_false"),
}
_MAX_STATEMENT = 320


@dataclass(frozen=True)
class Candidate:
    """A possible question, with the fact it asks about: (sentence index, answer key)."""

    fact: tuple[int, str]
    position: int  # offset in the article, to order and spread questions
    kind: Kind
    answer: str  # names the question's id
    question: dict[str, Any]


def candidates_for(mention: Mention, facts: Facts, rng: random.Random) -> list[Candidate]:
    """Every question `mention` supports; empty when its sentence would give it away."""
    sentence = facts.sentences[mention.sentence]
    blanked = sentence.text[: mention.start] + BLANK + sentence.text[mention.end :]
    others = {mention.text, mention.canonical, mention.canonical.split()[-1]}
    if mention.kind is Kind.PERSON and any(o.casefold() in blanked.casefold() for o in others):
        return []
    if mention.kind is not Kind.PERSON and mention.text.casefold() in blanked.casefold():
        return []
    made = []
    for qtype in _TYPES.get(mention.kind, ()):
        question = _BUILDERS[qtype](mention, facts, blanked, rng)
        if question is not None:
            at = (mention.sentence, mention.start)
            made.append(candidate(question, facts, at, mention.kind, answer=mention.canonical))
    return made


def candidate(
    question: dict[str, Any],
    facts: Facts,
    at: tuple[int, int],
    kind: Kind,
    *,
    answer: str,
    tags: tuple[str, ...] = (),
) -> Candidate:
    """Finish `question`, asked at `at` (sentence index, offset in it), with the fields every
    generated question has."""
    index, offset = at
    sentence = facts.sentences[index]
    question.setdefault("explanation", f"The article says: {sentence.text}")
    question.setdefault("source_quote", sentence.text)
    part = (sentence.part.value,) if sentence.part in (Part.HEADLINE, Part.CAPTION) else ()
    question["tags"] = [kind.value, *tags, *part]
    question["difficulty"] = difficulty(question["type"], kind, sentence.text)
    return Candidate((index, answer_key(answer)), sentence.start + offset, kind, answer, question)


def difficulty(qtype: str, kind: Kind, sentence: str) -> str:
    """Easy to recognise, medium to recall, hard to recall exactly; long sentences add one."""
    recognise = qtype in ("true_false", "multiple_choice")
    level = 0 if recognise else 2 if kind in (Kind.NUMBER, Kind.ORGANISATION) else 1
    if kind in (Kind.NUMBER, Kind.DATE) and recognise:
        level = 1
    level += len(sentence.split()) > 40
    return ("easy", "medium", "hard")[min(level, 2)]


def _multiple_choice(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    if m.canonical != m.text:
        return None  # a surname in the sentence, full names in the options: confusing
    wrong = distractors(m, facts, rng)
    if len(wrong) < 2:
        return None
    options = [m.text, *wrong]
    rng.shuffle(options)
    prompt = f"Which {NOUNS[m.kind]} completes this sentence from the article? {blanked}"
    return {"type": "multiple_choice", "prompt": prompt, "options": options, "answer": m.text}


def _short_answer(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    answers = [m.text, m.canonical]
    if m.kind is Kind.PERSON:
        answers.append(m.canonical.split()[-1])
    who = "Who" if m.kind is Kind.PERSON else f"Which {NOUNS[m.kind]}"
    return {
        "type": "short_answer",
        "prompt": f"{who} is missing from this sentence of the article? {blanked}",
        "answers": _distinct(answers),
    }


def _cloze(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    accepted = [m.text, m.canonical]
    if m.kind is Kind.NUMBER and m.shape == "words":
        accepted.append(f"{m.value:g}")
    if any(ch in blanked + "".join(accepted) for ch in "{}|"):
        return None
    return {
        "type": "cloze",
        "prompt": "Complete the sentence from the article.",
        "text": blanked.replace(BLANK, "{{" + "|".join(_distinct(accepted)) + "}}"),
    }


def _numeric(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    if m.value is None:
        return None
    noun = "year" if m.kind is Kind.YEAR else "number"
    question: dict[str, Any] = {
        "type": "numeric",
        "prompt": f"Which {noun} is missing from this sentence of the article? {blanked}",
        "answer": int(m.value) if m.value.is_integer() else m.value,
    }
    if m.unit and m.unit != "fold":
        question["unit"] = m.unit
    return question


def _true_false(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    sentence = facts.sentences[m.sentence].text
    if len(sentence) > _MAX_STATEMENT or m.canonical != m.text:
        return None
    swap = distractors(m, facts, rng, count=1)
    if rng.random() < 0.5 or not swap:
        return {"type": "true_false", "prompt": sentence, "answer": True}
    statement = blanked.replace(BLANK, swap[0])
    if normalize_space(statement) in normalize_space(facts.article):
        return None
    return {
        "type": "true_false",
        "prompt": statement,
        "answer": False,
        "explanation": f"False: it is {m.text}, not {swap[0].rstrip('.')}. "
        f"The article says: {sentence}",
    }


def _distinct(answers: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for answer in answers:
        seen.setdefault(answer_key(answer), answer)
    return list(seen.values())


_BUILDERS = {
    "multiple_choice": _multiple_choice,
    "short_answer": _short_answer,
    "cloze": _cloze,
    "numeric": _numeric,
    "true_false": _true_false,
}
