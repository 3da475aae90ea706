"""Fault tests of the score log: real processes, threads, truncation, SIGKILL, a full disk."""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from app.log import AnswerRow, Mode
from app.stores import StoreError, csv_file
from tests.csv_log import Log, append_answer, read_log

# spawn: a fresh interpreter per worker, as separate Streamlit servers would be; fork would
# also copy the test runner's threads and locks.
SPAWN = multiprocessing.get_context("spawn")
TIMESTAMP = "2025-01-02T03:04:05.678+00:00"
MODES = tuple(Mode)


def payload(writer: int, index: int, repeat: int = 12) -> str:
    """A long value that would show any interleaving: commas, quotes, newlines, emoji, RTL."""
    tag = f"<{writer}:{index}>"
    chunk = f'{tag} "quoted, text",\nline two\r\nthree\rfour\\n 🦀👩🏽‍🚀 שלום, عالم\t'
    return chunk * repeat + tag


def fault_row(writer: int, index: int, repeat: int = 12) -> AnswerRow:
    """The row that `writer` appends as its `index`-th, the same in every process."""
    return AnswerRow(
        timestamp=TIMESTAMP,
        student=f'writer "{writer}", 🦀\n{"x" * (writer * 50)}',
        bank_id="bank,1",
        question_id=str(index),
        question_hash=f"h{writer}-{index}",
        attempt_id=f"writer-{writer}",
        mode=MODES[index % len(MODES)].value,
        response=payload(writer, index, repeat),
        correct=index % 2 == 0,
        score=(index % 5) / 4,
        elapsed_ms=writer * 100_000 + index,
        rating="good" if index % 3 else "",
    )


def append_many(path: Path, writer: int, count: int, barrier: Barrier | None = None) -> None:
    """Append `count` rows as `writer`, starting together with the others at `barrier`."""
    if barrier is not None:
        barrier.wait()
    for index in range(count):
        append_answer(path, fault_row(writer, index))


def append_forever(path: Path, repeat: int) -> None:
    """Append large rows until killed."""
    index = 0
    while True:
        append_answer(path, fault_row(0, index, repeat))
        index += 1


def append_with_file_size_limit(path: Path, limit: int) -> str:
    """Append one row in a process that may not grow files past `limit` bytes; the error text."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        append_answer(path, fault_row(9, 9))
    except StoreError as error:
        return str(error)
    return ""


def assert_every_row_once(log: Log, writers: int, count: int) -> None:
    """Each (writer, index) row is present exactly once, intact, and in each writer's order."""
    assert log.skipped == 0
    assert len(log.rows) == writers * count
    expected = Counter(fault_row(w, i) for w in range(writers) for i in range(count))
    assert Counter(log.rows) == expected
    for writer in range(writers):
        indexes = [int(r.question_id) for r in log.rows if r.attempt_id == f"writer-{writer}"]
        assert indexes == list(range(count))


