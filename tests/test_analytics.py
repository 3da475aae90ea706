"""Progress summaries from the score log, on fixed rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.analytics import answers_frame, most_missed, reviews_per_day, sittings
from app.log import AnswerRow


def row(attempt: str, question: str, correct: bool, minute: int, student: str = "Ana", **kw):
    return AnswerRow(
        timestamp=f"2026-11-25T10:{minute:02d}:00.000+00:00",
        student=student,
        bank_id=kw.get("bank", "drill"),
        question_id=question,
        question_hash="h",
        attempt_id=attempt,
        mode=kw.get("mode", "quiz"),
        response="x",
        correct=correct,
        score=kw.get("score", 1.0 if correct else 0.0),
        elapsed_ms=1000,
    )


ROWS = [
    row("a2", "q1", True, 30),
    row("a1", "q1", False, 1),
    row("a1", "q2", True, 2),
    row("a1", "q3", False, 3, score=0.5),
    row("a1", "q1", True, 4),  # a replayed answer: only the first one counts
    row("a2", "q2", False, 31),
    row("p1", "q1", False, 40, mode="practice"),
    row("b1", "q1", False, 5, student="Bo"),
]


def test_sittings_are_per_student_oldest_first_with_first_answers_only() -> None:
    table = sittings(answers_frame(ROWS), "Ana")
    assert table["attempt_id"].tolist() == ["a1", "a2", "p1"]
    assert table["answered"].tolist() == [3, 2, 1]
    assert table["points"].tolist() == [1.5, 1.0, 0.0]
    assert table["percent"].tolist() == [50.0, 50.0, 0.0]
    assert table["mode"].tolist() == ["quiz", "quiz", "practice"]


def test_most_missed_counts_wrong_quiz_answers_per_question() -> None:
    table = most_missed(answers_frame([*ROWS, row("a3", "q1", False, 50)]), "Ana")
    assert list(zip(table["question_id"], table["wrong"], table["asked"], strict=True)) == [
        ("q1", 2, 3),  # the practice answer p1 is neither asked nor wrong
        ("q3", 1, 1),  # as often wrong as q2, but asked less: the worse record comes first
        ("q2", 1, 2),
    ]


def test_practice_review_and_flashcards_are_never_grades() -> None:
    extra = [
        row("r1", "q2", False, 41, mode="review"),
        row("card-1", "q2", False, 42, mode="flashcard"),
        row("card-2", "q3", False, 43, mode="flashcard"),
    ]
    frame = answers_frame(ROWS + extra)
    missed = most_missed(frame, "Ana")
    assert dict(zip(missed["question_id"], missed["asked"], strict=True)) == {
        "q1": 2,
        "q3": 1,
        "q2": 2,
    }
    assert dict(zip(missed["question_id"], missed["wrong"], strict=True)) == {
        "q1": 1,
        "q3": 1,
        "q2": 1,
    }
    assert sittings(frame, "Ana", modes=["quiz"])["attempt_id"].tolist() == ["a1", "a2"]
    # flashcard reviews are not sittings; practice and review are, apart from the quizzes
    assert sittings(frame, "Ana")["attempt_id"].tolist() == ["a1", "a2", "p1", "r1"]


def test_reviews_per_day_by_rating_in_the_students_time_zone() -> None:
    def card(minute_of_day: int, rating: str, month: int = 11) -> AnswerRow:
        hour, minute = divmod(minute_of_day, 60)
        return replace(
            row(f"card-{month}-{minute_of_day}", "q1", rating != "again", 0, mode="flashcard"),
            timestamp=f"2026-{month:02d}-25T{hour:02d}:{minute:02d}:00.000+00:00",
            rating=rating,
        )

    rows = [
        card(60, "good"),
        card(70, "again"),
        card(80, "good"),
        card(23 * 60 + 30, "easy"),  # 23:30 UTC is already the 26th in Tokyo
        card(60, "hard", month=10),  # more than 30 days before: left out
        row("a9", "q1", True, 5),  # a quiz answer is not a review
    ]
    now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    frame = answers_frame(rows)
    in_utc = reviews_per_day(frame, "Ana", now=now)
    assert [(d.day, r, n) for d, r, n in in_utc.itertuples(index=False)] == [
        (25, "again", 1),
        (25, "good", 2),
        (25, "easy", 1),
    ]
    in_tokyo = reviews_per_day(frame, "Ana", now=now, tz=ZoneInfo("Asia/Tokyo"))
    assert [(d.day, r, n) for d, r, n in in_tokyo.itertuples(index=False)] == [
        (25, "again", 1),
        (25, "good", 2),
        (26, "easy", 1),
    ]
    assert reviews_per_day(frame, "Bo", now=now).empty


def test_a_student_with_no_rows_has_empty_tables() -> None:
    frame = answers_frame(ROWS)
    assert sittings(frame, "Cy").empty
    assert most_missed(frame, "Cy").empty
    assert sittings(answers_frame([]), "Ana").empty
