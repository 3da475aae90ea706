"""A small class log whose report figures are computed by hand (see tests/test_report.py).

Bank `class-demo`, five questions, each worth 1 point:
  q1 multiple choice A/B/C (A right)  q2 true/false (true)  q3 short answer ("Paris")
  q4 true/false (false)               q5 multiple choice X/Y/Z (X right)

First quiz sittings (score per question):
  ann   q1 A 1  q2 false 0  q3 1  q4 false 1  q5 Y 0   total 3 of 5 = 60%
  bob   q1 A 1  q2 false 0  q3 1  q4 false 1  q5 Z 0   total 3      = 60%
  cat   q1 B 0  q2 true  1  q3 0  q4 false 1  q5 Y 0   total 2      = 40%
  dan   q1 B 0  q2 false 0  q3 0  q4 false 1  q5 Z 0   total 1      = 20%
  eve   q1 A 1 on an OLDER version of q1 (another hash), nothing else: 100%
Ignored by the statistics: ann's second quiz sitting (all wrong, later), bob's practice
sitting, and a flashcard answer of cat's.
"""

from __future__ import annotations

from app.log import AnswerRow, Mode
from app.models import Bank

BANK = Bank.model_validate(
    {
        "id": "class-demo",
        "title": "Class demo",
        "questions": [
            {
                "id": "q1",
                "type": "multiple_choice",
                "prompt": "=Pick A",  # starts like a formula: neutralised in CSV downloads
                "options": ["A", "B", "C"],
                "answer": "A",
            },
            {"id": "q2", "type": "true_false", "prompt": "Is it true?", "answer": True},
            {"id": "q3", "type": "short_answer", "prompt": "Capital?", "answers": ["Paris"]},
            {"id": "q4", "type": "true_false", "prompt": "Is it false?", "answer": False},
            {
                "id": "q5",
                "type": "multiple_choice",
                "prompt": "Pick X",
                "options": ["X", "Y", "Z"],
                "answer": "X",
            },
        ],
    }
)
HASH = {q.id: q.content_hash for q in BANK.questions}
OLD_Q1 = "0ld0ld0ld0ld"

# fmt: off
FIRST = {
    "ann": [
        ("q1", "A", 1), ("q2", "false", 0), ("q3", "Paris", 1), ("q4", "false", 1), ("q5", "Y", 0)],
    "bob": [
        ("q1", "A", 1), ("q2", "false", 0), ("q3", "paris", 1), ("q4", "false", 1), ("q5", "Z", 0)],
    "cat": [
        ("q1", "B", 0), ("q2", "true", 1), ("q3", "Rome", 0), ("q4", "false", 1), ("q5", "Y", 0)],
    "dan": [
        ("q1", "B", 0), ("q2", "false", 0), ("q3", "Lyon", 0), ("q4", "false", 1), ("q5", "Z", 0)],
}
# fmt: on


def _row(
    n: int, student: str, attempt: str, question: str, response: str, score: float,
    *, mode: Mode = Mode.QUIZ, day: int = 1, question_hash: str = "",
) -> AnswerRow:  # fmt: skip
    return AnswerRow(
        timestamp=f"2024-03-{day:02d}T10:{n // 60:02d}:{n % 60:02d}.000+00:00",
        student=student,
        bank_id=BANK.id,
        question_id=question,
        question_hash=question_hash or HASH[question],
        attempt_id=attempt,
        mode=mode.value,
        response=response,
        correct=score == 1,
        score=float(score),
        elapsed_ms=1000,
        answer_id=f"{attempt}-{question}-{n}",
    )


def class_log() -> list[AnswerRow]:
    rows: list[AnswerRow] = []
    n = 0
    for student, answers in FIRST.items():
        for question, response, score in answers:
            n += 1
            rows.append(_row(n, student, f"first-{student}", question, response, score, day=2))
    rows.append(_row(100, "eve", "first-eve", "q1", "A", 1, day=2, question_hash=OLD_Q1))
    for question in ("q1", "q2", "q3", "q4", "q5"):  # ann again, later: all wrong
        rows.append(_row(200, "ann", "second-ann", question, "", 0, day=5))
    # bob practises the day before his first quiz: not a quiz sitting, so not his first
    rows.append(_row(300, "bob", "practice-bob", "q2", "true", 1, mode=Mode.PRACTICE, day=1))
    rows.append(_row(301, "cat", "cards-cat", "q3", "Paris", 1, mode=Mode.FLASHCARD, day=6))
    return rows
