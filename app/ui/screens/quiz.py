"""Quiz page: one question at a time, feedback after each answer (or, for a bank with deferred
feedback, none until the end), results at the end."""

import dataclasses

import streamlit as st

from app import quiz
from app.access import normalized_name
from app.text import points_text
from app.ui import access, actions, countdown, home_sittings, results, state, widgets
from app.ui.markdown import escape_md

NEXT_KEY = "N"  # Next question / See my results
SKIP_KEY = "S"

state.init()
plan = quiz.plan_from_params(st.query_params.to_dict())
if access.roster_active():  # signed in: answer only as themselves
    signed_in = access.student_gate()
    if plan is not None and normalized_name(plan.student) != normalized_name(signed_in):
        st.title("Quiz")
        st.warning("This quiz was started under another sign-in.", icon="🔒")
        st.page_link("screens/home.py", label="Start your own quiz", icon="🏠")
        st.stop()
    if plan is not None:
        plan = dataclasses.replace(plan, student=signed_in)  # the roster's spelling of the name
banks, _ = state.banks()
loaded = banks.get(plan.bank_id) if plan else None
if plan is None or loaded is None:
    st.title("Quiz")
    student = st.session_state[state.STUDENT]
    if not (student and home_sittings.show(student, banks)):
        st.info("No quiz is running here. Start one from the home page.", icon="ℹ️")
    st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
    st.stop()

bank = loaded.bank
with widgets.stop_on_store_error():
    sitting = actions.current_sitting(plan, bank, loaded.article)
widgets.save_status(plan.student)
saved = st.session_state[state.SAVED]  # deferred feedback: said once, on the next question
st.session_state[state.SAVED] = ""

now = actions.now()
if sitting.finished or sitting.ended_by_time(now):
    results.show(loaded, sitting, now)
    st.stop()

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
# Where the student is, in words: a progress bar's script loads late and delayed this line by
# about half a second on every page load (bench/ui_bench.py).
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
    key = state.widget_key(plan.attempt_id, question.id)
    with st.form(f"form-{key}"):
        widgets.answer_input(question, sitting.option_orders.get(question.id, ()), key)
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
else:
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

if loaded.article.strip():
    st.page_link(
        "screens/article.py",
        label="Read the article",
        icon="📰",
        query_params=quiz.plan_to_params(plan),
    )
