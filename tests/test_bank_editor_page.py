"""The /banks page's question form, errors as you type and previews, driven in AppTest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from app.access import Origin
from app.bank import load_bank
from app.models import QuestionType
from app.ui import access as ui_access
from tests.quiz_driver import ENTRY, button

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
NAME = "every-type.yaml"
SECTION = "  # --- a section heading the instructor wrote\n"


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "questions"
    folder.mkdir()
    bank = folder / NAME
    text = EVERY_TYPE.read_text(encoding="utf-8")
    bank.write_text(text.replace("  - id: tf-hostile", SECTION + "  - id: tf-hostile", 1))
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(folder))
    monkeypatch.setattr(ui_access, "origin", lambda: Origin.LOCAL)
    return bank


def open_question(path: Path, question_id: str | None) -> AppTest:
    """The banks page with `question_id` (None: a new question) picked in the form."""
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.switch_page("screens/banks.py")
    at.run()
    ids = [q.id for q in load_bank(path).bank.questions]
    pick = ids.index(question_id) if question_id else -1
    at.selectbox(key=f"question-pick-{path}").set_value(pick).run()
    assert not at.exception
    return at


def form_field(at: AppTest, label: str) -> Any:
    widgets = [*at.text_input, *at.text_area, *at.selectbox, *at.multiselect, *at.radio,
               *at.checkbox]  # fmt: skip
    found = [w for w in widgets if (w.key or "").startswith("qf-") and w.label.startswith(label)]
    assert len(found) == 1, f"no single form field {label!r}"
    return found[0]


def put(at: AppTest, label: str, value: Any) -> None:
    widget = form_field(at, label)
    if hasattr(widget, "input"):
        widget.input(value)
    else:
        widget.set_value(value)
    at.run()
    assert not at.exception


def block(text: str, question_id: str) -> tuple[str, str]:
    """(the question's lines, the rest of the file) of `text`."""
    start = text.index(f"  - id: {question_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end == -1 else end + 1
    return text[start:end], text[:start] + text[end:]


EDITS = [
    ("mc-hostile", [("Right answer", "-> arrow start")], "answer", "-> arrow start"),
    ("ms_hostile", [("Right answers", ["two, 2", "%four%"])], "answers", ("two, 2", "%four%")),
    ("tf-hostile", [("The statement is", True)], "answer", True),
    ("short-hostile", [("Accepted answers", "T\nx = y\nTea")], "answers", ("T", "x = y", "Tea")),
    ("numeric-tolerance", [("Answer (a number)", "-3.5")], "answer", -3.5),
    ("numeric-range", [("Right is", "answer"), ("Answer (a number)", "4")], "answer", 4),
    ("matching-hostile", [("Extra right items", "~ d\n% e")], "distractors", ("~ d", "% e")),
    ("cloze-one", [("Text with blanks", "A {{new|fresh}} text")], "text", "A {{new|fresh}} text"),
]


@pytest.mark.parametrize(("question_id", "steps", "field", "expected"), EDITS,
                         ids=[e[0] for e in EDITS])  # fmt: skip
def test_a_question_edited_in_its_form_is_saved_alone_and_reloads(
    path: Path, question_id: str, steps: list[tuple[str, Any]], field: str, expected: Any
) -> None:
    before = path.read_text(encoding="utf-8")
    at = open_question(path, question_id)
    for label, value in steps:
        put(at, label, value)
    button(at, "Save question").click().run()
    assert not at.exception
    assert any(s.value.startswith(f"Saved {NAME}") for s in at.success)

    after = path.read_text(encoding="utf-8")
    assert getattr(load_bank(path).bank.question(question_id), field) == expected
    assert block(after, question_id)[1] == block(before, question_id)[1]  # nothing else moved
    assert SECTION + "  - id: tf-hostile" in after
    assert (path.parent / f"{NAME}.bak").read_text(encoding="utf-8") == before

    label, value = steps[-1]
    reloaded = form_field(open_question(path, question_id), label).value
    shown = list(reloaded) if isinstance(value, list) else reloaded
    assert shown == value


@pytest.mark.parametrize(
    ("question_id", "label", "value", "message"),
    [
        ("numeric-tolerance", "Answer (a number)", "abc",
         "questions[4].answer: expected a number, got 'abc'"),
        ("mc-hostile", "Prompt", "  ", "questions[0].prompt: must not be empty"),
        ("mc-hostile", "Id", "Bad Id", "questions[0].id: 'Bad Id' is not a valid id"),
        ("ms_hostile", "Right answers", [], "questions[1].answers: no correct option"),
        ("matching-hostile", "Their right items", "C -> D",
         "questions[6].pairs[1].right: must not be empty"),
        ("cloze-end", "Text with blanks", "No blank", "questions[9].text: no blank in the text"),
    ],
)  # fmt: skip
def test_invalid_form_input_is_refused_with_its_place_and_the_file_is_untouched(
    path: Path, question_id: str, label: str, value: Any, message: str
) -> None:
    before = path.read_bytes()
    at = open_question(path, question_id)
    put(at, label, value)
    shown = "\n".join(c.value for c in at.code)
    assert f"{NAME}:" in shown
    located = [line for line in shown.splitlines() if message in line]
    assert located, shown
    file, line, col = located[0].split(":")[:3]
    assert file == NAME and int(line) > 1 and int(col) >= 1
    assert any("the question cannot be saved" in e.value for e in at.error)
    assert button(at, "Save question").disabled
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.bak"))


def test_a_question_added_in_the_form_comes_last_and_reloads(path: Path) -> None:
    before = path.read_text(encoding="utf-8")
    at = open_question(path, None)
    at.selectbox(key=f"new-type-{path}").set_value(QuestionType.NUMERIC).run()
    assert button(at, "Add question").disabled  # no prompt, no answer yet
    put(at, "Id", "added-number")
    put(at, "Prompt", "How many blanks has cloze-many?")
    put(at, "Answer (a number)", "3")
    assert any(s.value == "How many blanks has cloze-many?" for s in at.subheader)  # preview
    button(at, "Add question").click().run()
    assert not at.exception

    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n  - id: added-number\n    type: numeric\n")
    added = load_bank(path).bank.questions[-1]
    assert (added.id, added.prompt) == ("added-number", "How many blanks has cloze-many?")
    assert form_field(at, "Id").value == "added-number"  # the form now shows the new question


@pytest.mark.parametrize("written", ["essay", "[multiple_choice]"])
def test_a_question_of_no_known_type_is_sent_to_the_yaml_tab(path: Path, written: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: true_false", f"type: {written}", 1), encoding="utf-8")
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.switch_page("screens/banks.py")
    at.run()
    at.selectbox(key=f"question-pick-{path}").set_value(2).run()
    assert not at.exception
    assert any("no known type" in i.value for i in at.info)


def test_errors_show_as_you_type_for_the_unsaved_text(path: Path) -> None:
    before = path.read_bytes()
    at = open_question(path, "mc-hostile")
    text = before.decode().replace("type: multiple_choice", "type: multiple_chioce", 1)
    at.text_area(key=f"yaml-{path}").input(text).run()
    shown = "\n".join(c.value for c in at.code)
    assert (
        f"{NAME}:7:11: questions[0].type: unknown question type 'multiple_chioce'; "
        "did you mean 'multiple_choice'?"
    ) in shown
    assert any("The preview shows once the problems above are fixed." in i.value for i in at.info)
    assert path.read_bytes() == before


def test_the_previews_show_unsaved_edits(path: Path) -> None:
    before = path.read_bytes()
    at = open_question(path, "numeric-range")
    text = before.decode().replace("prompt: A number in a range", "prompt: Edited as text?", 1)
    at.text_area(key=f"yaml-{path}").input(text).run()
    assert "Edited as text?" in [s.value for s in at.subheader]
    put(at, "Prompt", "Edited in the form?")
    assert "Edited in the form?" in [s.value for s in at.subheader]
    assert path.read_bytes() == before
