"""Draft from an article (instructors): paste or upload an article, review the questions
drafted from it, and publish the ones kept as a new bank with its article."""

import streamlit as st

from app.generate import DEFAULT_MAX_QUESTIONS
from app.ui import access, drafting, state, upload

access.require_instructor()
st.title("📝 Draft a bank from an article")
st.write(
    "Paste a news article or upload it as a text file. Questions are drafted from its names, "
    "dates, numbers, roles and quotations, each with the sentence it comes from; keep the good "
    "ones and publish them as a new bank."
)
upload.file_uploader_fix()  # before the uploader: its drop zone is fixed as it appears
with st.form("draft-from-article"):
    st.text_area(
        "The article (its headline first; a section line above it is skipped)",
        key=drafting.ARTICLE,
        height=260,
    )
    st.file_uploader("Or upload it as a text file (UTF-8)", type=["txt"], key=drafting.UPLOAD)
    bank_id, title = st.columns(2)
    bank_id.text_input(
        "Bank id",
        key=drafting.BANK_ID,
        placeholder="made from the headline",
        help="Names the bank and its file: lowercase letters, digits, - and _.",
    )
    title.text_input("Title", key=drafting.TITLE, placeholder="the article's headline")
    st.number_input(
        "At most this many questions",
        min_value=1,
        max_value=50,
        value=DEFAULT_MAX_QUESTIONS,
        key=drafting.MAX,
    )
    st.form_submit_button("Draft questions", type="primary", on_click=drafting.make)

published = drafting.show_notice()
if published:
    home, banks = st.columns(2)
    home.page_link("screens/home.py", label="See it on the home page", icon="🏠")
    banks.page_link(
        "screens/banks.py",
        label="Open it in Question banks",
        icon="✏️",
        query_params={"bank": published},
    )
current = st.session_state[state.DRAFT]
if current is not None:
    drafting.review(current)
