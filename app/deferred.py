"""Deferred feedback outside the quiz page: which of a student's answers must not be graded
in front of them yet. Pure.

A quiz on a bank with `feedback: deferred` tells right or wrong only on its results page. Its
rows are in the score log from the first answer, so the pages that read the log (progress,
mistakes to review) leave out the rows of such a sitting until it is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from app.log import AnswerRow, Mode
from app.models import Bank, Feedback
from app.quiz import plan_of_attempt, plan_questions, resume


def pending_attempts(
    rows: Iterable[AnswerRow], banks: Mapping[str, Bank], now: datetime
) -> frozenset[str]:
    """The attempt ids, among one student's `rows`, of deferred-feedback quizzes not over at
    `now` (questions left and time left).

    A sitting's length is read from its attempt id (see `quiz.attempt_id_for`); a sitting
    whose id does not say (not started by the app) cannot be told apart and is not held back.
    """
    by_attempt: dict[str, list[AnswerRow]] = {}
    for row in rows:
        if row.mode in (Mode.QUIZ, Mode.START):
            by_attempt.setdefault(row.attempt_id, []).append(row)
    pending = set()
    for attempt_id, mine in by_attempt.items():
        first = mine[0]
        bank = banks.get(first.bank_id)
        if bank is None or bank.feedback is not Feedback.DEFERRED:
            continue
        plan = plan_of_attempt(attempt_id, first.student, first.bank_id, Mode.QUIZ)
        if plan is None or plan.parent:
            continue
        if resume(plan_questions(bank, plan), bank, mine).grading_hidden(now):
            pending.add(attempt_id)
    return frozenset(pending)


def without_pending(
    rows: Iterable[AnswerRow], banks: Mapping[str, Bank], now: datetime
) -> list[AnswerRow]:
    """`rows` (one student's) without those of deferred-feedback quizzes still going on."""
    rows = list(rows)
    pending = pending_attempts(rows, banks, now)
    return [row for row in rows if row.attempt_id not in pending]
