"""Summaries of the score log with pandas. Pure: rows in, data frames out."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta, tzinfo

import pandas as pd

from app.log import COLUMNS, AnswerRow, Mode, Rating, is_answer

SITTING_MODES = (Mode.QUIZ.value, Mode.PRACTICE.value, Mode.REVIEW.value)


def answers_frame(rows: Iterable[AnswerRow]) -> pd.DataFrame:
    """The answers of the log as a data frame with parsed timestamps (first answer per question
    per attempt; a timed sitting's start row is not an answer)."""
    answers = [row.__dict__ for row in rows if is_answer(row)]
    frame = pd.DataFrame(answers, columns=list(COLUMNS))
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, format="ISO8601")
    return frame.drop_duplicates(["attempt_id", "question_id"], keep="first")


def sittings(
    frame: pd.DataFrame, student: str, modes: Collection[str] = SITTING_MODES
) -> pd.DataFrame:
    """One row per sitting of `student` in `modes` (flashcard reviews are not sittings),
    oldest first: when, bank, mode, points, percent."""
    mine = frame[(frame["student"] == student) & frame["mode"].isin(list(modes))]
    grouped = mine.groupby("attempt_id", sort=False).agg(
        started=("timestamp", "min"),
        bank=("bank_id", "first"),
        mode=("mode", "first"),
        answered=("question_id", "count"),
        points=("score", "sum"),
    )
    grouped["percent"] = (100 * grouped["points"] / grouped["answered"]).round(1)
    grouped["points"] = grouped["points"].round(2)
    return grouped.sort_values("started").reset_index()


def most_missed(frame: pd.DataFrame, student: str, top: int = 10) -> pd.DataFrame:
    """The questions `student` gets wrong most often in quizzes (practice, review and
    flashcards are not grades): bank, question, times wrong, times asked."""
    mine = frame[(frame["student"] == student) & (frame["mode"] == Mode.QUIZ.value)]
    counts = mine.groupby(["bank_id", "question_id"]).agg(
        wrong=("correct", lambda c: int((~c).sum())), asked=("correct", "size")
    )
    counts = counts[counts["wrong"] > 0].sort_values(["wrong", "asked"], ascending=[False, True])
    return counts.head(top).reset_index()


def reviews_per_day(
    frame: pd.DataFrame, student: str, *, now: datetime, tz: tzinfo = UTC, days: int = 30
) -> pd.DataFrame:
    """`student`'s flashcard reviews on each of the last `days` days (in their time zone),
    by rating: columns day, rating, reviews (days without reviews are left out)."""
    mine = frame[(frame["student"] == student) & (frame["mode"] == Mode.FLASHCARD.value)]
    local = mine["timestamp"].dt.tz_convert(tz)
    first = (now.astimezone(tz) - timedelta(days=days - 1)).date()
    day = local.dt.date
    recent = mine.assign(day=day)[day >= first]
    counts = recent.groupby(["day", "rating"]).size().rename("reviews").reset_index()
    order = {rating.value: i for i, rating in enumerate(Rating)}
    counts = counts.sort_values(
        ["day", "rating"], key=lambda c: c.map(order) if c.name == "rating" else c
    )
    counts["day"] = pd.to_datetime(counts["day"])
    return counts.reset_index(drop=True)
