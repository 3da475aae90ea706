"""A question as a student sees it, for the bank editor: nothing here is graded or stored."""

from __future__ import annotations

import streamlit as st

from app import quiz
from app.bank import LoadedBank
from app.grading import expected_answer
from app.ui import state, widgets
from app.ui.markdown import escape_md


def show(loaded: LoadedBank, question_id: str, place: str) -> None:
    """The question of `loaded` (saved or not) as the quiz page asks it, then what a student
    is shown after answering; `place` tells this preview's inputs from another's."""
    bank = loaded.bank
    question = bank.question(question_id)
    plan = quiz.SittingPlan("preview", "", bank.id, shuffle=False, only=(question_id,))
    options = quiz.plan_questions(bank, plan).option_orders.get(question_id, ())
    # A fresh key per version of the question, so edited options never meet stale inputs.
    version = f"{question_id}-{question.content_hash}"
    key = state.widget_key(f"preview-{place}-{loaded.path}", version)
    with st.container(border=True):
        st.caption("Preview: the question as a student sees it (answers here are not kept)")
        st.subheader(escape_md(question.prompt), anchor=False)
        widgets.hidden_note(question)
        widgets.answer_input(question, options, key)
        right = escape_md(expected_answer(question))
        st.markdown(f"**Right answer** (shown once they have answered):  \n{right}")
        widgets.explanation(loaded.article, question)
