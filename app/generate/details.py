"""Facts a strict teacher would not ask about, whatever the article: they are true, but
knowing them says nothing about having understood the story.

- a share price: "Shares of Crestline rose 17 percent to $29.70" (the rise may be asked);
- a clock time: "Ferries are due to run again from 6 a.m. on Sunday";
- the family of an obituary's subject: "She is survived by her son, two daughters and five
  grandchildren", "His wife, the textile artist Greta Lindqvist, died in 2015";
- one item of a list of three or more names (`groups.py`);
- the organisation a figure is credited to: "according to the World Health Organization";
- the month of a past step of the story, with no day: "resigned in January", "pleaded guilty
  in July" (the month of what is to come, "the first jobs will go in March", is asked);
- a number inside a quotation: "We have lost three semi-finals in five years," "when I was
  nine years old" (what someone said in passing, not a figure the story reports);
- where a commentator works: "Professor Leah Quinn of the University of Kent said", "said
  Erika Lindahl of Greenpeace" (the person giving an opinion, not an actor of the story);
- a part of a time in several units: "in 38 minutes and 12 seconds", "2 hours and 38
  minutes" (the hours of a record time go without saying, see checks.py);
- a later item of a list of counts: "1,400 firefighters, eight helicopters and four air
  tankers", "seven women and five men";
- a childhood age or a place in the family: "began playing the piano at four", "when she was
  nine", "the youngest of six children";
- where shares are traded: "Shares of Halvard fell 14 percent in New York";
- an end of an age range or of a "between" range: "pupils aged 13 to 17", "transfers of
  between £150 and £900" (the range is a detail, each end doubly so);
- a unit conversion beside its figure: "gusts of up to 142 kilometers per hour (88 mph)"
  (either number shows the other);
- a count the sentence or its words already give: "the other three defendants" (after the
  story named them), "five mornings a week, Monday to Friday".
"""

from __future__ import annotations

import re

from app.generate.facts import Facts, Mention
from app.generate.groups import in_a_list, range_partner
from app.generate.kinds import Kind, speaks
from app.generate.lexicon import NUMBER_WORDS
from app.generate.names import find_names

_SHARE_PRICE = re.compile(r"\b(?:to|at|of) [$€£]$")
_CLOCK = re.compile(r"^(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)")
_MONTH_IN = re.compile(r"(?<!starting )(?<!later )\bin $")
_TO_COME = re.compile(r"\b(?:will|would|due|expected|plans?|planned|next|later)\b")
_UNIT_TIME = r"(?:hours?|minutes?|seconds?)"
_PART_OF_TIME_AFTER = re.compile(rf"^ {_UNIT_TIME},? (?:and )?\d+ {_UNIT_TIME}")
_PART_OF_TIME_BEFORE = re.compile(rf"\b\d+ {_UNIT_TIME},? (?:and )?$")
_COUNT = rf"(?:\d[\d,.]*|{'|'.join(NUMBER_WORDS)}) [a-z]+(?: [a-z]+){{0,2}}"
_LATER_IN_A_LIST = re.compile(rf"(?<![\w,.$]){_COUNT}(?:,| and|, and) $")
_YOUNG = re.compile(
    r"(?:\b(?:at|aged)(?: the age of)? |\bwhen (?:she|he) was |\b(?:youngest|eldest|oldest) of )$"
)
_RANGE_LEAD = re.compile(r"\b(?:aged|ages|between)\s*[$€£]?$")
_UNIT = (
    r"(?:(?:square |cubic )?(?:miles?|kilometres?|kilometers?|km|metres?|meters?|m|feet|foot|ft"
    r"|inches|inch|in|centimetres?|centimeters?|cm|millimetres?|millimeters?|mm|yards?|acres?"
    r"|hectares?|ha|pounds?|lbs?|kilograms?|kg|tons?|tonnes?|ounces?|oz|grams?|g|litres?|liters?"
    r"|gallons?|pints?|mph|km/h|kph|knots?|degrees?(?: [CF]| Celsius| Fahrenheit)?|°[CF]?)"
    r"(?: per hour| an hour| a second)?)"
)
# "142 kilometers per hour (88 mph)", "12 inches (30 cm)": a unit on each side, not a count
# and its share ("5,400 votes (52 percent)").
_CONVERTED_AFTER = re.compile(rf"^ {_UNIT} \(\d[\d,.]* {_UNIT}\)")
_CONVERTED_BEFORE = re.compile(rf"\d[\d,.]* {_UNIT} \($")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEK_SPAN = re.compile(rf"^ [a-z]+ a week,? (?:from )?(?:{_DAYS}) to (?:{_DAYS})\b")
_FAMILY = re.compile(
    r"\bsurvived by\b|^(?:[Hh]is|[Hh]er) (?:wife|husband|widow|widower|son|daughter|brother"
    r"|sister|children|grandchildren)\b"
)


