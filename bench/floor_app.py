"""The floor for the UI benchmark: the least a Streamlit quiz does. One question at a time: a
form (a radio and a submit button) that an answer swaps for feedback and a Next button."""

import streamlit as st

st.session_state.setdefault("number", 1)
st.session_state.setdefault("answered", False)


def submit() -> None:
    st.session_state.answered = True


def next_question() -> None:
    st.session_state.number += 1
    st.session_state.answered = False


number = st.session_state.number
st.subheader(f"Question {number} of many: which letter comes first?", anchor=False)
if not st.session_state.answered:
    with st.form(f"question-{number}"):
        st.radio("Choose one answer", ["Alpha", "Bravo", "Charlie"], index=None, key=f"q{number}")
        st.form_submit_button("Submit answer", type="primary", on_click=submit)
else:
    st.success("**Correct.**", icon="✅")
    st.markdown("**Right answer:** Alpha")
    st.button("Next question", type="primary", on_click=next_question)
