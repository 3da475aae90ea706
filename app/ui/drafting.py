"""The draft-from-article page's callbacks and its review of a draft (the Streamlit side of
app.draft). Callbacks only read the widgets, call app.draft and keep the outcome in the session.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app import draft, settings
from app.bank import Problem
from app.generate import DEFAULT_MAX_QUESTIONS
from app.generate.hiding import HIDDEN_NOTE
from app.grading import expected_answer
from app.models import ChoiceQuestion, Matching
from app.ui import state, widgets
from app.ui.markdown import escape_md

ARTICLE, UPLOAD, BANK_ID, TITLE, MAX = (
    "draft-article",
    "draft-upload",
    "draft-id",
    "draft-title",
    "draft-max",
)


@dataclass(frozen=True)
class Notice:
    """What the last Draft or Publish did, for the next run of the page."""

    kind: str  # "error" or "success"
    message: str
    problems: tuple[str, ...] = ()
    published: str = ""  # the id of the bank just published


def make() -> None:
    """Draft a bank from the article in the form (the uploaded file, else the pasted text)."""
    value = st.session_state.get
    upload = value(UPLOAD)
    try:
        article = draft.article_of(value(ARTICLE) or "", upload.getvalue() if upload else None)
        made = draft.make_draft(
            article,
            bank_id=(value(BANK_ID) or "").strip(),
            title=value(TITLE) or "",
            max_questions=int(value(MAX) or DEFAULT_MAX_QUESTIONS),
        )
        draft.check_free(settings.questions_dir(), made.data["id"], _taken())
    except draft.DraftError as error:
        st.session_state[state.DRAFT] = None
        _tell("error", str(error), error.problems)
        return
    st.session_state[state.DRAFT] = made
    st.session_state[state.DRAFT_NOTICE] = None


def publish() -> None:
    """Publish the ticked questions of the draft as a new bank with its article."""
    current: draft.Draft | None = st.session_state[state.DRAFT]
    if current is None:
        return
    data = draft.kept(current, _ticked(current))
    try:
        draft.publish(settings.questions_dir(), data, current.article, _taken())
    except draft.DraftError as error:
        _tell("error", str(error), error.problems)
        return
    st.session_state[state.DRAFT] = None
    count = len(data["questions"])
    _tell(
        "success",
        f"Published {data['id']}.yaml ({count} question{'s' if count != 1 else ''}) with its "
        f"article sources/{data['id']}.txt. Students see it on the home page now.",
        published=data["id"],
    )


def show_notice() -> str:
    """Show what the last Draft or Publish did, once; the id of a bank just published."""
    notice: Notice | None = st.session_state[state.DRAFT_NOTICE]
    st.session_state[state.DRAFT_NOTICE] = None
    if notice is None:
        return ""
    if notice.kind == "success":
        st.success(escape_md(notice.message), icon="✅")
    else:
        st.error(escape_md(notice.message), icon="✋")
    if notice.problems:
        st.code("\n".join(notice.problems), language=None)
    return notice.published


def review(current: draft.Draft) -> None:
    """Each drafted question with its answer and sentence, to keep or drop; the YAML of what
    is kept; and Publish."""
    bank = current.bank
    st.header(escape_md(f"Review: {bank.title}"), anchor=False)
    st.caption(
        escape_md(f"Bank id {bank.id} · {len(bank.questions)} drafted question(s). ")
        + "Untick the questions not worth asking; edit wording later in Question banks."
    )
    if current.few_facts:
        st.warning(current.few_facts, icon="⚠️")
    if any(widgets.hides_answers(q) for q in bank.questions):
        st.caption(HIDDEN_NOTE)
    for number, question in enumerate(bank.questions, start=1):
        with st.container(border=True):
            st.checkbox(
                escape_md(f"{number}. {question.prompt}"),
                value=True,
                key=_keep_key(current, number),
            )
            details = [f"*{question.type.replace('_', ' ')}*"]
            if isinstance(question, ChoiceQuestion):
                details.append("Options: " + escape_md(" · ".join(question.options)))
            elif isinstance(question, Matching):
                details.append("Pairs: " + escape_md(" · ".join(p.left for p in question.pairs)))
            details.append(f"**Answer:** {escape_md(expected_answer(question))}")
            st.markdown("  \n".join(details))
            st.markdown(f"**From the article:** {escape_md(question.source_quote or '')}")
    data = draft.kept(current, _ticked(current))
    with st.expander("The bank file as it will be published (YAML)"):
        st.code(draft.yaml_text(data), language="yaml")
    if not data["questions"]:
        st.caption("Tick at least one question to publish the bank.")
    st.button(
        f"Publish {len(data['questions'])} question(s) as {bank.id}.yaml",
        type="primary",
        on_click=publish,
        disabled=not data["questions"],
    )


def _ticked(current: draft.Draft) -> set[str]:
    return {
        question.id
        for number, question in enumerate(current.bank.questions, start=1)
        if st.session_state.get(_keep_key(current, number), True)
    }


def _keep_key(current: draft.Draft, number: int) -> str:
    # one set of boxes per draft: a new draft starts with every question ticked
    return f"keep-{current.digest}-{number}"


def _taken() -> set[str]:
    banks, _ = state.banks()
    return set(banks)


def _tell(
    kind: str, message: str, problems: list[Problem] | None = None, published: str = ""
) -> None:
    shown = tuple(str(p) for p in problems or ())
    st.session_state[state.DRAFT_NOTICE] = Notice(kind, message, shown, published)
