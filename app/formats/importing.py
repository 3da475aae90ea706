"""What every importer shares: located notices, question drafts, ids, and final validation.

An importer is a pure function `(text, file name) -> ImportResult`. It turns each question it
finds into a `Draft` (the bank fields, without an id, plus where the question starts) and
reports everything it could not carry over as a `Notice`. `finish` then gives each draft an id,
validates it with the bank's own models and leaves out (and reports) the ones that fail, so a
written bank always passes `python -m app validate`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from app import yaml_errors
from app.models import QUESTION_ADAPTER
from app.text import bad_utf8_position

_NOT_SLUG = re.compile(r"[^a-z0-9_-]+")
_WORD = re.compile(r"[a-z0-9]+")
MAX_ID_LENGTH = 60  # the model allows 80; room for a "-2" suffix


class Severity(StrEnum):
    ERROR = "error"  # the input is malformed here; the question is left out
    SKIPPED = "skipped"  # well-formed, but the app cannot represent the question
    WARNING = "warning"  # imported, but something did not carry over exactly


@dataclass(frozen=True, order=True)
class Notice:
    """One located message about the input, printed as `file:line:col: severity: message`."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


@dataclass
class Draft:
    """A question read from the input, before it gets an id and is validated."""

    fields: dict[str, Any]
    line: int
    col: int
    label: str  # how messages name the question: its title or its first words
    id_hint: str = ""  # an explicit id or title; otherwise the label's words make the id


@dataclass
class ImportResult:
    """Valid question dicts (ready to write as YAML) and every notice, in input order."""

    questions: list[dict[str, Any]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    title: str | None = None  # a bank title the input names (e.g. a GIFT export's header)

    @property
    def has_errors(self) -> bool:
        return any(n.severity is Severity.ERROR for n in self.notices)


def slugify(text: str, max_words: int | None = None) -> str:
    """A question id from any text: ASCII lowercase letters, digits, '-' and '_'.

    Valid ids come back unchanged, so ids survive an export and re-import.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    if max_words is not None:
        ascii_text = "-".join(_WORD.findall(ascii_text)[:max_words])
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-_")
    if len(slug) > MAX_ID_LENGTH:
        cut = slug[:MAX_ID_LENGTH]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-_")
    return slug


def finish(
    drafts: list[Draft],
    file: str,
    notices: list[Notice],
    invalid: Severity = Severity.SKIPPED,
) -> ImportResult:
    """Give every draft a unique id, validate it, and collect the valid questions.

    A draft the bank's models reject is reported with severity `invalid` and left out.
    """
    result = ImportResult(notices=list(notices))
    used: set[str] = set()
    for number, draft in enumerate(drafts, start=1):
        base = slugify(draft.id_hint) or slugify(draft.label, max_words=6) or f"q{number}"
        question_id, suffix = base, 1
        while question_id in used:
            suffix += 1
            question_id = f"{base}-{suffix}"
        if question_id != base:
            result.notices.append(
                Notice(
                    file,
                    draft.line,
                    draft.col,
                    Severity.WARNING,
                    f"question {draft.label!r}: id {base!r} is already used; "
                    f"this one is {question_id!r}",
                )
            )
        try:
            question = QUESTION_ADAPTER.validate_python({"id": question_id, **draft.fields})
        except ValidationError as error:
            reasons = "; ".join(_reason(e) for e in error.errors())
            result.notices.append(
                Notice(
                    file,
                    draft.line,
                    draft.col,
                    invalid,
                    f"question {draft.label!r} is not valid in the app: {reasons}",
                )
            )
            continue
        used.add(question_id)
        result.questions.append(question.model_dump(mode="json", exclude_defaults=True))
    result.notices.sort()
    return result


def _reason(error: ErrorDetails) -> str:
    loc = tuple(error["loc"])
    if loc and loc[0] in yaml_errors.MODEL_OF_TYPE:
        loc = loc[1:]  # pydantic's name for the union member, not a field
    field_name, message = yaml_errors.explain({**error, "loc": loc})
    field_name = field_name.lstrip(".")
    return f"{field_name}: {message}" if field_name else message


def label_of(text: str, limit: int = 40) -> str:
    """The first words of a question, to name it in messages."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def decode(raw: bytes, file: str) -> tuple[str | None, Notice | None]:
    """UTF-8 text without a byte order mark, or a located notice saying why it is not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col, byte = bad_utf8_position(raw, error)
        message = f"not UTF-8 text (byte 0x{byte}); save the file with UTF-8 encoding"
        return None, Notice(file, line, col, Severity.ERROR, message)
    return text, None
