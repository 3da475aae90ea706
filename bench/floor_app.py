"""The floor for the UI benchmark: a bare Streamlit app with one radio and one button."""

import streamlit as st

st.session_state.setdefault("clicks", 0)
st.radio("Pick one", ["Alpha", "Bravo", "Charlie"], index=None)
if st.button("Submit"):
    st.session_state.clicks += 1
st.write(f"Clicks: {st.session_state.clicks}.")
