"""Draft a bank from an article in the instructor workspace, and publish the reviewed draft.

The draft comes from the generator (`app.generate`) and is written by its YAML writer. A draft
is published as two new files of the questions folder, `<id>.yaml` and `sources/<id>.txt`:
it is validated by the normal bank loader first, nothing that exists is ever replaced, and each
file appears whole (written aside, then linked or renamed into place).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.bank import BANK_SUFFIXES, BankError, Problem, load_bank
from app.bank_edit import SaveRefused, save_text
from app.formats.yaml_writer import bank_to_yaml
from app.generate import GenerateError, generate_bank, slug
from app.generate.files import decode_article
from app.models import Bank

FEW_QUESTIONS = 3
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
MAX_ID_LENGTH = 80


class DraftError(ValueError):
    """No draft, or no publishing: the message says why; `problems` are the bank's, if any."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Draft:
    """A generated bank (plain data, as the writer takes it), its article, and its questions
    validated against the article (for the review)."""

    data: dict[str, Any]
    article: str
    bank: Bank
    asked: int  # the most questions the instructor asked for

    @property
    def few_facts(self) -> str:
        """A warning when the article gave fewer questions than are worth a quiz ("" if not)."""
        found = len(self.bank.questions)
        if found >= min(FEW_QUESTIONS, self.asked):
            return ""
        return (
            f"Only {found} question{' was' if found == 1 else 's were'} drafted: the article has "
            "few facts to ask about (names, dates, numbers, roles, quotations). Paste a longer "
            "article, or publish these if they are enough."
        )

    @property
    def digest(self) -> str:
        """Tells one draft from another (the same article and settings give the same)."""
        content = json.dumps([self.data, self.article], sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()[:12]


def article_of(pasted: str, uploaded: bytes | None) -> str:
    """The article's text: the uploaded file when there is one, else the pasted text."""
    if uploaded is not None:
        try:
            return decode_article(uploaded)
        except GenerateError as error:
            raise DraftError(f"The uploaded file cannot be used: {error}.") from None
    if not pasted.strip():
        raise DraftError("The article is empty: paste its text or upload it as a .txt file.")
    return pasted


def check_id(bank_id: str) -> str:
    """`bank_id` when it can name a bank and its files; DraftError saying how otherwise."""
    if not ID_PATTERN.fullmatch(bank_id) or len(bank_id) > MAX_ID_LENGTH:
        raise DraftError(
            f"The bank id {bank_id!r} cannot be used: it names the bank's file, so use only "
            "lowercase letters, digits, - and _, starting with a letter or digit "
            f"(at most {MAX_ID_LENGTH}), e.g. 'city-budget-2024'."
        )
    return bank_id


def make_draft(
    article: str, *, bank_id: str, title: str, max_questions: int, seed: int = 0
) -> Draft:
    """A draft bank of at most `max_questions` questions on `article`, named `bank_id`
    (made from the headline when empty) and `title` (the headline when empty)."""
    headline = next((line.strip() for line in article.splitlines() if line.strip()), "")
    bank_id = bank_id or slug(headline) or "article"
    check_id(bank_id)
    try:
        data = generate_bank(
            article, article_file=_article_file(bank_id), max_questions=max_questions, seed=seed
        )
    except GenerateError as error:
        reason = str(error) if str(error).endswith((".", "?", "!")) else f"{error}."
        raise DraftError(f"No draft could be made from this article: {reason}") from None
    data["id"] = bank_id
    data["title"] = title.strip() or headline[:120]
    data["description"] = "Questions drafted from the article; review each one."
    return Draft(data, article, validate(data, article), max_questions)


def kept(draft: Draft, question_ids: Collection[str]) -> dict[str, Any]:
    """The draft's bank with only the questions in `question_ids`, in the draft's order."""
    questions = [q for q in draft.data["questions"] if q["id"] in question_ids]
    return {**draft.data, "questions": questions}


def yaml_text(data: dict[str, Any]) -> str:
    """The bank file as it will be published."""
    header = (
        f"Drafted from the article {_article_file(data['id'])} in the instructor workspace\n"
        "and reviewed there. Edit it like any bank; check it with:\n"
        f"  python -m app validate questions/{data['id']}.yaml"
    )
    return bank_to_yaml(data, header=header)


def validate(data: dict[str, Any], article: str) -> Bank:
    """The bank `data` and `article` make, checked by the bank loader in a folder of their own."""
    with tempfile.TemporaryDirectory(prefix="draft-") as folder:
        path = Path(folder) / f"{data['id']}.yaml"
        (path.parent / "sources").mkdir()
        (path.parent / _article_file(data["id"])).write_text(_as_file(article), encoding="utf-8")
        path.write_text(yaml_text(data), encoding="utf-8")
        try:
            return load_bank(path).bank
        except BankError as error:
            problems = [replace(p, file=path.name) for p in error.problems]
            raise DraftError("The draft is not a valid bank.", problems) from None


def publish(folder: Path, data: dict[str, Any], article: str, taken: Collection[str]) -> Path:
    """Write the bank `data` as `folder/<id>.yaml` with `article` as `folder/sources/<id>.txt`;
    refuse (DraftError) an id in `taken`, a file that exists, or an invalid bank."""
    bank_id = check_free(folder, str(data["id"]), taken)
    if not data["questions"]:
        raise DraftError("No question is ticked: keep at least one to publish the bank.")
    validate(data, article)
    article_path = folder / _article_file(bank_id)
    _create(article_path, article)
    try:
        save_text(folder / f"{bank_id}.yaml", yaml_text(data), None)
    except SaveRefused as error:
        article_path.unlink()
        raise DraftError(f"The bank was not published: {error}.", error.problems) from None
    return folder / f"{bank_id}.yaml"


def check_free(folder: Path, bank_id: str, taken: Collection[str]) -> str:
    """`bank_id` when it is valid and no bank of `folder` has it (`taken`: the ids of the
    banks there) nor its file name; DraftError otherwise."""
    check_id(bank_id)
    existing = [folder / f"{bank_id}{suffix}" for suffix in BANK_SUFFIXES]
    if bank_id in taken or any(path.exists() for path in existing):
        raise DraftError(
            f"A bank with the id {bank_id!r} already exists; choose another id "
            "(publishing never replaces a bank)."
        )
    if (folder / _article_file(bank_id)).exists():
        raise DraftError(_article_taken(bank_id))
    return bank_id


def _article_file(bank_id: str) -> str:
    return f"sources/{bank_id}.txt"


def _article_taken(bank_id: str) -> str:
    return (
        f"An article {_article_file(bank_id)} already exists in the questions folder; "
        "choose another bank id (publishing never replaces a file)."
    )


def _as_file(article: str) -> str:
    return article if article.endswith("\n") else article + "\n"


def _create(path: Path, text: str) -> None:
    """`text` as the new file `path`, whole or not at all; DraftError when `path` exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(_as_file(text))
            out.flush()
            os.fsync(out.fileno())
        os.link(name, path)  # unlike a rename, a link never replaces a file that exists
    except FileExistsError:
        raise DraftError(_article_taken(path.stem)) from None
    finally:
        os.unlink(name)
