"""A second floor for the UI benchmark: the bare quiz of floor_app.py showing what the quiz app
shows, element for element, with none of the app's work (no store, no grading, no sitting, no
navigation). This floor against the bare one is the cost of what a student is shown (the
progress line, the feedback box with both answers and the score, the explanation with an
article's paragraph, focus and announcement; the question and its answer area as two nested
fragments, as the app has them); the app against this floor is the cost of the app's work,
and of what this floor leaves out: it answers one radio, where the app's sittings have every
question type (text inputs, checkboxes, select boxes) and explanations of their own length.
"""

import html

import streamlit as st

from app.ui.widgets import focus_script

ARTICLE_PARAGRAPH = (
    "The drill, the first of its kind near the border, involves about 1,500 troops and 120 "
    "vehicles, the ministry said on Monday. ",
    "Elite paratroopers will launch an air drill near the border with North Korea",
    ", according to a statement carried by state media, which gave no date for its end.",
)

st.session_state.setdefault("number", 1)
st.session_state.setdefault("answered", False)


def submit() -> None:
    st.session_state.answered = True


def next_question() -> None:
    st.session_state.number += 1
    st.session_state.answered = False
    st.rerun("question")


@st.fragment(key="question")
def question_area() -> None:
    number = st.session_state.number
    st.caption(f"Floor quiz · practice run · Bench  \nQuestion {number} of many")
    with st.container(key=f"prompt-{number}"):
        st.subheader(f"Which letter comes first? (asked {number} times)", anchor=False)
    answer_area(number)


@st.fragment
def answer_area(number: int) -> None:
    if not st.session_state.answered:
        with st.form(f"question-{number}"):
            st.radio(
                "Choose one answer", ["Alpha", "Bravo", "Charlie"], index=None, key=f"q{number}"
            )
            buttons = st.container(horizontal=True)
            buttons.form_submit_button("Submit answer", type="primary", on_click=submit)
            buttons.form_submit_button("Skip", on_click=submit)
        st.html(
            focus_script(f"{number}:ask", f".st-key-prompt-{number} h3"),
            unsafe_allow_javascript=True,
        )
        return
    st.success(
        "Correct.\n\n**Your answer:**  \nAlpha\n\n**Right answer:**  \nAlpha\n\n"
        f"Score so far: {number} of {number} answered",
        icon="✅",
    )
    before, quote, after = (html.escape(part) for part in ARTICLE_PARAGRAPH)
    st.html(
        "<p><strong>Why:</strong> Alpha is the first letter of the NATO alphabet.</p>"
        "<p><strong>From the article:</strong></p>"
        '<blockquote style="border-left: 4px solid #8a8a8a; margin: 0 0 1em; padding: 0 1em">'
        f"{before}<mark><strong>{quote}</strong></mark>{after}</blockquote>"
        + focus_script(
            f"{number}:feedback",
            '[data-testid="stMain"] [data-testid="stAlert"]',
            "Your answer is right.",
        ),
        unsafe_allow_javascript=True,
    )
    with st.form(f"next-{number}", border=False):
        st.form_submit_button("Next question", type="primary", on_click=next_question)


question_area()
