"""The facts of an article: typed mentions (people, organisations, places, dates, years,
numbers), people's roles and quoted statements, each tied to the sentence it comes from.

Names are typed sentence by sentence (`kinds.py`), then settled across the article: a name
keeps the kind most of its mentions give it, and a lone surname ("Klintsevich said") stands
for the full name it shares ("Franz Klintsevich"). Headline Style Lines only yield names the
body already typed, because every word of them is capitalised.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.generate.kinds import Kind, kind_of_name
from app.generate.lexicon import COUNTRIES, HONORIFICS
from app.generate.names import NameSpan, find_names
from app.generate.quantities import Quantity, find_quantities
from app.generate.quotes import Quote, find_quotes
from app.generate.roles import role_beside
from app.generate.sentences import Part, Sentence, split_sentences


@dataclass(frozen=True)
class Mention:
    """A typed item in a sentence; offsets index the sentence text."""

    kind: Kind
    text: str
    sentence: int
    start: int
    end: int
    canonical: str  # the full name for a surname; the text otherwise
    value: float | None = None
    shape: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Role:
    """A person's role as the article words it ("Russian Senator"); offsets index the
    sentence text."""

    person: str  # canonical name
    text: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Facts:
    """Everything the rules found in one article."""

    article: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]
    quotes: tuple[Quote, ...]

    def names(self, kind: Kind) -> list[str]:
        """The distinct canonical items of `kind` in the article, sorted."""
        if kind is Kind.ROLE:
            return sorted({r.text for r in self.roles})
        return sorted({m.canonical for m in self.mentions if m.kind == kind})

    def kind_of(self, text: str) -> Kind | None:
        """What `text` is in this article: by its form for dates and numbers, else by lookup."""
        text = text.strip()
        quantities = find_quantities(text)
        if len(quantities) == 1 and (quantities[0].start, quantities[0].end) == (0, len(text)):
            return Kind(quantities[0].kind)
        for kind in (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE, Kind.ROLE):
            if text in self.names(kind):
                return kind
        return Kind.PLACE if text in COUNTRIES else None


def extract_facts(article: str) -> Facts:
    """Every fact the rules find in `article`."""
    sentences = split_sentences(article)
    typed = [
        (s, name, kind_of_name(s.text, name))
        for s in sentences
        if s.part is not Part.CREDIT and not s.title_case
        for name in find_names(s.text)
    ]
    votes: dict[str, Counter[Kind]] = {}
    for _, name, kind in typed:
        if kind is not None:
            votes.setdefault(name.text, Counter())[kind] += 1
    known = {text: counts.most_common(1)[0][0] for text, counts in sorted(votes.items())}
    full_names = sorted(t for t, k in known.items() if k is Kind.PERSON and " " in t)
    by_surname: dict[str, list[str]] = {}
    for full in full_names:
        by_surname.setdefault(full.split()[-1], []).append(full)

    mentions: list[Mention] = []
    spans: dict[tuple[int, int], NameSpan] = {}
    for sentence, name, _ in typed:
        kind, canonical = known.get(name.text), name.text
        if name.words == 1 and len(by_surname.get(name.text, [])) == 1:
            kind, canonical = Kind.PERSON, by_surname[name.text][0]
        if kind is None:
            continue
        mentions.append(Mention(kind, name.text, sentence.index, name.start, name.end, canonical))
        spans[(sentence.index, name.start)] = name
    for sentence in sentences:
        if sentence.part is Part.CREDIT:
            continue
        if sentence.title_case:
            mentions += _known_in(sentence, known)
        mentions += [_of_quantity(q, sentence.index) for q in find_quantities(sentence.text)]
    mentions.sort(key=lambda m: (m.sentence, m.start))
    roles = _roles(sentences, mentions, spans)
    return Facts(
        article, tuple(sentences), tuple(mentions), roles, find_quotes(sentences, mentions)
    )


def _of_quantity(q: Quantity, sentence: int) -> Mention:
    return Mention(Kind(q.kind), q.text, sentence, q.start, q.end, q.text, q.value, q.shape, q.unit)


def _known_in(sentence: Sentence, known: dict[str, Kind]) -> list[Mention]:
    found: list[Mention] = []
    for text in sorted(known, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(text)}(?![\w-])", sentence.text):
            if all(match.start() >= m.end or match.end() <= m.start for m in found):
                found.append(Mention(known[text], text, sentence.index, *match.span(), text))
    return found


def _roles(
    sentences: list[Sentence], mentions: list[Mention], spans: dict[tuple[int, int], NameSpan]
) -> tuple[Role, ...]:
    roles = []
    for m in mentions:
        name = spans.get((m.sentence, m.start))
        if m.kind is not Kind.PERSON or name is None:
            continue
        text = sentences[m.sentence].text
        if name.title and name.title.split()[-1] not in HONORIFICS:
            start = name.title_start
            roles.append(Role(m.canonical, name.title, m.sentence, start, start + len(name.title)))
        elif (found := role_beside(text, m.start, m.end)) is not None:
            roles.append(Role(m.canonical, *found[:1], m.sentence, *found[1:]))
    return tuple(roles)
