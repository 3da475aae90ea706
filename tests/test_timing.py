"""The deadline of a timed sitting, with time passed in: kept by the log, checked by submit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app import quiz, timing
from app.bank import load_bank
from app.log import AnswerRow, Mode
from app.quiz import Refusal, Sitting, SittingPlan, Submitted
from tests.conftest import BANK_FILE

BANK = load_bank(BANK_FILE).bank.model_copy(update={"time_limit_minutes": 10.0})
UNTIMED = load_bank(BANK_FILE).bank
STARTED = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
DEADLINE = STARTED + timedelta(minutes=10)
PLAN = SittingPlan(attempt_id="timed", student="Ana", bank_id=BANK.id, length=3, shuffle=False)


def started(plan: SittingPlan = PLAN, at: datetime = STARTED) -> tuple[Sitting, list[AnswerRow]]:
    """A timed sitting started at `at` (its start row stored), and the log's rows."""
    planned = quiz.plan_questions(BANK, plan)
    rows = [quiz.start_row(planned, at)]
    return quiz.resume(planned, BANK, rows), rows


def answer(sitting: Sitting, now: datetime, question_id: str | None = None) -> Submitted | Refusal:
    question = BANK.question(question_id or sitting.question_ids[0])
    return quiz.submit(
        sitting, question, None, now=now, elapsed_ms=1000, answer_id="a1", skipped=True
    )


@pytest.mark.parametrize(
    ("offset_s", "recorded"),
    [(-600, True), (-1, True), (0, False), (1, False), (3600, False)],
)
def test_an_answer_before_the_deadline_is_recorded_and_after_it_refused(
    offset_s: int, recorded: bool
) -> None:
    sitting, _ = started()
    outcome = answer(sitting, DEADLINE + timedelta(seconds=offset_s))
    if recorded:
        assert isinstance(outcome, Submitted)
        assert outcome.row.question_id == sitting.question_ids[0]
    else:
        assert outcome == Refusal(quiz.TIME_UP, time_up=True)


def test_a_timed_sitting_refuses_answers_until_its_start_is_in_the_log() -> None:
    planned = quiz.plan_questions(BANK, PLAN)
    sitting = quiz.resume(planned, BANK, [])
    assert sitting.needs_start and sitting.start is None
    assert answer(sitting, STARTED) == Refusal(quiz.NOT_STARTED)


def test_the_start_row_says_when_what_and_how_long() -> None:
    sitting, (row,) = started()
    assert (row.mode, row.question_id, row.attempt_id, row.student, row.bank_id) == (
        "start",
        "",
        "timed",
        "Ana",
        BANK.id,
    )
    assert row.timestamp == "2026-03-02T09:00:00.000+00:00"
    assert row.response.split() == list(sitting.question_ids)
    assert row.elapsed_ms == 600_000
    assert row.answer_id == timing.start_answer_id(BANK.id, "timed")
    assert sitting.start == timing.Start(STARTED, timedelta(minutes=10), sitting.question_ids)
    assert sitting.start.deadline == DEADLINE


def test_a_reload_and_a_second_tab_keep_the_deadline() -> None:
    sitting, rows = started()
    first = quiz.submit(
        sitting,
        BANK.question(sitting.question_ids[0]),
        None,
        now=STARTED + timedelta(minutes=2),
        elapsed_ms=5,
        answer_id="a1",
        skipped=True,
    )
    assert isinstance(first, Submitted)
    # the second tab (or server) wrote its own start row a minute later: the first one counts
    late_start = quiz.start_row(quiz.plan_questions(BANK, PLAN), STARTED + timedelta(minutes=1))
    log = [*rows, first.row, late_start]
    for _ in range(2):  # a reload rebuilds the sitting from the plan and the log
        again = quiz.resume(quiz.plan_questions(BANK, PLAN), BANK, log)
        assert again.start is not None and again.start.deadline == DEADLINE
        assert len(again.answers) == 1
        assert answer(again, DEADLINE, again.question_ids[1]) == Refusal(quiz.TIME_UP, time_up=True)


@pytest.mark.parametrize(
    "edit",
    [
        {"n": "5"},
        {"shuffle": "1"},
        {"only": "drops-region"},
        {"started": "2030-01-01T00:00:00+00:00", "deadline": "2030-01-01", "limit": "999"},
    ],
    ids=["more questions", "shuffled", "one question", "forged start and deadline"],
)
def test_an_edited_url_keeps_the_deadline(edit: dict[str, str]) -> None:
    _, rows = started()
    params = {**quiz.plan_to_params(PLAN), **edit}
    plan = quiz.plan_from_params(params)
    assert plan is not None
    sitting = quiz.resume(quiz.plan_questions(BANK, plan), BANK, rows)
    assert sitting.start is not None and sitting.start.deadline == DEADLINE
    assert answer(sitting, DEADLINE + timedelta(seconds=1)) == Refusal(quiz.TIME_UP, time_up=True)


def test_a_forged_later_or_longer_start_is_rejected() -> None:
    sitting, rows = started()
    forged = replace(
        rows[0],
        timestamp=(STARTED + timedelta(hours=1)).isoformat(),
        elapsed_ms=10 * 3_600_000,
        answer_id="forged-start",
    )
    again = quiz.resume(quiz.plan_questions(BANK, PLAN), BANK, [*rows, forged])
    assert again.start == sitting.start
    assert answer(again, DEADLINE + timedelta(seconds=1)) == Refusal(quiz.TIME_UP, time_up=True)


