"""Write a bank as Moodle GIFT, so that importing the file back gives the same questions.

Every special character is escaped (`\\~ \\= \\# \\{ \\} \\: \\\\`, line breaks as `\\n`). What
GIFT cannot hold goes into `// @field: <JSON>` comment lines, which Moodle ignores and our
importer reads back: source_quote, difficulty, unit, typo_tolerance, a cloze's own prompt,
and a cloze whose blanks GIFT's single missing word cannot express. The explanation is the
general feedback (`####`), tags are Moodle `// [tag:...]` comments, and the id is the title.
"""

from __future__ import annotations

import json
import re
from typing import Any, assert_never

from app.bank import LoadedBank
from app.models import (
    Cloze,
    Difficulty,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)

_SPECIAL = re.compile(r"([\\~=#{}:])")
_UNSAFE_TAG = re.compile(r"[\]<>`\x00-\x1f\x7f]")
_DEFAULT_CLOZE_PROMPT = Cloze.model_fields["prompt"].default


def bank_to_gift(loaded: LoadedBank) -> str:
    """The bank as GIFT text: a header comment, then one block per question."""
    bank = loaded.bank
    header = (
        f"// {_one_line(bank.title)} (bank {bank.id}), written by python -m app export "
        "--format gift\n"
        "// Lines starting with // @ keep what GIFT cannot hold; Moodle ignores them.\n"
        f"// @bank_title: {_json(bank.title)}"
    )
    return "\n\n".join([header, *(_question(q) for q in bank.questions)]) + "\n"


def gift_warnings(loaded: LoadedBank) -> list[str]:
    """What Moodle will not see as the bank has it, one message per question."""
    return [
        f"question {q.id!r}: Moodle asks only the first of its {len(q.blanks)} blanks; "
        "the others are shown filled in (importing the file back gives the whole cloze)"
        for q in loaded.bank.questions
        if isinstance(q, Cloze) and len(q.blanks) > 1
    ]


def escape(text: str, arrows: bool = False) -> str:
    """Text with GIFT's special characters escaped and line breaks written as \\n.

    With `arrows`, `->` is written `-\\>` so a matching pair or a typed answer keeps it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")
    return text.replace("->", "-\\>") if arrows else text


def _text(text: str, arrows: bool = False) -> str:
    """Escaped text; one starting with '[' gets an explicit [plain] so it is not a format tag."""
    return ("[plain]" if text.startswith("[") else "") + escape(text, arrows)


def _answer(text: str, right: bool = True, arrows: bool = False) -> str:
    """An answer after its ~ or = mark; a leading '%' would read as a weight, so add one."""
    weight = ("%100%" if right else "%0%") if text.startswith("%") else ""
    return weight + _text(text, arrows)


def _question(question: Question) -> str:
    lines = _comments(question)
    title = f"::{escape(question.id)}::"
    explanation = question.explanation.strip()
    general = f"\t####{_text(explanation)}\n" if explanation else ""
    match question:
        case MultipleChoice():
            options = "".join(
                f"\t{'=' if option == question.answer else '~'}"
                f"{_answer(option, right=option == question.answer)}\n"
                for option in question.options
            )
            body = f"{title}{_text(question.prompt)}{{\n{options}{general}}}"
        case MultipleSelect():
            share = _percent(100 / len(question.answers))
            options = "".join(
                f"\t~%{'' if option in question.answers else '-'}{share}%{_text(option)}\n"
                for option in question.options
            )
            body = f"{title}{_text(question.prompt)}{{\n{options}{general}}}"
        case TrueFalse():
            answer = "TRUE" if question.answer else "FALSE"
            inner = f"{answer}\n{general}" if general else answer
            body = f"{title}{_text(question.prompt)}{{{inner}}}"
        case ShortAnswer():
            answers = "".join(f"\t={_answer(a, arrows=True)}\n" for a in question.answers)
            body = f"{title}{_text(question.prompt)}{{\n{answers}{general}}}"
        case Numeric():
            inner = f"#{_number_answer(question)}"
            inner += f"\n{general}" if general else ""
            body = f"{title}{_text(question.prompt)}{{{inner}}}"
        case Matching():
            pairs = "".join(
                f"\t={_text(p.left, arrows=True)} -> {escape(p.right, arrows=True)}\n"
                for p in question.pairs
            )
            pairs += "".join(f"\t= -> {escape(d, arrows=True)}\n" for d in question.distractors)
            body = f"{title}{_text(question.prompt)}{{\n{pairs}{general}}}"
        case Cloze():
            body = title + _cloze_body(question, lines, general)
        case _:
            assert_never(question)
    return "\n".join([*lines, body])


def _comments(question: Question) -> list[str]:
    lines: list[str] = []
    if question.tags and not any(_UNSAFE_TAG.search(tag) for tag in question.tags):
        lines.append("// " + " ".join(f"[tag:{tag}]" for tag in question.tags))
    elif question.tags:
        lines.append(f"// @tags: {_json(list(question.tags))}")
    extra: dict[str, Any] = {}
    if question.source_quote is not None:
        extra["source_quote"] = question.source_quote
    if question.difficulty is not Difficulty.MEDIUM:
        extra["difficulty"] = question.difficulty.value
    if isinstance(question, Numeric) and question.unit:
        extra["unit"] = question.unit
    if isinstance(question, (ShortAnswer, Cloze)) and not question.typo_tolerance:
        extra["typo_tolerance"] = False
    if isinstance(question, (MultipleChoice, MultipleSelect, Matching)) and question.fixed_order:
        extra["fixed_order"] = True
    if isinstance(question, Cloze) and question.prompt != _DEFAULT_CLOZE_PROMPT:
        extra["prompt"] = question.prompt
    return lines + [f"// @{key}: {_json(value)}" for key, value in extra.items()]


def _cloze_body(question: Cloze, lines: list[str], general: str) -> str:
    """A missing-word question for the first blank; `// @text` when GIFT cannot say it all."""
    segments, blanks = question.segments, question.blanks
    before = segments[0]
    # GIFT holds one blank per question: Moodle asks the first; the others are shown filled in
    # (not as blanks without an answer box). `// @text` keeps the whole cloze for our import.
    after = segments[1] + "".join(b[0] + s for b, s in zip(blanks[1:], segments[2:], strict=True))
    if len(blanks) > 1 or not after.strip():
        lines.append(f"// @text: {_json(question.text)}")
        if len(blanks) > 1:
            lines.append(
                f"// GIFT holds one blank per question: Moodle asks the first of {len(blanks)}; "
                "the others are filled in."
            )
    answers = " ".join(f"={_answer(a, arrows=True)}" for a in blanks[0])
    inner = f"{answers}\n{general}" if general else answers
    return f"{_text(before)}{{{inner}}}{escape(after)}"


def _number_answer(question: Numeric) -> str:
    if question.range is not None:
        return f"{format_number(question.range.min)}..{format_number(question.range.max)}"
    assert question.answer is not None
    tolerance = f":{format_number(question.tolerance)}" if question.tolerance else ""
    return f"{format_number(question.answer)}{tolerance}"


def format_number(value: float) -> str:
    """A number as people write it: 10, not 10.0."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _percent(value: float) -> str:
    """Moodle's grade fractions have 5 decimals (33.33333)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())
