"""The quiz page's question and the answer to it: two nested `st.fragment`s, so that a click
reruns the least it can.

- The question (`show`): the progress line, the countdown and the prompt. It reruns on Next,
  and on Submit when the sitting moves on at once (deferred feedback).
- The answer area inside it: the form, or the feedback on its answer with the score so far. It
  reruns alone on Submit and Skip, so the feedback is all the server sends.

A whole-page run sends the navigation, the page's configuration and every element again before
the feedback, and took longer than Streamlit's 5 ms between two sends of a session's messages;
the question's own elements, sent again with the feedback, cost the page another 2 to 3 ms
(bench/ui_bench.py; README, Speed). The sitting is still rebuilt from the store on every run,
so a reload, a second tab or an instructor's edit to the bank shows as before; when the sitting
is over, or moved on elsewhere, the whole page reruns.
"""

from __future__ import annotations

import streamlit as st

from app import quiz
from app.bank import LoadedBank
from app.models import Bank
from app.quiz import Sitting
from app.text import points_text
from app.ui import access, actions, countdown, state, timing, widgets
from app.ui.markdown import escape_md

NEXT_KEY = "N"  # Next question / See my results
SKIP_KEY = "S"
# The answer area's feedback box (an alert); any warning shown above it comes first.
_FEEDBACK = '[data-testid="stMain"] [data-testid="stAlert"]'


@st.fragment(key=actions.QUESTION_FRAGMENT)
def show(plan: quiz.SittingPlan, bank_id: str) -> None:
    """The current question of the sitting `plan` describes, and its answer area."""
    with timing.script_run("quiz"):  # a click in the fragment reruns it alone: time that
        try:
            _question(plan, bank_id)
        finally:
            actions.forget_read_back()


@st.fragment
def _answer_area(plan: quiz.SittingPlan, bank_id: str, question_id: str, shown: Bank) -> None:
    """The form for the question `show` shows from the bank `shown`, or the feedback on its
    answer."""
    with timing.script_run("quiz"):
        try:
            _answer(plan, bank_id, question_id, shown)
        finally:
            actions.forget_read_back()


def _current(plan: quiz.SittingPlan, bank_id: str) -> tuple[LoadedBank, Sitting]:
    """The bank and the sitting; or a whole-page rerun, for the page to say what comes instead
    (no such bank, sign in again, the results)."""
    banks, _ = state.banks()
    loaded = banks.get(bank_id)
    # The page checks these on a whole-page run; a click in here reruns only this part.
    if loaded is None or not access.still_signed_in(plan.student):
        st.rerun(scope="app")
    with widgets.stop_on_store_error():
        sitting = actions.current_sitting(plan, loaded.bank, loaded.article)
    if sitting.results_due(actions.now()):
        st.rerun(scope="app")
    return loaded, sitting


def _question(plan: quiz.SittingPlan, bank_id: str) -> None:
    loaded, sitting = _current(plan, bank_id)
    assert sitting.current_id is not None  # not finished
    question = loaded.bank.question(sitting.current_id)
    total = len(sitting.question_ids)
    mode = "" if plan.mode is quiz.Mode.QUIZ else f" · {plan.mode.value}"
    # A deferred sitting moves on at every Submit, which reruns this line; otherwise the score
    # changes with the feedback, and is in its box.
    progress = (
        f" · {len(sitting.answers)} of {total} answered · you see how you did when you finish"
        if sitting.deferred
        else ""
    )
    # Where the student is, in words: a progress bar's script loads late and delayed this line
    # by about half a second on every page load (bench/ui_bench.py).
    st.caption(
        escape_md(f"{loaded.bank.title}{mode} · {plan.student}")
        + f"  \nQuestion {sitting.index + 1} of {total}{progress}"
    )
    if sitting.start is not None and not sitting.complete:
        countdown.show(sitting.start.deadline, sitting.start.limit)
    question_key = state.widget_key(plan.attempt_id, question.id)  # names no question id
    with st.container(key=f"prompt-{question_key}"):
        st.subheader(escape_md(question.prompt), anchor=False)
        widgets.hidden_note(question)
    actions.reuse_in_this_run(loaded.bank, sitting)  # the answer area reads it once
    _answer_area(plan, bank_id, question.id, loaded.bank)


def _answer(plan: quiz.SittingPlan, bank_id: str, question_id: str, shown: Bank) -> None:
    loaded, sitting = _current(plan, bank_id)
    if sitting.current_id != question_id or loaded.bank is not shown:
        # Answered in another tab meanwhile, or the bank edited since the question was shown:
        # the whole page shows where the sitting is, as the bank now has it.
        st.rerun(scope="app")
    widgets.save_status(plan.student)
    bank = loaded.bank
    question = bank.question(question_id)
    answered = sitting.answer_to(question_id)
    question_key = state.widget_key(plan.attempt_id, question_id)
    saved = st.session_state[state.SAVED]  # deferred feedback: said once, on the next question
    st.session_state[state.SAVED] = ""
    if saved:
        st.caption(f"✔️ {saved}")
    if st.session_state[state.NOTICE]:
        st.warning(st.session_state[state.NOTICE], icon="✋")
        st.session_state[state.NOTICE] = ""
    if answered is None:
        state.shown_for(plan.attempt_id, question_id)
        with st.form(f"form-{question_key}"):
            widgets.answer_input(question, sitting.option_orders.get(question_id, ()), question_key)
            buttons = st.container(horizontal=True)
            buttons.form_submit_button(
                "Submit answer",
                type="primary",
                on_click=actions.submit,
                args=(bank, loaded.article, question_id),
            )
            buttons.form_submit_button(
                "Skip",
                on_click=actions.submit,
                args=(bank, loaded.article, question_id),
                kwargs={"skipped": True},
                shortcut=SKIP_KEY,
            )
        number = f"Question {sitting.index + 1} of {len(sitting.question_ids)}."
        widgets.focus_and_announce(
            f"{question_key}:ask",
            f".st-key-prompt-{question_key} h3",
            f"{saved} {number}" if saved else "",
        )
        return
    done = len(sitting.answers)
    widgets.feedback(
        answered, question, f"Score so far: {points_text(sitting.points)} of {done} answered"
    )
    widgets.explanation(
        loaded.article,
        question,
        script=widgets.focus_script(
            f"{question_key}:feedback", _FEEDBACK, widgets.verdict_text(answered)
        ),
    )
    # A form's submit button, not st.button: st.button asks for the rerun from a timer, which
    # waited for the page's next frame, 12 ms after the click here (bench/ui_bench.py).
    with st.form(f"next-{question_key}", border=False):
        st.form_submit_button(
            "See my results" if done == len(sitting.question_ids) else "Next question",
            type="primary",
            on_click=actions.advance,
            shortcut=NEXT_KEY,
        )
