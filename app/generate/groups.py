"""Items a sentence tells together, which a teacher reads as one fact:

- a range, a vote or a change between two numbers: "voted 9 to 4", "aged 60 to 85", "from
  18 to 16", "between 20 and 40 minutes". Asking both halves asks one fact twice, and a wrong
  option on the other side of the partner ("aged 60 to 42") is ruled out by reasoning;
- a change: "31,650 runners, up from 27,900 last year" (a wrong option stays on its side);
- two names joined by "and": "in a trial in Kenya and Tanzania" (one question, not two);
- a list of three or more names: "run jointly by NASA, ESA and the Canadian Space Agency",
  "copied in Oslo, Helsinki and Rotterdam". Which item is missing is a guess, not a reading.
"""

from __future__ import annotations

import re

from app.generate.quantities import Quantity, find_quantities

# "9 to 4", "20 and 40 percent", "between $50,000 and $150,000" (not "12 percent to $9.8").
_BETWEEN_NUMBERS = re.compile(
    r"^\s*(?:(?:%|percent|per cent)?\s*(?:to|and)\s+|(?:to|and)\s+[$€£])$"
)
_NAME = r"(?:the )?[A-Z][\w.'’&-]*(?: (?:of |for |de )?[A-Z][\w.'’&-]*)*"
_PAIR = re.compile(rf"{_NAME} and {_NAME}")
_LIST = re.compile(rf"{_NAME}(?:, {_NAME})+,? and {_NAME}")


def range_partner(sentence: str, start: int, end: int) -> Quantity | None:
    """The other number of a range or vote that the number at `start:end` belongs to."""
    numbers = [q for q in find_quantities(sentence) if q.kind in ("number", "year")]
    this = next((i for i, q in enumerate(numbers) if q.start == start), None)
    if this is None:
        return None
    if this > 0 and _joins(sentence, numbers[this - 1], numbers[this]):
        return numbers[this - 1]
    if this + 1 < len(numbers) and _joins(sentence, numbers[this], numbers[this + 1]):
        return numbers[this + 1]
    return None


def change_partner(sentence: str, start: int, end: int) -> Quantity | None:
    """The earlier value of a change told after the number at `start:end`: "A record 31,650
    runners started the race, up from 27,900 last year" (a record is above 27,900)."""
    found = re.compile(r"^[^.;]{0,60}?,? (?:up|down) from [$€£]?").match(sentence[end:])
    if found is None:
        return None
    after = end + found.end()
    return next((q for q in find_quantities(sentence) if q.start == after), None)


def _joins(sentence: str, left: Quantity, right: Quantity) -> bool:
    gap = sentence[left.end : right.start]
    if not _BETWEEN_NUMBERS.match(gap):
        return False
    # "between 20 and 40", never "40 bones and 2 skulls".
    return "to" in gap or sentence[: left.start].rstrip(" $€£").endswith("between")


def group_span(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the range, vote or pair of names that `start:end` belongs to is written."""
    partner = range_partner(sentence, start, end)
    if partner is not None:
        return min(start, partner.start), max(end, partner.end)
    for match in _PAIR.finditer(sentence):
        if match.start() <= start and end <= match.end():
            return match.span()
    return None


def in_a_list(sentence: str, start: int, end: int) -> bool:
    """The name at `start:end` is one item of a list of three or more."""
    return any(m.start() <= start and end <= m.end() for m in _LIST.finditer(sentence))
