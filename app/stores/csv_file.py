"""The score log as a CSV file: one row per line, appended safely, read in bulk and tolerantly.

Appending takes a cross-process lock (filelock), writes whole rows with a single write, then
flushes and fsyncs; it never reads or rewrites the rest of the file, but once: a log from
before answers had ids is given their column first (`_with_answer_ids`).

Every row is one physical line. Newlines, carriage returns, NULs and backslashes inside a field
are written as the escapes \\n, \\r, \\0 and \\\\ (and read back exactly): a crash mid-write can
then damage only its own line, and never swallow the rows after it inside an unclosed quote, as
standard multi-line CSV fields would. Text that a spreadsheet would run as a formula is
written with a leading `'` (see app.spreadsheet) and read back as typed.

A line cut short by a crash is the end of the file (appends are whole lines, in order). The next
append, under the lock, cuts that partial line off and writes a seal in its place: `\\r\\r\\n`.
pandas, Python's csv module and spreadsheets see only empty lines there, which are no row; no
row contains a raw carriage return (rows escape it), so the reader knows the seal and counts
it as one damaged line. Nothing written whole is touched. Older logs sealed a cut with a NUL;
those lines are still skipped and counted.

Reading is bulk: pyarrow's CSV reader parses the lines and the checks on each column are
vectorised. No CSV library skips and counts damaged lines the way a log needs (pyarrow lets an
unclosed quote swallow the lines after it, and takes `"a"b` as `ab`), so the lines whose bytes or
quotes are broken are found first with numpy, counted, and left out before pyarrow sees them.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import struct
from collections.abc import Iterable
from dataclasses import astuple, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from filelock import FileLock, Timeout

from app.log import COLUMNS, REQUIRED_COLUMNS, AnswerRow, Mode
from app.spreadsheet import NEUTRALISED_RE2, from_cell, to_cell
from app.stores.base import StoreError

# A pyarrow (chunked) array. pyarrow-stubs type the compute functions for scalars and arrays but
# not the chunked arrays that tables hold, so columns are passed around untyped.
Column: TypeAlias = Any
Bytes: TypeAlias = bytes | memoryview  # lines read into a reused buffer are a view of it
HEADER_LINE = ",".join(COLUMNS) + "\n"
LOCK_TIMEOUT_S = 10
BLOCK_BYTES = 1 << 22
OUR_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+00:00$"  # as timestamp_of writes
QUOTE, NEWLINE, RETURN = ord('"'), ord("\n"), ord("\r")
SEAL = b"\r\r\n"  # in place of a line cut short: empty lines to pandas and spreadsheets
CUT_SHORT = b"\x00"  # how older versions sealed a line cut short; rows escape NUL
# Columns with few distinct values are kept dictionary-encoded: less memory, and cheap indexes.
REPEATED = ("student", "bank_id", "question_id", "question_hash", "attempt_id", "mode", "rating")


def _allocator() -> pa.MemoryPool:
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without it
        return pa.system_memory_pool()


# pyarrow's default allocator (mimalloc) made a cold read of a 1,000,000-row log spend 0.3 to
# 0.6 s in the kernel, first touching fresh memory, against 0.2 s with jemalloc or malloc.
pa.set_memory_pool(_allocator())

# The csv module refuses fields over 128 KiB by default (a process-wide setting), which would make
# a long answer unreadable once saved; a row is as long as what the student typed.
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True)
class Appended:
    """What one append wrote: `data` (the rows' lines, nothing else) from byte `start` on, and
    the file as it was right after, while the lock was still held."""

    start: int
    data: bytes
    file_id: tuple[int, int]  # device, inode
    stamp: tuple[int, int]  # modification time, size


@functools.lru_cache(maxsize=64)
def _log_lock(lock_path: str, timeout: float) -> FileLock:
    """The log's cross-process lock, one object per file for the whole server: making a new
    FileLock on every append cost 0.12 ms of Submit's callback, cold in the server
    (bench/submit_trace.py). filelock keeps its state per thread, so sessions may share it."""
    return FileLock(lock_path, timeout=timeout)


def append_rows(path: Path, rows: Iterable[AnswerRow]) -> Appended | None:
    """Append rows with one write under a cross-process lock; create the file and folder.

    Returns what was written, or None when the write held more than the rows (a header, a seal)
    or nothing at all."""
    data = "".join(encode(row) for row in rows).encode("utf-8")
    if not data:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with (
            _log_lock(f"{path}.lock", LOCK_TIMEOUT_S),
            open(_with_answer_ids(path), "ab+") as file,  # (called once the lock is held)
        ):
            size = file.seek(0, os.SEEK_END)
            prefix = b""
            if size == 0:
                prefix = HEADER_LINE.encode()
            else:
                whole = _whole_lines_length(file, size)
                if whole < size:  # the last write was cut short: seal it (module docstring)
                    file.truncate(whole)
                    prefix = (HEADER_LINE.encode() if whole == 0 else b"") + SEAL
            file.write(prefix + data)
            file.flush()
            os.fsync(file.fileno())
            stat = os.fstat(file.fileno())
    except Timeout as error:
        raise StoreError("the score file is locked by another program", where=str(path)) from error
    except OSError as error:
        where = str(path)
        if error.filename and str(error.filename) != where:
            where += f" ({error.filename})"  # the folder or the lock file, not the log itself
        reason = error.strerror or type(error).__name__
        raise StoreError(f"cannot write the score file: {reason}", where=where) from error
    if prefix:
        return None
    return Appended(size, data, (stat.st_dev, stat.st_ino), (stat.st_mtime_ns, stat.st_size))


def _with_answer_ids(path: Path) -> Path:
    """`path`, once a log from before answers had ids has an `answer_id` column (called under
    the lock, before anything is appended): rows with one column more than their header are
    damaged lines, so every answer appended to such a log was dropped when read.

    The log is rewritten once, whole, into a new file that then takes its place, the old one
    kept as a backup (a crash leaves the old log as it was): the header gains the column and
    every row an empty id (rows from before ids get ids from their content when read, as they
    always did). Empty lines and seals stay as they were, and a last line cut short stays for
    the append to seal.
    """
    try:
        with open(path, "rb") as file:
            first = file.readline(1 << 16)
            named = header_of(first.rstrip(b"\r\n")) if first.endswith(b"\n") else None
            if named is None or "answer_id" in named:
                return path
            lines = file.read().split(b"\n")
    except FileNotFoundError:
        return path
    out = [first.rstrip(b"\r\n") + b",answer_id\n"]
    for line in lines[:-1]:
        if not line.strip(b"\r") or CUT_SHORT in line:
            out.append(line + b"\n")
        elif line.endswith(b"\r"):
            out.append(line[:-1] + b",\r\n")
        else:
            out.append(line + b",\n")
    out.append(lines[-1])
    # Here, not at the top: the store's readers (the report) never pay for ruamel.yaml's import.
    from app.formats.yaml_writer import commit, staged

    with staged(path, b"".join(out)) as migrated:
        commit(migrated, path)  # the old log stays beside it, as a backup
    return path


def _whole_lines_length(file: IO[bytes], size: int) -> int:
    """How many bytes of the file are whole lines (up to and with its last newline)."""
    end, window = size, 1 << 16
    while end > 0:
        start = max(0, end - window)
        file.seek(start)
        block = file.read(end - start)
        found = block.rfind(b"\n")
        if found != -1:
            return start + found + 1
        end = start
    return 0


def encode(row: AnswerRow) -> str:
    """One row as one CSV line (text escaped so that it never spans lines, and never read as a
    formula by a spreadsheet)."""
    values = [
        "true"
        if v is True
        else "false"
        if v is False
        else to_cell(_escape(v))
        if isinstance(v, str)
        else v
        for v in astuple(row)
    ]
    values[COLUMNS.index("score")] = f"{row.score:.4g}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def as_stored(row: AnswerRow) -> AnswerRow | None:
    """`row` as reading its line back gives it (the score to the 4 digits written), or None
    when the reader would drop it as damaged."""
    # The reader gives `answer_id` (like `timestamp`) as written, a spreadsheet's guard included.
    stored = replace(
        row, score=float(f"{row.score:.4g}"), answer_id=to_cell(_escape(row.answer_id))
    )
    readable = (
        0.0 <= stored.score <= 1.0
        and stored.mode in _MODES
        and re.match(OUR_TIMESTAMP, stored.timestamp) is not None
    )
    return stored if readable else None


_MODES = frozenset(m.value for m in Mode)


def header_of(first_line: bytes) -> tuple[str, ...] | None:
    """The column names a header line gives, or None when the line is not a usable header."""
    if CUT_SHORT in first_line:  # the header's write was cut short
        return None
    names = tuple(first_line.decode("utf-8", errors="replace").rstrip("\r").split(","))
    return names if set(REQUIRED_COLUMNS) <= set(names) else None


def parse_lines(data: Bytes, header: tuple[str, ...]) -> tuple[pa.Table, int]:
    """The rows of `data` (complete lines, no header) and how many damaged lines were left out.

    The table has the columns of `AnswerRow` in order, typed (`correct` bool, `score` float,
    `elapsed_ms` int64, text as strings, the repeated ones dictionary-encoded), plus `ts`, the
    parsed timestamp. Blank lines are neither rows nor damage. `response` is kept as written,
    since most reads need only a few rows' responses: `decoded_response` and
    `decoded_responses` give what the student typed.
    """
    data, skipped = _without_broken_lines(data)
    if not len(data):
        return empty_table(), skipped
    if not _is_utf8(data):  # find the lines that are not (slow, but only when there are some)
        data, not_utf8 = _without_lines_not_utf8(data)
        skipped += not_utf8
    try:
        table, damaged = _read_csv(data, header)
    except pa.ArrowInvalid as error:
        if "Empty CSV" not in str(error):
            raise
        return empty_table(), skipped  # only blank lines
    table, invalid = _typed(table)
    return table, skipped + damaged + invalid


def _read_csv(data: Bytes, header: tuple[str, ...]) -> tuple[pa.Table, int]:
    """Parse lines into columns (COLUMNS only); count the lines with a wrong field count.

    `correct`, `score` and `elapsed_ms` are parsed as bool, float and int on the way: in a log
    the app wrote every cell converts, and building a million short strings to cast them after
    cost more than the parse. A cell that does not convert (a hand edit) makes the parser
    give up; the lines are then read as text and converted with `_typed_from_text`, which
    drops only the rows whose cells are bad.
    """
    try:
        return _parsed_csv(data, header, TYPED)
    except pa.ArrowInvalid as error:
        if "Empty CSV" in str(error):
            raise
    table, damaged = _parsed_csv(data, header, {})
    return _typed_from_text(table), damaged


def _parsed_csv(
    data: Bytes, header: tuple[str, ...], kinds: dict[str, pa.DataType]
) -> tuple[pa.Table, int]:
    damaged = 0

    def count_damaged(row: pa_csv.InvalidRow) -> Literal["skip"]:
        nonlocal damaged
        damaged += bool(row.text and row.text.strip())
        return "skip"

    names = [f"c{i}" for i in range(len(header))]
    wanted = {name: f"c{header.index(name)}" for name in COLUMNS if name in header}
    types = {
        column: kinds.get(name)
        or (pa.dictionary(pa.int32(), pa.string()) if name in REPEATED else pa.string())
        for name, column in wanted.items()
    }
    table = pa_csv.read_csv(
        cast(IO[bytes], pa.BufferReader(pa.py_buffer(data))),  # no copy of the bytes
        # One thread: a big log's pieces are parsed side by side instead (see CsvStore).
        read_options=pa_csv.ReadOptions(
            column_names=names, use_threads=False, block_size=len(data) + 1
        ),  # one block: the columns come out whole, with nothing to combine (and no bigger:
        # a 1 MiB block for the one row a Submit just stored cost about 4 ms to parse)
        parse_options=pa_csv.ParseOptions(invalid_row_handler=count_damaged),
        convert_options=pa_csv.ConvertOptions(
            column_types=types,
            include_columns=list(wanted.values()),
            strings_can_be_null=False,
            null_values=[],  # an empty number is a bad cell, not a missing one
            true_values=["true"],
            false_values=["false"],
            check_utf8=False,  # parse_lines checked it, faster, before
        ),
    )
    table = table.rename_columns([name for name in wanted])
    if "answer_id" not in wanted:  # a log from before answers had ids
        table = table.append_column("answer_id", pa.array([""] * len(table), pa.string()))
    return table.unify_dictionaries().combine_chunks(), damaged


TYPED: dict[str, pa.DataType] = {
    "correct": pa.bool_(),
    "score": pa.float64(),
    "elapsed_ms": pa.int64(),
}


def _typed_from_text(table: pa.Table) -> pa.Table:
    """`table` with its `TYPED` columns converted from text; a bad cell becomes null."""
    correct: Column = table["correct"]
    is_bool = pc.is_in(correct, pa.array(["true", "false"]))
    converted = {
        "correct": pc.if_else(is_bool, pc.equal(correct, pa.scalar("true")), None),
        "score": _numbers(table["score"], pa.float64()),
        "elapsed_ms": _integers(table["elapsed_ms"]),
    }
    for name, column in converted.items():
        table = table.set_column(table.column_names.index(name), name, column)
    return table


def empty_table() -> pa.Table:
    """A table with the columns `parse_lines` gives, and no rows."""
    return pa.table(
        {
            **{
                name: pa.array(
                    [], pa.dictionary(pa.int32(), pa.string()) if name in REPEATED else pa.string()
                )
                for name in COLUMNS
                if name not in ("correct", "score", "elapsed_ms")
            },
            "correct": pa.array([], pa.bool_()),
            "score": pa.array([], pa.float64()),
            "elapsed_ms": pa.array([], pa.int64()),
            "ts": pa.array([], pa.timestamp("ms", tz="UTC")),
        }
    ).select([*COLUMNS, "ts"])


def _typed(table: pa.Table) -> tuple[pa.Table, int]:
    """Check and convert every column at once; rows with a bad value are dropped and counted."""
    mode: Column = table["mode"]
    score: Column = table["score"]
    ts = _timestamps(table["timestamp"])
    valid: Column = pc.and_kleene(
        pc.and_kleene(pc.is_valid(table["correct"]), pc.is_valid(table["elapsed_ms"])),
        pc.and_kleene(
            pc.and_kleene(
                pc.greater_equal(score, pa.scalar(0.0)), pc.less_equal(score, pa.scalar(1.0))
            ),
            pc.and_kleene(
                pc.is_valid(ts),
                pc.is_in(mode.cast(pa.string()), pa.array([m.value for m in Mode])),
            ),
        ),
    )
    valid = pc.fill_null(valid, False)
    columns: dict[str, Column] = {
        # Timestamps and answer ids are never escaped: a backslash would make them invalid.
        name: table[name] if name in _AS_WRITTEN or name in TYPED else _unescaped(table[name])
        for name in COLUMNS
    }
    typed = pa.table({**columns, "ts": ts})
    if pc.all(valid).as_py():
        return typed, 0
    kept = typed.filter(valid)
    return kept, len(typed) - len(kept)


def _numbers(column: Column, kind: pa.DataType) -> Column:
    try:
        return pc.cast(column, kind)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # some cell is not a number
        values = pd.to_numeric(column.to_pandas(), errors="coerce")
        return pa.chunked_array([pa.array(values, kind, from_pandas=True)])


def _integers(column: Column) -> Column:
    try:
        return pc.cast(column, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        whole = pc.match_substring_regex(column, r"^\s*[+-]?\d+\s*$")
        cleaned = pc.if_else(whole, pc.utf8_trim_whitespace(column), pa.scalar(None, pa.string()))
        return pc.cast(cleaned, pa.int64())


def _timestamps(column: Column) -> Column:
    """Parsed timestamps (UTC, milliseconds), null where a text is not ISO 8601 as Python's
    `fromisoformat` reads it. The app's own form is parsed by pyarrow in bulk; any other (a
    hand edit) goes through `fromisoformat`, since pyarrow and pandas read some texts Python
    refuses (`10:1:00`, `+00:0`) and refuse some it reads."""
    kind = pa.timestamp("ms", tz="UTC")
    if _all_ours(_array(column)):
        try:
            return pc.cast(column, kind)
        except pa.ArrowInvalid:  # a month 13 or a day 32
            pass
    values = column.to_pylist()
    return pa.chunked_array([pa.array([_moment(v) for v in values], kind)])


def _all_ours(texts: pa.Array) -> bool:
    """Whether every text has the form `timestamp_of` writes (OUR_TIMESTAMP), checked as a
    table of fixed-width bytes when the texts are all as wide (a regular expression over a
    million cells takes far longer)."""
    template = None
    if len(texts) and not texts.null_count and texts.type == pa.string():
        _, offsets_buffer, data_buffer = texts.buffers()
        ends = np.frombuffer(memoryview(cast(pa.Buffer, offsets_buffer)), np.int32)
        offsets = ends[texts.offset : texts.offset + len(texts) + 1]
        widths = np.diff(offsets)
        if np.all(widths == widths[0]):
            template = _TIMESTAMP_TEMPLATES.get(int(widths[0]))
    if template is None:
        return bool(pc.all(pc.match_substring_regex(texts, OUR_TIMESTAMP)).as_py())
    digit, fixed, expected = template
    data = np.frombuffer(memoryview(cast(pa.Buffer, data_buffer)), np.uint8)
    cells = data[offsets[0] : offsets[-1]].reshape(len(texts), -1)
    return bool(np.all((cells[:, digit] - ord("0")) < 10) and np.all(cells[:, fixed] == expected))


def _timestamp_template(example: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the digits are in `example` (a timestamp of our form), and the other bytes."""
    data = np.frombuffer(example.encode(), np.uint8)
    digit = (data >= ord("0")) & (data <= ord("9"))
    fixed = ~digit
    fixed[-5:-3] = fixed[-2:] = True  # the offset is always +00:00
    digit &= ~fixed
    return np.flatnonzero(digit), np.flatnonzero(fixed), data[fixed]


