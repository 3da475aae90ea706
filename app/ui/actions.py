"""Callbacks of the quiz page. They only read the widgets, call the domain and store the row."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import streamlit as st

from app import quiz
from app.log import new_answer_id
from app.models import Bank
from app.quiz import Sitting
from app.ui import state, timing, widgets


def current_sitting(plan: quiz.SittingPlan, bank: Bank) -> Sitting:
    """The sitting `plan` describes, with its answers from the store (the first answer to a
    question wins, whichever tab or server gave it), on the question this tab shows.

    Rebuilt on every run from the plan, the bank and the store, so two tabs agree, a reload
    loses nothing, and an instructor's edit to the bank shows at once.
    """
    planned = quiz.plan_questions(bank, plan)
    sitting = quiz.resume(planned, bank, state.scores().attempt_rows(plan.attempt_id))
    viewing = st.session_state[state.VIEWING].get(plan.attempt_id)
    if viewing is not None and sitting.answer_to(viewing) is not None:
        sitting = quiz.stand_on(sitting, viewing)
    st.session_state[state.SITTING] = sitting
    return sitting


@timing.callback
def submit(bank: Bank, question_id: str, skipped: bool = False) -> None:
    """Hand the answer in the form to the domain; store the row it returns, or say why not."""
    plan = st.session_state[state.SITTING].plan
    sitting = current_sitting(plan, bank)
    question = bank.question(question_id)
    key = state.widget_key(plan.attempt_id, question_id)
    response = (
        None
        if skipped
        else widgets.read_answer(question, sitting.option_orders.get(question_id, ()), key)
    )
    started = state.shown_for(plan.attempt_id, question_id)
    outcome = quiz.submit(
        sitting,
        question,
        response,
        now=datetime.now(UTC),
        elapsed_ms=round((time.monotonic() - started) * 1000),
        answer_id=new_answer_id(),
        skipped=skipped,
    )
    if isinstance(outcome, quiz.Refusal):
        st.session_state[state.NOTICE] = outcome.reason
        if outcome.already_answered:
            st.session_state[state.VIEWING][plan.attempt_id] = question_id
        return
    state.save(outcome.row)
    st.session_state[state.VIEWING][plan.attempt_id] = question_id
    first = quiz.resume(sitting, bank, state.scores().attempt_rows(plan.attempt_id))
    kept = first.answer_to(question_id)
    st.session_state[state.NOTICE] = (
        "" if kept is None or kept.answer_id == outcome.row.answer_id else quiz.ALREADY_ANSWERED
    )


@timing.callback
def advance() -> None:
    """Leave the feedback on screen for the next unanswered question."""
    st.session_state[state.VIEWING].pop(st.session_state[state.SITTING].plan.attempt_id, None)


@timing.callback
def retry_missed() -> None:
    """Start a practice sitting over the questions missed in the finished one."""
    parent: Sitting = st.session_state[state.SITTING]
    plan = quiz.practice_plan(parent, new_attempt_id())
    st.query_params.from_dict(quiz.plan_to_params(plan))


def new_attempt_id() -> str:
    return uuid.uuid4().hex[:12]
