"""A sitting: which questions, in which order, and what was answered. Pure.

A sitting is fully determined by its `SittingPlan` (which the URL carries), so reloading the
page rebuilds the same questions in the same order, and the answers already in the score log
put the student back where they were. Randomness comes only from the attempt id.

A quiz sitting on a bank with a time limit is timed: its start is a row in the log (see
app/timing.py), and `submit`, given the time, refuses answers from the deadline on.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app import timing
from app.article import Mark
from app.grading import grade, is_blank, response_from_text, response_to_text, unreadable
from app.log import AnswerRow, Mode, timestamp_of
from app.models import Bank, Matching, MultipleChoice, MultipleSelect, Question
from app.timing import Start


@dataclass(frozen=True)
class SittingPlan:
    """What a sitting asks; everything in it fits in a URL's query parameters."""

    attempt_id: str
    student: str
    bank_id: str
    mode: Mode = Mode.QUIZ
    length: int | None = None  # None: every question
    shuffle: bool = True
    only: tuple[str, ...] = ()  # practice: just these question ids
    parent: str = ""  # practice: the sitting whose misses are retried


@dataclass(frozen=True)
class Answered:
    question_id: str
    response: str  # as stored in the log
    correct: bool
    score: float
    elapsed_ms: int
    feedback: str = ""
    answer_id: str = ""


@dataclass(frozen=True)
class Sitting:
    plan: SittingPlan
    question_ids: tuple[str, ...]
    option_orders: dict[str, tuple[str, ...]]  # shuffled options (matching: right items)
    answers: tuple[Answered, ...] = ()
    index: int = 0  # the question on screen; == len(question_ids) when finished
    bank_version: str = ""  # the bank as it was when the sitting was planned
    time_limit: timedelta | None = None  # the bank's limit (quiz sittings only)
    start: Start | None = None  # when a timed sitting started, from the log

    @property
    def finished(self) -> bool:
        return self.index >= len(self.question_ids)

    @property
    def timed(self) -> bool:
        return self.time_limit is not None or self.start is not None

    @property
    def needs_start(self) -> bool:
        """A timed sitting whose start is not in the log yet (see `start_row`)."""
        return self.timed and self.start is None

    @property
    def current_id(self) -> str | None:
        return None if self.finished else self.question_ids[self.index]

    def answer_to(self, question_id: str) -> Answered | None:
        return next((a for a in self.answers if a.question_id == question_id), None)

    @property
    def points(self) -> float:
        return round(sum(a.score for a in self.answers), 4)

    @property
    def elapsed_ms(self) -> int:
        return sum(a.elapsed_ms for a in self.answers)

    @property
    def missed_ids(self) -> tuple[str, ...]:
        """The questions answered wrong, or not answered at all, in the order asked."""
        return tuple(
            question_id
            for question_id in self.question_ids
            if (answered := self.answer_to(question_id)) is None or not answered.correct
        )

    @property
    def complete(self) -> bool:
        """Every question is answered (the last feedback may still be on screen)."""
        return len(self.answers) >= len(self.question_ids)

    def ended_by_time(self, now: datetime) -> bool:
        """Whether the time ran out at `now` before every question was answered."""
        return self.start is not None and self.start.is_over(now) and not self.complete

    def over(self, now: datetime) -> bool:
        """Whether nothing more can be answered: every question answered, or the time is up."""
        return self.complete or self.ended_by_time(now)


def seed_of(attempt_id: str) -> int:
    return int.from_bytes(hashlib.sha256(attempt_id.encode()).digest()[:8], "big")


def plan_questions(bank: Bank, plan: SittingPlan) -> Sitting:
    """Pick and order the plan's questions (seeded by the attempt id); nothing answered yet."""
    rng = random.Random(seed_of(plan.attempt_id))
    known = {q.id for q in bank.questions}
    ids = [i for i in plan.only if i in known] if plan.only else [q.id for q in bank.questions]
    if plan.length is not None and 0 < plan.length < len(ids):
        ids = sorted(rng.sample(ids, plan.length), key=ids.index)
    if plan.shuffle:
        rng.shuffle(ids)
    orders = {}
    for question_id in ids:
        options = _choices(bank.question(question_id))
        if options:
            orders[question_id] = (
                tuple(rng.sample(options, len(options))) if plan.shuffle else options
            )
    limit = None
    if plan.mode is Mode.QUIZ and bank.time_limit_minutes is not None:
        limit = timedelta(minutes=bank.time_limit_minutes)
    return Sitting(plan, tuple(ids), orders, time_limit=limit)


