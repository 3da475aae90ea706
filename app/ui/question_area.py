"""The quiz page's question, or the feedback on its answer: a `st.fragment`, so that Submit,
Skip and Next rerun this part of the page and nothing else.

A whole-page run sends the navigation, the page's configuration and every element again before
the feedback, and took longer than Streamlit's 5 ms between two sends of a session's messages:
the feedback then left the server one send later than a bare Streamlit quiz's
(bench/ui_bench.py; README, Speed). The sitting is still rebuilt from the store on every run,
so a reload, a second tab or an instructor's edit to the bank shows as before; when the sitting
is over, the whole page reruns to show the results.
"""

from __future__ import annotations

import streamlit as st

from app import quiz
from app.text import points_text
from app.ui import access, actions, countdown, state, timing, widgets
from app.ui.markdown import escape_md

NEXT_KEY = "N"  # Next question / See my results
SKIP_KEY = "S"


@st.fragment
def show(plan: quiz.SittingPlan, bank_id: str) -> None:
    """The current question of the sitting `plan` describes, or the feedback on its answer."""
    with timing.script_run("quiz"):  # a click in the fragment reruns it alone: time that
        try:
            _show(plan, bank_id)
        finally:
            actions.forget_read_back()


def _show(plan: quiz.SittingPlan, bank_id: str) -> None:
    banks, _ = state.banks()
    loaded = banks.get(bank_id)
    # The page checks these on a whole-page run; a click in here reruns only this part.
    if loaded is None or not access.still_signed_in(plan.student):
        st.rerun(scope="app")  # the page says why: no such bank, or sign in again
    bank = loaded.bank
    with widgets.stop_on_store_error():
        sitting = actions.current_sitting(plan, bank, loaded.article)
    widgets.save_status(plan.student)
    saved = st.session_state[state.SAVED]  # deferred feedback: said once, on the next question
    st.session_state[state.SAVED] = ""
    if sitting.results_due(actions.now()):
        st.rerun(scope="app")  # the page shows the results

    total = len(sitting.question_ids)
    assert sitting.current_id is not None  # not finished
    question = bank.question(sitting.current_id)
    answered = sitting.answer_to(question.id)
    mode = "" if plan.mode is quiz.Mode.QUIZ else f" · {plan.mode.value}"
    done = len(sitting.answers)
    score = (
        f"{done} of {total} answered · you see how you did when you finish"
        if sitting.deferred  # nothing of right or wrong until the results page
        else f"Score so far: {points_text(sitting.points)} of {done} answered"
    )
    # Where the student is, in words: a progress bar's script loads late and delayed this line
    # by about half a second on every page load (bench/ui_bench.py).
    st.caption(
        escape_md(f"{bank.title}{mode} · {plan.student}")
        + f"  \nQuestion {sitting.index + 1} of {total} · {score}"
    )
    if sitting.start is not None and not sitting.complete:
        countdown.show(sitting.start.deadline, sitting.start.limit)
    question_key = state.widget_key(plan.attempt_id, question.id)  # names no question id
    with st.container(key=f"prompt-{question_key}"):
        st.subheader(escape_md(question.prompt), anchor=False)

    if saved:
        st.caption(f"✔️ {saved}")
    if st.session_state[state.NOTICE]:
        st.warning(st.session_state[state.NOTICE], icon="✋")
        st.session_state[state.NOTICE] = ""
    if answered is None:
        state.shown_for(plan.attempt_id, question.id)
        with st.form(f"form-{question_key}"):
            widgets.answer_input(question, sitting.option_orders.get(question.id, ()), question_key)
            buttons = st.container(horizontal=True)
            buttons.form_submit_button(
                "Submit answer",
                type="primary",
                on_click=actions.submit,
                args=(bank, loaded.article, question.id),
            )
            buttons.form_submit_button(
                "Skip",
                on_click=actions.submit,
                args=(bank, loaded.article, question.id),
                kwargs={"skipped": True},
                shortcut=SKIP_KEY,
            )
        widgets.focus_and_announce(
            f"{question_key}:ask",
            f".st-key-prompt-{question_key} h3",
            f"{saved} Question {sitting.index + 1} of {total}." if saved else "",
        )
        return
    with st.container(key=f"feedback-{question_key}"):
        widgets.feedback(answered, question)
    widgets.explanation(
        loaded.article,
        question,
        script=widgets.focus_script(
            f"{question_key}:feedback",
            f".st-key-feedback-{question_key}",
            widgets.verdict_text(answered),
        ),
    )
    last = len(sitting.answers) == total
    # A form's submit button, not st.button: st.button asks for the rerun from a timer, which
    # waited for the page's next frame, 12 ms after the click here (bench/ui_bench.py).
    with st.form(f"next-{question_key}", border=False):
        st.form_submit_button(
            "See my results" if last else "Next question",
            type="primary",
            on_click=actions.advance,
            shortcut=NEXT_KEY,
        )
