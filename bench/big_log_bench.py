"""The quiz app in Chromium with a small score log and with a 1,000,000-row one (issue 8).

Run: .venv/bin/python bench/big_log_bench.py [--rounds 3] [--rows 1000000] [--answers 5]

Two contenders: a log holding only a returning student's own rows (55), and a log with those same
rows spread among everyone else's. Each round starts, for each contender in turn (the order
alternates), fresh `streamlit run` servers of app/ui/streamlit_app.py, each in its own folder
(with a copy of the shipped .streamlit/config.toml and a fresh copy of its score file), and
drives Debian's Chromium with Playwright: server start to the home page; server start to the
returning student's sitting resumed (the first page after a start); the server's memory; the My
progress page; then page load to the question, click to feedback and click to the next question.
Clicks are timed inside the page. The server's own CPU time comes from /proc. Prints markdown
tables; nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for app, bench and tests.browser_support

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bench import sample_log  # noqa: E402
from bench.store_bench import load_average, machine  # noqa: E402
from tests.browser_student import click_until_text  # noqa: E402
from tests.browser_support import free_port, launch_chromium, wait_healthy  # noqa: E402

APP = REPO / "app" / "ui" / "streamlit_app.py"
CONFIG = REPO / ".streamlit" / "config.toml"
TICKS = os.sysconf("SC_CLK_TCK")
MIB = 1024


@dataclass
class Server:
    """A running `streamlit run`: its URL, process and when it was started."""

    url: str
    process: subprocess.Popen[bytes]
    started: float
    folder: Path

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far."""
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def memory_kib(self, name: str) -> int:
        """VmRSS (now) or VmHWM (peak) of the server process, in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
        return 0


@contextmanager
def streamlit_in(
    folder: Path, env: dict[str, str] | None = None, script: Path = APP
) -> Iterator[Server]:
    """`streamlit run script` (the app by default) with `folder` as its working directory
    and score file; `env` adds environment variables (e.g. QUIZ_SCORES_URL, QUIZ_TIMING_LOG)."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("QUIZ_SCORES")},
        "QUIZ_SCORES_PATH": str(folder / "scores.csv"),
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
    ]
    log = folder / f"streamlit-{port}.log"
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, env=environment, stdout=output, stderr=output
        )
    server = Server(f"http://127.0.0.1:{port}", process, started, folder)
    try:
        wait_healthy(server.url, process, log, timeout_s=120)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fresh_folder(base: Path, name: str, log: Path) -> Path:
    """A new folder with the shipped Streamlit config and a copy of `log` as its score file."""
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
    (folder / ".streamlit").mkdir()
    shutil.copyfile(CONFIG, folder / ".streamlit" / "config.toml")
    shutil.copyfile(log, folder / "scores.csv")
    return folder


def timed(action: Callable[[], object], until: Callable[[], object]) -> float:
    """Milliseconds from `action` until `until` returns."""
    started = time.perf_counter()
    action()
    until()
    return (time.perf_counter() - started) * 1000


@dataclass
class Figures:
    """What one contender measured, over all rounds."""

    home_first_s: list[float] = field(default_factory=list)
    quiz_first_s: list[float] = field(default_factory=list)
    cpu_first_s: list[float] = field(default_factory=list)
    rss_first_mib: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    progress_ms: list[float] = field(default_factory=list)
    question_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    next_ms: list[float] = field(default_factory=list)
    cpu_round_s: list[float] = field(default_factory=list)
    wall_round_s: list[float] = field(default_factory=list)


