"""Wrong answers of the same kind as the right one.

Names (people, organisations, places, roles) come from elsewhere in the same article; years,
dates and numbers are nearby values written the way the answer is written. A distractor is
never the answer, an alias of it, contained in it or containing it, and never appears in the
answer's sentence (else it would be a second right answer, or a giveaway).
"""

from __future__ import annotations

import calendar
import random
import re

from app.generate.checks import bound, true_elsewhere
from app.generate.facts import Facts, Mention
from app.generate.groups import change_partner, range_partner
from app.generate.kinds import Kind
from app.generate.lexicon import (
    ALIASES,
    COUNTRIES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
)
from app.generate.sentences import Part
from app.generate.shares import is_age, near_ages, partner_shares
from app.numbers import parse_number
from app.text import answer_key

_WORDS = {value: word for value, word in enumerate(["zero", "one", *NUMBER_WORDS[:18]])} | {
    20 + 10 * i: word for i, word in enumerate(NUMBER_WORDS[18:])
}


def distractors(
    mention: Mention, facts: Facts, rng: random.Random, count: int = 3, context: str = ""
) -> list[str]:
    """Up to `count` wrong answers for `mention`, chosen with `rng` from a sorted pool;
    `context` is the question's text, when it cites more than the mention's sentence."""
    sentence = context or facts.sentences[mention.sentence].text
    own = facts.sentences[mention.sentence].text
    if mention.kind is Kind.NUMBER and is_age(own, mention.start, mention.end, mention.value):
        pool = [str(a) for a in near_ages(int(mention.value or 0))]
    elif mention.kind is Kind.NUMBER and own[: mention.start].endswith("best-of-"):
        pool = _series_lengths(mention)
    elif mention.kind in (Kind.YEAR, Kind.NUMBER):
        pool = _nearby_numbers(mention, bound(mention, facts))
        if mention.kind is Kind.YEAR and _ROUGHLY.search(own[: mention.start]):
            pool = _years_apart(mention)
        if majority_share(own, mention):
            pool = _near_majority(mention)
        published = publication_year(facts)
        if mention.kind is Kind.YEAR and published:
            # What happened before the story was written gets no wrong year after its date
            # line, and what will happen (a deal "expected to close in 2026") none before it.
            past = (mention.value or 0) <= published
            pool = [p for p in pool if (int(p) <= published) == past]
        partner = range_partner(own, mention.start, mention.end) or change_partner(
            own, mention.start, mention.end
        )
        if partner is not None and partner.value is not None:
            if re.search(r"\baged $", own[: min(mention.start, partner.start)]):
                pool = [str(a) for a in near_ages(int(mention.value or 0))]  # "aged 60 to 85"
            # "aged 60 to _____", "from 18 to _____", "_____, up from 27,900": a wrong value
            # stays on the answer's side.
            side = (mention.value or 0) > partner.value
            pool = [p for p in pool if ((parse_number(p) or 0) > partner.value) == side]
        whole = re.match(
            r" of (?:the |its |their |her |his )?(?:last |first )?([\d,]+|[a-z]+)\b",
            own[mention.end :],
        )
        whole_value = parse_number(whole.group(1)) if whole else None
        if whole_value is not None and (mention.value or 0) <= whole_value:
            # "won six of the last eight games", "11 of its 19 schools": a wrong part is no
            # more than the whole.
            pool = [p for p in pool if (parse_number(p) or 0) <= whole_value]
        room = 100 - sum(partner_shares(own, mention.start, mention.end))
        if room < 100:  # "52.6 percent to 45.9 percent": a wrong share keeps the sum <= 100
            pool = [p for p in pool if (parse_number(p) or 0) <= room]
    elif mention.kind is Kind.DATE:
        pool = _nearby_dates(mention)
    elif mention.kind is Kind.PLACE and mention.canonical not in COUNTRIES:
        # Towns, regions and sites of one story nest inside each other (the fossils were found
        # in Patagonia and in Mendoza); only countries exclude each other.
        return []
    else:
        pool = facts.names(mention.kind)
        if re.search(r"\b[Tt]he $", own[: mention.start]):
            # "approval from the _____": only names the article itself writes after "the"
            # ("the World Health Organization", never "the Sarvan Biotech").
            pool = [p for p in pool if re.search(rf"\b[Tt]he {re.escape(p)}\b", facts.article)]
    named = [m.text for m in facts.mentions if m.sentence == mention.sentence and m != mention]
    aliases = {facts.aliases.get(mention.text), facts.aliases.get(mention.canonical)}
    usable = sorted(
        p
        for p in set(pool)
        if acceptable(p, mention.canonical, sentence, mention.kind)
        and not _names(p, named)
        and p not in aliases
        and not (p in facts.aliases and facts.aliases[p] in pool)  # "WHO" and its full name
        and not true_elsewhere(p, mention, facts)
    )
    # "Northfield" beside "Northfield Foods": one company offered twice.
    usable = [p for p in usable if not any(p != o and _names(o, [p]) for o in usable)]
    if mention.kind is Kind.NUMBER and mention.text[:1].isupper():
        usable = [p[:1].upper() + p[1:] for p in usable]  # "Two firefighters": "Three", ...
    # A country for a country, a town for a town: `true_elsewhere` refuses the mix.
    return rng.sample(usable, min(count, len(usable)))


def majority_share(sentence: str, mention: Mention) -> bool:
    """A winning share of one vote: "The measure passed with 51.3 percent of the vote"."""
    return (
        mention.unit in ("%", "percent", "per cent")
        and 50 < (mention.value or 0) < 100
        and re.match(
            r"\s?(?:%|percent|per cent) of (?:the )?(?:vote|votes|ballots)\b",
            sentence[mention.end :],
        )
        is not None
    )


