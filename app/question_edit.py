"""Edits of a bank's question list, made on its text through ruamel's round trip.

Each function takes the file's text and returns the edited text: the instructor's comments,
key order, quoting and layout survive, and only what the edit is about changes. Comments
written after a question (often the blank line and heading of the next section) belong to
the file, not to the question, so they stay in place whatever happens to the question.
"""

from __future__ import annotations

import copy
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from app.bank import plain
from app.bank_edit import SaveRefused
from app.formats.yaml_writer import QUESTION_KEYS, dump, node, question_node, round_trip
from app.yaml_errors import MODEL_OF_TYPE


def _load(text: str) -> CommentedMap:
    try:
        data = round_trip().load(text)
    except YAMLError as error:
        raise SaveRefused(f"the file is not valid YAML yet ({error.__class__.__name__})") from None
    if not isinstance(data, CommentedMap) or not isinstance(data.get("questions"), CommentedSeq):
        raise SaveRefused("the file has no list of questions to edit; fix it as text first")
    return data


def question_ids(text: str) -> list[str]:
    return [str(q.get("id", "")) if isinstance(q, dict) else "" for q in plain_questions(text)]


def plain_questions(text: str) -> list[Any]:
    """The questions of `text` as plain values, as written (valid or not)."""
    return list(plain(_load(text)["questions"]))


def move_question(text: str, index: int, offset: int) -> str:
    """`text` with question `index` moved `offset` places (up when negative)."""
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    target = index + offset
    if not (0 <= index < len(questions) and 0 <= target < len(questions)):
        raise SaveRefused("the question cannot move further that way")
    item = questions.pop(index)
    questions.insert(target, item)
    return dump(data)


def duplicate_question(text: str, index: int) -> str:
    """`text` with a copy of question `index` right after it, under a new id."""
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    if not 0 <= index < len(questions):
        raise SaveRefused(f"there is no question {index + 1}")
    original = questions[index]
    twin = copy.deepcopy(original)
    if isinstance(twin, CommentedMap):
        taken = {str(q.get("id")) for q in questions if isinstance(q, dict)}
        twin["id"] = free_id(taken, str(original.get("id", "question")))
    questions.insert(index + 1, twin)
    return dump(data)


def free_id(taken: set[str], base: str) -> str:
    """`base-2`, `base-3`, ...: the first id not `taken`."""
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def delete_question(text: str, index: int) -> str:
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    if not 0 <= index < len(questions):
        raise SaveRefused(f"there is no question {index + 1}")
    if len(questions) == 1:
        raise SaveRefused("a bank needs at least one question; delete the file instead")
    going = _take_tail(questions[index])
    if index > 0 and going is not None and "#" in going.value:
        _put_tail(questions[index - 1], going)
    del questions[index]
    return dump(data)


def put_question(text: str, index: int | None, question: dict[str, Any]) -> str:
    """`text` with question `index` given the values of `question` (plain data), or with
    `question` appended when `index` is None.

    Values that did not change keep their node (quoting, comments); a field of the question's
    type missing from `question` is removed; keys no type knows are left for validation to
    report. New keys go where questions/README.md puts them.
    """
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    if index is None:
        _append(questions, question)
        return dump(data)
    if not 0 <= index < len(questions):
        raise SaveRefused(f"there is no question {index + 1}")
    old = questions[index]
    if not isinstance(old, CommentedMap):
        questions[index] = question_node(question)
        return dump(data)
    tail = _take_tail(old)
    model = MODEL_OF_TYPE.get(str(question.get("type")))
    fields = set(model.model_fields) if model else set(QUESTION_KEYS)
    for key in [k for k in old if k in fields and k not in question]:
        del old[key]
    for key, value in question.items():
        if key in old:
            old[key] = _merged(old[key], value, key)
        else:
            old.insert(_position(old, key), key, node(value, key))
    _put_tail(old, tail)
    return dump(data)


def _append(questions: CommentedSeq, question: dict[str, Any]) -> None:
    last = questions[-1] if questions else None
    tail = _take_tail(last)
    questions.append(question_node(question))
    if last is not None:
        # a blank line between the questions, as between the others
        questions.yaml_set_comment_before_after_key(len(questions) - 1, before="\n", indent=2)
    _put_tail(questions[-1], tail)


def _merged(old: Any, new: Any, key: str) -> Any:
    """`old` (a node) holding the plain value `new`, changed as little as possible."""
    if plain(old) == new:
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for position, item in enumerate(new[: len(old)]):
            old[position] = _merged(old[position], item, "")
        while len(old) > len(new):
            del old[-1]
        old.extend(node(item) for item in new[len(old) :])
        if old.fa.flow_style():  # a one-line list has no room for block text
            old[:] = [str(item) if isinstance(item, str) else item for item in old]
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for gone in [k for k in old if k not in new]:
            del old[gone]
        for name, value in new.items():
            old[name] = _merged(old[name], value, name) if name in old else node(value, name)
        return old
    return node(new, key)


def _position(mapping: CommentedMap, key: str) -> int:
    """Where `key` goes in `mapping`: after the keys the README's order puts before it."""
    rank = QUESTION_KEYS.index(key) if key in QUESTION_KEYS else len(QUESTION_KEYS)
    position = len(mapping) if rank == len(QUESTION_KEYS) else 0
    for at, existing in enumerate(mapping):
        if existing in QUESTION_KEYS and QUESTION_KEYS.index(existing) < rank:
            position = at + 1
    return position


# -- the comment after a question -----------------------------------------------------------


def _slot(container: Any) -> int:
    """Where ruamel keeps the comment that follows an entry of a mapping, or of a list."""
    return 2 if isinstance(container, CommentedMap) else 0


def _tail(node_: Any) -> tuple[Any, Any] | None:
    """The container and key whose value ends `node_` (where a trailing comment is kept)."""
    if isinstance(node_, CommentedMap | CommentedSeq) and node_:
        key = list(node_)[-1] if isinstance(node_, CommentedMap) else len(node_) - 1
        value = node_[key]
        if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
            return _tail(value)
        return node_, key
    return None


def _take_tail(node_: Any) -> Any | None:
    """Remove and return the lines after `node_`'s last value (blank lines, comments), as a
    comment token; a comment at the end of the value's own line stays where it is."""
    found = _tail(node_)
    if found is None:
        return None
    container, key = found
    slot = container.ca.items.get(key)
    at = _slot(container)
    token = slot[at] if slot else None
    if token is None:
        return None
    own_line, _, after = token.value.partition("\n")
    if not after:
        return None
    moving = copy.copy(token)
    moving.value = "\n" + after  # like every such token, it starts by ending a value's line
    if own_line.strip():
        token.value = own_line + "\n"
    else:
        slot[at] = None
    return moving


def _put_tail(node_: Any, token: Any | None) -> None:
    """Put `token` after `node_`'s last value, after the comment already there."""
    found = _tail(node_)
    if token is None or found is None:
        return
    container, key = found
    slot = container.ca.items.setdefault(key, [None] * 4)
    at = _slot(container)
    kept = slot[at]
    if kept is None:
        slot[at] = token
    else:
        kept.value = kept.value + token.value[1:]  # the token starts by ending its value's line
