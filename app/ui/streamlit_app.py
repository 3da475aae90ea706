"""Entry point: `streamlit run app/ui/streamlit_app.py`. It only routes."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
page = st.navigation(
    [
        st.Page(PAGES / "home.py", title="Home", icon="🏠", default=True),
        st.Page(PAGES / "quiz.py", title="Quiz", icon="📝", url_path="quiz"),
        st.Page(PAGES / "progress.py", title="My progress", icon="📈", url_path="progress"),
    ]
)
page.run()
