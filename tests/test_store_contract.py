"""What every score store promises, checked on a real CSV file and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app import timing
from app.log import AnswerRow, Mode
from app.stores import ScoreStore, StoreError, open_store
from app.stores.outbox import Outbox
from tests.pg_server import PgCluster


def make_row(i: int = 0, **changes: Any) -> AnswerRow:
    row = AnswerRow(
        timestamp=f"2026-03-0{1 + i % 3}T10:00:{i % 60:02d}.123+00:00",
        student=f"student-{i % 2}",
        bank_id=f"bank-{i % 2}",
        question_id=f"q{i}",
        question_hash="h",
        attempt_id=f"attempt-{i % 3}",
        mode=(Mode.QUIZ, Mode.PRACTICE, Mode.FLASHCARD)[i % 3].value,
        response=f'answer {i}, "quoted"',
        correct=i % 2 == 0,
        score=(i % 5) / 4,
        elapsed_ms=1000 + i,
        rating="good" if i % 3 == 2 else "",
        answer_id=f"answer-{i}",
    )
    return replace(row, **changes)


@pytest.fixture(params=["csv", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh, empty store lives: a CSV path or a PostgreSQL database's URL."""
    if request.param == "csv":
        return str(tmp_path / "scores.csv")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(target: str) -> Iterator[ScoreStore]:
    opened = open_store(target)
    yield opened
    opened.close()


ROWS = [make_row(i) for i in range(12)]


def test_an_empty_store_has_no_rows(store: ScoreStore) -> None:
    assert store.attempt_rows("attempt-0") == []
    assert store.student_rows("student-0") == []
    assert list(store.all_rows()) == []
    assert store.answer_ids() == set()
    assert store.frame().empty
    assert store.skipped == 0


def test_rows_come_back_in_order_by_attempt_and_by_student(store: ScoreStore) -> None:
    store.append(ROWS[:5])
    for row in ROWS[5:]:
        store.append([row])
    assert list(store.all_rows()) == ROWS
    for attempt in ("attempt-0", "attempt-1", "attempt-2"):
        assert store.attempt_rows(attempt) == [r for r in ROWS if r.attempt_id == attempt]
    for student in ("student-0", "student-1"):
        assert store.student_rows(student) == [r for r in ROWS if r.student == student]
    assert store.attempt_rows("no-such-attempt") == []
    assert store.answer_ids() == {r.answer_id for r in ROWS}


def test_an_answer_stored_twice_is_read_once_everywhere(store: ScoreStore) -> None:
    store.append(ROWS[:3])
    store.append(ROWS[1:4])  # a retry of a write that did land, or a second server
    store.append([replace(ROWS[0], correct=False, score=0.0)])  # same id: the first one counts
    assert list(store.all_rows()) == ROWS[:4]
    assert store.attempt_rows("attempt-0") == [ROWS[0], ROWS[3]]
    assert store.student_rows("student-1") == [ROWS[1], ROWS[3]]
    assert store.frame()["answer_id"].tolist() == [r.answer_id for r in ROWS[:4]]


def test_frame_has_typed_columns_and_filters(store: ScoreStore) -> None:
    store.append(ROWS)
    frame = store.frame()
    assert frame.columns.tolist()[:13] == [
        "timestamp", "student", "bank_id", "question_id", "question_hash", "attempt_id", "mode",
        "response", "correct", "score", "elapsed_ms", "rating", "answer_id",
    ]  # fmt: skip
    assert str(frame["timestamp"].dt.tz) == "UTC"
    assert frame["timestamp"].iloc[0] == datetime(2026, 3, 1, 10, 0, 0, 123000, tzinfo=UTC)
    assert frame["correct"].tolist() == [r.correct for r in ROWS]
    assert frame["score"].tolist() == [r.score for r in ROWS]
    assert frame["elapsed_ms"].tolist() == [r.elapsed_ms for r in ROWS]
    assert frame["response"].tolist() == [r.response for r in ROWS]

    def ids(**filters: object) -> list[str]:
        return store.frame(**filters)["answer_id"].tolist()  # type: ignore[arg-type]

    assert ids(bank_id="bank-1") == [r.answer_id for r in ROWS if r.bank_id == "bank-1"]
    assert ids(modes=[Mode.QUIZ]) == [r.answer_id for r in ROWS if r.mode == "quiz"]
    assert ids(modes=[Mode.PRACTICE, Mode.FLASHCARD]) == [
        r.answer_id for r in ROWS if r.mode != "quiz"
    ]
    since, until = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)
    assert ids(since=since, until=until) == [r.answer_id for r in ROWS if r.timestamp[9] == "2"]
    assert ids(bank_id="no-such-bank") == []


