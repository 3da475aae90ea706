"""Find the role phrase beside a person's name: "Russia's top diplomat, Sergei Lavrov",
"Ana Ruiz, the council's finance chair,", "head coach Tom Berg".

A role phrase is at most seven words and is headed by a role noun from the lexicon
("diplomat", "chair", "coach"), optionally followed by "of ..." ("the president of the club").
"""

from __future__ import annotations

import re

from app.generate.lexicon import ROLE_MODIFIERS, ROLE_WORDS, SPEECH_VERBS, STOPWORDS
from app.generate.names import is_demonym, is_name_word

_APPOSITIVE_AFTER = re.compile(r"^, ((?:the |a |an )?[^,.;:\"“”()]{2,70}?)(?:,|[.;]?$)")
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[,;:—–] )(?:(?:and|but|while|as) )?((?:the |a |an )?[^,.;:\"“”()]{2,70}?), $"
)
_OPENERS = ("who ", "which ", "whose ", "said ", "and ", "but ", "as ", "while ", "when ")


def role_beside(sentence: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The role phrase next to the name at `start:end` and its offsets, or None."""
    after = _APPOSITIVE_AFTER.match(sentence[end:])
    if after and _is_role(after.group(1)):
        return _trimmed(sentence, end + after.start(1), end + after.end(1))
    before = _APPOSITIVE_BEFORE.search(sentence[:start])
    if before and _is_role(before.group(1)) and sentence[end : end + 1] == ",":
        return _trimmed(sentence, before.start(1), before.end(1))
    return _role_just_before(sentence, start)


def _is_role(phrase: str) -> bool:
    words = [w.casefold().removesuffix("'s").removesuffix("’s") for w in phrase.split()]
    if not words or len(words) > 7 or phrase.casefold().startswith(_OPENERS):
        return False
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    return head >= 0 and words[head] in ROLE_WORDS


def _trimmed(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    for article in ("a ", "an ", "A ", "An "):
        if sentence.startswith(article, start):
            start += len(article)
    return sentence[start:end], start, end


def _role_just_before(sentence: str, start: int) -> tuple[str, int, int] | None:
    """ "head coach Tom Berg", "the mission's lead scientist Priya Nair"."""
    words = list(re.finditer(r"[\w'’.-]+", sentence[:start]))
    if not words or sentence[words[-1].end() : start] != " ":
        return None
    if words[-1].group().casefold() not in ROLE_WORDS or not words[-1].group().islower():
        return None
    first = len(words) - 1
    while first > 0 and sentence[words[first - 1].end() : words[first].start()] == " ":
        word = words[first - 1].group()
        bare = re.sub(r"['’]s$", "", word)
        capitalised = is_name_word(word) and first == len(words) - 1
        known = bare.casefold() in ROLE_MODIFIERS or is_demonym(bare) or bare != word
        if known or capitalised or _noun_modifier(word, len(words) - first):
            first -= 1
        else:
            break
    # Lowercase nouns only count when a boundary comes before them ("which public works
    # director"), not in the middle of a phrase ("a free kick past goalkeeper").
    while first < len(words) - 1 and _noun_modifier(words[first].group(), 0):
        if _boundary_before(sentence, words, first):
            break
        first += 1
    possessive = re.search(r"['’]s$", words[first].group())
    if first > 0 and possessive and words[first - 1].group().casefold() == "the":
        first -= 1  # "the mission's lead scientist", not "mission's lead scientist"
    role_start, role_end = words[first].start(), words[-1].end()
    return sentence[role_start:role_end], role_start, role_end


def _noun_modifier(word: str, taken: int) -> bool:
    """A lowercase noun that makes the role what it is: "public works director", "hotel
    owner". At most three words before the role noun, and no word that reads as a verb or a
    function word ("estimated", "which", "told")."""
    return (
        taken <= 2
        and word.isalpha()
        and word.islower()
        and word not in STOPWORDS
        and word not in SPEECH_VERBS
        and not word.endswith(("ed", "ing", "ly"))
    )


def _boundary_before(sentence: str, words: list[re.Match[str]], at: int) -> bool:
    """What comes before word `at` ends a phrase: nothing, punctuation, "the", a possessive,
    a function word or a speech verb."""
    if at == 0 or sentence[words[at - 1].end() : words[at].start()] != " ":
        return True
    word = words[at - 1].group()
    return word.casefold() in STOPWORDS | SPEECH_VERBS or re.search(r"['’]s$", word) is not None
