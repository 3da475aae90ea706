"""A whole class at once: 30 students in one headless Chromium against the app (issue 11).

Run: .venv/bin/python bench/classroom_bench.py [--students 30] [--questions 20] [--think 0.5,2]
                                               [--refresh 3] [--rounds 2] [--no-pin]
                                               [--class-only] [--summary-json FILE]

Each student is a browser context of its own in one Chromium, taking a 20-question quiz of the
bundled bank (shuffled, every question type) with think times of 0.5 to 2 s, answering right,
wrong or skipping as their seeded dice say. Four runs, each on fresh `streamlit run` servers
started in folders of their own (bench/big_log_bench.py's servers, with the shipped
.streamlit/config.toml):

1. one student alone (the reference);
2. the whole class on one server (CSV score file);
3. the same with an instructor's Class results page (`/class`: every student's first sitting,
   item analysis, charts) reloaded every `--refresh` seconds in one more tab, reading the whole
   score log while the class writes to it;
4. the class on two app servers sharing one PostgreSQL database (a throwaway cluster), students
   alternating between them.

Each round runs the four, in turn (the order reversed every other round), and each figure pools
the rounds. For each scenario it reports sittings completed; answers submitted against rows in
the store (none lost, doubled or garbled: every row re-graded and compared with what the
student meant); click → feedback and Next → question as the browsers see them (timed inside the
page); the server's own script runs (callbacks + page script, written by the app when
QUIZ_TIMING_LOG is set, see app/ui/timing.py), in wall-clock time and in the CPU time of the
run's thread; the server's peak memory (VmHWM) and CPU (from /proc).

The browsers and the servers are kept apart, as they would be with the students' browsers on
their own devices: the app servers (and PostgreSQL) run on the last CPU, this script, Playwright
and Chromium on the others. The one student alone runs the same way, so the server's script runs
under the class's load compare with one student's on the same core; the browsers' figures
include waiting for Chromium on its cores, and on 2 cores the 30 tabs sharing one core click
more slowly than the think times alone would have them (the server's runs per second say what
load it carried). Starting Chromium at nice 19 does not do this: Chromium sets its processes'
priorities itself (`ps` shows its browser process at -8 and its renderers at 0). `--no-pin`
leaves every process on every CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for app, bench and tests

import psycopg  # noqa: E402
from playwright.async_api import Browser, async_playwright  # noqa: E402

from app.bank import load_bank  # noqa: E402
from app.stores import open_store  # noqa: E402
from bench.big_log_bench import CONFIG, MIB, Server, streamlit_in  # noqa: E402
from bench.store_bench import load_average, machine  # noqa: E402
from tests.browser_classroom import (  # noqa: E402
    Check,
    Student,
    check_rows,
    refresh_class_results,
    take_quiz,
)
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.pg_server import postgres_cluster  # noqa: E402

BANK = load_bank(REPO / "questions" / "russia-paratroopers-drill.yaml").bank
TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class Scenario:
    name: str
    students: int
    servers: int = 1
    database: bool = False
    watcher: bool = False


@dataclass
class Outcome:
    """What one run measured."""

    scenario: Scenario
    students: list[Student]
    check: Check
    script_ms: list[float]  # quiz page script runs on the server(s), callbacks included
    submit_ms: list[float]  # those of them that stored an answer
    script_cpu_ms: list[float]  # the CPU time of each quiz script run's thread
    peak_rss_mib: float  # the largest server's VmHWM
    cpu_avg_pct: float  # all servers' CPU time over the run's wall-clock time
    cpu_peak_pct: float  # the busiest second of the run, all servers together
    wall_s: float
    lines: int  # rows physically stored
    class_results_ms: list[float] = field(default_factory=list)

    @property
    def completed(self) -> int:
        return sum(s.finished for s in self.students)

    @property
    def feedback_ms(self) -> list[float]:
        return [ms for s in self.students for ms in s.feedback_ms]

    @property
    def next_ms(self) -> list[float]:
        return [ms for s in self.students for ms in s.next_ms]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def new_folder(base: Path, name: str) -> Path:
    """A folder of its own for one server, with the shipped Streamlit config."""
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
    (folder / ".streamlit").mkdir()
    shutil.copyfile(CONFIG, folder / ".streamlit" / "config.toml")
    return folder


@dataclass(frozen=True)
class Cpus:
    """Which CPUs the servers get, and which the browsers (None: all of them, unpinned)."""

    servers: frozenset[int] | None = None
    browsers: frozenset[int] | None = None

    @classmethod
    def split(cls) -> Cpus:
        """The last CPU for the servers, the others for the browsers."""
        every = sorted(os.sched_getaffinity(0))
        if len(every) < 2:
            return cls()
        return cls(frozenset(every[-1:]), frozenset(every[:-1]))

    def describe(self) -> str:
        if self.servers is None or self.browsers is None:
            return "not pinned: servers and browsers share every CPU"
        return (
            f"app servers and PostgreSQL on CPU {_listed(self.servers)}; this script, Playwright "
            f"and Chromium on CPU {_listed(self.browsers)}"
        )


def _listed(cpus: frozenset[int]) -> str:
    return ",".join(str(cpu) for cpu in sorted(cpus))


@contextmanager
def on_cpus(cpus: frozenset[int] | None) -> Iterator[None]:
    """Run the block, and every process it starts (they inherit it), on `cpus`."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


