"""How central a fact is to the story, as a person summarising it would judge: news is
written most important first (the headline, then the lead paragraph, then details), the main
facts are told more than once, and they are about the story's main actors.

- Named or counted in the headline: the story's claim ("by 1,204 Votes").
- Told in the lead paragraph; later sentences matter less the further down they are.
- Told again in another sentence: the same name or the same number.
- Told in a sentence about the people, organisations or places of the headline or the lead.
- Less: a person the article only quotes, a source rather than an actor of the story.
"""

from __future__ import annotations

import re

from app.generate.facts import Facts
from app.generate.kinds import Kind, speaks
from app.generate.sentences import Part

_NAMED = (Kind.PERSON, Kind.ORGANISATION, Kind.PLACE)
_HEADLINE, _LEAD, _LATER, _RETOLD, _ACTORS, _SOURCE = 1.5, 1.5, 1.0, 0.4, 0.5, 0.8


def importance(answer: str, value: float | None, sentence: int, facts: Facts) -> float:
    """How central the fact with `answer` (a name's canonical form or a quantity's text, and
    its value for quantities; "" for the whole sentence) told in `sentence` is."""
    story = [s.index for s in facts.sentences if s.part is Part.BODY]
    if sentence not in story:
        return 0.0
    lead = lead_paragraph(facts)
    score = _LEAD if sentence in lead else _LATER * (1 - story.index(sentence) / len(story))
    if answer and _in_headline(answer, value, facts):
        score += _HEADLINE
    if answer:
        score += _RETOLD * min(2, len(_told_in(answer, value, facts) - {sentence}))
    if answer and _only_a_source(answer, facts):
        score -= _SOURCE
    actors = main_actors(facts) - {answer}
    if any(m.canonical in actors for m in facts.mentions if m.sentence == sentence):
        score += _ACTORS
    return score


def lead_paragraph(facts: Facts) -> set[int]:
    """The story's first paragraph, and at least its first two sentences."""
    story = [s for s in facts.sentences if s.part is Part.BODY]
    if not story:
        return set()
    found = re.compile(r"\n[ \t]*\n").search(facts.article, story[0].start)
    end = found.start() if found else len(facts.article)
    return {s.index for s in story if s.start < end} | {s.index for s in story[:2]}


def main_actors(facts: Facts) -> set[str]:
    """The people, organisations and places named in the headline or the lead paragraph."""
    lead = lead_paragraph(facts)
    return {
        m.canonical
        for m in facts.mentions
        if m.kind in _NAMED
        and (m.sentence in lead or facts.sentences[m.sentence].part is Part.HEADLINE)
    }


def _only_a_source(answer: str, facts: Facts) -> bool:
    """A person the article only quotes or cites ("..., Walsh said"), outside the headline and
    the lead: a source of the story, seldom its subject."""
    mentions = [m for m in facts.mentions if m.canonical == answer and m.kind is Kind.PERSON]
    return (
        bool(mentions)
        and answer not in main_actors(facts)
        and all(speaks(facts.sentences[m.sentence].text, m.start, m.end) for m in mentions)
    )


def _in_headline(answer: str, value: float | None, facts: Facts) -> bool:
    headline = [s.index for s in facts.sentences if s.part is Part.HEADLINE]
    return any(s in headline for s in _told_in(answer, value, facts)) or any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", facts.sentences[s].text)
        for s in headline
        for word in [answer, answer.split()[-1]]
        if value is None and len(word) > 2
    )


def _told_in(answer: str, value: float | None, facts: Facts) -> set[int]:
    """The sentences (headline and story) that tell the same name or the same number."""
    return {
        m.sentence
        for m in facts.mentions
        if facts.sentences[m.sentence].part in (Part.BODY, Part.HEADLINE)
        and (m.canonical == answer if value is None else m.value == value and m.kind in _QUANTITIES)
    }


_QUANTITIES = (Kind.NUMBER, Kind.YEAR, Kind.DATE)
