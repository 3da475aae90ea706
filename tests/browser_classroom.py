"""A class of students in one Chromium, each in a browser context of its own, taking quizzes at
the same time (Playwright's async API: one event loop drives every tab).

Shared by tests/test_classroom.py (5 students, a correctness test) and bench/classroom_bench.py
(30 students, timed). Each student answers what is on screen, right, wrong or skipped as their
own seeded dice say, and remembers what they meant to answer, so the store can be checked row
by row afterwards (`check_rows`).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import assert_never
from urllib.parse import parse_qsl, urlencode, urlparse

from playwright.async_api import Browser, Page

from app.grading import expected_answer, grade, response_from_text
from app.log import AnswerRow, Mode
from app.models import (
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.quiz import plan_from_params, plan_questions
from tests.browser_student import CLICK_TO_TEXT

OUTCOMES = ("right", "wrong", "skip")
WEIGHTS = (0.6, 0.35, 0.05)


@dataclass
class Student:
    """One student's sitting: where it runs, and what they did and saw."""

    name: str
    attempt: str
    base_url: str
    questions: int
    think_s: tuple[float, float]
    seed: int
    intended: list[tuple[str, str]] = field(default_factory=list)  # (question id, outcome)
    feedback_ms: list[float] = field(default_factory=list)
    next_ms: list[float] = field(default_factory=list)
    finished: bool = False
    error: str = ""

    def url(self, bank_id: str) -> str:
        query = {
            "attempt": self.attempt,
            "student": self.name,
            "bank": bank_id,
            "n": str(self.questions),
        }
        return f"{self.base_url}/quiz?{urlencode(query)}"


async def wait_idle(page: Page) -> None:
    await page.locator('[data-test-script-state="notRunning"]').wait_for(state="attached")


async def question_on_screen(page: Page, bank: Bank, number: int) -> Question:
    """The question numbered `number` once it is on screen (from the plan in the URL)."""
    await page.get_by_text(f"Question {number} of", exact=False).wait_for()
    await wait_idle(page)
    plan = plan_from_params(dict(parse_qsl(urlparse(page.url).query)))
    assert plan is not None, page.url
    question = bank.question(plan_questions(bank, plan).question_ids[number - 1])
    await page.get_by_role("heading", name=question.prompt).wait_for()
    return question


async def fill(page: Page, question: Question, right: bool) -> None:
    """Put a right or wrong answer into the inputs, as a student does with mouse and keys."""
    match question:
        case MultipleChoice():
            wrong = next(o for o in question.options if o != question.answer)
            choice = question.answer if right else wrong
            await page.get_by_role("radiogroup").get_by_text(choice, exact=True).click()
        case MultipleSelect():
            picks = (
                question.answers
                if right
                else [next(o for o in question.options if o not in question.answers)]
            )
            for option in picks:
                await page.get_by_text(option, exact=True).click()
        case TrueFalse():
            label = "True" if question.answer == right else "False"
            await page.get_by_role("radiogroup").get_by_text(label, exact=True).click()
        case ShortAnswer() | Numeric():
            typed = expected_answer(question) if right else "999"
            await page.get_by_label("Your answer").fill(typed)
        case Matching():
            rights = [p.right for p in question.pairs]
            if not right:
                rights.reverse()
            for pair, choice in zip(question.pairs, rights, strict=True):
                await page.get_by_role("combobox", name=f"{pair.left} matches…").click()
                await page.get_by_role("option", name=choice, exact=True).click()
        case Cloze():
            for i, accepted in enumerate(question.blanks, start=1):
                await page.get_by_label(f"Blank {i}").fill(accepted[0] if right else "nope")
        case _:
            assert_never(question)


async def click_until_text(page: Page, button: str, text: str) -> float:
    """Milliseconds from clicking `button` until `text` appears in the page."""
    await page.evaluate(CLICK_TO_TEXT, text)
    await page.get_by_role("button", name=button).click()  # a shortcut key may follow
    return float(await page.evaluate("window.clickToText"))


