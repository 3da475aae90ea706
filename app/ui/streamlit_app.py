"""Entry point: `streamlit run app/ui/streamlit_app.py`. It only routes."""

from pathlib import Path

import streamlit as st

from app.ui import access

SCREENS = Path(__file__).parent / "screens"

st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
sections = {
    "Student": [
        st.Page(SCREENS / "home.py", title="Home", icon="🏠", default=True),
        st.Page(SCREENS / "quiz.py", title="Quiz", icon="📝", url_path="quiz"),
        st.Page(SCREENS / "flashcards.py", title="Flashcards", icon="🗂️", url_path="flashcards"),
        st.Page(SCREENS / "progress.py", title="My progress", icon="📈", url_path="progress"),
        st.Page(SCREENS / "article.py", title="Article", icon="📰", url_path="article"),
    ]
}
if access.instructor_reachable():  # other machines without a password never see these
    sections["Instructor"] = [
        st.Page(SCREENS / "class_results.py", title="Class results", icon="📊", url_path="class"),
        st.Page(SCREENS / "banks.py", title="Question banks", icon="🗂️", url_path="banks"),
        st.Page(SCREENS / "roster.py", title="Class roster", icon="🪪", url_path="roster"),
    ]
page = st.navigation(sections)
page.run()
