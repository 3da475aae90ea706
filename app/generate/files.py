"""The file side of `python -m app generate`: read the article, name it from the bank, and
the comment that opens a draft. Problems become a `GenerateError` with a one-line reason."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from app.generate.errors import GenerateError
from app.generate.hiding import HIDDEN_NOTE
from app.text import bad_utf8_position

MAX_ARTICLE_BYTES = 1_000_000


def read_article(path: Path) -> str:
    """The article's text; GenerateError when it is missing, binary, not UTF-8 or empty."""
    if path.is_dir():
        raise GenerateError("is a folder; give the article's text file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GenerateError("no such file") from None
    except OSError as error:
        raise GenerateError(f"cannot read the file: {error.strerror}") from None
    return decode_article(raw)


def decode_article(raw: bytes) -> str:
    """An article file's bytes as text; GenerateError when binary, not UTF-8, too big or empty."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise GenerateError("the file is over 1 MB; give one article as plain text")
    if b"\x00" in raw:
        raise GenerateError("a binary file, not plain text; save the article as a .txt file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, _, byte = bad_utf8_position(raw, error)
        raise GenerateError(
            f"not UTF-8 text (byte 0x{byte} on line {line}); save it as UTF-8"
        ) from None
    if not text.strip():
        raise GenerateError("the article is empty")
    return text


def source_path(article: Path, output: Path | None) -> str:
    """`article` relative to the folder of `output` (to the current folder without one), with
    forward slashes, as `source.file` wants it; absolute when no relative path exists."""
    start = output.resolve().parent if output is not None else Path.cwd()
    try:
        relative = os.path.relpath(article.resolve(), start)
    except ValueError:  # another drive on Windows
        return article.resolve().as_posix()
    return PurePath(relative).as_posix()


def draft_header(article: Path, output: Path | None, seed: int, hidden: bool = False) -> str:
    """The comment at the top of a draft: where it comes from and what to do with it; with
    `hidden`, what the "…" in its prompts are."""
    check = f"python -m app validate {output}" if output else "python -m app validate FILE"
    return (
        f"Draft questions from {article.name}, made by `python -m app generate --seed {seed}`.\n"
        "Review every question before use: check its answer, wording and wrong options;\n"
        "delete what is not worth asking, keep the ids of what you keep. Then check it:\n"
        f"  {check}" + (f"\n{HIDDEN_NOTE}" if hidden else "")
    )
