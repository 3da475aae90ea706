"""GIFT source text with escapes resolved but remembered, and every character's position.

GIFT gives meaning to `~ = # { } :` only when they are not escaped with a backslash, so the
parser needs both the unescaped text and, for each character, whether it was escaped and
where it stood in the file (to report `line:col`). `Src` is that: an immutable string with a
parallel `escaped` flag and position per character; slicing keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass

# Moodle's escapes, plus `\>` (ours) so that `->` can appear inside a matching item.
ESCAPES = {"\\": "\\", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n"}
EXTRA_ESCAPES = {">": ">"}


class GiftError(Exception):
    """Malformed GIFT at one position."""

    def __init__(self, where: tuple[int, int], message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Src:
    chars: str
    escaped: tuple[bool, ...]
    where: tuple[tuple[int, int], ...]
    end: tuple[int, int]  # the position just after the last character

    @classmethod
    def lex(cls, lines: list[tuple[int, str]]) -> Src:
        """Lines (number, text) joined with newlines, escapes resolved."""
        chars: list[str] = []
        escaped: list[bool] = []
        where: list[tuple[int, int]] = []
        end = (lines[-1][0], len(lines[-1][1]) + 1) if lines else (1, 1)
        for index, (number, line) in enumerate(lines):
            if index:
                chars.append("\n")
                escaped.append(False)
                where.append((lines[index - 1][0], len(lines[index - 1][1]) + 1))
            col = 0
            while col < len(line):
                ch = line[col]
                nxt = line[col + 1] if col + 1 < len(line) else ""
                if ch == "\\" and (nxt in ESCAPES or nxt in EXTRA_ESCAPES) and nxt:
                    chars.append(ESCAPES.get(nxt) or EXTRA_ESCAPES[nxt])
                    escaped.append(True)
                    where.append((number, col + 1))
                    col += 2
                    continue
                chars.append(ch)
                escaped.append(False)
                where.append((number, col + 1))
                col += 1
        return cls("".join(chars), tuple(escaped), tuple(where), end)

    @property
    def text(self) -> str:
        return self.chars

    def __len__(self) -> int:
        return len(self.chars)

    def __getitem__(self, key: slice) -> Src:
        start, stop, _ = key.indices(len(self.chars))
        end = self.where[stop] if stop < len(self.chars) else self.end
        return Src(self.chars[start:stop], self.escaped[start:stop], self.where[start:stop], end)

    def at(self, index: int) -> tuple[int, int]:
        """Position of the character at `index` (or just after the text)."""
        return self.where[index] if index < len(self.where) else self.end

    @property
    def start(self) -> tuple[int, int]:
        return self.at(0)

    def find(self, token: str, start: int = 0) -> int:
        """Index of the first unescaped `token` at or after `start`, or -1."""
        index = self.chars.find(token, start)
        while index != -1:
            if not any(self.escaped[index : index + len(token)]):
                return index
            index = self.chars.find(token, index + 1)
        return -1

    def find_any(self, tokens: str, start: int = 0) -> int:
        """Index of the first unescaped character among `tokens`, or -1."""
        for index in range(start, len(self.chars)):
            if self.chars[index] in tokens and not self.escaped[index]:
                return index
        return -1

    def unwrapped(self) -> str:
        """The text with the spaces around each line break of the file removed.

        Such spaces are layout (indented answer lines), not content; a newline written
        as the escape \\n keeps the spaces next to it.
        """
        out: list[str] = []
        skipping = False
        for ch, escaped in zip(self.chars, self.escaped, strict=True):
            if ch == "\n" and not escaped:
                while out and out[-1] in " \t":
                    out.pop()
                out.append(ch)
                skipping = True
            elif skipping and ch in " \t" and not escaped:
                continue
            else:
                skipping = False
                out.append(ch)
        return "".join(out)

    def startswith(self, token: str) -> bool:
        return self.chars.startswith(token) and not any(self.escaped[: len(token)])

    def lstrip(self) -> Src:
        return self[len(self.chars) - len(self.chars.lstrip()) :]

    def strip(self) -> Src:
        left = len(self.chars) - len(self.chars.lstrip())
        right = len(self.chars.rstrip())
        return self[left:right] if left < right else self[left:left]

    def split_at(self, tokens: str) -> list[tuple[str, Src]]:
        """Split at every unescaped char of `tokens`: (marker, following text) pairs.

        The text before the first marker comes first, with the marker "".
        """
        parts: list[tuple[str, Src]] = []
        marker, begin = "", 0
        index = self.find_any(tokens)
        while index != -1:
            parts.append((marker, self[begin:index]))
            marker, begin = self.chars[index], index + 1
            index = self.find_any(tokens, begin)
        parts.append((marker, self[begin:]))
        return parts
