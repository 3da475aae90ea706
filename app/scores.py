"""The score log: one CSV row per answered question, appended safely, read tolerantly.

Appending takes a cross-process lock (filelock), writes one whole row with a single write,
then flushes and fsyncs; it never reads or rewrites the rest of the file.

Every row is one physical line. Newlines, carriage returns, NULs and backslashes inside a
field are written as the escapes \\n, \\r, \\0 and \\\\ (and read back exactly): a crash
mid-write can then damage only its own line, and never swallow the rows after it inside an
unclosed quote, as standard multi-line CSV fields would. The next append ends a line cut short
with a raw NUL, which no row contains, so what is left of that row never reads back as a row.
The csv module does the quoting; the tolerant line-by-line reading is ours because no CSV
library skips and counts damaged rows.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from dataclasses import astuple, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from filelock import FileLock, Timeout


class Mode(StrEnum):
    QUIZ = "quiz"
    PRACTICE = "practice"
    FLASHCARD = "flashcard"
    REVIEW = "review"


@dataclass(frozen=True)
class AnswerRow:
    """One answered question, as stored in the log (columns in DESIGN.md order)."""

    timestamp: str
    student: str
    bank_id: str
    question_id: str
    question_hash: str
    attempt_id: str
    mode: str
    response: str
    correct: bool
    score: float
    elapsed_ms: int
    rating: str = ""


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(AnswerRow))
HEADER_LINE = ",".join(COLUMNS) + "\n"
LOCK_TIMEOUT_S = 10
CUT_SHORT = b"\x00"  # ends a line whose write was cut short; rows escape NUL, so never in a row

# The csv module refuses fields over 128 KiB by default (a process-wide setting), which would make
# a long answer unreadable once saved; a row is as long as what the student typed.
csv.field_size_limit(2**31 - 1)


class ScoreLogError(Exception):
    """The log cannot be written; the message says where and why, for the student."""


@dataclass(frozen=True)
class ScoreLog:
    """The rows read so far, and how far into the file they go (to read only what is new)."""

    rows: tuple[AnswerRow, ...]
    skipped: int  # damaged lines left out (truncated, wrong number of fields, bad values)
    # Where reading stopped, so that the next read takes only what was appended since:
    offset: int = field(default=0, compare=False, repr=False)  # end of the last complete line
    header: tuple[str, ...] = field(default=COLUMNS, compare=False, repr=False)
    file_id: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)  # dev, inode
    cut_tail: bool = field(default=False, compare=False, repr=False)  # counted in skipped


EMPTY_LOG = ScoreLog((), 0)


def now_utc() -> str:
    """The current time as an ISO 8601 UTC timestamp, as the log stores it."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def append_answer(path: Path, row: AnswerRow) -> None:
    """Append one row under a cross-process lock; create the file and folder if missing."""
    line = _encode(row).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT_S), open(path, "ab+") as file:
            size = file.seek(0, os.SEEK_END)
            prefix = b""
            if size == 0:
                prefix = HEADER_LINE.encode()
            else:
                file.seek(size - 1)
                if file.read(1) != b"\n":
                    prefix = CUT_SHORT + b"\n"  # the last write was cut short
            file.write(prefix + line)
            file.flush()
            os.fsync(file.fileno())
    except Timeout as error:
        raise ScoreLogError(f"the score file {path} is locked by another program") from error
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename and str(error.filename) != str(path):
            reason += f" ({error.filename})"  # the folder or the lock file, not the log itself
        raise ScoreLogError(f"cannot write the score file {path}: {reason}") from error


def read_log(path: Path, previous: ScoreLog = EMPTY_LOG) -> ScoreLog:
    """Every well-formed row of the log; damaged lines are skipped and counted.

    Given the log as read before (`previous`), only the bytes appended since are read, unless
    the file was replaced or shortened. A missing file is an empty log.
    """
    try:
        with open(path, "rb") as file:
            stat = os.fstat(file.fileno())
            file_id = (stat.st_dev, stat.st_ino)
            if file_id != previous.file_id or stat.st_size < previous.offset:
                previous = EMPTY_LOG
            file.seek(previous.offset)
            data = file.read()
    except FileNotFoundError:
        return EMPTY_LOG
    lines = data.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    consumed = len(data) - len(tail)
    header, skipped = previous.header, previous.skipped - previous.cut_tail
    if previous.offset == 0 and complete and complete[0].startswith(COLUMNS[0].encode() + b","):
        names = tuple(complete[0].decode("utf-8", errors="replace").rstrip("\r").split(","))
        complete = complete[1:]
        if set(COLUMNS) <= set(names):
            header = names
        else:
            skipped += 1  # the header's write was cut short; its rows have the standard columns
    rows = []
    for line in complete:
        row = _decode(line, header)
        if row is None:
            skipped += line.strip() != b""
        else:
            rows.append(row)
    cut_tail = tail != b""  # a last line without its newline was cut short (or is being written)
    return ScoreLog(
        rows=previous.rows + tuple(rows),
        skipped=skipped + cut_tail,
        offset=previous.offset + consumed,
        header=header,
        file_id=file_id,
        cut_tail=cut_tail,
    )


def _encode(row: AnswerRow) -> str:
    values = [
        "true" if v is True else "false" if v is False else _escape(v) if isinstance(v, str) else v
        for v in astuple(row)
    ]
    values[COLUMNS.index("score")] = f"{row.score:.4g}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


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
        datetime.fromisoformat(record["timestamp"])  # analytics parses it as ISO 8601
    except (KeyError, ValueError):
        return None
    if not (0 <= score <= 1) or math.isnan(score):
        return None
    text = {c: _unescape(record[c]) for c in COLUMNS if c in record}
    return AnswerRow(
        **{**text, "correct": correct, "score": score, "elapsed_ms": elapsed},
    )


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_NEEDS_ESCAPE = re.compile(r"[\\\n\r\x00]")
_ESCAPED = re.compile(r"\\[\\nr0]")


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], text) if "\\" in text else text
