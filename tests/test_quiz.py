"""The pure sitting logic: option order, attempt ids, unfinished sittings, time taken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from app import quiz
from app.bank import load_bank
from app.log import AnswerRow, Mode
from app.models import Bank, Matching, MultipleChoice, MultipleSelect
from app.ui.tables import past_sittings
from tests.conftest import BANK_FILE

LOADED = load_bank(BANK_FILE)
BANK = LOADED.bank
START = datetime(2030, 1, 1, 10, 0, tzinfo=UTC)


def plan(attempt: str, **extra) -> quiz.SittingPlan:
    return quiz.SittingPlan(attempt_id=attempt, student="Ana", bank_id=BANK.id, **extra)


def _right_first(question, order: tuple[str, ...]) -> bool:
    match question:
        case MultipleChoice():
            return order[0] == question.answer
        case MultipleSelect():
            return order[0] in question.answers
        case Matching():
            return order[0] == question.pairs[0].right
    return False


def test_options_are_shuffled_even_when_questions_keep_their_order() -> None:
    for attempt in ("a", "b", "c"):
        sitting = quiz.plan_questions(BANK, plan(attempt, shuffle=False))
        assert sitting.question_ids == tuple(q.id for q in BANK.questions)
        firsts = [
            _right_first(BANK.question(qid), order) for qid, order in sitting.option_orders.items()
        ]
        assert len(firsts) >= 10
        assert sum(firsts) < len(firsts) * 0.75, attempt  # never always the first option


def test_a_question_marked_fixed_order_keeps_its_options_as_written() -> None:
    question = MultipleChoice(
        id="fixed",
        type="multiple_choice",
        prompt="?",
        options=("One", "Two", "Both of the above"),
        answer="Both of the above",
        fixed_order=True,
    )
    bank = Bank(id="b", title="B", questions=(question,))
    for attempt in ("a", "b", "c", "d"):
        sitting = quiz.plan_questions(bank, plan(attempt))
        assert sitting.option_orders["fixed"] == question.options


@pytest.mark.parametrize(
    ("length", "shuffle", "parent"),
    [(None, True, ""), (5, True, ""), (None, False, ""), (10, False, ""), (None, True, "ab.qn5")],
)
def test_attempt_ids_say_what_the_sitting_asks(length, shuffle: bool, parent: str) -> None:
    attempt = quiz.attempt_id_for("0f3a", length=length, shuffle=shuffle, parent=parent)
    mode = Mode.PRACTICE if parent else Mode.QUIZ
    found = quiz.plan_of_attempt(attempt, "Ana", BANK.id, mode)
    assert found == quiz.SittingPlan(
        attempt_id=attempt,
        student="Ana",
        bank_id=BANK.id,
        mode=mode,
        length=length,
        shuffle=shuffle,
        parent=parent,
    )
    assert quiz.plan_of_attempt("0f3a9b", "Ana", BANK.id, Mode.QUIZ) is None  # an older id


def _answer(sitting: quiz.Sitting, at: datetime, elapsed_ms: int):
    """Skip the next question (recorded as wrong) at `at`."""
    question = BANK.question(sitting.question_ids[len(sitting.answers)])
    outcome = quiz.submit(
        sitting,
        question,
        None,
        now=at,
        elapsed_ms=elapsed_ms,
        answer_id=f"id-{at.timestamp()}",
        skipped=True,
    )
    assert isinstance(outcome, quiz.Submitted)
    return outcome.sitting, outcome.row


def test_time_taken_runs_from_the_first_question_to_the_last_answer() -> None:
    sitting = quiz.plan_questions(BANK, plan("t.qn2", length=2))
    sitting, first = _answer(sitting, START + timedelta(seconds=20), 20_000)
    sitting, second = _answer(sitting, START + timedelta(seconds=58), 12_000)
    assert sitting.elapsed_ms == 32_000
    assert sitting.duration_ms == 58_000
    replayed = quiz.resume(
        quiz.plan_questions(BANK, plan("t.qn2", length=2)), BANK, [first, second]
    )
    assert replayed.duration_ms == 58_000


def test_unfinished_sittings_are_found_in_the_log_alone() -> None:
    rows: list[AnswerRow] = []
    open_id = quiz.attempt_id_for("aa", length=5)
    done_id = quiz.attempt_id_for("bb", length=1, shuffle=False)
    sitting = quiz.plan_questions(BANK, plan(open_id, length=5))
    sitting, row = _answer(sitting, START, 1000)
    rows.append(row)
    done = quiz.plan_questions(BANK, plan(done_id, length=1, shuffle=False))
    done, row = _answer(done, START + timedelta(minutes=1), 1000)
    rows.append(row)
    practice_id = quiz.attempt_id_for("cc", parent=done_id)
    practice_plan = quiz.plan_of_attempt(practice_id, "Ana", BANK.id, Mode.PRACTICE)
    assert practice_plan is not None
    practice = quiz.plan_questions(BANK, quiz.with_missed(practice_plan, rows))
    assert practice.question_ids == done.question_ids
    gone = AnswerRow(**{**rows[0].__dict__, "attempt_id": "dd.q", "bank_id": "gone"})

    found = quiz.unfinished([*rows, gone], {BANK.id: BANK})
    assert [(s.plan.attempt_id, len(s.answers), len(s.question_ids)) for s in found] == [
        (open_id, 1, 5)
    ]


def test_past_sittings_show_the_browser_time_zone() -> None:
    frame = pd.DataFrame(
        {
            "started": [pd.Timestamp("2030-01-01T23:30:00Z")],
            "bank": ["b"],
            "mode": ["quiz"],
            "answered": [3],
            "points": [8.3333],
            "percent": [69.4],
        }
    )
    table = past_sittings(frame, {"b": "Bank"}, ZoneInfo("Europe/Belgrade"))
    assert table["Date"].str.replace("\\", "").tolist() == ["2030-01-02 00:30 CET"]
    assert table["Points"].str.replace("\\", "").tolist() == ["8.33"]
    utc = past_sittings(frame, {})["Date"].str.replace("\\", "")
    assert utc.tolist() == ["2030-01-01 23:30 UTC"]
