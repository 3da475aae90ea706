"""The CSV score store: the default, one file on this machine (`QUIZ_SCORES_PATH`).

The file is read once in bulk, then only what was appended since (checked on every query by the
file's size and modification time). What was read is kept as columnar chunks, each indexed by
attempt and by student, so that one sitting or one student costs what their rows cost, not what
the whole log costs. One store is shared by every session of a server process; it is
thread-safe.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from app.log import COLUMNS, AnswerRow, Mode, first_of_each_answer
from app.stores import csv_file
from app.stores.base import StoreError
from app.stores.csv_file import Column

PIECE_BYTES = 1 << 24  # a big file is parsed this much at a time
SMALL_ROWS = 10_000  # chunks smaller than this come from incremental reads ...
MAX_CHUNKS = 32  # ... and are merged when there are more of them than this


@dataclass(frozen=True)
class Chunk:
    """Rows read together, with where each attempt's and each student's rows are."""

    table: pa.Table
    by_attempt: Index
    by_student: Index
    # The rows found in a small chunk, by index and key. A chunk never changes, and each click
    # asks every small chunk (one per append since the last merge) for its sitting's rows
    # several times: a pyarrow `take` each time cost more than the rest of the query.
    found: dict[tuple[str, str], list[AnswerRow]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, table: pa.Table) -> Chunk:
        table = table.unify_dictionaries().combine_chunks()
        return cls(table, Index(table["attempt_id"]), Index(table["student"]))

    def rows_where(self, index: str, key: str) -> list[AnswerRow]:
        """The rows whose `index` column ("by_attempt" or "by_student") holds `key`."""
        rows = self.found.get((index, key))
        if rows is None:
            positions = getattr(self, index).get(key)
            rows = [] if positions is None else _rows_of(self.table.take(positions))
            if rows and len(self.table) < SMALL_ROWS:
                self.found[index, key] = rows
        return rows


@dataclass
class _Read:
    """How far the file has been read, to read only what was appended since."""

    chunks: list[Chunk] = field(default_factory=list)
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
        csv_file.append_rows(self.path, rows)

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
        columns: dict[str, Column] = {name: table[name] for name in ("ts", "bank_id", "mode")}
        mask: Column = pc.is_valid(columns["ts"])
        if bank_id is not None:
            mask = pc.and_(mask, pc.equal(columns["bank_id"].cast(pa.string()), pa.scalar(bank_id)))
        if modes is not None:
            wanted = pa.array([Mode(m).value for m in modes], pa.string())
            mask = pc.and_(mask, pc.is_in(columns["mode"].cast(pa.string()), wanted))
        if since is not None:
            mask = pc.and_(mask, pc.greater_equal(table["ts"], pa.scalar(since, table["ts"].type)))
        if until is not None:
            mask = pc.and_(mask, pc.less(table["ts"], pa.scalar(until, table["ts"].type)))
        return frame_of(table.filter(mask))

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

    def _chunks(self) -> list[Chunk]:
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

    A big file is read and parsed a piece at a time, so that reading it never needs much more
    memory than the rows it keeps.
    """
    with open(path, "rb") as file:
        stat = os.fstat(file.fileno())
        file_id = (stat.st_dev, stat.st_ino)
        if file_id != previous.file_id or stat.st_size < previous.offset:
            previous = _Read()
        file.seek(previous.offset)
        header, skipped = previous.header, previous.skipped - previous.cut_tail
        chunks, offset, carry = list(previous.chunks), previous.offset, b""
        while piece := file.read(PIECE_BYTES):
            data = carry + piece
            end = data.rfind(b"\n") + 1
            complete, carry = data[:end], data[end:]
            if offset == 0 and complete.startswith(COLUMNS[0].encode() + b","):
                first_line, _, complete = complete.partition(b"\n")
                named = csv_file.header_of(first_line)
                if named is None:
                    skipped += 1  # the header was cut short; its rows have the standard columns
                else:
                    header = named
            offset += end
            if complete:
                table, damaged = csv_file.parse_lines(complete, header)
                skipped += damaged
                if len(table):
                    chunks.append(Chunk.of(table))
    if offset - previous.offset > PIECE_BYTES:
        pa.default_memory_pool().release_unused()  # give back what parsing needed for a while
    cut_tail = carry != b""  # a last line without its newline was cut short (or is being written)
    return _Read(
        chunks=_merged(chunks),
        skipped=skipped + cut_tail,
        offset=offset,
        header=header,
        file_id=file_id,
        stamp=(stat.st_mtime_ns, stat.st_size),
        cut_tail=cut_tail,
    )


def _merged(chunks: list[Chunk]) -> list[Chunk]:
    """`chunks`, with the small ones at the end (one per incremental read) merged when many."""
    small = 0
    while small < len(chunks) and len(chunks[-1 - small].table) < SMALL_ROWS:
        small += 1
    if small <= MAX_CHUNKS:
        return chunks
    tail = pa.concat_tables([c.table for c in chunks[-small:]])
    return [*chunks[:-small], Chunk.of(tail)]


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
    return [AnswerRow(*values) for values in zip(*columns.values(), strict=True)]


def frame_of(table: pa.Table) -> pd.DataFrame:
    """Rows as a DataFrame for analytics: the columns of a row, `timestamp` parsed."""
    frame = table.drop_columns(["timestamp"]).rename_columns(
        [c if c != "ts" else "timestamp" for c in table.column_names if c != "timestamp"]
    )
    result = frame.to_pandas().reindex(columns=list(COLUMNS))
    ids = result["answer_id"]
    return result[~(ids.duplicated() & (ids != ""))].reset_index(drop=True)
