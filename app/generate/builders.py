"""Turn one typed mention into candidate questions: multiple choice, short answer, cloze,
numeric and true/false. Each asks about the mention by blanking it in its sentence (or, for
true/false, by keeping it or swapping in an item of the same kind), so the sentence itself is
the `source_quote` and the question cannot drift from what the article says.
"""

from __future__ import annotations

import dataclasses
import random
import re
from dataclasses import dataclass
from typing import Any

from app.generate.checks import bound, context_start, obvious_blank, stands_alone
from app.generate.details import family_sentence, minor_detail
from app.generate.distractors import distractors
from app.generate.facts import Facts, Mention, generic_word
from app.generate.groups import group_span
from app.generate.importance import importance
from app.generate.kinds import Kind
from app.generate.roles import role_beside
from app.generate.seeding import rng_for
from app.generate.sentences import Part, dateline_end
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
    """A possible question, with the fact it asks about: (sentence index, answer key), how
    central that fact is to the story (`weight`, see importance.py), and a score: higher for
    main points, lower for details and weaker question forms."""

    fact: tuple[int, str]
    position: int  # offset in the article, to order and spread questions
    kind: Kind
    answer: str  # the answer's text, to ask each fact once
    question: dict[str, Any]
    score: float = 0.0
    weight: float = 0.0
    keep: float = 1.0  # the ranker's chance that a teacher keeps it (rank.py)
    detail: bool = False  # a minor detail (details.py), made only for a draft short of facts


# Question forms, best first: a recalled answer beats a recognised one, and a true statement
# (which asks nothing in particular) comes last.
_FORM_SCORES = {
    "short_answer": 0.3,
    "cloze": 0.3,
    "numeric": 0.3,
    "multiple_choice": 0.4,
    "matching": 0.6,
    "true_false": 0.0,
}


def candidates_for(
    mention: Mention, facts: Facts, seed: int = 0, details: bool = False
) -> list[Candidate]:
    """Every question `mention` supports; empty when its sentence would give it away, does not
    stand on its own, or anyone could fill the blank without the article; and, unless
    `details`, when it is a minor detail (then its candidates are marked `detail`)."""
    sentence = facts.sentences[mention.sentence]
    first = context_start(mention.sentence, facts)
    if first is None and mention.kind is Kind.PERSON and sentence.part is Part.BODY:
        # "These estimates are uncertain, said Mariana Sosa, a biologist at ...": who is meant
        # does not depend on what "these" points back to.
        appositive = re.match(r", (?:a|an|the) [a-z]", sentence.text[mention.end :])
        described = appositive or role_beside(sentence.text, mention.start, mention.end)
        first = mention.sentence if described else None
    if first is None or obvious_blank(mention, facts):
        return []
    detail = minor_detail(mention, facts)
    if detail and not details:
        return []
    lead_in = " ".join(s.text for s in facts.sentences[first : mention.sentence])
    lead_in += " " if lead_in else ""
    blanked = lead_in + sentence.text[: mention.start] + BLANK + sentence.text[mention.end :]
    others = {mention.text, mention.canonical, mention.canonical.split()[-1]}
    others |= {facts.aliases[o] for o in list(others) if o in facts.aliases}
    if any(re.search(rf"(?<!\w){re.escape(o)}(?!\w)", blanked, re.IGNORECASE) for o in others):
        return []
    weight = importance(mention.canonical, mention.value, mention.sentence, facts)
    group = group_span(sentence.text, mention.start, mention.end)
    about = sentence.text[group[0] : group[1]] if group else mention.canonical
    made = []
    for qtype in _TYPES.get(mention.kind, ()):
        rng = rng_for(seed, sentence.text, mention.start, mention.text, qtype)
        question = _BUILDERS[qtype](mention, facts, blanked, rng)
        if question is not None:
            if lead_in:
                as_passage(question, blanked.replace(BLANK, mention.text, 1))
            at = (mention.sentence, mention.start)
            made.append(
                candidate(
                    question,
                    facts,
                    at,
                    mention.kind,
                    answer=mention.canonical,
                    weight=weight,
                    about=about,
                )
            )
    return [dataclasses.replace(c, detail=True) for c in made] if detail else made


def as_passage(question: dict[str, Any], passage: str) -> None:
    """A question whose sentence needs the one before it cites both, and says so."""
    for field in ("prompt", "explanation"):
        if field in question:
            question[field] = (
                question[field]
                .replace("this sentence", "this passage")
                .replace("Complete the sentence", "Complete the passage")
            )
    question["source_quote"] = passage
    question.setdefault("explanation", f"The article says: {passage}")


def true_statement(index: int, facts: Facts) -> Candidate | None:
    """The sentence as written, to judge true: one per sentence that stands on its own."""
    sentence = facts.sentences[index]
    if not stands_alone(sentence) or len(sentence.text) > _MAX_STATEMENT:
        return None
    if family_sentence(sentence.text):
        return None
    if not any(m.sentence == index for m in facts.mentions):
        return None
    question = {"type": "true_false", "prompt": sentence.text, "answer": True}
    weight = importance("", None, index, facts) - 0.5
    return candidate(
        question,
        facts,
        (index, 0),
        Kind(_first_kind(index, facts)),
        answer="true statement",
        weight=weight,
    )


