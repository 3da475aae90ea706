"""Banks as spreadsheets: one row per question, one column per field.

Columns (any order; only `type` is required): id, type, prompt, text, options, answers,
pairs, distractors, tolerance, range, unit, typo_tolerance, explanation, source_quote, tags,
difficulty. A list goes in one cell with items separated by ` | ` (`a | b | c`); a pair is
`left -> right`. Inside an item, write `\\|` for a literal `|`, `\\\\` for a backslash and
`-\\>` for a literal `->`; any other backslash is kept as it is. `answers` holds the answer of
every type: the right option(s), `true`/`false`, the accepted texts, or the number. `range` is
`min..max`. Empty cells mean "not given". The file is UTF-8 with a byte order mark, which
Excel needs to read it as UTF-8; comma, semicolon or tab separated files are read. A cell a
spreadsheet would run as a formula (`=`, `+`, `-`, `@` before text) is written with a leading
`'` and read back without it (see app.spreadsheet).
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, assert_never

from app.bank import LoadedBank
from app.formats.gift_write import format_number
from app.formats.importing import Draft, ImportResult, Notice, Severity, finish, label_of
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
from app.spreadsheet import from_cell, to_cell
from app.text import close_match

COLUMNS = (
    "id",
    "type",
    "prompt",
    "text",
    "options",
    "answers",
    "pairs",
    "distractors",
    "tolerance",
    "range",
    "unit",
    "typo_tolerance",
    "fixed_order",
    "explanation",
    "source_quote",
    "tags",
    "difficulty",
)
SEPARATOR = " | "
_ITEM_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}


def bank_to_csv(loaded: LoadedBank) -> str:
    """The bank as CSV text, one row per question (with a byte order mark for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for question in loaded.bank.questions:
        row = _row(question)
        writer.writerow([to_cell(row.get(column, "")) for column in COLUMNS])
    return "\ufeff" + out.getvalue()


def join_items(items: list[str] | tuple[str, ...]) -> str:
    """Items in one cell: ` | ` between them, `\\`, `|` and `->` escaped inside them."""
    return SEPARATOR.join(_escape(item) for item in items)


def split_items(cell: str) -> list[str]:
    """Inverse of `join_items`; empty items are dropped and spaces around items trimmed."""
    return [_unescape(item) for item in _raw_items(cell)]


def _escape(item: str) -> str:
    return item.replace("\\", "\\\\").replace("|", "\\|").replace("->", "-\\>")


def _unescape(item: str) -> str:
    return _ITEM_ESCAPE.sub(lambda m: m.group(1) if m.group(1) in "\\|>" else m.group(0), item)


def _pair_parts(item: str) -> tuple[str, str] | None:
    """Split an escaped pair item at its first unescaped `->`."""
    index = 0
    while index < len(item) - 1:
        if item[index] == "\\":
            index += 2
            continue
        if item[index : index + 2] == "->":
            return _unescape(item[:index].strip()), _unescape(item[index + 2 :].strip())
        index += 1
    return None


def _row(question: Question) -> dict[str, str]:
    row = {
        "id": question.id,
        "type": question.type,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "source_quote": question.source_quote or "",
        "tags": join_items(question.tags),
        "difficulty": question.difficulty.value,
    }
    match question:
        case MultipleChoice():
            row |= {"options": join_items(question.options), "answers": _escape(question.answer)}
            row["fixed_order"] = _order(question)
        case MultipleSelect():
            row |= {
                "options": join_items(question.options),
                "answers": join_items(question.answers),
                "fixed_order": _order(question),
            }
        case TrueFalse():
            row["answers"] = "true" if question.answer else "false"
        case ShortAnswer():
            row |= {"answers": join_items(question.answers), "typo_tolerance": _bool(question)}
        case Numeric():
            if question.range is not None:
                low, high = question.range.min, question.range.max
                row["range"] = f"{format_number(low)}..{format_number(high)}"
            else:
                assert question.answer is not None
                row["answers"] = format_number(question.answer)
                row["tolerance"] = format_number(question.tolerance) if question.tolerance else ""
            row["unit"] = question.unit
        case Matching():
            row["pairs"] = SEPARATOR.join(
                f"{_escape(p.left)} -> {_escape(p.right)}" for p in question.pairs
            )
            row["distractors"] = join_items(question.distractors)
            row["fixed_order"] = _order(question)
        case Cloze():
            row |= {"text": question.text, "typo_tolerance": _bool(question)}
        case _:
            assert_never(question)
    return row


def _bool(question: ShortAnswer | Cloze) -> str:
    return "true" if question.typo_tolerance else "false"


def _order(question: MultipleChoice | MultipleSelect | Matching) -> str:
    return "true" if question.fixed_order else ""


def parse_csv(text: str, file: str) -> ImportResult:
    """Questions from CSV text; each bad row is reported (file:line:col) and left out."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    notices: list[Notice] = []
    drafts: list[Draft] = []
    columns: list[str] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _header(row, file, line, notices)
                continue
            cells = dict(zip(columns, map(from_cell, row), strict=False))
            draft = _draft(cells, file, line, notices)
            if draft is not None:
                drafts.append(draft)
    except csv.Error as error:
        notices.append(Notice(file, reader.line_num, 1, Severity.ERROR, f"not valid CSV: {error}"))
    if columns is None and not notices:
        notices.append(Notice(file, 1, 1, Severity.ERROR, "the file is empty; add a header row"))
    return finish(drafts, file, notices, invalid=Severity.ERROR)


def _header(row: list[str], file: str, line: int, notices: list[Notice]) -> list[str]:
    columns = []
    for col, cell in enumerate(row, start=1):
        name = cell.strip().lower()
        if name and name not in COLUMNS:
            hint = close_match(name, COLUMNS)
            tip = f"did you mean {hint!r}?" if hint else f"the columns are: {', '.join(COLUMNS)}"
            notices.append(
                Notice(file, line, col, Severity.ERROR, f"unknown column {cell!r} ignored; {tip}")
            )
            name = ""
        columns.append(name)
    if "type" not in columns:
        notices.append(Notice(file, line, 1, Severity.ERROR, "the header has no 'type' column"))
    return columns


def _draft(cells: dict[str, str], file: str, line: int, notices: list[Notice]) -> Draft | None:
    cells = {key: value for key, value in cells.items() if key and value.strip()}
    kind = cells.get("type", "").strip()
    label = cells.get("id") or label_of(cells.get("prompt") or cells.get("text") or "")
    fields: dict[str, Any] = {"type": kind}
    try:
        for key, value in cells.items():
            if key not in ("id", "type"):
                fields |= _field(key, value, kind)
    except ValueError as error:
        notices.append(Notice(file, line, 1, Severity.ERROR, f"question {label!r}: {error}"))
        return None
    return Draft(fields, line, 1, label or f"row at line {line}", cells.get("id", ""))


def _field(key: str, value: str, kind: str) -> dict[str, Any]:
    """One cell as bank fields (lists split, numbers and booleans read)."""
    if key in ("options", "distractors", "tags"):
        return {key: split_items(value)}
    if key == "pairs":
        pairs = []
        for item in _raw_items(value):
            parts = _pair_parts(item)
            if parts is None:
                raise ValueError(f"pairs: {item!r} has no '->'; write 'left -> right'")
            pairs.append({"left": parts[0], "right": parts[1]})
        return {"pairs": pairs}
    if key == "answers":
        return _answers(split_items(value), kind)
    if key == "range":
        low, sep, high = value.partition("..")
        if not sep:
            raise ValueError(f"range: {value!r} is not 'min..max'")
        return {"range": {"min": low.strip(), "max": high.strip()}}
    if key in ("typo_tolerance", "fixed_order"):
        return {key: _boolean(value, key)}
    if key in ("prompt", "text", "explanation", "source_quote"):
        return {key: value}
    return {key: value.strip()}


def _answers(items: list[str], kind: str) -> dict[str, Any]:
    if kind in ("multiple_choice", "true_false", "numeric") and len(items) != 1:
        raise ValueError(f"answers: a {kind} question has one answer, found {len(items)}")
    if kind == "true_false":
        return {"answer": _boolean(items[0], "answers")}
    if kind in ("multiple_choice", "numeric"):
        return {"answer": items[0]}
    return {"answers": items}


def _boolean(value: str, key: str) -> bool:
    found = _BOOLEANS.get(value.strip().lower())
    if found is None:
        raise ValueError(f"{key}: expected true or false, got {value!r}")
    return found


def _raw_items(cell: str) -> list[str]:
    """Items of a cell split at unescaped `|`, still escaped (pairs split them further)."""
    items, begin, index = [], 0, 0
    while index < len(cell):
        if cell[index] == "\\":
            index += 2
            continue
        if cell[index] == "|":
            items.append(cell[begin:index])
            begin = index + 1
        index += 1
    items.append(cell[begin:])
    return [item.strip() for item in items if item.strip()]
