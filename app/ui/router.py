"""The pages and who sees them: the script every browser session runs. It only routes."""

from pathlib import Path

import streamlit as st

from app.ui import access, pages, timing

SCREENS = Path(__file__).parent / "screens"

with timing.script_run() as run:
    st.set_page_config(page_title="News quiz", page_icon="📰", layout="centered")
    shown = pages.STUDENT
    # One flat list: Streamlit's navigation sections put list items outside a list, which
    # screen readers (and axe-core) reject. Other machines without a password never see these.
    if access.instructor_reachable():
        shown += pages.INSTRUCTOR
    page = st.navigation(
        [
            st.Page(
                SCREENS / spec.script,
                title=spec.title,
                icon=spec.icon,
                url_path=spec.url_path or None,
                default=not spec.url_path,
            )
            for spec in shown
        ]
    )
    run.page = page.url_path or "home"
    page.run()