_TIMESTAMP_TEMPLATES = {
    len(example): _timestamp_template(example)
    for example in ("2025-01-01T00:00:00.000+00:00", "2025-01-01T00:00:00+00:00")
}


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def decoded_response(cell: str) -> str:
    """What the student typed, from a `response` cell as written."""
    return _unescape(from_cell(cell))


def decoded_responses(column: Column) -> Column:
    """`decoded_response` of every cell of a `response` column."""
    return _unescaped(column)


def _unescaped(column: Column) -> Column:
    """The column as typed: a formula's `'` taken off (see app.spreadsheet), then the \\n,
    \\r, \\0 and \\\\ escapes undone (only where there are any)."""
    if pa.types.is_dictionary(column.type):
        chunk = column.combine_chunks()
        words = _as_typed(chunk.dictionary)
        if not pc.any(pc.match_substring(words, "\\")).as_py():
            return pa.chunked_array([pa.DictionaryArray.from_arrays(chunk.indices, words)])
        plain = pa.array([_unescape(w) for w in words.to_pylist()], pa.string())
        return pa.chunked_array([pa.DictionaryArray.from_arrays(chunk.indices, plain)])
    column = _as_typed(column)
    escaped: Column = pc.match_substring(column, "\\")
    if not pc.any(escaped).as_py():
        return column
    changed = [_unescape(text) for text in pc.filter(column, escaped).to_pylist()]
    return _replaced(column, escaped, pa.array(changed, pa.string()))


