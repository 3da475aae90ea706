"""Decide what kind of thing a name is, from its words and the words around it.

The cues, strongest first: a country or planet in the gazetteer (place); an organisation word,
an acronym, or the article calling it a company, a club, "it" (organisation,
`organisations.py`); a match score after it (a team, even "Westbridge City"); a title before
it, a speech verb next to it or a role phrase beside it (person, unless "the" comes before it,
it says "it would", or a country is among its later words: "TAP Air Portugal said it would");
a role held in it or a score after it (organisation);
a place word or a place noun after it (place); a locative preposition before it (place). A
name with none of these cues stays unknown until the article settles it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.generate.lexicon import (
    CATEGORY_NOUNS,
    COUNTRIES,
    ERAS,
    NOT_ENTITY_WORDS,
    ORGANISATION_WORDS,
    PLACE_NOUNS,
    PLACE_OF,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    SPEECH_VERBS,
    TECHNOLOGY_ACRONYMS,
)
from app.generate.names import NameSpan
from app.generate.organisations import (
    acts_as_organisation,
    after_the,
    called_an_organisation,
    has_a_role_in_it,
    plays_a_match,
    says_it,
)
from app.generate.roles import role_beside

_SPEECH = "|".join(sorted(SPEECH_VERBS))
_SPEECH_AFTER = re.compile(
    rf"^(?:,[^,]{{1,90}},)?\s+(?:has |had |also |then |later |previously |once )?(?:{_SPEECH})\b"
)
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SPEECH}|according to)\s+$")
# "Linda Park, who owns", "Ortega, 47, will": a person's relative clause or age.
_PERSON_AFTER = re.compile(r"^,? (?:who|whose)\b|^, \d{1,3},")
_ACRONYM = re.compile(r"[A-Z]{2,6}|[A-Z][a-z]?[A-Z]{1,4}")
_HOME_BEFORE = re.compile(r", \d{1,3}, of $")
# The rest of a law's name, which ends it: not "Yale Law School".
_LAW_AFTER = re.compile(
    r" (?:and|of) (?:[A-Z][\w'-]* )+(?:Act|Bill|Law|Treaty|Agreement)\b(?!\s+[A-Z])"
)

# Last words that make a name an area, whatever the sentence says of it ("Addison County").
_AREAS = frozenset({"County", "City", "Province", "Region", "District", "Township", "Parish"})


class Kind(StrEnum):
    """The kinds of fact a question can ask about; also the question's first tag."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    ROLE = "role"
    YEAR = "year"
    DATE = "date"
    NUMBER = "number"
    QUOTE = "quote"


