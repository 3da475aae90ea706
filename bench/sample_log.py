"""Realistic score logs of any size, fast, for the benchmarks (not a benchmark itself).

A class is 40 students, each with ten 25-question quizzes over a school year of the bundled
bank. One class's rows are made by the app's own answer path (`quiz.submit`, so responses,
scores and hashes are what the app stores: JSON lists, typed text with commas and quotes) and
encoded once with `csv_file.encode`; every further class is that block of encoded lines with
its class label and attempt-id prefix replaced and a fresh random answer id written into each
line, so a million rows take seconds. A "returning student" has two finished quizzes and a
sitting in progress over the choice questions (unshuffled, so a browser can answer it); the
same rows go into every log, spread through it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, assert_never

import numpy as np

from app import quiz
from app.bank import load_bank
from app.log import AnswerRow
from app.models import (
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.stores import csv_file

REPO = Path(__file__).resolve().parent.parent
BANK: Bank = load_bank(REPO / "questions" / "russia-paratroopers-drill.yaml").bank
CHOICE_IDS = tuple(q.id for q in BANK.questions if q.type in ("multiple_choice", "true_false"))
STUDENTS_PER_CLASS = 40
QUIZZES_PER_STUDENT = 10
QUESTIONS_PER_QUIZ = 25
RETURNING = "Maya O'Connor"
RESUMED_ANSWERED = 5  # questions of the sitting in progress already answered
CLASS_MARK = "~CL~"  # replaced by each class's label in the encoded block
ATTEMPT_MARK = "~AT~"  # replaced by each class's 6-hex-digit attempt prefix
START = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
WRONG_TEXT = (
    'I think "Slavic Brotherhood", or Kovin',
    "not sure, maybe 2016",
    'the "elite" troops, as far as I remember',
    "Ilyushin, the big one",
)
FIRST = ("Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas")
LAST = ("Lima", "O'Neill", "Schmidt", "Nguyen", "Kowalski", "García", "Smith-Jones", "Ito")


@dataclass(frozen=True)
class Returning:
    """The returning student's rows, and the sitting a browser resumes."""

    rows: list[AnswerRow]
    attempt_id: str  # the sitting in progress (choice questions, unshuffled)
    params: dict[str, str]  # its URL query parameters

    @property
    def next_ids(self) -> tuple[str, ...]:
        """The questions still to answer in that sitting, in order."""
        return CHOICE_IDS[RESUMED_ANSWERED:]


def response_for(question: Question, right: bool, rng: random.Random) -> Any:
    """A response in grading's shape: right, or a plausible wrong one."""
    match question:
        case MultipleChoice():
            wrong = [o for o in question.options if o != question.answer]
            return question.answer if right else rng.choice(wrong)
        case MultipleSelect():
            if right:
                return set(question.answers)
            return {question.answers[0], *(set(question.options) - set(question.answers))}
        case TrueFalse():
            return question.answer if right else not question.answer
        case ShortAnswer():
            return question.answers[0] if right else rng.choice(WRONG_TEXT)
        case Numeric():
            value = question.answer
            if value is None:
                assert question.range is not None  # a numeric question has one or the other
                value = question.range.min
            return f"{value:g}" if right else f"{value + rng.randint(3, 900):g}"
        case Matching():
            rights = [p.right for p in question.pairs]
            if not right:
                rights = rights[1:] + rights[:1]
            return {p.left: r for p, r in zip(question.pairs, rights, strict=True)}
        case Cloze():
            return [b[0] if right else rng.choice(WRONG_TEXT) for b in question.blanks]
        case _:
            assert_never(question)


def sitting_rows(
    plan: quiz.SittingPlan, started: datetime, rng: random.Random, answers: int | None = None
) -> list[AnswerRow]:
    """The rows of a sitting as the app stores them (the first `answers` questions answered)."""
    sitting = quiz.plan_questions(BANK, plan)
    rows = []
    now = started
    for question_id in sitting.question_ids[:answers]:
        question = BANK.question(question_id)
        elapsed = rng.randint(3_000, 40_000)
        now += timedelta(milliseconds=elapsed + rng.randint(500, 3_000))
        outcome = quiz.submit(
            sitting,
            question,
            response_for(question, rng.random() < 0.7, rng),
            now=now,
            elapsed_ms=elapsed,
            answer_id=uuid.UUID(int=rng.getrandbits(128)).hex,
            skipped=rng.random() < 0.03,
        )
        assert isinstance(outcome, quiz.Submitted), outcome
        sitting = quiz.advance(outcome.sitting)
        rows.append(outcome.row)
    return rows


