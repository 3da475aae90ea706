"""Click latency of the quiz against a bare Streamlit app (the floor), in Debian's Chromium.

Run: .venv/bin/python bench/ui_bench.py [--rounds N]
Prints a markdown table: median and p90 of click-to-feedback and of next-question latency,
and of page load to the first question, for the floor app, the quiz app with Streamlit's
defaults, and the quiz app as configured in .streamlit/config.toml.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.browser_support, shared with the browser tests

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from app.bank import load_bank  # noqa: E402
from tests.browser_support import launch_chromium, streamlit_server  # noqa: E402

APP = REPO / "app" / "ui" / "streamlit_app.py"
FLOOR = REPO / "bench" / "floor_app.py"
BANK = load_bank(REPO / "questions" / "russia-paratroopers-drill.yaml").bank
CHOICE_IDS = [q.id for q in BANK.questions if q.type in ("multiple_choice", "true_false")]


def timed(action: Callable[[], object], until: Callable[[], object]) -> float:
    """Wall-clock milliseconds from `action` until `until` returns (used for page loads)."""
    started = time.perf_counter()
    action()
    until()
    return (time.perf_counter() - started) * 1000


# Measured inside the page, so Playwright's own polling does not count: from the click event
# to the first DOM change that puts `text` in the page.
_CLICK_TO_TEXT = """(text) => { window.clickToText = new Promise((resolve) => {
  let clickedAt = null;
  document.addEventListener("click", () => { clickedAt = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (clickedAt !== null && document.body.textContent.includes(text)) {
      observer.disconnect();
      resolve(performance.now() - clickedAt);
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}); }"""


def click_until_text(page: Page, button: str, text: str) -> float:
    """Milliseconds from clicking `button` until `text` appears in the page."""
    page.evaluate(_CLICK_TO_TEXT, text)
    page.get_by_role("button", name=button, exact=True).click()
    return float(page.evaluate("window.clickToText"))


def bench_floor(page: Page, base: str, rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"load": [], "feedback": [], "next": []}
    for _ in range(max(3, rounds // 10)):
        results["load"].append(
            timed(lambda: page.goto(base), lambda: page.get_by_text("Clicks: 0.").wait_for())
        )
    clicks = 0
    for i in range(rounds):
        page.get_by_role("radiogroup").get_by_text("Bravo", exact=True).click()
        for kind in ("feedback", "next"):
            clicks += 1
            results[kind].append(click_until_text(page, "Submit", f"Clicks: {clicks}."))
        del i
    return results


def bench_quiz(page: Page, base: str, rounds: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"load": [], "feedback": [], "next": []}
    sitting = 0
    while len(results["feedback"]) < rounds:
        sitting += 1
        query = {
            "attempt": f"bench-{uuid.uuid4().hex[:10]}",
            "student": "Bench",
            "bank": BANK.id,
            "shuffle": "0",
            "only": ",".join(CHOICE_IDS),
        }
        first = BANK.question(CHOICE_IDS[0])
        results["load"].append(
            timed(
                partial(page.goto, f"{base}/quiz?{urlencode(query)}"),
                page.get_by_text(first.prompt, exact=True).wait_for,
            )
        )
        for number, question_id in enumerate(CHOICE_IDS, start=1):
            question = BANK.question(question_id)
            option = question.options[0] if question.type == "multiple_choice" else "True"
            page.get_by_role("radiogroup").get_by_text(option, exact=True).click()
            results["feedback"].append(click_until_text(page, "Submit answer", "Right answer:"))
            if number == len(CHOICE_IDS):
                break
            upcoming = BANK.question(CHOICE_IDS[number]).prompt
            results["next"].append(click_until_text(page, "Next question", upcoming))
            page.get_by_text(upcoming, exact=True).wait_for()
    return results


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="clicks measured per metric")
    rounds = parser.parse_args().rounds
    runs = [
        ("floor: bare app, one radio + one button (defaults)", FLOOR, {}, bench_floor),
        ("floor: bare app, postScriptGC off", FLOOR, {"runner.postScriptGC": "false"}, bench_floor),
        ("quiz app, Streamlit defaults", APP, {"runner.postScriptGC": "true"}, bench_quiz),
        ("quiz app, as shipped (.streamlit/config.toml)", APP, {}, bench_quiz),
    ]
    table: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, script, options, run in runs:
            with streamlit_server(script, Path(tmp) / f"{len(table)}.csv", options) as base:
                page = browser.new_page()
                run(page, base, 3)  # warm-up: first imports, caches, the browser's own start
                table[name] = run(page, base, rounds)
                page.close()
        browser.close()

    floor = table[runs[0][0]]
    print(f"\nChromium, {os.cpu_count()} cores, Python {sys.version.split()[0]}, {rounds} clicks\n")
    print(
        "| app | click → feedback (median / p90) | next question (median / p90) "
        "| load → first question (median) | vs floor: feedback / next / load |"
    )
    print("|---|---|---|---|---|")
    for name, results in table.items():
        fb, nx, load = (summary(results[k]) for k in ("feedback", "next", "load"))
        ratios = " / ".join(
            f"{summary(results[k])[0] / summary(floor[k])[0]:.2f}x"
            for k in ("feedback", "next", "load")
        )
        print(
            f"| {name} | {fb[0]:.0f} / {fb[1]:.0f} ms | {nx[0]:.0f} / {nx[1]:.0f} ms "
            f"| {load[0]:.0f} ms | {ratios} |"
        )


if __name__ == "__main__":
    main()
