"""The real flashcards, review and progress pages under AppTest."""

from __future__ import annotations

import html
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import flashcards
from app.bank import load_bank
from app.log import AnswerRow, Mode, timestamp_of
from app.models import Question
from app.stores import open_store
from app.ui.markdown import escape_md
from app.ui.state import widget_key
from tests.conftest import BANK_FILE
from tests.csv_log import read_log
from tests.quiz_driver import button, fill, open_page

BANK = load_bank(BANK_FILE).bank
CARDS = len(BANK.questions)
DECK = {"student": "Ana", "bank": BANK.id}


def shown_text(at) -> str:
    """The Markdown and HTML on the page, as text (escapes undone)."""
    markdown = " ".join(m.value for m in at.markdown).replace("\\", "")
    return markdown + " " + html.unescape(" ".join(h.value for h in at.html))


def shown_prompt(at) -> str:
    return at.header[0].value


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def rating_button(at, name: str):
    matches = [b for b in at.button if b.label.startswith(f"{name} · ")]
    assert matches, [b.label for b in at.button]
    return matches[0]


def front_key(question: Question) -> str:
    """The key of the inputs on the front of a card never rated before."""
    card = flashcards.replay(BANK, [], now=datetime.now(UTC)).card(question.id)
    return widget_key(flashcards.review_id("Ana", BANK.id, card), question.id)


def store_rows(path: Path, rows: list[AnswerRow]) -> None:
    store = open_store(str(path))
    try:
        store.append(rows)
    finally:
        store.close()


def test_a_flashcard_session_shows_rates_and_moves_on(scores_path: Path) -> None:
    at = open_page("flashcards.py", DECK)
    assert not at.exception
    assert metrics(at) == {"Due now": "0", "New": str(CARDS), "New left today": "20"}
    first = BANK.questions[0]
    assert shown_prompt(at) == escape_md(first.prompt)
    assert "New card" in at.caption[1].value
    page = shown_text(at)
    assert first.explanation.split()[0] not in page  # the back is hidden

    button(at, "Show answer").click().run()
    page = shown_text(at)
    assert "Answer:" in page and first.explanation[:30] in page
    labels = [b.label for b in at.button if " · " in b.label]
    assert labels == ["Again · in 1 min", "Hard · in 6 min", "Good · in 10 min", "Easy · in 8 days"]
    rating_button(at, "Good").click().run()

    rows = read_log(scores_path).rows
    assert [(r.mode, r.rating, r.correct, r.question_id, r.response) for r in rows] == [
        ("flashcard", "good", True, first.id, "")
    ]
    assert rows[0].attempt_id.startswith("card-") and rows[0].elapsed_ms > 0
    assert "✔️ Good: that card comes back in 10 min." in [c.value for c in at.caption]
    assert shown_prompt(at) == escape_md(BANK.questions[1].prompt)
    assert metrics(at)["New left today"] == "19"


def test_a_typed_answer_is_checked_and_suggests_the_rating(scores_path: Path) -> None:
    at = open_page("flashcards.py", DECK)
    question = BANK.questions[0]
    fill(at, question, front_key(question), "right")
    button(at, "Show answer").click().run()
    assert "Correct." in at.success[0].value
    assert "Suggested rating: **Good**." in [m.value for m in at.markdown]
    good = rating_button(at, "Good")
    assert good.proto.type == "primary"
    rating_button(at, "Easy").click().run()  # the student decides
    [row] = read_log(scores_path).rows
    assert (row.rating, row.correct, row.score) == ("easy", True, 1.0)
    assert row.response  # what was typed is kept with the rating


def test_a_wrong_typed_answer_suggests_again() -> None:
    at = open_page("flashcards.py", DECK)
    fill(at, BANK.questions[0], front_key(BANK.questions[0]), "wrong")
    button(at, "Show answer").click().run()
    assert "Incorrect." in at.error[0].value
    assert "Suggested rating: **Again**." in [m.value for m in at.markdown]


