"""Write a bank (plain data) as YAML that reads like a hand-written bank: block style, a
blank line between questions, tags as a short flow list, long text folded at about 90
columns."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

FOLD_AT = 88
_FLOW_LISTS = ("tags",)


def dump_bank(bank: dict[str, Any], header: str = "") -> str:
    """The YAML text of `bank`, with `header` as its opening comment lines."""
    document = _node(bank)
    if header:
        document.yaml_set_start_comment(header)
    if "questions" in document:
        document.yaml_set_comment_before_after_key("questions", before="\n")
        for index in range(1, len(document["questions"])):
            document["questions"].yaml_set_comment_before_after_key(index, before="\n", indent=2)
    yaml = YAML()
    yaml.width = 4096  # folding is done by `_text`, at spaces only
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(document, out)
    return _drop_blank_comment_markers(out.getvalue())


def _node(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(v, k)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        if key in _FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _text(value)
    return value


def _text(text: str) -> str:
    """Long one-line text as a folded block (`>-`), broken at spaces; the words are unchanged."""
    if "\n" in text or "  " in text or text != text.strip():
        return text
    if len(text) <= FOLD_AT and not (text[0] in "\"'“" and "'" in text and '"' in text):
        return text  # short text stays plain, unless only escapes could quote it
    folds, line_length = [], 0
    for position, word in _words_at(text):
        if line_length and line_length + 1 + len(word) > FOLD_AT:
            folds.append(position - 1)  # the space before the word becomes the line break
            line_length = len(word)
        else:
            line_length += len(word) + (1 if line_length else 0)
    folded = FoldedScalarString(text)
    folded.fold_pos = folds  # type: ignore[attr-defined]  # ruamel declares it in __slots__ only
    return folded


def _words_at(text: str) -> list[tuple[int, str]]:
    words: list[tuple[int, str]] = []
    position = 0
    for word in text.split(" "):
        words.append((position, word))
        position += len(word) + 1
    return words


def _drop_blank_comment_markers(text: str) -> str:
    """ruamel writes an empty `before` comment as a lone `#`; make it a blank line."""
    return "\n".join("" if line.strip() == "#" else line for line in text.split("\n"))