@contextmanager
def servers_for(
    scenario: Scenario, base: Path, pg_url: str | None, cpus: frozenset[int] | None
) -> Iterator[list[Server]]:
    with ExitStack() as stack:
        started = []
        for number in range(scenario.servers):
            folder = new_folder(base, f"{scenario.name[:12].replace(' ', '-')}-{number}")
            env = {"QUIZ_TIMING_LOG": str(folder / "timing.tsv")}
            if pg_url:
                env["QUIZ_SCORES_URL"] = pg_url
            with on_cpus(cpus):
                server = stack.enter_context(streamlit_in(folder, env))
            started.append(server)
        yield started


def stored_lines(target: str) -> int:
    """Rows physically stored: lines of the CSV file (one per row, header aside), or the
    table's rows. A store reads an answer saved twice (same answer id) once; this counts both."""
    if target.startswith("postgresql://"):
        with psycopg.connect(target) as connection:
            found = connection.execute("SELECT count(*) FROM quiz_answers").fetchone()
            return int(found[0]) if found else 0
    with open(target, "rb") as file:
        return sum(1 for _ in file) - 1


@dataclass(frozen=True)
class ScriptRun:
    page: str
    wall_ms: float
    cpu_ms: float
    callbacks: str


def timing_lines(server: Server) -> list[ScriptRun]:
    """Each script run the server timed (see app/ui/timing.py)."""
    path = server.folder / "timing.tsv"
    if not path.exists():
        return []
    lines = []
    for line in path.read_text().splitlines():
        _, page, wall_ms, _, cpu_ms, callbacks = line.split("\t")
        lines.append(ScriptRun(page, float(wall_ms), float(cpu_ms), callbacks))
    return lines


async def warm_up(browser: Browser, server: Server) -> None:
    """One unmeasured visit per server: first imports and the bank load happen here."""
    context = await browser.new_context()
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    await page.goto(server.url + "/")
    await page.get_by_role("button", name="Start quiz").wait_for()
    await context.close()
    (server.folder / "timing.tsv").unlink(missing_ok=True)


async def sample_cpu(servers: list[Server], stop: asyncio.Event, peaks: list[float]) -> None:
    """The servers' CPU share in each second, until `stop`."""
    previous, at = sum(s.cpu_s() for s in servers), time.perf_counter()
    while not stop.is_set():
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)
        now_cpu, now = sum(s.cpu_s() for s in servers), time.perf_counter()
        if now - at > 0.5:
            peaks.append(100 * (now_cpu - previous) / (now - at))
        previous, at = now_cpu, now


async def run(
    browser: Browser, scenario: Scenario, options: argparse.Namespace, base: Path, cpus: Cpus
) -> Outcome:
    pg_url = None
    with ExitStack() as stack:
        if scenario.database:
            with on_cpus(cpus.servers):
                cluster = stack.enter_context(postgres_cluster())
            pg_url = cluster.new_database("classroom")
        servers = stack.enter_context(servers_for(scenario, base, pg_url, cpus.servers))
        for server in servers:
            await warm_up(browser, server)
        students = [
            Student(
                name=f"Student {number:02d}",
                attempt=f"class-{scenario.name[:5]}-{number:02d}-{time.time_ns() % 10**6}",
                base_url=servers[number % len(servers)].url,
                questions=options.questions,
                think_s=options.think,
                seed=number,
            )
            for number in range(1, scenario.students + 1)
        ]
        stop = asyncio.Event()
        cpu_peaks: list[float] = []
        class_results_ms: list[float] = []
        cpu_before = sum(s.cpu_s() for s in servers)
        started = time.perf_counter()
        watchers = [asyncio.create_task(sample_cpu(servers, stop, cpu_peaks))]
        if scenario.watcher:
            watchers.append(
                asyncio.create_task(
                    refresh_class_results(
                        browser,
                        f"{servers[0].url}/class",
                        options.refresh,
                        stop,
                        class_results_ms,
                    )
                )
            )
        await asyncio.gather(*(take_quiz(browser, s, BANK, TIMEOUT_MS) for s in students))
        wall = time.perf_counter() - started
        cpu = sum(s.cpu_s() for s in servers) - cpu_before
        stop.set()
        await asyncio.gather(*watchers)
        peak = max(s.memory_kib("VmHWM") for s in servers) / MIB
        runs = [run for s in servers for run in timing_lines(s) if run.page == "quiz"]
        target = pg_url or str(servers[0].folder / "scores.csv")
        store = open_store(target)
        try:
            check = check_rows(BANK, students, store.all_rows(), damaged=store.skipped)
        finally:
            store.close()
        lines = stored_lines(target)
    return Outcome(
        scenario,
        students,
        check,
        [run.wall_ms for run in runs],
        [run.wall_ms for run in runs if "submit" in run.callbacks],
        [run.cpu_ms for run in runs],
        peak,
        100 * cpu / wall,
        max(cpu_peaks, default=float("nan")),
        wall,
        lines,
        class_results_ms,
    )


