"""A sitting: which questions, in which order, and what was answered. Pure.

A sitting is fully determined by its `SittingPlan` (which the URL carries), so reloading the
page rebuilds the same questions in the same order, and the answers already in the score log
put the student back where they were. Randomness comes only from the attempt id.

A quiz sitting on a bank with `feedback: deferred` tells nothing of right or wrong until it is
over: `submit` moves straight on, and `grading_hidden` says when a page must keep it quiet.

A quiz sitting on a bank with a time limit is timed: its start is a row in the log (see
app/timing.py), and `submit`, given the time, refuses answers from the deadline on.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app import timing
from app.article import Mark
from app.grading import grade, is_blank, response_from_text, response_to_text, unreadable
from app.log import AnswerRow, Mode, Rating, timestamp_of
from app.models import Bank, Feedback, Matching, MultipleChoice, MultipleSelect, Question
from app.rivals import rivals_of
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
    at: str = ""  # when it was answered (the row's timestamp)


@dataclass(frozen=True)
class Sitting:
    plan: SittingPlan
    question_ids: tuple[str, ...]
    option_orders: dict[str, tuple[str, ...]]  # shuffled options (matching: right items)
    answers: tuple[Answered, ...] = ()
    index: int = 0  # the question on screen; == len(question_ids) when finished
    bank_version: str = ""  # the bank as it was when the sitting was planned
    rivals: frozenset[str] = frozenset()  # answer keys never taken as a typo (app.rivals)
    time_limit: timedelta | None = None  # the bank's limit (quiz sittings only)
    start: Start | None = None  # when a timed sitting started, from the log
    deferred: bool = False  # right or wrong only once the sitting is over (quiz sittings only)

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
        """Time spent answering: the sum of each question's time on screen."""
        return sum(a.elapsed_ms for a in self.answers)

    @property
    def duration_ms(self) -> int:
        """From the first question shown to the last answer (pauses included)."""
        times = [(datetime.fromisoformat(a.at), a.elapsed_ms) for a in self.answers if a.at]
        if len(times) != len(self.answers) or not times:
            return self.elapsed_ms
        first_at, first_elapsed = min(times)
        last_at = max(at for at, _ in times)
        return max(0, round((last_at - first_at).total_seconds() * 1000) + first_elapsed)

    @property
    def last_answer_at(self) -> str:
        return max((a.at for a in self.answers), default="")

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

    def results_due(self, now: datetime) -> bool:
        """Whether the quiz page shows the results at `now`: past the last question (its
        feedback read), or out of time."""
        return self.finished or self.ended_by_time(now)

    def over(self, now: datetime) -> bool:
        """Whether nothing more can be answered: every question answered, or the time is up."""
        return self.complete or self.ended_by_time(now)

    def grading_hidden(self, now: datetime) -> bool:
        """Whether pages must not tell how any answer went (nor the score, the right answers
        or the explanations): a deferred-feedback sitting that is not over at `now`."""
        return self.deferred and not self.over(now)


def seed_of(attempt_id: str) -> int:
    return int.from_bytes(hashlib.sha256(attempt_id.encode()).digest()[:8], "big")


def plan_questions(bank: Bank, plan: SittingPlan, article: str = "") -> Sitting:
    """Pick and order the plan's questions (seeded by the attempt id); nothing answered yet.

    `plan.shuffle` orders the questions; options are always shuffled (the bank lists the right
    one first), unless the question is marked `fixed_order`. `article` gives the names that
    are never a typo of a right answer.
    """
    rng = random.Random(seed_of(plan.attempt_id))
    known = {q.id for q in bank.questions}
    ids = [q.id for q in bank.questions]
    if plan.only or plan.parent:
        ids = [i for i in plan.only if i in known]
    if plan.length is not None and 0 < plan.length < len(ids):
        ids = sorted(rng.sample(ids, plan.length), key=ids.index)
    if plan.shuffle:
        rng.shuffle(ids)
    orders = {}
    for question_id in ids:
        options, fixed = _choices(bank.question(question_id))
        if options:
            orders[question_id] = options if fixed else tuple(rng.sample(options, len(options)))
    limit = None
    if plan.mode is Mode.QUIZ and bank.time_limit_minutes is not None:
        limit = timedelta(minutes=bank.time_limit_minutes)
    return Sitting(
        plan,
        tuple(ids),
        orders,
        rivals=rivals_of(bank, article),
        time_limit=limit,
        deferred=plan.mode is Mode.QUIZ and bank.feedback is Feedback.DEFERRED,
    )


