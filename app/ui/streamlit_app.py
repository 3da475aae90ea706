"""Entry point: `streamlit run app/ui/streamlit_app.py`. It only routes."""

from pathlib import Path

import streamlit as st

from app.ui import timing

SCREENS = Path(__file__).parent / "screens"

with timing.script_run() as run:
    st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
    page = st.navigation(
        [
            st.Page(SCREENS / "home.py", title="Home", icon="🏠", default=True),
            st.Page(SCREENS / "quiz.py", title="Quiz", icon="📝", url_path="quiz"),
            st.Page(SCREENS / "progress.py", title="My progress", icon="📈", url_path="progress"),
        ]
    )
    run.page = page.url_path or "home"
    page.run()