async def bench(
    options: argparse.Namespace, scenarios: list[Scenario], cpus: Cpus
) -> list[list[Outcome]]:
    """Each scenario's outcomes, one per round, in the order of `scenarios`."""
    outcomes: dict[str, list[Outcome]] = {s.name: [] for s in scenarios}
    with tempfile.TemporaryDirectory(prefix="classroom-bench-") as tmp:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for round_number in range(options.rounds):
                order = scenarios if round_number % 2 == 0 else scenarios[::-1]
                for scenario in order:
                    print(
                        f"… round {round_number + 1}: {scenario.name} (load {load_average()})",
                        file=sys.stderr,
                        flush=True,
                    )
                    outcome = await run(browser, scenario, options, Path(tmp), cpus)
                    outcomes[scenario.name].append(outcome)
            await browser.close()
    return [outcomes[s.name] for s in scenarios]


def pooled(runs: list[Outcome]) -> Outcome:
    """One outcome for the rounds of a scenario: lists joined, counts summed, peaks maxed."""
    first = runs[0]
    checks = [o.check for o in runs]
    return Outcome(
        first.scenario,
        [s for o in runs for s in o.students],
        Check(*(sum(getattr(c, name) for c in checks) for name in Check.__dataclass_fields__)),
        [ms for o in runs for ms in o.script_ms],
        [ms for o in runs for ms in o.submit_ms],
        [ms for o in runs for ms in o.script_cpu_ms],
        max(o.peak_rss_mib for o in runs),
        statistics.mean(o.cpu_avg_pct for o in runs),
        max(o.cpu_peak_pct for o in runs),
        statistics.mean(o.wall_s for o in runs),
        sum(o.lines for o in runs),
        [ms for o in runs for ms in o.class_results_ms],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--think", default="0.5,2", help="think time range in seconds: LOW,HIGH")
    parser.add_argument("--refresh", type=float, default=3.0, help="Class results reload, s")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each scenario, alternating")
    parser.add_argument(
        "--class-only",
        action="store_true",
        help="only one student alone and the class on one server (runs 3 and 4 left out)",
    )
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="run servers and browsers on every CPU instead of apart",
    )
    parser.add_argument("--summary-json", type=Path, help="write the headline rows here")
    options = parser.parse_args()
    low, high = (float(x) for x in options.think.split(","))
    options.think = (low, high)
    n = options.students
    scenarios = [
        Scenario("one student alone", 1),
        Scenario(f"{n} students", n),
        Scenario(f"{n} students + Class results every {options.refresh:g} s", n, watcher=True),
        Scenario(f"{n} students, two servers, PostgreSQL", n, servers=2, database=True),
    ]
    if options.class_only:
        scenarios = scenarios[:2]
    cpus = Cpus.split() if options.pin else Cpus()
    load_before = load_average()
    clock = time.monotonic()
    with on_cpus(cpus.browsers):  # Playwright's driver and Chromium start from here
        outcomes = [pooled(runs) for runs in asyncio.run(bench(options, scenarios, cpus))]
    report(options, outcomes, load_before, load_average(), time.monotonic() - clock, cpus)
    if options.summary_json:
        options.summary_json.write_text(json.dumps(summary(outcomes)))


