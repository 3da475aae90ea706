"""Find quotations and who said them.

A quotation is text in straight or curly double quotes, two words or more. Its speaker is the
person next to a speech verb ("Hale said", "said flight director Tomasz Nowak"), the only
person in a sentence that has a speech verb, or, for "she said", the only person named in the
sentence before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.generate.kinds import Kind, speaks
from app.generate.lexicon import SPEECH_VERBS
from app.generate.sentences import Sentence

if TYPE_CHECKING:
    from app.generate.facts import Mention

_QUOTE = re.compile(r"“([^“”]+?)[,.]?”|\"([^\"]+?)[,.]?\"")
_PRONOUN_SAID = re.compile(r"\b(?:he|she|they) (?:said|says|added|told)\b|\bsaid (?:he|she)\b")


@dataclass(frozen=True)
class Quote:
    """A quotation in a sentence; offsets index the sentence text, without the quote marks."""

    text: str
    sentence: int
    start: int
    end: int
    speaker: str | None


def find_quotes(sentences: list[Sentence], mentions: list[Mention]) -> tuple[Quote, ...]:
    """Quotations of two words or more, each with its speaker when the rules can tell."""
    people: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.kind is Kind.PERSON:
            people.setdefault(m.sentence, []).append(m)
    quotes = []
    for sentence in sentences:
        for match in _QUOTE.finditer(sentence.text):
            group = 1 if match.group(1) is not None else 2
            inner = match.group(group).strip()
            if len(inner.split()) < 2:
                continue
            here, before = people.get(sentence.index, []), people.get(sentence.index - 1, [])
            speaker = _speaker(sentence.text, here, sorted({p.canonical for p in before}))
            start = match.start(group)
            quotes.append(Quote(inner, sentence.index, start, start + len(inner), speaker))
    return tuple(quotes)


def _speaker(text: str, people: list[Mention], previous_people: list[str]) -> str | None:
    """Who is quoted: the person next to a speech verb, the only person in a sentence with
    one, or for "she said" the only person named in the sentence before."""
    for person in people:
        if speaks(text, person.start, person.end):
            return person.canonical
    words = set(re.findall(r"[a-z]+", text))
    if len({p.canonical for p in people}) == 1 and words & SPEECH_VERBS:
        return people[0].canonical
    if not people and _PRONOUN_SAID.search(text):
        return previous_people[0] if len(previous_people) == 1 else None
    return None
