"""Grade a response to a question. Pure: no I/O, no Streamlit, no clock.

Responses by question type:
    multiple_choice  the chosen option (str)
    multiple_select  the chosen options (a collection of str)
    true_false       True or False
    short_answer     the typed text
    numeric          the typed text, or a number
    matching         {left item: chosen right item}
    cloze            the typed text of each blank, in order (a list of str)

Scoring rules (documented for instructors in questions/README.md):
    multiple_select  each correct option chosen earns 1/k, each wrong option chosen costs 1/k
                     (k = number of correct options); the score never goes below 0.
    matching, cloze  the share of pairs (blanks) that are right.
    everything else  1 or 0.
A response is `correct` only when its score is 1.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, assert_never

from rapidfuzz.distance import OSA

from app.generate.lexicon import HONORIFICS, TITLES
from app.models import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.numbers import parse_number
from app.text import answer_key

_Json = TypeVar("_Json", list[Any], dict[str, Any])


@dataclass(frozen=True)
class Grade:
    correct: bool
    score: float
    feedback: str  # one sentence: the verdict, and why when it is not plain
    expected: str


NO_RIVALS: frozenset[str] = frozenset()


def grade(question: Question, response: Any, rivals: frozenset[str] = NO_RIVALS) -> Grade:
    """Grade `response` to `question` (see the module docstring for response shapes).

    `rivals` are answer keys (see `app.text.answer_key`) of other things the student may have
    meant: the question's other options, other questions' answers, names in the article. A
    typed answer equal to one of them is never taken as a typo of the right answer.
    """
    expected = expected_answer(question)
    if is_blank(question, response):
        return Grade(False, 0.0, SKIPPED, expected)
    score, feedback = _score(question, response, rivals)
    score = round(min(max(score, 0.0), 1.0), 4)
    return Grade(score == 1.0, score, feedback, expected)


SKIPPED = "Skipped: counted as wrong."
CORRECT, INCORRECT = "Correct.", "Incorrect."


def verdict(score: float, why: str = "") -> str:
    """One sentence: right, partly right (with the share) or wrong, then `why` if any."""
    if score >= 1.0:
        head = "Correct"
    elif score > 0:
        head = f"Partly right ({score:.0%})"
    else:
        head = "Incorrect"
    return f"{head}: {why}." if why else f"{head}."


def _score(question: Question, response: Any, rivals: frozenset[str]) -> tuple[float, str]:
    match question:
        case MultipleChoice():
            right = response == question.answer
            return float(right), CORRECT if right else INCORRECT
        case TrueFalse():
            right = bool(response) == question.answer
            return float(right), CORRECT if right else INCORRECT
        case MultipleSelect():
            return _score_select(question, set(response))
        case ShortAnswer():
            score, note = _score_text(
                str(response), question.answers, question.typo_tolerance, rivals
            )
            return score, verdict(score, note)
        case Numeric():
            return _score_number(question, response)
        case Matching():
            right = sum(response.get(p.left) == p.right for p in question.pairs)
            total = len(question.pairs)
            score = right / total
            return score, verdict(
                score, "" if right == total else f"{right} of {total} pairs are right"
            )
        case Cloze():
            typed = _blanks_of(response)
            total = len(question.blanks)
            results = [
                _score_text(
                    typed[i] if i < len(typed) else "", accepted, question.typo_tolerance, rivals
                )
                for i, accepted in enumerate(question.blanks)
            ]
            right = int(sum(score for score, _ in results))
            if right == total:
                notes = [note for _, note in results if note]
                if total > 1:
                    notes = [
                        f"blank {i}: {note}" for i, (_, note) in enumerate(results, start=1) if note
                    ]
                return 1.0, verdict(1.0, "; ".join(notes))
            score = right / total
            return score, verdict(score, f"{right} of {total} blanks are right")
        case _:
            assert_never(question)


def _score_select(question: MultipleSelect, chosen: set[str]) -> tuple[float, str]:
    correct = set(question.answers)
    hits, misses = len(chosen & correct), len(chosen - correct)
    score = max(0.0, (hits - misses) / len(correct))
    if hits == len(correct) and not misses:
        return 1.0, CORRECT
    why = f"{hits} of {len(correct)} right options chosen"
    if misses:
        why += f", {misses} wrong option{'s' if misses > 1 else ''} chosen"
    return score, verdict(score, why)


def _score_text(
    typed: str, accepted: Sequence[str], typo_tolerance: bool, rivals: frozenset[str]
) -> tuple[float, str]:
    """1 or 0, and a note when the answer was taken with a typo or a title before it."""
    keys = {answer_key(a): a for a in accepted}
    for candidate, note in _readings(typed):
        key = answer_key(candidate)
        if key in keys:
            return 1.0, note
        if not typo_tolerance or not key or key in rivals:
            continue
        for spelled in accepted:
            if _is_typo(candidate, spelled):
                return 1.0, f"allowing for a typo, it is spelled {spelled!r}"
    return 0.0, ""


def _readings(typed: str) -> list[tuple[str, str]]:
    """The typed answer, and the same without the titles before a name ("Senator X" -> "X")."""
    readings = [(typed, "")]
    words = _WORD.findall(typed)
    lead = 0
    while lead < len(words) - 1 and words[lead].casefold().rstrip(".") in _TITLES:
        lead += 1
    if lead:
        readings.append((" ".join(words[lead:]), ""))
    return readings


_WORD = re.compile(r"[^\W_](?:[^\s]*[^\W_])?")
_TITLES = frozenset(word.casefold().rstrip(".") for word in TITLES | HONORIFICS) - {
    "vice",
    "prime",
    "chief",
    "deputy",
}  # these come before another title, not alone


def _is_typo(typed: str, accepted: str) -> bool:
    """A slip inside words, never a different word or number.

    Word by word: the same number of words, every word equal (as an answer key) or a few letters
    off (none in words of up to 4 letters, 1 up to 8, 2 beyond; a swap of two letters is one),
    and the numbers exactly the same (2016 is not a typo of 2017, 4.86 of 48.6).
    """
    typed_words = [answer_key(w) for w in _WORD.findall(typed)]
    accepted_words = [answer_key(w) for w in _WORD.findall(accepted)]
    typed_words, accepted_words = [w for w in typed_words if w], [w for w in accepted_words if w]
    if len(typed_words) != len(accepted_words) or typed_words == accepted_words:
        return False
    for mine, right in zip(typed_words, accepted_words, strict=True):
        if mine == right:
            continue
        if _numerals(mine) != _numerals(right):
            return False
        allowed = 0 if len(right) <= 4 else 1 if len(right) <= 8 else 2
        if OSA.distance(mine, right, score_cutoff=allowed) > allowed:
            return False
    return True


def _numerals(key: str) -> list[str]:
    return [c for c in key if c.isdigit() or c in ".,-"]


def _score_number(question: Numeric, response: Any) -> tuple[float, str]:
    value = parse_number(str(response), unit=question.unit)
    if value is None:
        return 0.0, unreadable(question, response) or ""
    if question.range is not None:
        right = question.range.min <= value <= question.range.max
    else:
        assert question.answer is not None
        slack = question.tolerance + 1e-9 * max(1.0, abs(question.answer))
        right = abs(value - question.answer) <= slack
    return float(right), CORRECT if right else INCORRECT


def is_blank(question: Question, response: Any) -> bool:
    """True when nothing at all was answered, so there is nothing to grade (a partly answered
    cloze or matching is graded: its empty parts count as wrong)."""
    if response is None:
        return True
    match question:
        case TrueFalse():
            return not isinstance(response, bool)
        case MultipleSelect():
            return len(response) == 0
        case Matching():
            return all(not response.get(p.left) for p in question.pairs)
        case Cloze():
            return all(not t.strip() for t in _blanks_of(response))
        case MultipleChoice() | ShortAnswer() | Numeric():
            return not str(response).strip()
        case _:
            assert_never(question)


def unreadable(question: Question, response: Any) -> str | None:
    """Why a typed number cannot be read (so it is refused, not graded), or None."""
    if isinstance(question, Numeric) and parse_number(str(response), unit=question.unit) is None:
        return f"{str(response).strip()!r} is not a number; type digits such as 42 or 3.5."
    return None


def _blanks_of(response: str | Sequence[str]) -> list[str]:
    return [response] if isinstance(response, str) else [str(r) for r in response]


def expected_answer(question: Question) -> str:
    """The right answer, written for a student."""
    match question:
        case MultipleChoice():
            return question.answer
        case MultipleSelect():
            return "; ".join(question.answers)
        case TrueFalse():
            return "True" if question.answer else "False"
        case ShortAnswer():
            return question.answers[0]
        case Numeric():
            unit = f" {question.unit}" if question.unit else ""
            if question.range is not None:
                return f"between {question.range.min:g} and {question.range.max:g}{unit}"
            assert question.answer is not None
            within = f" (± {question.tolerance:g})" if question.tolerance else ""
            return f"{question.answer:g}{unit}{within}"
        case Matching():
            return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
        case Cloze():
            answers = iter(blank[0] for blank in question.blanks)
            segments = question.segments
            return "".join(s + (next(answers, "")) for s in segments[:-1]) + segments[-1]
        case _:
            assert_never(question)


def response_to_text(question: Question, response: Any) -> str:
    """The response as one CSV cell: plain text for single values, JSON for lists and maps."""
    if response is None:
        return ""
    match question:
        case TrueFalse():
            return "true" if response else "false"
        case MultipleSelect():
            return json.dumps(sorted(response), ensure_ascii=False)
        case Matching():
            return json.dumps(dict(response), ensure_ascii=False)
        case Cloze():
            return json.dumps(_blanks_of(response), ensure_ascii=False)
        case Numeric() if isinstance(response, float) and math.isfinite(response):
            return f"{response:g}"
        case MultipleChoice() | ShortAnswer() | Numeric():
            return str(response)
        case _:
            assert_never(question)


def response_from_text(question: Question, text: str) -> Any:
    """Inverse of `response_to_text` (None for an empty or unreadable cell)."""
    if text == "":
        return None
    try:
        match question:
            case TrueFalse():
                return {"true": True, "false": False}.get(text)
            case MultipleSelect():
                return _json_of(text, list)
            case Matching():
                return _json_of(text, dict)
            case Cloze():
                return _json_of(text, list)
            case MultipleChoice() | ShortAnswer() | Numeric():
                return text
            case _:
                assert_never(question)
    except ValueError:
        return None


def _json_of(text: str, kind: type[_Json]) -> _Json | None:
    value = json.loads(text)
    return value if isinstance(value, kind) else None


def readable_response(question: Question, text: str) -> str:
    """A logged response as a student would write it ("—" when there was none)."""
    response = response_from_text(question, text)
    if response is None or is_blank(question, response):
        return "— (skipped)"
    match question:
        case TrueFalse():
            return "True" if response else "False"
        case MultipleSelect():
            return "; ".join(map(str, response))
        case Matching():
            return "; ".join(f"{p.left} → {response.get(p.left) or '—'}" for p in question.pairs)
        case Cloze():
            return " / ".join(str(typed).strip() or "—" for typed in response)
        case MultipleChoice() | ShortAnswer() | Numeric():
            return str(response)
        case _:
            assert_never(question)
