"""The pages and who sees them: the script every browser session runs. It only routes."""

from pathlib import Path

import streamlit as st

from app.ui import access, timing

SCREENS = Path(__file__).parent / "screens"

with timing.script_run() as run:
    st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
    pages = [
        st.Page(SCREENS / "home.py", title="Home", icon="🏠", default=True),
        st.Page(SCREENS / "quiz.py", title="Quiz", icon="📝", url_path="quiz"),
        st.Page(SCREENS / "flashcards.py", title="Flashcards", icon="🗂️", url_path="flashcards"),
        st.Page(SCREENS / "progress.py", title="My progress", icon="📈", url_path="progress"),
        st.Page(SCREENS / "article.py", title="Article", icon="📰", url_path="article"),
    ]
    # One flat list: Streamlit's navigation sections put list items outside a list, which
    # screen readers (and axe-core) reject. Other machines without a password never see these.
    if access.instructor_reachable():
        pages += [
            st.Page(
                SCREENS / "class_results.py",
                title="Class results (instructor)",
                icon="📊",
                url_path="class",
            ),
            st.Page(
                SCREENS / "banks.py",
                title="Question banks (instructor)",
                icon="✏️",
                url_path="banks",
            ),
            st.Page(
                SCREENS / "draft.py",
                title="Draft from article (instructor)",
                icon="📝",
                url_path="draft",
            ),
            st.Page(
                SCREENS / "roster.py",
                title="Class roster (instructor)",
                icon="🪪",
                url_path="roster",
            ),
        ]
    page = st.navigation(pages)
    run.page = page.url_path or "home"
    page.run()