def _as_typed(column: Column) -> Column:
    """Text cells with the `'` that kept a spreadsheet from running them taken off."""
    quoted: Column = pc.starts_with(column, "'")
    if not pc.any(quoted).as_py():
        return column  # the usual case: one vectorised pass
    typed = pc.replace_substring_regex(pc.filter(column, quoted), NEUTRALISED_RE2, "\\1")
    return _replaced(column, quoted, typed)


def _replaced(column: Column, where: Column, values: Column) -> pa.Array:
    """`column` with the cells where `where` is true replaced by `values`, in order.

    (pyarrow's `replace_with_mask` does the same, several times slower on long text.)
    """
    column, values = _array(column), _array(values).cast(column.type)
    positions = np.flatnonzero(_array(where).to_numpy(zero_copy_only=False))
    indices = np.arange(len(column))
    indices[positions] = len(column) + np.arange(positions.size)
    return pa.concat_arrays([column, values]).take(pa.array(indices))


def _array(column: Column) -> Column:
    """One array, without a copy when the column is one already or has one chunk."""
    if not isinstance(column, pa.ChunkedArray):
        return column
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _without_broken_lines(data: Bytes) -> tuple[Bytes, int]:
    """`data` with its unusual lines read again strictly: dropped when broken, else rewritten
    as the csv module would write them; and how many were dropped.

    Finding the lines to look at is vectorised (see `_unusual_line_starts`); the few it finds
    (none in a log the app wrote and nobody edited) go through Python's csv module one by one,
    so every line reads exactly as a strict line-by-line reader would read it.
    """
    buffer = np.frombuffer(data, np.uint8)
    blocks, start = [], 0
    while start < buffer.size:  # in blocks of whole lines, so the work stays in the CPU cache
        end = _line_end(buffer, min(start + BLOCK_BYTES, buffer.size) - 1)
        blocks.append((start, end))
        start = end

    found = [start + _unusual_line_starts(buffer[start:end]) for start, end in blocks]
    starts = np.unique(np.concatenate(found)) if found else np.array([], np.int64)
    if not starts.size:
        return data, 0
    kept, position, dropped = [], 0, 0
    for begin in starts.tolist():
        end = _line_end(buffer, begin)
        kept.append(data[position:begin])
        line = _strictly_read(bytes(data[begin : end - 1]))
        if line is None:
            dropped += 1
        else:
            kept.append(line)
        position = end
    kept.append(data[position:])
    return b"".join(kept), dropped


