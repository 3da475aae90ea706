"""The bank editor's Questions tab: reorder, duplicate and delete questions, and edit or add
one question in a form whose fields fit its type, with its problems and preview as you type.

The form edits the working copy (see bank_editor.py): each run puts the form's values into
it as a candidate text, validates that, and previews the question from it; Save writes the
candidate through the same checked, atomic save as the YAML tab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from app import question_edit
from app.bank_edit import Checked, SaveRefused, digest_of, try_text
from app.models import Difficulty, QuestionType
from app.question_form import (
    ANSWER,
    FIELDS,
    HIDDEN_WHEN,
    RANGE,
    form_values,
    question_from_form,
    split_lines,
)
from app.ui import bank_editor, preview, state
from app.ui.markdown import escape_md

NEW = -1  # in the question picker: a new question
LABELS: dict[str, tuple[str, str]] = {
    "id": ("line", "Id (lowercase letters, digits, - and _; students never see it)"),
    "prompt": ("text", "Prompt (the question, or the statement to judge)"),
    "text": ("text", "Text with blanks in double braces, e.g. land in {{Primorye|Primorsky}}"),
    "options": ("text", "Options, one per line"),
    "choice": ("choice", "Right answer"),
    "choices": ("choices", "Right answers"),
    "truth": ("truth", "The statement is"),
    "accepted": ("text", "Accepted answers, one per line"),
    "graded_by": ("graded_by", "Right is"),
    "number": ("line", "Answer (a number)"),
    "tolerance": ("line", "Tolerance (answers within ± this much are right; optional)"),
    "low": ("line", "Lowest right answer"),
    "high": ("line", "Highest right answer"),
    "unit": ("line", "Unit (optional, e.g. km)"),
    "lefts": ("text", "Left items, one per line"),
    "rights": ("text", "Their right items, one per line, in the same order"),
    "distractors": ("text", "Extra right items that match nothing (optional), one per line"),
    "fixed_order": ("flag", "Keep the order written here (do not shuffle)"),
    "typo_tolerance": ("flag", "Accept answers with a small typo"),
    "explanation": ("text", "Explanation (shown after answering)"),
    "source_quote": ("text", "Source quote (the article's words, copied exactly)"),
    "tags": ("line", "Tags, separated by commas (optional)"),
    "difficulty": ("difficulty", "Difficulty"),
}
GRADED_BY = {ANSWER: "one number (± a tolerance)", RANGE: "any number in a range"}


def questions_tab(path: Path, shown: str, folder: Path, checked: Checked) -> None:
    """The tab for the working copy of `path`, whose check (bank or problems) is `checked`."""
    editor = st.session_state[state.EDITOR][str(path)]
    try:
        questions = question_edit.plain_questions(editor["text"])
    except SaveRefused as error:
        st.info(f"{error}.")
        return
    ids = [str(q.get("id", "")) if isinstance(q, dict) else "" for q in questions]
    with st.expander("Reorder, duplicate or delete questions"):
        _question_list(path, ids)
    st.subheader("Edit or add a question", anchor=False)
    index = _pick(path, ids)
    if index == NEW:
        kind = st.selectbox(
            "Type of the new question",
            list(QuestionType),
            format_func=lambda t: t.value.replace("_", " "),
            key=f"new-type-{path}",
        )
        original: dict[str, Any] = {}
        start = form_values({"id": question_edit.free_id(set(ids), "new")})
    else:
        original = questions[index] if isinstance(questions[index], dict) else {}
        written = original.get("type")
        if not isinstance(written, str) or written not in {t.value for t in QuestionType}:
            st.info("This question has no known type: fix its `type:` in the YAML tab first.")
            return
        kind = QuestionType(written)
        start = form_values(original)
    prefix = f"qf-{digest_of(editor['text'])[:12]}-{index}-{kind.value}"
    values = _form(kind, start, prefix)
    question = question_from_form(kind, values, original)
    if index != NEW and question == original:
        candidate, (loaded, problems) = editor["text"], checked
    else:
        candidate = question_edit.put_question(
            editor["text"], None if index == NEW else index, question
        )
        loaded, problems = try_text(path, candidate)
    if problems:
        bank_editor.problems_block(problems, folder, "the question")
    if editor["text"] != editor["opened"]:
        st.caption("Saving also saves your other unsaved changes to this file.")
    st.button(
        "Add question" if index == NEW else "Save question",
        type="primary",
        disabled=bool(problems) or candidate == editor["opened"],
        on_click=_save,
        args=(path, shown, candidate, len(ids) if index == NEW else index),
    )
    if loaded is not None:
        preview.show(loaded, loaded.bank.questions[index].id, "form")


def _question_list(path: Path, ids: list[str]) -> None:
    edits = (
        ("▲", "up", "Move up", question_edit.move_question, (-1,)),
        ("▼", "down", "Move down", question_edit.move_question, (1,)),
        ("⧉", "dup", "Duplicate", question_edit.duplicate_question, ()),
        ("🗑", "del", "Delete", question_edit.delete_question, ()),
    )
    for index, question_id in enumerate(ids):
        label, *cells = st.columns([4, 1, 1, 1, 1])
        label.write(f"{index + 1}. {escape_md(question_id or '(no id)')}")
        for cell, (icon, name, help_text, edit, more) in zip(cells, edits, strict=True):
            cell.button(
                icon,
                key=f"{name}-{index}",
                help=help_text,
                disabled=(name == "up" and index == 0)
                or (name == "down" and index == len(ids) - 1),
                on_click=bank_editor.restructure,
                args=(path, edit, index, *more),
            )


def _pick(path: Path, ids: list[str]) -> int:
    """The question chosen to edit (NEW for a new one); the link's `question` at first."""
    choices = [*range(len(ids)), NEW]
    key = _pick_key(path)
    if st.session_state.get(key) not in choices:
        wanted = st.query_params.get("question", "")
        st.session_state[key] = ids.index(wanted) if wanted in ids else 0
    return int(
        st.selectbox(
            "Question",
            choices,
            key=key,
            help="Changes not saved yet are dropped when you pick another question.",
            format_func=lambda i: "➕ New question" if i == NEW else f"{i + 1}. {ids[i]}",
        )
    )


