"""The question form's pure parts: form values <-> question, and one question put back into
its file with everything else (comments, quoting, layout) kept byte for byte."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from app import question_edit
from app.bank_edit import SaveRefused, check_text
from app.models import QuestionType
from app.question_form import FIELDS, form_values, question_from_form
from tests.conftest import BANK_FILE

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
FILES = [BANK_FILE, EVERY_TYPE]


def questions_of(path: Path) -> list[tuple[Path, int]]:
    return [(path, i) for i in range(len(question_edit.question_ids(path.read_text())))]


@pytest.mark.parametrize(
    ("path", "index"), [q for f in FILES for q in questions_of(f)], ids=lambda v: str(v)[-20:]
)
def test_an_unchanged_form_gives_the_question_and_the_file_back_byte_for_byte(
    path: Path, index: int
) -> None:
    text = path.read_text(encoding="utf-8")
    question = question_edit.plain_questions(text)[index]
    kind = QuestionType(question["type"])
    assert question_from_form(kind, form_values(question), question) == question
    assert question_edit.put_question(text, index, question) == text


def test_every_type_has_a_form_and_a_question_above() -> None:
    assert set(FIELDS) == set(QuestionType)
    fixture = YAML(typ="safe").load(EVERY_TYPE.read_text())
    assert {q["type"] for q in fixture["questions"]} == set(QuestionType)


def form(kind: QuestionType, **values: Any) -> dict[str, Any]:
    return {**form_values({}), "id": "q", "prompt": "Why?", **values} | {"kind": kind}


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        (
            QuestionType.MULTIPLE_CHOICE,
            {"options": " A \n\nB\n", "choice": "B", "tags": "x, , y "},
            {"options": ["A", "B"], "answer": "B", "tags": ["x", "y"]},
        ),
        (
            QuestionType.MULTIPLE_SELECT,
            {"options": "A\nB\nC", "choices": ["A", "C"], "fixed_order": True},
            {"options": ["A", "B", "C"], "answers": ["A", "C"], "fixed_order": True},
        ),
        (QuestionType.TRUE_FALSE, {"truth": False}, {"answer": False}),
        (
            QuestionType.SHORT_ANSWER,
            {"accepted": "Paris\nparis city", "typo_tolerance": False, "difficulty": "hard"},
            {"answers": ["Paris", "paris city"], "typo_tolerance": False, "difficulty": "hard"},
        ),
        (QuestionType.NUMERIC, {"number": "9", "tolerance": ".5"}, {"answer": 9, "tolerance": 0.5}),
        (QuestionType.NUMERIC, {"number": "1e3", "unit": "km"}, {"answer": 1000.0, "unit": "km"}),
        (QuestionType.NUMERIC, {"number": "twelve"}, {"answer": "twelve"}),
        (QuestionType.NUMERIC, {"number": "nan"}, {"answer": "nan"}),
        (QuestionType.NUMERIC, {"number": " "}, {}),
        (
            QuestionType.NUMERIC,
            {"graded_by": "range", "number": "5", "tolerance": "1", "low": "-1", "high": ""},
            {"range": {"min": -1, "max": None}},
        ),
        (
            QuestionType.MATCHING,
            {"lefts": "a\nb\nc", "rights": "1\n2", "distractors": "9"},
            {
                "pairs": [
                    {"left": "a", "right": "1"},
                    {"left": "b", "right": "2"},
                    {"left": "c", "right": ""},
                ],
                "distractors": ["9"],
            },
        ),
        (
            QuestionType.CLOZE,
            {"prompt": "Fill in the blank.", "text": "In {{May}}. ", "typo_tolerance": True},
            {"text": "In {{May}}."},
        ),
        (
            QuestionType.TRUE_FALSE,
            {"truth": True, "explanation": " Because. ", "source_quote": "  "},
            {"answer": True, "explanation": "Because."},
        ),
    ],
)
def test_the_form_makes_the_question_leaving_out_empty_and_default_fields(
    kind: QuestionType, values: dict[str, Any], expected: dict[str, Any]
) -> None:
    question = question_from_form(kind, form(kind, **values))
    prompt = {} if kind is QuestionType.CLOZE else {"prompt": "Why?"}
    assert question == {"id": "q", "type": kind.value, **prompt, **expected}


def test_a_default_the_file_wrote_out_stays_written() -> None:
    original = {"id": "q", "type": "numeric", "prompt": "?", "answer": 3, "tolerance": 0}
    values = form_values(original)
    assert question_from_form(QuestionType.NUMERIC, values, original)["tolerance"] == 0
    assert "tolerance" not in question_from_form(QuestionType.NUMERIC, values)


def test_required_fields_left_empty_stay_for_validation_to_name() -> None:
    question = question_from_form(QuestionType.MULTIPLE_CHOICE, form_values({}))
    assert question == {"id": "", "type": "multiple_choice", "prompt": "", "options": [],
                        "answer": None}  # fmt: skip


def changes(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


COMMENTED = """\
# A bank with comments everywhere.
id: commented
title: Commented   # the title
questions:
  # --- first section
  - id: one
    type: multiple_choice
    prompt: 'Quoted prompt'
    options:
      - A   # the right one
      - B
    answer: A
    tags:
      - x

  # --- second section
  - id: two
    type: true_false
    prompt: "Double quoted"
    answer: true
    difficulty: easy   # on purpose

