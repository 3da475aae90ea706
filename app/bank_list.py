"""Every bank file of the questions folder, valid or not, for the instructors' bank list.

Listing must stay quick with many banks, and ruamel's round-trip parser (which keeps the line
numbers that error messages need) is pure Python. So each file is first read with libyaml
(PyYAML's C parser) and checked by the same models; only a file that fails goes through the
full loader (`app.bank.load_bank`), which then locates every problem.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints
from pydantic import ValidationError

from app.bank import MAX_FILE_BYTES, BankError, Problem, find_bank_files, load_bank
from app.models import Bank, QuestionType


class _Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml, reading scalars as YAML 1.2 does (like ruamel): `yes`, `on` and `010` are a
    word, a word and ten, not YAML 1.1's true, true and eight."""


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$", "0123456789"),
):
    _Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return int(digits, 10)
    except ValueError:
        return int(digits, 0)  # 0o17, 0x1F


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)


@dataclass(frozen=True)
class BankFile:
    path: Path
    bank: Bank | None
    problems: tuple[Problem, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Questions by type (all types listed, 0 included); empty for an invalid file."""
        if self.bank is None:
            return {}
        found = Counter(str(q.type) for q in self.bank.questions)
        return {t.value: found.get(t.value, 0) for t in QuestionType}


def list_bank_files(folder: Path) -> tuple[list[BankFile], list[Problem]]:
    """Each bank file under `folder` with its bank or its problems; and problems of the
    folder itself (no bank files)."""
    folder_problems: list[Problem] = []
    files = []
    with _collector_paused():
        for path in find_bank_files([folder], folder_problems):
            files.append(_bank_file(path))
    return files, folder_problems


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off: loading banks makes hundreds of thousands of
    objects that stay alive, and the collector's passes over them took a third of a listing of
    100 banks (bench/report_bench.py). Garbage with cycles made meanwhile is collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _bank_file(path: Path) -> BankFile:
    """The bank at `path` or its problems (read the fast way first, see the module's doc)."""
    bank = _quick_load(path)
    if bank is not None:
        return BankFile(path, bank, ())
    try:
        return BankFile(path, load_bank(path).bank, ())
    except BankError as error:
        return BankFile(path, None, tuple(error.problems))


def _quick_load(path: Path) -> Bank | None:
    """The bank at `path` when it is valid, read the fast way; None when anything is amiss."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            return None
        data: Any = yaml.load(raw.decode("utf-8"), Loader=_Yaml12Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return None
    ids = [q.get("id") for q in data["questions"] if isinstance(q, dict)]
    if len(ids) != len(set(map(str, ids))):
        return None
    article = _article(path, data)
    if article is False:
        return None
    context = {"article": article} if isinstance(article, str) else None
    try:
        return Bank.model_validate(data, context=context)
    except ValidationError:
        return None


def _article(path: Path, data: dict[str, Any]) -> str | bool | None:
    """The bank's article text, None when it has none, False when it cannot be read."""
    source = data.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("file"), str):
        return None
    try:
        return (path.parent / source["file"]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
