"""The one YAML writer: new bank files (the generator, the importers), edited ones (the
editor's ruamel round trip), and the atomic replace that puts either on disk.

New text reads like a hand-written bank: keys in the order questions/README.md shows them,
a blank line before `questions:` and between questions, tags as a one-line list, text that
spans lines as a literal block and long one-line text folded at about 90 columns.

A file is replaced atomically: the new text is written and synced to a hidden temporary file
beside it (where it can be checked, relative paths and all), the previous version is kept as
`<file>.bak`, and a rename puts the new file in place, so no reader ever sees half a file.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

BACKUP_SUFFIX = ".bak"
FOLD_AT = 88
BANK_KEYS = (
    "id",
    "title",
    "description",
    "source",
    "flashcards",
    "time_limit_minutes",
    "feedback",
    "questions",
)
QUESTION_KEYS = (
    "id",
    "type",
    "prompt",
    "text",
    "options",
    "answer",
    "answers",
    "pairs",
    "distractors",
    "fixed_order",
    "range",
    "tolerance",
    "unit",
    "typo_tolerance",
    "explanation",
    "source_quote",
    "tags",
    "difficulty",
)
_FLOW_LISTS = ("tags",)


def round_trip() -> YAML:
    """The ruamel settings every bank is read for editing and written with."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per value unless folded by `_text`, at spaces only
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


def dump(document: Any) -> str:
    """The YAML text of a round-trip document (comments and layout as loaded)."""
    out = io.StringIO()
    round_trip().dump(document, out)
    return out.getvalue()


def bank_to_yaml(bank: dict[str, Any], header: str = "") -> str:
    """A new bank file's text from plain data; `header` lines become its opening comment."""
    document = CommentedMap()
    for key in ordered(bank, BANK_KEYS):
        document[key] = question_list(bank[key]) if key == "questions" else node(bank[key], key)
    if header:
        document.yaml_set_start_comment(header)
    if "questions" in document and len(document) > 1:
        document.yaml_set_comment_before_after_key("questions", before="\n")
    return dump(document)


def ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    """The keys of `mapping` in `order`; others before the last key of `order` (the list)."""
    known = [key for key in order[:-1] if key in mapping]
    others = [key for key in mapping if key not in order]
    return known + others + [key for key in order[-1:] if key in mapping]


def question_list(questions: list[dict[str, Any]]) -> CommentedSeq:
    """The questions as a block list with a blank line between them."""
    seq = CommentedSeq(question_node(q) for q in questions)
    for index in range(1, len(seq)):
        seq.yaml_set_comment_before_after_key(index, before="\n", indent=2)
    return seq


def question_node(question: dict[str, Any]) -> CommentedMap:
    """One question, its keys in the README's order."""
    out = CommentedMap()
    for key in [k for k in QUESTION_KEYS if k in question] + [
        k for k in question if k not in QUESTION_KEYS
    ]:
        out[key] = node(question[key], key)
    return out


def node(value: Any, key: str = "") -> Any:
    """A plain value (the mapping entry `key`'s) as a node styled like a hand-written bank."""
    if isinstance(value, dict):
        return CommentedMap((k, node(v, k)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(node(v) for v in value)
        if key in _FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str):
        return _text(value)
    return value


def _text(text: str) -> str:
    """Text that spans lines as a literal block when that keeps it exactly; long one-line text
    as a folded block (`>-`), broken at spaces (the words are unchanged); else as it is."""
    if "\n" in text:
        return LiteralScalarString(text) if _block_safe(text) else text
    if not text or "  " in text or text != text.strip():
        return text
    if len(text) <= FOLD_AT and not (text[0] in "\"'“" and "'" in text and '"' in text):
        return text  # short text stays plain, unless only escapes could quote it
    folds, line_length = [], 0
    for position, word in _words_at(text):
        if line_length and line_length + 1 + len(word) > FOLD_AT:
            folds.append(position - 1)  # the space before the word becomes the line break
            line_length = len(word)
        else:
            line_length += len(word) + (1 if line_length else 0)
    folded = FoldedScalarString(text)
    folded.fold_pos = folds  # type: ignore[attr-defined]  # ruamel declares it in __slots__ only
    return folded


def _words_at(text: str) -> list[tuple[int, str]]:
    words: list[tuple[int, str]] = []
    position = 0
    for word in text.split(" "):
        words.append((position, word))
        position += len(word) + 1
    return words


def _block_safe(text: str) -> bool:
    """A literal block keeps the text exactly only without edge spaces and control chars."""
    lines = text.split("\n")
    return (
        text == text.strip()
        and all(line == line.rstrip() for line in lines)
        and not lines[0].startswith((" ", "\t"))
        and all(ch == "\n" or ch == "\t" or ch >= " " for ch in text)
        and not any(ch in text for ch in "\ufeff\x85\u2028\u2029")  # YAML line breaks
    )


# -- on disk -------------------------------------------------------------------------------


@contextmanager
def staged(path: Path, content: str | bytes) -> Iterator[Path]:
    """`content` in a hidden temporary file beside `path`, written and synced (bank listings
    skip it, and relative paths such as the article's resolve from it); removed afterwards
    unless `commit` renamed it."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def commit(temporary: Path, path: Path) -> None:
    """Put the staged file `temporary` at `path`, keeping the previous version as a backup."""
    if path.exists():
        with staged(path, path.read_bytes()) as backup:
            os.replace(backup, path.with_name(path.name + BACKUP_SUFFIX))
    os.replace(temporary, path)
    _sync_folder(path.parent)


def write_file(path: Path, text: str) -> None:
    """Replace (or create) `path` with `text` atomically, keeping a backup of what it was."""
    with staged(path, text) as temporary:
        commit(temporary, path)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
