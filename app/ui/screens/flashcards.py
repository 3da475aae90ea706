"""Flashcards: the front, Show answer (Space), the back, and Again / Hard / Good / Easy (1-4)."""

from datetime import UTC, datetime

import streamlit as st

from app import flashcards
from app.flashcards import CardState
from app.grading import expected_answer, response_to_text
from app.quiz import Answered
from app.ui import actions, state, widgets
from app.ui.markdown import escape_md

state.init()
st.title("🗂️ Flashcards")
banks, _ = state.banks()
student = st.query_params.get("student", "").strip() or st.session_state[state.STUDENT]
bank_id = st.query_params.get("bank", "").strip()

if not student or bank_id not in banks:
    if bank_id:
        st.error(f"There is no question bank {escape_md(bank_id)!r}; choose one below.", icon="🛑")
    if not banks:
        st.error("There are no valid question banks yet.")
        st.stop()
    bank_ids = sorted(banks, key=lambda b: banks[b].bank.title)
    with st.form("deck"):
        name = st.text_input("Your name", value=student, max_chars=200)
        chosen = st.selectbox(
            "Deck (question bank)",
            bank_ids,
            format_func=lambda b: banks[b].bank.title,
        )
        opened = st.form_submit_button("Study flashcards", type="primary")
    if opened:
        if not name.strip():
            st.error("Please enter your name: your cards are kept under it.", icon="✋")
        else:
            st.session_state[state.STUDENT] = name.strip()
            st.query_params.from_dict({"student": name.strip(), "bank": chosen})
            st.rerun()
    st.stop()

st.session_state[state.STUDENT] = student
loaded = banks[bank_id]
bank = loaded.bank
ahead = st.query_params.get("ahead") == "1"
st.caption(escape_md(f"{bank.title} · {student}"))
with widgets.stop_on_store_error():
    rows = state.scores().student_rows(student)
widgets.save_status(student)
zone = state.time_zone()
deck = flashcards.replay(bank, rows, now=datetime.now(UTC), tz=zone)

due, new, left = st.columns(3)
due.metric("Due now", len(deck.due))
new.metric("New", len(deck.new))
left.metric("New left today", min(deck.new_left_today, len(deck.new)))
if st.session_state[state.RATED]:
    st.caption(f"✔️ {st.session_state[state.RATED]}")
    st.session_state[state.RATED] = ""
if st.session_state[state.NOTICE]:
    st.warning(escape_md(st.session_state[state.NOTICE]), icon="✋")
    st.session_state[state.NOTICE] = ""

queue = deck.queue(ahead=ahead)
if ahead:
    st.info("Studying ahead: these cards are not due yet; your ratings count as usual.", icon="⏩")
if not queue:
    st.success("**Nothing is due now.** Well done.", icon="🎉")
    if deck.next_due is not None:
        local = deck.next_due.astimezone(zone).strftime("%a %d %b, %H:%M")
        st.markdown(
            f"The next card is due **{flashcards.when(deck.next_due - deck.now)}** ({local})."
        )
    waiting = len(deck.new)
    per_day = bank.flashcards.new_per_day
    if waiting and per_day:
        st.markdown(
            f"{waiting} new card{'s wait' if waiting != 1 else ' waits'}; up to {per_day} start "
            "each day (the next day starts at midnight)."
        )
    elif waiting:
        st.markdown(
            f"{waiting} new card{'s wait' if waiting != 1 else ' waits'}: this bank starts no new "
            "cards by itself. Study ahead to start them."
        )
    st.button(
        "Study ahead",
        type="primary",
        on_click=actions.study_ahead,
        args=(True,),
        help="Review the cards due soonest now, and start new cards beyond today's limit.",
    )
else:
    card = queue[0]
    question = bank.question(card.question_id)
    review = flashcards.review_id(student, bank.id, card)
    sitting = actions.flashcard_sitting(bank, student, card.question_id, review)
    label = {
        CardState.NEW: "New card",
        CardState.LEARNING: "Learning",
        CardState.REVIEW: "Review",
        CardState.RELEARNING: "Relearning",
    }[card.state]
    st.caption(f"{label} · {len(queue)} card{'s' if len(queue) != 1 else ''} to study now")
    if card.changed:
        st.info(
            "This question was changed since you last studied it, so it starts again as a new "
            "card.",
            icon="✏️",
        )
    st.header(escape_md(question.prompt), anchor=False)
    widgets.hidden_note(question)
    shown = st.session_state[state.REVEALED].get(review)
    if shown is None:
        state.shown_for(review, question.id)
        key = state.widget_key(review, question.id)
        with st.form(f"front-{key}"):
            widgets.answer_input(question, sitting.option_orders.get(question.id, ()), key)
            st.caption("Optional: answer first and it is checked for you.")
            st.form_submit_button(
                "Show answer",
                shortcut="Space",  # a secondary button: on a primary one the key hint is too pale
                on_click=actions.reveal,
                args=(bank, student, question.id, review),
            )
    else:
        checked = shown.grade
        if checked is not None:
            typed = response_to_text(question, shown.response)
            answered = Answered(
                question.id, typed, checked.correct, checked.score, 0, checked.feedback
            )
            widgets.feedback(answered, question)
        else:
            st.markdown(f"**Answer:** {escape_md(expected_answer(question))}")
        widgets.explanation(loaded.article, question)
        suggested = flashcards.suggested_rating(shown.grade.score if shown.grade else None)
        if suggested is not None:
            st.markdown(f"Suggested rating: **{suggested.value.capitalize()}**.")
        st.caption("How well did you remember? Keys 1 to 4.")
        gaps = flashcards.intervals(deck, card)
        # A form's submit buttons, not st.button: st.button asks for the rerun from a timer,
        # 12 ms after the click (see the quiz page's Next).
        with st.form(f"rate-{review}", border=False):
            for number, (column, rating) in enumerate(
                zip(st.columns(4), flashcards.RATINGS, strict=True), start=1
            ):
                comes_back = flashcards.when(gaps[rating])
                column.form_submit_button(
                    f"{rating.value.capitalize()} · {comes_back}",
                    key=f"rate-{review}-{rating.value}",
                    type="primary" if rating is suggested else "secondary",
                    shortcut=str(number),
                    on_click=actions.rate,
                    args=(bank, student, question.id, review, rating, comes_back),
                    width="stretch",
                    wrap=True,
                )

if ahead:
    st.button("Stop studying ahead", on_click=actions.study_ahead, args=(False,))
home, progress = st.columns(2)
home.page_link("screens/home.py", label="Home", icon="🏠", query_params={"student": student})
progress.page_link(
    "screens/progress.py", label="My progress", icon="📈", query_params={"student": student}
)
