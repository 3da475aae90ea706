"""The end of a sitting: score, time, a review of every question, and retrying the misses."""

from __future__ import annotations

import streamlit as st

from app.bank import LoadedBank
from app.log import Mode
from app.quiz import Sitting
from app.ui import actions, tables, widgets
from app.ui.markdown import escape_md


def show(loaded: LoadedBank, sitting: Sitting) -> None:
    bank, plan = loaded.bank, sitting.plan
    total = len(sitting.question_ids)
    practice = plan.mode is Mode.PRACTICE
    st.title(_title(practice), anchor=False)
    st.caption(escape_md(f"{bank.title} · {plan.student}"))
    points, percent = sitting.points, sitting.points / total if total else 0
    score, share, time_taken = st.columns(3)
    score.metric("Score", f"{points:g} / {total}")
    share.metric("Percent", f"{percent:.0%}")
    time_taken.metric("Time taken", _duration(sitting.elapsed_ms))
    if practice:
        st.info("Practice does not change your quiz score.", icon="ℹ️")

    st.header("Review", anchor=False)
    st.table(tables.review(loaded, sitting))

    missed = sitting.missed_ids
    if missed:
        st.button(
            f"Retry the ones I missed ({len(missed)})",
            type="primary",
            on_click=actions.retry_missed,
        )
    else:
        st.success("You got every question right.", icon="🎉")
    home, progress = st.columns(2)
    home.page_link(
        "screens/home.py",
        label="Start another quiz",
        icon="🏠",
        query_params={"student": plan.student},
    )
    progress.page_link(
        "screens/progress.py",
        label="My progress",
        icon="📈",
        query_params={"student": plan.student},
    )
    widgets.focus_and_announce(
        f"{plan.attempt_id}:results", "h1", f"Your score: {points:g} of {total}."
    )


def _title(practice: bool) -> str:
    return "Practice finished" if practice else "Quiz finished"


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