def _choices(question: Question) -> tuple[str, ...]:
    if isinstance(question, MultipleChoice | MultipleSelect):
        return question.options
    if isinstance(question, Matching):
        return question.right_items
    return ()


def record(sitting: Sitting, question_id: str, answered: Answered) -> Sitting:
    """The sitting with `answered` added; a question already answered keeps its first answer."""
    if sitting.answer_to(question_id) is not None or question_id not in sitting.question_ids:
        return sitting
    return replace(sitting, answers=(*sitting.answers, answered))


def advance(sitting: Sitting) -> Sitting:
    """Move to the next question, once the current one is answered."""
    if sitting.finished or sitting.answer_to(sitting.current_id or "") is None:
        return sitting
    return replace(sitting, index=sitting.index + 1)


def stand_on(sitting: Sitting, question_id: str) -> Sitting:
    """The sitting showing `question_id` (its feedback, once answered)."""
    if question_id not in sitting.question_ids:
        return sitting
    return replace(sitting, index=sitting.question_ids.index(question_id))


def resume(sitting: Sitting, bank: Bank, rows: Iterable[AnswerRow]) -> Sitting:
    """Replay the log's rows of this attempt (the first answer to a question wins); stand on
    the first unanswered question. A timed sitting gets its start from its first start row.

    Only rows of the plan's bank and mode count, so an edited URL (another mode or bank on the
    same attempt) never adds answers to a sitting, nor time to a quiz.
    The feedback of an answer is graded again from its stored response when the question has
    not changed since (grading is pure, so it is the feedback the student saw).
    """
    plan = sitting.plan
    mine = [r for r in rows if r.attempt_id == plan.attempt_id and r.bank_id == plan.bank_id]
    if plan.mode is Mode.QUIZ:
        start = timing.start_of(mine)
        if start is not None:
            sitting = replace(sitting, start=start)
    for row in mine:
        if row.mode != plan.mode.value or row.question_id not in sitting.question_ids:
            continue
        question = bank.question(row.question_id)
        feedback = ""
        if row.question_hash == question.content_hash:
            feedback = grade(question, response_from_text(question, row.response)).feedback
        answered = Answered(
            row.question_id,
            row.response,
            row.correct,
            row.score,
            row.elapsed_ms,
            feedback,
            row.answer_id,
        )
        sitting = record(sitting, row.question_id, answered)
    answered_ids = {a.question_id for a in sitting.answers}
    index = next(
        (i for i, qid in enumerate(sitting.question_ids) if qid not in answered_ids),
        len(sitting.question_ids),
    )
    return replace(sitting, index=index)


ALREADY_ANSWERED = (
    "This question was already answered in another tab or window; that answer counts."
)
TIME_UP = "Time is up: this answer came after the quiz's time limit and was not recorded."
NOT_STARTED = "This timed quiz has not started yet. Reload the page to start it."


@dataclass(frozen=True)
class Refusal:
    """Why an answer was not taken; nothing is stored."""

    reason: str
    already_answered: bool = False
    time_up: bool = False


@dataclass(frozen=True)
class Submitted:
    """The sitting with the answer graded once, and the row to store."""

    sitting: Sitting
    row: AnswerRow


