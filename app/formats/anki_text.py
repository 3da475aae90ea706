"""Import Anki's "Notes in Plain Text" export as short-answer questions.

The file is delimiter-separated text with header lines at the top, read as Anki's own importer
reads them (rslib/src/import_export/text/csv/): an old-style first line `tags:a b`, then every
line starting with `#`, either a comment or `#key:value`: `#separator:tab|comma|semicolon|
space|pipe|colon` (or the character itself, a tab or a space included; an unknown one is
ignored with a warning), `#html:true|false` (without it, HTML is detected in the first notes),
`#tags column:N`, `#guid column:N`, `#notetype column:N`, `#deck column:N`, `#notetype:NAME`,
`#deck:NAME`, `#tags:a b` and `#columns:` (the Front/Text, Back and Tags columns by name).
Without a separator header the separator is guessed like Anki does (tab, pipe, semicolon, colon,
comma, then space, found in the notes). A column after the note's fields holds its tags.
Quoted fields may span lines; quotes that do not follow CSV quoting are kept as written. A note
with the same front as an earlier one updates it, as in Anki, and is reported.

Each note's front is the prompt. The first line of its back is the accepted answer; the rest
of the back becomes the explanation. Cloze notes (`{{c1::answer::hint}}`) become cloze
questions, every deletion a blank. HTML fields are converted to plain text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
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
_HEADER = re.compile(r"^#([^:]*):(.*)$", re.DOTALL)
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_META_COLUMNS = ("tags column", "guid column", "notetype column", "deck column")
_IGNORED_HEADERS = ("deck", "if matches")
# What Anki takes for HTML when no #html header says (rslib text.rs is_html): a tag or an entity.
_LOOKS_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_HTML_PREVIEW = 5  # Anki decides from the first notes it previews
_FRONT_LABELS = ("front", "text")
_BACK_LABELS = ("back", "back extra", "extra")


@dataclass
class _Header:
    separator: str | None = None
    html: bool | None = None  # None: detected from the notes, as Anki does
    columns: dict[str, int] = field(default_factory=dict)  # meta column name -> 0-based index
    labels: str | None = None  # the raw #columns: value, split once the separator is known
    labels_line: int = 0
    tags: list[str] = field(default_factory=list)
    notetype: str = ""
    lines: int = 0  # how many lines of the file the header takes


def parse_anki_text(text: str, file: str) -> ImportResult:
    """Questions from an Anki plain-text export; every note left out is reported."""
    text = text.removeprefix("\ufeff")
    notices: list[Notice] = []
    header = _read_header(text, file, notices)
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    body = "\n".join(lines[header.lines :])
    separator = header.separator or _guess_separator(body)
    records = [r for r in _records(lines, header.lines, separator) if _is_note(r[1])]
    if header.html is None:
        preview = [cell for _, row in records[:_HTML_PREVIEW] for cell in row]
        header.html = any(_LOOKS_HTML.search(cell) for cell in preview)
    layout = _Layout.of(header, separator, max((len(r) for _, r in records), default=0))
    if header.labels is not None and not layout.named:
        notices.append(
            Notice(
                file,
                header.labels_line,
                1,
                Severity.WARNING,
                "#columns names no Front (or Text) column; the first column is the front",
            )
        )
    drafts: list[Draft] = []
    seen: dict[str, Draft] = {}
    for line, row in records:
        draft = _draft(row, header, layout, file, line, notices)
        if draft is None:
            continue
        front = _front_of(draft)
        earlier = seen.get(front)
        if earlier is None:
            seen[front] = draft
            drafts.append(draft)
            continue
        # Anki updates the note with the same first field instead of adding it again.
        same = earlier.fields == draft.fields
        message = (
            f"the same note as line {earlier.line}; imported once"
            if same
            else f"same front as the note at line {earlier.line}, which this one replaces "
            "(Anki updates a note with the same first field)"
        )
        notices.append(
            Notice(file, line, 1, Severity.SKIPPED if same else Severity.WARNING, message)
        )
        if not same:
            replacement = Draft(draft.fields, line, 1, draft.label)
            drafts[drafts.index(earlier)] = replacement
            seen[front] = replacement
    return finish(drafts, file, notices)


def _front_of(draft: Draft) -> str:
    return " ".join(str(draft.fields.get("prompt") or draft.fields.get("text") or "").split())


def _is_note(row: list[str]) -> bool:
    return any(cell.strip() for cell in row) and not row[0].startswith("#")


def _guess_separator(body: str) -> str:
    """Anki's guess: the first of its separators found in the notes (after the header)."""
    sample = body[: 8 * 1024]
    return next((s for s in GUESS_ORDER if s in sample), " ")


