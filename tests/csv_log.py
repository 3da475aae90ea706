"""Write and read back a CSV score log the way the app does, for tests that look at the file."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from app.log import AnswerRow
from app.stores.csv_file import append_rows
from app.stores.csv_store import CsvStore


class Log(NamedTuple):
    rows: tuple[AnswerRow, ...]
    skipped: int


def append_answer(path: Path, row: AnswerRow) -> None:
    """Append one row, as the app does after each answer."""
    append_rows(path, [row])


def read_log(path: Path) -> Log:
    """Every row a fresh CSV store reads from `path`, and how many damaged lines it skipped."""
    store = CsvStore(path)
    return Log(tuple(store.all_rows()), store.skipped)
