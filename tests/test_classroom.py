"""Five students at once in one Chromium, each in its own browser context: every answer they
submit is stored once, as given (the small version of bench/classroom_bench.py)."""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from pathlib import Path

from playwright.async_api import async_playwright

from app.stores import open_store
from tests.browser_classroom import Student, check_rows, take_quiz
from tests.browser_student import BANK
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server

APP = REPO / "app" / "ui" / "streamlit_app.py"
STUDENTS = 5
QUESTIONS = 6


async def take_quizzes(students: list[Student]) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(take_quiz(browser, s, BANK, 60_000) for s in students))
        await browser.close()


def classroom(urls: list[str], label: str) -> list[Student]:
    """Five students answering at once, spread over the servers at `urls`."""
    students = [
        Student(
            name=f"{label} student {n}",
            attempt=f"{label}-{n}",
            base_url=urls[n % len(urls)],
            questions=QUESTIONS,
            think_s=(0.05, 0.3),
            seed=n,
        )
        for n in range(STUDENTS)
    ]
    asyncio.run(take_quizzes(students))
    return students


def test_five_students_at_once_lose_and_double_no_answer(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    with streamlit_server(APP, scores) as url:
        students = classroom([url], "csv")
    assert [s.error for s in students] == [""] * STUDENTS
    assert all(s.finished for s in students)
    store = open_store(scores)
    check = check_rows(BANK, students, store.all_rows(), damaged=store.skipped)
    assert check.submitted == STUDENTS * QUESTIONS
    assert (check.stored, check.lost, check.doubled, check.garbled) == (check.submitted, 0, 0, 0)
    assert check.strangers == 0
    lines = scores.read_text().splitlines()
    assert len(lines) == 1 + check.submitted  # the header, then one line per answer, no more


def test_five_students_on_two_servers_and_one_database(pg_url: str, tmp_path: Path) -> None:
    unused = tmp_path / "unused.csv"
    with ExitStack() as stack:
        urls = [
            stack.enter_context(streamlit_server(APP, unused, env={"QUIZ_SCORES_URL": pg_url}))
            for _ in range(2)
        ]
        students = classroom(urls, "pg")
    assert [s.error for s in students] == [""] * STUDENTS
    store = open_store(pg_url)
    try:
        check = check_rows(BANK, students, store.all_rows())
    finally:
        store.close()
    assert check.submitted == STUDENTS * QUESTIONS
    assert (check.stored, check.lost, check.doubled, check.garbled) == (check.submitted, 0, 0, 0)
    assert check.strangers == 0
    assert not unused.exists()