TEXTS = {
    "comma and quotes": 'Paris, "France"',
    "newlines": "one\ntwo\r\nthree\r",
    "backslashes": "C:\\temp\\n",
    "emoji and rtl": "🦀 שלום عالم \u202e",
    "formula": '=HYPERLINK("http://x","y")',
    "sql": "Robert'); DROP TABLE quiz_answers;--",
    "long": 'x, "y"\n' * 20_000,
    "empty": "",
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_what_people_type_round_trips(store: ScoreStore, text: str) -> None:
    row = make_row(student=text, response=text, attempt_id=text)
    store.append([row])
    assert store.attempt_rows(text) == [row]
    assert store.student_rows(text) == [row]


def test_a_nul_typed_by_a_student_never_breaks_a_save(store: ScoreStore, target: str) -> None:
    store.append([make_row(response="a\x00b")])
    kept = "a\x00b" if not target.startswith("postgresql") else "a\ufffdb"
    assert [r.response for r in store.all_rows()] == [kept]


def test_a_new_store_on_the_same_place_sees_every_row(store: ScoreStore, target: str) -> None:
    store.append(ROWS)
    other = open_store(target)  # another server process
    try:
        assert list(other.all_rows()) == ROWS
        other.append([make_row(99)])
        assert store.attempt_rows("attempt-0")[-1] == make_row(99)
    finally:
        other.close()


def test_outbox_keeps_rows_the_file_refuses_and_writes_them_once(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    outbox = Outbox(open_store(str(blocker / "scores.csv")))
    with pytest.raises(StoreError) as caught:
        outbox.save(ROWS[0])
    assert str(caught.value) == "cannot write the score file: File exists"
    with pytest.raises(StoreError):
        outbox.save(ROWS[3])
    assert outbox.waiting() == [ROWS[0], ROWS[3]]
    assert outbox.attempt_rows("attempt-0") == [ROWS[0], ROWS[3]]
    assert outbox.student_rows("student-1") == [ROWS[3]]

    blocker.unlink()
    outbox.retry()
    assert outbox.waiting() == []
    assert list(outbox.store.all_rows()) == [ROWS[0], ROWS[3]]
    outbox.retry()  # nothing waits: nothing is written again
    assert list(open_store(str(blocker / "scores.csv")).all_rows()) == [ROWS[0], ROWS[3]]


def test_a_database_that_is_down_keeps_answers_and_names_no_password(
    pg_cluster: PgCluster, pg_url: str
) -> None:
    outbox = Outbox(open_store(pg_url))
    outbox.save(ROWS[0])
    pg_cluster.stop()
    try:
        with pytest.raises(StoreError) as caught:
            outbox.save(ROWS[3])
        message = f"{caught.value} {caught.value.where}"
        assert "the score database cannot be reached" in str(caught.value)
        assert f"127.0.0.1:{pg_cluster.port}" in caught.value.where
        assert pg_cluster.password not in message
        assert outbox.waiting() == [ROWS[3]]
        with pytest.raises(StoreError):
            outbox.attempt_rows("attempt-0")  # reads say the same, they never guess
    finally:
        pg_cluster.start()
    outbox.retry()
    assert outbox.attempt_rows("attempt-0") == [ROWS[0], ROWS[3]]
    outbox.store.close()


def test_a_wrong_password_is_refused_without_showing_it(pg_cluster: PgCluster, pg_url: str) -> None:
    wrong = pg_url.replace(pg_cluster.password, "not-the-password-123")
    store = open_store(wrong)
    try:
        with pytest.raises(StoreError) as caught:
            store.append([ROWS[0]])
        assert "not-the-password-123" not in f"{caught.value} {caught.value.where}"
        assert pg_cluster.password not in f"{caught.value} {caught.value.where}"
        assert "the score database cannot be reached" in str(caught.value)
    finally:
        store.close()


def test_a_whole_log_at_once_keeps_order_and_skips_what_is_there(store: ScoreStore) -> None:
    many = [make_row(i, answer_id=f"bulk-{i}") for i in range(1_200)]
    store.append(many[:100])
    store.append(many)  # a copy of a whole log, run again after a first part landed
    assert list(store.all_rows()) == many
    assert len(store.frame()) == len(many)


def test_a_timed_sittings_start_row_round_trips_and_is_stored_once(store: ScoreStore) -> None:
    started = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    start = timing.start_row(
        student="Ana",
        bank_id="bank-0",
        attempt_id="timed",
        question_ids=["q1", "q2"],
        limit=timedelta(minutes=20),
        now=started,
    )
    later = timing.start_row(
        student="Ana",
        bank_id="bank-0",
        attempt_id="timed",
        question_ids=["q1", "q2"],
        limit=timedelta(minutes=90),
        now=started + timedelta(minutes=5),
    )  # another tab or server starting the same sitting: the same answer id
    answer = make_row(attempt_id="timed", student="Ana", bank_id="bank-0", question_id="q1")
    store.append([start])
    store.append([answer, later])
    assert store.attempt_rows("timed") == [start, answer]
    assert store.student_rows("Ana") == [start, answer]
    found = timing.start_of(store.attempt_rows("timed"))
    assert found == timing.Start(started, timedelta(minutes=20), ("q1", "q2"))
    starts = store.frame(modes=[Mode.START])
    assert starts[["mode", "question_id", "response", "elapsed_ms"]].values.tolist() == [
        ["start", "", "q1 q2", 1_200_000]
    ]
    assert store.frame(modes=[Mode.QUIZ])["answer_id"].tolist() == [answer.answer_id]