def test_a_start_of_another_sitting_or_bank_does_not_start_this_one() -> None:
    _, rows = started()
    other_attempt = replace(rows[0], attempt_id="other")
    other_bank = replace(rows[0], bank_id="other-bank")
    sitting = quiz.resume(quiz.plan_questions(BANK, PLAN), BANK, [other_attempt, other_bank])
    assert sitting.needs_start


def test_practice_on_a_timed_sitting_adds_neither_answers_nor_time() -> None:
    _sitting, rows = started()
    practice_plan = replace(PLAN, mode=Mode.PRACTICE)
    practice = quiz.resume(quiz.plan_questions(BANK, practice_plan), BANK, rows)
    assert not practice.timed  # practice is never timed ...
    late = DEADLINE + timedelta(minutes=5)
    outcome = answer(practice, late)
    assert isinstance(outcome, Submitted) and outcome.row.mode == "practice"
    # ... and its answers never count for the quiz of the same attempt id
    quiz_again = quiz.resume(quiz.plan_questions(BANK, PLAN), BANK, [*rows, outcome.row])
    assert quiz_again.answers == ()
    assert quiz_again.ended_by_time(late)


def test_practice_quizzes_of_untimed_banks_are_never_timed() -> None:
    practice = quiz.plan_questions(BANK, replace(PLAN, mode=Mode.PRACTICE))
    untimed = quiz.plan_questions(UNTIMED, PLAN)
    for sitting in (practice, untimed):
        assert not sitting.timed and not sitting.needs_start
        outcome = answer(sitting, STARTED + timedelta(days=30))
        assert isinstance(outcome, Submitted)
    with pytest.raises(ValueError, match="only a timed sitting"):
        quiz.start_row(untimed, STARTED)


def test_when_the_time_is_up_the_sitting_is_over_and_the_rest_count_as_missed() -> None:
    sitting, rows = started()
    first = answer(sitting, STARTED + timedelta(minutes=1))
    assert isinstance(first, Submitted)
    sitting = first.sitting
    assert not sitting.over(DEADLINE - timedelta(seconds=1))
    assert sitting.over(DEADLINE) and sitting.ended_by_time(DEADLINE)
    assert sitting.missed_ids == sitting.question_ids  # skipped, then two never answered
    assert timing.ended_by_time([*rows, first.row], DEADLINE)


def test_ended_by_time_from_the_rows_alone() -> None:
    sitting, rows = started()
    answers: list[AnswerRow] = []
    for number, question_id in enumerate(sitting.question_ids, start=1):
        outcome = answer(sitting, STARTED + timedelta(minutes=number), question_id)
        assert isinstance(outcome, Submitted)
        sitting, answers = outcome.sitting, [*answers, outcome.row]
    after = DEADLINE + timedelta(seconds=1)
    assert not timing.ended_by_time(rows + answers[:2], DEADLINE - timedelta(seconds=1))
    assert timing.ended_by_time(rows + answers[:2], after)  # one question never answered
    assert not timing.ended_by_time(rows + answers, after)  # all answered in time
    assert not timing.ended_by_time(answers, after)  # an untimed sitting never ends by time
    assert not sitting.ended_by_time(after) and sitting.over(after)


@pytest.mark.parametrize(
    ("left", "clock", "spoken"),
    [
        (timedelta(minutes=10), "10:00", "10 minutes"),
        (timedelta(minutes=4, seconds=59, milliseconds=1), "5:00", "5 minutes"),
        (timedelta(seconds=61), "1:01", "1 minute 1 second"),
        (timedelta(seconds=0.2), "0:01", "1 second"),
        (timedelta(0), "0:00", "0 seconds"),
        (timedelta(seconds=-3), "0:00", "0 seconds"),
        (timedelta(hours=1, minutes=2, seconds=3), "1:02:03", "62 minutes 3 seconds"),
    ],
)
def test_time_left_as_a_clock_and_in_words(left: timedelta, clock: str, spoken: str) -> None:
    assert timing.clock(left) == clock
    assert timing.spoken(left) == spoken


@pytest.mark.parametrize(
    ("left", "said"),
    [
        (timedelta(minutes=20), ""),
        (timedelta(minutes=5, seconds=1), ""),
        (timedelta(minutes=5), "Less than 5 minutes left."),
        (timedelta(minutes=1, seconds=1), "Less than 5 minutes left."),
        (timedelta(minutes=1), "Less than 1 minute left"),
        (timedelta(seconds=1), "Less than 1 minute left"),
    ],
)
def test_screen_readers_are_told_at_5_minutes_and_at_1(left: timedelta, said: str) -> None:
    warning = timing.warning(left)
    assert warning.startswith(said) and bool(warning) == bool(said)


def test_the_article_is_marked_only_once_the_sitting_is_over() -> None:
    sitting, _ = started()
    during = STARTED + timedelta(minutes=1)
    assert quiz.article_marks(sitting, BANK, during) == ()
    first = answer(sitting, during)
    assert isinstance(first, Submitted)
    assert quiz.article_marks(first.sitting, BANK, during) == ()  # one answered: still none
    marks = quiz.article_marks(first.sitting, BANK, DEADLINE)
    assert [(m.number, m.missed) for m in marks] == [(1, True), (2, True), (3, True)]
    assert marks[0].quote == BANK.question(sitting.question_ids[0]).source_quote
