"""Small text helpers shared by validation and grading: spacing, answer keys, close matches."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

_SPACE = re.compile(r"\s+")


# What a drafted question shows in place of words that answer another question of its draft.
HIDDEN = "…"


def shows_hidden(prompt: str, text: str, quote: str | None) -> bool:
    """Whether what a question shows (its prompt, and a cloze's `text`) leaves out words of its
    article sentence `quote` as "…", as a draft does to hide another question's answer: more
    "…" than the sentence has; never for a question with no sentence (an imported one)."""
    return quote is not None and f"{prompt} {text}".count(HIDDEN) > quote.count(HIDDEN)


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER_MARKS = re.compile(r"(?<=\d)[.,](?=\d)|(?<!\w)-(?=\d)")


def answer_key(text: str) -> str:
    """What two typed answers must share to count as the same.

    Case, Unicode width forms, punctuation, symbols and whitespace do not matter:
    "Il-76", "IL 76" and "il76" all give "il76". What makes a number a different number does:
    a decimal point ("4.86" is not "486"), a minus sign ("-5" is not "5"); thousands
    separators do not ("62,418" is "62418").
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2212", "-")
    text = _THOUSANDS.sub("", text)
    kept = {match.start() for match in _NUMBER_MARKS.finditer(text)}
    return "".join(
        ch
        for i, ch in enumerate(text)
        if i in kept or (not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S")))
    )


def bad_utf8_position(raw: bytes, error: UnicodeDecodeError) -> tuple[int, int, str]:
    """1-based line and column of the byte that is not UTF-8, and that byte in hex."""
    line = raw[: error.start].count(b"\n") + 1
    col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    return line, col, raw[error.start : error.start + 1].hex()


def close_match(word: str, choices: Iterable[object] | None) -> str | None:
    """The choice that looks most like `word` (a likely typo), or None."""
    names = [str(c) for c in choices] if choices else []
    by_key = {c.casefold(): c for c in names}
    found = difflib.get_close_matches(str(word).casefold(), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None


def closest_passage(quote: str, article: str) -> str | None:
    """The span of `article` most like `quote`, when it is close enough to be a hint."""
    quote, article = normalize_space(quote), normalize_space(article)
    if not quote:
        return None
    match = fuzz.partial_ratio_alignment(quote, article, score_cutoff=70)
    if match is None:
        return None
    start, end = match.dest_start, match.dest_end
    while start > 0 and not article[start - 1].isspace():
        start -= 1
    while end < len(article) and not article[end].isspace():
        end += 1
    return article[start:end]


def points_text(points: float) -> str:
    """A score for people: at most two decimals, no trailing zeros ("29.83", "8.33", "12")."""
    text = f"{points:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
