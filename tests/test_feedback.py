"""Per-bank feedback: immediate (after each question) or deferred (only on the results page)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import quiz
from app.bank import BankError, load_bank
from app.deferred import pending_attempts, without_pending
from app.log import AnswerRow, Mode
from app.models import Feedback, MultipleChoice
from app.quiz import SittingPlan, Submitted
from app.ui.state import widget_key
from tests.conftest import BANK_FILE, QUESTIONS
from tests.csv_log import read_log
from tests.quiz_driver import button, fill, open_page

LOADED = load_bank(BANK_FILE)
IMMEDIATE = LOADED.bank
DEFERRED = IMMEDIATE.model_copy(update={"feedback": Feedback.DEFERRED})
NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def plan(mode: Mode = Mode.QUIZ, attempt: str = "abc.qn3o") -> SittingPlan:
    return SittingPlan(attempt, "Ana", IMMEDIATE.id, mode=mode, length=3, shuffle=False)


def answer(sitting: quiz.Sitting, n: int = 1) -> tuple[quiz.Sitting, list[AnswerRow]]:
    """Answer the next `n` questions of `sitting` (multiple choice wrong, the others skipped)."""
    rows: list[AnswerRow] = []
    for _ in range(n):
        question = DEFERRED.question(sitting.current_id or "")
        response = None
        if isinstance(question, MultipleChoice):
            response = next(o for o in question.options if o != question.answer)
        outcome = quiz.submit(
            sitting,
            question,
            response,
            now=NOW,
            elapsed_ms=1000,
            answer_id=f"a{len(rows)}",
            skipped=response is None,
        )
        assert isinstance(outcome, Submitted)
        sitting, rows = outcome.sitting, [*rows, outcome.row]
    return sitting, rows


# -- the pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bank_feedback", "mode", "deferred"),
    [
        (Feedback.IMMEDIATE, Mode.QUIZ, False),
        (Feedback.DEFERRED, Mode.QUIZ, True),
        (Feedback.DEFERRED, Mode.PRACTICE, False),  # practice and review always tell at once
        (Feedback.DEFERRED, Mode.REVIEW, False),
    ],
)
def test_only_quizzes_on_a_deferred_bank_defer(
    bank_feedback: Feedback, mode: Mode, deferred: bool
) -> None:
    bank = IMMEDIATE.model_copy(update={"feedback": bank_feedback})
    assert quiz.plan_questions(bank, plan(mode)).deferred is deferred


def test_submit_moves_on_in_a_deferred_sitting_and_stays_for_feedback_otherwise() -> None:
    immediate, _ = answer(quiz.plan_questions(IMMEDIATE, plan()))
    assert immediate.index == 0  # on the answered question, to show its feedback
    deferred, rows = answer(quiz.plan_questions(DEFERRED, plan()))
    assert deferred.index == 1 and deferred.answer_to(rows[0].question_id) is not None
    assert (rows[0].mode, rows[0].question_id) == ("quiz", deferred.question_ids[0])


def test_grading_is_hidden_until_a_deferred_sitting_is_over() -> None:
    sitting = quiz.plan_questions(DEFERRED, plan())
    for _ in range(3):
        assert sitting.grading_hidden(NOW)
        sitting, _ = answer(sitting)
    assert sitting.finished and not sitting.grading_hidden(NOW)
    assert not answer(quiz.plan_questions(IMMEDIATE, plan()))[0].grading_hidden(NOW)


def test_a_timed_deferred_sitting_tells_once_its_time_is_up() -> None:
    timed = DEFERRED.model_copy(update={"time_limit_minutes": 10.0})
    sitting = quiz.plan_questions(timed, plan())
    start = quiz.start_row(sitting, NOW)
    sitting = quiz.resume(sitting, timed, [start])
    assert sitting.grading_hidden(NOW + timedelta(minutes=9))
    assert not sitting.grading_hidden(NOW + timedelta(minutes=10))


def test_the_rows_of_a_deferred_quiz_going_on_are_held_back() -> None:
    started, rows = answer(quiz.plan_questions(DEFERRED, plan(attempt="abc.qn3o")), 2)
    done, done_rows = answer(quiz.plan_questions(DEFERRED, plan(attempt="def.qn3o")), 3)
    assert not started.finished and done.finished
    everything = rows + done_rows
    deferred_banks = {DEFERRED.id: DEFERRED}
    assert pending_attempts(everything, deferred_banks, NOW) == {"abc.qn3o"}
    assert without_pending(everything, deferred_banks, NOW) == done_rows
    # the same rows on an immediate bank, or a practice, are never held back
    assert pending_attempts(everything, {IMMEDIATE.id: IMMEDIATE}, NOW) == frozenset()
    practice = [dataclasses.replace(r, mode="practice") for r in rows]
    assert pending_attempts(practice, deferred_banks, NOW) == frozenset()


# -- the bank setting -------------------------------------------------------------------------


def test_feedback_defaults_to_immediate() -> None:
    assert IMMEDIATE.feedback is Feedback.IMMEDIATE


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("defered", "not 'defered'; did you mean 'deferred'?"),
        ("at the end", "feedback must be immediate or deferred, not 'at the end'"),
        ("3", "feedback must be immediate or deferred, not 3;"),
        ("true", "feedback must be immediate or deferred, not True"),
    ],
)
def test_a_bad_feedback_value_is_reported_with_its_line(
    tmp_path: Path, value: str, message: str
) -> None:
    path = tmp_path / "bank.yaml"
    text = BANK_FILE.read_text(encoding="utf-8").replace(
        "\nquestions:\n", f"\nfeedback: {value}\nquestions:\n", 1
    )
    path.write_text(text, encoding="utf-8")
    shutil.copytree(QUESTIONS / "sources", tmp_path / "sources")
    line = text.splitlines().index(f"feedback: {value}") + 1
    with pytest.raises(BankError) as error:
        load_bank(path)
    [problem] = error.value.problems
    assert str(problem).startswith(f"{path}:{line}:11: feedback: ")
    assert message in problem.message


# -- the real quiz page -----------------------------------------------------------------------


@pytest.fixture
def deferred_folder(questions_copy: Path) -> Path:
    bank_file = questions_copy / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("\nquestions:\n", "\nfeedback: deferred\nquestions:\n", 1))
    return questions_copy


def params(attempt: str) -> dict[str, str]:
    return {"attempt": attempt, "student": "Ana", "bank": IMMEDIATE.id, "shuffle": "0", "n": "3"}


def page_text(at) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "success", "error", "warning", "info")
        for e in at.get(kind)
    ]
    parts += [str(e.proto.body) for e in at.get("html")]
    return " ".join(str(p) for p in parts).replace("\\", "")


def answer_on_page(at, attempt: str, outcome: str) -> None:
    question = IMMEDIATE.question(at.session_state["sitting"].current_id)
    fill(at, question, widget_key(attempt, question.id), outcome)
    button(at, "Submit answer").click().run()
    assert not at.exception


def test_a_deferred_quiz_tells_nothing_until_the_results(
    deferred_folder: Path, scores_path: Path
) -> None:
    attempt = "f00d.qn3o"
    at = open_page("quiz.py", params(attempt))
    asked = []
    for number, outcome in enumerate(("right", "wrong", "right"), start=1):
        question = IMMEDIATE.question(at.session_state["sitting"].current_id)
        asked.append(question)
        shown = page_text(at)
        assert f"{number - 1} of 3 answered" in shown and "Score so far" not in shown
        answer_on_page(at, attempt, outcome)
        if number < 3:
            shown = page_text(at)
            assert "Answer saved." in shown  # said on screen and to screen readers
            assert f"Answer saved. Question {number + 1} of 3." in shown
            for hidden in ("Right answer", "Correct", "Incorrect", "Why:", "From the article"):
                assert hidden not in shown
            assert not at.success and not at.error
            assert question.explanation not in shown
            assert not [b for b in at.button if b.label in ("Next question", "See my results")]
    assert len(read_log(scores_path).rows) == 3
    # the results: the score, every answer, the right answers and the explanations
    assert at.title[0].value == "Quiz finished"
    assert {m.label: m.value for m in at.metric}["Score"] == "2 / 3"
    table = at.table[0].value
    assert list(table.columns) == ["Question", "Your answer", "Right answer", "Result", "Why"]
    assert [why.replace("\\", "") for why in table["Why"]] == [q.explanation for q in asked]


def test_a_deferred_quiz_resumed_after_a_reload_still_tells_nothing(
    deferred_folder: Path, scores_path: Path
) -> None:
    attempt = "beef.qn3o"
    at = open_page("quiz.py", params(attempt))
    first = at.session_state["sitting"].current_id
    answer_on_page(at, attempt, "wrong")
    again = open_page("quiz.py", params(attempt))  # a reload: a new session, the same URL
    shown = page_text(again)
    assert again.session_state["sitting"].current_id != first
    assert "1 of 3 answered" in shown and "Answer saved" not in shown
    for hidden in ("Right answer", "Incorrect", "Score so far", "points"):
        assert hidden not in shown
    assert not again.success and not again.error

    home = open_page("home.py", {"student": "Ana"})  # the resume link gives no score away
    resume = " ".join(m.value for m in home.markdown if "answered" in m.value)
    assert "1 of 3 answered" in resume and "points" not in resume
    progress = open_page("progress.py", {"student": "Ana"})
    assert not progress.table  # no past quiz, no missed question, until it is over
    info = [i.value for i in progress.info]
    assert "its answers show here once you finish it" in info[0]
    assert "No answers recorded for Ana yet" in info[1]


def test_an_immediate_quiz_still_tells_after_each_question(scores_path: Path) -> None:
    attempt = "cafe.qn3o"
    at = open_page("quiz.py", params(attempt))
    answer_on_page(at, attempt, "right")
    shown = page_text(at)
    assert "Right answer" in shown and "Answer saved" not in shown
    assert at.success and "Score so far: 1 of 1 answered" in shown


def test_two_tabs_on_a_deferred_quiz_keep_the_first_answer_and_tell_nothing(
    deferred_folder: Path, scores_path: Path
) -> None:
    attempt = "abba.qn3o"
    first_tab, second_tab = (open_page("quiz.py", params(attempt)) for _ in range(2))
    asked = first_tab.session_state["sitting"].current_id
    answer_on_page(first_tab, attempt, "right")
    answer_on_page(second_tab, attempt, "wrong")  # its form was still on screen
    assert [r.question_id for r in read_log(scores_path).rows] == [asked]
    shown = page_text(second_tab)
    assert "already answered in another tab" in shown and "Answer saved" not in shown
    assert not second_tab.success and not second_tab.error and "Right answer" not in shown
    assert second_tab.session_state["sitting"].current_id != asked