def kind_of_name(sentence: str, name: NameSpan) -> Kind | None:
    """The kind of `name` in `sentence`, or None when the words give no cue."""
    words = name.text.split()
    before = sentence[: name.title_start if name.title else name.start]
    after = sentence[name.end :]
    if any(w in NOT_ENTITY_WORDS for w in words) or _work_title(sentence, name):
        return None  # an award, a work, an event: not a person, place or organisation
    if name.text in TECHNOLOGY_ACRONYMS:
        return None
    if name.text in ERAS and (re.search(r"\d\s$", before) or re.match(r"\s\d", after)):
        return None  # "silted up around 1000 BC", "by AD 300"
    if len(words) > 1 and words[-1] in ("Age", "Ages", "Era"):
        return None  # a period of history: "the Bronze Age walkway" ("Age UK" stays a name)
    if before.endswith("the ") and _LAW_AFTER.match(after):
        return None  # a law's name: "the CHIPS and Science Act", "the Proceeds of Crime Act"
    if _HOME_BEFORE.search(before) and re.match(r", [A-Z]", after):
        return None  # where a person lives: "Andrew Pettifer, 58, of Orchard Rise, Little Hadley"
    called = re.search(r"\b([a-z]+),? (?:called|named|known as|dubbed) $", before)
    if called:  # "a chemical called TCE" is no organisation; "a company called X" is one
        return Kind.ORGANISATION if called.group(1) in CATEGORY_NOUNS else None
    if name.text in COUNTRIES:
        return Kind.PLACE
    if any(w in ORGANISATION_WORDS for w in words):
        return Kind.ORGANISATION
    if _ACRONYM.fullmatch(name.text) and not re.match(r" \d", after):  # not "LHS 1140 b"
        return Kind.ORGANISATION
    if name.title and name.words >= 2:
        return Kind.PERSON  # "Mayor Elena Vasquez called it ...": the title settles it
    if called_an_organisation(sentence, name.start, name.end) or has_a_role_in_it(
        sentence, name.start, name.end
    ):
        return Kind.ORGANISATION
    if plays_a_match(sentence, name.start, name.end):
        return Kind.ORGANISATION  # "beat Westbridge City 2-1": a team, "City" though it says
    previous = before.split()[-2:]
    place_of = len(previous) == 2 and previous[1] == "of" and previous[0].casefold() in PLACE_OF
    in_a_place = bool(previous) and previous[-1] in PLACE_PREPOSITIONS
    if (
        not after_the(sentence, name.start)
        and words[-1] not in _AREAS
        and not place_of  # "Residents of Ostra Vale said": a place, though it "said"
        and (person := _person_cue(sentence, name, in_a_place))
    ):
        return person  # but "a Democrat from Addison County who sponsored it" is a place
    if acts_as_organisation(sentence, name.start, name.end) and not any(
        w in PLACE_WORDS for w in words
    ):
        return Kind.ORGANISATION
    if 2 <= name.words <= 3 and not any(w in PLACE_WORDS for w in words):
        owner = re.search(r"([A-Z][\w.]*(?: [A-Z]\w*)?)['’]s $", before)
        of = re.match(r" of ([A-Z][\w.]*(?: [A-Z]\w*)?)\b", after)
        if (owner and owner.group(1) in COUNTRIES) or (of and of.group(1) in COUNTRIES):
            return Kind.PERSON  # "Kenya's Daniel Kiptoo", "Daniel Kiptoo of Kenya"
    if any(w in PLACE_WORDS for w in words):
        return Kind.PLACE
    next_word = re.match(r"\s+([a-z]+)", after)
    if next_word and next_word.group(1) in PLACE_NOUNS:
        return Kind.PLACE
    country = re.match(r", ([A-Z][\w.]*(?: [A-Z]\w*)?)(?![\w'’])", after)
    if country and country.group(1) in COUNTRIES:
        return Kind.PLACE  # "Darmstadt, Germany"
    if place_of:
        return Kind.PLACE
    if name.title:
        return Kind.PERSON
    if in_a_place and name.words <= 3:
        return Kind.PLACE
    return None


def _person_cue(sentence: str, name: NameSpan, in_a_place: bool) -> Kind | None:
    """A person's cues, which come before place words: "Linda Park, who owns", "Susan Park
    said", "Senator Douglas Reeve"; `in_a_place` when "in", "near", ... comes before the name."""
    words = name.text.split()
    if name.title and name.words >= 2:
        return Kind.PERSON
    if (
        speaks(sentence, name.start, name.end)
        and not any(w in PLACE_WORDS for w in words[:1])
        and not says_it(sentence, name.end)  # "Veltron Semiconductor said on Monday it would"
        and not any(w in COUNTRIES for w in words[1:])  # "TAP Air Portugal said"
    ):
        return Kind.PERSON
    if role_beside(sentence, name.start, name.end):
        return Kind.PERSON
    # "people in Pruitt Landing who drive": "who" after a place is about the people in it
    if _PERSON_AFTER.match(sentence[name.end :]) and not in_a_place:
        return Kind.PERSON
    return None


def _work_title(sentence: str, name: NameSpan) -> bool:
    """ "her last opera, The Glass Mountain,": a capitalised "The" inside a sentence starts
    the title of a work or a publication, not a place."""
    if re.search(
        r"\b(?:journal|magazine|newspaper|book|album|film|opera|novel) $", sentence[: name.start]
    ):
        return True  # "in the journal Cretaceous Research"
    return name.start >= 5 and sentence[name.start - 5 : name.start] in (" The ", "“The ", '"The ')


def speaks(sentence: str, start: int, end: int) -> bool:
    """A speech verb next to the name at `start:end`: "Hale said", "said Hale", "according to
    Hale", "Hale, the mayor, told"."""
    return bool(_SPEECH_AFTER.match(sentence[end:]) or _SPEECH_BEFORE.search(sentence[:start]))
