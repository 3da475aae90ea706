"""Accessibility in Chromium: axe-core on every page a student sees (zero violations), right or
wrong announced in a live region, focus moved after Submit and Next, the whole quiz by keyboard.

axe-core comes from the axe-playwright-python wheel, which bundles axe.min.js: nothing is
downloaded when the tests run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import assert_never
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from app.grading import expected_answer
from app.models import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.stores.csv_file import append_rows
from bench import sample_log
from tests.browser_student import BANK, answer, current_question, quiz_url, wait_idle
from tests.browser_support import REPO, streamlit_server
from tests.csv_log import read_log

APP = REPO / "app" / "ui" / "streamlit_app.py"
RETURNING = sample_log.returning_student()
FINISHED = {
    "attempt": RETURNING.rows[0].attempt_id,
    "student": sample_log.RETURNING,
    "bank": BANK.id,
    "n": str(sample_log.QUESTIONS_PER_QUIZ),
}

# Every page a student reaches without answering, by URL, and what shows it has loaded. A new
# page (flashcards, article, the instructor pages) is one more line here.
PAGES = {
    "home": ("/", "Start quiz"),
    "progress": (f"/progress?{urlencode({'student': sample_log.RETURNING})}", "Past quizzes"),
    "progress, no answers yet": ("/progress?student=Nobody", "No answers recorded"),
    "results": (f"/quiz?{urlencode(FINISHED)}", "Review"),
    "quiz without a sitting": ("/quiz", "No quiz is running here"),
    "flashcards": (
        f"/flashcards?{urlencode({'student': 'Newcomer', 'bank': BANK.id})}",
        "Show answer",
    ),
    "article": (f"/article?{urlencode({'bank': BANK.id})}", "Russia"),
    "class results": ("/class", "Questions"),
    "question banks": ("/banks", "Edit a bank"),
    "class roster": ("/roster", "roster"),
    "draft from article": ("/draft", "Draft questions"),
}
ONE_OF_EACH_TYPE: dict[str, str] = {q.type: q.id for q in reversed(BANK.questions)}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    scores = tmp_path_factory.mktemp("a11y") / "scores.csv"
    append_rows(scores, RETURNING.rows)  # two finished quizzes for the progress and results pages
    with streamlit_server(APP, scores) as url:
        yield url, scores


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


AXE = Axe()


def assert_no_violations(page: Page) -> None:
    wait_idle(page)
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(server, page: Page, name: str) -> None:
    base, _ = server
    path, loaded = PAGES[name]
    page.goto(base + path)
    expect(page.get_by_text(loaded, exact=False).first).to_be_visible()
    assert_no_violations(page)


@pytest.mark.parametrize("question_type", sorted(ONE_OF_EACH_TYPE))
def test_question_and_feedback_have_no_axe_violations(
    server, page: Page, question_type: str
) -> None:
    base, _ = server
    question_id = ONE_OF_EACH_TYPE[question_type]
    page.goto(quiz_url(base, f"a11y-{question_type}", only=question_id))
    question = current_question(page, 1)
    assert_no_violations(page)
    answer(page, question, right=False)
    expect(page.get_by_text("Right answer:")).to_be_visible()
    assert_no_violations(page)


def test_draft_review_has_no_axe_violations(server, page: Page) -> None:
    """The instructor's review of a draft: a box per question, the YAML, Publish (not pressed:
    nothing is written to the questions folder)."""
    base, _ = server
    page.goto(base + "/draft")
    article = (Path(__file__).parent / "articles" / "bridge-closure.txt").read_text("utf-8")
    page.get_by_label("The article (its headline first; a section line above it is skipped)").fill(
        article
    )
    page.get_by_role("button", name="Draft questions").click()
    expect(page.get_by_role("button", name="Publish")).to_be_visible()
    assert_no_violations(page)


def focused(page: Page) -> dict[str, str]:
    """What has keyboard focus: tag, input type, role, and its (or its label's) text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
                   const label = e.closest("label");
                   return {tag: e.tagName, type: e.getAttribute("type") || "",
                           role: e.getAttribute("role") || "",
                           text: ((label || e).textContent || "").trim(),
                           aria: e.getAttribute("aria-label") || ""}; }"""
    )


def tab_to(page: Page, wanted: str, text: str = "") -> dict[str, str]:
    """Press Tab until the focused element is `wanted` ("radio", "checkbox", "text",
    "combobox" or "button") and, when given, shows `text`."""
    for _ in range(40):
        page.keyboard.press("Tab")
        now = focused(page)
        kind = now["role"] if now["role"] == "combobox" else now["type"] or now["tag"].lower()
        if kind == wanted and text in now["text"]:
            return now
    reachable = page.evaluate(
        """() => [...document.querySelectorAll("input, button, a[href], [tabindex]")]
                   .map(e => `${e.tagName}:${e.getAttribute("type") || ""}:`
                             + `${(e.textContent || e.getAttribute("aria-label") || "").trim()}`
                             + (e.disabled ? ":disabled" : ""))"""
    )  # what the page offered, to tell a missing input from focus taken away
    raise AssertionError(
        f"Tab never reached a {wanted} {text!r}; focus is on {focused(page)}; "
        f"the page has {reachable}"
    )


def answer_by_keyboard(page: Page, question: Question) -> None:
    """The right answer with the keyboard alone, then Enter on Submit (or in a text box)."""
    match question:
        case MultipleChoice() | TrueFalse():
            choice = (
                question.answer if isinstance(question, MultipleChoice) else str(question.answer)
            )
            tab_to(page, "radio")
            page.keyboard.press("Space")
            for _ in range(8):
                if page.get_by_role("radio", name=choice, exact=True).is_checked():
                    break
                page.keyboard.press("ArrowDown")
            expect(page.get_by_role("radio", name=choice, exact=True)).to_be_checked()
        case MultipleSelect():
            for _ in question.options:
                box = tab_to(page, "checkbox")
                if box["text"] in question.answers:
                    page.keyboard.press("Space")
        case ShortAnswer() | Numeric():
            tab_to(page, "text")
            page.keyboard.type(expected_answer(question))
            page.keyboard.press("Enter")
            return
        case Cloze():
            for accepted in question.blanks:
                tab_to(page, "text")
                page.keyboard.type(accepted[0])
            page.keyboard.press("Enter")
            return
        case Matching():
            for pair in question.pairs:
                tab_to(page, "combobox")
                page.keyboard.type(pair.right)
                page.keyboard.press("Enter")
        case _:
            assert_never(question)
    tab_to(page, "button", "Submit answer")
    page.keyboard.press("Enter")


def live_region(page: Page):
    return page.locator("#quiz-live[role=status][aria-live=polite]")


def test_whole_quiz_by_keyboard_with_announcements_and_focus(server, page: Page) -> None:
    base, scores = server
    every_type = list(ONE_OF_EACH_TYPE.values())
    skipped = next(q.id for q in BANK.questions if q.id not in every_type)
    ids = [*every_type, skipped]
    page.goto(quiz_url(base, "keyboard", shuffle="0", only=",".join(ids)))
    for number, question_id in enumerate(ids, start=1):
        question = current_question(page, number)
        assert question.id == question_id
        # the question's heading has focus; the live region is there, silent, before any answer
        expect(page.get_by_role("heading", name=question.prompt)).to_be_focused()
        expect(live_region(page)).to_have_text("")
        if number < len(ids):
            answer_by_keyboard(page, question)
            expect(live_region(page)).to_have_text("Your answer is right.")
        else:
            page.keyboard.press("s")  # Skip's shortcut
            expect(live_region(page)).to_have_text("You skipped this question; it counts as wrong.")
        feedback = page.locator('[data-testid="stAlert"]', has_text="Right answer:")
        expect(feedback).to_be_focused()  # a screen reader reads the verdict and right answer
        right = number if number < len(ids) else number - 1
        expect(feedback).to_contain_text(f"Score so far: {right} of {number} answered")
        page.keyboard.press("n")  # Next's shortcut (See my results on the last question)
    expect(page.get_by_role("heading", name="Quiz finished")).to_be_focused()
    expect(live_region(page)).to_have_text(f"Your score: {len(ids) - 1} of {len(ids)}.")
    rows = [r for r in read_log(scores).rows if r.attempt_id == "keyboard"]
    assert [(r.question_id, r.correct) for r in rows] == [(i, i != ids[-1]) for i in ids]


def test_shortcut_keys_do_nothing_while_typing(server, page: Page) -> None:
    base, scores = server
    page.goto(quiz_url(base, "typing", only="vdv-abbreviation"))
    current_question(page, 1)
    box = page.get_by_label("Your answer")
    box.click()
    page.keyboard.type("sn")
    wait_idle(page)
    expect(box).to_have_value("sn")
    expect(page.get_by_text("Right answer:")).to_have_count(0)
    assert [r for r in read_log(scores).rows if r.attempt_id == "typing"] == []
