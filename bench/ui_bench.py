"""Click latency of the quiz against a bare Streamlit quiz (the floor), in Debian's Chromium.

Run: .venv/bin/python bench/ui_bench.py [--rounds 3] [--per-type 2] [--compare DIR]
                                        [--summary-json FILE]

Four contenders, each started from a folder of its own so that one's .streamlit/config.toml
cannot apply to another:

- floor, Streamlit's defaults: bench/floor_app.py (a form with a radio and a submit button,
  swapped for feedback and a Next button, question after question), no config file;
- floor, postScriptGC off: the same, with `[runner] postScriptGC = false` in its folder;
- floor with the app's elements, postScriptGC off: bench/floor_content_app.py, the same bare
  quiz showing what the app shows, element for element (progress caption, feedback box,
  explanation with the article's paragraph, focus script, a fragment), with none of the app's
  work: it against the bare floor is the cost of what a student is shown, the app against it
  the cost of the app's work and of the question types it leaves out (it answers one radio;
  its first page imports the app's widgets module: only its clicks compare);
- the quiz app as shipped: app/ui/streamlit_app.py with a copy of the repository's
  .streamlit/config.toml and a 10,000-row score log (bench/sample_log.py).

Every round starts a fresh server for each contender in turn (the order alternates round by
round) and times, in a new browser tab: the first page on the fresh server (from when it
answers its health check, and from when it was started, so that work moved to the server's
start is not hidden); then `--per-type` questions of every type (shuffled, answered right and
wrong in turn, as a student does with mouse and keys): click Submit → feedback, click Next →
the next question, each from the click event to the DOM change that shows it (timed inside the
page, so Playwright's polling does not count), and to the end of the frame after that change
(what the student sees: Chromium draws a frame every 16.7 ms); then 3 page loads of a new
sitting on the warm
server.
Prints the machine, the load average before and after, and a table with each contender's
medians and p90s and the app against each floor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for app, bench and tests

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bench import sample_log  # noqa: E402
from bench.big_log_bench import APP, CONFIG, streamlit_in  # noqa: E402
from bench.store_bench import load_average, machine  # noqa: E402
from tests.browser_student import (  # noqa: E402
    BANK,
    click_until_text,
    current_question,
    fill,
    last_click_to_frame,
    wait_idle,
)
from tests.browser_support import launch_chromium  # noqa: E402

FLOOR = REPO / "bench" / "floor_app.py"
FLOOR_CONTENT = REPO / "bench" / "floor_content_app.py"
LOG_ROWS = 10_000
FLOOR_DEFAULTS = "floor: bare quiz, Streamlit defaults"
FLOOR_GC_OFF = "floor: bare quiz, postScriptGC off"
FLOOR_WITH_CONTENT = "floor: bare quiz showing the app's elements, GC off"
APP_SHIPPED = "quiz app as shipped"


@dataclass
class Figures:
    first_page_ms: list[float] = field(default_factory=list)
    start_to_page_ms: list[float] = field(default_factory=list)  # server start included
    load_ms: list[float] = field(default_factory=list)
    feedback_ms: list[float] = field(default_factory=list)
    next_ms: list[float] = field(default_factory=list)
    feedback_frame_ms: list[float] = field(default_factory=list)  # to the frame that shows it
    next_frame_ms: list[float] = field(default_factory=list)


def timed(action: Callable[[], object], until: Callable[[], object]) -> float:
    """Wall-clock milliseconds from `action` until `until` returns (page loads)."""
    started = time.perf_counter()
    action()
    until()
    return (time.perf_counter() - started) * 1000


def every_type_ids(per_type: int) -> list[str]:
    """`per_type` questions of each type of the bundled bank, types interleaved."""
    by_type: dict[str, list[str]] = {}
    for question in BANK.questions:
        by_type.setdefault(question.type, []).append(question.id)
    return [ids[i] for i in range(per_type) for ids in by_type.values() if i < len(ids)]


def sitting_url(base: str, ids: list[str]) -> str:
    query = {
        "attempt": f"bench-{uuid.uuid4().hex[:10]}",
        "student": "Bench",
        "bank": BANK.id,
        "only": ",".join(ids),
    }
    return f"{base}/quiz?{urlencode(query)}"


def drive_app(page: Page, base: str, ids: list[str], figures: Figures) -> None:
    first = timed(
        lambda: page.goto(sitting_url(base, ids)),
        page.get_by_text("Question 1 of", exact=False).wait_for,
    )
    figures.first_page_ms.append(first)
    for number in range(1, len(ids) + 1):
        question = current_question(page, number)
        fill(page, question, right=number % 2 == 1)
        figures.feedback_ms.append(click_until_text(page, "Submit answer", "Right answer:"))
        figures.feedback_frame_ms.append(last_click_to_frame(page))
        wait_idle(page)
        if number < len(ids):
            figures.next_ms.append(
                click_until_text(page, "Next question", f"Question {number + 1} of")
            )
            figures.next_frame_ms.append(last_click_to_frame(page))
    for _ in range(3):
        figures.load_ms.append(
            timed(
                lambda: page.goto(sitting_url(base, ids)),
                page.get_by_text("Question 1 of", exact=False).wait_for,
            )
        )


def drive_floor(page: Page, base: str, ids: list[str], figures: Figures) -> None:
    first = timed(lambda: page.goto(base), page.get_by_text("Question 1 of").wait_for)
    figures.first_page_ms.append(first)
    for number in range(1, len(ids) + 1):
        page.get_by_text(f"Question {number} of", exact=False).wait_for()
        wait_idle(page)  # as drive_app does: each click starts from a settled page
        page.get_by_role("radiogroup").get_by_text("Alpha", exact=True).click()
        figures.feedback_ms.append(click_until_text(page, "Submit answer", "Right answer:"))
        figures.feedback_frame_ms.append(last_click_to_frame(page))
        wait_idle(page)
        if number < len(ids):
            figures.next_ms.append(
                click_until_text(page, "Next question", f"Question {number + 1} of")
            )
            figures.next_frame_ms.append(last_click_to_frame(page))
    for _ in range(3):
        figures.load_ms.append(
            timed(lambda: page.goto(base), page.get_by_text("Question 1 of").wait_for)
        )


@dataclass(frozen=True)
class Contender:
    name: str
    script: Path
    config: str | None  # the folder's .streamlit/config.toml, None for none
    log: bool  # give it the sample score log
    drive: Callable[[Page, str, list[str], Figures], None]
    env: dict[str, str] = field(default_factory=dict)


def folder_for(base: Path, contender: Contender, log: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ui-", dir=base))
    if contender.config is not None:
        (folder / ".streamlit").mkdir()
        (folder / ".streamlit" / "config.toml").write_text(contender.config)
    if contender.log:
        shutil.copyfile(log, folder / "scores.csv")
    return folder


def one_round(
    browser: Browser, base: Path, contender: Contender, ids: list[str], log: Path, f: Figures
) -> None:
    folder = folder_for(base, contender, log)
    with streamlit_in(folder, contender.env, contender.script) as server:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        context.set_default_timeout(120_000)
        page = context.new_page()
        ready = time.perf_counter()  # the server answers its health check
        try:
            contender.drive(page, server.url, ids, f)
            f.start_to_page_ms.append((ready - server.started) * 1000 + f.first_page_ms[-1])
        except Exception:
            page.screenshot(path=str(base / "failed.png"))
            for log in folder.glob("streamlit-*.log"):
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            print(f"{contender.name}: failed on {page.url}", file=sys.stderr)
            raise
        context.close()
    shutil.rmtree(folder)


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


CLICKS = ("feedback_ms", "next_ms", "feedback_frame_ms", "next_frame_ms")
METRICS = (
    ("feedback_ms", "click Submit → feedback"),
    ("next_ms", "click Next → next question"),
    ("feedback_frame_ms", "click Submit → the frame that shows the feedback"),
    ("next_frame_ms", "click Next → the frame that shows the next question"),
    ("first_page_ms", "first page on a fresh server"),
    ("start_to_page_ms", "server start → first page (start and warm-up included)"),
    ("load_ms", "page load → question (warm server)"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh servers per contender")
    parser.add_argument("--per-type", type=int, default=2, help="questions of each type a round")
    parser.add_argument("--summary-json", type=Path, help="write the headline rows here")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="DIR",
        help="also time the app of another checkout (e.g. an exported commit), as a 5th contender",
    )
    options = parser.parse_args()
    ids = every_type_ids(options.per_type)
    contenders = [
        Contender(FLOOR_DEFAULTS, FLOOR, None, False, drive_floor),
        Contender(FLOOR_GC_OFF, FLOOR, "[runner]\npostScriptGC = false\n", False, drive_floor),
        Contender(
            FLOOR_WITH_CONTENT,
            FLOOR_CONTENT,
            "[runner]\npostScriptGC = false\n",
            False,
            drive_floor,
            {"PYTHONPATH": str(REPO)},
        ),
        Contender(APP_SHIPPED, APP, CONFIG.read_text(), True, drive_app),
    ]
    if options.compare:
        other = options.compare.resolve()
        contenders.append(
            Contender(
                f"quiz app from {other}",
                other / "app" / "ui" / "streamlit_app.py",
                (other / ".streamlit" / "config.toml").read_text(),
                True,
                drive_app,
                {"PYTHONPATH": str(other)},
            )
        )
    figures = {c.name: Figures() for c in contenders}
    load_before = load_average()
    clock = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ui-bench-") as tmp, sync_playwright() as pw:
        base = Path(tmp)
        log = base / "sample.csv"
        returning = sample_log.returning_student()
        sample_log.write_log(log, LOG_ROWS, returning, sample_log.class_block())
        browser = launch_chromium(pw)
        # not measured: the first start reads Python and Streamlit from disk
        for contender in contenders[2:]:
            one_round(browser, base, contender, ids[:2], log, Figures())
        for round_number in range(options.rounds):
            order = contenders if round_number % 2 == 0 else contenders[::-1]
            for contender in order:
                one_round(browser, base, contender, ids, log, figures[contender.name])
        browser.close()
    load_after = load_average()
    elapsed = time.monotonic() - clock
    print(f"\nMachine: {machine()}")
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. "
        f"{options.rounds} rounds, contenders alternating, a fresh server each; {len(ids)} "
        f"questions a round ({options.per_type} of each type for the app); "
        f"{elapsed / 60:.1f} min in all.\n"
    )
    print(
        "| metric | "
        + " | ".join(c.name for c in contenders)
        + " | app / floor (GC off) | app / floor (defaults) | app / floor with its elements |"
    )
    print("|---|" + "---:|" * (len(contenders) + 3))
    app, gc_off, defaults = figures[APP_SHIPPED], figures[FLOOR_GC_OFF], figures[FLOOR_DEFAULTS]
    content = figures[FLOOR_WITH_CONTENT]
    rows = []
    for attribute, label in METRICS:
        cells = []
        for contender in contenders:
            median, p90 = summary(getattr(figures[contender.name], attribute))
            cells.append(f"{median:.0f} / {p90:.0f} ms")
        ratio_gc = summary(getattr(app, attribute))[0] / summary(getattr(gc_off, attribute))[0]
        ratio_def = summary(getattr(app, attribute))[0] / summary(getattr(defaults, attribute))[0]
        # Only clicks compare: the second floor's first page imports the app's widgets module.
        ratio_content = (
            f"{summary(getattr(app, attribute))[0] / summary(getattr(content, attribute))[0]:.2f}x"
            if attribute in CLICKS
            else "—"
        )
        print(
            f"| {label} (median / p90) | "
            + " | ".join(cells)
            + f" | **{ratio_gc:.2f}x** | {ratio_def:.2f}x | {ratio_content} |"
        )
        rows.append(
            {
                "metric": f"UI: {label} (median)",
                "app": f"{summary(getattr(app, attribute))[0]:.0f} ms",
                "floor": f"{summary(getattr(gc_off, attribute))[0]:.0f} ms (GC off)",
                "ratio": ratio_gc,
            }
        )
    if options.summary_json:
        options.summary_json.write_text(json.dumps(rows))


if __name__ == "__main__":
    main()