def returning_student(seed: int = 7) -> Returning:
    """Two finished quizzes of the whole bank, then a choice-question sitting in progress."""
    rng = random.Random(seed)
    rows = []
    for week in (3, 9):
        plan = quiz.SittingPlan(
            uuid.UUID(int=rng.getrandbits(128)).hex[:12],
            RETURNING,
            BANK.id,
            length=QUESTIONS_PER_QUIZ,
        )
        rows += sitting_rows(plan, START + timedelta(weeks=week), rng)
    attempt = uuid.UUID(int=rng.getrandbits(128)).hex[:12]
    plan = quiz.SittingPlan(attempt, RETURNING, BANK.id, shuffle=False, only=CHOICE_IDS)
    rows += sitting_rows(plan, START + timedelta(weeks=20), rng, RESUMED_ANSWERED)
    return Returning(rows, attempt, quiz.plan_to_params(plan))


def class_block(seed: int = 1) -> bytes:
    """One class's encoded lines, with the class and attempt marks still in them."""
    rng = random.Random(seed)
    lines = []
    for number in range(STUDENTS_PER_CLASS):
        student = (
            f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]} ({CLASS_MARK}-{number:02d})"
        )
        for week in range(QUIZZES_PER_STUDENT):
            attempt = f"{ATTEMPT_MARK}{number * QUIZZES_PER_STUDENT + week:06x}"
            plan = quiz.SittingPlan(attempt, student, BANK.id, length=QUESTIONS_PER_QUIZ)
            started = START + timedelta(weeks=3 * week, hours=rng.randint(0, 72))
            lines += [csv_file.encode(row) for row in sitting_rows(plan, started, rng)]
    return "".join(lines).encode()


def class_lines(block: bytes, number: int, rng: np.random.Generator) -> bytes:
    """Class `number`'s lines: `block` with its own labels and fresh answer ids."""
    data = block.replace(CLASS_MARK.encode(), f"C{number:04d}".encode())
    data = data.replace(ATTEMPT_MARK.encode(), f"{number:06x}".encode())
    buffer = np.frombuffer(data, np.uint8).copy()
    ends = np.flatnonzero(buffer == ord("\n"))
    # The answer id is the last field: 32 hex digits, never quoted.
    spots = ends[:, None] - 32 + np.arange(32)
    buffer[spots] = _HEX[rng.integers(0, 16, spots.shape)]
    return buffer.tobytes()


def write_log(path: Path, rows: int, returning: Returning, block: bytes, seed: int = 0) -> None:
    """A log of exactly `rows` rows: classes' rows with the returning student's spread in."""
    mine = [csv_file.encode(row).encode() for row in returning.rows]
    others = rows - len(mine)
    assert others >= 0, f"{rows} rows cannot hold the returning student's {len(mine)}"
    per_block = block.count(b"\n")
    rng = np.random.default_rng(seed)
    # The two finished quizzes go a third and two thirds of the way in, the sitting at the end.
    cuts = {others // 3: mine[:25], 2 * others // 3: mine[25:50]}
    written = 0
    with open(path, "wb") as file:
        file.write(csv_file.HEADER_LINE.encode())
        number = 0
        while written < others:
            data = class_lines(block, number, rng)
            take = min(per_block, others - written)
            if take < per_block:
                data = data[
                    : int(np.flatnonzero(np.frombuffer(data, np.uint8) == 10)[take - 1]) + 1
                ]
            for cut, lines in cuts.items():
                if written <= cut < written + take:
                    split = _line_offset(data, cut - written)
                    data = data[:split] + b"".join(lines) + data[split:]
            file.write(data)
            written += take
            number += 1
        if others == 0:
            file.write(b"".join(mine[:50]))
        file.write(b"".join(mine[50:]))


def _line_offset(data: bytes, lines: int) -> int:
    """Where line number `lines` (from 0) of `data` starts."""
    if lines == 0:
        return 0
    return int(np.flatnonzero(np.frombuffer(data, np.uint8) == 10)[lines - 1]) + 1


_HEX = np.frombuffer(b"0123456789abcdef", np.uint8)
