"""A timed quiz in Chromium on a phone-sized screen: the clock counts down without a click, the
time runs out once (a 30-second limit set in the bank), and the article shows what was missed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser_student import answer, current_question, next_question, quiz_url, wait_idle
from tests.browser_support import REPO, streamlit_server
from tests.conftest import BANK_FILE, QUESTIONS
from tests.csv_log import read_log

LIMIT_S = 30
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS, folder)
    bank_file = folder / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    limit = f"\ntime_limit_minutes: {LIMIT_S / 60}\nsource:\n"
    bank_file.write_text(text.replace("\nsource:\n", limit, 1), encoding="utf-8")
    scores = tmp_path / "scores.csv"
    app = REPO / "app" / "ui" / "streamlit_app.py"
    with streamlit_server(app, scores, env={"QUIZ_QUESTIONS_DIR": str(folder)}) as url:
        yield url, scores


WATCH_ALERT = """() => {
  window.alertNode = document.querySelector('[role=alert]');
  window.alertChanges = 0;
  new MutationObserver((changes) => { window.alertChanges += changes.length; })
    .observe(window.alertNode, {subtree: true, childList: true, characterData: true});
}"""


def phone_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(40_000)
    return context.new_page()


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"


def test_the_time_runs_out_once_and_the_article_shows_what_was_missed(
    browser: Browser, server: tuple[str, Path]
) -> None:
    base, scores = server
    page = phone_page(browser)
    page.goto(base)  # the server's first run loads everything: not on the quiz's time
    wait_idle(page)
    page.goto(quiz_url(base, "browser-timed", n="3"))
    expect(page.get_by_text("Question 1 of 3")).to_be_visible(timeout=LIMIT_S * 1000)
    first = current_question(page, 1)
    timer = page.get_by_role("timer")
    expect(timer).to_contain_text("Time left")
    # under a minute from the start: said once, in words, as an alert (not by colour)
    expect(page.get_by_role("alert")).to_contain_text("Less than 1 minute left")
    page.evaluate(WATCH_ALERT)
    shown = timer.inner_text()
    expect(timer).not_to_have_text(shown, timeout=5_000)  # it counts down without a click
    expect(timer).not_to_have_text(timer.inner_text(), timeout=5_000)
    # the alert stays the same node, untouched, while the clock ticks: said once, not per second
    assert page.evaluate("[window.alertNode.isConnected, window.alertChanges]") == [True, 0]
    no_sideways_scroll(page)

    answer(page, first, right=True)
    expect(page.get_by_text("Correct.")).to_be_visible()
    next_question(page, last=False)
    expect(page.get_by_text("Question 2 of 3")).to_be_visible(timeout=LIMIT_S * 1000)

    # nobody clicks: the results replace the question when the time is up
    expect(page.get_by_role("heading", name="Quiz finished")).to_be_visible(
        timeout=(LIMIT_S + 20) * 1000
    )
    expect(page.get_by_text("Time ran out.", exact=False)).to_be_visible()
    expect(page.get_by_text("1 / 3")).to_be_visible()
    expect(page.get_by_role("button", name="Submit answer")).to_have_count(0)
    no_sideways_scroll(page)
    rows = [r for r in read_log(scores).rows if r.attempt_id == "browser-timed"]
    assert [(r.mode, r.correct) for r in rows] == [("start", False), ("quiz", True)]

    page.get_by_role("link", name="Your answers on the article").click()
    headline = page.get_by_role("heading", level=1)
    expect(headline).to_have_text(re.compile("Elite Paratroopers To Launch Air Drill"))
    expect(page.get_by_role("heading", level=2, name="Your answers")).to_be_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.get_by_role("main").count() == 1
    expect(page.get_by_role("link", name="(question 1, ✅ right)")).to_be_visible()
    missed = page.get_by_role("link", name="(question 2, ❌ missed)")
    expect(missed).to_be_visible()
    assert page.locator("mark").count() >= 1
    no_sideways_scroll(page)
    missed.click()
    expect(page.locator("#review-2")).to_be_in_viewport()
    expect(page.locator("#review-2")).to_contain_text("⏰ Not answered")
    page.locator("#review-2").get_by_role("link", name="Back to the sentence").click()
    expect(page.locator("#quote-2")).to_be_in_viewport()
    wait_idle(page)
    assert len([r for r in read_log(scores).rows if r.attempt_id == "browser-timed"]) == 2
    page.context.close()


def test_the_clock_goes_once_the_last_question_is_answered(
    browser: Browser, server: tuple[str, Path]
) -> None:
    # Submit reruns only the answer area; the clock above it must still go with the last answer.
    base, _ = server
    page = phone_page(browser)
    page.goto(quiz_url(base, "timed-last", n="2", shuffle="0"))
    answer(page, current_question(page, 1), right=True)
    expect(page.get_by_text("Right answer:")).to_be_visible()
    expect(page.get_by_role("timer")).to_have_count(1)
    next_question(page, last=False)
    answer(page, current_question(page, 2), right=True)
    expect(page.get_by_role("button", name="See my results")).to_be_visible()
    expect(page.get_by_role("timer")).to_have_count(0)  # nothing left to answer
    expect(page.get_by_text("Score so far: 2 of 2 answered")).to_be_visible()
    page.context.close()
