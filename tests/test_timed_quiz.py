"""A timed quiz under AppTest, with the server's clock set by the test (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import quiz, timing
from app.log import Mode
from app.ui import actions
from tests.conftest import BANK_FILE
from tests.csv_log import read_log
from tests.quiz_driver import button, open_page
from tests.test_quiz_app import answer_current, quiz_params

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
DEADLINE = START + timedelta(minutes=10)


class Clock:
    """The server's clock as the pages read it (`actions.now`), moved by the test."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(actions, "now", fake)
    return fake


@pytest.fixture(autouse=True)
def timed_bank(questions_copy: Path) -> Path:
    """The bundled bank with `time_limit_minutes: 10`."""
    bank_file = questions_copy / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("\nsource:\n", "\ntime_limit_minutes: 10\nsource:\n", 1))
    return bank_file


def timer_text(at: AppTest) -> str:
    return " ".join(h.proto.body for h in at.get("html") if 'role="timer"' in h.proto.body)


def starts(scores_path: Path) -> list[str]:
    return [r.timestamp for r in read_log(scores_path).rows if r.mode == Mode.START]


def test_a_timed_quiz_starts_once_and_shows_the_time_left(clock: Clock, scores_path: Path) -> None:
    params = quiz_params("timed", n="3")
    at = open_page("quiz.py", params)
    assert not at.exception
    assert starts(scores_path) == ["2026-03-02T09:00:00.000+00:00"]
    assert "⏱️ Time left: <strong" in timer_text(at)
    assert ">10:00</strong>" in timer_text(at) and "10 minutes" in timer_text(at)
    assert not at.warning  # nothing to announce yet

    clock.now = START + timedelta(minutes=3)
    again, other_tab = open_page("quiz.py", params), open_page("quiz.py", params)
    for tab in (again, other_tab):  # a reload and a second tab: the same start, the same time
        assert ">7:00</strong>" in timer_text(tab)
    edited = open_page("quiz.py", {**params, "n": "5", "started": "2026-03-02T09:09:00Z"})
    assert ">7:00</strong>" in timer_text(edited)  # an edited URL: the same deadline
    assert starts(scores_path) == ["2026-03-02T09:00:00.000+00:00"]


@pytest.mark.parametrize(
    ("left", "said"),
    [
        (timedelta(minutes=4, seconds=30), "Less than 5 minutes left."),
        (timedelta(seconds=30), "Less than 1 minute left: answers submitted after"),
    ],
)
def test_the_time_left_is_announced_at_5_minutes_and_at_1(
    clock: Clock, left: timedelta, said: str
) -> None:
    params = quiz_params("announced")
    open_page("quiz.py", params)
    clock.now = DEADLINE - left
    at = open_page("quiz.py", params)
    assert [w.value for w in at.warning] == [timing.warning(left)]
    assert at.warning[0].value.startswith(said)
    assert at.warning[0].icon == "⏰"


def test_an_answer_after_the_deadline_is_refused_and_the_results_say_time_ran_out(
    clock: Clock, scores_path: Path
) -> None:
    at = open_page("quiz.py", quiz_params("late", n="3"))
    clock.now = DEADLINE - timedelta(seconds=1)
    answer_current(at, "late", "right")  # one second before: recorded
    button(at, "Next question").click().run()
    clock.now = DEADLINE + timedelta(seconds=1)
    answer_current(at, "late", "right")  # one second after: refused
    answers = [r for r in read_log(scores_path).rows if r.mode == "quiz"]
    assert len(answers) == 1 and answers[0].correct

    warnings = [w.value for w in at.warning]
    assert quiz.TIME_UP in warnings
    assert any(
        w.startswith(
            "**Time ran out.** The quiz ended after its time limit of 10 minutes: "
            "1 of 3 questions answered; the 2 not answered count as wrong."
        )
        for w in warnings
    )
    assert not [b for b in at.button if b.label == "Submit answer"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score"] == "1 / 3"
    review = at.table[0].value
    assert review["Result"].tolist() == ["✅ right", "⏰ not answered", "⏰ not answered"]
    assert not timer_text(at)

    reload = open_page("quiz.py", quiz_params("late", n="3"))  # still over after a reload
    assert "**Time ran out.**" in reload.warning[0].value

    button(at, "Retry the ones I missed (2)").click().run()  # practice: never timed
    assert at.query_params["mode"] == "practice"
    assert not timer_text(at) and "Question 1 of 2" in at.caption[0].value
    clock.now = DEADLINE + timedelta(hours=2)
    answer_current(at, at.query_params["attempt"], "right")
    assert [r.mode for r in read_log(scores_path).rows][-1] == "practice"
    assert len(starts(scores_path)) == 1


def test_an_untimed_bank_writes_no_start_and_shows_no_clock(
    clock: Clock, scores_path: Path, timed_bank: Path
) -> None:
    timed_bank.write_text(
        timed_bank.read_text(encoding="utf-8").replace("time_limit_minutes: 10\n", "")
    )
    at = open_page("quiz.py", quiz_params("untimed", n="2"))
    assert not timer_text(at)
    clock.now = START + timedelta(days=3)
    answer_current(at, "untimed", "right")
    assert [r.mode for r in read_log(scores_path).rows] == ["quiz"]


def test_home_says_the_quiz_is_timed_and_progress_counts_only_answers(
    clock: Clock, scores_path: Path
) -> None:
    home = open_page("home.py")
    assert "⏱️ Timed quiz\\: 10 minutes" in home.radio[0].proto.captions[0]
    at = open_page("quiz.py", quiz_params("progress", n="2"))
    answer_current(at, "progress", "right")
    progress = open_page("progress.py", {"student": "Ana"})
    assert progress.table[0].value["Answered"].tolist() == [1]
    assert progress.table[0].value["Percent"].tolist() == ["100%"]


def test_the_article_page_shows_the_clock_and_marks_once_the_time_is_up(clock: Clock) -> None:
    params = quiz_params("article", n="2")
    at = open_page("quiz.py", params)
    answer_current(at, "article", "right")
    clock.now = START + timedelta(minutes=9)
    during = open_page("article.py", params)
    assert ">1:00</strong>" in timer_text(during)
    assert "<mark" not in " ".join(h.proto.body for h in during.get("html"))
    clock.now = DEADLINE
    after = open_page("article.py", params)
    page = " ".join(h.proto.body for h in after.get("html"))
    assert not timer_text(after)
    assert "(question 1, ✅ right)" in page and "(question 2, ❌ missed)" in page
    assert "⏰ Not answered:" in page
