"""How long each script run takes on the server, written to a file when
`QUIZ_TIMING_LOG` names one (bench/classroom_bench.py reads it). Off by default: then nothing
is timed and nothing is written.

A script run here is what the server does for one click or page load: the callbacks of the
widgets (submitting an answer stores its row there) and then the page script, or, for a click
inside a fragment (the quiz's question area), the fragment alone. Each run is one
tab-separated line: unix time, page, wall-clock milliseconds (callbacks + script), the
callbacks' share of them, the CPU milliseconds the run's thread used (its own work, without the
time it waited for a core or for the GIL), and the callbacks' names (`submit`, `advance`, ...
joined by `+`; empty for a page load). A line is appended with a single `write`, so lines of
parallel runs and servers never interleave.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import streamlit as st

ENV = "QUIZ_TIMING_LOG"
_CALLBACK_MS = "timing_callback_ms"  # callbacks' time in this run, added to the script's
_CALLBACKS = "timing_callbacks"  # their names
_CALLBACK_CPU_MS = "timing_callback_cpu_ms"  # their thread's CPU time

_timing = threading.local()  # .active: a run is being timed in this thread (runs are threads)

P = ParamSpec("P")
R = TypeVar("R")


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def callback(function: Callable[P, R]) -> Callable[P, R]:
    """Count a widget callback's time in the script run it belongs to."""

    @functools.wraps(function)
    def timed(*args: P.args, **kwargs: P.kwargs) -> R:
        if not enabled():
            return function(*args, **kwargs)
        started, cpu_started = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = (time.perf_counter() - started) * 1000
            cpu = (time.thread_time() - cpu_started) * 1000
            st.session_state[_CALLBACK_MS] = st.session_state.get(_CALLBACK_MS, 0.0) + spent
            st.session_state[_CALLBACK_CPU_MS] = st.session_state.get(_CALLBACK_CPU_MS, 0.0) + cpu
            names = st.session_state.get(_CALLBACKS, "")
            st.session_state[_CALLBACKS] = f"{names}+{function.__name__}".lstrip("+")

    return timed


@dataclass
class Run:
    """The script run being timed; the router names its page once navigation has chosen it."""

    page: str = "?"


@contextmanager
def script_run(page: str = "?") -> Iterator[Run]:
    """Time the script run inside the block (st.stop and reruns included). Inside a run already
    timed (a fragment's body in a whole-page run) it times nothing: the run counts once."""
    path = os.environ.get(ENV)
    run = Run(page)
    if not path or getattr(_timing, "active", False):
        yield run
        return
    started, cpu_started = time.perf_counter(), time.thread_time()
    _timing.active = True
    try:
        yield run
    finally:
        _timing.active = False
        script_ms = (time.perf_counter() - started) * 1000
        script_cpu_ms = (time.thread_time() - cpu_started) * 1000
        callback_ms = st.session_state.get(_CALLBACK_MS, 0.0)
        cpu_ms = script_cpu_ms + st.session_state.get(_CALLBACK_CPU_MS, 0.0)
        callbacks = st.session_state.get(_CALLBACKS, "")
        st.session_state[_CALLBACK_MS] = st.session_state[_CALLBACK_CPU_MS] = 0.0
        st.session_state[_CALLBACKS] = ""
        fields = (
            f"{time.time():.3f}",
            run.page,
            f"{script_ms + callback_ms:.2f}",
            f"{callback_ms:.2f}",
            f"{cpu_ms:.2f}",
            callbacks,
        )
        line = "\t".join(fields) + "\n"
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, line.encode())
        finally:
            os.close(descriptor)