def _form(kind: QuestionType, start: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The form's inputs for `kind`, starting from `start`; their current values."""
    values = dict(start)
    with st.container(border=True):
        for name in FIELDS[kind]:
            if kind is QuestionType.NUMERIC and name in HIDDEN_WHEN[values["graded_by"]]:
                continue
            values[name] = _input(name, f"{prefix}-{name}", start[name], values)
    return values


def _input(name: str, key: str, start: Any, values: dict[str, Any]) -> Any:
    widget, label = LABELS[name]
    st.session_state.setdefault(key, start)
    held = st.session_state[key]
    if widget in ("choice", "choices"):
        # The right answer(s) are picked among the options as they now read.
        options = split_lines(values["options"])
        if widget == "choice":
            st.session_state[key] = held if held in options else None
            return st.selectbox(label, options, key=key, placeholder="Choose the right option")
        st.session_state[key] = [o for o in held if o in options]
        return st.multiselect(label, options, key=key, placeholder="Choose the right options")
    if widget == "difficulty" and held not in set(Difficulty):
        st.session_state[key] = Difficulty.MEDIUM.value
    match widget:
        case "line":
            return st.text_input(label, key=key)
        case "text":
            return st.text_area(label, key=key, height="content")
        case "flag":
            return st.checkbox(label, key=key)
        case "truth":
            return st.radio(label, (True, False), key=key, horizontal=True,
                            format_func=lambda b: "true" if b else "false")  # fmt: skip
        case "graded_by":
            return st.radio(label, tuple(GRADED_BY), key=key, horizontal=True,
                            format_func=GRADED_BY.__getitem__)  # fmt: skip
        case _:
            return st.selectbox(label, [d.value for d in Difficulty], key=key)


def _save(path: Path, shown: str, candidate: str, index: int) -> None:
    bank_editor.save(path, shown, candidate)
    if bank_editor.saved(path):
        st.session_state[_pick_key(path)] = index


def _pick_key(path: Path) -> str:
    return f"question-pick-{path}"