def one_round(
    browser: Browser,
    folder: Path,
    returning: sample_log.Returning,
    answers: int,
    figures: Figures,
) -> None:
    """Two server starts in `folder`: one to the home page, one through the student's visit."""
    quiz_url = f"/quiz?{urlencode(returning.params)}"
    progress_url = f"/progress?{urlencode({'student': sample_log.RETURNING})}"
    prompts = [sample_log.BANK.question(i).prompt for i in returning.next_ids]

    with streamlit_in(folder) as server:
        page = new_page(browser)
        page.goto(server.url + "/")
        page.get_by_role("button", name="Start quiz").wait_for()
        figures.home_first_s.append(time.perf_counter() - server.started)
        page.close()

    with streamlit_in(folder) as server:
        page = new_page(browser)
        page.goto(server.url + quiz_url)
        page.get_by_text(prompts[0], exact=True).wait_for()
        figures.quiz_first_s.append(time.perf_counter() - server.started)
        figures.cpu_first_s.append(server.cpu_s())
        figures.rss_first_mib.append(server.memory_kib("VmRSS") / MIB)

        def progress_loaded() -> None:
            page.get_by_text("Questions I miss most", exact=True).wait_for()
            page.get_by_role("table").first.wait_for()

        for _ in range(3):
            figures.progress_ms.append(
                timed(lambda: page.goto(server.url + progress_url), progress_loaded)
            )
        for number in range(answers):
            question = sample_log.BANK.question(returning.next_ids[number])
            figures.question_ms.append(
                timed(
                    lambda: page.goto(server.url + quiz_url),
                    page.get_by_text(prompts[number], exact=True).wait_for,
                )
            )
            option = question.options[0] if question.type == "multiple_choice" else "True"
            page.get_by_role("radiogroup").get_by_text(option, exact=True).click()
            figures.answer_ms.append(click_until_text(page, "Submit answer", "Right answer:"))
            figures.next_ms.append(click_until_text(page, "Next question", prompts[number + 1]))
            page.get_by_text(prompts[number + 1], exact=True).wait_for()
        figures.cpu_round_s.append(server.cpu_s())
        figures.wall_round_s.append(time.perf_counter() - server.started)
        figures.peak_mib.append(server.memory_kib("VmHWM") / MIB)
        page.close()


def new_page(browser: Browser) -> Page:
    page = browser.new_page()
    page.set_default_timeout(180_000)
    return page


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="server starts per contender")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the big log")
    parser.add_argument("--answers", type=int, default=5, help="questions answered per round")
    parser.add_argument("--summary-json", type=Path, help="write the headline rows here")
    options = parser.parse_args()
    returning = sample_log.returning_student()
    if not 1 <= options.answers < len(returning.next_ids):
        parser.error(f"--answers: 1 to {len(returning.next_ids) - 1}")

    load_before = load_average()
    clock = time.monotonic()
    big_name = f"{options.rows:,}-row log"
    contenders = ("small log", big_name)
    figures = {name: Figures() for name in contenders}
    with tempfile.TemporaryDirectory(prefix="big-log-bench-") as tmp, sync_playwright() as pw:
        base = Path(tmp)
        logs = {"small log": base / "small.csv", big_name: base / "big.csv"}
        block = sample_log.class_block()
        sample_log.write_log(logs["small log"], len(returning.rows), returning, block)
        sample_log.write_log(logs[big_name], options.rows, returning, block)
        browser = launch_chromium(pw)
        with streamlit_in(fresh_folder(base, "warm-up", logs["small log"])) as server:
            page = new_page(browser)  # not measured: the first start reads Python from disk
            page.goto(server.url + "/")
            page.get_by_role("button", name="Start quiz").wait_for()
            page.close()
        for round_number in range(options.rounds):
            order = contenders if round_number % 2 == 0 else contenders[::-1]
            for name in order:
                folder = fresh_folder(base, f"round{round_number}-{name[:5]}", logs[name])
                one_round(browser, folder, returning, options.answers, figures[name])
                shutil.rmtree(folder)
        browser.close()
    load_after = load_average()
    report(options, figures, contenders, load_before, load_after, time.monotonic() - clock)
    if options.summary_json:
        options.summary_json.write_text(json.dumps(headline(figures, contenders)))