def _choices(question: Question) -> tuple[tuple[str, ...], bool]:
    if isinstance(question, MultipleChoice | MultipleSelect):
        return question.options, question.fixed_order
    if isinstance(question, Matching):
        return question.right_items, question.fixed_order
    return (), False


def with_missed(plan: SittingPlan, parent_rows: Iterable[AnswerRow]) -> SittingPlan:
    """A practice plan with the questions its parent sitting missed (first answers only); for
    a timed parent, the questions left unanswered when the time ran out too."""
    first: dict[str, bool] = {}
    asked: tuple[str, ...] = ()
    for row in parent_rows:
        if row.attempt_id != plan.parent:
            continue
        if row.mode == Mode.START:
            asked = asked or tuple(row.response.split())  # the first start counts
        else:
            first.setdefault(row.question_id, row.correct)
    order = asked or tuple(first)
    return replace(plan, only=tuple(qid for qid in order if not first.get(qid, False)))


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
        if sitting.answer_to(row.question_id) is not None:
            continue  # the first answer wins (record would keep it): nothing to grade again
        question = bank.question(row.question_id)
        feedback = ""
        if row.question_hash == question.content_hash:
            response = response_from_text(question, row.response)
            feedback = grade(question, response, sitting.rivals).feedback
        answered = Answered(
            row.question_id,
            row.response,
            row.correct,
            row.score,
            row.elapsed_ms,
            feedback,
            row.answer_id,
            row.timestamp,
        )
        sitting = record(sitting, row.question_id, answered)
    return next_unanswered(sitting)


ALREADY_ANSWERED = (
    "This question was already answered in another tab or window; that answer counts."
)
ALREADY_RATED = "This card was already rated in another tab or window; that rating counts."
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
    rating: Rating | None = None,
) -> Submitted | Refusal:
    """Grade `response` to `question` once, or refuse it saying why.

    `response` is in grading's shape (see app.grading); `skipped` records the question as not
    answered (wrong). The sitting stays on the question, to show its feedback; a deferred one
    moves on to the next unanswered question, as there is no feedback to show. A timed sitting
    refuses answers from its deadline on, and before its start is in the log.

    A flashcard sitting (mode `flashcard`) takes a `rating` instead of a required answer: the
    typed answer is optional and only graded for its feedback; the row is right (score 1)
    unless the rating is Again.
    """
    flashcard = sitting.plan.mode is Mode.FLASHCARD
    if question.id not in sitting.question_ids:
        return Refusal("This question is not part of this sitting.")
    if sitting.needs_start:
        return Refusal(NOT_STARTED)
    if sitting.start is not None and sitting.start.is_over(now):
        return Refusal(TIME_UP, time_up=True)
    if sitting.answer_to(question.id) is not None:
        return Refusal(ALREADY_RATED if flashcard else ALREADY_ANSWERED, already_answered=True)
    if flashcard and rating is None:
        return Refusal("Choose how well you remembered: Again, Hard, Good or Easy.")
    if not flashcard and rating is not None:
        return Refusal("Only flashcards are rated; answer the question instead.")
    if skipped or (flashcard and is_blank(question, response)):
        response = None
    elif is_blank(question, response):
        return Refusal(
            "Please answer before submitting, or press Skip to count this question as wrong."
        )
    elif why := unreadable(question, response):
        return Refusal(why)
    result = grade(question, response, sitting.rivals)
    correct, score = result.correct, result.score
    if rating is not None:
        correct = rating is not Rating.AGAIN
        score = 1.0 if correct else 0.0
    answered = Answered(
        question.id,
        response_to_text(question, response),
        correct,
        score,
        elapsed_ms,
        result.feedback,
        answer_id,
        timestamp_of(now),
    )
    plan = sitting.plan
    row = AnswerRow(
        timestamp=answered.at,
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
        rating=rating.value if rating is not None else "",
        answer_id=answer_id,
    )
    recorded = record(sitting, question.id, answered)
    updated = next_unanswered(recorded) if sitting.deferred else stand_on(recorded, question.id)
    return Submitted(updated, row)


def next_unanswered(sitting: Sitting) -> Sitting:
    """The sitting on its first unanswered question (finished when every one is answered)."""
    answered_ids = {a.question_id for a in sitting.answers}
    index = next(
        (i for i, qid in enumerate(sitting.question_ids) if qid not in answered_ids),
        len(sitting.question_ids),
    )
    return replace(sitting, index=index)


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


