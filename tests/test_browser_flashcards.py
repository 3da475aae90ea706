"""Flashcards in Debian's Chromium: the keyboard flow of Anki (Space to reveal, 1-4 to rate)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_student import BANK, wait_idle
from tests.browser_support import REPO, streamlit_server
from tests.csv_log import read_log


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    scores = tmp_path_factory.mktemp("browser-cards") / "scores.csv"
    with streamlit_server(REPO / "app" / "ui" / "streamlit_app.py", scores) as url:
        yield url, scores


@pytest.fixture
def page(server, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def deck_url(base: str, student: str) -> str:
    return f"{base}/flashcards?{urlencode({'student': student, 'bank': BANK.id})}"


def test_space_reveals_and_3_rates_good_and_the_row_is_stored(server, page: Page) -> None:
    base, scores = server
    first, second = BANK.questions[0], BANK.questions[1]
    page.goto(deck_url(base, "Keyboard"))
    expect(page.get_by_role("heading", name=first.prompt)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text("Why:")).to_have_count(0)

    page.keyboard.press("Space")
    expect(page.get_by_text("Why:")).to_be_visible()
    expect(page.locator("mark")).to_be_visible()  # the source sentence, highlighted
    expect(page.get_by_role("button", name="Good · in 10 min")).to_be_enabled()
    wait_idle(page)

    page.keyboard.press("3")
    expect(page.get_by_role("heading", name=second.prompt)).to_be_visible()
    expect(page.get_by_text("Good: that card comes back in 10 min.")).to_be_visible()
    rows = [r for r in read_log(scores).rows if r.student == "Keyboard"]
    assert [(r.mode, r.rating, r.correct, r.question_id) for r in rows] == [
        ("flashcard", "good", True, first.id)
    ]


def test_typing_a_space_in_an_answer_does_not_reveal_the_card(server, page: Page) -> None:
    base, scores = server
    question = BANK.question("vdv-abbreviation")
    page.goto(deck_url(base, "Typist"))
    for card in range(BANK.questions.index(question)):  # rate the cards before it Easy
        expect(page.get_by_role("heading", name=BANK.questions[card].prompt)).to_be_visible()
        page.get_by_role("button", name="Show answer").click()
        page.get_by_role("button", name="Easy · in 8 days").click()
    expect(page.get_by_role("heading", name=question.prompt)).to_be_visible()
    wait_idle(page)
    page.get_by_label("Your answer").click()
    page.keyboard.type("no idea")  # the space is typed, not a shortcut
    expect(page.get_by_label("Your answer")).to_have_value("no idea")
    expect(page.get_by_text("Why:")).to_have_count(0)
    page.keyboard.press("Enter")  # Enter shows the answer, and checks what was typed
    expect(page.get_by_text("Incorrect.")).to_be_visible()
    expect(page.get_by_text("Suggested rating:")).to_be_visible()
    expect(page.get_by_role("button", name="Again · in 1 min")).to_be_enabled()
    wait_idle(page)
    page.keyboard.press("1")
    expect(page.get_by_text("Again: that card comes back in 1 min.")).to_be_visible()
    rows = [r for r in read_log(scores).rows if r.student == "Typist"]
    assert (rows[-1].question_id, rows[-1].rating, rows[-1].response) == (
        question.id,
        "again",
        "no idea",
    )
