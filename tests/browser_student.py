"""A student in Chromium: open a quiz, read the question on screen, answer it, move on."""

from __future__ import annotations

from typing import assert_never
from urllib.parse import parse_qsl, urlencode, urlparse

from playwright.sync_api import Page, expect

from app.bank import load_bank
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
from app.quiz import plan_from_params, plan_questions
from tests.conftest import BANK_FILE

BANK = load_bank(BANK_FILE).bank

# From the click event to the first DOM change that puts `text` in the page, measured inside
# the page so that Playwright's own polling does not count (as bench/ui_bench.py does); and to
# the end of the frame after it, when the student can see it (`window.clickToFrame`).
CLICK_TO_TEXT = """(text) => { window.clickToText = new Promise((resolve) => {
  let clickedAt = null;
  document.addEventListener("click", () => { clickedAt = performance.now(); },
                            {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (clickedAt !== null && document.body.textContent.includes(text)) {
      observer.disconnect();
      resolve(performance.now() - clickedAt);
      window.clickToFrame = new Promise((shown) => requestAnimationFrame(
        () => setTimeout(() => shown(performance.now() - clickedAt), 0)));
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}); }"""


def click_until_text(page: Page, button: str, text: str) -> float:
    """Milliseconds from clicking `button` until `text` appears in the page."""
    page.evaluate(CLICK_TO_TEXT, text)
    page.get_by_role("button", name=button).click()  # a shortcut key may follow the name
    return float(page.evaluate("window.clickToText"))


def last_click_to_frame(page: Page) -> float:
    """Milliseconds from the last `click_until_text` click to the end of the frame that first
    showed its text (a frame is drawn every 16.7 ms: this is what the student sees)."""
    return float(page.evaluate("window.clickToFrame"))


def quiz_url(base: str, attempt: str, **params: str) -> str:
    query = {"attempt": attempt, "student": "Browser", "bank": BANK.id, **params}
    return f"{base}/quiz?{urlencode(query)}"


def wait_idle(page: Page, timeout_ms: float | None = None) -> None:
    """Wait until the script run has finished, as a person waits for the page to settle."""
    page.locator('[data-test-script-state="notRunning"]').wait_for(
        state="attached", timeout=timeout_ms
    )


def current_question(page: Page, number: int) -> Question:
    """The question on screen, from the sitting plan in the page's URL."""
    # the progress line, not the live region (which may say it too, after "Answer saved.")
    expect(page.locator("p").filter(has_text=f"Question {number} of")).to_be_visible()
    wait_idle(page)
    plan = plan_from_params(dict(parse_qsl(urlparse(page.url).query)))
    assert plan is not None, page.url
    question = BANK.question(plan_questions(BANK, plan).question_ids[number - 1])
    expect(page.get_by_role("heading", name=question.prompt)).to_be_visible()
    return question


def fill(page: Page, question: Question, right: bool) -> None:
    """Put a right or wrong answer into the inputs, with the mouse for choices."""
    match question:
        case MultipleChoice():
            wrong = next(o for o in question.options if o != question.answer)
            choice = question.answer if right else wrong
            page.get_by_role("radiogroup").get_by_text(choice, exact=True).click()
        case MultipleSelect():
            picks = (
                question.answers
                if right
                else [next(o for o in question.options if o not in question.answers)]
            )
            for option in picks:
                page.get_by_text(option, exact=True).click()
        case TrueFalse():
            label = "True" if question.answer == right else "False"
            page.get_by_role("radiogroup").get_by_text(label, exact=True).click()
        case ShortAnswer() | Numeric():
            typed = expected_answer(question) if right else "999"
            page.get_by_label("Your answer").fill(typed)
        case Matching():
            rights = [p.right for p in question.pairs]
            if not right:
                rights.reverse()
            for pair, choice in zip(question.pairs, rights, strict=True):
                page.get_by_role("combobox", name=f"{pair.left} matches…").click()
                page.get_by_role("option", name=choice, exact=True).click()
        case Cloze():
            for i, accepted in enumerate(question.blanks, start=1):
                page.get_by_label(f"Blank {i}").fill(accepted[0] if right else "nope")
        case _:
            assert_never(question)


def answer(page: Page, question: Question, right: bool) -> None:
    """Answer as a student would: mouse for choices, keyboard (Enter) for typed answers."""
    fill(page, question, right)
    if isinstance(question, ShortAnswer | Numeric | Cloze):
        # as a student does, once the input shows it has taken the text (its Enter hint)
        expect(page.get_by_text("Press Enter to submit form").first).to_be_visible()
        page.keyboard.press("Enter")
    else:
        page.get_by_role("button", name="Submit answer").click()


def next_question(page: Page, last: bool) -> None:
    page.get_by_role("button", name="See my results" if last else "Next question").click()
