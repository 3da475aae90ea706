"""Article page: a bank's article to read; once a sitting is over, its questions marked on it."""

import streamlit as st

from app import quiz
from app.article import lay_out
from app.ui import actions, article_view, countdown, state, widgets
from app.ui.markdown import escape_md

state.init()
params = st.query_params.to_dict()
banks, _ = state.banks()
bank_id = params.get("bank", "").strip()
loaded = banks.get(bank_id)
if loaded is None or not loaded.article.strip():
    st.title("Article")
    if not bank_id:
        st.info("No article was chosen: pick one on the home page.", icon="ℹ️")
    elif loaded is None:
        st.info(
            f"There is no question bank “{escape_md(bank_id)}” here, so no article to show. "
            "Pick one on the home page.",
            icon="ℹ️",
        )
    else:
        st.info(f"The bank “{escape_md(loaded.bank.title)}” has no article to read.", icon="ℹ️")
    st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
    st.stop()

bank = loaded.bank
plan = quiz.plan_from_params(params)
sitting = None
if plan is not None and plan.bank_id == bank.id:
    with widgets.stop_on_store_error():
        sitting = actions.sitting_of(plan, bank)
now = actions.now()
running = sitting is not None and not sitting.over(now)
if sitting is not None and sitting.start is not None and running:
    countdown.show(sitting.start.deadline, sitting.start.limit)

marks = quiz.article_marks(sitting, bank, now) if sitting is not None else ()
layout = lay_out(loaded.article, marks)
source = bank.source
st.html(
    article_view.article_html(
        layout,
        url=source.url if source else "",
        date=source.date if source else None,
        marked=bool(marks),
    )
)
if sitting is not None and marks:
    st.html(article_view.review_html(article_view.review_items(loaded, sitting, layout)))

if plan is not None and sitting is not None:
    if running:
        st.info("Your answers are marked on the article when you finish the quiz.", icon="ℹ️")
    st.page_link(
        "screens/quiz.py",
        label="Back to the quiz" if running else "Back to my results",
        icon="📝",
        query_params=quiz.plan_to_params(plan),
    )
st.page_link("screens/home.py", label="Go to the home page", icon="🏠")
