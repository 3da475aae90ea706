"""My progress: past sittings, scores over time, and the questions missed most."""

import streamlit as st

from app import analytics
from app.bank import prompt_of
from app.ui import state, widgets

state.init()
st.title("📈 My progress")

student = st.session_state[state.STUDENT] or st.query_params.get("student", "")
student = st.text_input("Your name", value=student).strip()
if not student:
    st.info("Enter your name to see your sittings.", icon="ℹ️")
    st.stop()
st.session_state[state.STUDENT] = student
st.query_params["student"] = student

log = state.score_log()
if log.skipped:
    st.warning(
        f"{log.skipped} damaged line(s) in the score file were skipped (for example a line cut "
        "short by a crash). Everything else is shown.",
        icon="⚠️",
    )
frame = analytics.answers_frame(log.rows)
past = analytics.sittings(frame, student)
if past.empty:
    st.info(f"No answers recorded for {student} yet. Take a quiz from the home page.", icon="ℹ️")
    st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
    st.stop()

banks, _ = state.banks()
titles = {bank_id: loaded.bank.title for bank_id, loaded in banks.items()}
quizzes = past[past["mode"] == "quiz"]
st.subheader("Scores over time")
if len(quizzes) >= 2:
    st.altair_chart(
        widgets.score_chart(quizzes), width="stretch", alt="Line chart of quiz scores over time"
    )
else:
    st.caption("The chart appears after your second quiz.")

st.subheader("Past sittings")
table = past.assign(
    date=past["started"].dt.strftime("%Y-%m-%d %H:%M UTC"),
    bank=past["bank"].map(lambda b: titles.get(b, b)),
    points=past["points"].map("{:g}".format),
    percent=past["percent"].map("{:.0f}%".format),
)[["date", "bank", "mode", "answered", "points", "percent"]]
st.table(table.iloc[::-1].rename(columns=str.capitalize), hide_index=True)

st.subheader("Questions I miss most")
missed = analytics.most_missed(frame, student)
if missed.empty:
    st.success("You have not missed any question.", icon="🎉")
else:
    missed["question"] = [
        prompt_of(banks, bank_id, question_id)
        for bank_id, question_id in zip(missed["bank_id"], missed["question_id"], strict=True)
    ]
    st.table(
        missed[["question", "wrong", "asked"]].rename(
            columns={"question": "Question", "wrong": "Times wrong", "asked": "Times asked"}
        ),
        hide_index=True,
    )
