"""What every score store offers the pages and commands, and the one error it raises."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

import pandas as pd

from app.log import AnswerRow, Mode


class StoreError(Exception):
    """The store cannot be written or read. `str()` is for a student: it names no path.

    `where` (the file's path, or the database's host and port, never a password) is for the
    instructor and the command line.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(message)
        self.where = where

    def detailed(self) -> str:
        return f"{self}: {self.where}" if self.where else str(self)


class ScoreStore(Protocol):
    """The score log, wherever it is kept. Rows come back in the order they were stored, and
    an answer stored twice (same `answer_id`) comes back once."""

    def append(self, rows: Sequence[AnswerRow]) -> None:
        """Store `rows`, in order; an answer stored again (same id) is never read back twice."""
        ...

    def attempt_rows(self, attempt_id: str) -> list[AnswerRow]:
        """The rows of one sitting."""
        ...

    def student_rows(self, student: str) -> list[AnswerRow]:
        """The rows of one student."""
        ...

    def answer_ids(self) -> set[str]:
        """Every answer id stored (for copying a log without doubling it)."""
        ...

    def all_rows(self) -> Iterable[AnswerRow]:
        """Every row (for copying a log), in order."""
        ...

    def frame(
        self,
        *,
        bank_id: str | None = None,
        modes: Iterable[Mode] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> pd.DataFrame:
        """The rows as columns for analytics (`timestamp` parsed, UTC), filtered."""
        ...

    @property
    def skipped(self) -> int:
        """How many damaged lines were left out (always 0 for a database)."""
        ...

    def close(self) -> None:
        """Let go of files and connections."""
        ...
