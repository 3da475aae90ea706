"""How an article shows that a name is an organisation (a company, a team, a union) and not
a person, by its own usage rather than by the name's words:

- a category noun beside it: "the Indian company Sarvan Biotech", "the operator, Western Isles
  Ferries,", "Skyway, the Denver-based carrier,";
- "it" for what it says: "Sarvan Biotech says it can make", "X said on Tuesday that it earned";
- a role held in it, written before a person: "Kestrels captain Lewis Mbeki" (a team),
  "Northfield chief executive Susan Park" (a company);
- a match score after it: "beating Highland Warriors 27-24", "Norwood Rangers, who drew 0-0"
  (not a season's record: "Castellano, who went 14-6");
- a plural name after "the": "The Warriors, who won ..." (a team, though "who" follows).

A speech verb is a weak cue for a person ("Western Isles Ferries said"): companies speak too,
so a category noun outweighs it across the article (see `facts.py`).
"""

from __future__ import annotations

import re

from app.generate.lexicon import CATEGORY_NOUNS, ROLE_MODIFIERS, ROLE_WORDS, SPEECH_VERBS

_CATEGORY = "|".join(sorted(CATEGORY_NOUNS, key=len, reverse=True))
_CATEGORY_BEFORE = re.compile(rf"\b(?:{_CATEGORY}),? $")
_SPEECH = "|".join(sorted(SPEECH_VERBS))
# Not "... to Spain, the company said": there the noun is the subject of what follows.
_CATEGORY_AFTER = re.compile(
    rf"^, (?:the|an?) (?:[\w'’-]+ ){{0,3}}(?:{_CATEGORY})\b(?!['’]s| (?:has |had )?(?:{_SPEECH})\b)"
)
# "it" as the subject of what it says: "says it can make", "said on Tuesday that it earned"
# (not "called it", nor "said it was", which a person says of anything).
_IT_SAYS = re.compile(
    r"^ (?:has |also |then )?(?:said|says|announced|announces|added|expects|expected)\b"
    r"(?: [^.,;:\"“”]{0,40}?)?(?: that)? it (?:would|will|can|could|had|has|plans|planned"
    r"|expects|earned|made|lost|sold|cancelled|canceled|agreed|intends|hopes)\b"
)
_ROLE = "|".join(sorted(ROLE_WORDS | {"executive"}))
_MODIFIER = "|".join(sorted(ROLE_MODIFIERS))
_ROLE_IN_IT = re.compile(
    rf"^ (?:(?:{_MODIFIER}|[a-z]+-[a-z]+) ){{0,2}}(?:{_ROLE}) (?:[A-Z][\w.'’-]+ )+?"
)
_SCORE_AFTER = re.compile(r"^ \d{1,3}-\d{1,3}\b")
# "Norwood Rangers, who drew 0-0": a team's match, though "who" follows; not a record that a
# player has too ("Castellano, who went 14-6 in the regular season").
_MATCH_VERBS = r"drew|drawn|beat|lost|won|tied|edged|defeated|thrashed|routed|led|trailed"
_MATCH_AFTER = re.compile(
    rf"^,? (?:who|which) (?:(?:has|have|had|also) )?(?:{_MATCH_VERBS}) (?:[a-z]+ )?"
    r"\d{1,3}-\d{1,3}\b"
)


def called_an_organisation(sentence: str, start: int, end: int) -> bool:
    """The strongest cue: a category noun beside the name at `start:end`."""
    return bool(_CATEGORY_BEFORE.search(sentence[:start]) or _CATEGORY_AFTER.match(sentence[end:]))


def has_a_role_in_it(sentence: str, start: int, end: int) -> bool:
    """A role held in it, written before a person: "said Kestrels captain Lewis Mbeki" (not at
    the start of a sentence, where "Head coach Rebecca Stone" is capitalised anyway), or a
    match it played: "Norwood Rangers, who drew 0-0"."""
    if _MATCH_AFTER.match(sentence[end:]):
        return True
    return bool(_ROLE_IN_IT.match(sentence[end:])) and bool(sentence[:start].strip(' "“‘'))


def acts_as_organisation(sentence: str, start: int, end: int) -> bool:
    """A weaker cue: "it" for what it says, a score after it, or a plural name after "the"
    ("The Warriors")."""
    before, after = sentence[:start], sentence[end:]
    plural_group = bool(re.search(r"\b[Tt]he $", before)) and sentence[end - 1 : end] == "s"
    return bool(_IT_SAYS.match(after) or _SCORE_AFTER.match(after) or plural_group)


def says_it(sentence: str, end: int) -> bool:
    """ "X said on Monday it would build": "it" for what the name at `end` says, a company's
    usage ("Veltron Semiconductor said ... it would"), whatever the speech verb suggests."""
    return bool(_IT_SAYS.match(sentence[end:]))


def plays_a_match(sentence: str, start: int, end: int) -> bool:
    """A match score after the name ("to beat Westbridge City 2-1", "Norwood Rangers, who drew
    0-0"): a team, even when its name holds a place word ("City", "County"); not after "in" or
    "at", where the name is the place a match was played."""
    if re.search(r"\b(?:in|at|near)\s+$", sentence[:start]):
        return False
    return bool(_SCORE_AFTER.match(sentence[end:]) or _MATCH_AFTER.match(sentence[end:]))


def after_the(sentence: str, start: int) -> bool:
    """A name after "the" is never a person's ("the Warriors, who won"): no person cue holds."""
    return re.search(r"\b[Tt]he $", sentence[:start]) is not None
