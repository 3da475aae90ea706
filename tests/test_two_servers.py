"""Two app servers on one PostgreSQL database, in Chromium: a sitting moves between servers,
a server killed mid-sitting loses no answer, and two tabs on two servers keep the first answer."""

from __future__ import annotations

import signal
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from app.log import AnswerRow
from app.stores import open_store
from tests.browser_student import answer, current_question, next_question, quiz_url, wait_idle
from tests.browser_support import REPO, streamlit_process

APP = REPO / "app" / "ui" / "streamlit_app.py"


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    return context.new_page()


def stored(url: str, attempt: str) -> list[AnswerRow]:
    store = open_store(url)
    try:
        return store.attempt_rows(attempt)
    finally:
        store.close()


def test_a_sitting_moves_between_servers_and_survives_a_killed_one(
    browser: Browser, pg_url: str, tmp_path: Path
) -> None:
    unused_csv = tmp_path / "must-stay-unused.csv"
    env = {"QUIZ_SCORES_URL": pg_url}
    with (
        streamlit_process(APP, unused_csv, env=env) as (first, first_process),
        streamlit_process(APP, unused_csv, env=env) as (second, _),
    ):
        page = new_page(browser)
        page.goto(quiz_url(first, "two-servers", n="5"))
        for number in (1, 2):
            answer(page, current_question(page, number), right=True)
            expect(page.get_by_text("Right answer:")).to_be_visible()
            next_question(page, last=False)

        page.goto(quiz_url(second, "two-servers", n="5"))  # the load balancer picked the other
        third = current_question(page, 3)
        answer(page, third, right=False)
        expect(page.get_by_text("Right answer:")).to_be_visible()
        expect(page.get_by_text("Score so far: 2 of 3 answered")).to_be_visible()

        page.goto(quiz_url(first, "two-servers", n="5"))
        answer(page, current_question(page, 4), right=True)
        expect(page.get_by_text("Right answer:")).to_be_visible()
        first_process.send_signal(signal.SIGKILL)  # the server dies right after the answer
        first_process.wait()

        page.goto(quiz_url(second, "two-servers", n="5"))
        answer(page, current_question(page, 5), right=True)
        expect(page.get_by_text("Right answer:")).to_be_visible()
        next_question(page, last=True)
        expect(page.get_by_text("4 / 5")).to_be_visible()
        page.context.close()

    rows = stored(pg_url, "two-servers")
    assert [r.correct for r in rows] == [True, True, False, True, True]
    assert len({r.question_id for r in rows}) == 5
    assert not unused_csv.exists()


def test_two_tabs_on_two_servers_keep_the_first_answer(
    browser: Browser, pg_url: str, tmp_path: Path
) -> None:
    env = {"QUIZ_SCORES_URL": pg_url}
    with (
        streamlit_process(APP, tmp_path / "unused.csv", env=env) as (first, _),
        streamlit_process(APP, tmp_path / "unused.csv", env=env) as (second, _),
    ):
        tab_one, tab_two = new_page(browser), new_page(browser)
        tab_one.goto(quiz_url(first, "two-tabs", n="3"))
        tab_two.goto(quiz_url(second, "two-tabs", n="3"))
        question = current_question(tab_one, 1)
        assert current_question(tab_two, 1) == question

        answer(tab_one, question, right=True)
        expect(tab_one.get_by_text("Correct.")).to_be_visible()
        answer(tab_two, question, right=False)  # its form was still on screen
        expect(tab_two.get_by_text("already answered in another tab")).to_be_visible()
        expect(tab_two.get_by_text("Correct.")).to_be_visible()  # the answer that counts
        next_question(tab_two, last=False)
        expect(tab_two.get_by_text("Question 2 of 3")).to_be_visible()
        tab_one.reload()  # on the feedback: the answer is kept, so the reload moves on
        wait_idle(tab_one)
        expect(tab_one.get_by_text("Question 2 of 3")).to_be_visible()

    rows = stored(pg_url, "two-tabs")
    assert [(r.question_id, r.correct) for r in rows] == [(question.id, True)]
