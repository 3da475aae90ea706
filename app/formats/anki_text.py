"""Import Anki's "Notes in Plain Text" export as short-answer questions.

The file is delimiter-separated text with optional header lines at the top, as Anki writes
and reads them: `#separator:tab|comma|semicolon|space|pipe|colon` (or the character itself),
`#html:true|false`, `#tags column:N`, `#guid column:N`, `#notetype column:N`,
`#deck column:N`, `#notetype:NAME`, `#deck:NAME`, `#tags:a b` and `#columns:...`. Without a
separator header the separator is guessed from the first note the way Anki does (tab, pipe,
semicolon, colon, comma, then space).

Each note's first field is the prompt. The first line of its second field is the accepted
answer; the rest of that field becomes the explanation. Cloze notes (`{{c1::answer::hint}}`)
become cloze questions, every deletion a blank. With `#html:true` fields are converted from
HTML to plain text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from app.formats.html_text import html_to_text
from app.formats.importing import Draft, ImportResult, Notice, Severity, finish, label_of

SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
GUESS_ORDER = ("\t", "|", ";", ":", ",", " ")
_HEADER = re.compile(r"^#([A-Za-z ]+):(.*)$")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_META_COLUMNS = ("tags column", "guid column", "notetype column", "deck column")
_IGNORED_HEADERS = ("columns", "deck", "if matches")


@dataclass
class _Header:
    separator: str | None = None
    html: bool = False
    columns: dict[str, int] = field(default_factory=dict)  # meta column name -> 0-based index
    tags: list[str] = field(default_factory=list)
    notetype: str = ""
    lines: int = 0  # how many lines of the file the header takes


def parse_anki_text(text: str, file: str) -> ImportResult:
    """Questions from an Anki plain-text export; every note left out is reported."""
    text = text.removeprefix("\ufeff")
    notices: list[Notice] = []
    header = _read_header(text, file, notices)
    body = "".join(text.splitlines(keepends=True)[header.lines :])
    first = next((ln for ln in body.splitlines() if ln.strip() and ln[0] != "#"), "")
    separator = header.separator or next((s for s in GUESS_ORDER if s in first), "\t")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=separator)
    drafts: list[Draft] = []
    start = header.lines + 1
    try:
        for row in reader:
            line, start = start, header.lines + reader.line_num + 1
            if not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            draft = _draft(row, header, file, line, notices)
            if draft is not None:
                drafts.append(draft)
    except csv.Error as error:
        where = header.lines + reader.line_num
        notices.append(Notice(file, where, 1, Severity.ERROR, f"not valid text export: {error}"))
    return finish(drafts, file, notices)


def _read_header(text: str, file: str, notices: list[Notice]) -> _Header:
    header = _Header()
    for number, line in enumerate(text.splitlines(), start=1):
        found = _HEADER.match(line)
        if not found:
            break
        header.lines = number
        key, value = found.group(1).strip().lower(), found.group(2).strip()
        col = len(line) - len(found.group(2)) + 1

        def error(message: str, col: int = col, number: int = number) -> None:
            notices.append(Notice(file, number, col, Severity.ERROR, message))

        if key == "separator":
            separator = SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
            if separator is None:
                error(f"unknown separator {value!r}; use {', '.join(SEPARATORS)} or one character")
            header.separator = separator
        elif key == "html":
            if value.lower() not in ("true", "false"):
                error(f"#html must be true or false, not {value!r}")
            header.html = value.lower() == "true"
        elif key in _META_COLUMNS:
            if not value.isdigit() or int(value) < 1:
                error(f"#{key} must be a column number (1 for the first), not {value!r}")
            else:
                header.columns[key] = int(value) - 1
        elif key == "tags":
            header.tags = value.split()
        elif key == "notetype":
            header.notetype = value
        elif key not in _IGNORED_HEADERS:
            notices.append(
                Notice(file, number, 1, Severity.WARNING, f"unknown header #{key} ignored")
            )
    return header


def _draft(
    row: list[str], header: _Header, file: str, line: int, notices: list[Notice]
) -> Draft | None:
    meta = {key: row[index] for key, index in header.columns.items() if index < len(row)}
    skip = set(header.columns.values())
    fields = [cell for index, cell in enumerate(row) if index not in skip]
    if header.html:
        fields = [_from_html(cell, file, line, notices) for cell in fields]
    front = fields[0].strip() if fields else ""
    back = fields[1].strip() if len(fields) > 1 else ""
    tags = [*header.tags, *meta.get("tags column", "").split()]
    notetype = meta.get("notetype column", header.notetype)
    extra: dict[str, Any] = {"tags": list(dict.fromkeys(tags))} if tags else {}
    label = label_of(_CLOZE.sub(lambda m: m.group(1), front)) or f"note at line {line}"
    if _CLOZE.search(front) or "cloze" in notetype.lower():
        text = _CLOZE.sub(lambda m: "{{" + m.group(1).strip() + "}}", front)
        question = {"type": "cloze", "text": text, **extra}
        if back:
            question["explanation"] = back
        return Draft(question, line, 1, label)
    if not back:
        notices.append(
            Notice(
                file,
                line,
                1,
                Severity.SKIPPED,
                f"note {label!r} has no answer (its second field is empty)",
            )
        )
        return None
    answer, _, rest = back.partition("\n")
    question = {"type": "short_answer", "prompt": front, "answers": [answer.strip()], **extra}
    if rest.strip():
        question["explanation"] = rest.strip()
    return Draft(question, line, 1, label)


def _from_html(cell: str, file: str, line: int, notices: list[Notice]) -> str:
    text, images = html_to_text(cell)
    if images:
        notices.append(
            Notice(
                file,
                line,
                1,
                Severity.WARNING,
                f"{images} image(s) left out; only their alt text is kept",
            )
        )
    return text