def headline(figures: dict[str, Figures], contenders: tuple[str, str]) -> list[dict[str, object]]:
    """The rows `python -m bench` shows: the big log against the small one."""
    small, big = (figures[name] for name in contenders)
    rows: list[dict[str, object]] = []
    for label, attribute, unit in (
        ("server start → resumed question", "quiz_first_s", "s"),
        ("server peak memory", "peak_mib", "MB"),
        ("My progress page load", "progress_ms", "ms"),
        ("click Submit → feedback", "answer_ms", "ms"),
    ):
        x, y = median(getattr(small, attribute)), median(getattr(big, attribute))
        digits = 2 if unit == "s" else 0
        rows.append(
            {
                "metric": f"{contenders[1]}: {label}",
                "app": f"{y:.{digits}f} {unit}",
                "floor": f"{x:.{digits}f} {unit} (small log)",
                "ratio": y / x,
            }
        )
    return rows


def report(
    options: argparse.Namespace,
    figures: dict[str, Figures],
    contenders: tuple[str, str],
    load_before: str,
    load_after: str,
    elapsed: float,
) -> None:
    small, big = (figures[name] for name in contenders)
    print(f"\nMachine: {machine()}; Chromium {_chromium_version()}")
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. "
        f"{options.rounds} rounds (fresh servers each, contenders alternating), "
        f"{options.answers} questions answered per round, 3 progress loads per round; "
        f"{elapsed / 60:.1f} min in all.\n"
    )
    print(
        f"| metric | small log ({len(sample_log.returning_student().rows)} rows) "
        f"| {contenders[1]} | ratio | difference | target (issue 8) | before (issue 8) |"
    )
    print("|---|---:|---:|---:|---:|---|---|")

    def line(
        label: str, a: list[float], b: list[float], unit: str, target: str, before: str
    ) -> None:
        x, y = median(a), median(b)
        digits = 2 if unit == "s" else 0
        spread = f" ({min(b):.{digits}f}–{max(b):.{digits}f})" if len(b) > 1 else ""
        print(
            f"| {label} | {x:.{digits}f} {unit} | {y:.{digits}f} {unit}{spread} | {y / x:.2f}x "
            f"| {y - x:+.{digits}f} {unit} | {target} | {before} |"
        )

    line(
        "server start → home page",
        small.home_first_s,
        big.home_first_s,
        "s",
        "",
        "",
    )
    line(
        "server start → resumed question (first page)",
        small.quiz_first_s,
        big.quiz_first_s,
        "s",
        "within 1.5 s of the small log's",
        "+32 s",
    )
    line(
        "server CPU time to the first page",
        small.cpu_first_s,
        big.cpu_first_s,
        "s",
        "",
        "",
    )
    line(
        "server RSS after the first page",
        small.rss_first_mib,
        big.rss_first_mib,
        "MB",
        "under 400 MB more",
        "+1.0 GB",
    )
    line("server peak RSS (VmHWM) in the round", small.peak_mib, big.peak_mib, "MB", "", "")
    line(
        "My progress page load (median)",
        small.progress_ms,
        big.progress_ms,
        "ms",
        "within 1.5x",
        "3.9x",
    )
    line(
        "page load → question (median)",
        small.question_ms,
        big.question_ms,
        "ms",
        "within 1.3x",
        "1.2–1.3x",
    )
    line(
        "click Submit → feedback (median)",
        small.answer_ms,
        big.answer_ms,
        "ms",
        "within 1.3x",
        "1.2–1.3x",
    )
    line(
        "click Next → next question (median)",
        small.next_ms,
        big.next_ms,
        "ms",
        "within 1.3x",
        "1.2–1.3x",
    )
    line("server CPU time in a round", small.cpu_round_s, big.cpu_round_s, "s", "", "")
    shares = {
        name: [100 * c / w for c, w in zip(f.cpu_round_s, f.wall_round_s, strict=True)]
        for name, f in figures.items()
    }
    line(
        "server CPU share of its wall-clock time",
        shares[contenders[0]],
        shares[contenders[1]],
        "%",
        "",
        "",
    )


def _chromium_version() -> str:
    try:
        done = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20
        )
        return done.stdout.split()[1]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


if __name__ == "__main__":
    main()
