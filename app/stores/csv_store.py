"""The CSV score store: the default, one file on this machine (`QUIZ_SCORES_PATH`).

The file is read once in bulk, then only what was appended since (checked on every query by the
file's size and modification time); rows this process appends right after what it has read
join it as they are written, without being read back. What was read is kept as columnar chunks,
each indexed by attempt and by student, so that one sitting or one student costs what their
rows cost, not what the whole log costs. One store is shared by every session of a server
process; it is thread-safe.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from io import BufferedReader
from pathlib import Path
from typing import ClassVar, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from app.log import COLUMNS, AnswerRow, Mode, first_of_each_answer
from app.stores import csv_file
from app.stores.base import StoreError
from app.stores.csv_file import Column

PIECE_BYTES = 1 << 23  # a big file is parsed this much at a time ...
SMALL_PIECE_BYTES = 1 << 16  # ... and what was appended since the last read, in a piece this big
WORKERS = len(os.sched_getaffinity(0))  # ... this many pieces at once
SMALL_ROWS = 10_000  # chunks smaller than this come from incremental reads ...
MAX_CHUNKS = 32  # ... and are merged when there are more of them than this
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


class Chunk:
    """Rows read together, with where each attempt's and each student's rows are (indexed on
    first use: a report over the whole log never needs them)."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        # The rows found in a small chunk, by index and key. A chunk never changes, and each
        # click asks every small chunk (one per append since the last merge) for its sitting's
        # rows several times: a pyarrow `take` each time cost more than the rest of the query.
        self.found: dict[tuple[str, str], list[AnswerRow]] = {}

    @classmethod
    def of(cls, table: pa.Table) -> Chunk:
        return cls(table.unify_dictionaries().combine_chunks())

    def __len__(self) -> int:
        return len(self.table)

    @cached_property
    def by_attempt(self) -> Index:
        return Index(self.table["attempt_id"])

    @cached_property
    def by_student(self) -> Index:
        return Index(self.table["student"])

    def rows_where(self, index: str, key: str) -> list[AnswerRow]:
        """The rows whose `index` column ("by_attempt" or "by_student") holds `key`."""
        rows = self.found.get((index, key))
        if rows is None:
            positions = getattr(self, index).get(key)
            rows = [] if positions is None else _rows_of(self.table.take(positions))
            if rows and len(self.table) < SMALL_ROWS:
                self.found[index, key] = rows
        return rows


class WrittenChunk:
    """Rows this process appended, known as they were written: their lines are parsed only when
    a whole-log read (a report, a merge of chunks) wants them as a table.

    Saving an answer then reading its sitting again (so that the first answer wins) used to
    parse the line just written: 3 ms of each Submit on the server (bench/ui_bench.py).
    """

    _COLUMN: ClassVar[dict[str, str]] = {"by_attempt": "attempt_id", "by_student": "student"}

    def __init__(self, data: bytes, rows: list[AnswerRow]) -> None:
        self.data, self.rows = data, rows

    @cached_property
    def table(self) -> pa.Table:
        return _written_table(self.data)

    def __len__(self) -> int:
        return len(self.rows)

    def rows_where(self, index: str, key: str) -> list[AnswerRow]:
        column = self._COLUMN[index]
        return [row for row in self.rows if getattr(row, column) == key]


AnyChunk = Chunk | WrittenChunk


def _written_table(data: bytes) -> pa.Table:
    """The lines this process wrote (whole rows of our columns), as a chunk's table."""
    return Chunk.of(csv_file.parse_lines(data, COLUMNS)[0]).table


@dataclass
class _Read:
    """How far the file has been read, to read only what was appended since."""

    chunks: list[AnyChunk] = field(default_factory=list)
    skipped: int = 0
    offset: int = 0  # end of the last complete line read
    header: tuple[str, ...] = COLUMNS
    file_id: tuple[int, int] = (0, 0)  # device, inode: a replaced file is read again
    stamp: tuple[int, int] = (-1, -1)  # modification time, size when last read
    cut_tail: bool = False  # the last line had no newline yet (counted in skipped)


