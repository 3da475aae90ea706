"""Facts a strict teacher would not ask about, whatever the article: they are true, but
knowing them says nothing about having understood the story.

- a share price: "Shares of Crestline rose 17 percent to $29.70" (the rise may be asked);
- a clock time: "Ferries are due to run again from 6 a.m. on Sunday";
- the family of an obituary's subject: "She is survived by her son, two daughters and five
  grandchildren", "His wife, the textile artist Greta Lindqvist, died in 2015";
- one item of a list of three or more names (`groups.py`);
- the organisation a figure is credited to: "according to the World Health Organization";
- the month of a past step of the story, with no day: "resigned in January", "pleaded guilty
  in July" (the month of what is to come, "the first jobs will go in March", is asked).
"""

from __future__ import annotations

import re

from app.generate.facts import Facts, Mention
from app.generate.groups import in_a_list
from app.generate.kinds import Kind

_SHARE_PRICE = re.compile(r"\b(?:to|at|of) [$€£]$")
_CLOCK = re.compile(r"^(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)")
_MONTH_IN = re.compile(r"(?<!starting )(?<!later )\bin $")
_TO_COME = re.compile(r"\b(?:will|would|due|expected|plans?|planned|next|later)\b")
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
    if mention.kind is Kind.DATE and mention.shape == "month":
        season = re.match(r" and [A-Z]", after)  # "in July and August": a season
        if _MONTH_IN.search(before) and not _TO_COME.search(text) and not season:
            return True
    if mention.kind is Kind.ORGANISATION and re.search(r"\baccording to (?:the )?$", before):
        return True  # "according to the World Health Organization": the source of a figure
    if family_sentence(text):
        return True
    named = mention.kind in (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE)
    return named and in_a_list(text, mention.start, mention.end)


def family_sentence(text: str) -> bool:
    """A sentence about the family of the story's subject ("survived by", "His wife, ...")."""
    return _FAMILY.search(text) is not None
