"""Callbacks of the quiz page. They only change state: grade, record, save, move on."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace

import streamlit as st

from app import quiz
from app.bank import LoadedBank
from app.grading import grade, is_blank, response_to_text, unreadable
from app.models import Bank
from app.quiz import Sitting
from app.scores import now_utc
from app.ui import state, widgets


def current_sitting(plan: quiz.SittingPlan, loaded: LoadedBank) -> Sitting:
    """The session's sitting for `plan`, or the same sitting rebuilt from the plan and the log.

    It is rebuilt too when an instructor edits the bank meanwhile, so that the student never
    sees a question (or option) that is no longer there.
    """
    sitting: Sitting | None = st.session_state[state.SITTING]
    if sitting is None or sitting.plan != plan or sitting.bank_version != loaded.version:
        rows = [*state.score_log().rows, *st.session_state[state.UNSAVED]]
        planned = quiz.plan_questions(loaded.bank, plan)
        sitting = quiz.resume(replace(planned, bank_version=loaded.version), rows)
        st.session_state[state.SITTING] = sitting
    return sitting


def submit(bank: Bank, question_id: str, skipped: bool = False) -> None:
    """Grade the answer in the form and record it once; refuse an empty answer."""
    sitting: Sitting = st.session_state[state.SITTING]
    if sitting.answer_to(question_id) is not None:
        return  # already answered in this sitting: a second click changes nothing
    question = bank.question(question_id)
    options = sitting.option_orders.get(question_id, ())
    response = (
        None
        if skipped
        else widgets.read_answer(
            question, options, state.widget_key(sitting.plan.attempt_id, question_id)
        )
    )
    if not skipped and is_blank(question, response):
        st.session_state[state.NOTICE] = (
            "Please answer before submitting, or press Skip to count this question as wrong."
        )
        return
    if not skipped and (why := unreadable(question, response)):
        st.session_state[state.NOTICE] = why
        return
    started = state.shown_for(sitting.plan.attempt_id, question_id)
    elapsed_ms = round((time.monotonic() - started) * 1000)
    result = grade(question, response)
    answered = quiz.answered_from_grade(
        question_id, response_to_text(question, response), result, elapsed_ms
    )
    st.session_state[state.SITTING] = quiz.record(sitting, question_id, answered)
    st.session_state[state.NOTICE] = ""
    state.save(quiz.answer_row(sitting, question, answered, now_utc()))


def advance() -> None:
    st.session_state[state.SITTING] = quiz.advance(st.session_state[state.SITTING])


def retry_missed() -> None:
    """Start a practice sitting over the questions missed in the finished one."""
    parent: Sitting = st.session_state[state.SITTING]
    plan = quiz.practice_plan(parent, new_attempt_id())
    st.query_params.from_dict(quiz.plan_to_params(plan))


def new_attempt_id() -> str:
    return uuid.uuid4().hex[:12]
