"""Progress summaries from the score log, on fixed rows."""

from __future__ import annotations

from app.analytics import answers_frame, most_missed, sittings
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


def test_most_missed_counts_wrong_answers_per_question() -> None:
    table = most_missed(answers_frame(ROWS), "Ana")
    assert list(zip(table["question_id"], table["wrong"], table["asked"], strict=True)) == [
        ("q1", 2, 3),
        ("q3", 1, 1),  # as often wrong as q2, but asked less: the worse record comes first
        ("q2", 1, 2),
    ]


def test_a_student_with_no_rows_has_empty_tables() -> None:
    frame = answers_frame(ROWS)
    assert sittings(frame, "Cy").empty
    assert most_missed(frame, "Cy").empty
    assert sittings(answers_frame([]), "Ana").empty
