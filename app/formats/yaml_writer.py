"""Write a bank (plain dicts) as YAML that reads like a hand-written bank file.

Keys come in the order questions/README.md shows them, text that spans lines is a literal
block, tags are a one-line list, and questions are separated by a blank line.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

_BANK_KEYS = ("id", "title", "description", "source", "questions")
_QUESTION_KEYS = (
    "id",
    "type",
    "prompt",
    "text",
    "options",
    "answer",
    "answers",
    "pairs",
    "distractors",
    "fixed_order",
    "range",
    "tolerance",
    "unit",
    "typo_tolerance",
    "explanation",
    "source_quote",
    "tags",
    "difficulty",
)


def bank_to_yaml(bank: dict[str, Any], header: str = "") -> str:
    """The bank as YAML text; `header` lines become comments at the top of the file."""
    document = CommentedMap()
    for key in _ordered(bank, _BANK_KEYS):
        if key == "questions":
            questions = CommentedSeq(_question(q) for q in bank["questions"])
            for index in range(1, len(questions)):
                questions.yaml_set_comment_before_after_key(index, before="\n", indent=2)
            document[key] = questions
        else:
            document[key] = _value(bank[key])
    if header:
        document.yaml_set_start_comment(header)
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per value, like the hand-written banks
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    known = [key for key in order if key in mapping]
    return known + [key for key in mapping if key not in order]


def _question(question: dict[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key in _ordered(question, _QUESTION_KEYS):
        value = _value(question[key])
        if key == "tags" and isinstance(value, CommentedSeq):
            value.fa.set_flow_style()
        out[key] = value
    return out


def _value(value: Any) -> Any:
    if isinstance(value, dict):
        return CommentedMap((k, _value(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_value(v) for v in value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str) and "\n" in value and _block_safe(value):
        return LiteralScalarString(value)
    return value


def _block_safe(text: str) -> bool:
    """A literal block keeps the text exactly only without edge spaces and control chars."""
    lines = text.split("\n")
    return (
        text == text.strip()
        and all(line == line.rstrip() for line in lines)
        and not lines[0].startswith((" ", "\t"))
        and all(ch == "\n" or ch == "\t" or ch >= " " for ch in text)
        and not any(ch in text for ch in "\ufeff\x85\u2028\u2029")  # YAML line breaks
    )
