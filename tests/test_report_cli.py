"""`python -m app report`: the class results in a terminal, from a CSV log or PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.stores import open_store
from tests.conftest import REPO
from tests.report_log import BANK, class_log


def report(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    questions = tmp_path / "questions"
    questions.mkdir(exist_ok=True)
    (questions / "class-demo.yaml").write_text(json.dumps(BANK.model_dump(mode="json")))
    return subprocess.run(
        [sys.executable, "-m", "app", "report", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PYTHONPATH": str(REPO),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "QUIZ_QUESTIONS_DIR": str(questions),
            "QUIZ_SCORES_PATH": str(tmp_path / "unused.csv"),
        },
    )


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "scores.csv"
    store = open_store(path)
    store.append(class_log())
    store.close()
    return path


def lines_of(output: str, start: str) -> list[list[str]]:
    return [line.split() for line in output.splitlines() if line.split()[:1] == [start]]


def test_by_question(tmp_path: Path, log: Path) -> None:
    done = report(tmp_path, "--scores", log)
    assert done.returncode == 0, done.stderr
    rows = lines_of(done.stdout, "class-demo")
    q2 = next(r for r in rows if r[1] == "q2")
    assert q2[2:] == [
        "current",
        BANK.question("q2").content_hash,  # shown because q1 has an older version
        "true_false",
        "Is",
        "it",
        "true?",
        "4",
        "25",
        "-58",
        "negative",
        "discrimination",
    ]
    assert "Is it true?" in done.stdout
    assert "older version" in done.stdout and "0ld0ld0ld0ld" in done.stdout
    assert "too hard, unused option" in done.stdout
    assert "Options chosen" in done.stdout


def test_by_student_writes_a_spreadsheet_safe_csv(tmp_path: Path, log: Path) -> None:
    out = tmp_path / "students.csv"
    done = report(tmp_path, "--scores", log, "--by", "student", "--csv", out)
    assert done.returncode == 0, done.stderr
    assert [r[:5] for r in lines_of(done.stdout, "ann")] == [["ann", "class-demo", "2", "60", "60"]]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["student"], r["first_score_pct"]) for r in rows] == [
        ("ann", "60"), ("bob", "60"), ("cat", "40"), ("dan", "20"), ("eve", "100")
    ]  # fmt: skip


def test_a_question_csv_neutralises_formulas(tmp_path: Path, log: Path) -> None:
    out = tmp_path / "questions.csv"
    assert report(tmp_path, "--scores", log, "--csv", out).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["prompt"] for r in rows if r["question_id"] == "q1"} == {"'=Pick A"}


def test_one_bank_only(tmp_path: Path, log: Path) -> None:
    done = report(tmp_path, "--scores", log, "--bank", "class-demo", "--by", "student")
    assert done.returncode == 0 and "ann" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scores", "missing.csv"), "missing.csv: no such score file"),
        (("--bank", "nope"), "--bank nope: no such bank and no answers"),
        (("--by", "teacher"), "invalid choice: 'teacher'"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, log: Path, args: tuple[str, ...], message: str
) -> None:
    if args[0] != "--scores":
        args = ("--scores", str(log), *args)
    done = report(tmp_path, *args)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_an_empty_log(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    done = report(tmp_path, "--scores", empty)
    assert done.returncode == 0, done.stderr
    assert "No quiz answers yet." in done.stdout


def test_from_postgresql(tmp_path: Path, pg_url: str) -> None:
    store = open_store(pg_url)
    store.append(class_log())
    store.close()
    done = report(tmp_path, "--scores", pg_url, "--by", "student")
    assert done.returncode == 0, done.stderr
    assert [r[:4] for r in lines_of(done.stdout, "dan")] == [["dan", "class-demo", "1", "20"]]
