"""Find, load and validate bank files, reporting every problem with its file, line and field.

Loading is one pipeline: bytes -> UTF-8 text -> YAML (ruamel round-trip, which keeps line
numbers) -> pydantic models. Whatever goes wrong at any step becomes a `Problem` that names
the file, line, column and field path, with a hint to fix it; nothing raises a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from app import yaml_errors
from app.models import Bank
from app.text import bad_utf8_position

MAX_FILE_BYTES = 1_000_000
BANK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{self.col}:{field} {self.message}"


class BankError(Exception):
    """A bank file (or several) that cannot be used; `problems` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class LoadedBank:
    """A valid bank with where it came from and its article (empty when it has none)."""

    bank: Bank
    path: Path
    article: str
    version: str = field(init=False)  # changes when any question is added, removed or edited

    def __post_init__(self) -> None:
        ids_and_hashes = "\n".join(f"{q.id} {q.content_hash}" for q in self.bank.questions)
        version = hashlib.sha256(ids_and_hashes.encode()).hexdigest()[:12]
        object.__setattr__(self, "version", version)

    @property
    def headline(self) -> str:
        return next((line.strip() for line in self.article.splitlines() if line.strip()), "")


def load_bank(path: Path) -> LoadedBank:
    """Load and validate one bank file; raise BankError listing every problem."""
    name = str(path)
    data, problems = _read_yaml(path)
    if data is None:
        raise BankError(problems)
    article, article_problems = _read_article(path, data, name)
    problems += article_problems + _duplicate_question_ids(data, name)
    context = {"article": article} if article is not None else None
    try:
        bank = Bank.model_validate(plain(data), context=context)
    except ValidationError as error:
        problems += [
            Problem(name, *yaml_errors.position(data, e), *yaml_errors.explain(e))
            for e in error.errors()
        ]
    if problems:
        raise BankError(problems)
    return LoadedBank(bank, path, article or "")


def load_banks(paths: Iterable[Path]) -> tuple[list[LoadedBank], list[Problem]]:
    """Load every bank file under `paths`; return the valid banks and all problems."""
    banks: list[LoadedBank] = []
    problems: list[Problem] = []
    files = list(find_bank_files(paths, problems))
    for file in files:
        try:
            banks.append(load_bank(file))
        except BankError as error:
            problems += error.problems
    unique: dict[str, LoadedBank] = {}
    for loaded in banks:
        first = unique.setdefault(loaded.bank.id, loaded)
        if first is not loaded:
            problems.append(
                Problem(
                    str(loaded.path),
                    *_id_position(loaded.path),
                    "id",
                    f"bank id {loaded.bank.id!r} is already used by {first.path}; "
                    "give each bank its own id",
                )
            )
    return list(unique.values()), sorted(problems)


def find_bank_files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Path]:
    """The bank files named by `paths` (files, or folders searched recursively)."""
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in BANK_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                problems.append(Problem(str(path), 1, 1, "", "no bank files (*.yaml) here"))
            yield from found
        elif path.is_file():
            yield path
        else:
            problems.append(Problem(str(path), 1, 1, "", "no such file or folder"))


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        return None, [
            Problem(
                name,
                1,
                1,
                "",
                f"the file is {size}; a bank file may be at most 1 MB: split it into banks",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col, byte = bad_utf8_position(raw, error)
        return None, [
            Problem(
                name,
                line,
                col,
                "",
                f"not UTF-8 text (byte 0x{byte}); save the file with UTF-8 encoding",
            )
        ]
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(name, line, col, "", f"not valid YAML: {reason}")]
    except YAMLError as error:
        return None, [Problem(name, 1, 1, "", f"not valid YAML: {error}")]
    except RecursionError:
        return None, [Problem(name, 1, 1, "", "not valid YAML: nested too deeply")]
    if data is None:
        return None, [
            Problem(name, 1, 1, "", "the file is empty; a bank needs id, title, questions")
        ]
    if not isinstance(data, CommentedMap):
        kind = yaml_errors.kind_of(data)
        return None, [
            Problem(
                name, 1, 1, "", f"a bank must be a mapping (id:, title:, questions:), not {kind}"
            )
        ]
    return data, []


class _DatesAsText(RoundTripConstructor):
    """Dates stay text until the models read them: `2017-02-30` is then a located problem
    (ruamel's own date reading raises a bare ValueError, with no line)."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_scalar)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    return yaml


def _read_article(path: Path, data: CommentedMap, name: str) -> tuple[str | None, list[Problem]]:
    source = data.get("source")
    if not isinstance(source, CommentedMap) or not isinstance(source.get("file"), str):
        return None, []
    article_path = path.parent / source["file"]
    line, col = yaml_errors.locate(data, ("source", "file"))
    try:
        return article_path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        why = f"article file {source['file']!r} not found (looked for {article_path})"
    except UnicodeDecodeError:
        why = f"article file {source['file']!r} is not UTF-8 text"
    except OSError as error:
        why = f"cannot read article file {source['file']!r}: {error.strerror}"
    return None, [Problem(name, line, col, "source.file", why)]


def _duplicate_question_ids(data: CommentedMap, name: str) -> list[Problem]:
    questions = data.get("questions")
    if not isinstance(questions, CommentedSeq):
        return []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for index, question in enumerate(questions):
        if not isinstance(question, CommentedMap) or not isinstance(question.get("id"), str):
            continue
        line, col = yaml_errors.locate(data, ("questions", index, "id"))
        qid = question["id"]
        if qid in first_line:
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    f"questions[{index}].id",
                    f"question id {qid!r} is already used at line {first_line[qid]}; "
                    "ids must be unique within a bank",
                )
            )
        else:
            first_line[qid] = line
    return problems


def _id_position(path: Path) -> tuple[int, int]:
    data, _ = _read_yaml(path)
    return yaml_errors.locate(data, ("id",)) if data is not None else (1, 1)


def plain(node: Any) -> Any:
    """ruamel's commented containers and scalar subclasses as plain Python values."""
    if isinstance(node, dict):
        return {plain(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def prompt_of(banks: Mapping[str, LoadedBank], bank_id: str, question_id: str) -> str:
    """A question's prompt for reports; says so when the bank or question is gone."""
    loaded = banks.get(bank_id)
    if loaded is None:
        return f"{question_id} (bank {bank_id!r} not found)"
    try:
        return loaded.bank.question(question_id).prompt
    except KeyError:
        return f"{question_id} (no longer in the bank)"
