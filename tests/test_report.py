"""The class report's figures against a log computed by hand (tests/report_log.py)."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from app import report, timing
from app.stores.csv_store import CsvStore
from tests.report_log import BANK, HASH, OLD_Q1, class_log

NOW = datetime(2024, 4, 1, tzinfo=UTC)  # after every sitting of the log
ROOT_THIRD = 100 / math.sqrt(3)  # 57.735...: r = 0.5 / sqrt(0.75) = 1 / sqrt(3)


@pytest.fixture
def built(tmp_path: Path) -> report.ClassReport:
    store = CsvStore(tmp_path / "scores.csv")
    store.append(class_log())
    return report.build_report(store.frame(), {BANK.id: BANK}, now=NOW)


def question(built: report.ClassReport, question_id: str, version: str = report.CURRENT):
    rows = built.questions[
        (built.questions["question_id"] == question_id) & (built.questions["version"] == version)
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("question_id", "answers", "facility", "discrimination", "flags"),
    [
        # x = [1,1,0,0], rest of the test = [2,2,2,1]: Sxy = 0.5, Sxx = 1, Syy = 0.75
        ("q1", 4, 50.0, ROOT_THIRD, "unused option"),
        # x = [0,0,1,0], rest = [3,3,1,1]: Sxy = -1, Sxx = 0.75, Syy = 4, r = -1/sqrt(3)
        ("q2", 4, 25.0, -ROOT_THIRD, "negative discrimination"),
        ("q3", 4, 50.0, ROOT_THIRD, ""),
        # everybody right: no spread, so no discrimination; "True" never chosen
        ("q4", 4, 100.0, math.nan, "too easy, unused option"),
        # nobody right; the right option "X" never chosen
        ("q5", 4, 0.0, math.nan, "too hard, unused option"),
    ],
)
def test_question_figures_match_the_hand_computed_ones(
    built: report.ClassReport,
    question_id: str,
    answers: int,
    facility: float,
    discrimination: float,
    flags: str,
) -> None:
    row = question(built, question_id)
    assert row["answers"] == answers
    assert row["facility_pct"] == pytest.approx(facility)
    assert row["discrimination"] == pytest.approx(discrimination, nan_ok=True)
    assert row["flags"] == flags
    assert row["question_hash"] == HASH[question_id]


def test_an_older_version_is_counted_apart(built: report.ClassReport) -> None:
    older = question(built, "q1", report.OLDER)
    assert (older["answers"], older["facility_pct"]) == (1, 100.0)
    assert older["question_hash"] == OLD_Q1
    assert math.isnan(older["discrimination"])  # one sitting: no correlation
    assert older["flags"] == "too easy"  # options of an older version are unknown
    current = built.questions[built.questions["question_id"] == "q1"]
    assert list(current["version"]) == [report.CURRENT, report.OLDER]


def test_option_counts(built: report.ClassReport) -> None:
    counts = {
        (r.question_id, r.option): (r.chosen, r.right)
        for r in built.options[built.options["question_hash"] != OLD_Q1].itertuples()
    }
    assert counts == {
        ("q1", "A"): (2, True),
        ("q1", "B"): (2, False),
        ("q1", "C"): (0, False),
        ("q2", "True"): (1, True),
        ("q2", "False"): (3, False),
        ("q4", "True"): (0, False),
        ("q4", "False"): (4, True),
        ("q5", "X"): (0, True),
        ("q5", "Y"): (2, False),
        ("q5", "Z"): (2, False),
    }


def test_students_first_score_best_score_sittings_and_last_activity(
    built: report.ClassReport,
) -> None:
    table = built.students.set_index("student")
    assert list(table.index) == ["ann", "bob", "cat", "dan", "eve"]
    assert list(table["sittings"]) == [2, 1, 1, 1, 1]  # practice and flashcards are not sittings
    assert list(table["first_score_pct"]) == [60.0, 60.0, 40.0, 20.0, 100.0]
    assert list(table["best_score_pct"]) == [60.0, 60.0, 40.0, 20.0, 100.0]  # ann's 2nd: 0%
    days = [t.day for t in table["last_activity"]]
    assert days == [5, 2, 6, 2, 2]  # cat's flashcards on day 6 are activity too


def test_later_sittings_never_count_in_the_statistics(tmp_path: Path) -> None:
    store = CsvStore(tmp_path / "scores.csv")
    store.append([r for r in class_log() if r.attempt_id != "second-ann"])
    without = report.build_report(store.frame(), {BANK.id: BANK}, now=NOW)
    with_second = CsvStore(tmp_path / "other.csv")
    with_second.append(class_log())
    built = report.build_report(with_second.frame(), {BANK.id: BANK}, now=NOW)
    pd.testing.assert_frame_equal(without.questions, built.questions)


def test_an_empty_log_gives_empty_tables() -> None:
    empty = pd.DataFrame(
        {
            "timestamp": pd.Series([], dtype="datetime64[ns, UTC]"),
            **{c: pd.Series([], dtype=object) for c in ("student", "bank_id", "question_id")},
            **{c: pd.Series([], dtype=object) for c in ("question_hash", "attempt_id", "mode")},
            "response": pd.Series([], dtype=object),
            "score": pd.Series([], dtype="float64"),
        }
    )
    built = report.build_report(empty, {BANK.id: BANK}, now=NOW)
    assert built.students.empty and built.questions.empty and built.options.empty


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+cmd", "'+cmd"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("-3.5", "-3.5"),  # a number stays a number
        ("+2", "+2"),
        ("plain", "plain"),
        (42, 42),
    ],
)
def test_neutralised(cell: object, safe: object) -> None:
    assert report.neutralised(cell) == safe


def test_the_csv_download_is_safe_for_spreadsheets(built: report.ClassReport) -> None:
    data = report.spreadsheet_csv(built.questions).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    q1 = next(r for r in rows if r["question_id"] == "q1" and r["version"] == "current")
    assert q1["prompt"] == "'=Pick A"
    assert float(q1["discrimination"]) == pytest.approx(ROOT_THIRD, abs=0.01)
    q2 = next(r for r in rows if r["question_id"] == "q2")
    assert q2["discrimination"].startswith("-57.7")  # negative numbers are not neutralised


def test_a_timed_sitting_that_ran_out_of_time_is_marked(tmp_path: Path) -> None:
    """ann's and bob's first sittings were timed (10 minutes); ann left two questions
    unanswered, bob answered all five; cat's was not timed."""
    store = CsvStore(tmp_path / "scores.csv")
    rows = class_log()
    ann = [r for r in rows if r.attempt_id == "first-ann"]
    started = datetime(2024, 3, 2, 9, 55, tzinfo=UTC)
    for student in ("ann", "bob"):
        store.append([
            timing.start_row(
                student=student, bank_id=BANK.id, attempt_id=f"first-{student}",
                question_ids=["q1", "q2", "q3", "q4", "q5"], limit=timedelta(minutes=10),
                now=started,
            )
        ])  # fmt: skip
    store.append([r for r in rows if r not in ann[3:]])
    before_deadline = report.build_report(store.frame(), {BANK.id: BANK}, now=started)
    after = report.build_report(store.frame(), {BANK.id: BANK}, now=NOW)

    ended = dict(zip(after.sittings["student"], after.sittings["ended_by_time"], strict=True))
    assert ended["ann"] and not ended["bob"] and not ended["cat"]
    assert not before_deadline.sittings["ended_by_time"].any()  # still running then
    shown = report.readable(after.students).set_index("Student")["Time ran out (first)"]
    assert (shown["ann"], shown["bob"]) == ("yes", "")
