"""Edit a bank file safely: validate first, then replace it atomically, keeping a backup.

Edits work on the file's text through ruamel.yaml's round trip, so the instructor's comments,
key order and layout survive. A save refuses an invalid bank (the file is left byte for byte
as it was) and a file changed by someone else since it was opened (no edit is lost silently);
two saves at once are serialised by a lock, and each replaces the whole file by a rename, so
the file is never half-written.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from filelock import FileLock
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from app.bank import BankError, LoadedBank, Problem, load_bank

BACKUP_SUFFIX = ".bak"


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


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


def check_text(path: Path, text: str) -> list[Problem]:
    """Every problem `text` would have as the content of `path` (nothing is written to it)."""
    with _candidate(path, text) as candidate:
        try:
            load_bank(candidate)
        except BankError as error:
            return [replace(p, file=str(path)) for p in error.problems]
    return []


@contextmanager
def _candidate(path: Path, text: str) -> Iterator[Path]:
    """`text` in a hidden temporary file beside `path` (so the article's relative path
    resolves, and bank listings skip it); removed afterwards unless it was renamed."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


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
        with _candidate(path, text) as candidate:
            try:
                loaded = load_bank(candidate)
            except BankError as error:
                problems = [replace(p, file=str(path)) for p in error.problems]
                raise SaveRefused("the bank is not valid, so it was not saved", problems) from None
            if exists:
                backup = path.with_name(path.name + BACKUP_SUFFIX)
                backup.write_bytes(path.read_bytes())
            os.replace(candidate, path)
        _sync_folder(path.parent)
    return LoadedBank(loaded.bank, path, loaded.article)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- edits of the question list, on the text (comments and layout kept) -------------------


def _load(text: str) -> CommentedMap:
    try:
        data = _yaml().load(text)
    except YAMLError as error:
        raise SaveRefused(f"the file is not valid YAML yet ({error.__class__.__name__})") from None
    if not isinstance(data, CommentedMap) or not isinstance(data.get("questions"), CommentedSeq):
        raise SaveRefused("the file has no list of questions to edit; fix it as text first")
    return data


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def question_ids(text: str) -> list[str]:
    return [str(q.get("id", "")) if isinstance(q, dict) else "" for q in _load(text)["questions"]]


def move_question(text: str, index: int, offset: int) -> str:
    """`text` with question `index` moved `offset` places (up when negative)."""
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    target = index + offset
    if not (0 <= index < len(questions) and 0 <= target < len(questions)):
        raise SaveRefused("the question cannot move further that way")
    item = questions.pop(index)
    questions.insert(target, item)
    return _dump(data)


def duplicate_question(text: str, index: int) -> str:
    """`text` with a copy of question `index` right after it, under a new id."""
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    if not 0 <= index < len(questions):
        raise SaveRefused(f"there is no question {index + 1}")
    original = questions[index]
    twin = copy.deepcopy(original)
    if isinstance(twin, CommentedMap):
        taken = {str(q.get("id")) for q in questions if isinstance(q, dict)}
        base = str(original.get("id", "question"))
        number = 2
        while f"{base}-{number}" in taken:
            number += 1
        twin["id"] = f"{base}-{number}"
    questions.insert(index + 1, twin)
    return _dump(data)


def delete_question(text: str, index: int) -> str:
    data = _load(text)
    questions: CommentedSeq = data["questions"]
    if not 0 <= index < len(questions):
        raise SaveRefused(f"there is no question {index + 1}")
    if len(questions) == 1:
        raise SaveRefused("a bank needs at least one question; delete the file instead")
    if index > 0:
        _keep_trailing_comment(questions[index], questions[index - 1])
    del questions[index]
    return _dump(data)


def _keep_trailing_comment(going: Any, previous: Any) -> None:
    """Comments written after a question (often the heading of the next section) belong to the
    file, not to the question: hand them to the question before it."""
    source, target = _tail(going), _tail(previous)
    if source is None or target is None:
        return
    token = source[0].ca.items.get(source[1], [None] * 4)[2]
    if token is None or "#" not in token.value:
        return
    slot = target[0].ca.items.setdefault(target[1], [None] * 4)
    kept = slot[2]
    if kept is None or "#" not in kept.value:
        slot[2] = token
    else:
        kept.value = kept.value + token.value[1:]  # the token starts by ending its value's line


def _tail(node: Any) -> tuple[Any, Any] | None:
    """The container and key whose value ends `node` (where a trailing comment is kept)."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        value = node[key]
        if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
            return _tail(value)
        return node, key
    if isinstance(node, CommentedSeq) and node:
        value = node[-1]
        if isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
            return _tail(value)
        return node, len(node) - 1
    return None


def add_question(text: str, question: dict[str, Any]) -> str:
    """`text` with `question` (plain values) appended at the end."""
    data = _load(text)
    data["questions"].append(CommentedMap(question))
    return _dump(data)
