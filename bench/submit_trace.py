"""Where a Submit's time goes on the server: the quiz app against the bare floor, traced.

Run: .venv/bin/python bench/submit_trace.py [--rounds 4] [--per-type 2] [--traces DIR]

A diagnosis, not a benchmark with a target: `python -m bench` does not run it. Two contenders,
as in bench/ui_bench.py and driven by its own code (`one_round`, `drive_floor`, `drive_app`),
each from a folder of its own and on a fresh server every round, the order alternating round by
round: the floor with `postScriptGC = false` (bench/floor_app.py) and the quiz app as shipped
(its config, a 10,000-row score log), `--per-type` questions of every type a round for the app
and as many radios for the floor. One unmeasured round of each comes first (the disk cache).

Each server runs with bench/server_trace/ first on its PYTHONPATH (and this checkout after it,
so that the app is this checkout's, not the one the virtualenv's editable install names): its
`sitecustomize.py` records, on one clock, every element the script hands to the server's event
loop, every message the event loop queues for the browser, takes from that queue and sends, the
start and end of each run's widget callbacks, and each call and return of these app functions,
wrapped from outside (nothing in app/ is changed):

- `app.ui.actions:current_sitting`: Submit's callback rebuilds the sitting from the store (its
  call is also when the callback's 1 ms sleep is over);
- `app.quiz:submit`: the answer graded, its row made;
- `app.ui.state:save`: the row stored (a CSV append, with a lock and fsync);
- `app.quiz:resume`: the sitting read back from the store (its first return after the save:
  `current_sitting` calls it too);
- `app.ui.question_area:_answer`: the answer-area fragment, which shows the feedback;
- `app.ui.widgets:feedback`: the feedback box (an alert), in that fragment.

Each is replaced on its module as soon as the module has been executed, and each is called
through its module when it runs (`actions.submit` calls `quiz.submit`, `state.save` and
`quiz.resume`, and its own module's `current_sitting`; `_answer_area` calls its module's
`_answer`, which calls `widgets.feedback`), so every call is timed.

A Submit is a run whose callbacks are followed by a feedback alert queued before the next run's
callbacks (Next and page loads are left out). Its times are taken from the start of its
callbacks: when the run's start messages (`new_session`, `session_status_changed`) were queued
and sent (the event loop queues them when it gets to the script's start event: before or after
the callbacks start), each stage above, the callbacks' end, the feedback made (handed to the
event loop), queued, taken from the queue and sent, and the run's `script_finished` sent.
Streamlit's event loop takes what a session has queued, sends it, then pauses 5 ms
(MESSAGE_FLUSH_INTERVAL_SECS) before it takes more: a feedback queued during the pause after the
start messages goes with the first take after it (sent within 6 ms of the start messages); one
queued after the pause goes at once, unless a take of the messages queued just before it began
another pause, which it then waits out.

Prints the machine, the load average before and after, the rounds and the Submits traced (of
those clicked), and one table, floor against app: the median and p90 of each time; how long the
feedback waited to be taken from the queue, and then to be sent (after the messages before it
in its take); the share of Submits whose feedback was sent within 6 ms of the start messages,
or later; the share sent with the start messages, in the event loop's next take, or in a later
one; and the click → feedback time measured inside the page (as ui_bench.py measures it), so
the server's timeline sits beside what the student sees. `--traces DIR` keeps each server's raw
timeline there. About a minute with 4 rounds on 2 cores. Needs Chromium (`make chromium`).
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for app, bench and tests

from playwright.sync_api import sync_playwright  # noqa: E402

from bench import sample_log  # noqa: E402
from bench.store_bench import load_average, machine  # noqa: E402
from bench.ui_bench import (  # noqa: E402
    APP,
    APP_SHIPPED,
    CONFIG,
    FLOOR,
    FLOOR_GC_OFF,
    LOG_ROWS,
    Contender,
    Figures,
    drive_app,
    drive_floor,
    every_type_ids,
    one_round,
    summary,
)
from tests.browser_support import launch_chromium  # noqa: E402

TRACER = REPO / "bench" / "server_trace"
WRAPPED = (
    "app.ui.actions:current_sitting",
    "app.quiz:submit",
    "app.ui.state:save",
    "app.quiz:resume",
    "app.ui.question_area:_answer",
    "app.ui.widgets:feedback",
)
ALERT = "delta/el:alert"
FIRST_SEND_AFTER_PAUSE_MS = 6.0

Row = tuple[int, str, str]  # nanoseconds, event, what (see bench/server_trace/sitecustomize.py)


@dataclass(frozen=True)
class Stage:
    label: str
    event: str  # the trace's event: "call", "return", "callbacks", "made", "queued"
    what: str


# A Submit's stages in the order they happen (each is looked for after the one before it): the
# script thread's, then the event loop's queueing of the feedback. Calls and returns of the
# wrapped functions are the app's only.
STAGES = (
    Stage("1 ms sleep over (current_sitting called)", "call", "app.ui.actions:current_sitting"),
    Stage("sitting rebuilt (current_sitting returns)", "return", "app.ui.actions:current_sitting"),
    Stage("graded (quiz.submit returns)", "return", "app.quiz:submit"),
    Stage("row stored (state.save returns)", "return", "app.ui.state:save"),
    Stage("read back (quiz.resume returns)", "return", "app.quiz:resume"),
    Stage("callbacks end", "callbacks", "end"),
    Stage("answer area entered (_answer called)", "call", "app.ui.question_area:_answer"),
    Stage("feedback box begun (widgets.feedback called)", "call", "app.ui.widgets:feedback"),
    Stage("feedback made (the script hands it to the event loop)", "made", ALERT),
    Stage("feedback queued (by the event loop)", "queued", ALERT),
)
FEEDBACK_QUEUED = STAGES[-1].label
START_QUEUED = "start messages queued (new_session)"
START_SENT = "start messages sent (new_session)"
FEEDBACK_TAKEN = "feedback taken from the queue by the event loop"
FEEDBACK_SENT = "feedback sent"
FINISHED_SENT = "run finished sent (script_finished)"
WAITS = (
    (FEEDBACK_QUEUED, FEEDBACK_TAKEN, "feedback queued → taken (ms: its wait for a take)"),
    (FEEDBACK_TAKEN, FEEDBACK_SENT, "feedback taken → sent (ms: sending its take up to it)"),
)
TAKES = (
    "feedback sent with the start messages / in the event loop's next take (after the pause) "
    "/ in a later one"
)
ROWS = (
    START_QUEUED,
    START_SENT,
    *(stage.label for stage in STAGES),
    FEEDBACK_TAKEN,
    FEEDBACK_SENT,
    FINISHED_SENT,
)


@dataclass(frozen=True)
class Submit:
    """One Submit: ROWS' times in milliseconds after its callbacks started, and how many takes
    of queued messages the event loop made after the one that sent the start messages, up to
    the one that sent the feedback (0: the same take)."""

    ms: dict[str, float]
    takes: int


def read_trace(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        ns, event, what = line.split("\t")
        rows.append((int(ns), event, what))
    rows.sort(key=lambda row: row[0])  # threads append in nearly, not exactly, clock order
    return rows


def first(rows: list[Row], since: int, event: str, what: str) -> int | None:
    """When the first row at or after `since` (nanoseconds) with `event` and `what` happened
    (a `what` ending in / matches every row it starts)."""
    for ns, row_event, row_what in rows:
        if ns < since or row_event != event:
            continue
        if row_what == what or (what.endswith("/") and row_what.startswith(what)):
            return ns
    return None


def submits(rows: list[Row], app: bool) -> list[Submit]:
    """Each Submit of a server's trace."""
    starts = [i for i, row in enumerate(rows) if row[1:] == ("callbacks", "start")]
    takes = [ns for ns, event, _ in rows if event == "flush"]
    found = []
    for number, i in enumerate(starts):
        run = rows[i : starts[number + 1] if number + 1 < len(starts) else len(rows)]
        began = run[0][0]
        if first(run, began, "queued", ALERT) is None:
            continue  # a Next, not a Submit
        # The event loop queues the run's start messages when it gets to the script's
        # SCRIPT_STARTED, before or after the callbacks start: the first after the previous run
        # of the session finished (long before: the page was idle when Submit was clicked).
        finished = [
            ns
            for ns, event, what in rows[:i]
            if (event, what[:15]) == ("queued", "script_finished")
        ]
        start_queued = first(rows, finished[-1] if finished else 0, "queued", "new_session")
        times = {
            START_QUEUED: start_queued,
            START_SENT: (
                first(rows, start_queued, "sent", "new_session")
                if start_queued is not None
                else None
            ),
        }
        at = began
        for stage in STAGES:
            if not app and stage.event in ("call", "return"):
                continue
            found_at = first(run, at, stage.event, stage.what)
            times[stage.label] = found_at
            at = found_at if found_at is not None else at
        # The event loop's rows go on past the next run's callbacks: not cut at them.
        queued = times[FEEDBACK_QUEUED]
        times[FEEDBACK_SENT] = first(rows, queued, "sent", ALERT) if queued is not None else None
        sent = times[FEEDBACK_SENT]
        times[FINISHED_SENT] = (
            first(rows, sent, "sent", "script_finished/") if sent is not None else None
        )
        missing = [label for label, ns in times.items() if ns is None]
        if missing:
            raise SystemExit(f"a Submit at {began} ns lacks: {', '.join(missing)}")
        start_sent, feedback_sent = times[START_SENT], times[FEEDBACK_SENT]
        assert start_sent is not None and feedback_sent is not None
        # a take's row comes after the queue is emptied and before its messages are sent
        feedback_take = bisect.bisect(takes, feedback_sent)
        times[FEEDBACK_TAKEN] = takes[feedback_take - 1]
        ms = {label: (ns - began) / 1e6 for label, ns in times.items() if ns is not None}
        found.append(Submit(ms, feedback_take - bisect.bisect(takes, start_sent)))
    return found