class CsvStore:
    """The score log in one CSV file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._read = _Read()

    def __repr__(self) -> str:
        return f"CsvStore({str(self.path)!r})"

    def append(self, rows: Sequence[AnswerRow]) -> None:
        appended = csv_file.append_rows(self.path, rows)
        if appended is None or len(appended.data) > SMALL_PIECE_BYTES:
            return  # read back from the file by the next query (a bulk copy is parsed in bulk)
        stored = []
        for row in rows:
            as_read = csv_file.as_stored(row)
            if as_read is None:
                return  # the reader would drop it: read back like any other change to the file
            stored.append(as_read)
        with self._lock:
            read = self._read
            if (
                appended.start == read.offset  # nothing written between the last read and this
                and appended.file_id == read.file_id
                and read.header == COLUMNS
                and not read.cut_tail
            ):
                chunk = WrittenChunk(appended.data, stored)
                try:
                    chunks = _merged([*read.chunks, chunk])
                except pa.ArrowException:  # the rows are written: never report them lost
                    return  # the next query reads them from the file
                self._read = replace(
                    read,
                    chunks=chunks,
                    offset=appended.start + len(appended.data),
                    stamp=appended.stamp,
                )

    def attempt_rows(self, attempt_id: str) -> list[AnswerRow]:
        return self._rows_where("by_attempt", attempt_id)

    def student_rows(self, student: str) -> list[AnswerRow]:
        return self._rows_where("by_student", student)

    def answer_ids(self) -> set[str]:
        ids: set[str] = set()
        for chunk in self._chunks():
            ids.update(str(answer_id) for answer_id in chunk.table["answer_id"].to_pylist())
        ids.discard("")
        return ids

    def all_rows(self) -> Iterator[AnswerRow]:
        seen: set[str] = set()
        for chunk in self._chunks():
            for batch in chunk.table.to_batches(max_chunksize=50_000):
                for row in _rows_of(pa.Table.from_batches([batch])):
                    if row.answer_id:
                        if row.answer_id in seen:
                            continue
                        seen.add(row.answer_id)
                    yield row

    def frame(
        self,
        *,
        bank_id: str | None = None,
        modes: Iterable[Mode] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> pd.DataFrame:
        tables = [chunk.table for chunk in self._chunks()] or [csv_file.empty_table()]
        table = pa.concat_tables(tables, promote_options="default")
        keep: list[np.ndarray] = []  # every row read has a valid timestamp
        if bank_id is not None:
            keep.append(_one_of(table["bank_id"], [bank_id]))
        if modes is not None:
            keep.append(_one_of(table["mode"], [Mode(m).value for m in modes]))
        ts: Column = table["ts"]
        if since is not None:
            keep.append(_numpy(pc.greater_equal(ts, pa.scalar(since, ts.type))))
        if until is not None:
            keep.append(_numpy(pc.less(ts, pa.scalar(until, ts.type))))
        if keep:
            table = table.filter(pa.array(np.logical_and.reduce(keep)))
        return frame_of(table)

    @property
    def skipped(self) -> int:
        return self._refresh().skipped

    def close(self) -> None:
        with self._lock:
            self._read = _Read()

    def _rows_where(self, index: str, key: str) -> list[AnswerRow]:
        rows: list[AnswerRow] = []
        for chunk in self._chunks():
            rows += chunk.rows_where(index, key)
        return first_of_each_answer(rows)

    def _chunks(self) -> list[AnyChunk]:
        return self._refresh().chunks

    def _refresh(self) -> _Read:
        """The file as read up to now, reading what was appended since the last call."""
        with self._lock:
            try:
                stat = os.stat(self.path)
                if (stat.st_mtime_ns, stat.st_size) != self._read.stamp:
                    self._read = _read_more(self.path, self._read)
            except (FileNotFoundError, NotADirectoryError):
                self._read = _Read()  # no log yet: nothing was answered
            except OSError as error:
                reason = error.strerror or type(error).__name__
                raise StoreError(
                    f"cannot read the score file: {reason}", where=str(self.path)
                ) from error
            return self._read


def _read_more(path: Path, previous: _Read) -> _Read:
    """`previous` with the lines appended since, or the whole file if it was replaced.

    A big file is read a piece at a time, and the pieces are parsed side by side (pyarrow and
    numpy let go of the GIL), a few at once, so that reading it never needs much more memory
    than the rows it keeps.
    """
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        file_id = (stat.st_dev, stat.st_ino)
        if file_id != previous.file_id or stat.st_size < previous.offset:
            previous = _Read()
        file.seek(previous.offset)
        pieces = _Pieces(file, previous.offset, previous.header, stat.st_size)
        workers = WORKERS if stat.st_size - previous.offset > PIECE_BYTES else 1
        chunks: list[AnyChunk] = list(previous.chunks)
        skipped = previous.skipped - previous.cut_tail
        for chunk, damaged in _in_order(_parsed, pieces, workers):
            skipped += damaged
            if chunk is not None:
                chunks.append(chunk)
    if pieces.offset - previous.offset > PIECE_BYTES:
        pa.default_memory_pool().release_unused()  # give back what parsing needed for a while
    cut_tail = pieces.carry != b""  # a last line without its newline: cut short, or being written
    return _Read(
        chunks=_merged(chunks),
        skipped=skipped + pieces.skipped + cut_tail,
        offset=pieces.offset,
        header=pieces.header,
        file_id=file_id,
        stamp=(stat.st_mtime_ns, stat.st_size),
        cut_tail=cut_tail,
    )


class _Pieces:
    """The complete lines of a file from `offset` on, a piece at a time, each with the header
    they are read with; then how far the lines went, and the partial line after them."""

    def __init__(
        self, file: BufferedReader, offset: int, header: tuple[str, ...], size: int
    ) -> None:
        self.file, self.offset, self.header = file, offset, header
        self.size = size  # of the file when opened: it may grow while it is read
        self.skipped = 0  # a header cut short
        self.carry = b""

    def __iter__(self) -> Iterator[tuple[memoryview, tuple[str, ...]]]:
        while True:
            # Each piece gets a buffer of its own and is parsed from there without a copy (the
            # parser may let go of the bytes a little after it returns, so none is reused).
            # No bigger than what is left to read: zeroing PIECE_BYTES for the one row a Submit
            # just stored cost about 4 ms of the read after it (bench/ui_bench.py's clicks).
            left = self.size - self.offset - len(self.carry)
            buffer = bytearray(len(self.carry) + min(PIECE_BYTES, max(left, SMALL_PIECE_BYTES)))
            buffer[: len(self.carry)] = self.carry
            read = self.file.readinto(memoryview(buffer)[len(self.carry) :])
            if not read:
                return
            filled = len(self.carry) + read
            end = buffer.rfind(b"\n", 0, filled) + 1
            start = 0
            if self.offset == 0 and buffer.startswith(COLUMNS[0].encode() + b",", 0, end):
                start = buffer.index(b"\n", 0, end) + 1
                named = csv_file.header_of(bytes(buffer[: start - 1]))
                if named is None:
                    self.skipped += 1  # the header was cut short; the rows have our columns
                else:
                    self.header = named
            self.offset += end
            self.carry = bytes(buffer[end:filled])
            if end > start:
                yield memoryview(buffer)[start:end], self.header


def _parsed(piece: tuple[memoryview, tuple[str, ...]]) -> tuple[Chunk | None, int]:
    table, damaged = csv_file.parse_lines(*piece)
    return (Chunk.of(table) if len(table) else None), damaged


def _in_order(
    function: Callable[[_Item], _Result], items: Iterable[_Item], workers: int
) -> Iterator[_Result]:
    """`function` of each item, in order, computed `workers` at a time; items are taken only
    as results are wanted, so that few are held at once."""
    if workers <= 1:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(workers) as pool:
        pending: deque[Future[_Result]] = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _merged(chunks: list[AnyChunk]) -> list[AnyChunk]:
    """`chunks`, with the small ones at the end (one per incremental read or append) merged
    when many."""
    small = 0
    while small < len(chunks) and len(chunks[-1 - small]) < SMALL_ROWS:
        small += 1
    if small <= MAX_CHUNKS:
        return chunks
    tables, written = [], b""
    for chunk in chunks[-small:]:  # lines written one after another are parsed at once
        if isinstance(chunk, WrittenChunk):
            written += chunk.data
            continue
        if written:
            tables.append(_written_table(written))
            written = b""
        tables.append(chunk.table)
    if written:
        tables.append(_written_table(written))
    return [*chunks[:-small], Chunk.of(pa.concat_tables(tables, promote_options="default"))]


class Index:
    """Where each value of a dictionary-encoded column is: its rows, in order, on demand."""

    def __init__(self, column: Column) -> None:
        array = column.combine_chunks()
        codes = array.indices.to_numpy(zero_copy_only=False)
        self._order = np.argsort(codes, kind="stable")
        self._bounds = np.r_[0, np.cumsum(np.bincount(codes, minlength=len(array.dictionary)))]
        self._codes: dict[str, list[int]] = {}
        for code, value in enumerate(array.dictionary.to_pylist()):
            self._codes.setdefault(value, []).append(code)

    def get(self, value: str) -> np.ndarray | None:
        """The row positions holding `value`, or None when there are none."""
        codes = self._codes.get(value, [])
        parts = [self._order[self._bounds[c] : self._bounds[c + 1]] for c in codes]
        positions = np.sort(np.concatenate(parts)) if len(parts) > 1 else next(iter(parts), None)
        return positions if positions is not None and positions.size else None


def _rows_of(table: pa.Table) -> list[AnswerRow]:
    columns = table.select(list(COLUMNS)).to_pydict()
    columns["response"] = [csv_file.decoded_response(cell) for cell in columns["response"]]
    return [AnswerRow(*values) for values in zip(*columns.values(), strict=True)]


def _one_of(column: Column, values: list[str]) -> np.ndarray:
    """Which cells of a dictionary-encoded column are one of `values`, looked up in each chunk's
    dictionary (never decoding a million cells)."""
    wanted = pa.array(values, pa.string())
    parts = [
        _numpy(pc.is_in(chunk.dictionary, value_set=wanted))[_numpy(chunk.indices)]
        for chunk in column.chunks
    ]
    return np.concatenate(parts) if parts else np.array([], bool)


def _numpy(array: Column) -> np.ndarray:
    if isinstance(array, pa.ChunkedArray):
        return np.concatenate([_numpy(chunk) for chunk in array.chunks] or [np.array([])])
    return array.to_numpy(zero_copy_only=False)


def frame_of(table: pa.Table) -> pd.DataFrame:
    """Rows as a DataFrame for analytics: the columns of a row, `timestamp` parsed; an answer
    saved twice is there once."""
    table = _first_of_each_answer(table)
    table = table.set_column(
        table.column_names.index("response"),
        "response",
        csv_file.decoded_responses(table["response"]),
    )
    frame = table.drop_columns(["timestamp"]).rename_columns(
        [c if c != "ts" else "timestamp" for c in table.column_names if c != "timestamp"]
    )
    return frame.to_pandas().reindex(columns=list(COLUMNS))


def _first_of_each_answer(table: pa.Table) -> pa.Table:
    """`table` without repeats of an answer id, the first kept.

    An answer saved twice is the same row twice, so only rows that share their sitting and
    question can repeat one. Those few are found first, by hashing two small integer codes per
    row (much quicker than hashing every answer id of a big log).
    """
    if not len(table):
        return table
    unified = table.select(["attempt_id", "question_id"]).unify_dictionaries()
    columns: list[Column] = unified.columns
    attempt, question = (
        np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks])
        for column in columns
    )
    questions = len(columns[1].chunk(0).dictionary)
    key = pd.Series(attempt.astype(np.int64) * questions + question)
    shared = np.flatnonzero(key.duplicated(keep=False).to_numpy())
    if not shared.size:
        return table
    seen: set[str] = set()
    keep = np.ones(len(table), bool)
    for position, answer_id in zip(
        shared, table["answer_id"].take(shared).to_pylist(), strict=True
    ):
        if answer_id in seen:
            keep[position] = False
        elif answer_id:
            seen.add(answer_id)
    return table.filter(pa.array(keep))
