"""Unit tests of the score log (app/scores.py), on real files under tmp_path."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.log import COLUMNS, AnswerRow, Mode
from app.stores import StoreError, csv_file
from tests.csv_log import Log, append_answer, read_log

HEADER = (
    b"timestamp,student,bank_id,question_id,question_hash,attempt_id,mode,response,"
    b"correct,score,elapsed_ms,rating,answer_id\n"
)
TIMESTAMP = "2025-01-02T03:04:05.678+00:00"
TEXT_COLUMNS = ("student", "bank_id", "question_id", "question_hash", "attempt_id", "response")


def make_row(**changes: Any) -> AnswerRow:
    """A valid row; keyword arguments replace its fields."""
    row = AnswerRow(
        timestamp=TIMESTAMP,
        student="Ada",
        bank_id="bank-1",
        question_id="q1",
        question_hash="abc123",
        attempt_id="att-1",
        mode="quiz",
        response="Paris",
        correct=True,
        score=1.0,
        elapsed_ms=1234,
        rating="",
    )
    return replace(row, **changes)


def csv_line(**changes: str) -> bytes:
    """The line of `make_row()` written by hand with a CSV writer; keywords replace field texts."""
    texts = {
        "timestamp": TIMESTAMP,
        "student": "Ada",
        "bank_id": "bank-1",
        "question_id": "q1",
        "question_hash": "abc123",
        "attempt_id": "att-1",
        "mode": "quiz",
        "response": "Paris",
        "correct": "true",
        "score": "1",
        "elapsed_ms": "1234",
        "rating": "",
        "answer_id": "",
    }
    texts.update(changes)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(texts.values())
    return buffer.getvalue().encode()


def append_raw(path: Path, data: bytes) -> None:
    """Add bytes to the end of the file as a broken writer or a hand edit would."""
    with open(path, "ab") as file:
        file.write(data)


def files_under(folder: Path) -> dict[Path, bytes]:
    """Every regular file under `folder` with its content, to show nothing changed."""
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- creation ------------------------------------------------------------------------------------


def test_header_constant_matches_contract() -> None:
    assert csv_file.HEADER_LINE.encode() == HEADER
    assert ",".join(COLUMNS).encode() + b"\n" == HEADER


def test_missing_file_reads_as_empty_log(tmp_path: Path) -> None:
    assert read_log(tmp_path / "nowhere" / "scores.csv") == Log((), 0)


@pytest.mark.parametrize("relative", ["scores.csv", "data/scores.csv", "a/b/c/scores.csv"])
def test_first_append_creates_folder_and_file_with_header(tmp_path: Path, relative: str) -> None:
    path = tmp_path / relative
    append_answer(path, make_row())
    data = path.read_bytes()
    assert data.startswith(HEADER)
    assert data.count(HEADER) == 1
    assert read_log(path) == Log((make_row(),), 0)


def test_empty_existing_file_gets_the_header(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.touch()
    append_answer(path, make_row())
    assert path.read_bytes().startswith(HEADER)
    assert read_log(path) == Log((make_row(),), 0)


def test_later_appends_do_not_repeat_the_header(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    rows = [make_row(question_id=f"q{i}") for i in range(5)]
    for row in rows:
        append_answer(path, row)
    assert path.read_bytes().count(b"timestamp,") == 1
    assert read_log(path) == Log(tuple(rows), 0)


def test_hand_written_csv_line_reads_as_the_row(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_bytes(HEADER + csv_line())
    assert read_log(path) == Log((make_row(),), 0)


# -- exact round trip of what people type --------------------------------------------------------

TRICKY_TEXTS = {
    "comma": "Paris, France",
    "double quotes": 'he said "no"',
    "only a quote": '"',
    "quoted whole": '"Paris"',
    "newline": "line one\nline two",
    "crlf": "line one\r\nline two",
    "lone cr": "line one\rline two",
    "trailing newline": "end\n",
    "backslash": "C:\\temp\\",
    "backslash-n two characters": "a\\nb",
    "backslash-r and backslash-0": "\\r\\0",
    "backslash before newline": "\\\n",
    "double backslash then n": "\\\\n",
    "nul": "a\x00b",
    "tab": "a\tb",
    "emoji": "🦀 👩🏽‍🚀 🇺🇦",
    "right to left": "שלום עולם، مرحبا بالعالم",
    "rtl override": "\u202eevil\u202c",
    "unicode line separators": "a\u2028b\u2029c\x85d\x0be\x0cf",
    "leading and trailing spaces": "  padded  ",
    "only spaces": "   ",
    "empty": "",
    "ten thousand characters": ('x,"\n\\' * 2500),
    "formula": "=1+1",
    "other formula starts": "+1-1 @SUM(A1) -2",
    "header lookalike": ",".join(COLUMNS),
    "path": "../../etc/passwd",
}


@pytest.mark.parametrize("column", ["student", "response"])
@pytest.mark.parametrize("text", TRICKY_TEXTS.values(), ids=TRICKY_TEXTS.keys())
def test_typed_text_round_trips_on_one_line(tmp_path: Path, column: str, text: str) -> None:
    path = tmp_path / "scores.csv"
    row = make_row(**{column: text})
    append_answer(path, row)
    data = path.read_bytes()
    assert data.count(b"\n") == 2  # the header and the one row
    assert b"\r" not in data
    assert b"\x00" not in data
    assert read_log(path) == Log((row,), 0)


@pytest.mark.parametrize("length", [131_072, 131_073, 1_000_000])
def test_answers_longer_than_the_csv_field_limit_round_trip(tmp_path: Path, length: int) -> None:
    path = tmp_path / "scores.csv"
    row = make_row(response=('a, "b"\n' * length)[:length])
    append_answer(path, row)
    assert read_log(path) == Log((row,), 0)


@pytest.mark.parametrize("column", [*TEXT_COLUMNS, "rating"])
def test_every_text_column_round_trips(tmp_path: Path, column: str) -> None:
    path = tmp_path / "scores.csv"
    row = make_row(**{column: "".join(TRICKY_TEXTS.values())})
    append_answer(path, row)
    assert read_log(path) == Log((row,), 0)


def test_every_row_is_one_physical_line(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    rows = [make_row(student=t, response=t[::-1]) for t in TRICKY_TEXTS.values()]
    for row in rows:
        append_answer(path, row)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert len(lines) - 2 == len(rows)
    assert read_log(path) == Log(tuple(rows), 0)


@pytest.mark.parametrize(
    "changes",
    [
        {"mode": Mode.QUIZ},
        *({"mode": mode.value} for mode in Mode),
        {"correct": False, "score": 0.0},
        {"score": 0.5},
        {"score": 0.25},
        {"score": 1},
        {"elapsed_ms": 0},
        {"elapsed_ms": 10**12},
        {"rating": "good"},
        {"timestamp": "2025-01-02T03:04:05+00:00"},
    ],
    ids=str,
)
def test_typed_values_round_trip(tmp_path: Path, changes: dict[str, object]) -> None:
    path = tmp_path / "scores.csv"
    row = make_row(**changes)
    append_answer(path, row)
    assert read_log(path) == Log((row,), 0)


# -- tolerant reading --------------------------------------------------------------------------

DAMAGED_LINES = {
    "too few fields": b",".join(csv_line().split(b",")[:10]) + b"\n",
    "one field": b"Ada\n",
    "unknown extra column": csv_line().rstrip(b"\n") + b",extra\n",
    "correct yes": csv_line(correct="yes"),
    "correct True": csv_line(correct="True"),
    "correct empty": csv_line(correct=""),
    "score above one": csv_line(score="1.5"),
    "score negative": csv_line(score="-0.1"),
    "score nan": csv_line(score="nan"),
    "score inf": csv_line(score="inf"),
    "score text": csv_line(score="high"),
    "elapsed float": csv_line(elapsed_ms="12.5"),
    "elapsed text": csv_line(elapsed_ms="soon"),
    "elapsed empty": csv_line(elapsed_ms=""),
    "unknown mode": csv_line(mode="exam"),
    "mode capitalised": csv_line(mode="Quiz"),
    "empty timestamp": csv_line(timestamp=""),
    "timestamp not iso": csv_line(timestamp="yesterday"),
    # as wide as the app's timestamps, so that only the byte-by-byte check can tell
    "timestamp letter for a digit": csv_line(timestamp="2026-03-01T1O:00:00.123+00:00"),
    "timestamp month 13": csv_line(timestamp="2026-13-01T10:00:00.123+00:00"),
    "timestamp day 32": csv_line(timestamp="2026-03-32T10:00:00.123+00:00"),
    "invalid utf-8": csv_line().replace(b"Ada", b"A\xffa"),
    "cut utf-8 sequence": csv_line().replace(b"Ada", b"Ad\xe2\x82"),
    "raw nul": csv_line().replace(b"Paris", b"Pa\x00ris"),
    "unclosed quote": csv_line(response="a,b").replace(b'"a,b"', b'"a,b'),
    "stray quote after quoted field": csv_line(response="a,b").replace(b'"a,b"', b'"a,b"x'),
    "repeated header": HEADER,
    "garbage": b"this is not a row\n",
}


@pytest.mark.parametrize("line", DAMAGED_LINES.values(), ids=DAMAGED_LINES.keys())
def test_damaged_line_is_skipped_and_counted(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "scores.csv"
    before, after = make_row(question_id="before"), make_row(question_id="after")
    append_answer(path, before)
    append_raw(path, line)
    append_answer(path, after)
    assert read_log(path) == Log((before, after), 1)


@pytest.mark.parametrize("blank", [b"\n", b"   \n", b"\r\n", b"\t \r\n"], ids=repr)
def test_blank_lines_are_skipped_without_counting(tmp_path: Path, blank: bytes) -> None:
    path = tmp_path / "scores.csv"
    before, after = make_row(question_id="before"), make_row(question_id="after")
    append_answer(path, before)
    append_raw(path, blank * 3)
    append_answer(path, after)
    assert read_log(path) == Log((before, after), 0)


def test_all_damage_at_once_is_counted_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    good = []
    for index, line in enumerate(DAMAGED_LINES.values()):
        good.append(make_row(question_id=f"q{index}"))
        append_answer(path, good[-1])
        append_raw(path, line + b"\n")
    assert read_log(path) == Log(tuple(good), len(DAMAGED_LINES))


def test_crlf_line_endings_from_a_spreadsheet_still_read(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    rows = [make_row(response=t) for t in ("a\nb", "c\r\nd", "")]
    for row in rows:
        append_answer(path, row)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert read_log(path) == Log(tuple(rows), 0)


def test_file_without_header_reads_with_the_standard_columns(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_bytes(csv_line() + csv_line(question_id="q2"))
    assert read_log(path) == Log((make_row(), make_row(question_id="q2")), 0)


@pytest.mark.parametrize(
    ("header", "extra"),
    [
        (HEADER.rstrip(b"\n") + b",device\n", b",laptop"),
        (HEADER.rstrip(b"\n") + b",device,locale\r\n", b',"phone, old",he'),
    ],
    ids=["one more column", "two more columns, crlf"],
)
def test_newer_header_with_more_columns_still_reads(
    tmp_path: Path, header: bytes, extra: bytes
) -> None:
    path = tmp_path / "scores.csv"
    lines = [csv_line(question_id=f"q{i}").rstrip(b"\n") + extra + b"\n" for i in range(3)]
    path.write_bytes(header + b"".join(lines))
    rows = tuple(make_row(question_id=f"q{i}") for i in range(3))
    assert read_log(path) == Log(rows, 0)


# -- a write cut short ---------------------------------------------------------------------------


def _after(marker: bytes, skip: int = 0) -> Callable[[bytes], int]:
    """A cut position: `skip` bytes past the end of `marker` in the line."""
    return lambda line: line.index(marker) + len(marker) + skip


CUTS: dict[str, Callable[[bytes], int]] = {
    "only the newline": lambda line: len(line) - 1,
    "inside the last field": lambda line: len(line) - 3,
    "the whole last field": lambda line: len(line) - len(b"good\n"),
    "inside the timestamp": lambda line: 7,
    "right after a delimiter": _after(b","),
    "right after an opening quote": _after(b',"'),
    "inside a quoted field": _after(b',"', 6),
    "inside a doubled quote": _after(b'""', -1),
    "inside an escape": _after(b"\\"),
    "inside an emoji": _after("🦀".encode()[:2]),
}


@pytest.mark.parametrize("cut", CUTS.values(), ids=CUTS.keys())
def test_truncated_last_line_is_counted_and_next_append_starts_fresh(
    tmp_path: Path, cut: Callable[[bytes], int]
) -> None:
    path = tmp_path / "scores.csv"
    kept = make_row(question_id="kept", response="one, two")
    victim = make_row(question_id="cut", student="🦀 Ada", response='a "b", c\nd', rating="good")
    append_answer(path, kept)
    append_answer(path, victim)
    data = path.read_bytes()
    start = data.rindex(b"\n", 0, len(data) - 1) + 1
    path.write_bytes(data[: start + cut(data[start:])])
    assert read_log(path) == Log((kept,), 1)

    new = make_row(question_id="new", response="after the crash")
    append_answer(path, new)
    assert read_log(path) == Log((kept, new), 1)
    assert path.read_bytes().startswith(data[:start])  # nothing before the damage changed


@pytest.mark.parametrize(
    ("cut", "skipped"),
    [(0, 0), (4, 1), (len(b"timestamp,"), 1), (40, 1), (len(HEADER) - 1, 1), (len(HEADER), 0)],
    ids=["empty", "in first name", "after first comma", "mid", "before newline", "whole"],
)
def test_header_cut_short_does_not_hide_later_rows(tmp_path: Path, cut: int, skipped: int) -> None:
    path = tmp_path / "scores.csv"
    append_answer(path, make_row(question_id="lost"))
    path.write_bytes(path.read_bytes()[:cut])
    rows = [make_row(question_id=f"q{i}") for i in range(3)]
    for row in rows:
        append_answer(path, row)
    assert read_log(path) == Log(tuple(rows), skipped)


# -- cannot write --------------------------------------------------------------------------------


def _under_a_file(tmp_path: Path) -> Path:
    """A log path whose folder is a regular file (root cannot write there either)."""
    (tmp_path / "blocker").write_text("not a folder\n")
    return tmp_path / "blocker" / "scores.csv"


def _deeper_under_a_file(tmp_path: Path) -> Path:
    """A log path two levels under a regular file."""
    (tmp_path / "blocker").write_text("not a folder\n")
    return tmp_path / "blocker" / "data" / "scores.csv"


def _log_is_a_folder(tmp_path: Path) -> Path:
    """A log path taken by a folder."""
    path = tmp_path / "scores.csv"
    path.mkdir()
    (path / "keep.txt").write_text("untouched\n")
    return path


def _lock_is_a_folder(tmp_path: Path) -> Path:
    """An existing log whose lock file path is taken by a folder."""
    path = tmp_path / "scores.csv"
    append_answer(path, make_row())
    Path(f"{path}.lock").unlink()
    Path(f"{path}.lock").mkdir()
    return path


def _in_proc(tmp_path: Path) -> Path:
    """A folder that cannot be created in procfs."""
    return Path(f"/proc/quiz-{tmp_path.name}/scores.csv")


def _in_sys(tmp_path: Path) -> Path:
    """A folder that cannot be created in sysfs."""
    return Path(f"/sys/quiz-{tmp_path.name}/scores.csv")


UNWRITABLE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "a file where the folder should be": (_under_a_file, "File exists", r" \(.*/blocker\)$"),
    "a file two folders up": (_deeper_under_a_file, "Not a directory", "scores.csv"),
    "the log is a folder": (_log_is_a_folder, "Is a directory", "scores.csv$"),
    "the lock is a folder": (_lock_is_a_folder, "Is a directory", r" \(.*/scores\.csv\.lock\)$"),
    "procfs": (_in_proc, "No such file or directory", "scores.csv"),
    "sysfs": (_in_sys, "Operation not permitted|Permission denied|Read-only file system", ""),
}


@pytest.mark.parametrize(
    ("make_path", "reason", "where"), UNWRITABLE.values(), ids=UNWRITABLE.keys()
)
def test_unwritable_path_raises_clear_error_and_changes_nothing(
    tmp_path: Path, make_path: Callable[[Path], Path], reason: str, where: str
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the procfs and sysfs cases need Linux")
    path = make_path(tmp_path)
    before = files_under(tmp_path)
    with pytest.raises(StoreError) as caught:
        append_answer(path, make_row(question_id="never"))
    message = str(caught.value)
    assert re.fullmatch(f"cannot write the score file: ({reason})", message), message
    assert caught.value.where.startswith(str(path))  # for the instructor and the command line
    assert re.search(where, caught.value.where)
    after = files_under(tmp_path)
    after.pop(Path(f"{path}.lock"), None)  # an empty lock file may be left; it holds no data
    assert after == before


# -- as a spreadsheet or pandas sees the file ----------------------------------------------------

FORMULAS = {
    "hyperlink": ('=HYPERLINK("http://x","y")', True),
    "at sign": ("@SUM(1,1)", True),
    "sum of numbers": ("-2+3", True),
    "plus": ("+cmd|' /C calc'!A0", True),
    "minus word": ("-minus", True),
    "a quote before a formula": ("'=1+1", True),
    "two quotes before a formula": ("''@x", True),
    "negative number": ("-5", False),
    "positive number": ("+3.5", False),
    "exponent": ("-1e5", False),
    "a quote before a number": ("'5", False),
    "plain text": ("Paris", False),
    "inner equals": ("a=b", False),
}


@pytest.mark.parametrize(("text", "neutralised"), FORMULAS.values(), ids=FORMULAS.keys())
def test_text_a_spreadsheet_would_run_is_written_neutralised_and_read_back_as_typed(
    tmp_path: Path, text: str, neutralised: bool
) -> None:
    import pandas as pd

    path = tmp_path / "scores.csv"
    row = make_row(student=text, response=text, attempt_id=text, question_id="q")
    append_answer(path, row)
    assert read_log(path) == Log((row,), 0)
    cells = next(csv.DictReader(io.StringIO(path.read_text(), newline="")))
    for column in ("student", "response", "attempt_id"):
        written = cells[column]
        assert written == ("'" + text if neutralised else text), column
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame["student"].tolist() == ["'" + text if neutralised else text]


def test_a_crash_leaves_pandas_and_spreadsheets_only_whole_rows(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "scores.csv"
    kept = make_row(question_id="kept")
    append_answer(path, kept)
    append_answer(path, make_row(question_id="cut", response="lost"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 9])  # the crash
    after = make_row(question_id="after")
    append_answer(path, after)

    raw = path.read_bytes()
    assert b"\x00" not in raw  # grep sees text, not a binary file
    assert b"lost" not in raw and b",cut," not in raw
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame["question_id"].tolist() == ["kept", "after"]
    rows = [r for r in csv.reader(io.StringIO(raw.decode(), newline="")) if r]
    assert [r[3] for r in rows] == ["question_id", "kept", "after"]
    assert read_log(path) == Log((kept, after), 1)  # the app still counts the damage


def test_a_header_cut_short_is_written_again_before_the_seal(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "scores.csv"
    path.write_bytes(HEADER[:20])
    row = make_row()
    append_answer(path, row)
    assert path.read_bytes().startswith(HEADER + csv_file.SEAL)
    assert pd.read_csv(path, dtype=str, keep_default_na=False)["student"].tolist() == ["Ada"]
    assert read_log(path) == Log((row,), 1)


def test_a_line_sealed_with_a_nul_by_an_older_version_is_still_skipped(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    before, after = make_row(question_id="before"), make_row(question_id="after")
    append_answer(path, before)
    with open(path, "ab") as file:
        file.write(csv_line(question_id="cut")[:30] + b"\x00\n")
    append_answer(path, after)
    assert read_log(path) == Log((before, after), 1)
