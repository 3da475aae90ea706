"""End to end: Debian's Chromium, driven by Playwright, against a real `streamlit run`."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.browser_student import (
    BANK,
    answer,
    current_question,
    next_question,
    quiz_url,
    wait_idle,
)
from tests.browser_support import REPO, streamlit_server
from tests.csv_log import read_log

ONE_OF_EACH = (
    "drops-region",
    "airdrop-contents",
    "paratroopers-elite",
    "vdv-abbreviation",
    "drill-year",
    "people-roles",
    "statement-wording",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    scores = tmp_path_factory.mktemp("browser") / "scores.csv"
    with streamlit_server(REPO / "app" / "ui" / "streamlit_app.py", scores) as url:
        yield url, scores


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def rows_of(scores: Path, attempt: str):
    return [r for r in read_log(scores).rows if r.attempt_id == attempt]


def test_student_starts_from_home_and_finishes_a_quiz(server, page: Page) -> None:
    base, scores = server
    page.goto(base)
    wait_idle(page)
    page.get_by_label("Your name").click()
    page.keyboard.type('Zoë, "the tester"')
    page.get_by_role("combobox", name="Number of questions").click()
    page.get_by_role("option", name="5", exact=True).click()
    page.get_by_role("button", name="Start quiz").click()
    for number in range(1, 6):
        question = current_question(page, number)
        answer(page, question, right=True)
        expect(page.get_by_text("Correct.")).to_be_visible()
        expect(page.get_by_text("Right answer:")).to_be_visible()
        next_question(page, last=number == 5)
    expect(page.get_by_role("heading", name="Quiz finished")).to_be_visible()
    expect(page.get_by_text("5 / 5")).to_be_visible()
    expect(page.get_by_text("100%")).to_be_visible()
    attempt = dict(parse_qsl(urlparse(page.url).query))["attempt"]
    rows = rows_of(scores, attempt)
    assert [(r.student, r.correct, r.score) for r in rows] == [('Zoë, "the tester"', True, 1.0)] * 5


def test_every_question_type_right_and_wrong_lands_in_the_csv(server, page: Page) -> None:
    base, scores = server
    page.goto(quiz_url(base, "every-type", shuffle="0", only=",".join(ONE_OF_EACH)))
    expected = []
    for number, question_id in enumerate(ONE_OF_EACH, start=1):
        question = current_question(page, number)
        assert question.id == question_id
        right = number % 2 == 1
        answer(page, question, right)
        verdict = re.compile(r"^Correct\." if right else r"^Incorrect[.:]")
        expect(page.get_by_text(verdict)).to_be_visible()
        expect(page.get_by_text("Your answer:")).to_be_visible()
        expect(page.get_by_text(question.explanation, exact=False)).to_be_visible()
        expect(page.locator("mark").first).to_be_visible()  # the quote, highlighted in place
        expected.append((question_id, right))
        next_question(page, last=number == len(ONE_OF_EACH))
    expect(page.get_by_text(f"4 / {len(ONE_OF_EACH)}")).to_be_visible()
    rows = rows_of(scores, "every-type")
    assert [(r.question_id, r.correct) for r in rows] == expected
    assert all(r.mode == "quiz" and r.elapsed_ms > 0 for r in rows)


def test_reload_mid_quiz_resumes_where_it_was(server, page: Page) -> None:
    base, scores = server
    page.goto(quiz_url(base, "reload", n="4"))
    for number in (1, 2):
        answer(page, current_question(page, number), right=True)
        expect(page.get_by_text("Correct.")).to_be_visible()
        next_question(page, last=False)
    current_question(page, 3)
    page.reload()
    third = current_question(page, 3)
    answer(page, third, right=False)
    expect(page.get_by_text("Right answer:")).to_be_visible()
    expect(page.get_by_text("Score so far: 2 of 3 answered")).to_be_visible()  # kept over reload
    page.reload()  # reloading on the feedback moves on: the answer is already kept
    answer(page, current_question(page, 4), right=True)
    next_question(page, last=True)
    expect(page.get_by_text("3 / 4")).to_be_visible()
    rows = rows_of(scores, "reload")
    assert [r.correct for r in rows] == [True, True, False, True]
    assert len({r.question_id for r in rows}) == 4


def test_a_deferred_quiz_moves_to_the_next_question_at_each_submit(
    questions_copy: Path, tmp_path: Path, page: Page
) -> None:
    # Submit reruns only the answer area; a deferred sitting moves on at once, so the question
    # above it (progress line, prompt) must be shown again too.
    bank_file = questions_copy / "russia-paratroopers-drill.yaml"
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("\nquestions:\n", "\nfeedback: deferred\nquestions:\n", 1))
    scores = tmp_path / "scores.csv"
    env = {"QUIZ_QUESTIONS_DIR": str(questions_copy)}
    with streamlit_server(REPO / "app" / "ui" / "streamlit_app.py", scores, env=env) as base:
        page.goto(quiz_url(base, "deferred", n="3", shuffle="0"))
        for number in (1, 2, 3):
            question = current_question(page, number)  # its progress line and its prompt
            expect(page.get_by_text(f"{number - 1} of 3 answered", exact=False)).to_be_visible()
            answer(page, question, right=number != 2)
            if number < 3:
                expect(page.get_by_text("✔️ Answer saved.")).to_be_visible()
                expect(page.get_by_text("Right answer:")).to_have_count(0)
        expect(page.get_by_role("heading", name="Quiz finished")).to_be_visible()
        expect(page.get_by_text("2 / 3")).to_be_visible()
    assert [r.correct for r in rows_of(scores, "deferred")] == [True, False, True]


def test_a_page_finds_the_server_at_once(server, page: Page) -> None:
    """A page other than home asks the server's health check at the root, not first under its
    own path (a 404, then 100 ms of waiting before the next try)."""
    base, _ = server
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlparse(request.url).path))
    for path in ("quiz", "progress", "flashcards"):
        page.goto(f"{base}/{path}?student=Ana")
        wait_idle(page)
        expect(page.locator('[data-testid="stMain"]')).to_be_visible()
    assert asked.count("/_stcore/health") == 3
    assert [path for path in asked if path.endswith("_stcore/health")] == ["/_stcore/health"] * 3
    page.goto(quiz_url(base, "at-once", n="2"))
    current_question(page, 1)  # the quiz page still runs at /quiz


def test_page_holds_neither_answer_nor_explanation_before_submitting(server, page: Page) -> None:
    base, _ = server
    question = BANK.questions[0]  # the first question when the bank's order is kept
    assert question.type == "multiple_choice"  # its answer is one of the options shown
    received: list[bytes] = []

    def on_frame(frame: str | bytes) -> None:
        received.append(frame if isinstance(frame, bytes) else frame.encode())

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", on_frame)

    page.on("websocket", on_socket)
    page.goto(quiz_url(base, "hidden", shuffle="0"))  # no question id in the URL
    assert current_question(page, 1) == question
    html = page.content()
    assert question.explanation not in html
    assert "Right answer" not in html
    assert question.id not in html  # not in a CSS class, a key or a test id either
    assert received
    for secret in (question.id, question.explanation, question.source_quote or "-"):
        assert not any(secret.encode() in frame for frame in received), secret
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_text("Skipped: counted as wrong.")).to_be_visible()
    expect(page.get_by_text(question.explanation, exact=False).first).to_be_visible()


def test_empty_answer_is_refused_in_the_browser(server, page: Page) -> None:
    base, scores = server
    page.goto(quiz_url(base, "empty", only="drops-region"))
    current_question(page, 1)
    # a deep link goes through the router: its navigation, not a bare page script
    expect(page.get_by_role("link", name="My progress")).to_be_visible()
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_text("Please answer before submitting")).to_be_visible()
    assert rows_of(scores, "empty") == []


def test_an_edit_to_the_bank_shows_above_the_feedback(
    questions_copy: Path, tmp_path: Path, page: Page
) -> None:
    # Submit reruns only the answer area: an instructor's edit since the question was shown
    # must not leave the old prompt above feedback drawn from the new bank.
    env = {"QUIZ_QUESTIONS_DIR": str(questions_copy)}
    app = REPO / "app" / "ui" / "streamlit_app.py"
    with streamlit_server(app, tmp_path / "scores.csv", env=env) as base:
        page.goto(quiz_url(base, "edited", n="2", shuffle="0"))
        question = current_question(page, 1)
        bank_file = questions_copy / "russia-paratroopers-drill.yaml"
        text = bank_file.read_text(encoding="utf-8")
        assert question.prompt[:30] in text
        bank_file.write_text(text.replace(question.prompt[:30], "EDITED " + question.prompt[:30]))
        os.utime(bank_file, ns=(time.time_ns(), time.time_ns() + 10**9))
        answer(page, question, right=True)
        expect(page.get_by_text("Right answer:")).to_be_visible()
        expect(page.get_by_role("heading", name=f"EDITED {question.prompt[:30]}")).to_be_visible()
