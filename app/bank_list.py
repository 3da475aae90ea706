"""Every bank file of the questions folder, valid or not, for the instructors' bank list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.bank import BankError, LoadedBank, Problem, find_bank_files, load_bank
from app.models import QuestionType


@dataclass(frozen=True)
class BankFile:
    path: Path
    loaded: LoadedBank | None
    problems: tuple[Problem, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Questions by type (all types listed, 0 included); empty for an invalid file."""
        if self.loaded is None:
            return {}
        found = Counter(str(q.type) for q in self.loaded.bank.questions)
        return {t.value: found.get(t.value, 0) for t in QuestionType}


def list_bank_files(folder: Path) -> tuple[list[BankFile], list[Problem]]:
    """Each bank file under `folder` with its bank or its problems; and problems of the
    folder itself (no bank files)."""
    folder_problems: list[Problem] = []
    files = []
    for path in find_bank_files([folder], folder_problems):
        try:
            files.append(BankFile(path, load_bank(path), ()))
        except BankError as error:
            files.append(BankFile(path, None, tuple(error.problems)))
    return files, folder_problems
