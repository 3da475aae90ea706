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

from app.generate.kinds import Kind, kind_of_name, speaks
from app.generate.lexicon import (
    COUNTRIES,
    HONORIFICS,
    NAME_CONNECTORS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLES,
)
from app.generate.names import NameSpan, find_names
from app.generate.organisations import called_an_organisation
from app.generate.quantities import Quantity, find_quantities
from app.generate.quotes import Quote, find_quotes
from app.generate.roles import role_beside
from app.generate.sentences import Part, Sentence, dateline_end, split_sentences


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
    aliases: dict[str, str]  # "Federal Trade Commission" <-> "FTC", as the article writes them

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
        if s.part in _TYPED_PARTS and not s.title_case
        for name in find_names(s.text)
        if name.start >= dateline_end(s.text)
    ]
    votes: dict[str, Counter[Kind]] = {}
    for sentence, name, kind in typed:
        if kind is not None:
            votes.setdefault(name.text, Counter())[kind] += 1
        if called_an_organisation(sentence.text, name.start, name.end):
            # Outweighs a speech verb or two: "the operator, Western Isles Ferries," and
            # "Western Isles Ferries said ...".
            votes.setdefault(name.text, Counter())[Kind.ORGANISATION] += 3
    known = {text: counts.most_common(1)[0][0] for text, counts in sorted(votes.items())}
    _settle_short_names(known, {name.text for _, name, _ in typed})
    _places_in_names(known)
    full_names = sorted(t for t, k in known.items() if k is Kind.PERSON and " " in t)
    by_surname: dict[str, list[str]] = {}
    for full in full_names:
        by_surname.setdefault(full.split()[-1], []).append(full)
    # The story names a family first in its body: a caption above it ("Lucy and Sam Whitcombe
    # ring the bell") names them in no order of the story's.
    in_order = sorted(typed, key=lambda t: t[0].part is not Part.BODY)
    _first_of_a_family(by_surname, known, [name.text for _, name, _ in in_order])
    by_first_word: dict[str, list[str]] = {}
    by_last_word: dict[str, list[str]] = {}
    for text, kind in known.items():
        if kind is Kind.ORGANISATION and " " in text:
            by_first_word.setdefault(text.split()[0], []).append(text)
            last = text.split()[-1]
            if (
                text.split()[-2] not in NAME_CONNECTORS | {"the", "and"}
                and not generic_word(last)
                and known.get(last) is not Kind.PLACE
            ):  # not "Doruna" for "University of Doruna", nor "Azores" for "... of the Azores"
                by_last_word.setdefault(last, []).append(text)

    mentions: list[Mention] = []
    spans: dict[tuple[int, int], NameSpan] = {}
    for sentence, name, _ in typed:
        kind, canonical = known.get(name.text), name.text
        if name.words == 1 and len(by_surname.get(name.text, [])) == 1:
            kind, canonical = Kind.PERSON, by_surname[name.text][0]
        elif (
            name.words == 1
            and known.get(name.text) in (None, Kind.PERSON, Kind.ORGANISATION)
            and speaks(sentence.text, name.start, name.end)  # "Vantor said", not "in Lakeport"
            and len(by_first_word.get(name.text, [])) == 1
        ):
            kind, canonical = Kind.ORGANISATION, by_first_word[name.text][0]  # "Vantor"
        elif (
            name.words == 1
            and known.get(name.text) in (None, Kind.ORGANISATION)
            and len(by_last_word.get(name.text, [])) == 1
        ):
            kind, canonical = Kind.ORGANISATION, by_last_word[name.text][0]  # "the Warriors"
        if kind is None or (kind is Kind.PERSON and " " not in canonical):
            continue  # a lone word said to be a person: too often a company or a team
        if sentence.part is not Part.BODY and sentence.part is not Part.HEADLINE:
            continue  # captions help to type names, but are not asked about
        mentions.append(Mention(kind, name.text, sentence.index, name.start, name.end, canonical))
        spans[(sentence.index, name.start)] = name
    for sentence in sentences:
        if sentence.part not in (Part.BODY, Part.HEADLINE):
            continue
        if sentence.title_case:
            mentions += _known_in(sentence, known)
        mentions += [
            _of_quantity(q, sentence.index)
            for q in find_quantities(sentence.text)
            if q.start >= dateline_end(sentence.text)  # "NEUSTETT, March 16 (Reuters) -"
        ]
    mentions.sort(key=lambda m: (m.sentence, m.start))
    roles = _roles(sentences, mentions, spans, article)
    return Facts(
        article,
        tuple(sentences),
        tuple(mentions),
        roles,
        find_quotes(sentences, mentions),
        _aliases(sentences),
    )


_TYPED_PARTS = (Part.HEADLINE, Part.CAPTION, Part.BODY)
_ALIAS_WORD = r"(?:[A-Z][\w.&'’-]*|of|for|and|the)"
_ALIAS = re.compile(rf"({_ALIAS_WORD}(?: {_ALIAS_WORD})*) \(([A-Z][A-Za-z]{{1,7}})\)")


def generic_word(word: str) -> bool:
    """A word that names a kind of thing or a place, never one organisation or person on its
    own: "Semiconductor", "City", "Bank", "University", "Portugal"."""
    return word in ORGANISATION_WORDS or word in PLACE_WORDS or word in COUNTRIES


