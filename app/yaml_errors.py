"""Turn pydantic validation errors into located, instructor-friendly messages.

`locate` walks the round-trip YAML tree along an error's `loc` to find the line and column;
`explain` rewrites pydantic's wording into what to change in the file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from app.models import (
    Bank,
    Cloze,
    FlashcardSettings,
    ItemError,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    NumericRange,
    Pair,
    QuestionType,
    ShortAnswer,
    Source,
    TrueFalse,
)
from app.text import close_match

MODEL_OF_TYPE: dict[str, type[BaseModel]] = {
    QuestionType.MULTIPLE_CHOICE: MultipleChoice,
    QuestionType.MULTIPLE_SELECT: MultipleSelect,
    QuestionType.TRUE_FALSE: TrueFalse,
    QuestionType.SHORT_ANSWER: ShortAnswer,
    QuestionType.NUMERIC: Numeric,
    QuestionType.MATCHING: Matching,
    QuestionType.CLOZE: Cloze,
}
_NESTED_MODELS: dict[str, type[BaseModel]] = {
    "source": Source,
    "flashcards": FlashcardSettings,
    "pairs": Pair,
    "range": NumericRange,
}


def position(root: Any, error: ErrorDetails) -> tuple[int, int]:
    """Where to point for one pydantic error: the offending key, value or `type:` line."""
    loc = _loc(error)
    if error["type"].startswith("union_tag_"):
        return locate(root, (*loc, "type"))
    return locate(root, loc, at_key=error["type"] == "extra_forbidden")


def _loc(error: ErrorDetails) -> tuple[int | str, ...]:
    """The error's location, down to the list item when a validator named one."""
    item_error = (error.get("ctx") or {}).get("error")
    if isinstance(item_error, ItemError) and item_error.index >= 0:
        return (*error["loc"], item_error.index)
    return tuple(error["loc"])


def locate(root: Any, loc: tuple[int | str, ...], at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the YAML node that `loc` points at, or its nearest parent.

    With `at_key`, the last step points at the mapping key rather than its value.
    """
    node, position = root, _start(root)
    for step, part in enumerate(loc, start=1):
        if isinstance(node, CommentedMap) and part in node:
            last = step == len(loc)
            # an empty value (`answer:`) has no place of its own: ruamel puts it on the next line
            on_key = (at_key and last) or not _is_scalar(node[part]) or node[part] is None
            line, col = node.lc.key(part) if on_key else node.lc.value(part)
            position, node = (line + 1, col + 1), node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            position, node = (line + 1, col + 1), node[part]
        # Otherwise `part` is pydantic's name for a union member (e.g. 'multiple_choice')
        # or a missing field: it has no node of its own, so the parent's position stands.
    return position


def _start(node: Any) -> tuple[int, int]:
    if isinstance(node, (CommentedMap, CommentedSeq)):
        return node.lc.line + 1, node.lc.col + 1
    return 1, 1


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (CommentedMap, CommentedSeq))


def field_path(loc: tuple[int | str, ...]) -> str:
    """`questions[3].answer` from pydantic's ('questions', 3, 'multiple_choice', 'answer')."""
    out = ""
    for index, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in MODEL_OF_TYPE and index > 0 and isinstance(loc[index - 1], int):
            continue  # pydantic's name for the union member, not a field
        else:
            out += f".{part}" if out else str(part)
    return out


def explain(error: ErrorDetails) -> tuple[str, str]:
    """(field path, message with a hint) for one pydantic error."""
    loc = _loc(error)
    kind, ctx = error["type"], error.get("ctx") or {}
    value = error.get("input")
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = sorted(_model_at(loc[:-1]).model_fields)
        hint = close_match(name, allowed)
        tip = f"did you mean {hint!r}?" if hint else f"allowed fields: {', '.join(allowed)}"
        return field_path(loc), f"unknown field {name!r}; {tip}"
    if kind == "missing":
        return field_path(loc), f"required field {name!r} is missing; add '{name}:' here"
    if kind == "union_tag_invalid":
        tags = list(MODEL_OF_TYPE)
        hint = close_match(str(ctx.get("tag")), tags)
        tip = f"did you mean {hint!r}?" if hint else f"use one of: {', '.join(tags)}"
        return field_path(loc) + ".type", f"unknown question type {ctx.get('tag')!r}; {tip}"
    if kind == "union_tag_not_found":
        return (
            field_path(loc) + ".type",
            f"the question has no type; add 'type:' with one of: {', '.join(MODEL_OF_TYPE)}",
        )
    return field_path(loc), _message(kind, ctx, value, error["msg"])


def _message(kind: str, ctx: dict, value: Any, default: str) -> str:
    got = f", got {kind_of(value)}" if kind.endswith("_type") else ""
    messages = {
        "string_type": f"expected text{got}",
        "bool_type": f"expected true or false{got}",
        "bool_parsing": f"expected true or false, got {value!r}",
        "float_type": f"expected a number{got}",
        "float_parsing": f"expected a number, got {value!r}",
        "int_type": f"expected a whole number{got}",
        "tuple_type": f"expected a list (one '- item' per line){got}",
        "list_type": f"expected a list (one '- item' per line){got}",
        "model_type": f"expected a mapping of 'field: value' lines{got}",
        "model_attributes_type": f"expected a mapping of 'field: value' lines{got}",
        "dict_type": f"expected a mapping of 'field: value' lines{got}",
        "finite_number": f"must be a finite number, not {value!r}",
        "string_too_short": "must not be empty",
        "too_short": f"needs at least {ctx.get('min_length')} items",
        "enum": f"must be one of: {ctx.get('expected')}",
        "string_pattern_mismatch": (
            f"{value!r} is not a valid id: use lowercase letters, digits, '-' and '_'"
        ),
        "string_too_long": f"is too long (at most {ctx.get('max_length')} characters)",
    }
    if kind == "value_error":
        return str(ctx.get("error", default))
    return messages.get(kind, default)


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel]:
    model: type[BaseModel] = Bank
    for part in loc:
        if isinstance(part, str) and part in MODEL_OF_TYPE:
            model = MODEL_OF_TYPE[part]
        elif isinstance(part, str) and part in _NESTED_MODELS:
            model = _NESTED_MODELS[part]
    return model


def kind_of(value: Any) -> str:
    """How a YAML value reads to an instructor: 'a number', 'a list', ..."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