def minor_detail(mention: Mention, facts: Facts) -> bool:
    """Whether the fact `mention` blanks is one a teacher would drop."""
    text = facts.sentences[mention.sentence].text
    before, after = text[: mention.start], text[mention.end :]
    if mention.kind is Kind.NUMBER:
        if _SHARE_PRICE.search(before) and re.search(r"\b[Ss]hares?\b", text):
            return True
        if _CLOCK.match(after):
            return True
        if _PART_OF_TIME_AFTER.match(after) or _PART_OF_TIME_BEFORE.search(before):
            return True
        if (found := _LATER_IN_A_LIST.search(before)) and "percent" not in found.group():
            return True
        if _YOUNG.search(before) and not re.match(r" (?:years|percent|%)", after):
            return True
        if _CONVERTED_AFTER.match(after) or _CONVERTED_BEFORE.search(before):
            return True  # "142 kilometers per hour (88 mph)": each shows the other
        if re.search(r"\b[Tt]he other $", before) or _WEEK_SPAN.match(after):
            return True  # "the other three defendants", "five mornings a week, Monday to Friday"
    if mention.kind in (Kind.NUMBER, Kind.YEAR) and _range_end(text, mention):
        return True
    if (
        mention.kind is Kind.PLACE
        and re.search(r"\b[Ss]hares?\b", text)
        and re.search(r"\b(?:in|on) $", before)
        and re.search(r"\d (?:percent|%)|\$\d", before)
    ):
        return True  # "Shares of Halvard fell 14 percent to $8.12 in New York"
    if mention.kind is Kind.DATE and mention.shape == "month":
        season = re.match(r" and [A-Z]", after)  # "in July and August": a season
        if _MONTH_IN.search(before) and not _TO_COME.search(text) and not season:
            return True
    if mention.kind is Kind.ORGANISATION and re.search(r"\baccording to (?:the )?$", before):
        return True  # "according to the World Health Organization": the source of a figure
    if mention.kind is Kind.NUMBER and _in_quotation(text, mention.start):
        return True
    if mention.kind is Kind.ORGANISATION and _commentator_of(text, before):
        return True
    if family_sentence(text):
        return True
    named = mention.kind in (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE)
    return named and in_a_list(text, mention.start, mention.end)


def _range_end(text: str, mention: Mention) -> bool:
    """An end of an age range or a "between" range: "aged 13 to 17", "between $50,000 and
    $150,000", "between 1960 and 1975"."""
    partner = range_partner(text, mention.start, mention.end)
    if partner is None:
        return False
    return _RANGE_LEAD.search(text[: min(mention.start, partner.start)]) is not None


def family_sentence(text: str) -> bool:
    """A sentence about the family of the story's subject ("survived by", "His wife, ...")."""
    return _FAMILY.search(text) is not None


def _in_quotation(text: str, at: int) -> bool:
    """Whether offset `at` is inside a quotation of the sentence ("...," she said)."""
    before = text[:at]
    curly = before.count("“") > before.count("”")
    return curly or before.count('"') % 2 == 1


def _commentator_of(text: str, before: str) -> bool:
    """ "Professor Leah Quinn of the _____ said": the organisation of a person who speaks in
    the sentence (a commentator), not "led by Javiera Soto of the _____" (an actor)."""
    person = next(
        (
            n
            for n in find_names(text)
            if re.fullmatch(r",? (?:of|at|from) (?:the )?", text[n.end : len(before)])
        ),
        None,
    )
    if person is None or " " not in person.text:
        return False
    return speaks(text, person.start, person.end) or bool(
        re.search(r"\b(?:said|says|told)\b", text[len(before) :])
        and not re.search(r"\b(?:said|says|told)\b", before)
    )
