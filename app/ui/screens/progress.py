"""My progress: quiz scores over time, past quizzes, the questions missed most; then practice,
review and flashcards, which are never grades."""

import streamlit as st

from app import analytics
from app.log import Mode
from app.ui import access, actions, charts, state, study, tables, widgets
from app.ui.markdown import escape_md

state.init()
st.title("📈 My progress")

if access.roster_active():  # signed in: only their own progress, whatever the URL says
    student = access.student_gate()
else:
    student = st.session_state[state.STUDENT] or st.query_params.get("student", "")
    student = st.text_input("Your name", value=student).strip()
if not student:
    st.info("Enter your name to see your sittings.", icon="ℹ️")
    st.stop()
st.session_state[state.STUDENT] = student
st.query_params["student"] = student

with widgets.stop_on_store_error():
    rows = actions.graded_rows(student)  # a deferred-feedback quiz only once it is over
    held_back = len(state.scores().student_rows(student)) - len(rows)
    skipped = state.scores().store.skipped
if held_back:
    st.info(
        "A quiz you have not finished tells how you did only at its end; its answers show "
        "here once you finish it.",
        icon="ℹ️",
    )
if skipped:
    st.warning(
        f"{skipped} damaged line(s) in the score file were skipped (for example a line cut "
        "short by a crash). Everything else is shown.",
        icon="⚠️",
    )
frame = analytics.answers_frame(rows)
if frame.empty:
    st.info(
        f"No answers recorded for {escape_md(student)} yet. Take a quiz from the home page.",
        icon="ℹ️",
    )
    st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
    st.stop()

banks, _ = state.banks()
quizzes = analytics.sittings(frame, student, modes=[Mode.QUIZ.value])
st.header("Scores over time", anchor=False)
if len(quizzes) >= 2:
    st.altair_chart(
        charts.score_chart(quizzes), width="stretch", alt="Line chart of quiz scores over time"
    )
else:
    st.caption("The chart appears after your second quiz.")

st.header("Past quizzes", anchor=False)
titles = {bank_id: loaded.bank.title for bank_id, loaded in banks.items()}
if quizzes.empty:
    st.caption("No quizzes yet.")
else:
    st.table(tables.past_sittings(quizzes, titles, widgets.browser_zone()), hide_index=True)

st.header("Questions I miss most", anchor=False)
missed = analytics.most_missed(frame, student)
if missed.empty:
    st.success("You have not missed any question in a quiz.", icon="🎉")
else:
    st.table(tables.most_missed(missed, banks), hide_index=True)

study.show(student, rows, frame, banks)
