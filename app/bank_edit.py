"""Save a bank file safely: validate first, then replace it atomically, keeping a backup.

A save refuses an invalid bank (the file is left byte for byte as it was) and a file changed
by someone else since it was opened (no edit is lost silently); two saves at once are
serialised by a lock. Writing goes through the one YAML writer (app/formats/yaml_writer.py),
which replaces the whole file by a rename, so the file is never half-written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock

from app.bank import BankError, LoadedBank, Problem, load_bank
from app.formats.yaml_writer import commit, staged


class SaveRefused(Exception):
    """The save did not happen; `problems` (for an invalid bank) or the message say why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Opened:
    """A bank file's text as read, and its digest (to tell whether it changed since)."""

    text: str
    digest: str


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def open_text(path: Path) -> Opened:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return Opened(text, digest_of(text))


def check_text(path: Path, text: str) -> list[Problem]:
    """Every problem `text` would have as the content of `path` (nothing is written to it)."""
    return try_text(path, text)[1]


Checked = tuple[LoadedBank | None, list[Problem]]  # a text's bank, or its problems


def try_text(path: Path, text: str) -> Checked:
    """The bank `text` would be as the content of `path`, or its problems (nothing is written
    to `path`; the text is checked beside it, so the article's relative path resolves)."""
    with staged(path, text) as candidate:
        try:
            loaded = load_bank(candidate)
        except BankError as error:
            return None, [replace(p, file=str(path)) for p in error.problems]
    return LoadedBank(loaded.bank, path, loaded.article), []


def save_text(path: Path, text: str, opened_digest: str | None) -> LoadedBank:
    """Replace the bank at `path` with `text` when it is valid.

    `opened_digest` is the digest of the text the editor started from (None for a new file):
    when the file has changed since, the save is refused. The previous version is kept as
    `<file>.bak`. Raises SaveRefused; the file is then untouched.
    """
    with FileLock(str(path.with_name(f".{path.name}.lock")), timeout=10):
        exists = path.exists()
        if opened_digest is None and exists:
            raise SaveRefused(f"{path.name} already exists; open it to edit it")
        if opened_digest is not None:
            if not exists:
                raise SaveRefused(f"{path.name} was deleted since you opened it")
            if open_text(path).digest != opened_digest:
                raise SaveRefused(
                    f"{path.name} was changed by someone else since you opened it; reload it "
                    "and make your change again"
                )
        with staged(path, text) as candidate:
            try:
                loaded = load_bank(candidate)
            except BankError as error:
                problems = [replace(p, file=str(path)) for p in error.problems]
                raise SaveRefused("the bank is not valid, so it was not saved", problems) from None
            commit(candidate, path)
    return LoadedBank(loaded.bank, path, loaded.article)