def _records(lines: list[str], skip: int, separator: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each record: quoted fields may span lines and hold `""`; a
    field whose quotes do not follow CSV quoting (`"Slavic Brotherhood" drill`) is read as
    written, quotes and all, instead of losing them."""
    index = skip
    while index < len(lines):
        end, text = index, lines[index]
        while True:
            try:
                row = _one_record(text, separator)
            except csv.Error as error:
                if "unexpected end of data" in str(error) and end + 1 < len(lines):
                    end += 1
                    text += "\n" + lines[end]
                    continue
                end, row = index, lines[index].split(separator)
            break
        yield index + 1, row
        index = end + 1


def _one_record(text: str, separator: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    return rows[0] if rows else []


def _read_header(text: str, file: str, notices: list[Notice]) -> _Header:
    """The header lines, as Anki reads them: an old-style `tags:` first line, then every line
    starting with `#` (`#key:value`, or a comment)."""
    header = _Header()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if number == 1 and line.startswith("tags:"):
            header.tags = line.removeprefix("tags:").split()
            header.lines = number
            continue
        if not line.startswith("#"):
            break
        header.lines = number
        found = _HEADER.match(line)
        if not found:
            continue  # a comment
        key, value = found.group(1).strip().lower(), found.group(2)
        col = len(line) - len(value) + 1

        def error(message: str, col: int = col, number: int = number) -> None:
            notices.append(Notice(file, number, col, Severity.ERROR, message))

        if key == "separator":
            separator = SEPARATORS.get(value.strip().lower())
            if separator is None and value in SEPARATORS.values():
                separator = value  # the character itself, a tab or a space included
            if separator is None:
                notices.append(
                    Notice(
                        file,
                        number,
                        col,
                        Severity.WARNING,
                        f"unknown separator {value!r} ignored, as Anki does: the separator is "
                        f"guessed from the notes; use {', '.join(SEPARATORS)} or the character",
                    )
                )
            header.separator = separator
        elif key == "html":
            if value.strip().lower() not in ("true", "false"):
                error(f"#html must be true or false, not {value.strip()!r}")
            else:
                header.html = value.strip().lower() == "true"
        elif key in _META_COLUMNS:
            if not value.strip().isdigit() or int(value) < 1:
                error(f"#{key} must be a column number (1 for the first), not {value.strip()!r}")
            else:
                header.columns[key] = int(value) - 1
        elif key == "tags":
            header.tags = value.split()
        elif key == "columns":
            header.labels, header.labels_line = value, number
        elif key == "notetype":
            header.notetype = value.strip()
        elif key not in _IGNORED_HEADERS:
            notices.append(
                Notice(file, number, 1, Severity.WARNING, f"unknown header #{key} ignored")
            )
    return header


@dataclass(frozen=True)
class _Layout:
    """Which columns hold the front, the back and the tags (0-based; None: not there)."""

    front: int | None
    back: int | None
    tags: int | None
    named: bool  # the #columns header names the front

    @classmethod
    def of(cls, header: _Header, separator: str, width: int) -> _Layout:
        meta = set(header.columns.values())
        tags = header.columns.get("tags column")
        labels = [] if header.labels is None else _one_record(header.labels, separator)
        named = {label.strip().lower(): i for i, label in enumerate(labels) if i not in meta}
        front = next((named[n] for n in _FRONT_LABELS if n in named), None)
        found = front is not None
        back = next((named[n] for n in _BACK_LABELS if n in named), None)
        if tags is None and "tags" in named:
            tags = named["tags"]
        free = [i for i in range(max(width, len(labels))) if i not in meta and i != tags]
        if front is None:
            front = next((i for i in free if i != back), None)
        if back is None:
            back = next((i for i in free if i != front), None)
        if tags is None:
            # As Anki: a column after the note's fields holds its tags.
            last = max(i for i in (front, back, -1) if i is not None)
            tags = next((i for i in free if i > last), None)
        return cls(front, back, tags, found)


def _draft(
    row: list[str], header: _Header, layout: _Layout, file: str, line: int, notices: list[Notice]
) -> Draft | None:
    meta = {key: row[index] for key, index in header.columns.items() if index < len(row)}

    def cell(index: int | None) -> str:
        if index is None or index >= len(row):
            return ""
        return _from_html(row[index], file, line, notices) if header.html else row[index]

    front, back = cell(layout.front).strip(), cell(layout.back).strip()
    tag_cell = row[layout.tags] if layout.tags is not None and layout.tags < len(row) else ""
    tags = [*header.tags, *tag_cell.split()]
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
                f"note {label!r} has no answer (its back is empty)",
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
    text = text.replace("\xa0", " ")
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
