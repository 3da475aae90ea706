"""Quiz page: one question at a time, feedback after each answer (or, for a bank with deferred
feedback, none until the end), results at the end. The question and its feedback are
app/ui/question_area.py, which reruns on its own."""

import dataclasses

import streamlit as st

from app import quiz
from app.access import normalized_name
from app.ui import access, actions, home_sittings, question_area, results, state, widgets

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

with widgets.stop_on_store_error():
    sitting = actions.current_sitting(plan, loaded.bank, loaded.article)
now = actions.now()
if sitting.results_due(now):
    widgets.save_status(plan.student)
    st.session_state[state.SAVED] = ""  # deferred feedback: the results say it all
    results.show(loaded, sitting, now)
    st.stop()
actions.reuse_in_this_run(loaded.bank, sitting)  # the question area reads it once
question_area.show(plan, loaded.bank.id)
if loaded.article.strip():
    st.page_link(
        "screens/article.py",
        label="Read the article",
        icon="📰",
        query_params=quiz.plan_to_params(plan),
    )
