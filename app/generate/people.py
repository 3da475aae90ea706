"""Questions about people: who holds a role, who said a quotation, the words of a quotation,
and matching people to their roles."""

from __future__ import annotations

import random
import re
from typing import Any

from app.generate.builders import Candidate, candidate
from app.generate.distractors import acceptable
from app.generate.facts import Facts, Quote, Role
from app.generate.importance import importance
from app.generate.kinds import Kind
from app.generate.lexicon import TITLES
from app.generate.seeding import rng_for
from app.generate.sentences import Part
from app.text import normalize_space

_MAX_MATCHING_SPAN = 700


def role_candidates(role: Role, facts: Facts, seed: int = 0) -> list[Candidate]:
    """ "Who is Russia's top diplomat?" (a cloze on the role's noun asked too little)."""
    sentence = facts.sentences[role.sentence].text
    made = []
    holders = {r.person for r in facts.roles if r.text.casefold() == role.text.casefold()}
    rng = rng_for(seed, "role", sentence, role.person, role.text)
    options = _people_options(role.person, sentence, facts, rng)
    if len(holders) == 1 and role.person in sentence and options:
        question = {
            "type": "multiple_choice",
            "prompt": f"According to the article, who is {_definite(role.text)}?",
            "options": options,
            "answer": role.person,
        }
        at = (role.sentence, role.start)
        weight = importance(role.person, None, role.sentence, facts)
        made.append(
            candidate(
                question, facts, at, Kind.PERSON, answer=role.person, tags=("role",), weight=weight
            )
        )
    return made


def quote_candidates(quote: Quote, facts: Facts, seed: int = 0) -> list[Candidate]:
    """ "Who said ...?" when the speaker is named (a cloze on one word of a quotation was
    nearly always guessable: "the hard work {{starts}}")."""
    made = []
    cited = _cited_with_speaker(quote, facts)
    rng = rng_for(seed, "quote", quote.text, quote.speaker)
    options = _people_options(quote.speaker or "", cited or "", facts, rng)
    if quote.speaker and cited and len(quote.text.split()) >= 4 and options:
        question = {
            "type": "multiple_choice",
            "prompt": f"Who said: “{quote.text}”?",
            "options": options,
            "answer": quote.speaker,
            "explanation": f"The article says: {cited}",
            "source_quote": cited,
        }
        at = (quote.sentence, quote.start)
        tags = ("quote",)
        weight = importance("", None, quote.sentence, facts)
        made.append(
            candidate(
                question, facts, at, Kind.PERSON, answer=quote.speaker, tags=tags, weight=weight
            )
        )
    return made


def matching_candidate(facts: Facts, seed: int = 0) -> Candidate | None:
    """Match people to roles, from the closest run of sentences naming two to four of them."""
    firsts: dict[str, Role] = {}
    for role in facts.roles:
        if role.text.casefold() not in {r.text.casefold() for r in firsts.values()}:
            firsts.setdefault(role.person, role)
    roles = sorted(firsts.values(), key=lambda r: (r.sentence, r.start))
    window = _closest_window(roles, facts)
    if window is None:
        return None
    first, last = facts.sentences[window[0].sentence], facts.sentences[window[-1].sentence]
    quote = normalize_space(facts.article[first.start : last.end])
    spare = [r.text for r in roles if r not in window and r.text.casefold() not in quote.casefold()]
    question: dict[str, Any] = {
        "type": "matching",
        "prompt": "Match each person to their role as given in the article.",
        "pairs": [{"left": r.person, "right": r.text} for r in window],
    }
    if spare:
        rng = rng_for(seed, "matching", quote)
        question["distractors"] = rng.sample(sorted(spare), min(2, len(spare)))
    named = [f"{r.person} “{r.text}”" for r in window]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}"
    question["explanation"] = f"The article calls {listed}."
    question["source_quote"] = quote
    at = (first.index, window[0].start)
    return candidate(question, facts, at, Kind.PERSON, answer="matching", tags=("role",))


def _cited_with_speaker(quote: Quote, facts: Facts) -> str | None:
    """The quote's sentence, with the sentence before when only that one names the speaker
    ("she said"); None when neither does."""
    this = facts.sentences[quote.sentence]
    if quote.speaker is None or quote.speaker in this.text:
        return this.text if quote.speaker else None
    before = facts.sentences[quote.sentence - 1] if quote.sentence else None
    if before is None or quote.speaker not in before.text:
        return None
    return normalize_space(facts.article[before.start : this.end])


def _closest_window(roles: list[Role], facts: Facts) -> list[Role] | None:
    """The run of three or four roles over the fewest characters, all in the story: a
    quote across a header or a caption would cite page furniture."""
    for size in (4, 3):  # two pairs are matched by elimination
        windows = [
            w for i in range(len(roles) - size + 1) if _all_story(w := roles[i : i + size], facts)
        ]
        if not windows:
            continue
        best = min(windows, key=lambda w: _span(w, facts))
        if _span(best, facts) <= _MAX_MATCHING_SPAN or size == 3:
            return best
    return None


def _all_story(window: list[Role], facts: Facts) -> bool:
    cited = facts.sentences[window[0].sentence : window[-1].sentence + 1]
    return all(s.part is Part.BODY for s in cited)


def _span(window: list[Role], facts: Facts) -> int:
    return facts.sentences[window[-1].sentence].end - facts.sentences[window[0].sentence].start


def _people_options(answer: str, sentence: str, facts: Facts, rng: random.Random) -> list[str]:
    wrong = sorted(
        p for p in facts.names(Kind.PERSON) if acceptable(p, answer, sentence, Kind.PERSON)
    )
    if not answer or len(wrong) < 2:
        return []
    options = [answer, *rng.sample(wrong, min(3, len(wrong)))]
    rng.shuffle(options)
    return options


# Titles the article abbreviates before a name ("Gov. Andrew Collins"), spelled out when
# asked: "who is the Gov.?" reads oddly.
_ABBREVIATED = {
    "Gov.": "governor",
    "Sen.": "senator",
    "Rep.": "representative",
    "Gen.": "general",
    "Lt.": "lieutenant",
    "Col.": "colonel",
    "Capt.": "captain",
    "Sgt.": "sergeant",
    "Det.": "detective",
    "Insp.": "inspector",
    "Supt.": "superintendent",
    "Prof.": "professor",
    "Adm.": "admiral",
    "Cmdr.": "commander",
    "Atty.": "attorney",
    "Amb.": "ambassador",
}


def _definite(role: str) -> str:
    words = role.split()
    # A title written before a name takes a capital there, not in "who is the mayor?".
    role = " ".join(
        _ABBREVIATED.get(w, w.casefold() if i == len(words) - 1 and w in TITLES else w)
        for i, w in enumerate(words)
    )
    first = role.split()[0]
    return role if first == "the" or first.endswith(("'s", "’s")) else f"the {role}"


def _head(role: Role) -> tuple[str, int] | None:
    """The role noun ("diplomat" in "Russia's top diplomat") and its offset in the phrase."""
    words = list(re.finditer(r"[\w-]+", role.text))
    heads = [w for w in words if w.group().casefold() != "of"]
    of = next((i for i, w in enumerate(words) if w.group() == "of"), None)
    head = words[of - 1] if of else heads[-1] if heads else None
    return (head.group(), head.start()) if head else None
