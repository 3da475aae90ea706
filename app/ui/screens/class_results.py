"""Class results (instructors): students, questions, options, charts and downloads."""

from datetime import UTC, datetime, time, timedelta

import streamlit as st

from app import report
from app.stores import StoreError
from app.ui import access, charts, state

access.require_instructor()
st.title("📊 Class results")
st.caption(
    "Each student's first quiz sitting on each bank counts, as in Moodle's quiz statistics; "
    "practice, flashcards and later sittings do not change the question figures."
)

banks, problems = state.banks()
if problems:
    st.warning(f"{len(problems)} problem(s) in the question files; those banks are not offered "
               "to students.", icon="⚠️")  # fmt: skip
bank_ids = sorted(banks, key=lambda b: banks[b].bank.title)
left, right = st.columns([1, 1])
chosen = left.selectbox(
    "Bank",
    [None, *bank_ids],
    format_func=lambda b: "All banks" if b is None else banks[b].bank.title,
)
dates = right.date_input("Answers from … to", value=[], format="YYYY-MM-DD")
since = until = None
if len(dates) == 2:
    since = datetime.combine(dates[0], time.min, tzinfo=UTC)
    until = datetime.combine(dates[1], time.min, tzinfo=UTC) + timedelta(days=1)

try:
    store = state.scores().store
    frame = store.frame(bank_id=chosen, since=since, until=until)
    skipped = store.skipped
except StoreError as error:
    st.error(f"The score log cannot be read: {error.detailed()}", icon="🛑")
    st.button("Try again")
    st.stop()
if skipped:
    st.warning(f"{skipped} damaged line(s) of the score log were skipped.", icon="⚠️")
built = report.build_report(
    frame, {b: loaded.bank for b, loaded in banks.items()}, now=datetime.now(UTC)
)
if built.students.empty:
    st.info("No quiz answers yet for this choice.", icon="ℹ️")
    st.stop()

sittings = built.sittings
a, b, c = st.columns(3)
a.metric("Students", built.students["student"].nunique())
b.metric("First sittings", len(sittings))
c.metric("Mean first score", f"{sittings['score_pct'].mean():.0f}%")

st.header("Students", anchor=False)
st.dataframe(report.readable(built.students), hide_index=True, width="stretch")
st.download_button(
    "Download the results per student (CSV)",
    report.spreadsheet_csv(built.students),
    file_name="class-results-students.csv",
    mime="text/csv",
)

st.header("Questions", anchor=False)
questions = built.questions.assign(edit=[
    f"banks?bank={b}&question={q}" for b, q in zip(
        built.questions["bank_id"], built.questions["question_id"], strict=True)
])  # fmt: skip
st.dataframe(
    report.readable(questions),
    hide_index=True,
    width="stretch",
    column_config={"edit": st.column_config.LinkColumn("Edit", display_text="open")},
)
st.caption(
    "Facility: the share of the points scored (too easy over 90%, too hard under 20%). "
    "Discrimination: 100 × the correlation of the question's score with the rest of the "
    "sitting's (negative: students who did well overall got it wrong more often). Rows marked "
    "'older version' are answers to the question before it was edited."
)
st.download_button(
    "Download the per-question report (CSV)",
    report.spreadsheet_csv(built.questions),
    file_name="class-results-questions.csv",
    mime="text/csv",
)

if not built.options.empty:
    st.header("Options chosen", anchor=False)
    st.dataframe(
        report.readable(built.options.drop(columns=["question_hash"])),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        "Download the option counts (CSV)",
        report.spreadsheet_csv(built.options),
        file_name="class-results-options.csv",
        mime="text/csv",
    )

st.header("Charts", anchor=False)
st.altair_chart(
    charts.score_distribution(sittings),
    width="stretch",
    alt="Histogram of first-sitting scores",
)
answered = built.questions[built.questions["answers"] > 0]
st.altair_chart(
    charts.facility(answered), width="stretch", alt="Bar chart of facility per question"
)
st.altair_chart(
    charts.scores_over_time(sittings), width="stretch", alt="First-sitting scores over time"
)