def practice_plan(parent: Sitting, token: str) -> SittingPlan:
    """A practice sitting over the questions missed in `parent` (`token`: a new random id)."""
    return SittingPlan(
        attempt_id=attempt_id_for(
            token, shuffle=parent.plan.shuffle, parent=parent.plan.attempt_id
        ),
        student=parent.plan.student,
        bank_id=parent.plan.bank_id,
        mode=Mode.PRACTICE,
        shuffle=parent.plan.shuffle,
        only=parent.missed_ids,
        parent=parent.plan.attempt_id,
    )


GRADED_MODES = (Mode.QUIZ.value, Mode.PRACTICE.value, Mode.REVIEW.value)


def mistakes(bank: Bank, rows: Iterable[AnswerRow]) -> tuple[str, ...]:
    """The questions of `bank` the student got wrong in a quiz and has not answered right
    since (in a quiz, a practice or a review), in the bank's order.

    `rows` are one student's rows in the order they were stored. Only the first answer to a
    question in a sitting counts; flashcard ratings are the student's own judgement, not a
    graded answer, so they neither add nor clear a mistake.
    """
    known = {q.id for q in bank.questions}
    wrong: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for row in sorted(
        (r for r in rows if r.bank_id == bank.id and r.question_id in known),
        key=lambda r: r.timestamp,
    ):
        if row.mode not in GRADED_MODES or (row.attempt_id, row.question_id) in seen:
            continue
        seen.add((row.attempt_id, row.question_id))
        if row.correct:
            wrong.discard(row.question_id)
        elif row.mode == Mode.QUIZ.value:
            wrong.add(row.question_id)
    return tuple(q.id for q in bank.questions if q.id in wrong)


def review_plan(
    bank: Bank, student: str, rows: Iterable[AnswerRow], attempt_id: str
) -> SittingPlan | None:
    """A review sitting over the student's mistakes in `bank` (None when there are none)."""
    missed = mistakes(bank, rows)
    if not missed:
        return None
    return SittingPlan(
        attempt_id=attempt_id,
        student=student,
        bank_id=bank.id,
        mode=Mode.REVIEW,
        only=missed,
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
    if plan.only and not plan.parent:  # a practice's questions come from its parent's answers
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
    if mode not in (Mode.QUIZ, Mode.PRACTICE, Mode.REVIEW) or (length is not None and length < 1):
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


_ATTEMPT = re.compile(
    r"^(?P<token>[0-9a-f]+)\.q(?:n(?P<n>[1-9]\d*))?(?P<o>o)?(?:p(?P<parent>.+))?$"
)


def attempt_id_for(
    token: str, *, length: int | None = None, shuffle: bool = True, parent: str = ""
) -> str:
    """A new sitting's id: the random `token`, then what the sitting asks (so that Home can
    offer to resume it from the log alone): `.q`, `n<length>`, `o` (questions in bank order),
    `p<parent attempt id>` (a practice of that sitting's misses)."""
    length_part = f"n{length}" if length else ""
    return f"{token}.q{length_part}{'' if shuffle else 'o'}{'p' + parent if parent else ''}"


def plan_of_attempt(attempt_id: str, student: str, bank_id: str, mode: Mode) -> SittingPlan | None:
    """The plan an attempt id made by `attempt_id_for` describes (None for other ids)."""
    found = _ATTEMPT.match(attempt_id)
    if found is None or mode not in (Mode.QUIZ, Mode.PRACTICE):
        return None
    return SittingPlan(
        attempt_id=attempt_id,
        student=student,
        bank_id=bank_id,
        mode=mode,
        length=int(found["n"]) if found["n"] else None,
        shuffle=not found["o"],
        parent=found["parent"] or "",
    )


def unfinished(rows: Iterable[AnswerRow], banks: Mapping[str, Bank]) -> list[Sitting]:
    """The sittings of these rows (one student's) begun but not finished, newest first.

    Read from the log alone: the attempt id says what each sitting asks (`attempt_id_for`).
    Sittings of banks that are gone, or whose id does not say, are left out.
    """
    rows = list(rows)
    by_attempt: dict[str, list[AnswerRow]] = {}
    for row in rows:
        by_attempt.setdefault(row.attempt_id, []).append(row)
    open_sittings = []
    for attempt_id, mine in by_attempt.items():
        first = mine[0]
        bank = banks.get(first.bank_id)
        try:
            mode = Mode(first.mode)
        except ValueError:
            continue
        plan = plan_of_attempt(attempt_id, first.student, first.bank_id, mode)
        if bank is None or plan is None:
            continue
        if plan.parent:
            plan = with_missed(plan, by_attempt.get(plan.parent, []))
        sitting = resume(plan_questions(bank, plan), bank, mine)
        if not sitting.finished and sitting.answers:
            open_sittings.append(sitting)
    return sorted(open_sittings, key=lambda s: s.last_answer_at, reverse=True)
