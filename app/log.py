"""What a row of the score log is: its columns, its modes, and how an answer gets its id.

How rows are stored (a CSV file, a PostgreSQL table) is the business of `app.stores`.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import astuple, dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum


class Mode(StrEnum):
    QUIZ = "quiz"
    PRACTICE = "practice"
    FLASHCARD = "flashcard"
    REVIEW = "review"
    START = "start"  # not an answer: a timed sitting started (see app/timing.py)


def is_answer(row: AnswerRow) -> bool:
    """Whether `row` is an answer (every row but a timed sitting's start)."""
    return row.mode != Mode.START


class Rating(StrEnum):
    """How well a flashcard was remembered (the `rating` column of a flashcard row)."""

    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


@dataclass(frozen=True)
class AnswerRow:
    """One answered question, as stored in the log (columns in DESIGN.md order)."""

    timestamp: str
    student: str
    bank_id: str
    question_id: str
    question_hash: str
    attempt_id: str
    mode: str
    response: str
    correct: bool
    score: float
    elapsed_ms: int
    rating: str = ""
    answer_id: str = ""  # empty only in logs written before answers had ids


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(AnswerRow))
# Every log has these; `answer_id` came later, and logs without it still read.
REQUIRED_COLUMNS: tuple[str, ...] = COLUMNS[: COLUMNS.index("answer_id")]


def timestamp_of(moment: datetime) -> str:
    """`moment` as the log stores it: ISO 8601 in UTC, to the millisecond."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def now_utc() -> str:
    """The current time as the log stores it."""
    return timestamp_of(datetime.now(UTC))


def new_answer_id() -> str:
    """A fresh id for one answer, unique across servers."""
    return uuid.uuid4().hex


def with_answer_id(row: AnswerRow) -> AnswerRow:
    """`row`, given a stable id when it has none (a row from a log older than answer ids).

    The id is derived from the row's content, so copying the same old log twice gives the same
    ids, and the second copy adds nothing.
    """
    if row.answer_id:
        return row
    digest = hashlib.sha256(repr(astuple(row)).encode()).hexdigest()[:32]
    return replace(row, answer_id=f"old-{digest}")


def first_of_each_answer(rows: list[AnswerRow]) -> list[AnswerRow]:
    """`rows` without repeats of an answer id (the same answer saved twice), first kept."""
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row.answer_id:
            if row.answer_id in seen:
                continue
            seen.add(row.answer_id)
        unique.append(row)
    return unique
