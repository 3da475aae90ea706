"""One CSV store kept open reads only what was appended, and sees what a fresh store sees."""

from __future__ import annotations

import os
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from app.formats.yaml_writer import BACKUP_SUFFIX
from app.log import COLUMNS, AnswerRow
from app.stores import csv_file, csv_store
from app.stores.copy import copy_scores
from app.stores.csv_file import append_rows
from app.stores.csv_store import CsvStore
from tests.csv_log import append_answer, read_log


def row(i: int, response: str = "answer", attempt: str = "a1") -> AnswerRow:
    return AnswerRow(
        f"2026-11-25T10:00:{i % 60:02d}.000+00:00", "Ana", "bank", f"q{i}", "h", attempt, "quiz",
        response, i % 2 == 0, 1.0 if i % 2 == 0 else 0.0, 100 + i, "", f"id{i}",
    )  # fmt: skip


def seen(store: CsvStore) -> tuple[list[AnswerRow], int]:
    return list(store.all_rows()), store.skipped


def test_incremental_read_equals_full_read(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    for i in range(3):
        append_answer(scores_path, row(i))
    assert len(store.attempt_rows("a1")) == 3
    for i in range(3, 6):
        append_answer(scores_path, row(i, 'with, "quotes"\nand lines'))
    assert seen(store) == seen(CsvStore(scores_path))
    assert [r.question_id for r in store.attempt_rows("a1")] == [f"q{i}" for i in range(6)]
    assert [r.question_id for r in store.student_rows("Ana")] == [f"q{i}" for i in range(6)]


def test_a_line_being_written_is_read_once_complete(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    append_answer(scores_path, row(0))
    with open(scores_path, "ab") as file:
        file.write(b"2026-11-25T10:00:01.000+00:00,Ana,bank,q1")  # a write still in progress
    assert (len(store.attempt_rows("a1")), store.skipped) == (1, 1)
    with open(scores_path, "ab") as file:
        file.write(b",h,a1,quiz,x,true,1,5,,id1\n")
    assert seen(store) == seen(CsvStore(scores_path))
    assert (len(store.attempt_rows("a1")), store.skipped) == (2, 0)


def test_cut_line_then_append_matches_full_read(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    append_answer(scores_path, row(0))
    with open(scores_path, "ab") as file:
        file.write(b"2026-11-25T10:00:01.000+00:00,Ana,ba")  # a crash mid-write
    assert store.skipped == 1
    append_answer(scores_path, row(2))
    assert seen(store) == seen(CsvStore(scores_path))
    assert ([r.question_id for r in store.attempt_rows("a1")], store.skipped) == (["q0", "q2"], 1)


def test_replaced_or_shortened_file_is_read_again(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    for i in range(4):
        append_answer(scores_path, row(i))
    assert len(store.attempt_rows("a1")) == 4
    replacement = scores_path.with_name("new.csv")
    append_answer(replacement, row(9))
    os.replace(replacement, scores_path)
    assert [r.question_id for r in store.attempt_rows("a1")] == ["q9"]

    scores_path.write_bytes(scores_path.read_bytes()[:10])  # same file, shorter
    assert seen(store) == seen(CsvStore(scores_path)) == ([], 1)


def test_many_small_reads_are_merged_and_still_indexed(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    rows = [row(i, attempt=f"a{i % 3}") for i in range(csv_store.MAX_CHUNKS * 2 + 5)]
    for item in rows:
        append_answer(scores_path, item)
        store.attempt_rows("a0")  # one read, one chunk, per append
    for attempt in ("a0", "a1", "a2"):
        assert store.attempt_rows(attempt) == [r for r in rows if r.attempt_id == attempt]
    assert list(store.all_rows()) == rows
    assert read_log(scores_path).rows == tuple(rows)


def test_the_same_answer_stored_twice_reads_once(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    store.append([row(0), row(1)])
    store.append([row(1), row(2)])  # a retry after a write that did land
    assert [r.question_id for r in store.attempt_rows("a1")] == ["q0", "q1", "q2"]
    assert [r.question_id for r in store.student_rows("Ana")] == ["q0", "q1", "q2"]
    assert list(store.frame()["question_id"]) == ["q0", "q1", "q2"]


@pytest.mark.parametrize("workers", [1, 3])
def test_a_big_file_read_in_pieces_reads_as_a_whole(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(csv_store, "WORKERS", workers)
    for i in range(40):
        append_answer(scores_path, row(i, f'piece {i}, "quoted"\nwith \\ escapes', f"a{i % 4}"))
        if i % 7 == 3:
            with open(scores_path, "ab") as file:
                file.write(b'not,a,"row\n')  # damage at every few lines, across pieces
    with open(scores_path, "ab") as file:
        file.write(b"2026-11-25T10:00:01.000+00:00,Ana,ba")  # and a last line cut short
    whole = CsvStore(scores_path)
    expected = seen(whole)
    assert expected[1] == 7  # six damaged lines and the cut one
    for piece in (97, 700, 4096):
        monkeypatch.setattr(csv_store, "PIECE_BYTES", piece)
        pieces = CsvStore(scores_path)
        assert seen(pieces) == expected
        assert pieces.attempt_rows("a1") == whole.attempt_rows("a1")


TRICKY = [
    "=1+1", "'=quoted", "+cell", "-5", "@x", "\tTab", 'with, "quotes"\nand lines',
    "back\\slash \\n", "nul\x00", "ünïcødé ✓", "", "  spaced  ", "'''=many",
]  # fmt: skip


def read_back_never(store: CsvStore, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make every later read of the file by `store`'s module fail the test; the paths asked."""
    asked: list[Path] = []

    def refuse(path: Path, previous: object) -> None:
        asked.append(path)
        raise AssertionError("the store read back a row it had just written")

    monkeypatch.setattr(csv_store, "_read_more", refuse)
    return asked


def test_rows_a_store_appends_are_not_read_back_and_read_as_a_fresh_store_reads_them(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CsvStore(scores_path)
    store.append([row(0)])  # the first write puts the header: read back once
    assert len(store.attempt_rows("a1")) == 1
    read_back_never(store, monkeypatch)
    kinds = [(t, m, r) for t in TRICKY for m, r in (("quiz", ""), ("flashcard", "good"))]
    written = [
        replace(
            row(i + 1, text),
            student=text or "Ana",
            bank_id=text,
            question_id=f"{text}{i}",
            question_hash=text,
            score=1 / 3,
            mode=mode,
            rating=rating or text,
            answer_id=f"{text}-{i}",
        )
        for i, (text, mode, rating) in enumerate(kinds)
    ]
    for item in written:
        store.append([item])
    ours = (store.attempt_rows("a1"), [store.student_rows(text or "Ana") for text in TRICKY])
    frame, all_rows = store.frame(), seen(store)
    monkeypatch.undo()
    fresh = CsvStore(scores_path)
    assert ours == (fresh.attempt_rows("a1"), [fresh.student_rows(t or "Ana") for t in TRICKY])
    assert len(ours[0]) == 1 + len(written)
    assert ours[0][-1].response == TRICKY[-1] and ours[0][-1].score == 0.3333
    assert all_rows == seen(fresh)
    assert frame.equals(fresh.frame())


def test_a_row_another_server_wrote_between_is_read_in_its_place(scores_path: Path) -> None:
    ours, theirs = CsvStore(scores_path), CsvStore(scores_path)
    ours.append([row(0)])
    assert len(ours.attempt_rows("a1")) == 1
    theirs.append([row(1)])  # after our last read
    ours.append([row(2)])
    theirs.append([row(3)])  # after our write
    expected = [f"q{i}" for i in range(4)]
    assert [r.question_id for r in ours.attempt_rows("a1")] == expected
    assert seen(ours) == seen(theirs) == seen(CsvStore(scores_path))


def test_a_row_the_reader_would_drop_is_read_back_not_kept_as_written(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    store.append([row(0)])
    assert len(store.attempt_rows("a1")) == 1
    store.append([replace(row(1), score=1.5)])  # no app row is like this; a hand edit could be
    store.append([row(2)])
    assert [r.question_id for r in store.attempt_rows("a1")] == ["q0", "q2"]
    assert seen(store) == seen(CsvStore(scores_path)) == (store.attempt_rows("a1"), 1)


def test_threads_appending_through_one_store_see_every_row_once(scores_path: Path) -> None:
    store = CsvStore(scores_path)
    store.append([row(0, attempt="start")])

    def answer(thread: int) -> None:
        for i in range(60):
            store.append([row(1000 * thread + i, attempt=f"a{thread}")])
            assert len(store.attempt_rows(f"a{thread}")) == i + 1

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(answer, range(3)))
    fresh = CsvStore(scores_path)
    for thread in range(3):
        assert store.attempt_rows(f"a{thread}") == fresh.attempt_rows(f"a{thread}")
        assert len(fresh.attempt_rows(f"a{thread}")) == 60
    assert seen(store) == seen(fresh)


def test_rows_kept_as_written_are_merged_into_one_table_as_a_fresh_store_reads_them(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CsvStore(scores_path)
    store.append([row(0)])
    assert len(store.attempt_rows("a1")) == 1
    read_back_never(store, monkeypatch)
    rows = [row(i, f"answer {i}", f"a{i % 3}") for i in range(1, csv_store.MAX_CHUNKS * 2 + 5)]
    for item in rows:
        store.append([item])
    assert len(store._chunks()) <= csv_store.MAX_CHUNKS + 1  # merged, not one per answer
    ours = [store.attempt_rows(a) for a in ("a0", "a1", "a2")]
    monkeypatch.undo()
    fresh = CsvStore(scores_path)
    assert ours == [fresh.attempt_rows(a) for a in ("a0", "a1", "a2")]
    assert seen(store) == seen(fresh) and len(seen(fresh)[0]) == len(rows) + 1


def test_a_row_another_server_writes_just_after_a_row_kept_as_written(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = CsvStore(scores_path), CsvStore(scores_path)
    ours.append([row(0)])
    assert len(ours.attempt_rows("a1")) == 1
    write = csv_file.append_rows

    def then_theirs(path: Path, rows: list[AnswerRow]) -> csv_file.Appended | None:
        appended = write(path, rows)
        monkeypatch.setattr(csv_file, "append_rows", write)
        theirs.append([row(2)])  # between our write and our store taking what it wrote
        return appended

    monkeypatch.setattr(csv_file, "append_rows", then_theirs)
    ours.append([row(1)])
    assert isinstance(ours._chunks()[-2], csv_store.WrittenChunk)  # ours, kept as written
    assert [r.question_id for r in ours.attempt_rows("a1")] == ["q0", "q1", "q2"]
    assert seen(ours) == seen(CsvStore(scores_path))


@pytest.mark.parametrize(
    "header",
    [",".join(COLUMNS[:-1]) + "\n", ",".join(COLUMNS) + ",device\n"],
    ids=["older header", "newer header"],
)
def test_a_log_with_another_header_reads_our_rows_as_a_fresh_store_does(
    scores_path: Path, header: str
) -> None:
    scores_path.parent.mkdir(parents=True, exist_ok=True)
    scores_path.write_text(header)
    store = CsvStore(scores_path)
    assert store.attempt_rows("a1") == []
    store.append([row(0)])
    assert seen(store) == seen(CsvStore(scores_path))
    assert store.attempt_rows("a1") == CsvStore(scores_path).attempt_rows("a1")


def test_a_file_replaced_by_one_as_long_is_read_again_before_rows_are_kept(
    scores_path: Path,
) -> None:
    store = CsvStore(scores_path)
    store.append([row(0)])
    assert [r.question_id for r in store.attempt_rows("a1")] == ["q0"]
    replacement = scores_path.with_name("new.csv")
    replacement.write_bytes(scores_path.read_bytes().replace(b",q0,", b",q8,"))  # as long
    replacement.replace(scores_path)
    store.append([row(1)])
    assert [r.question_id for r in store.attempt_rows("a1")] == ["q8", "q1"]
    assert seen(store) == seen(CsvStore(scores_path))


def test_a_bulk_append_is_not_kept_in_memory_row_by_row(tmp_path: Path) -> None:
    """`scores copy` into a log already read appends 50,000 rows at a time: those are read
    back in bulk when wanted, never held as one Python object per row."""
    source_path, target_path = tmp_path / "from.csv", tmp_path / "to.csv"
    for start in range(0, 20_000, 5_000):
        append_rows(
            source_path, [row(i, attempt=f"a{i // 10}") for i in range(start, start + 5_000)]
        )
    append_rows(target_path, [row(-1)])  # the target has rows: the copy reads its answer ids
    source, target = CsvStore(source_path), CsvStore(target_path)
    list(source.all_rows())
    tracemalloc.start()
    try:
        copy_scores(source, target)
        kept, _ = tracemalloc.get_traced_memory()  # the target store is still open
    finally:
        tracemalloc.stop()
    assert kept < target_path.stat().st_size / 4, f"{kept / 1e6:.1f} MB kept"
    assert len(target.attempt_rows("a7")) == 10


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF (saved by a spreadsheet)"])
def test_a_log_from_before_answer_ids_keeps_the_ids_of_the_answers_saved_to_it(
    scores_path: Path, newline: str
) -> None:
    """Rows with a column more than their header are damaged lines: without the column, every
    answer saved to an old log was dropped when read, and the app never found its own answer."""
    old_rows = [replace(row(i), answer_id="") for i in range(2)]
    lines = [",".join(COLUMNS[:-1]), *(csv_file.encode(r).rstrip("\n")[:-1] for r in old_rows)]
    scores_path.parent.mkdir(parents=True, exist_ok=True)
    text = newline.join(lines) + newline + 'not,a,"row\n\r\r\n'  # damage and a seal stay
    scores_path.write_bytes(text.encode())
    store = CsvStore(scores_path)
    before, skipped = seen(store)
    assert [r.question_id for r in before] == ["q0", "q1"] and skipped == 2
    store.append([row(2)])
    after = seen(CsvStore(scores_path))
    assert after == (store.attempt_rows("a1"), skipped) == seen(store)
    assert after[0][:2] == before and after[0][2] == row(2)  # its id kept
    assert scores_path.read_text().splitlines()[0] == ",".join(COLUMNS)
    assert scores_path.with_name(scores_path.name + BACKUP_SUFFIX).read_bytes() == text.encode()
