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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, assert_never

from rapidfuzz.distance import Levenshtein

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
    feedback: str
    expected: str


def grade(question: Question, response: Any) -> Grade:
    """Grade `response` to `question` (see the module docstring for response shapes)."""
    expected = expected_answer(question)
    if is_blank(question, response):
        return Grade(False, 0.0, "No answer was given.", expected)
    score, feedback = _score(question, response)
    score = round(min(max(score, 0.0), 1.0), 4)
    return Grade(score == 1.0, score, feedback, expected)


def _score(question: Question, response: Any) -> tuple[float, str]:
    match question:
        case MultipleChoice():
            right = response == question.answer
            return float(right), "Correct." if right else "Not this one."
        case TrueFalse():
            right = bool(response) == question.answer
            return float(right), "Correct." if right else "Not quite."
        case MultipleSelect():
            return _score_select(question, set(response))
        case ShortAnswer():
            return _score_text(str(response), question.answers, question.typo_tolerance)
        case Numeric():
            return _score_number(question, response)
        case Matching():
            right = sum(response.get(p.left) == p.right for p in question.pairs)
            total = len(question.pairs)
            if right == total:
                return 1.0, "Every pair is right."
            return right / total, f"{right} of {total} pairs are right."
        case Cloze():
            results = [
                _score_text(typed, accepted, question.typo_tolerance)[0]
                for typed, accepted in zip(_blanks_of(response), question.blanks, strict=False)
            ]
            right, total = int(sum(results)), len(question.blanks)
            if right == total:
                return 1.0, "Correct." if total == 1 else "Every blank is right."
            return right / total, f"{right} of {total} blanks are right."
        case _:
            assert_never(question)


def _score_select(question: MultipleSelect, chosen: set[str]) -> tuple[float, str]:
    correct = set(question.answers)
    hits, misses = len(chosen & correct), len(chosen - correct)
    score = max(0.0, (hits - misses) / len(correct))
    if hits == len(correct) and not misses:
        return 1.0, "You chose exactly the right options."
    parts = [f"{hits} of {len(correct)} right options chosen"]
    if misses:
        parts.append(f"{misses} wrong option{'s' if misses > 1 else ''} chosen")
    summary = ", ".join(parts) + "."
    return score, f"Partly right: {summary}" if score else summary


def _score_text(typed: str, accepted: Sequence[str], typo_tolerance: bool) -> tuple[float, str]:
    key = answer_key(typed)
    keys = {answer_key(a): a for a in accepted}
    if key in keys:
        return 1.0, "Correct."
    if typo_tolerance:
        for accepted_key, spelled in keys.items():
            if _is_typo(key, accepted_key):
                return 1.0, f"Correct, allowing for a typo: it is spelled {spelled!r}."
    return 0.0, "Not quite."


def _is_typo(key: str, accepted_key: str) -> bool:
    """A few letters off, never a different number (2016 is not a typo of 2017, 4.86 of 48.6).

    Keys keep ".", "," and "-" only inside or before numbers (see answer_key).
    """
    if _numerals(key) != _numerals(accepted_key):
        return False
    length = len(accepted_key)
    allowed = 0 if length <= 4 else 1 if length <= 8 else 2
    return allowed > 0 and Levenshtein.distance(key, accepted_key, score_cutoff=allowed) <= allowed


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
    return float(right), "Correct." if right else "Not quite."


def is_blank(question: Question, response: Any) -> bool:
    """True when nothing (or not everything) was answered, so there is nothing to grade."""
    if response is None:
        return True
    match question:
        case TrueFalse():
            return not isinstance(response, bool)
        case MultipleSelect():
            return len(response) == 0
        case Matching():
            return any(not response.get(p.left) for p in question.pairs)
        case Cloze():
            typed = _blanks_of(response)
            return len(typed) < len(question.blanks) or any(not t.strip() for t in typed)
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
            return "; ".join(f"{left} → {right}" for left, right in response.items())
        case Cloze():
            return " / ".join(map(str, response))
        case MultipleChoice() | ShortAnswer() | Numeric():
            return str(response)
        case _:
            assert_never(question)