def _first_kind(index: int, facts: Facts) -> str:
    return next(m.kind.value for m in facts.mentions if m.sentence == index)


def candidate(
    question: dict[str, Any],
    facts: Facts,
    at: tuple[int, int],
    kind: Kind,
    *,
    answer: str,
    tags: tuple[str, ...] = (),
    weight: float = 0.0,
    about: str = "",
) -> Candidate:
    """Finish `question`, asked at `at` (sentence index, offset in it), with the fields every
    generated question has; `about` is the fact asked when it is more than the answer (both
    numbers of "9 to 4", both names of "Kenya and Tanzania": one fact, asked once)."""
    index, offset = at
    sentence = facts.sentences[index]
    question.setdefault("explanation", f"The article says: {sentence.text}")
    question.setdefault("source_quote", sentence.text)
    _drop_date_line(question)
    part = (sentence.part.value,) if sentence.part in (Part.HEADLINE, Part.CAPTION) else ()
    question["tags"] = [kind.value, *tags, *part]
    question["difficulty"] = difficulty(question["type"], kind, sentence.text)
    score = weight + _FORM_SCORES[question["type"]] - 0.3 * (len(sentence.text.split()) > 40)
    return Candidate(
        (index, answer_key(about or answer)),
        sentence.start + offset,
        kind,
        answer,
        question,
        score,
        weight,
    )


def _drop_date_line(question: dict[str, Any]) -> None:
    """A prompt or statement starts where the story does, after its wire date line ("LISBON,
    Portugal (AP) — "): that is page furniture, not part of the sentence asked. The source
    quote and the explanation still cite the article as written."""
    quote = question["source_quote"]
    head = quote[: dateline_end(quote)]
    if not head:
        return
    for field in ("prompt", "text"):
        value = question.get(field)
        if isinstance(value, str) and head in value:
            question[field] = value.replace(head, "", 1)


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
    if m.kind is Kind.PERSON and len(m.text.split()) < 2:
        return None  # a surname among full names gives itself away
    if m.kind in (Kind.NUMBER, Kind.YEAR) and bound(m, facts):
        # After "up to", every wrong option is lower: the answer is the highest ("since at
        # least 2009": the lowest).
        return None
    wrong = distractors(m, facts, rng, context=blanked)
    if len(wrong) < 2:
        return None
    options = [m.text, *wrong]
    rng.shuffle(options)
    prompt = f"Which {NOUNS[m.kind]} completes this sentence from the article? {blanked}"
    return {"type": "multiple_choice", "prompt": prompt, "options": options, "answer": m.text}


def accepted_answers(m: Mention, facts: Facts) -> list[str]:
    """The answer and its alternatives: the full name, the article's acronym, a person's
    surname. For an organisation or a place, never a generic word ("Semiconductor", "City",
    "Bank") or a place ("Portugal") for a name of more words, and never a longer name for a
    place or a generic word ("University of the Azores" for "Azores"): those name something
    else."""
    answers = [m.text, m.canonical, *_aliases(m, facts)]
    if m.kind is Kind.PERSON and (last := surname(m.canonical)):
        answers.append(last)
    words, places = set(m.text.split()), facts.names(Kind.PLACE)
    kept = [m.text]
    for other in answers[1:]:
        if m.kind is Kind.PERSON:
            kept.append(other)  # "Park" for "Elena Park": a surname may be any word
            continue
        if " " not in other and len(m.canonical.split()) > 1 and generic_word(other):
            continue
        if words < set(other.split()) and (
            m.kind is Kind.PLACE or generic_word(m.text) or m.text in places
        ):
            continue  # "Portugal" is no short form of "TAP Air Portugal", nor the reverse
        kept.append(other)
    return _distinct(kept)


def surname(name: str) -> str | None:
    """The surname a person's name may be answered by: its last word ("Brooks" of "Linda
    Brooks"); none for "Isabella of Verano", whose last word names where she was from."""
    words = name.split()
    return None if len(words) > 2 and words[-2] == "of" else words[-1]


def _short_answer(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    answers = accepted_answers(m, facts)
    who = "Who" if m.kind is Kind.PERSON else f"Which {NOUNS[m.kind]}"
    return {
        "type": "short_answer",
        "prompt": f"{who} is missing from this sentence of the article? {blanked}",
        "answers": _distinct(answers),
    }


def _cloze(m: Mention, facts: Facts, blanked: str, rng: random.Random) -> dict | None:
    accepted = accepted_answers(m, facts)
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
    sentence = blanked.replace(BLANK, m.text, 1)
    if len(sentence) > _MAX_STATEMENT or m.canonical != m.text:
        return None
    if m.kind in (Kind.NUMBER, Kind.YEAR) and bound(m, facts):
        return None  # "recorded more than 60 times" is not false when it says "more than 40"
    swap = distractors(m, facts, rng, count=1, context=blanked)
    if not swap:
        return None
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


def _aliases(m: Mention, facts: Facts) -> list[str]:
    """The other name the article gives the answer: "FTC" for "Federal Trade Commission"."""
    return [facts.aliases[t] for t in (m.text, m.canonical) if t in facts.aliases]


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
