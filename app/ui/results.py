"""The end of a sitting: score, time, a review of every question, and retrying the misses."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from app import quiz, timing
from app.bank import LoadedBank
from app.log import Mode
from app.models import Bank
from app.quiz import Sitting
from app.text import points_text
from app.ui import actions, state, tables, widgets
from app.ui.markdown import escape_md


def show(loaded: LoadedBank, sitting: Sitting, now: datetime) -> None:
    """The results of a sitting that is over at `now` (finished, or its time ran out)."""
    bank, plan = loaded.bank, sitting.plan
    total = len(sitting.question_ids)
    practice = plan.mode is not Mode.QUIZ  # practice or review: never a grade
    st.title(f"{plan.mode.value.capitalize()} finished", anchor=False)
    st.caption(escape_md(f"{bank.title} · {plan.student}"))
    if st.session_state[state.NOTICE]:
        st.warning(st.session_state[state.NOTICE], icon="✋")
        st.session_state[state.NOTICE] = ""
    if sitting.start is not None and sitting.ended_by_time(now):
        unanswered = total - len(sitting.answers)
        rest = (
            "the one not answered counts"
            if unanswered == 1
            else f"the {unanswered} not answered count"
        )
        st.warning(
            f"**Time ran out.** The quiz ended after its time limit of "
            f"{timing.spoken(sitting.start.limit)}: {len(sitting.answers)} of {total} questions "
            f"answered; {rest} as wrong.",
            icon="⏰",
        )
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
    if loaded.article.strip():
        st.page_link(
            "screens/article.py",
            label="Your answers on the article",
            icon="📰",
            query_params=quiz.plan_to_params(plan),
        )
    next_steps(bank, plan.student)
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

    st.header("Review", anchor=False)
    st.table(tables.review(loaded, sitting))
    widgets.focus_and_announce(
        f"{plan.attempt_id}:results",
        "h1",
        f"Your score: {points_text(points)} of {total}.",
    )


def next_steps(bank: Bank, student: str) -> None:
    """After a sitting: review every outstanding mistake in the bank, or study it as cards."""
    with widgets.stop_on_store_error():
        rows = actions.graded_rows(student)
    missed = quiz.mistakes(bank, rows)
    review, cards = st.columns(2)
    if missed:
        review.button(
            f"Review my mistakes in this bank ({len(missed)})",
            on_click=actions.review_mistakes,
            args=(bank, student),
            help="Every question you got wrong in a quiz and have not answered right since.",
        )
    cards.page_link(
        "screens/flashcards.py",
        label="Study this bank as flashcards",
        icon="🗂️",
        query_params={"student": student, "bank": bank.id},
    )


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
