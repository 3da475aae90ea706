"""The class roster: student names, each with a personal code kept only as a salted hash.

When a roster file exists, a student signs in with name and code and answers only as
themselves. Codes are shown once, when they are made (as a printable list), and can be
replaced; the file never holds them in clear.

The file is a small CSV (`name,code_hash`), written whole to a temporary file and renamed
under a lock, so two instructors changing it at once never leave it half-written.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import hmac
import html
import io
import os
import secrets
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from app.access import normalized_name

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read aloud
CODE_LENGTH = 8
MAX_NAME = 200
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
HEADER = ("name", "code_hash")


class RosterError(Exception):
    """The roster file cannot be read or the change is refused; the message says why."""


@dataclass(frozen=True)
class Student:
    name: str
    code_hash: str


@dataclass(frozen=True)
class IssuedCode:
    """A code just made for a student: to hand out, never stored in clear."""

    name: str
    code: str


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def hash_code(code: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(_clean_code(code).encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def code_matches(code: str, code_hash: str) -> bool:
    """`code` is the one `code_hash` was made from (constant-time compare)."""
    try:
        scheme, salt, digest = code_hash.split("$")
        expected = bytes.fromhex(digest)
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    typed = hashlib.scrypt(_clean_code(code).encode(), salt=salt_bytes, **_SCRYPT)
    return hmac.compare_digest(typed, expected)


def _clean_code(code: str) -> str:
    # Codes are read off paper: spaces and dashes are ignored, letters are not case-sensitive.
    return "".join(ch for ch in code.upper() if ch not in " -")


@dataclass(frozen=True)
class Roster:
    students: tuple[Student, ...]

    def find(self, name: str) -> Student | None:
        wanted = normalized_name(name)
        return next((s for s in self.students if normalized_name(s.name) == wanted), None)

    def sign_in(self, name: str, code: str) -> Student | None:
        """The student with this name and code, or None (a dummy hash is checked for an unknown
        name, so the time taken does not tell which names are on the roster)."""
        student = self.find(name)
        if student is None:
            code_matches(code, _dummy_hash())
            return None
        return student if code_matches(code, student.code_hash) else None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.students]


@functools.cache
def _dummy_hash() -> str:
    return hash_code("dummy-code", salt=b"\0" * 16)


def load_roster(path: Path) -> Roster | None:
    """The roster at `path`, or None when there is none (the app then works without sign-in)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"the roster file cannot be read ({error.__class__.__name__})") from None
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows or tuple(rows[0]) != HEADER:
        raise RosterError("the roster file does not start with the line name,code_hash")
    students = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or not row[0].strip() or not row[1].startswith("scrypt$"):
            raise RosterError(f"line {line} of the roster file is not name,code_hash")
        students.append(Student(row[0], row[1]))
    return Roster(tuple(students))


def add_students(path: Path, names: Iterable[str]) -> list[IssuedCode]:
    """Add `names` to the roster at `path` (creating it), each with a new code; return the
    codes to hand out. A name already on the roster, or given twice, is refused."""
    wanted = [" ".join(n.split()) for n in names if n.strip()]
    if not wanted:
        raise RosterError("give at least one name")
    for name in wanted:
        if len(name) > MAX_NAME:
            raise RosterError(f"the name {name[:40]!r}… is longer than {MAX_NAME} characters")
    seen: set[str] = set()
    for name in wanted:
        key = normalized_name(name)
        if key in seen:
            raise RosterError(f"{name!r} is given twice")
        seen.add(key)
    with _locked(path):
        roster = load_roster(path) or Roster(())
        clashes = [n for n in wanted if roster.find(n) is not None]
        if clashes:
            raise RosterError(f"already on the roster: {', '.join(clashes)}")
        issued = [IssuedCode(name, new_code()) for name in wanted]
        added = tuple(Student(i.name, hash_code(i.code)) for i in issued)
        _write(path, roster.students + added)
    return issued


def new_codes(path: Path, names: Sequence[str]) -> list[IssuedCode]:
    """Replace the codes of `names` (a lost code); the old codes stop working."""
    with _locked(path):
        roster = _existing(path)
        issued = []
        students = list(roster.students)
        for name in names:
            student = roster.find(name)
            if student is None:
                raise RosterError(f"{name!r} is not on the roster")
            code = new_code()
            issued.append(IssuedCode(student.name, code))
            students[students.index(student)] = Student(student.name, hash_code(code))
        _write(path, tuple(students))
    return issued


def remove_students(path: Path, names: Sequence[str]) -> None:
    """Take `names` off the roster (their answers stay in the score log)."""
    with _locked(path):
        roster = _existing(path)
        gone = {normalized_name(n) for n in names}
        _write(path, tuple(s for s in roster.students if normalized_name(s.name) not in gone))


def _existing(path: Path) -> Roster:
    roster = load_roster(path)
    if roster is None:
        raise RosterError("there is no roster yet")
    return roster


def _locked(path: Path) -> FileLock:
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path) + ".lock", timeout=10)


def _write(path: Path, students: Sequence[Student]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows((s.name, s.code_hash) for s in students)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".roster-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(buffer.getvalue())
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def printable_list(issued: Sequence[IssuedCode], title: str = "Class codes") -> str:
    """An HTML page to print and cut into slips: one name and code per slip."""
    slips = "\n".join(
        f'<div class="slip"><div class="name">{html.escape(i.name)}</div>'
        f'<div class="code">{html.escape(_spaced(i.code))}</div>'
        f'<div class="how">Sign in on the quiz with your name and this code.</div></div>'
        for i in issued
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1cm; }}
.slip {{ border: 1px dashed #555; padding: 0.6cm; margin: 0 0 0.4cm; break-inside: avoid; }}
.name {{ font-size: 14pt; }}
.code {{ font-family: monospace; font-size: 20pt; letter-spacing: 0.1em; margin: 0.2cm 0; }}
.how {{ font-size: 9pt; color: #333; }}
</style></head>
<body><h1>{html.escape(title)}</h1>
{slips}
</body></html>
"""


def _spaced(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code