def share(count: int, of: list[Submit]) -> str:
    return f"{count / max(1, len(of)):.0%} ({count})"


def median_p90(values: list[float]) -> str:
    return "{:.1f} / {:.1f}".format(*summary(values))


def traced(contender: Contender, out: Path) -> Contender:
    """`contender` with the tracer on its server, writing to `out`."""
    env = {
        "PYTHONPATH": os.pathsep.join((str(TRACER), str(REPO))),
        "SERVER_TRACE_OUT": str(out),
        "SERVER_TRACE_WRAP": ",".join(WRAPPED) if contender.name == APP_SHIPPED else "",
    }
    return dataclasses.replace(contender, env={**contender.env, **env})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4, help="fresh servers per contender")
    parser.add_argument("--per-type", type=int, default=2, help="questions of each type a round")
    parser.add_argument("--traces", type=Path, metavar="DIR", help="keep the raw timelines here")
    options = parser.parse_args()
    ids = every_type_ids(options.per_type)
    contenders = [
        Contender(FLOOR_GC_OFF, FLOOR, "[runner]\npostScriptGC = false\n", False, drive_floor),
        Contender(APP_SHIPPED, APP, CONFIG.read_text(), True, drive_app),
    ]
    figures = {c.name: Figures() for c in contenders}
    traced_submits: dict[str, list[Submit]] = {c.name: [] for c in contenders}
    load_before = load_average()
    clock = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="submit-trace-") as tmp, sync_playwright() as pw:
        base = Path(tmp)
        log = base / "sample.csv"
        returning = sample_log.returning_student()
        sample_log.write_log(log, LOG_ROWS, returning, sample_log.class_block())
        browser = launch_chromium(pw)
        # not measured: the first start reads Python and Streamlit from disk
        for contender in contenders:
            one_round(browser, base, traced(contender, base / "warm.tsv"), ids[:2], log, Figures())
        for round_number in range(options.rounds):
            order = contenders if round_number % 2 == 0 else contenders[::-1]
            for contender in order:
                app = contender.name == APP_SHIPPED
                out = base / f"{'app' if app else 'floor'}-{round_number + 1}.tsv"
                one_round(browser, base, traced(contender, out), ids, log, figures[contender.name])
                traced_submits[contender.name] += submits(read_trace(out), app)
                if options.traces:
                    options.traces.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(out, options.traces / out.name)
        browser.close()
    load_after = load_average()
    elapsed = time.monotonic() - clock

    clicks = options.rounds * len(ids)
    print(f"\nMachine: {machine()}")
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. "
        f"{options.rounds} rounds, floor and app alternating, a fresh server each; {len(ids)} "
        f"questions a round ({options.per_type} of each type for the app); Submits traced: "
        + ", ".join(f"{name} {len(found)} of {clicks}" for name, found in traced_submits.items())
        + f"; {elapsed / 60:.1f} min in all.\n"
    )
    print(
        "| ms after the Submit's callbacks started (median / p90) | "
        + " | ".join(c.name for c in contenders)
        + " |"
    )
    print("|---|" + "---:|" * len(contenders))
    for label in ROWS:
        cells = []
        for contender in contenders:
            values = [t.ms[label] for t in traced_submits[contender.name] if label in t.ms]
            cells.append(median_p90(values) if values else "—")
        print(f"| {label} | " + " | ".join(cells) + " |")
    for since, until, label in WAITS:
        waits = [
            median_p90([t.ms[until] - t.ms[since] for t in traced_submits[c.name]])
            for c in contenders
        ]
        print(f"| {label} | " + " | ".join(waits) + " |")
    rule = (
        f"feedback sent ≤ {FIRST_SEND_AFTER_PAUSE_MS:.0f} ms after the start messages "
        "(in the first send after the pause) / later"
    )
    shares: dict[str, list[str]] = {rule: [], TAKES: []}
    for contender in contenders:
        found = traced_submits[contender.name]
        soon = sum(
            t.ms[FEEDBACK_SENT] - t.ms[START_SENT] <= FIRST_SEND_AFTER_PAUSE_MS for t in found
        )
        shares[rule].append(f"{share(soon, found)} / {share(len(found) - soon, found)}")
        shares[TAKES].append(
            " / ".join(share(sum(t.takes == n for t in found), found) for n in (0, 1))
            + f" / {share(sum(t.takes > 1 for t in found), found)}"
        )
    for label, cells in shares.items():
        print(f"| {label} | " + " | ".join(cells) + " |")
    print(
        "| in the page: click Submit → feedback (ms, median / p90) | "
        + " | ".join(median_p90(figures[c.name].feedback_ms) for c in contenders)
        + " |"
    )


if __name__ == "__main__":
    main()
