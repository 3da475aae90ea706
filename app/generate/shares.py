"""Numbers that arithmetic ties together, so a wrong value would give itself away.

- Shares of one whole written side by side: "52.6 percent of the vote to Reeve's 45.9 percent",
  "by 61 percent to 39 percent". A wrong share must keep their total at most 100, and a share
  that 100 minus the others gives is no question at all.
- A share and the two counts it divides: "Turnout was 81.6 per cent, with about 39,100 of the
  electorate's 47,950 enrolled voters casting a ballot". Any of the three gives itself away.
- Ages: "She was 91.", "Halvorsen, 58, will ...". A wrong age stays a human one, near the
  answer.
"""

from __future__ import annotations

import re

from app.generate.quantities import Quantity, find_quantities

_PERCENT = ("%", "percent", "per cent")
# What may stand between two shares of one whole: "to", "to Reeve's", "against".
_BETWEEN = re.compile(r"^[^\d.;]{0,30}\b(?:to|against|versus|vs)\b[^\d.;]{0,25}$")
_AGE_BEFORE = re.compile(
    r"(?:\b(?:[Ss]he|[Hh]e) (?:was|is)|\b(?:aged|age of|at age|dies at|died at)|[A-Z][\w'’-]+,) $"
)
_AGE_AFTER = re.compile(r"^(?:[.,;]|$| years old\b|-year-old\b)")


def partner_shares(sentence: str, start: int, end: int) -> list[float]:
    """The other percentages of the whole that the percentage at `start:end` is a share of
    ("52.6 percent ... to Reeve's 45.9 percent"); empty when it stands alone."""
    found = [q for q in find_quantities(sentence) if q.unit in _PERCENT and q.value is not None]
    this = next((i for i, q in enumerate(found) if q.start == start), None)
    if this is None:
        return []
    partners = []
    for i in range(this - 1, -1, -1):
        if not _BETWEEN.match(_gap(sentence, found[i], found[i + 1])):
            break
        partners.append(found[i].value or 0.0)
    for i in range(this + 1, len(found)):
        if not _BETWEEN.match(_gap(sentence, found[i - 1], found[i])):
            break
        partners.append(found[i].value or 0.0)
    return partners


def counted_share(sentence: str, start: int, end: int) -> bool:
    """Whether the number at `start:end` is one of a share and the two counts it divides (
    "about 38% of its 137,600 customers" after "52,300 customers"): any of the three follows
    from the other two, to the precision the share is written with (or 0.15 points, the
    counts may be rounded: "about 39,100")."""
    numbers = [(q, v) for q in find_quantities(sentence) if q.kind == "number" and (v := q.value)]
    shares = [(q, v) for q, v in numbers if q.unit in _PERCENT and 0 < v < 100]
    # Counts of things, not amounts: "39,100 of 47,950 voters", never "12 months" or "$60"
    # (and not small ones, which coincide with a share too easily: "4 per cent ... 25 years").
    counts = [
        (q.start, v)
        for q, v in numbers
        if not q.unit
        and v >= 100
        and not re.search(r"[$€£]\s*$", sentence[: q.start])
        and not re.match(r"\s*(?:thousand|million|billion|trillion|bn|m)\b", sentence[q.end :])
    ]
    for share, value in shares:
        decimals = int(share.shape) if share.shape.isdigit() else 0
        tolerance = max(0.15, 0.5 * 10**-decimals)
        if any(
            part < whole
            and abs(100 * part / whole - value) <= tolerance
            and start in (share.start, part_at, whole_at)
            for part_at, part in counts
            for whole_at, whole in counts
        ):
            return True
    return False


def _gap(sentence: str, left: Quantity, right: Quantity) -> str:
    """The words between two percentages, after the first one's unit."""
    gap = sentence[left.end : right.start]
    return re.sub(r"^\s*(?:%|percent|per cent)", "", gap)


def is_age(sentence: str, start: int, end: int, value: float | None) -> bool:
    """A person's age: "She was 91.", "Halvorsen, 58, will", "died at 84"."""
    return (
        value is not None
        and 10 <= value <= 110
        and bool(_AGE_BEFORE.search(sentence[:start]) and _AGE_AFTER.match(sentence[end:]))
    )


def near_ages(age: int) -> list[int]:
    """Wrong ages a reader would believe: a few years either side, never past 105."""
    return [age + d for d in (-11, -8, -6, -4, 4, 6, 8, 11) if 18 <= age + d <= 105]
