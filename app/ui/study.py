"""Work that is not a grade on My progress: mistakes to review, practice and flashcards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from app import analytics, flashcards, quiz
from app.bank import LoadedBank
from app.flashcards import CardState, Deck
from app.log import AnswerRow, Mode
from app.ui import actions, charts, state, tables
from app.ui.markdown import escape_md

CHART_DAYS = 30
STATE_NAMES = {
    CardState.NEW: "New",
    CardState.LEARNING: "Learning",
    CardState.REVIEW: "Review",
    CardState.RELEARNING: "Relearning",
}


def show(
    student: str, rows: Sequence[AnswerRow], frame: pd.DataFrame, banks: Mapping[str, LoadedBank]
) -> None:
    """My progress, apart from the grades: mistakes to review, practice and review sittings,
    and flashcards (reviews per day, cards by state, true retention)."""
    st.header("Practice, review and flashcards", anchor=False)
    st.caption("None of this changes your quiz scores.")
    _mistakes(student, rows, banks)

    titles = {bank_id: loaded.bank.title for bank_id, loaded in banks.items()}
    extra = analytics.sittings(frame, student, modes=(Mode.PRACTICE.value, Mode.REVIEW.value))
    if not extra.empty:
        st.subheader("Practice and review sittings", anchor=False)
        st.table(tables.past_sittings(extra, titles), hide_index=True)
    _flashcards(student, rows, frame, banks)


def _mistakes(student: str, rows: Sequence[AnswerRow], banks: Mapping[str, LoadedBank]) -> None:
    st.subheader("Mistakes to review", anchor=False)
    found = False
    for bank_id in sorted(banks, key=lambda b: banks[b].bank.title):
        bank = banks[bank_id].bank
        plan = quiz.review_plan(bank, student, rows, actions.new_token())
        if plan is None:
            continue
        found = True
        count = len(plan.only)
        st.page_link(
            "screens/quiz.py",
            label=escape_md(f"Review {count} mistake{'s' if count != 1 else ''} in {bank.title}"),
            icon="🔁",
            query_params=quiz.plan_to_params(plan),
        )
    if not found:
        st.caption(
            "No mistakes to review: every question you got wrong in a quiz you have since "
            "answered right, or you have not got any wrong."
        )


def _flashcards(
    student: str, rows: Sequence[AnswerRow], frame: pd.DataFrame, banks: Mapping[str, LoadedBank]
) -> None:
    st.subheader("Flashcards", anchor=False)
    studied = {r.bank_id for r in rows if r.mode == Mode.FLASHCARD.value}
    decks = [
        (loaded, flashcards.replay(loaded.bank, rows, now=datetime.now(UTC), tz=state.time_zone()))
        for bank_id, loaded in sorted(banks.items(), key=lambda b: b[1].bank.title)
        if bank_id in studied
    ]
    if not decks:
        st.caption("No flashcards studied yet. Open a bank's flashcards from the home page.")
        return
    reviews = [review for _, deck in decks for review in deck.reviews]
    mature = flashcards.true_retention(reviews, mature=True)
    young = flashcards.true_retention(reviews, mature=False)
    total, kept_mature, kept_young = st.columns(3)
    total.metric("Reviews", len(reviews))
    kept_mature.metric(
        "True retention, mature cards",
        _share(mature),
        help="Of your reviews of cards with an interval of 21 days or more, the share you did "
        "not rate Again.",
    )
    kept_young.metric(
        "True retention, young cards",
        _share(young),
        help="The same for review cards with an interval under 21 days.",
    )
    now, zone = datetime.now(UTC), state.time_zone()
    per_day = analytics.reviews_per_day(frame, student, now=now, tz=zone, days=CHART_DAYS)
    today = now.astimezone(zone).date()
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    if per_day.empty:
        st.caption("No reviews in the last 30 days.")
    else:
        st.altair_chart(
            charts.reviews_chart(per_day, days),
            width="stretch",
            alt="Bar chart of flashcard reviews per day over the last 30 days, by rating",
        )
    st.table(cards_by_state(decks), hide_index=True)


def _share(retention: flashcards.Retention) -> str:
    share = retention.share
    return "—" if share is None else f"{share:.0%} of {retention.reviews}"


def cards_by_state(decks: Sequence[tuple[LoadedBank, Deck]]) -> pd.DataFrame:
    """One line per deck: how many cards are new, learning, in review, relearning, due."""
    lines = []
    for loaded, deck in decks:
        line: dict[str, object] = {"Deck": escape_md(loaded.bank.title)}
        line |= {name: deck.count(card_state) for card_state, name in STATE_NAMES.items()}
        line["Due now"] = len(deck.due)
        lines.append(line)
    return pd.DataFrame(lines)
