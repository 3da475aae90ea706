"""Read a number a student typed: "10", "10.0", "1,000", "-3.5", "2.5e3", "ten", "twenty-one".

Also "$48.6", "2.5%", "12." and "−5" (a Unicode minus): currency signs and a trailing percent
sign are ignored, as the question's unit is.

Decided for grading: "10", "10.0" and "ten" are the same number. Commas are thousands
separators only in well-formed groups ("1,000,000"); "10,5" is not read as 10.5, because a
reader cannot tell which was meant. A trailing unit that the question names ("km") is ignored.

English number words are parsed here rather than with a library: the packages that do it
(word2number and kin) have been unmaintained for years, and the rule needed is a dozen lines.
"""

from __future__ import annotations

import math
import re

_NUMERAL = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?([eE][-+]?\d+)?|[-+]?\.\d+")
_CURRENCY = "$€£¥"

_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def parse_number(text: str, unit: str = "") -> float | None:
    """The number in `text`, or None when it is not (only) a number."""
    text = text.strip().replace("\u2212", "-")
    if unit and text.casefold().endswith(unit.casefold()):
        text = text[: -len(unit)].strip()
    text = text.removesuffix("%").strip()
    sign = text[:1] if text[:1] in "+-" else ""
    text = sign + text[len(sign) :].lstrip(_CURRENCY).strip()
    if _NUMERAL.fullmatch(text):
        value = float(text.replace(",", ""))
        return value if math.isfinite(value) else None
    return _parse_words(text)


def _parse_words(text: str) -> float | None:
    words = re.split(r"[\s-]+", text.casefold().replace(" and ", " ").strip())
    if not words or words == [""]:
        return None
    sign = 1
    if words[0] in ("minus", "negative"):
        sign, words = -1, words[1:]
    total = current = 0
    seen_any = False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen_any = True
    return float(sign * (total + current)) if seen_any else None