def _near_majority(mention: Mention) -> list[str]:
    """Wrong winning shares as close to a half as the answer is: 51.3 gets 50.4 and 52.6,
    not 41 (a measure that passed had more than half) nor 64 (not a narrow win)."""
    value = mention.value or 0.0
    places = 0 if mention.shape == "comma" else int(mention.shape or 0)
    margins = {round(50 + (value - 50) * f, places) for f in (0.3, 0.6, 1.5, 2.0, 2.6)}
    return [_format(n, places, False) for n in sorted(margins) if 50 < n < 100 and n != value]


def publication_year(facts: Facts) -> int | None:
    """The year of the date line above the story ("Updated May 26, 2024"), if there is one."""
    years = [
        int(y)
        for s in facts.sentences
        if s.part in (Part.FURNITURE, Part.CREDIT) and s.start < _story_start(facts)
        for y in re.findall(r"\b(?:19|20)\d\d\b", s.text)
    ]
    return max(years) if years else None


def _story_start(facts: Facts) -> int:
    return next((s.start for s in facts.sentences if s.part is Part.BODY), len(facts.article))


def acceptable(candidate: str, answer: str, sentence: str, kind: Kind) -> bool:
    """A distractor that cannot be mistaken for the answer nor read in its sentence."""
    one, other = candidate.casefold(), answer.casefold()
    if not one or one in other or other in one or one in sentence.casefold():
        return False
    if any(candidate in group and answer in group for group in ALIASES):
        return False
    if kind is Kind.PERSON:
        shared = set(one.split()) & set(other.split())
        return not shared and candidate.split()[-1].casefold() not in sentence.casefold()
    return answer_key(candidate) != answer_key(answer)


def _names(candidate: str, named: list[str]) -> bool:
    """The candidate is a longer name of something the sentence names: "Harbour City Rovers"
    when the sentence says "Rovers"."""
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", candidate) for name in named)


# "made around 1340": a year the article gives roughly is only wrong decades away.
_ROUGHLY = re.compile(r"\b(?:around|about|circa|c\.|roughly|approximately)\s+$", re.IGNORECASE)


def _series_lengths(mention: Mention) -> list[str]:
    """A best-of series has an odd number of games: "best-of-seven" gets five or nine, never
    eight."""
    lengths = (3, 5, 7, 9)
    return [_WORDS[n] if mention.shape == "words" else str(n) for n in lengths]


def _years_apart(mention: Mention) -> list[str]:
    return [str(int(mention.value or 0) + d) for d in (-60, -40, -20, 20, 40, 60)]


def _nearby_numbers(mention: Mention, direction: int = 0) -> list[str]:
    """Values near the answer, written like it; only above it after "more than" and only
    below it after "less than" (`direction` +1 or -1), so that a wrong option is wrong."""
    value = mention.value or 0.0
    near = _near_values(mention, value)
    if direction == 0:
        return near
    return [t for t in near if ((parse_number(t) or value) - value) * direction > 0]


def _near_values(mention: Mention, value: float) -> list[str]:
    if mention.kind is Kind.YEAR:
        return [str(int(value) + d) for d in (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)]
    if mention.shape == "words":
        near_words = {int(value) + d for d in (-3, -2, -1, 1, 2, 3)} | {int(value) * 2}
        return [_WORDS[n] for n in sorted(near_words) if n in _WORDS and n >= 2]
    places = 0 if mention.shape == "comma" else int(mention.shape or 0)
    if value <= 12 and places == 0:
        near = {value + d for d in (-3, -2, -1, 1, 2, 3, 5)}
    else:
        # As precise as the answer: 31,650 gets 25,320, not 16,000 (a round number beside a
        # precise one gives the answer away), and 6,200 gets 4,700.
        digits = str(int(value))
        zeros = len(digits) - len(digits.rstrip("0")) if places == 0 else 0
        step = 10 ** min(zeros, max(len(digits) - 2, 0)) if places == 0 else 10**-places
        near = {round(value * f / step) * step for f in (0.5, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 1.5)}
    if mention.unit in ("%", "percent", "per cent"):
        near = {n for n in near if n <= 100}
    comma = mention.shape == "comma" or (value >= 10_000 and places == 0)
    return [_format(n, places, comma) for n in sorted(near) if n > 0]


def _format(value: float, places: int, comma: bool) -> str:
    return f"{value:,.{places}f}" if comma else f"{value:.{places}f}"


def _nearby_dates(mention: Mention) -> list[str]:
    text = mention.text
    if mention.shape == "weekday":
        return [day for day in WEEKDAYS if day != text]
    month = next((m for m in MONTHS if m in text), None)
    short = next((a for a in MONTH_ABBREVIATIONS if a in text), None)
    if month is None and short is None:
        return []
    written = short or month or ""
    number = MONTHS.index(MONTH_ABBREVIATIONS.get(written, written))
    out = []
    day = re.search(r"\b(\d{1,2})(st|nd|rd|th)?\b", text)
    for shift in (-3, -2, -1, 1, 2, 3):
        other = MONTHS[(number + shift) % 12]
        if day and int(day.group(1)) > calendar.monthrange(2001, MONTHS.index(other) + 1)[1]:
            continue  # no "June 31"
        out.append(text.replace(written, _abbreviated(other) if short else other))
    if day is not None:
        value, last = int(day.group(1)), calendar.monthrange(2001, number + 1)[1]
        for shift in (-5, -3, -2, 2, 3, 5):
            if 1 <= value + shift <= last:
                new = str(value + shift) + (_ordinal(value + shift) if day.group(2) else "")
                out.append(text[: day.start()] + new + text[day.end() :])
    return out


def _abbreviated(month: str) -> str:
    return next((a for a, m in MONTH_ABBREVIATIONS.items() if m == month), month)


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