def test_nothing_due_says_when_and_offers_to_study_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scores_path: Path
) -> None:
    questions = tmp_path / "questions"
    shutil.copytree(BANK_FILE.parent, questions)
    bank_file = questions / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(
        text.replace("questions:\n", "flashcards:\n  new_per_day: 1\nquestions:\n", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(questions))
    at = open_page("flashcards.py", DECK)
    assert metrics(at)["New left today"] == "1"
    button(at, "Show answer").click().run()
    rating_button(at, "Easy").click().run()

    assert "Nothing is due now." in at.success[0].value
    page = " ".join(m.value for m in at.markdown)
    assert "The next card is due **in 8 days**" in page
    assert f"{CARDS - 1} new cards wait; up to 1 start each day" in page
    assert metrics(at) == {"Due now": "0", "New": str(CARDS - 1), "New left today": "0"}

    button(at, "Study ahead").click().run()
    assert at.query_params["ahead"] == "1"
    assert shown_prompt(at) == escape_md(BANK.questions[0].prompt)  # the card due soonest
    assert "Studying ahead" in at.info[0].value
    button(at, "Show answer").click().run()
    rating_button(at, "Good").click().run()
    assert [r.rating for r in read_log(scores_path).rows] == ["easy", "good"]
    button(at, "Stop studying ahead").click().run()
    assert "ahead" not in at.query_params


def test_a_changed_question_is_new_again_and_the_student_is_told(scores_path: Path) -> None:
    first = BANK.questions[0]
    old = AnswerRow(
        timestamp=timestamp_of(datetime.now(UTC) - timedelta(days=30)),
        student="Ana",
        bank_id=BANK.id,
        question_id=first.id,
        question_hash="old-version",
        attempt_id="card-old",
        mode=Mode.FLASHCARD.value,
        response="",
        correct=True,
        score=1.0,
        elapsed_ms=900,
        rating="easy",
        answer_id="old-1",
    )
    store_rows(scores_path, [old])
    at = open_page("flashcards.py", DECK)
    assert shown_prompt(at) == escape_md(first.prompt)
    assert "changed since you last studied it" in at.info[0].value
    button(at, "Show answer").click().run()
    rating_button(at, "Good").click().run()
    assert not [i for i in at.info if "changed" in i.value]  # told once
    rows = read_log(scores_path).rows
    assert rows[-1].question_hash == first.content_hash


def test_one_card_rated_in_two_tabs_counts_once(scores_path: Path) -> None:
    first_tab, second_tab = open_page("flashcards.py", DECK), open_page("flashcards.py", DECK)
    for tab in (first_tab, second_tab):
        button(tab, "Show answer").click().run()
    rating_button(first_tab, "Good").click().run()
    rating_button(second_tab, "Again").click().run()
    assert [r.rating for r in read_log(scores_path).rows] == ["good"]
    assert "already rated in another tab" in second_tab.warning[0].value
    assert shown_prompt(second_tab) == escape_md(BANK.questions[1].prompt)


def test_the_deck_picker_asks_for_a_name_and_a_bank() -> None:
    at = open_page("flashcards.py")
    button(at, "Study flashcards").click().run()
    assert "Please enter your name" in at.error[0].value
    at.text_input[0].input("Ana")
    button(at, "Study flashcards").click().run()
    assert at.query_params["bank"] == BANK.id and at.query_params["student"] == "Ana"
    assert shown_prompt(at) == escape_md(BANK.questions[0].prompt)

    unknown = open_page("flashcards.py", {"student": "Ana", "bank": "no-such-bank"})
    assert "There is no question bank 'no-such-bank'" in unknown.error[0].value.replace("\\", "")


def test_home_opens_the_flashcards_of_the_chosen_bank() -> None:
    at = open_page("home.py")
    at.text_input[0].input("Ana")
    button(at, "Study flashcards").click().run()
    assert at.query_params["student"] == "Ana" and at.query_params["bank"] == BANK.id
    assert at.title[0].value == "🗂️ Flashcards"


def quiz_answers(attempt: str, results: dict[str, bool], start: datetime, mode: str = "quiz"):
    return [
        AnswerRow(
            timestamp=timestamp_of(start + timedelta(minutes=i)),
            student="Ana",
            bank_id=BANK.id,
            question_id=question_id,
            question_hash=BANK.question(question_id).content_hash,
            attempt_id=attempt,
            mode=mode,
            response="x",
            correct=right,
            score=float(right),
            elapsed_ms=1000,
            answer_id=f"{attempt}-{question_id}",
        )
        for i, (question_id, right) in enumerate(results.items())
    ]


def test_review_mistakes_asks_what_is_still_wrong_and_never_changes_the_grade(
    scores_path: Path,
) -> None:
    start = datetime.now(UTC) - timedelta(days=2)
    a, b, c = (q.id for q in BANK.questions[:3])
    store_rows(
        scores_path,
        quiz_answers("quiz-1", {a: False, b: False, c: True}, start)
        + quiz_answers("practice-1", {b: True}, start + timedelta(hours=1), mode="practice"),
    )
    progress = open_page("progress.py", {"student": "Ana"})
    assert not progress.exception
    links = [link for link in progress.get("page_link") if "mistake" in link.proto.label]
    assert [link.proto.label for link in links] == [
        escape_md(f"Review 1 mistake in {BANK.title}")
    ]  # b was answered right since

    at = open_page(
        "quiz.py",
        {"attempt": "review-1", "student": "Ana", "bank": BANK.id, "mode": "review", "only": a},
    )
    assert "review" in at.caption[0].value
    fill(at, BANK.question(a), widget_key("review-1", a), "right")
    button(at, "Submit answer").click().run()
    button(at, "See my results").click().run()
    assert at.title[0].value == "Review finished"
    assert "Review does not change your quiz score." in [i.value for i in at.info]
    assert read_log(scores_path).rows[-1].mode == "review"

    progress = open_page("progress.py", {"student": "Ana"})
    assert not [link for link in progress.get("page_link") if "mistake" in link.proto.label]
    quizzes, missed = progress.table[0].value, progress.table[1].value
    assert quizzes["Mode"].tolist() == ["quiz"]  # practice and review are shown apart
    assert missed["Times asked"].tolist() == [1, 1]  # only the quiz counts
    assert missed["Times wrong"].tolist() == [1, 1]
    apart = progress.table[2].value
    assert sorted(apart["Mode"].tolist()) == ["practice", "review"]


def test_results_offer_the_review_of_every_outstanding_mistake(scores_path: Path) -> None:
    start = datetime.now(UTC) - timedelta(days=1)
    a, b = (q.id for q in BANK.questions[:2])
    store_rows(scores_path, quiz_answers("earlier", {a: False}, start))
    params = {"attempt": "now", "student": "Ana", "bank": BANK.id, "shuffle": "0", "only": b}
    at = open_page("quiz.py", params)
    fill(at, BANK.question(b), widget_key("now", b), "wrong")
    button(at, "Submit answer").click().run()
    button(at, "See my results").click().run()
    button(at, "Review my mistakes in this bank (2)").click().run()
    assert at.query_params["mode"] == "review"
    assert at.query_params["only"] == f"{a},{b}"
    assert "Question 1 of 2" in at.caption[0].value


def test_progress_shows_flashcards_apart_from_grades(scores_path: Path) -> None:
    now = datetime.now(UTC)
    first = BANK.questions[0]
    reviews = []
    for n, (days_ago, rating) in enumerate([(40, "easy"), (31, "good"), (2, "again")]):
        reviews.append(
            AnswerRow(
                timestamp=timestamp_of(now - timedelta(days=days_ago)),
                student="Ana",
                bank_id=BANK.id,
                question_id=first.id,
                question_hash=first.content_hash,
                attempt_id=f"card-{n}",
                mode="flashcard",
                response="",
                correct=rating != "again",
                score=float(rating != "again"),
                elapsed_ms=900,
                rating=rating,
                answer_id=f"r{n}",
            )
        )
    store_rows(scores_path, reviews)
    at = open_page("progress.py", {"student": "Ana"})
    assert not at.exception
    assert "No quizzes yet." in [c.value for c in at.caption]
    shown = metrics(at)
    assert shown["Reviews"] == "3"
    # 8 days, then 23 days: the third review was of a mature card, and it was Again
    assert shown["True retention, mature cards"] == "0% of 1"
    assert shown["True retention, young cards"] == "100% of 1"
    [by_state] = [t.value for t in at.table if "Deck" in t.value.columns]
    deck = flashcards.replay(BANK, reviews, now=now)
    assert by_state.iloc[0].to_dict() == {
        "Deck": escape_md(BANK.title),
        "New": CARDS - 1,
        "Learning": 0,
        "Review": 0,
        "Relearning": 1,
        "Due now": len(deck.due),
    }
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # reviews per day


def test_a_rating_that_cannot_be_saved_waits_and_the_card_moves_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder should be")
    target = blocker / "scores.csv"
    monkeypatch.setenv("QUIZ_SCORES_PATH", str(target))
    at = open_page("flashcards.py", DECK)
    button(at, "Show answer").click().run()
    rating_button(at, "Good").click().run()
    assert "1 answer is waiting on the server" in " ".join(w.value for w in at.warning)
    assert shown_prompt(at) == escape_md(BANK.questions[1].prompt)  # the waiting row counts
    blocker.unlink()
    button(at, "Try saving again").click().run()
    assert [r.rating for r in read_log(target).rows] == ["good"]


def test_rows_of_another_student_are_never_replayed(scores_path: Path) -> None:
    first = BANK.questions[0]
    row = AnswerRow(
        timestamp=timestamp_of(datetime.now(UTC) - timedelta(hours=1)),
        student="Bo",
        bank_id=BANK.id,
        question_id=first.id,
        question_hash=first.content_hash,
        attempt_id="card-bo",
        mode="flashcard",
        response="",
        correct=True,
        score=1.0,
        elapsed_ms=900,
        rating="good",
        answer_id="bo-1",
    )
    store_rows(scores_path, [row, replace(row, answer_id="bo-2", attempt_id="card-bo-2")])
    at = open_page("flashcards.py", DECK)
    assert metrics(at) == {"Due now": "0", "New": str(CARDS), "New left today": "20"}
