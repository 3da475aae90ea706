"""Find dates, years and numbers in a sentence with regular expressions.

Dates keep their shape ("November 7, 2016" is `mdy`, "October 2017" is `my`, "Friday" is
`weekday`) so a distractor can be written the same way. A number is only the digits (or the
number word): "$4.2 million" gives 4.2 with the unit "million", so a question can blank the
digits and keep the rest. Numbers inside names and codes ("Il-76", "Apollo 11", "3-1") are
skipped: they are labels, not quantities, and so is a number after a word that names a numbered
thing ("number 8 Femi Adeyemi", "type 2 diabetes", "mile marker 37", "stage two tumours"):
reviewers discarded such blanks as trivial or as details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.generate.lexicon import MONTH_ABBREVIATIONS, MONTHS, NUMBER_WORDS, UNITS, WEEKDAYS
from app.numbers import parse_number

_M = "(?:" + "|".join([*MONTHS, *(re.escape(a) for a in MONTH_ABBREVIATIONS)]) + ")"
_D = r"(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[6-9]\d\d|20\d\d|2100)"
_DATES = [
    ("mdy", rf"\b{_M} {_D},? {_Y}\b"),
    ("dmy", rf"\b{_D} {_M},? {_Y}\b"),
    ("my", rf"\b{_M},? {_Y}\b"),
    ("md", rf"\b{_M} {_D}\b(?!\d|,? {_Y})"),
    ("dm", rf"\b{_D} {_M}\b"),
    (
        "month",
        rf"(?:(?<=\b(?:in|by|of) )|(?<=\buntil )|(?<=\bsince )|(?<=\bat least )){_M}\b(?! \d)",
    ),
    ("weekday", r"\b(?:" + "|".join(WEEKDAYS) + r")\b"),
]
_YEAR = re.compile(rf"(?<![\w$€£.,-]){_Y}(?![\w%-]|[.,]\d)")
# An earlier year only where a time word says it is one, and no counted noun follows: "made
# around 1340," and "from 1340 to 1350" (a count as large is written "1,340 people").
_TIME_WORD = r"(?:[Ii]n|[Aa]round|[Cc]irca|c\.|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter|[Ff]rom|by)"
_AFTER_A_YEAR = r"(?:to|and|or|when|the|as|but|that|which|until|was|were|had|after|before)\b"
_EARLY_YEAR = re.compile(
    rf"\b{_TIME_WORD} (?P<year>1[0-5]\d\d)(?![\w%-]|[.,]\d| (?!{_AFTER_A_YEAR})[a-z])"
)
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?![\w/:-]|[.,]\d)"
    r"(?P<after>\s?%|\s(?:thousand|million|billion|trillion)\b)?"
)
_WORD = re.compile(
    r"\b(?P<num>(?:" + "|".join(NUMBER_WORDS) + r")(?:-(?:one|two|three|four|five|six|seven"
    r"|eight|nine))?)(?P<fold>fold)?\b(?!-)",
    re.IGNORECASE,
)


# Capitalised words before a number that do not make it a label ("The $38 million project").
_NOT_LABELS = frozenset(
    [
        "In",
        "About",
        "The",
        "A",
        "An",
        "Some",
        "Nearly",
        "Almost",
        "Only",
        "Just",
        "Over",
        "Under",
        "By",
    ]
)


# Words that make the number after them a label: "number eight Femi Adeyemi", "type 2
# diabetes", "stage 3 or 4 tumours", "near mile marker 37", "junctions 14 and 15".
_LABEL_BEFORE = re.compile(
    r"(?:^|(?P<before>[\w'’]+)\s+)\(?(?P<label>(?i:number|type|stage)|marker|junction|exit|platform)"
    r"s?\s+(?:\S+\s+(?:or|and|to)\s+)?$"
)
# A label word after these is a verb or is pointed back to: "Protesters now number 5,000",
# "will stage 12 concerts", "had to type 60 words", "At one stage 300 people were trapped".
_NOT_A_LABEL_AFTER = frozenset(
    ["to", "will", "would", "could", "can", "may", "might", "must", "should", "shall"]
) | frozenset(["now", "also", "that", "this", "one", "each", "every", "any"])
# Where a place's label is followed by a counted noun it is no label: "At the junction 200
# protesters gathered", "On the platform 50 passengers waited".
_PLACE_LABELS = frozenset(["marker", "junction", "exit", "platform"])
_NOT_A_NOUN = frozenset(["and", "or", "to", "of", "at", "on", "in", "near"])


def _after_label_word(text: str, start: int, end: int) -> bool:
    found = _LABEL_BEFORE.search(text[:start])
    if found is None or (found["before"] or "").casefold() in _NOT_A_LABEL_AFTER:
        return False
    after = re.match(r"\s+([a-z]+)\b", text[end:])
    return not (found["label"] in _PLACE_LABELS and after and after[1] not in _NOT_A_NOUN)


@dataclass(frozen=True)
class Quantity:
    """A date, year or number in a sentence; offsets index the sentence text."""

    kind: str  # "date", "year" or "number"
    text: str
    start: int
    end: int
    value: float | None = None
    shape: str = ""  # date shape; for numbers: "words", "comma" or the decimal places
    unit: str = ""


def find_quantities(text: str) -> list[Quantity]:
    """Dates, years and numbers in `text`, longest first where they overlap."""
    found = [
        Quantity("date", m.group(), m.start(), m.end(), shape=shape)
        for shape, pattern in _DATES
        for m in re.finditer(pattern, text)
    ]
    found += [
        Quantity("year", m.group(), m.start(), m.end(), float(m.group()), "year")
        for m in _YEAR.finditer(text)
        if _unit_after(text, m.end()) == ""
    ]
    found += [
        Quantity("year", m["year"], m.start("year"), m.end(), float(m["year"]), "year")
        for m in _EARLY_YEAR.finditer(text)
    ]
    found += [q for m in _NUMBER.finditer(text) if (q := _number(text, m)) is not None]
    found += [
        Quantity("number", m.group("num"), m.start(), m.end("num"), value, "words", unit)
        for m in _WORD.finditer(text)
        if (value := parse_number(m.group("num"))) is not None
        and not _after_label_word(text, m.start(), m.end())
        for unit in [("fold" if m.group("fold") else _unit_after(text, m.end()))]
    ]
    kept: list[Quantity] = []
    for quantity in sorted(found, key=lambda q: (q.start, q.start - q.end)):
        if all(quantity.start >= k.end or quantity.end <= k.start for k in kept):
            kept.append(quantity)
    return kept


def _number(text: str, match: re.Match[str]) -> Quantity | None:
    before = text[: match.start()].split()
    label = before[-1].rstrip(",") if before else ""
    if label[:1].isupper() and label not in _NOT_LABELS and not label.endswith(("'s", "’s")):
        return None  # "Apollo 11", "Room 4": a label; "Pike's 46.9 percent" is a number
    if _after_label_word(text, match.start(), match.end()):
        return None
    digits = match.group("num") + (match.group("dec") or "")
    shape = "comma" if "," in digits else str(len(match.group("dec") or ".") - 1)
    after = (match.group("after") or "").strip()
    unit = after or _unit_after(text, match.end())
    return Quantity(
        "number",
        digits,
        match.start("num"),
        match.end("dec") if match.group("dec") else match.end("num"),
        float(digits.replace(",", "")),
        shape,
        unit,
    )


def _unit_after(text: str, end: int) -> str:
    word = re.match(r"\s(per cent|[a-z]+)", text[end:])
    if word is None:
        return ""
    unit = word.group(1)
    return unit if unit.replace(" ", "_") in UNITS else ""
