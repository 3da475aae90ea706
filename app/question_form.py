"""The question editor's form: which fields each question type has, the form's values for a
question as written in its file, and the question (plain data) the form's values make.

Form values are what the widgets hold: text (lists one item per line, tags separated by
commas), true/false, the chosen option(s). Building a question never fails: a value that is
wrong (a word where a number goes, a missing right side of a pair) is written as given, so
the bank's validation reports it with its file, line and field, as for a hand edit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from itertools import zip_longest
from typing import Any

from pydantic import BaseModel

from app.models import Difficulty, QuestionType
from app.yaml_errors import MODEL_OF_TYPE

ANSWER, RANGE = "answer", "range"  # how a numeric question is graded
_HEAD = ("id", "prompt")
_TAIL = ("explanation", "source_quote", "tags", "difficulty")
FIELDS: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.MULTIPLE_CHOICE: (*_HEAD, "options", "choice", "fixed_order", *_TAIL),
    QuestionType.MULTIPLE_SELECT: (*_HEAD, "options", "choices", "fixed_order", *_TAIL),
    QuestionType.TRUE_FALSE: (*_HEAD, "truth", *_TAIL),
    QuestionType.SHORT_ANSWER: (*_HEAD, "accepted", "typo_tolerance", *_TAIL),
    QuestionType.NUMERIC: (
        *_HEAD,
        "graded_by",
        "number",
        "tolerance",
        "low",
        "high",
        "unit",
        *_TAIL,
    ),
    QuestionType.MATCHING: (*_HEAD, "lefts", "rights", "distractors", "fixed_order", *_TAIL),
    QuestionType.CLOZE: (*_HEAD, "text", "typo_tolerance", *_TAIL),
}
HIDDEN_WHEN = {ANSWER: ("low", "high"), RANGE: ("number", "tolerance")}  # numeric questions
_INTEGER = re.compile(r"[-+]?\d+")


def form_values(question: Mapping[str, Any]) -> dict[str, Any]:
    """The form's starting values for `question` (plain data as read from its file; wrong
    values are shown as they are, to be fixed in the form)."""
    get = question.get
    pairs = [p for p in _items(get("pairs")) if isinstance(p, Mapping)]
    span = get("range")
    low_high: Mapping[str, Any] = span if isinstance(span, Mapping) else {}
    answer = get("answer")
    answers = [_shown(a) for a in _items(get("answers"))]
    return {
        "id": _shown(get("id")),
        "prompt": _shown(get("prompt")),
        "text": _shown(get("text")),
        "options": _lines(get("options")),
        "choice": None if answer is None or isinstance(answer, bool) else _shown(answer),
        "choices": answers,
        "truth": answer is True,
        "accepted": "\n".join(answers),
        "graded_by": RANGE if "range" in question and "answer" not in question else ANSWER,
        "number": _shown(answer),
        "tolerance": _shown(get("tolerance")),
        "low": _shown(low_high.get("min")),
        "high": _shown(low_high.get("max")),
        "unit": _shown(get("unit")),
        "lefts": "\n".join(_shown(p.get("left")) for p in pairs),
        "rights": "\n".join(_shown(p.get("right")) for p in pairs),
        "distractors": _lines(get("distractors")),
        "fixed_order": get("fixed_order") is True,
        "typo_tolerance": get("typo_tolerance") is not False,
        "explanation": _shown(get("explanation")),
        "source_quote": _shown(get("source_quote")),
        "tags": ", ".join(_shown(t) for t in _items(get("tags"))),
        "difficulty": _shown(get("difficulty")) or Difficulty.MEDIUM.value,
    }


def question_from_form(
    kind: QuestionType, values: Mapping[str, Any], original: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The question of type `kind` the form's `values` describe, as plain data to write.

    An optional field left empty is left out; so is one at its default value, unless the
    `original` question wrote it out.
    """
    text = {name: str(values.get(name) or "").strip() for name in FIELDS[kind]}
    fields: dict[str, Any] = {"id": text["id"], "type": kind.value, "prompt": text["prompt"]}
    match kind:
        case QuestionType.MULTIPLE_CHOICE:
            fields["options"] = split_lines(text["options"])
            fields["answer"] = values.get("choice")
        case QuestionType.MULTIPLE_SELECT:
            fields["options"] = split_lines(text["options"])
            fields["answers"] = list(values.get("choices") or ())
        case QuestionType.TRUE_FALSE:
            fields["answer"] = values.get("truth") is True
        case QuestionType.SHORT_ANSWER:
            fields["answers"] = split_lines(text["accepted"])
        case QuestionType.NUMERIC:
            if values.get("graded_by") == RANGE:
                fields["range"] = {"min": _number(text["low"]), "max": _number(text["high"])}
            else:
                fields["answer"] = _number(text["number"])
                fields["tolerance"] = _number(text["tolerance"])
            fields["unit"] = text["unit"]
        case QuestionType.MATCHING:
            lefts, rights = split_lines(text["lefts"]), split_lines(text["rights"])
            pairs = zip_longest(lefts, rights, fillvalue="")
            fields["pairs"] = [{"left": left, "right": right} for left, right in pairs]
            fields["distractors"] = split_lines(text["distractors"])
        case QuestionType.CLOZE:
            fields["text"] = text["text"]
    for name in ("fixed_order", "typo_tolerance"):
        if name in FIELDS[kind]:
            fields[name] = values.get(name) is True
    fields |= {
        "explanation": text["explanation"],
        "source_quote": text["source_quote"] or None,
        "tags": [tag.strip() for tag in text["tags"].split(",") if tag.strip()],
        "difficulty": text["difficulty"] or Difficulty.MEDIUM.value,
    }
    model = MODEL_OF_TYPE[kind]
    written = original or {}
    return {
        name: value
        for name, value in fields.items()
        if name in written or _required(model, name) or not _left_out(model, name, value)
    }


def _required(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is None or field.is_required()


def _left_out(model: type[BaseModel], name: str, value: Any) -> bool:
    """Whether an optional field needs no line: empty, or at its default."""
    if value is None or value == "" or value == []:
        return True
    default = model.model_fields[name].default
    return bool(value == default)


def _number(text: str) -> int | float | str | None:
    """The number `text` spells; the text itself when it spells none (validation says so)."""
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _shown(value: Any) -> str:
    """A value of the file as the form shows it: 10 for 10.0, nothing for no value."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _lines(value: Any) -> str:
    return "\n".join(_shown(v) for v in _items(value)) if isinstance(value, list) else _shown(value)


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
