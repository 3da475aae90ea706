"""The tables the pages show, shaped and made safe to display (Streamlit renders cells as
Markdown, so text from bank files or typed by students is escaped)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, tzinfo

import pandas as pd

from app.bank import LoadedBank, prompt_of
from app.grading import expected_answer, readable_response
from app.quiz import Sitting
from app.text import points_text
from app.ui.markdown import escape_md


def review(loaded: LoadedBank, sitting: Sitting) -> pd.DataFrame:
    """Every question of a finished sitting: the student's answer, the right one, the result;
    with deferred feedback, the explanations too (the student has not seen them yet)."""
    rows = []
    for number, question_id in enumerate(sitting.question_ids, start=1):
        question = loaded.bank.question(question_id)
        answered = sitting.answer_to(question_id)
        if answered is None:
            result = "⏰ not answered"
        elif answered.correct:
            result = "✅ right"
        elif answered.score:
            result = f"➗ {answered.score:.0%}"
        else:
            result = "❌ wrong"
        row = {
            "#": number,
            "Question": question.prompt,
            "Your answer": readable_response(question, answered.response if answered else ""),
            "Right answer": expected_answer(question),
            "Result": result,
        }
        if sitting.deferred:
            row["Why"] = question.explanation
        rows.append(row)
    return _escaped(pd.DataFrame(rows).set_index("#"))


def past_sittings(
    sittings: pd.DataFrame, titles: Mapping[str, str], zone: tzinfo = UTC
) -> pd.DataFrame:
    """analytics.sittings, newest first, with dates in `zone` (the browser's), bank titles and
    percentages."""
    started = sittings["started"].dt.tz_convert(zone)
    table = sittings.assign(
        date=started.dt.strftime("%Y-%m-%d %H:%M %Z"),
        bank=sittings["bank"].map(lambda b: titles.get(b, b)),
        points=sittings["points"].map(points_text),
        percent=sittings["percent"].map("{:.0f}%".format),
    )[["date", "bank", "mode", "answered", "points", "percent"]]
    return _escaped(table.iloc[::-1].rename(columns=str.capitalize))


def most_missed(missed: pd.DataFrame, banks: Mapping[str, LoadedBank]) -> pd.DataFrame:
    """analytics.most_missed with each question's prompt."""
    prompts = [
        prompt_of(banks, bank_id, question_id)
        for bank_id, question_id in zip(missed["bank_id"], missed["question_id"], strict=True)
    ]
    table = pd.DataFrame(
        {
            "Question": prompts,
            "Times wrong": missed["wrong"].to_numpy(),
            "Times asked": missed["asked"].to_numpy(),
        }
    )
    return _escaped(table)


def _escaped(table: pd.DataFrame) -> pd.DataFrame:
    return table.map(lambda cell: escape_md(cell) if isinstance(cell, str) else cell)
