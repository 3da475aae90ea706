"""The clock of a timed sitting: when it started, its deadline, what the student is told. Pure.

A timed sitting starts with a row of its own in the score log (mode `start`), written by the
server with the server's clock when the sitting is first shown. Every tab and every app server
reads the sitting's rows from the same log, and the first start row of a sitting is the one
that counts, so a reload, a second tab, another server or an edited URL all find the same
deadline; nothing the browser sends carries a time.

A start row has no question: its `response` lists the sitting's question ids (space
separated, in the order asked) and its `elapsed_ms` is the time allowed. Its answer id is
derived from the bank and the sitting, so a start written twice (two tabs, two servers at the
same moment) is one row in the log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.log import AnswerRow, Mode, is_answer, timestamp_of

ANNOUNCED_AT = (timedelta(minutes=5), timedelta(minutes=1))  # told to screen readers, in words


@dataclass(frozen=True)
class Start:
    """When a timed sitting started, the time it has, and the questions it asks."""

    at: datetime
    limit: timedelta
    question_ids: tuple[str, ...]

    @property
    def deadline(self) -> datetime:
        return self.at + self.limit

    def time_left(self, now: datetime) -> timedelta:
        """How long is left at `now` (never less than zero)."""
        return max(self.deadline - now, timedelta(0))

    def is_over(self, now: datetime) -> bool:
        """Whether the time is up at `now` (from the deadline on, answers are refused)."""
        return now >= self.deadline


def start_answer_id(bank_id: str, attempt_id: str) -> str:
    """The one answer id of a sitting's start row."""
    digest = hashlib.sha256(f"{bank_id}\n{attempt_id}".encode()).hexdigest()[:24]
    return f"start-{digest}"


def start_row(
    *,
    student: str,
    bank_id: str,
    attempt_id: str,
    question_ids: Iterable[str],
    limit: timedelta,
    now: datetime,
) -> AnswerRow:
    """The row that starts a timed sitting at `now`, with `limit` to answer `question_ids`."""
    return AnswerRow(
        timestamp=timestamp_of(now),
        student=student,
        bank_id=bank_id,
        question_id="",
        question_hash="",
        attempt_id=attempt_id,
        mode=Mode.START.value,
        response=" ".join(question_ids),
        correct=False,
        score=0.0,
        elapsed_ms=round(limit.total_seconds() * 1000),
        answer_id=start_answer_id(bank_id, attempt_id),
    )


def start_of(rows: Iterable[AnswerRow]) -> Start | None:
    """The start of a sitting from its rows (the first start row), or None when untimed."""
    for row in rows:
        if row.mode == Mode.START and row.elapsed_ms > 0:
            return Start(
                at=datetime.fromisoformat(row.timestamp),
                limit=timedelta(milliseconds=row.elapsed_ms),
                question_ids=tuple(row.response.split()),
            )
    return None


def ended_by_time(rows: Iterable[AnswerRow], now: datetime) -> bool:
    """Whether the sitting whose rows these are ended by time: it was timed, its deadline has
    passed at `now`, and some of its questions were never answered. (For the class results.)"""
    rows = list(rows)
    start = start_of(rows)
    if start is None or not start.is_over(now):
        return False
    answered = {row.question_id for row in rows if is_answer(row)}
    return not set(start.question_ids) <= answered


def clock(left: timedelta) -> str:
    """Time left as a clock reads: `1:05:09`, `12:04`, `0:59` (rounded up to the second)."""
    seconds = max(0, int(-(-left.total_seconds() // 1)))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def spoken(left: timedelta) -> str:
    """Time left in words, for screen readers: `12 minutes 4 seconds`."""
    seconds = max(0, int(-(-left.total_seconds() // 1)))
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds or not minutes:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts)


def warning(left: timedelta) -> str:
    """What to announce once the time left falls to 5 minutes, then to 1 ("" before that).

    The text only changes at those two moments, so a screen reader says it twice in all.
    """
    if left <= ANNOUNCED_AT[1]:
        return "Less than 1 minute left: answers submitted after the time is up are not recorded."
    if left <= ANNOUNCED_AT[0]:
        return "Less than 5 minutes left."
    return ""
