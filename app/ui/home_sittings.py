"""The student's unfinished sittings, each with a Resume link (read from the score store)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import streamlit as st

from app import quiz
from app.bank import LoadedBank
from app.log import Mode
from app.text import points_text
from app.ui import state, widgets
from app.ui.markdown import escape_md


def show(student: str, banks: Mapping[str, LoadedBank]) -> bool:
    """List `student`'s unfinished sittings with Resume; False when there is none."""
    with widgets.stop_on_store_error():
        rows = state.scores().student_rows(student)
    sittings = quiz.unfinished(rows, {bank_id: loaded.bank for bank_id, loaded in banks.items()})
    if not sittings:
        return False
    st.subheader("Unfinished sittings")
    zone = widgets.browser_zone()
    for sitting in sittings[:10]:
        plan = sitting.plan
        title = banks[plan.bank_id].bank.title
        kind = "practice" if plan.mode is Mode.PRACTICE else "quiz"
        last = datetime.fromisoformat(sitting.last_answer_at).astimezone(zone)
        text, link = st.columns([3, 1], vertical_alignment="center")
        points = "" if sitting.deferred else f", {points_text(sitting.points)} points"
        text.markdown(
            f"**{escape_md(title)}** ({kind}) · {len(sitting.answers)} of "
            f"{len(sitting.question_ids)} answered{points} · "
            f"last answer {last:%Y-%m-%d %H:%M}"
        )
        link.page_link(
            "screens/quiz.py",
            label="Resume",
            icon="▶️",
            query_params=quiz.plan_to_params(plan),
        )
    return True