async def take_quiz(browser: Browser, student: Student, bank: Bank, timeout_ms: float) -> None:
    """The whole sitting in a new browser context; failures are kept in `student.error`."""
    dice = random.Random(student.seed)
    context = await browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(timeout_ms)
    try:
        page = await context.new_page()
        await page.goto(student.url(bank.id))
        for number in range(1, student.questions + 1):
            question = await question_on_screen(page, bank, number)
            await asyncio.sleep(dice.uniform(*student.think_s))
            outcome = dice.choices(OUTCOMES, WEIGHTS)[0]
            if outcome != "skip":
                await fill(page, question, right=outcome == "right")
            student.intended.append((question.id, outcome))
            button = "Skip" if outcome == "skip" else "Submit answer"
            student.feedback_ms.append(await click_until_text(page, button, "Right answer:"))
            await wait_idle(page)
            await asyncio.sleep(dice.uniform(*student.think_s) / 2)  # reads the feedback
            last = number == student.questions
            if last:
                await page.get_by_role("button", name="See my results").click()
                await page.get_by_role("heading", name="Quiz finished").wait_for()
            else:
                student.next_ms.append(
                    await click_until_text(page, "Next question", f"Question {number + 1} of")
                )
        student.finished = True
    except Exception as error:
        student.error = f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        await context.close()


async def refresh_class_results(
    browser: Browser, url: str, every_s: float, stop: asyncio.Event, loads_ms: list[float]
) -> None:
    """An instructor's tab that reloads the Class results page at `url` (the server's own
    machine: no password) every `every_s` seconds until `stop` is set, timing each load until
    its students' table (or "no quiz answers yet") is on screen."""
    context = await browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(120_000)
    page = await context.new_page()
    loop = asyncio.get_running_loop()
    try:
        while not stop.is_set():
            started = loop.time()
            await page.goto(url)
            tables = page.get_by_role("heading", name="Students")
            await tables.or_(page.get_by_text("No quiz answers yet", exact=False)).wait_for()
            await wait_idle(page)
            loads_ms.append((loop.time() - started) * 1000)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_s)
    finally:
        await context.close()


@dataclass(frozen=True)
class Check:
    """Rows in the store against the answers the students submitted."""

    submitted: int
    stored: int
    lost: int
    doubled: int
    garbled: int
    strangers: int  # rows of no sitting in this class

    @property
    def ok(self) -> bool:
        return (self.lost, self.doubled, self.garbled, self.strangers) == (0, 0, 0, 0) and (
            self.stored == self.submitted
        )


def check_rows(
    bank: Bank, students: Sequence[Student], rows: Iterable[AnswerRow], damaged: int = 0
) -> Check:
    """Every submitted answer stored once, as given: right, wrong or skipped as intended, with a
    response that grades to its stored score. `damaged`: lines the store could not read."""
    by_attempt: dict[str, list[AnswerRow]] = {}
    for row in rows:
        by_attempt.setdefault(row.attempt_id, []).append(row)
    lost = doubled = stored = 0
    garbled = damaged
    for student in students:
        mine = by_attempt.pop(student.attempt, [])
        stored += len(mine)
        first: dict[str, AnswerRow] = {}
        for row in mine:
            first.setdefault(row.question_id, row)
        doubled += len(mine) - len(first)  # a question answered twice in one sitting
        for question_id, outcome in student.intended:
            kept = first.get(question_id)
            if kept is None:
                lost += 1
            elif not _as_intended(bank, kept, student, outcome):
                garbled += 1
    strangers = sum(len(rows) for rows in by_attempt.values())
    submitted = sum(len(s.intended) for s in students)
    return Check(submitted, stored, lost, doubled, garbled, strangers)


def _as_intended(bank: Bank, row: AnswerRow, student: Student, outcome: str) -> bool:
    question = bank.question(row.question_id)
    if (row.student, row.bank_id, row.mode) != (student.name, bank.id, Mode.QUIZ.value):
        return False
    if row.question_hash != question.content_hash or not row.answer_id:
        return False
    if outcome == "skip":
        return row.response == "" and not row.correct and row.score == 0
    regraded = grade(question, response_from_text(question, row.response))
    return (
        regraded.correct == row.correct
        and regraded.score == row.score
        and row.correct == (outcome == "right")
    )
