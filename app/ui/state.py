"""Session state and cached reads for the pages: the only place that knows the key names."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from app import settings
from app.bank import LoadedBank, Problem, load_banks
from app.grading import Grade
from app.log import AnswerRow
from app.stores import StoreError, open_store
from app.stores.outbox import Outbox

STUDENT = "student"
SITTING = "sitting"  # the sitting on screen, as last shown
READ_BACK = "read_back"  # (bank, sitting) just read from the store, for the same run's page
RESUMED = "resumed"  # (bank, (plan, article, rows), sitting): the last sitting built from rows
VIEWING = "viewing"  # {attempt id: the answered question whose feedback is on screen}
SHOWN_AT = "shown_at"  # {(attempt, question id): monotonic time first shown}
NOTICE = "notice"  # a message for the student, shown once
REVEALED = "revealed"  # {flashcard review id: Reveal, once the back is shown}
RATED = "rated"  # what the last flashcard rating did, for the next card's page
SAVED = "saved"  # deferred feedback: "Answer saved.", for the next question's page
INSTRUCTOR = "instructor"  # signed in with the instructor password (other machines)
SIGNED_IN = "signed_in"  # with a roster: the student signed in with name and code
ISSUED = "issued_codes"  # roster codes just made, shown to the instructor until dismissed
EDITOR = "bank_editor"  # {bank file: {"base": digest of the file as opened, "text": the edit}}
DRAFT = "article_draft"  # the instructor's draft from an article, under review (app.draft.Draft)
DRAFT_NOTICE = "draft_notice"  # what drafting or publishing did, shown once (drafting.Notice)
BANK_NOTICE = "bank_notice"  # (st function name, message): what the last bank edit did


def widget_key(attempt_id: str, question_id: str) -> str:
    """Key prefix of a question's inputs: one per attempt and question, so inputs start empty.

    Keys reach the browser (in CSS classes and messages) and ids may spell the answer, so the
    key is a digest that names neither.
    """
    digest = hashlib.sha256(f"{attempt_id}\0{question_id}".encode()).hexdigest()[:16]
    return f"answer-{digest}"


def init() -> None:
    """Create every session key this app uses, once per session."""
    defaults: dict[str, object] = {
        STUDENT: "",
        SITTING: None,
        VIEWING: {},
        SHOWN_AT: {},
        NOTICE: "",
        REVEALED: {},
        RATED: "",
        SAVED: "",
        INSTRUCTOR: False,
        SIGNED_IN: "",
        ISSUED: [],
        EDITOR: {},
        DRAFT: None,
        DRAFT_NOTICE: None,
        BANK_NOTICE: None,
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if not st.session_state[STUDENT]:
        st.session_state[STUDENT] = st.query_params.get("student", "").strip()


def banks() -> tuple[dict[str, LoadedBank], list[Problem]]:
    """Valid banks by id, and the problems of the invalid ones (reloaded when files change)."""
    folder = settings.questions_dir()
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file())
    return _per_process(f"banks:{folder}", stamp, lambda: _load_banks(folder))


def _load_banks(folder: Path) -> tuple[dict[str, LoadedBank], list[Problem]]:
    loaded, problems = load_banks([folder])
    return {b.bank.id: b for b in loaded}, problems


def scores() -> Outbox:
    """The score store of this server process (CSV file or database), with its waiting rows."""
    target = settings.scores_target()
    return _per_process(f"scores:{target}", (), lambda: Outbox(open_store(target)))


T = TypeVar("T")
_made: dict[str, tuple[object, Any]] = {}  # name: (stamp, value)
_making = threading.Lock()
_MADE_AT_MOST = 8  # a server has one bank folder and one store; tests make many


def _per_process(name: str, stamp: object, make: Callable[[], T]) -> T:
    """The value `make` gave for `name`, made again when `stamp` changes; one per process,
    shared by every session, made once even when sessions ask at the same time.

    Not st.cache_resource: it hashes its arguments on every call, 0.1 ms each, and a Submit
    asks for the store five times (traced in bench/ui_bench.py's server).
    """
    made = _made.get(name)
    if made is None or made[0] != stamp:
        with _making:
            made = _made.get(name)
            if made is None or made[0] != stamp:
                if name not in _made and len(_made) >= _MADE_AT_MOST:
                    del _made[next(iter(_made))]  # the oldest
                made = _made[name] = (stamp, make())
    return cast(T, made[1])


def save(row: AnswerRow) -> None:
    """Store `row`; when the store cannot take it now, it waits in the process (see
    `save_problem`)."""
    with contextlib.suppress(StoreError):  # kept by the outbox, shown as waiting on every page
        scores().save(row)


def save_problem(student: str) -> tuple[str, int]:
    """Try again to write what waits; why it still cannot, and how many of `student`'s
    answers wait ("" and 0 when everything is written)."""
    outbox = scores()
    try:
        outbox.retry()
    except StoreError as error:
        return str(error), len(outbox.waiting(student=student))
    return "", 0


def shown_for(attempt_id: str, question_id: str) -> float:
    """When the question was first shown in this session (for its elapsed time)."""
    return st.session_state[SHOWN_AT].setdefault((attempt_id, question_id), time.monotonic())


@dataclass(frozen=True)
class Reveal:
    """A flashcard's back on screen: what the student typed on the front, and its grade."""

    response: Any  # in grading's shape; None when nothing was typed
    grade: Grade | None


def time_zone() -> tzinfo:
    """The browser's time zone (UTC when the browser does not say, or names an unknown one)."""
    name = st.context.timezone
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
