"""Callbacks of the quiz page. They only read the widgets, call the domain and store the row."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import streamlit as st

from app import deferred, flashcards, quiz
from app.grading import grade, is_blank, unreadable
from app.log import AnswerRow, Rating, new_answer_id
from app.models import Bank
from app.quiz import Sitting
from app.ui import state, timing, widgets

# The quiz page's question (app/ui/question_area.py): what Next reruns.
QUESTION_FRAGMENT = "quiz-question"
_START_MESSAGES_S = 0.001


def now() -> datetime:
    """The server's clock (every deadline is checked against it, never the browser's)."""
    return datetime.now(UTC)


def sitting_of(plan: quiz.SittingPlan, bank: Bank, article: str = "") -> Sitting:
    """The sitting `plan` describes, with its answers and start from the store; reads only."""
    if plan.parent and not plan.only:
        plan = quiz.with_missed(plan, state.scores().attempt_rows(plan.parent))
    return _resumed(plan, bank, article, tuple(state.scores().attempt_rows(plan.attempt_id)))


def _resumed(
    plan: quiz.SittingPlan, bank: Bank, article: str, rows: tuple[AnswerRow, ...]
) -> Sitting:
    """The plan's questions resumed from `rows`: the sitting this session built last when it
    was built from the same bank, plan, article and rows (a Submit after its question's page).

    Built again, it cost each Submit 0.8 ms of server time before its row was stored (every
    answer graded again; bench/submit_trace.py). The rows are read on every run, so another
    tab's answer or an edited bank builds it afresh.
    """
    key = (plan, article, rows)
    last = st.session_state.get(state.RESUMED)
    if last is not None and last[0] is bank and last[1] == key:
        return last[2]
    sitting = quiz.resume(quiz.plan_questions(bank, plan, article), bank, rows)
    st.session_state[state.RESUMED] = (bank, key, sitting)
    return sitting


def current_sitting(plan: quiz.SittingPlan, bank: Bank, article: str = "") -> Sitting:
    """The sitting `plan` describes, with its answers from the store (the first answer to a
    question wins, whichever tab or server gave it), on the question this tab shows.

    Rebuilt on every run from the plan, the bank and the store, so two tabs agree, a reload
    loses nothing, and an instructor's edit to the bank shows at once. A timed sitting shown
    for the first time is started: its start row is stored, and the first one stored counts.
    """
    sitting = _read_in_this_run(plan, bank) or sitting_of(plan, bank, article)
    if sitting.needs_start and not sitting.finished:
        state.save(quiz.start_row(sitting, now()))
        sitting = sitting_of(plan, bank, article)
    viewing = st.session_state[state.VIEWING].get(plan.attempt_id)
    if viewing is not None and sitting.answer_to(viewing) is not None and not sitting.deferred:
        sitting = quiz.stand_on(sitting, viewing)
    st.session_state[state.SITTING] = sitting
    return sitting


def _read_in_this_run(plan: quiz.SittingPlan, bank: Bank) -> Sitting | None:
    """The sitting read from the store earlier in this script run (see `reuse_in_this_run`),
    or None: also when the bank has been reloaded since (an instructor's edit), whose sitting
    is built afresh."""
    read = st.session_state.pop(state.READ_BACK, None)
    if read is None:
        return None
    read_bank, sitting = read
    return sitting if read_bank is bank and sitting.plan == plan else None


def reuse_in_this_run(bank: Bank, sitting: Sitting) -> None:
    """Let the next `current_sitting` of this script run take `sitting`, just read from the
    store with `bank` (by Submit's callback, or by the page for its question area), instead of
    reading it again."""
    st.session_state[state.READ_BACK] = (bank, sitting)


def forget_read_back() -> None:
    """Drop what a callback read back and no page used in its run (it is for that run only)."""
    st.session_state.pop(state.READ_BACK, None)


@timing.callback
def submit(bank: Bank, article: str, question_id: str, skipped: bool = False) -> None:
    """Hand the answer in the form to the domain; store the row it returns, or say why not."""
    # Let the server's event loop send this run's start messages first. Otherwise it sends them
    # while the row is written, and the write waits for the interpreter lock at each system
    # call, and Streamlit's 5 ms pause after a send holds back the feedback: 22 against 27 ms
    # from the click to the feedback in the page (bench/ui_bench.py; README, Speed).
    time.sleep(_START_MESSAGES_S)
    plan = st.session_state[state.SITTING].plan
    sitting = current_sitting(plan, bank, article)
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
        now=now(),
        elapsed_ms=round((time.monotonic() - started) * 1000),
        answer_id=new_answer_id(),
        skipped=skipped,
    )
    if isinstance(outcome, quiz.Refusal):
        st.session_state[state.NOTICE] = outcome.reason
        if outcome.already_answered and not sitting.deferred:
            st.session_state[state.VIEWING][plan.attempt_id] = question_id
        return
    state.save(outcome.row)
    first = quiz.resume(sitting, bank, state.scores().attempt_rows(plan.attempt_id))
    reuse_in_this_run(bank, first)
    kept = first.answer_to(question_id)
    own = kept is None or kept.answer_id == outcome.row.answer_id
    st.session_state[state.NOTICE] = "" if own else quiz.ALREADY_ANSWERED
    if not sitting.deferred:
        st.session_state[state.VIEWING][plan.attempt_id] = question_id
        if first.complete and first.start is not None:
            st.rerun(QUESTION_FRAGMENT)  # nothing left to answer: the countdown goes
    elif own:  # no feedback to stay on: the next question comes at once
        st.session_state[state.SAVED] = "Question skipped." if skipped else "Answer saved."
        _show_next(first)


def _show_next(sitting: Sitting) -> None:
    """Rerun the question, which shows the next one, or the whole page for the results."""
    if sitting.complete:
        st.rerun()
    st.rerun(QUESTION_FRAGMENT)


@timing.callback
def advance() -> None:
    """Leave the feedback on screen for the next unanswered question."""
    sitting: Sitting = st.session_state[state.SITTING]
    st.session_state[state.VIEWING].pop(sitting.plan.attempt_id, None)
    _show_next(sitting)


@timing.callback
def retry_missed() -> None:
    """Start a practice sitting over the questions missed in the finished one."""
    parent: Sitting = st.session_state[state.SITTING]
    plan = quiz.practice_plan(parent, new_token())
    st.query_params.from_dict(quiz.plan_to_params(plan))


def new_token() -> str:
    """The random part of a new attempt id (see quiz.attempt_id_for)."""
    return uuid.uuid4().hex[:12]


def graded_rows(student: str) -> list[AnswerRow]:
    """`student`'s rows that may be graded in front of them: all but those of deferred-feedback
    quizzes still going on (see app.deferred)."""
    banks, _ = state.banks()
    return deferred.without_pending(
        state.scores().student_rows(student),
        {bank_id: loaded.bank for bank_id, loaded in banks.items()},
        now(),
    )


def review_mistakes(bank: Bank, student: str) -> None:
    """Start a review sitting over the student's quiz mistakes in `bank` (on the quiz page)."""
    rows = graded_rows(student)
    plan = quiz.review_plan(bank, student, rows, new_token())
    if plan is None:
        st.session_state[state.NOTICE] = "You have no mistakes left to review in this bank."
        return
    st.query_params.from_dict(quiz.plan_to_params(plan))


def flashcard_sitting(bank: Bank, student: str, question_id: str, review: str) -> Sitting:
    """The one-card sitting of a flashcard review, with its rating if one is stored."""
    plan = flashcards.review_plan(student, bank.id, question_id, review)
    return quiz.resume(quiz.plan_questions(bank, plan), bank, state.scores().attempt_rows(review))


def reveal(bank: Bank, student: str, question_id: str, review: str) -> None:
    """Show the back of the card; grade what the student typed on the front, if anything."""
    sitting = flashcard_sitting(bank, student, question_id, review)
    question = bank.question(question_id)
    key = state.widget_key(review, question_id)
    response = widgets.read_answer(question, sitting.option_orders.get(question_id, ()), key)
    if is_blank(question, response):
        st.session_state[state.REVEALED][review] = state.Reveal(None, None)
    elif why := unreadable(question, response):
        st.session_state[state.NOTICE] = why
    else:
        st.session_state[state.REVEALED][review] = state.Reveal(response, grade(question, response))


def rate(
    bank: Bank, student: str, question_id: str, review: str, rating: Rating, comes_back: str
) -> None:
    """Hand the rating (and what was typed) to the domain; store the row it returns."""
    sitting = flashcard_sitting(bank, student, question_id, review)
    shown = st.session_state[state.REVEALED].pop(review, None)
    started = state.shown_for(review, question_id)
    outcome = quiz.submit(
        sitting,
        bank.question(question_id),
        shown.response if shown is not None else None,
        now=datetime.now(UTC),
        elapsed_ms=round((time.monotonic() - started) * 1000),
        answer_id=new_answer_id(),
        rating=rating,
    )
    if isinstance(outcome, quiz.Refusal):
        st.session_state[state.NOTICE] = outcome.reason
        return
    state.save(outcome.row)
    first = quiz.resume(sitting, bank, state.scores().attempt_rows(review))
    kept = first.answer_to(question_id)
    if kept is not None and kept.answer_id != outcome.row.answer_id:
        st.session_state[state.NOTICE] = quiz.ALREADY_RATED
    else:
        st.session_state[state.RATED] = (
            f"{rating.value.capitalize()}: that card comes back {comes_back}."
        )


def study_ahead(on: bool) -> None:
    """Study cards before they are due (the page's URL keeps it), or stop."""
    if on:
        st.query_params["ahead"] = "1"
    else:
        st.query_params.pop("ahead", None)
