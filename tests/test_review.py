"""Review mistakes: what is still wrong, from one student's rows (pure)."""

from __future__ import annotations

import pytest

from app import quiz
from app.bank import load_bank
from app.log import AnswerRow, Mode
from tests.conftest import BANK_FILE

BANK = load_bank(BANK_FILE).bank
A, B, C = (q.id for q in BANK.questions[:3])


def answer(attempt: str, question: str, right: bool, minute: int, mode: str = "quiz") -> AnswerRow:
    return AnswerRow(
        timestamp=f"2026-11-25T10:{minute:02d}:00.000+00:00",
        student="Ana",
        bank_id=BANK.id,
        question_id=question,
        question_hash="h",
        attempt_id=attempt,
        mode=mode,
        response="x",
        correct=right,
        score=float(right),
        elapsed_ms=1000,
        rating="good" if mode == "flashcard" and right else "",
        answer_id=f"{attempt}-{question}-{minute}",
    )


CASES = {
    "wrong in a quiz": ([answer("q1", A, False, 1)], (A,)),
    "right in a quiz": ([answer("q1", A, True, 1)], ()),
    "wrong, then right in a later quiz": (
        [answer("q1", A, False, 1), answer("q2", A, True, 2)],
        (),
    ),
    "right, then wrong in a later quiz": (
        [answer("q1", A, True, 1), answer("q2", A, False, 2)],
        (A,),
    ),
    "cleared by practice": ([answer("q1", A, False, 1), answer("p1", A, True, 2, "practice")], ()),
    "cleared by a review": ([answer("q1", A, False, 1), answer("r1", A, True, 2, "review")], ()),
    "a wrong practice is not a mistake": ([answer("p1", A, False, 1, "practice")], ()),
    "a flashcard rating neither adds nor clears": (
        [answer("q1", A, False, 1), answer("card-1", A, True, 2, "flashcard")],
        (A,),
    ),
    "only the first answer of a sitting counts": (
        [answer("q1", A, False, 1), answer("q1", A, True, 2)],
        (A,),
    ),
    "stored out of time order": (
        [answer("q2", A, True, 5), answer("q1", A, False, 1)],
        (),
    ),
    "in the bank's order, unknown questions left out": (
        [answer("q1", C, False, 1), answer("q1", A, False, 2), answer("q1", "gone", False, 3)],
        (A, C),
    ),
}


@pytest.mark.parametrize(("rows", "expected"), CASES.values(), ids=CASES.keys())
def test_mistakes_are_what_is_still_wrong(rows: list[AnswerRow], expected: tuple[str, ...]):
    assert quiz.mistakes(BANK, rows) == expected


def test_a_review_plan_travels_in_the_url() -> None:
    rows = [answer("q1", B, False, 1), answer("q1", A, False, 2)]
    plan = quiz.review_plan(BANK, "Ana", rows, "rev-1")
    assert plan is not None and plan.mode is Mode.REVIEW and plan.only == (A, B)
    assert quiz.plan_from_params(quiz.plan_to_params(plan)) == plan
    assert quiz.review_plan(BANK, "Ana", [], "rev-2") is None


def test_a_url_cannot_start_a_flashcard_sitting_as_a_quiz() -> None:
    params = {"attempt": "x", "student": "Ana", "bank": BANK.id, "mode": "flashcard"}
    assert quiz.plan_from_params(params) is None