def wait_for_rows(path: Path, count: int, timeout_s: float = 20) -> None:
    """Block until the log holds at least `count` complete lines."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") > count:
            return
        time.sleep(0.005)
    pytest.fail(f"the writer did not reach {count} rows in {timeout_s} s")


def test_processes_appending_together_lose_and_mangle_nothing(scores_path: Path) -> None:
    writers, count = 8, 500
    barrier = SPAWN.Barrier(writers)
    processes = [
        SPAWN.Process(target=append_many, args=(scores_path, w, count, barrier))
        for w in range(writers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * writers
    assert_every_row_once(read_log(scores_path), writers, count)
    assert scores_path.read_bytes().count(b"\n") == writers * count + 1


def test_threads_appending_together_lose_and_mangle_nothing(scores_path: Path) -> None:
    writers, count = 16, 100
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def run(writer: int) -> None:
        try:
            append_many(scores_path, writer, count, barrier)  # type: ignore[arg-type]
        except BaseException as error:  # re-raised below: a thread's error would be lost
            errors.append(error)

    threads = [threading.Thread(target=run, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert_every_row_once(read_log(scores_path), writers, count)


def test_truncation_at_any_offset_keeps_earlier_rows(scores_path: Path) -> None:
    rows = [fault_row(1, i, repeat=2) for i in range(6)]
    for row in rows:
        append_answer(scores_path, row)
    original = scores_path.read_bytes()
    line_ends = [i + 1 for i, byte in enumerate(original) if byte == ord("\n")]
    new = fault_row(2, 0, repeat=1)
    # every offset inside the last two rows, in steps that land on varied bytes
    for end in range(line_ends[-3], len(original), 7):
        scores_path.write_bytes(original[:end])
        complete = sum(1 for e in line_ends[1:] if e <= end)
        damaged = int(end not in line_ends)
        assert read_log(scores_path) == Log(tuple(rows[:complete]), damaged), end
        append_answer(scores_path, new)
        assert read_log(scores_path) == Log((*rows[:complete], new), damaged), end
        # whole lines are kept as they were; the partial one is replaced by the seal
        whole = max(e for e in line_ends if e <= end)
        assert scores_path.read_bytes().startswith(original[:whole] + csv_file.SEAL * damaged)
        assert b"\x00" not in scores_path.read_bytes()


@pytest.mark.parametrize("repeat", [1, 600], ids=["small rows", "rows of 40 KB"])
def test_writer_killed_mid_loop_damages_at_most_its_last_line(
    scores_path: Path, repeat: int
) -> None:
    kills = 4
    for kill in range(kills):
        process = SPAWN.Process(target=append_forever, args=(scores_path, repeat))
        process.start()
        # the first round pays for the interpreter start; later kills land at varied moments
        wait_for_rows(scores_path, 5 * (kill + 1))
        time.sleep(0.003 * kill)
        process.kill()
        process.join()
        assert process.exitcode == -9
        log = read_log(scores_path)
        assert log.skipped <= kill + 1  # at most one damaged line per kill
        for row in log.rows:
            assert row == fault_row(0, int(row.question_id), repeat)
    after = fault_row(3, 3, repeat=1)
    append_answer(scores_path, after)
    final = read_log(scores_path)
    assert final.rows[-1] == after
    assert final.skipped <= kills


@pytest.mark.parametrize("room", [0, 1, 100], ids=["no room", "one byte", "part of a row"])
def test_full_disk_mid_append_raises_and_keeps_earlier_rows(scores_path: Path, room: int) -> None:
    rows = [fault_row(1, i, repeat=1) for i in range(3)]
    for row in rows:
        append_answer(scores_path, row)
    size = scores_path.stat().st_size
    with ProcessPoolExecutor(1, mp_context=SPAWN) as pool:
        message = pool.submit(append_with_file_size_limit, scores_path, size + room).result()
    assert message == "cannot write the score file: File too large"
    assert scores_path.stat().st_size == size + room  # a partial row may be left behind...
    assert read_log(scores_path) == Log(tuple(rows), int(room > 0))
    after = fault_row(3, 3, repeat=1)
    append_answer(scores_path, after)
    # ...it is counted as one damaged line and never read back as a row
    assert read_log(scores_path) == Log((*rows, after), int(room > 0))


HOLD_LOCK = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_lock_held_by_another_program_times_out_with_clear_error(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    append_answer(scores_path, fault_row(0, 0))
    before = scores_path.read_bytes()
    monkeypatch.setattr(csv_file, "LOCK_TIMEOUT_S", 0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, f"{scores_path}.lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StoreError) as caught:
            append_answer(scores_path, fault_row(0, 1))
        assert str(caught.value) == "the score file is locked by another program"
        assert caught.value.where == str(scores_path)
        assert scores_path.read_bytes() == before
    finally:
        holder.communicate("")
    append_answer(scores_path, fault_row(0, 1))
    assert read_log(scores_path) == Log((fault_row(0, 0), fault_row(0, 1)), 0)


HOSTILE_NAMES = {
    "ideographic space": "\u3000",
    "zero width space": "\u200b",
    "no-break spaces": "\u00a0\u2007\u202f",
    "byte order mark": "\ufeff",
    "ten thousand characters": "Ω" * 10_000,
    "only quotes": '""""',
    "quotes and commas": '"Ada", "Lovelace"',
    "newlines": "Ada\nLovelace\r\n\r",
    "path traversal": "../../etc/passwd",
    "absolute path": "/etc/shadow",
    "emoji": "👩🏽‍🚀🦀🇺🇦",
    "rtl override": "\u202egnp.exe",
    "nul and controls": "a\x00b\x1b[31mc\x7f",
    "sql": "Robert'); DROP TABLE students;--",
    "formula": '=HYPERLINK("http://x","y")',
    "backslashes": "\\\\server\\share\\n",
}


def test_hostile_student_names_round_trip(scores_path: Path) -> None:
    rows = [
        replace(fault_row(0, i, repeat=1), student=name)
        for i, name in enumerate(HOSTILE_NAMES.values())
    ]
    for row in rows:
        append_answer(scores_path, row)
    assert read_log(scores_path) == Log(tuple(rows), 0)
    assert sorted(os.listdir(scores_path.parent)) == ["scores.csv", "scores.csv.lock"]
    for name in HOSTILE_NAMES.values():
        assert [r.student for r in read_log(scores_path).rows].count(name) == 1
