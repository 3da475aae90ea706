"""Summaries of the score log with pandas. Pure: rows in, data frames out."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from app.log import COLUMNS, AnswerRow, is_answer


def answers_frame(rows: Iterable[AnswerRow]) -> pd.DataFrame:
    """The answers of the log as a data frame with parsed timestamps (first answer per question
    per attempt; a timed sitting's start row is not an answer)."""
    answers = [row.__dict__ for row in rows if is_answer(row)]
    frame = pd.DataFrame(answers, columns=list(COLUMNS))
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, format="ISO8601")
    return frame.drop_duplicates(["attempt_id", "question_id"], keep="first")


def sittings(frame: pd.DataFrame, student: str) -> pd.DataFrame:
    """One row per sitting of `student`, oldest first: when, bank, mode, points, percent."""
    mine = frame[frame["student"] == student]
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
    """The questions `student` gets wrong most often: bank, question, times wrong, times asked."""
    mine = frame[frame["student"] == student]
    counts = mine.groupby(["bank_id", "question_id"]).agg(
        wrong=("correct", lambda c: int((~c).sum())), asked=("correct", "size")
    )
    counts = counts[counts["wrong"] > 0].sort_values(["wrong", "asked"], ascending=[False, True])
    return counts.head(top).reset_index()
