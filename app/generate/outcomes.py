"""Questions on the main points that no name, date or number blank reaches: a match's or a
vote's score ("beat the Miners 3-2", "voted 5-2"), an ordinal ("her sixth title", "the
second-largest fine"), and who beat whom (the story's own subject, never blanked, is asked by
a statement that swaps the winner and the loser).

Each cites its sentence, as every other question does; wrong options are of the answer's
shape and never written anywhere in the article.
"""

from __future__ import annotations

import random
import re
from typing import Any, NamedTuple

from app.generate.builders import BLANK, Candidate, as_passage, candidate
from app.generate.checks import context_start, is_subject
from app.generate.distractors import distractors
from app.generate.facts import Facts
from app.generate.importance import importance
from app.generate.kinds import Kind
from app.generate.lexicon import MONTHS
from app.generate.quantities import find_quantities
from app.generate.seeding import rng_for
from app.generate.sentences import Part
from app.text import answer_key, normalize_space

# A score after a word that says a game or a vote was won, lost, drawn or led.
_SCORE_CUE = re.compile(
    r"\b(?:beat|beats|beating|edged?|edging|won|wins?|winning|defeat(?:ed|ing|s)?|victory|"
    r"lost|losing|loss|drew|draw|tied|level|led|lead|leading|trailed|trailing|voted?|"
    r"voting|margin|score)\b"
)
_SCORE = re.compile(r"(?<![\w.,:/$€£-])(\d{1,3})([-–])(\d{1,3})(?![\w%/-])(?![.,:]\d)")
_VOTE = re.compile(r"\b(?:voted?|voting|ballot)\b[^.]{0,12}$")
_ORDINAL_WORDS = (
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
_ORDINAL = re.compile(
    r"(?<![\w-])(" + "|".join(_ORDINAL_WORDS) + r"|[1-9]\d{0,2}(?:st|nd|rd|th))(?=[ -][a-z])",
    re.IGNORECASE,
)
# What a sports story counts by the way: "the second half", "the third set".
_MINOR_ORDINAL_NOUNS = {
    "half",
    "quarter",
    "period",
    "set",
    "inning",
    "innings",
    "day",
    "week",
    "hole",
    "lap",
    "stage",
    "of",
    "and",
    "or",
    "to",
    "time",
    "floor",
    "grade",
    "birthday",
    "anniversary",
    "hand",
    # "about a third more slowly", "fell by a third when": a fraction, not an ordinal
    "more",
    "less",
    "fewer",
    "with",
    "when",
    "than",
    "as",
    "in",
    "on",
    "at",
    "by",
    "from",
    "after",
}
_WIN = re.compile(
    r"^ (?:came from behind to |rallied to |held on to )?(?:beat|defeated|edged|overcame|"
    r"outlasted|thrashed|routed|upset)\b|^ won\b[^.;:]*?, (?:beating|defeating|edging) "
)


def outcome_candidates(facts: Facts, seed: int = 0) -> list[Candidate]:
    """Score, ordinal and winner questions of every story sentence."""
    made: list[Candidate] = []
    for sentence in facts.sentences:
        if sentence.part is not Part.BODY:
            continue
        made += _scores(sentence.index, facts, seed)
        made += _ordinals(sentence.index, facts, seed)
        made += _winner(sentence.index, facts, seed)
        made += _rival_subject(sentence.index, facts, seed)
        made += _firsts(sentence.index, facts)
    return made


def _lead_in(index: int, facts: Facts) -> str | None:
    """ "" for a sentence that stands on its own; None otherwise (the sentences a pronoun
    points back to were, for these questions, as often an unrelated detail: "A first report is
    due within 30 days. It was the _____ derailment")."""
    return "" if context_start(index, facts) == index else None


def _scores(index: int, facts: Facts, seed: int) -> list[Candidate]:
    text = facts.sentences[index].text
    found = list(_SCORE.finditer(text))
    if len(found) != 1 or not _SCORE_CUE.search(text[: found[0].start()]):
        return []  # a set-by-set tennis score, or two scores: which one is asked is unclear
    match = found[0]
    lead_in = _lead_in(index, facts)
    if lead_in is None:
        return []
    before = text[: match.start()]
    if re.search(r"\b(?:ages?|aged|between|from|grades?|Game|No\.)\s*$", before, re.IGNORECASE):
        return []
    a, dash, b = int(match.group(1)), match.group(2), int(match.group(3))
    vote = _VOTE.search(before) is not None
    near = _near_scores(a, b, vote)
    if _SERIES.search(text[max(0, match.start() - 30) : match.end() + 20]):
        near = _possible_in_series(near, (a, b), _unfinished(text, match), facts.article)
    written = _written_scores(facts.article)
    numbers = {
        answer_key(q.text) for s in facts.sentences for q in find_quantities(s.text)
    }  # "4-0" read as the "40 minutes" of another sentence
    pool = [
        p
        for p in near
        if (p[0], p[1]) not in written
        and (p[1], p[0]) not in written
        and answer_key(f"{p[0]}-{p[1]}") not in numbers
    ]
    rng = rng_for(seed, "score", text, match.start())
    if len(pool) < 3:
        return []
    wrong = [f"{x}{dash}{y}" for x, y in rng.sample(sorted(pool), 3)]
    answer = match.group(0)
    blanked = lead_in + before + BLANK + text[match.end() :]
    if answer in blanked:
        return []
    what = "vote count" if vote else "score"
    asked = Asked(facts, index, match.start(), lead_in, blanked)
    return [_choice(asked, what, answer, wrong, rng, "score")]


def _near_scores(a: int, b: int, vote: bool) -> set[tuple[int, int]]:
    """Scores of the same shape: the same winner (or a draw again); for a vote, the same
    number of votes cast."""
    if vote:
        near = {(a + k, b - k) for k in (-3, -2, -1, 1, 2, 3)}
    elif a == b:
        near = {(a + k, b + k) for k in (-2, -1, 1, 2)}
    else:
        near = {(a + i, b + j) for i in (-2, -1, 0, 1, 2) for j in (-2, -1, 0, 1, 2)}
        near -= {(a + i, b + i) for i in (-2, -1, 1, 2)} if a > 20 else set()
    sign = (a > b) - (a < b)
    return {
        (x, y)
        for x, y in near
        if x >= 0 and y >= 0 and (x, y) != (a, b) and (x > y) - (x < y) == sign
    }


# A series of games ("had led the series 2-1", "a 3-1 series lead", "won the best-of-seven
# 4-2"), how many games it has at most ("best-of-five", "the deciding Game 5"), and a score that
# says it is not over yet.
_SERIES = re.compile(r"\bseries\b|\bbest-of-")
_BEST_OF = re.compile(r"\bbest-of-(three|five|seven|nine|[3579])\b")
_DECIDING_GAME = re.compile(r"\bdeciding Game ([3579])\b")
_UNFINISHED = re.compile(r"^(?:led|leads?|leading|trail(?:ed|ing|s)?|tied|level)$")
_LEAD_AFTER = re.compile(r"^ (?:series )?(?:lead|deficit)\b")
_ODD_WORDS = {"three": 3, "five": 5, "seven": 7, "nine": 9}


def _series_lengths(article: str) -> set[int]:
    """The most games of each series the article tells of: a best-of-N, or N when Game N is
    the deciding one."""
    told = [m.group(1) for m in _BEST_OF.finditer(article)]
    told += [m.group(1) for m in _DECIDING_GAME.finditer(article)]
    return {_ODD_WORDS.get(t) or int(t) for t in told}


def _unfinished(text: str, match: re.Match[str]) -> bool:
    """A series score that is a lead or a tie ("had led the series 2-1", "a 3-1 series lead"),
    not a result: the last cue word before it says so, or "lead" after it."""
    cues = _SCORE_CUE.findall(text[: match.start()])
    led = bool(cues) and _UNFINISHED.match(cues[-1]) is not None
    tied = match.group(1) == match.group(3)
    return tied or led or _LEAD_AFTER.match(text[match.end() :]) is not None


def _possible_in_series(
    near: set[tuple[int, int]], score: tuple[int, int], unfinished: bool, article: str
) -> set[tuple[int, int]]:
    """Wrong scores the series could have had. In a best-of-N the winner has (N+1)/2 wins: a
    result keeps the answer's winning count (4-1 gets 4-2, never 5-1), and a lead stays short
    of it in the shortest series the article tells of that the answer fits (2-1 in a
    best-of-five gets 1-0 or 2-0, never 3-0 or 4-1); with no length told, a lead is no longer
    than the answer's."""
    top = max(score)
    if not unfinished:
        return {s for s in near if max(s) == top}
    fits = [n for n in _series_lengths(article) if top < (n + 1) // 2]
    limit = (min(fits) + 1) // 2 - 1 if fits else top
    return {s for s in near if max(s) <= limit}


def _written_scores(article: str) -> set[tuple[int, int]]:
    return {(int(m.group(1)), int(m.group(3))) for m in _SCORE.finditer(article)}


def _ordinals(index: int, facts: Facts, seed: int) -> list[Candidate]:
    text = facts.sentences[index].text
    made = []
    for match in _ORDINAL.finditer(text):
        word = match.group(1)
        value = _ordinal_value(word)
        if value is None or value < 2 or value > 200:
            continue
        before, after = text[: match.start()], text[match.end() :]
        noun = re.match(r"[ -]([a-z]+)", after)
        if noun is None or noun.group(1) in _MINOR_ORDINAL_NOUNS:
            continue
        if re.search(r"\b(?:" + "|".join(MONTHS) + r")\s*$", before):
            continue  # "March 3rd"
        if _in_quotation(before) or re.search(r"\d(?:st|nd|rd|th),? (?:and )?$", before):
            continue  # "birdies on the 14th, 15th and _____ holes": a list
        lead_in = _lead_in(index, facts)
        if lead_in is None:
            continue
        style = "digits" if word[0].isdigit() else "word"
        compound = re.match(r"-[a-z]+", after)
        suffix = compound.group() if compound else ""  # "second-largest", "14th-century"
        near = [v for v in (value - 2, value - 1, value + 1, value + 2, value + 3) if v >= 2]
        pool = []
        for v in near:
            option = _ordinal_text(v, style, word)
            if option is None:
                continue
            said = re.compile(rf"(?<![\w-]){re.escape(option)}[ -]{noun.group(1)}\b", re.I)
            # "between Third and _____ avenues": an option the sentence itself says is true
            in_sentence = re.compile(rf"(?<![\w-]){re.escape(option)}(?![\w])", re.I)
            if not said.search(facts.article) and not in_sentence.search(text):
                pool.append(option + suffix)
        if len(pool) < 3:
            continue
        rng = rng_for(seed, "ordinal", text, match.start())
        blanked = lead_in + before + BLANK + after[len(suffix) :]
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", blanked, re.IGNORECASE):
            continue
        word += suffix
        what = "word" if style == "word" else "number"
        asked = Asked(facts, index, match.start(), lead_in, blanked)
        made.append(_choice(asked, what, word, rng.sample(pool, 3), rng, "ordinal"))
    return made


class Asked(NamedTuple):
    """Where a blank is: its sentence, where in it, and the prompt's text with the blank."""

    facts: Facts
    sentence: int  # its index
    start: int  # of the answer in the sentence
    lead_in: str  # the sentence before, when this one needs it
    blanked: str


def _choice(
    asked: Asked, what: str, answer: str, wrong: list[str], rng: random.Random, tag: str
) -> Candidate:
    """A multiple-choice question on the blanked sentence (a passage when it needs a lead-in),
    with the options in `rng`'s order."""
    options = [answer, *wrong]
    rng.shuffle(options)
    question = {
        "type": "multiple_choice",
        "prompt": f"Which {what} completes this sentence from the article? {asked.blanked}",
        "options": options,
        "answer": answer,
    }
    text = asked.facts.sentences[asked.sentence].text
    if asked.lead_in:
        as_passage(question, asked.lead_in + text)
    where = (asked.sentence, asked.start)
    return _candidate(question, asked.facts, where, Kind.NUMBER, answer, tag)


def _candidate(
    question: dict[str, Any],
    facts: Facts,
    where: tuple[int, int],
    kind: Kind,
    answer: str,
    tag: str,
) -> Candidate:
    """A candidate of this module's kinds (`tag`), weighed by its answer's importance."""
    weight = importance(answer, None, where[0], facts)
    return candidate(question, facts, where, kind, answer=answer, tags=(tag,), weight=weight)


def _in_quotation(before: str) -> bool:
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _ordinal_value(word: str) -> int | None:
    low = word.casefold()
    if low in _ORDINAL_WORDS:
        return _ORDINAL_WORDS.index(low) + 2
    digits = re.match(r"\d+", low)
    return int(digits.group()) if digits else None


def _ordinal_text(value: int, style: str, like: str) -> str | None:
    if style == "word":
        if value - 2 >= len(_ORDINAL_WORDS):
            return None
        word = _ORDINAL_WORDS[value - 2]
        return word.capitalize() if like[0].isupper() else word
    suffix = "th"
    if value % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _winner(index: int, facts: Facts, seed: int) -> list[Candidate]:
    """ "The Orlando Falcons beat the Denver Comets ...": false, the winner and the loser
    swapped, for a story whose own subject won (its name is never blanked)."""
    text = facts.sentences[index].text
    mentions = [m for m in facts.mentions if m.sentence == index]
    for m in mentions:
        if m.kind not in (Kind.ORGANISATION, Kind.PERSON) or m.text != m.canonical:
            continue
        if not _WIN.match(text[m.end :]) or not is_subject(m.canonical, facts):
            continue
        loser = next(
            (
                o
                for o in mentions
                if o.start > m.end
                and o.kind is m.kind
                and o.text == o.canonical
                and o.canonical != m.canonical
            ),
            None,
        )
        if loser is None or _lead_in(index, facts) != "":
            return []
        between = text[m.end : loser.start]
        if re.search(r"[;]", between) or re.search(r",(?! (?:beating|defeating|edging) )", between):
            return []
        swapped = text[: m.start] + loser.text + between + m.text + text[loser.end :]
        if normalize_space(swapped) in normalize_space(facts.article):
            return []
        question = {
            "type": "true_false",
            "prompt": swapped,
            "answer": False,
            "explanation": f"False: it is {m.text}, not {loser.text}. The article says: {text}",
        }
        return [_candidate(question, facts, (index, m.start), m.kind, m.canonical, "winner")]
    return []


def _rival_subject(index: int, facts: Facts, seed: int) -> list[Candidate]:
    """The story's own subject (never blanked: every sentence is about it) asked where the
    story has a rival of its kind, named as often, among the options: which of two teams,
    companies or candidates a later sentence tells of ("_____ will pay $46 a share", options
    Northfield, Baker Brothers and a third company). Never a surname among full names, and
    never the two sides alone (a coin toss)."""
    text = facts.sentences[index].text
    if index == _story_start(facts) or _lead_in(index, facts) != "":
        return []
    made = []
    for m in facts.mentions:
        if m.sentence != index or m.kind not in (Kind.PERSON, Kind.ORGANISATION):
            continue
        if not is_subject(m.canonical, facts):
            continue
        short = m.text != m.canonical  # "the Comets" for "the Denver Comets"
        if re.search(r"[\"“”]", text):
            continue  # a quotation: "who said" asks that already
        blanked = text[: m.start] + BLANK + text[m.end :]
        words = {m.canonical, m.canonical.split()[-1], m.canonical.split()[0]}
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", blanked) for w in words):
            continue
        rivals = [r for r in _rivals(m.canonical, m.kind, facts) if r.split()[-1] not in text]
        if not rivals:
            continue
        rng = rng_for(seed, "rival", text, m.start)
        if short and m.kind is Kind.PERSON:
            continue  # a surname in the sentence, full names in the options: confusing
        if short:
            # A team's or a company's short name: the forms the article itself uses alone.
            forms = [_short_form(r, facts) for r in rivals]
            options = [m.text, *[f for f in forms if f][:3]]
        else:
            wrong = [w for w in distractors(m, facts, rng, context=blanked) if w not in rivals]
            options = [m.text, rivals[0], *wrong[:2]]
        if len(options) < 3:
            continue  # the subject and its rival alone: a coin toss
        rng.shuffle(options)
        noun = "person" if m.kind is Kind.PERSON else "organisation"
        question = {
            "type": "multiple_choice",
            "prompt": f"Which {noun} completes this sentence from the article? {blanked}",
            "options": options,
            "answer": m.text,
        }
        made.append(_candidate(question, facts, (index, m.start), m.kind, m.canonical, "rival"))
    return made


def _rivals(canonical: str, kind: Kind, facts: Facts) -> list[str]:
    """Other names of `kind` told in at least three sentences, most told first."""
    told: dict[str, set[int]] = {}
    for m in facts.mentions:
        if m.kind is kind and m.canonical != canonical:
            told.setdefault(m.canonical, set()).add(m.sentence)
    ranked = sorted(told, key=lambda name: (-len(told[name]), name))
    return [name for name in ranked if len(told[name]) >= 3]


def _short_form(name: str, facts: Facts) -> str | None:
    forms = sorted(m.text for m in facts.mentions if m.canonical == name and m.text != name)
    return max(forms, key=forms.count) if forms else None


def _story_start(facts: Facts) -> int:
    return next((s.index for s in facts.sentences if s.part is Part.BODY), -1)


# "the first woman to climb", "the first player from Africa to win", "Osterland's first Green
# premier": a distinction the story leads with.
_FIRST = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Hh]er|[Hh]is|[Tt]heir|[A-Z][\w'’-]*['’]s) "
    r"(first((?: [A-Z][\w-]*| [a-z]+){0,2}? (?:woman|man|person|player|rider|runner|driver|"
    r"athlete|team|country|club|[A-Z][a-z]+(?:woman|man)|mayor|premier|president|governor|"
    r"champion|coach|pill|drug)(?: from [A-Z][\w-]+)?))(?= (?:to|elected|in|since)\b|[,.])"
)


def _firsts(index: int, facts: Facts) -> list[Candidate]:
    """ "Solberg became the second woman to climb all 14 ...": false, "first" made "second",
    when the sentence stands on its own and the article calls nobody else the first."""
    text = facts.sentences[index].text
    found = list(_FIRST.finditer(text))
    if len(found) != 1 or _lead_in(index, facts) != "" or _in_quotation(text[: found[0].start()]):
        return []
    match = found[0]
    if re.search(r"\bsince\b", text[match.end(1) :]):
        return []  # "the first team since 1988 to win": "the second since" says something else
    phrase = match.group(1)
    wrong = "second" + phrase[len("first") :]
    swapped = text[: match.start(1)] + wrong + text[match.end(1) :]
    if wrong.casefold() in facts.article.casefold() or len(swapped) > 320:
        return []
    question = {
        "type": "true_false",
        "prompt": swapped,
        "answer": False,
        "explanation": f"False: it is {phrase}, not {wrong}. The article says: {text}",
    }
    weight = importance(phrase, None, index, facts)
    return [
        candidate(
            question,
            facts,
            (index, match.start(1)),
            Kind.NUMBER,
            answer=phrase,
            tags=("first",),
            weight=weight,
        )
    ]
