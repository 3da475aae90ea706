"""Session state and cached reads for the pages: the only place that knows the key names."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from app import settings
from app.bank import LoadedBank, Problem, load_banks
from app.scores import EMPTY_LOG, AnswerRow, ScoreLog, ScoreLogError, append_answer, read_log

STUDENT = "student"
SITTING = "sitting"
SHOWN_AT = "shown_at"  # {(attempt, question id): monotonic time first shown}
UNSAVED = "unsaved"  # rows not yet written to the log
SAVE_ERROR = "save_error"
NOTICE = "notice"  # a message for the student, shown once


def widget_key(attempt_id: str, question_id: str) -> str:
    """Key prefix of a question's inputs: one per attempt and question, so inputs start empty."""
    return f"answer-{attempt_id}-{question_id}"


def init() -> None:
    """Create every session key this app uses, once per session."""
    defaults = {STUDENT: "", SITTING: None, SHOWN_AT: {}, UNSAVED: [], SAVE_ERROR: "", NOTICE: ""}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if not st.session_state[STUDENT]:
        st.session_state[STUDENT] = st.query_params.get("student", "").strip()


def banks() -> tuple[dict[str, LoadedBank], list[Problem]]:
    """Valid banks by id, and the problems of the invalid ones (reloaded when files change)."""
    folder = settings.questions_dir()
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file())
    return _load_banks(str(folder), stamp)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_banks(folder: str, stamp: tuple) -> tuple[dict[str, LoadedBank], list[Problem]]:
    # `stamp` (file names and modification times) is part of the cache key: edits reload.
    loaded, problems = load_banks([Path(folder)])
    return {b.bank.id: b for b in loaded}, problems


def score_log() -> ScoreLog:
    """The score log; when the file changes, only the rows appended since are read."""
    path = settings.scores_path()
    try:
        stat = path.stat()
    except OSError:
        return EMPTY_LOG
    return _log_reader(str(path)).read(stat.st_mtime_ns, stat.st_size)


class _LogReader:
    """Keeps the log as last read, shared by every session of this server process."""

    def __init__(self, path: Path) -> None:
        self._path, self._lock = path, threading.Lock()
        self._log, self._seen = EMPTY_LOG, (-1, -1)

    def read(self, mtime_ns: int, size: int) -> ScoreLog:
        with self._lock:
            if (mtime_ns, size) != self._seen:
                self._log, self._seen = read_log(self._path, self._log), (mtime_ns, size)
            return self._log


@st.cache_resource(show_spinner=False)
def _log_reader(path: str) -> _LogReader:
    return _LogReader(Path(path))


def save(row: AnswerRow) -> None:
    """Append `row` (after any earlier unsaved rows); on failure keep them all in the session."""
    pending: list[AnswerRow] = st.session_state[UNSAVED]
    pending.append(row)
    flush_unsaved()


def flush_unsaved() -> None:
    """Try to write the rows kept in the session; remember why if it fails."""
    pending: list[AnswerRow] = st.session_state[UNSAVED]
    path = settings.scores_path()
    while pending:
        try:
            append_answer(path, pending[0])
        except ScoreLogError as error:
            st.session_state[SAVE_ERROR] = str(error)
            return
        pending.pop(0)
    st.session_state[SAVE_ERROR] = ""


def shown_for(attempt_id: str, question_id: str) -> float:
    """When the question was first shown in this session (for its elapsed time)."""
    return st.session_state[SHOWN_AT].setdefault((attempt_id, question_id), time.monotonic())
