"""A timeline of a Streamlit server, for bench/submit_trace.py.

Python imports `sitecustomize` at start from the first folder on its path that has one:
bench/submit_trace.py puts this folder first on the PYTHONPATH of the servers it starts, never
on its own. With SERVER_TRACE_OUT unset it does nothing. With it set, the server records, with
`time.perf_counter_ns()` (one clock for every thread of the process):

- `made MESSAGE`: the script's thread hands a ForwardMsg (an element) to the server's event
  loop (`ScriptRunner._enqueue_forward_msg`, which asks the loop, by `call_soon_threadsafe`,
  to queue it);
- `queued MESSAGE`: the event loop puts a ForwardMsg in the session's browser queue
  (`AppSession._enqueue_forward_msg`): a message made by the script, when the loop gets to it,
  or one the loop makes itself on the script's events (`new_session` when a run starts,
  `script_finished` when it ends, `session_status_changed`);
- `flush N`: the event loop takes the N messages a session has queued
  (`AppSession.flush_browser_queue`; empty takes are not recorded), then sends them and pauses
  5 ms (MESSAGE_FLUSH_INTERVAL_SECS) before it takes more;
- `sent MESSAGE`: a ForwardMsg sent to the browser (`Runtime._send_message`);
- `callbacks start` and `callbacks end`: a run's widget callbacks, all of them
  (`SessionState._call_callbacks`);
- `call NAME` and `return NAME`: each call of the functions SERVER_TRACE_WRAP names
  (`module:function`, comma-separated), wrapped as soon as their module has been executed,
  before any other module can import them.

MESSAGE is the ForwardMsg's type (`new_session`, `session_status_changed`, ...), with the
element of a new-element delta (`delta/el:alert`) and the status of a finished run
(`script_finished/FINISHED_SUCCESSFULLY`). The rows are kept in memory and written to the file
SERVER_TRACE_OUT names, tab-separated (nanoseconds, event, what), when the server exits: no
file is written while it runs. A `streamlit run` of a script exits on SIGTERM (atexit writes
it); one of an `st.App` (the quiz app) stops under uvicorn, which then raises the SIGTERM it
caught again with the handler it found, so a SIGTERM handler writes it there.
"""

from __future__ import annotations

import atexit
import functools
import importlib.abc
import importlib.machinery
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

Row = tuple[int, str, str]


def describe(msg: Any) -> str:
    """A ForwardMsg's type, with a delta's element and a finished run's status."""
    kind = msg.WhichOneof("type")
    if kind == "delta":
        what = msg.delta.WhichOneof("type")
        if what == "new_element":
            what = "el:" + msg.delta.new_element.WhichOneof("type")
        return f"delta/{what}"
    if kind == "script_finished":
        return f"script_finished/{type(msg).ScriptFinishedStatus.Name(msg.script_finished)}"
    return str(kind)


def trace_streamlit(rows: list[Row]) -> None:
    """Record every ForwardMsg made, queued, taken and sent, and each run's callbacks, in
    `rows`."""
    from streamlit.runtime import app_session, runtime
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.state import session_state

    make = script_runner.ScriptRunner._enqueue_forward_msg
    enqueue = app_session.AppSession._enqueue_forward_msg
    flush = app_session.AppSession.flush_browser_queue
    send = runtime.Runtime._send_message
    call_callbacks = session_state.SessionState._call_callbacks

    def traced_make(self: Any, msg: Any) -> None:
        rows.append((time.perf_counter_ns(), "made", describe(msg)))
        make(self, msg)

    def traced_enqueue(self: Any, msg: Any) -> None:
        rows.append((time.perf_counter_ns(), "queued", describe(msg)))
        enqueue(self, msg)

    def traced_flush(self: Any) -> Any:
        messages = flush(self)
        if messages:
            rows.append((time.perf_counter_ns(), "flush", str(len(messages))))
        return messages

    def traced_send(self: Any, session_info: Any, msg: Any) -> None:
        rows.append((time.perf_counter_ns(), "sent", describe(msg)))
        send(self, session_info, msg)

    def traced_callbacks(self: Any, *args: Any, **kwargs: Any) -> Any:
        rows.append((time.perf_counter_ns(), "callbacks", "start"))
        try:
            return call_callbacks(self, *args, **kwargs)
        finally:
            rows.append((time.perf_counter_ns(), "callbacks", "end"))

    script_runner.ScriptRunner._enqueue_forward_msg = traced_make  # type: ignore[method-assign]
    app_session.AppSession._enqueue_forward_msg = traced_enqueue  # type: ignore[method-assign]
    app_session.AppSession.flush_browser_queue = traced_flush  # type: ignore[method-assign]
    runtime.Runtime._send_message = traced_send  # type: ignore[method-assign]
    session_state.SessionState._call_callbacks = traced_callbacks  # type: ignore[method-assign]


def timed(name: str, function: Callable[..., Any], rows: list[Row]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        rows.append((time.perf_counter_ns(), "call", name))
        try:
            return function(*args, **kwargs)
        finally:
            rows.append((time.perf_counter_ns(), "return", name))

    return wrapper


class WrapOnImport(importlib.abc.MetaPathFinder):
    """Wraps the named functions of a module (`timed`) as soon as the module has been executed.

    The module's attribute is replaced, so every call that looks it up when it runs is timed
    (`state.save(...)`, or a module's own global `resume(...)`), and so is every call through a
    `from module import function` elsewhere, since that import takes the name only once the
    module has been executed. A reference taken while the module executes (by a decorator of
    its own) keeps the function unwrapped. A module never imported is never wrapped
    (bench/submit_trace.py then stops: a Submit lacks that stage); a function its module lacks
    makes the import fail.
    """

    def __init__(self, wanted: dict[str, list[str]], rows: list[Row]) -> None:
        self.wanted = wanted
        self.rows = rows

    def wrap(self, module: ModuleType, names: list[str]) -> None:
        for name in names:
            function = getattr(module, name)
            setattr(module, name, timed(f"{module.__name__}:{name}", function, self.rows))

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        names = self.wanted.pop(fullname, None)
        if names is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module = loader.exec_module

        def exec_then_wrap(module: ModuleType) -> None:
            exec_module(module)
            self.wrap(module, names)

        loader.exec_module = exec_then_wrap  # type: ignore[method-assign]
        return spec


def install(out: str, wrap: str) -> None:
    rows: list[Row] = []
    written = False

    def write() -> None:
        nonlocal written
        if not written:
            written = True
            with open(out, "w", encoding="utf-8") as file:
                file.writelines(f"{ns}\t{event}\t{what}\n" for ns, event, what in rows)

    def write_then_die(signal_number: int, _frame: object) -> None:
        write()
        signal.signal(signal_number, signal.SIG_DFL)
        signal.raise_signal(signal_number)

    atexit.register(write)
    signal.signal(signal.SIGTERM, write_then_die)
    trace_streamlit(rows)
    wanted: dict[str, list[str]] = {}
    for target in filter(None, (item.strip() for item in wrap.split(","))):
        module, _, name = target.partition(":")
        wanted.setdefault(module, []).append(name)
    hook = WrapOnImport(wanted, rows)
    for module in [name for name in wanted if name in sys.modules]:
        hook.wrap(sys.modules[module], wanted.pop(module))
    sys.meta_path.insert(0, hook)


if os.environ.get("SERVER_TRACE_OUT"):
    install(os.environ["SERVER_TRACE_OUT"], os.environ.get("SERVER_TRACE_WRAP", ""))
