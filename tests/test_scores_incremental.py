"""Reading only what was appended since the last read gives the same log as reading it all."""

from __future__ import annotations

import os
from pathlib import Path

from app.scores import AnswerRow, append_answer, read_log


def row(i: int, response: str = "answer") -> AnswerRow:
    return AnswerRow(
        f"2026-11-25T10:00:{i % 60:02d}.000+00:00", "Ana", "bank", f"q{i}", "h", "a1", "quiz",
        response, i % 2 == 0, 1.0 if i % 2 == 0 else 0.0, 100 + i,
    )  # fmt: skip


def test_incremental_read_equals_full_read(scores_path: Path) -> None:
    for i in range(3):
        append_answer(scores_path, row(i))
    first = read_log(scores_path)
    for i in range(3, 6):
        append_answer(scores_path, row(i, 'with, "quotes"\nand lines'))
    again = read_log(scores_path, first)
    assert again == read_log(scores_path)
    assert [r.question_id for r in again.rows] == [f"q{i}" for i in range(6)]


def test_a_line_being_written_is_read_once_complete(scores_path: Path) -> None:
    append_answer(scores_path, row(0))
    with open(scores_path, "ab") as file:
        file.write(b"2026-11-25T10:00:01.000+00:00,Ana,bank,q1")  # a write still in progress
    partial = read_log(scores_path)
    assert (len(partial.rows), partial.skipped) == (1, 1)
    with open(scores_path, "ab") as file:
        file.write(b",h,a1,quiz,x,true,1,5,\n")
    complete = read_log(scores_path, partial)
    assert complete == read_log(scores_path)
    assert (len(complete.rows), complete.skipped) == (2, 0)


def test_cut_line_then_append_matches_full_read(scores_path: Path) -> None:
    append_answer(scores_path, row(0))
    with open(scores_path, "ab") as file:
        file.write(b"2026-11-25T10:00:01.000+00:00,Ana,ba")  # a crash mid-write
    before = read_log(scores_path)
    append_answer(scores_path, row(2))
    after = read_log(scores_path, before)
    assert after == read_log(scores_path)
    assert ([r.question_id for r in after.rows], after.skipped) == (["q0", "q2"], 1)


def test_replaced_or_shortened_file_is_read_again(scores_path: Path) -> None:
    for i in range(4):
        append_answer(scores_path, row(i))
    before = read_log(scores_path)
    replacement = scores_path.with_name("new.csv")
    append_answer(replacement, row(9))
    os.replace(replacement, scores_path)
    assert [r.question_id for r in read_log(scores_path, before).rows] == ["q9"]

    before = read_log(scores_path)
    scores_path.write_bytes(scores_path.read_bytes()[:10])  # same file, shorter
    assert read_log(scores_path, before) == read_log(scores_path)
