"""Quiz page: one question at a time, feedback after each answer, results at the end."""

import streamlit as st

from app import quiz
from app.grading import expected_answer
from app.ui import actions, results, state, widgets
from app.ui.markdown import escape_md

NEXT_KEY = "N"  # Next question / See my results
SKIP_KEY = "S"

state.init()
plan = quiz.plan_from_params(st.query_params.to_dict())
banks, _ = state.banks()
loaded = banks.get(plan.bank_id) if plan else None
if plan is None or loaded is None:
    st.title("Quiz")
    st.info("No quiz is running here. Start one from the home page.", icon="ℹ️")
    st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
    st.stop()

bank = loaded.bank
with widgets.stop_on_store_error():
    sitting = actions.current_sitting(plan, bank)
widgets.save_status(plan.student)

if sitting.finished:
    results.show(loaded, sitting)
    st.stop()

total = len(sitting.question_ids)
assert sitting.current_id is not None  # not finished
question = bank.question(sitting.current_id)
answered = sitting.answer_to(question.id)
mode = " · practice" if plan.mode is quiz.Mode.PRACTICE else ""
st.caption(escape_md(f"{bank.title}{mode} · {plan.student}"))
st.progress(len(sitting.answers) / total, text=f"Question {sitting.index + 1} of {total}")
done = len(sitting.answers)
st.caption(f"Score so far: {sitting.points:g} of {done} answered")
with st.container(key=f"prompt-{question.id}"):
    st.subheader(escape_md(question.prompt), anchor=False)

if st.session_state[state.NOTICE]:
    st.warning(st.session_state[state.NOTICE], icon="✋")
    st.session_state[state.NOTICE] = ""
if answered is None:
    state.shown_for(plan.attempt_id, question.id)
    key = state.widget_key(plan.attempt_id, question.id)
    with st.form(f"form-{key}"):
        widgets.answer_input(question, sitting.option_orders.get(question.id, ()), key)
        submit, skip = st.columns([1, 1])
        submit.form_submit_button(
            "Submit answer", type="primary", on_click=actions.submit, args=(bank, question.id)
        )
        skip.form_submit_button(
            "Skip",
            on_click=actions.submit,
            args=(bank, question.id),
            kwargs={"skipped": True},
            shortcut=SKIP_KEY,
        )
    widgets.focus_and_announce(
        f"{plan.attempt_id}:{question.id}:ask", f".st-key-prompt-{question.id} h3"
    )
else:
    with st.container(key=f"feedback-{question.id}"):
        widgets.feedback(answered, expected_answer(question))
    if question.explanation:
        st.markdown(f"**Why:** {escape_md(question.explanation)}")
    widgets.source_quote(loaded.article, question.source_quote)
    last = len(sitting.answers) == total
    st.button(
        "See my results" if last else "Next question",
        type="primary",
        on_click=actions.advance,
        key=f"next-{plan.attempt_id}-{question.id}",
        shortcut=NEXT_KEY,
    )
    widgets.focus_and_announce(
        f"{plan.attempt_id}:{question.id}:feedback",
        f".st-key-feedback-{question.id}",
        widgets.verdict(answered),
    )
