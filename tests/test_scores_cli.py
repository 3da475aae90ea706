"""`python -m app scores copy FROM TO`: a class's log from CSV to PostgreSQL and back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.log import AnswerRow, with_answer_id
from app.stores import open_store
from tests.conftest import run_cli
from tests.csv_log import append_answer, read_log
from tests.pg_server import PgCluster
from tests.test_store_contract import make_row

ROWS = [make_row(i, response=f'typed "{i}",\nover two lines') for i in range(30)]


def stored(target: str) -> list[AnswerRow]:
    """Every row in the log at `target`, read by a store opened and closed for it."""
    store = open_store(target)
    try:
        return list(store.all_rows())
    finally:
        store.close()


def write_log(path: Path, rows: list, damaged: bytes = b"") -> None:
    for index, row in enumerate(rows):
        append_answer(path, row)
        if damaged and index == 3:
            with open(path, "ab") as file:
                file.write(damaged)


def test_csv_to_postgresql_and_back_keeps_every_answer_once(tmp_path: Path, pg_url: str) -> None:
    source, back = tmp_path / "class.csv", tmp_path / "back" / "scores.csv"
    write_log(source, ROWS)
    first = run_cli("scores", "copy", source, pg_url)
    assert first.returncode == 0, first.stderr
    assert "Copied 30 answer(s)" in first.stderr and "0 were already there" in first.stderr
    again = run_cli("scores", "copy", source, pg_url)
    assert "Copied 0 answer(s)" in again.stderr and "30 were already there" in again.stderr
    assert stored(pg_url) == ROWS

    result = run_cli("scores", "copy", pg_url, back)
    assert result.returncode == 0, result.stderr
    assert read_log(back) == read_log(source)


def test_damaged_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    source, target = tmp_path / "class.csv", tmp_path / "copy.csv"
    write_log(source, ROWS[:6], damaged=b"not,a,row\n")
    result = run_cli("scores", "copy", source, target)
    assert result.returncode == 0, result.stderr
    assert f"1 damaged line(s) of {source} were skipped." in result.stderr
    assert read_log(target).rows == tuple(ROWS[:6])
    assert "Traceback" not in result.stderr


def test_a_log_from_before_answer_ids_copies_once(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "old.csv"
    old_rows = [replace(row, answer_id="") for row in ROWS[:5]]
    header, *lines = (
        "timestamp,student,bank_id,question_id,question_hash,attempt_id,mode,response,"
        "correct,score,elapsed_ms,rating\n",
        *(
            f"{r.timestamp},{r.student},b,q{i},h,a,quiz,x,true,1,5,\n"
            for i, r in enumerate(ROWS[:5])
        ),
    )
    source.write_text(header + "".join(lines))
    assert [r.answer_id for r in read_log(source).rows] == [""] * 5
    for _ in range(2):
        result = run_cli("scores", "copy", source, pg_url)
        assert result.returncode == 0, result.stderr
    copied = stored(pg_url)
    assert len(copied) == len(old_rows)
    assert [r.answer_id for r in copied] == [
        with_answer_id(r).answer_id for r in read_log(source).rows
    ]


def test_a_missing_source_fails_cleanly(tmp_path: Path) -> None:
    result = run_cli("scores", "copy", tmp_path / "nowhere.csv", tmp_path / "copy.csv")
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere.csv'}: no such score file\n"
    assert not (tmp_path / "copy.csv").exists()


def test_copying_a_log_onto_itself_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "class.csv"
    write_log(source, ROWS[:2])
    result = run_cli("scores", "copy", source, source)
    assert (result.returncode, result.stderr) == (1, "error: FROM and TO are the same log\n")
    assert len(read_log(source).rows) == 2


def test_a_database_that_is_down_fails_without_showing_the_password(
    tmp_path: Path, pg_cluster: PgCluster, pg_url: str
) -> None:
    source = tmp_path / "class.csv"
    write_log(source, ROWS[:2])
    pg_cluster.stop()
    try:
        result = run_cli("scores", "copy", source, pg_url)
    finally:
        pg_cluster.start()
    assert result.returncode == 1
    assert result.stderr.startswith("error: the score database cannot be reached")
    assert f"PostgreSQL at 127.0.0.1:{pg_cluster.port}/" in result.stderr
    assert pg_cluster.password not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