def submit(
    sitting: Sitting,
    question: Question,
    response: Any,
    *,
    now: datetime,
    elapsed_ms: int,
    answer_id: str,
    skipped: bool = False,
) -> Submitted | Refusal:
    """Grade `response` to `question` once, or refuse it saying why.

    `response` is in grading's shape (see app.grading); `skipped` records the question as not
    answered (wrong). The sitting stays on the question, to show its feedback. A timed sitting
    refuses answers from its deadline on, and before its start is in the log.
    """
    if question.id not in sitting.question_ids:
        return Refusal("This question is not part of this sitting.")
    if sitting.needs_start:
        return Refusal(NOT_STARTED)
    if sitting.start is not None and sitting.start.is_over(now):
        return Refusal(TIME_UP, time_up=True)
    if sitting.answer_to(question.id) is not None:
        return Refusal(ALREADY_ANSWERED, already_answered=True)
    if skipped:
        response = None
    elif is_blank(question, response):
        return Refusal(
            "Please answer before submitting, or press Skip to count this question as wrong."
        )
    elif why := unreadable(question, response):
        return Refusal(why)
    result = grade(question, response)
    answered = Answered(
        question.id,
        response_to_text(question, response),
        result.correct,
        result.score,
        elapsed_ms,
        result.feedback,
        answer_id,
    )
    plan = sitting.plan
    row = AnswerRow(
        timestamp=timestamp_of(now),
        student=plan.student,
        bank_id=plan.bank_id,
        question_id=question.id,
        question_hash=question.content_hash,
        attempt_id=plan.attempt_id,
        mode=plan.mode.value,
        response=answered.response,
        correct=answered.correct,
        score=answered.score,
        elapsed_ms=elapsed_ms,
        answer_id=answer_id,
    )
    updated = stand_on(record(sitting, question.id, answered), question.id)
    return Submitted(updated, row)


def start_row(sitting: Sitting, now: datetime) -> AnswerRow:
    """The row that starts a timed sitting at `now` (store it, then resume from the log: the
    first start row stored is the one that counts)."""
    if sitting.time_limit is None:
        raise ValueError("only a timed sitting has a start row")
    plan = sitting.plan
    return timing.start_row(
        student=plan.student,
        bank_id=plan.bank_id,
        attempt_id=plan.attempt_id,
        question_ids=sitting.question_ids,
        limit=sitting.time_limit,
        now=now,
    )


def article_marks(sitting: Sitting, bank: Bank, now: datetime) -> tuple[Mark, ...]:
    """The sentences a sitting asked about, to mark on its article, numbered as in its review;
    `missed` when not answered right. None until the sitting is over (every question answered,
    or the time up at `now`), so the article never gives an answer away."""
    if not sitting.over(now):
        return ()
    marks = []
    for number, question_id in enumerate(sitting.question_ids, start=1):
        quote = bank.question(question_id).source_quote
        answered = sitting.answer_to(question_id)
        if quote:
            marks.append(Mark(number, quote, missed=answered is None or not answered.correct))
    return tuple(marks)


def practice_plan(parent: Sitting, attempt_id: str) -> SittingPlan:
    """A practice sitting over the questions missed in `parent`."""
    return SittingPlan(
        attempt_id=attempt_id,
        student=parent.plan.student,
        bank_id=parent.plan.bank_id,
        mode=Mode.PRACTICE,
        shuffle=parent.plan.shuffle,
        only=parent.missed_ids,
        parent=parent.plan.attempt_id,
    )


def plan_to_params(plan: SittingPlan) -> dict[str, str]:
    """The plan as URL query parameters (only what differs from the defaults)."""
    params = {"attempt": plan.attempt_id, "student": plan.student, "bank": plan.bank_id}
    if plan.mode is not Mode.QUIZ:
        params["mode"] = plan.mode.value
    if plan.length is not None:
        params["n"] = str(plan.length)
    if not plan.shuffle:
        params["shuffle"] = "0"
    if plan.only:
        params["only"] = ",".join(plan.only)
    if plan.parent:
        params["parent"] = plan.parent
    return params


def plan_from_params(params: Mapping[str, str]) -> SittingPlan | None:
    """The plan a URL describes, or None when it does not describe one."""
    attempt, student, bank = (params.get(k, "").strip() for k in ("attempt", "student", "bank"))
    if not (attempt and student and bank):
        return None
    try:
        mode = Mode(params.get("mode", Mode.QUIZ.value))
        length = int(params["n"]) if params.get("n") else None
    except ValueError:
        return None
    if mode not in (Mode.QUIZ, Mode.PRACTICE) or (length is not None and length < 1):
        return None
    only = tuple(i for i in params.get("only", "").split(",") if i)
    return SittingPlan(
        attempt_id=attempt,
        student=student,
        bank_id=bank,
        mode=mode,
        length=length,
        shuffle=params.get("shuffle", "1") != "0",
        only=only,
        parent=params.get("parent", ""),
    )
