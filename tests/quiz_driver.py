"""Drive the real quiz page under AppTest: fill the inputs of any question type."""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

from streamlit.testing.v1 import AppTest

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
from tests.conftest import REPO

ENTRY = REPO / "app" / "ui" / "router.py"


def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    """A fresh session (a new browser tab) opened on `page` with URL `params`."""
    at = AppTest.from_file(str(ENTRY), default_timeout=30)
    at.query_params.update(params or {})
    at.switch_page(str(Path("screens") / page))
    return at.run()


def feedback_text(at: AppTest) -> str:
    """The feedback box after an answer (verdict, the answer given, the right one), as text."""
    boxes = [*at.success, *at.warning, *at.error]
    return " ".join(box.value for box in boxes).replace("\\", "")


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in at.button]}"
    return matches[0]


def fill(at: AppTest, question: Question, key: str, outcome: str) -> float:
    """Put a `right`, `wrong` or `partial` answer into the inputs; return the expected score."""
    match question:
        case MultipleChoice():
            wrong = next(o for o in question.options if o != question.answer)
            at.radio(key=key).set_value(question.answer if outcome == "right" else wrong)
            return float(outcome == "right")
        case MultipleSelect():
            options = at.checkbox
            chosen = {
                "right": set(question.answers),
                "partial": {question.answers[0]},
                "wrong": set(question.options) - set(question.answers),
            }[outcome]
            for box in options:
                if box.key and box.key.startswith(key + "-"):
                    box.set_value(box.label.replace("\\", "") in chosen)
            k = len(question.answers)
            return {"right": 1.0, "partial": 1 / k, "wrong": 0.0}[outcome]
        case TrueFalse():
            value = question.answer if outcome == "right" else not question.answer
            at.radio(key=key).set_value("True" if value else "False")
            return float(outcome == "right")
        case ShortAnswer():
            at.text_input(key=key).input(question.answers[0] if outcome == "right" else "zzz")
            return float(outcome == "right")
        case Numeric():
            right = f"{question.answer:g}"
            at.text_input(key=key).input(right if outcome == "right" else "123456")
            return float(outcome == "right")
        case Matching():
            rights = [p.right for p in question.pairs]
            if outcome == "partial":
                rights[0], rights[1] = rights[1], rights[0]
            elif outcome == "wrong":
                rights = rights[1:] + rights[:1]
            for i, right in enumerate(rights):
                at.selectbox(key=f"{key}-{i}").select(right)
            n = len(rights)
            return {"right": 1.0, "partial": (n - 2) / n, "wrong": 0.0}[outcome]
        case Cloze():
            blanks = question.blanks
            for i, accepted in enumerate(blanks):
                typed = (
                    accepted[0]
                    if outcome == "right" or (outcome == "partial" and i == 0)
                    else "zzz"
                )
                at.text_input(key=f"{key}-{i}").input(typed)
            n = len(blanks)
            return {"right": 1.0, "partial": 1 / n, "wrong": 0.0}[outcome]
        case _:
            assert_never(question)
