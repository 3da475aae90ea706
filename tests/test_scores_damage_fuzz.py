"""The bulk CSV reader against the line-by-line reader it replaced, on randomly damaged logs.

`line_by_line` is the reader the app used before the score store read in bulk (kept here as the
reference, with the spreadsheet-safe cells and the seal of a cut line added since): it decodes
each line with the csv module. Whatever damage a crash, a hand edit or a
stray program leaves, both must read the same rows and count the same damaged lines.
"""

from __future__ import annotations

import csv
import math
import random
import re
from datetime import datetime
from pathlib import Path

import pytest

from app.log import COLUMNS, REQUIRED_COLUMNS, AnswerRow, Mode, first_of_each_answer
from app.spreadsheet import from_cell
from app.stores.csv_file import append_rows
from tests.csv_log import Log, read_log

_UNESCAPES = {"\\\\": "\\", "\\n": "\n", "\\r": "\r", "\\0": "\x00"}
_ESCAPED = re.compile(r"\\[\\nr0]")


def line_by_line(data: bytes) -> Log:
    """The rows and the damaged-line count, one line at a time (the reference)."""
    lines = data.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    header, skipped = COLUMNS, 0
    if complete and complete[0].startswith(b"timestamp,"):
        names = tuple(complete[0].decode("utf-8", errors="replace").rstrip("\r").split(","))
        complete = complete[1:]
        if set(REQUIRED_COLUMNS) <= set(names) and "\x00" not in names[-1]:
            header = names
        else:
            skipped += 1
    rows = []
    for line in complete:
        if line == b"\r\r":  # the seal put in place of a line cut short
            skipped += 1
            continue
        row = _decode(line, header)
        if row is None:
            skipped += line.strip() != b""
        else:
            rows.append(row)
    # An answer id seen twice (damage can make one) is one answer, as for every store reader.
    return Log(tuple(first_of_each_answer(rows)), skipped + (tail != b""))


def _decode(raw: bytes, header: tuple[str, ...]) -> AnswerRow | None:
    try:
        line = raw.decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if not line or "\x00" in line:
        return None
    try:
        values = next(csv.reader([line], strict=True))
    except (csv.Error, StopIteration):
        return None
    if len(values) != len(header):
        return None
    record = dict(zip(header, values, strict=True))
    try:
        score = float(record["score"])
        elapsed = int(record["elapsed_ms"])
        correct = {"true": True, "false": False}[record["correct"]]
        Mode(record["mode"])
        datetime.fromisoformat(record["timestamp"])
    except (KeyError, ValueError):
        return None
    if not (0 <= score <= 1) or math.isnan(score):
        return None
    text = {
        c: _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], from_cell(record[c]))
        for c in COLUMNS
        if c in record and c not in ("correct", "score", "elapsed_ms")
    }
    text.setdefault("answer_id", "")
    return AnswerRow(**text, correct=correct, score=score, elapsed_ms=elapsed)


PIECES = ['a, "b"', "c\nd", "e\\f", "🦀", "=1+1", "", "  ", "\r", '"', ","]


def random_row(rng: random.Random, index: int) -> AnswerRow:
    text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(4)))
    return AnswerRow(
        timestamp=f"2026-03-01T10:{index % 60:02d}:00.{index % 1000:03d}+00:00",
        student=f"student {index % 3}{text[:3]}",
        bank_id="bank",
        question_id=f"q{index}",
        question_hash="h",
        attempt_id=f"a{index % 4}",
        mode=rng.choice(list(Mode)).value,
        response=text,
        correct=rng.random() < 0.5,
        score=rng.choice([0.0, 0.25, 1.0]),
        elapsed_ms=rng.randrange(10**6),
        rating=rng.choice(["", "good"]),
        answer_id=f"id{index}",
    )


def damage(data: bytes, rng: random.Random) -> bytes:
    """`data` with a few random bytes changed, dropped or added, as a broken writer would."""
    buffer = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        if not buffer:
            break
        where = rng.randrange(len(buffer))
        match rng.randrange(4):
            case 0:
                buffer[where] = rng.choice(b'",\n\r\\\x00\xff x1')
            case 1:
                del buffer[where]
            case 2:
                buffer[where:where] = rng.choice([b'"', b",", b"\n", b"\xe2\x82", b"\x00"])
            case _:
                del buffer[where:]  # cut short
    return bytes(buffer)


@pytest.mark.parametrize("seed", range(400))
def test_bulk_read_equals_the_line_by_line_reader(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "scores.csv"
    append_rows(path, [random_row(rng, i) for i in range(rng.randrange(1, 30))])
    path.write_bytes(damage(path.read_bytes(), rng))
    assert read_log(path) == line_by_line(path.read_bytes())