def report(
    options: argparse.Namespace,
    outcomes: list[Outcome],
    load_before: str,
    load_after: str,
    elapsed: float,
    cpus: Cpus,
) -> None:
    alone = outcomes[0]
    print(f"\nMachine: {machine()}; {cpus.describe()}.")
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. "
        f"{options.rounds} round(s), the scenarios in turn (order reversed every other round), "
        f"each column pooling its rounds; {options.questions} questions per sitting, think "
        f"times {options.think[0]:g}–{options.think[1]:g} s; {elapsed / 60:.1f} min in all.\n"
    )
    print("| metric | " + " | ".join(o.scenario.name for o in outcomes) + " |")
    print("|---|" + "---:|" * len(outcomes))

    def row(label: str, cells: list[str]) -> None:
        print(f"| {label} | " + " | ".join(cells) + " |")

    def ms_pair(values: list[float]) -> str:
        return f"{statistics.median(values):.0f} / {percentile(values, 0.9):.0f} ms"

    row("sittings completed", [f"{o.completed} of {len(o.students)}" for o in outcomes])
    row(
        "answers submitted / rows read / rows physically stored",
        [f"{o.check.submitted} / {o.check.stored} / {o.lines}" for o in outcomes],
    )
    row(
        "rows lost / doubled / garbled / foreign",
        [
            f"{c.lost} / {c.doubled} / {c.garbled} / {c.strangers}"
            for c in (o.check for o in outcomes)
        ],
    )
    row(
        "browser: click Submit → feedback (median / p90)",
        [ms_pair(o.feedback_ms) for o in outcomes],
    )
    row(
        "browser: feedback p90 vs one student",
        [
            f"{percentile(o.feedback_ms, 0.9) / percentile(alone.feedback_ms, 0.9):.1f}x"
            for o in outcomes
        ],
    )
    row(
        "browser: click Next → next question (median / p90)", [ms_pair(o.next_ms) for o in outcomes]
    )
    row("server: quiz script runs (median / p90)", [ms_pair(o.script_ms) for o in outcomes])
    row(
        "server: runs that stored an answer (median / p90)",
        [ms_pair(o.submit_ms) for o in outcomes],
    )
    row(
        "server: script run p90 vs one student (goal ≤ 3x)",
        [
            f"{percentile(o.script_ms, 0.9) / percentile(alone.script_ms, 0.9):.2f}x"
            for o in outcomes
        ],
    )
    row(
        "server: CPU time of a quiz script run (median / p90)",
        [ms_pair(o.script_cpu_ms) for o in outcomes],
    )
    row(
        "server: CPU time p90 vs one student",
        [
            f"{percentile(o.script_cpu_ms, 0.9) / percentile(alone.script_cpu_ms, 0.9):.2f}x"
            for o in outcomes
        ],
    )
    row(
        "server: peak memory (VmHWM, largest server)",
        [f"{o.peak_rss_mib:.0f} MB" for o in outcomes],
    )
    row(
        "server: CPU, average / busiest second (all servers; 100% = one core)",
        [f"{o.cpu_avg_pct:.0f}% / {o.cpu_peak_pct:.0f}%" for o in outcomes],
    )
    row(
        "server: quiz script runs per second (the load it carried)",
        [f"{len(o.script_ms) / (o.wall_s * options.rounds):.1f}" for o in outcomes],
    )
    row("wall-clock time of the run (mean of the rounds)", [f"{o.wall_s:.0f} s" for o in outcomes])
    row(
        "Class results reloads (median load, count)",
        [
            f"{statistics.median(o.class_results_ms):.0f} ms, {len(o.class_results_ms)}"
            if o.class_results_ms
            else ""
            for o in outcomes
        ],
    )
    errors = [(o.scenario.name, s.name, s.error) for o in outcomes for s in o.students if s.error]
    for scenario, student, error in errors:
        print(f"\n{scenario}: {student} did not finish: {error}")


def summary(outcomes: list[Outcome]) -> list[dict[str, object]]:
    """The headline rows for `python -m bench`: metric, this app, and the reference."""
    alone, load = outcomes[0], outcomes[1]
    rows: list[dict[str, object]] = []
    for o in outcomes[1:]:
        rows.append(
            {
                "metric": f"classroom, {o.scenario.name}: sittings done, rows lost/doubled/garbled",
                "app": f"{o.completed}/{len(o.students)}, "
                f"{o.check.lost}/{o.check.doubled}/{o.check.garbled}",
            }
        )
    rows.append(
        {
            "metric": f"classroom, {load.scenario.name}: server script run p90 (vs one student)",
            "app": f"{percentile(load.script_ms, 0.9):.0f} ms",
            "floor": f"{percentile(alone.script_ms, 0.9):.0f} ms",
            "ratio": percentile(load.script_ms, 0.9) / percentile(alone.script_ms, 0.9),
        }
    )
    rows.append(
        {
            "metric": f"classroom, {load.scenario.name}: browsers' click → feedback p90 "
            "(vs one student)",
            "app": f"{percentile(load.feedback_ms, 0.9):.0f} ms",
            "floor": f"{percentile(alone.feedback_ms, 0.9):.0f} ms",
            "ratio": percentile(load.feedback_ms, 0.9) / percentile(alone.feedback_ms, 0.9),
        }
    )
    rows.append(
        {
            "metric": f"classroom, {load.scenario.name}: server peak memory / average CPU",
            "app": f"{load.peak_rss_mib:.0f} MB / {load.cpu_avg_pct:.0f}%",
        }
    )
    return rows


if __name__ == "__main__":
    main()