# the end
"""


def test_changing_one_value_changes_its_line_only() -> None:
    question = question_edit.plain_questions(COMMENTED)[0] | {"answer": "B"}
    after = question_edit.put_question(COMMENTED, 0, question)
    assert changes(COMMENTED, after) == [(["    answer: A"], ["    answer: B"])]


def test_a_list_edited_in_place_keeps_the_comments_of_its_items() -> None:
    question = question_edit.plain_questions(COMMENTED)[0] | {"options": ["A", "B", "C"]}
    after = question_edit.put_question(COMMENTED, 0, question)
    assert changes(COMMENTED, after) == [([], ["      - C"])]


def test_removing_the_last_field_keeps_the_heading_of_the_next_section() -> None:
    question = question_edit.plain_questions(COMMENTED)[0]
    del question["tags"]
    after = question_edit.put_question(COMMENTED, 0, question)
    assert changes(COMMENTED, after) == [(["    tags:", "      - x"], [])]
    assert "  # --- second section\n  - id: two" in after


def test_a_new_field_goes_where_the_readme_puts_it() -> None:
    added = {"explanation": "It is.", "tags": ["t"]}
    question = question_edit.plain_questions(COMMENTED)[1] | added
    after = question_edit.put_question(COMMENTED, 1, question)
    assert changes(COMMENTED, after) == [([], ["    explanation: It is.", "    tags: [t]"])]


def test_long_and_multi_line_text_is_written_as_blocks() -> None:
    long = "word " * 30 + "end"
    question = question_edit.plain_questions(COMMENTED)[1] | {"prompt": long, "explanation": "a\nb"}
    after = question_edit.put_question(COMMENTED, 1, question)
    assert "    prompt: >-\n      word word" in after
    assert "    explanation: |-\n      a\n      b\n" in after
    assert question_edit.plain_questions(after)[1]["prompt"] == long


def test_an_added_question_comes_last_after_a_blank_line() -> None:
    added = {"id": "three", "type": "true_false", "prompt": "New?", "answer": False}
    after = question_edit.put_question(COMMENTED, None, added)
    assert after.endswith(
        "    difficulty: easy   # on purpose\n\n"
        "  - id: three\n    type: true_false\n    prompt: New?\n    answer: false\n\n# the end\n"
    )
    assert after.startswith(COMMENTED.split("# the end")[0].rstrip("\n"))


def test_deleting_a_question_that_ends_with_a_list_keeps_the_next_heading() -> None:
    text = COMMENTED.replace("  - id: two", "  - id: mid\n    tags:\n      - y\n\n  - id: two", 1)
    after = question_edit.delete_question(text, 1)
    assert after.count("# --- second section") == 1
    assert question_edit.question_ids(after) == ["one", "two"]


@pytest.mark.parametrize("index", [-1, 2])
def test_putting_a_question_that_is_not_there_is_refused(index: int) -> None:
    with pytest.raises(SaveRefused, match=f"there is no question {index + 1}"):
        question_edit.put_question(COMMENTED, index, {"id": "x"})


def test_a_put_question_is_validated_like_a_hand_edit(tmp_path: Path) -> None:
    path = tmp_path / "commented.yaml"
    path.write_text(COMMENTED)
    values = form_values(question_edit.plain_questions(COMMENTED)[0]) | {"choice": None}
    edited = question_edit.put_question(
        COMMENTED, 0, question_from_form(QuestionType.MULTIPLE_CHOICE, values)
    )
    (problem,) = check_text(path, edited)
    assert str(problem) == f"{path}:12:5: questions[0].answer: expected text, got nothing"
