"""Answers the store could not take yet, kept by the server process until it can.

An unwritable file or a database that is down must never lose an answer: `save` keeps the row
here when the store refuses it, every later save and every `retry` (a page load) writes what is
waiting first, in order, and reads include the waiting rows, so a reload or a second tab sees
the answer as given. The rows live in the process, not in a browser session, so a reload never
drops them. Each row has its answer id, so a write that did land before failing is not doubled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.log import AnswerRow
from app.stores.base import ScoreStore


class Outbox:
    """A store's front door for the app: writes that wait when they must, reads that see them."""

    def __init__(self, store: ScoreStore) -> None:
        self.store = store
        self._waiting: list[AnswerRow] = []
        self._lock = threading.Lock()

    def save(self, row: AnswerRow) -> None:
        """Store `row` after whatever is waiting; if the store refuses, keep it and raise."""
        with self._lock:
            self._write([*self._waiting, row])

    def retry(self) -> None:
        """Write what is waiting (nothing to do when nothing is); raise if it still cannot."""
        # Every page load asks. Rows wait only after a write failed, so when none do the answer
        # needs no lock, and no wait for another session's save (its write and fsync).
        if not self._waiting:
            return
        with self._lock:
            if self._waiting:
                self._write(self._waiting)

    def waiting(self, *, student: str | None = None) -> list[AnswerRow]:
        """The rows not written yet (of one student)."""
        return [r for r in self._waiting if student is None or r.student == student]

    def attempt_rows(self, attempt_id: str) -> list[AnswerRow]:
        """The sitting's rows: those stored, then those waiting (first answers win)."""
        stored = self.store.attempt_rows(attempt_id)
        return stored + self._not_in(stored, lambda r: r.attempt_id == attempt_id)

    def student_rows(self, student: str) -> list[AnswerRow]:
        """The student's rows: those stored, then those waiting."""
        stored = self.store.student_rows(student)
        return stored + self._not_in(stored, lambda r: r.student == student)

    def _not_in(
        self, stored: list[AnswerRow], wanted: Callable[[AnswerRow], bool]
    ) -> list[AnswerRow]:
        # No lock: `_waiting` is only ever replaced, never changed, so this reads one version
        # of it, and reads never queue behind other sessions' saves.
        ids = {row.answer_id for row in stored}
        return [r for r in self._waiting if wanted(r) and r.answer_id not in ids]

    def _write(self, rows: list[AnswerRow]) -> None:
        try:
            self.store.append(rows)  # raises StoreError when it cannot
        except BaseException:
            self._waiting = rows  # kept, in order, for the next save or retry
            raise
        self._waiting = []