def _strictly_read(line: bytes) -> bytes | None:
    """The line as the csv module writes the values it reads from it, or None if it is broken."""
    if line + b"\n" == SEAL:
        return None  # a line cut short: counted, never a row
    try:
        text = line.decode("utf-8").rstrip("\r")
        if "\x00" in text:
            return None
        values = next(csv.reader([text], strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue().encode()


def _line_end(buffer: np.ndarray, position: int) -> int:
    """Just past the first newline at or after `position` (or the end of `buffer`)."""
    window = 4096
    while position < buffer.size:
        hits = np.flatnonzero(buffer[position : position + window] == NEWLINE)
        if hits.size:
            return position + int(hits[0]) + 1
        position += window
        window *= 2
    return int(buffer.size)


def _unusual_line_starts(block: np.ndarray) -> np.ndarray:
    """Where the lines of `block` (whole lines) start that the app would not have written.

    The app's quoting is regular: within a line, counting its quotes from 0, an even-numbered
    quote opens a field (it starts the line or follows a comma or a doubled quote) and an
    odd-numbered one closes it (a comma, a quote or the line's end follows), and a line has an
    even number of quotes. Rows escape NULs and carriage returns, so a seal (a line that is just
    `\\r\\r`, in place of a line cut short), a NUL (how older logs sealed one) or a carriage
    return other than a line's last character is unusual too.
    """
    marks = np.flatnonzero((block == NEWLINE) | (block == QUOTE))
    is_newline = block[marks] == NEWLINE
    line_starts = np.r_[0, marks[is_newline] + 1]
    newlines_before = np.cumsum(is_newline)
    last = block.size - 1
    bad: list[np.ndarray] = []
    is_quote = ~is_newline
    quotes = marks[is_quote]
    if quotes.size:
        line = newlines_before[is_quote]
        counts = np.bincount(line, minlength=line_starts.size)
        rank = np.arange(quotes.size) - (np.cumsum(counts) - counts)[line]
        before = block[quotes - 1]
        if quotes[0] == 0:
            before[0] = NEWLINE
        after = block[np.minimum(quotes + 1, last)]
        bad.append(line[np.where((rank & 1) == 0, ~_OPENS[before], ~_CLOSES[after])])
        bad.append(np.flatnonzero(counts & 1))  # an odd number of quotes
    returns = np.flatnonzero(block == RETURN)
    if returns.size:
        after = block[np.minimum(returns + 1, last)]
        line = np.searchsorted(marks[is_newline], returns)
        bad.append(line[after != NEWLINE])
        seal = (after == NEWLINE) & (returns >= 1)  # a line that is just \r\r
        seal &= block[np.maximum(returns - 1, 0)] == RETURN
        seal &= (returns == 1) | (block[np.maximum(returns - 2, 0)] == NEWLINE)
        bad.append(line[seal])
    if block.min() == 0:
        bad.append(np.searchsorted(marks[is_newline], np.flatnonzero(block == 0)))
    if not bad:
        return np.array([], np.int64)
    return line_starts[np.unique(np.concatenate(bad))]


def _is_utf8(data: Bytes) -> bool:
    """Whether `data` is valid UTF-8, checked by pyarrow's validator without copying it."""
    if np.frombuffer(data, np.uint8).max() < 0x80:  # ASCII
        return True
    offsets = pa.py_buffer(struct.pack("<qq", 0, len(data)))  # one value: all of `data`
    as_binary = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        as_binary.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _without_lines_not_utf8(data: Bytes) -> tuple[bytes, int]:
    lines = bytes(data).split(b"\n")
    kept = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        kept.append(line)
    return b"\n".join(kept), len(lines) - len(kept)


_AS_WRITTEN = ("timestamp", "answer_id", "response")
_OPENS = np.isin(np.arange(256), np.frombuffer(b',"\n', np.uint8))
_CLOSES = np.isin(np.arange(256), np.frombuffer(b',"\r\n', np.uint8))
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_NEEDS_ESCAPE = re.compile(r"[\\\n\r\x00]")
_ESCAPED = re.compile(r"\\[\\nr0]")


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group()], text) if "\\" in text else text