def _first_of_a_family(
    by_surname: dict[str, list[str]], known: dict[str, Kind], in_order: list[str]
) -> None:
    """A surname shared by several people ("Grace Adeyemi", her son "Daniel Adeyemi", her
    husband "Samuel Adeyemi") stands alone for the first of them the story names, as news
    writing does; the others keep their full names. Full names with no cue of their own
    count too, and the one the surname stands for is a person."""
    for surname in list(by_surname):
        family = [
            text
            for text in dict.fromkeys(in_order)
            if 2 <= len(text.split()) <= 3
            and text.split()[-1] == surname
            and known.get(text) in (None, Kind.PERSON)
        ]
        first_names = {text.split()[0] for text in family}
        if len(first_names) > 1:
            by_surname[surname] = [family[0]]
            known.setdefault(family[0], Kind.PERSON)


def _places_in_names(known: dict[str, Kind]) -> None:
    """What an institution is "of" is a place: "the Azores" of "University of the Azores" is
    no organisation, though "the" before a plural name makes one a team ("the Warriors")."""
    for text, kind in list(known.items()):
        found = re.fullmatch(r"(\w+) of (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)", text)
        if (
            kind is Kind.ORGANISATION
            and found
            and found.group(1) in ORGANISATION_WORDS
            and known.get(found.group(2)) is Kind.ORGANISATION
            and not any(w in ORGANISATION_WORDS for w in found.group(2).split())
        ):
            known[found.group(2)] = Kind.PLACE


def _settle_short_names(known: dict[str, Kind], seen: set[str]) -> None:
    """A full name that had no cue of its own takes the kind of its last word alone:
    "Grace Wanjiru, also of Kenya, won" and later "Wanjiru said" (a person); "Bristow Kestrels
    won" and later "Kestrels captain Lewis Mbeki" (a team)."""
    short = {
        t: k for t, k in known.items() if k in (Kind.PERSON, Kind.ORGANISATION) and " " not in t
    }
    for text in sorted(seen):
        words = text.split()
        if text not in known and 2 <= len(words) <= 3 and words[-1] in short:
            known[text] = short[words[-1]]
        elif (
            known.get(text) is Kind.ORGANISATION
            and 2 <= len(words) <= 3
            and short.get(words[-1]) is Kind.PERSON
            and not any(w in ORGANISATION_WORDS for w in words)
        ):
            # "beating top seed Daria Kovalenko 6-4" (a score after a name: a team) and
            # later "Kovalenko, who has won two major titles": a player.
            known[text] = Kind.PERSON


def _aliases(sentences: list[Sentence]) -> dict[str, str]:
    """Names written with their acronym, both ways: "Federal Trade Commission (FTC)"."""
    found: dict[str, str] = {}
    for sentence in sentences:
        for match in _ALIAS.finditer(sentence.text):
            words = match.group(1).split()
            letters = match.group(2).upper()
            capitals = [w for w in words if w[0].isupper()]
            for size in range(len(capitals), 0, -1):
                tail = capitals[-size:]
                if "".join(w[0] for w in tail) == letters:
                    first = len(words) - words[::-1].index(tail[0]) - 1
                    full = " ".join(words[first:])
                    found[full], found[match.group(2)] = match.group(2), full
                    break
    return found


def _of_quantity(q: Quantity, sentence: int) -> Mention:
    return Mention(Kind(q.kind), q.text, sentence, q.start, q.end, q.text, q.value, q.shape, q.unit)


def _known_in(sentence: Sentence, known: dict[str, Kind]) -> list[Mention]:
    found: list[Mention] = []
    for text in sorted(known, key=len, reverse=True):
        if known[text] is Kind.PERSON and " " not in text:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(text)}(?![\w-])", sentence.text):
            if all(match.start() >= m.end or match.end() <= m.start for m in found):
                found.append(Mention(known[text], text, sentence.index, *match.span(), text))
    return found


def _roles(
    sentences: list[Sentence],
    mentions: list[Mention],
    spans: dict[tuple[int, int], NameSpan],
    article: str,
) -> tuple[Role, ...]:
    roles = []
    for m in mentions:
        name = spans.get((m.sentence, m.start))
        if m.kind is not Kind.PERSON or name is None:
            continue
        text = sentences[m.sentence].text
        if name.title and name.title.split()[-1] not in HONORIFICS:
            start = name.title_start
            title = _as_in_a_sentence(name.title, start, text, article)
            roles.append(Role(m.canonical, title, m.sentence, start, start + len(name.title)))
        elif (found := role_beside(text, m.start, m.end)) is not None:
            role = _as_in_a_sentence(found[0], found[1], text, article)
            roles.append(Role(m.canonical, role, m.sentence, *found[1:]))
    return tuple(roles)


def _as_in_a_sentence(role: str, start: int, sentence: str, article: str) -> str:
    """A role that opens its sentence loses the sentence's capital ("Hotel owner" is "hotel
    owner", "The company's managing director" is "the company's ..."), unless the article
    writes its first word with a capital inside a sentence too ("Library" of "Millbrook Public
    Library" is still lowercase when the article also says "the library")."""
    first = role.split()[0]
    if start != dateline_end(sentence) or not first.istitle() or first in TITLES:
        return role
    bare = re.sub(r"['’]s$", "", first)
    lower = re.search(rf"\b{re.escape(bare.casefold())}\b", article) is not None
    inside = re.search(rf"[\w,;] {re.escape(bare)}\b", article) is not None
    return role[0].lower() + role[1:] if lower or not inside else role
