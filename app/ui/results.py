"""The end of a sitting: score, time, a review of every question, and retrying the misses."""

from __future__ import annotations

import streamlit as st

from app.bank import LoadedBank
from app.log import Mode
from app.quiz import Sitting
from app.text import points_text
from app.ui import actions, study, tables
from app.ui.markdown import escape_md


def show(loaded: LoadedBank, sitting: Sitting) -> None:
    bank, plan = loaded.bank, sitting.plan
    total = len(sitting.question_ids)
    practice = plan.mode is not Mode.QUIZ  # practice or review: never a grade
    st.title(f"{plan.mode.value.capitalize()} finished")
    st.caption(escape_md(f"{bank.title} · {plan.student}"))
    points, percent = sitting.points, sitting.points / total if total else 0
    score, share, time_taken = st.columns(3)
    score.metric("Score", f"{points_text(points)} / {total}")
    share.metric("Percent", f"{percent:.0%}")
    time_taken.metric(
        "Time taken",
        _duration(sitting.duration_ms),
        help="From the first question shown to the last answer.",
    )
    if practice:
        st.info(f"{plan.mode.value.capitalize()} does not change your quiz score.", icon="ℹ️")

    missed = sitting.missed_ids
    if missed:
        st.button(
            f"Retry the ones I missed ({len(missed)})",
            type="primary",
            on_click=actions.retry_missed,
        )
    else:
        st.success("You got every question right.", icon="🎉")
    study.next_steps(bank, plan.student)
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

    st.subheader("Review")
    st.table(tables.review(loaded, sitting))


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
