"""Entry point: `streamlit run app/ui/streamlit_app.py`. It only routes."""

from pathlib import Path

import streamlit as st

SCREENS = Path(__file__).parent / "screens"

st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
page = st.navigation(
    [
        st.Page(SCREENS / "home.py", title="Home", icon="🏠", default=True),
        st.Page(SCREENS / "quiz.py", title="Quiz", icon="📝", url_path="quiz"),
        st.Page(SCREENS / "progress.py", title="My progress", icon="📈", url_path="progress"),
        st.Page(SCREENS / "article.py", title="Article", icon="📰", url_path="article"),
    ]
)
page.run()
