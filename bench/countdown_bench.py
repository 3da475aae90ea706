"""What the countdown of a timed quiz costs: server CPU while tabs sit on a question, and the
click → feedback time, for the same quiz untimed and timed (a st.fragment every second).

Run: .venv/bin/python bench/countdown_bench.py [--rounds 3] [--tabs 5] [--seconds 10]
Each contender has its own folder (its own bank copy and score file) and its own app server;
the contenders alternate round by round (the order flips every round), and the load average of
the machine is printed with each measurement. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.browser_support, shared with the browser tests

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from app.bank import load_bank  # noqa: E402
from bench.ui_bench import click_until_text  # noqa: E402
from tests.browser_support import launch_chromium, streamlit_process  # noqa: E402

APP = REPO / "app" / "ui" / "streamlit_app.py"
BANK_FILE = REPO / "questions" / "russia-paratroopers-drill.yaml"
BANK = load_bank(BANK_FILE).bank
QUESTION = next(q for q in BANK.questions if q.type == "multiple_choice")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


@contextmanager
def contender(folder: Path, minutes: float | None) -> Iterator[tuple[str, int]]:
    """An app server on its own copy of the bank (timed when `minutes` is set)."""
    questions = folder / "questions"
    shutil.copytree(BANK_FILE.parent, questions)
    if minutes is not None:
        bank = questions / BANK_FILE.name
        text = bank.read_text(encoding="utf-8")
        bank.write_text(text.replace("\nsource:\n", f"\ntime_limit_minutes: {minutes}\nsource:\n"))
    env = {"QUIZ_QUESTIONS_DIR": str(questions)}
    with streamlit_process(APP, folder / "scores.csv", env=env) as (url, server):
        yield url, server.pid


def open_tabs(browser: Browser, base: str, tabs: int) -> list[Page]:
    pages = []
    for _ in range(tabs):
        page = browser.new_page()
        query = {
            "attempt": f"bench-{uuid.uuid4().hex[:10]}",
            "student": "Bench",
            "bank": BANK.id,
            "only": QUESTION.id,
        }
        page.goto(f"{base}/quiz?{urlencode(query)}")
        page.get_by_text(QUESTION.prompt, exact=True).wait_for()
        pages.append(page)
    return pages


def measure(browser: Browser, base: str, pid: int, tabs: int, seconds: float) -> dict[str, float]:
    pages = open_tabs(browser, base, tabs)
    time.sleep(1)  # let the loads settle
    cpu_before, started = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    cpu = cpu_seconds(pid) - cpu_before
    wall = time.monotonic() - started
    clicks = []
    for page in pages:
        page.get_by_role("radiogroup").get_by_text(QUESTION.answer, exact=True).click()
        clicks.append(click_until_text(page, "Submit answer", "Right answer:"))
        page.close()
    return {"cpu_ms_per_tab_s": 1000 * cpu / wall / tabs, "click_ms": statistics.median(clicks)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tabs", type=int, default=5, help="tabs open on a question at once")
    parser.add_argument("--seconds", type=float, default=10, help="how long CPU is measured")
    args = parser.parse_args()
    names = ("untimed quiz", "timed quiz (countdown every 1 s)")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.tabs} tabs\n")
    print("| round | contender | server CPU per tab | click → feedback (median) | load avg |")
    print("|---|---|---|---|---|")
    with ExitStack() as stack, sync_playwright() as playwright:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        browser = launch_chromium(playwright)
        servers = {
            name: stack.enter_context(contender(Path(tmp) / str(i), (None, 60.0)[i]))
            for i, name in enumerate(names)
        }
        for name in names:  # warm-up: first imports and caches, not measured
            base, pid = servers[name]
            measure(browser, base, pid, 1, 1)
        for round_number in range(1, args.rounds + 1):
            order = names if round_number % 2 else names[::-1]
            for name in order:
                base, pid = servers[name]
                result = measure(browser, base, pid, args.tabs, args.seconds)
                results[name].append(result)
                print(
                    f"| {round_number} | {name} | {result['cpu_ms_per_tab_s']:.1f} ms/s "
                    f"| {result['click_ms']:.0f} ms | {load_average()} |",
                    flush=True,
                )
        browser.close()
    print("\n| contender | server CPU per open tab (median of rounds) | click → feedback |")
    print("|---|---|---|")
    for name in names:
        cpu = statistics.median(r["cpu_ms_per_tab_s"] for r in results[name])
        click = statistics.median(r["click_ms"] for r in results[name])
        print(f"| {name} | {cpu:.1f} ms per second ({cpu / 10:.1f}% of a core) | {click:.0f} ms |")


if __name__ == "__main__":
    main()
