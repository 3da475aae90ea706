"""No question of a draft shows another question's answer: after `select` has chosen the
draft, every occurrence of another question's answer in what a question shows before it is
answered is hidden as "…", so that the passage still reads ("Revenue rose 12 percent to
$_____ billion" beside "Revenue rose _____ percent to $4.5 billion" becomes "Revenue rose …
percent to $_____ billion"); a passage that would no longer read stays whole (see the end).

What a question shows before it is answered, and so where answers are hidden:

- multiple choice, multiple select, short answer, numeric: the prompt's passage, after its
  question ("... of the article? "); a prompt with no passage is the question itself and stays;
- cloze: the text around its own blanks (never inside a blank);
- never the options of a choice question, nor the items of a matching question: they are the
  question's own answers to choose from. An option equal to another question's answer stays,
  because an option is a guess the question offers, not a fact the article states: seeing
  "Linda Brooks" among the options of "who said ...?" tells nothing of which blank she fills.
  Hiding an option would leave "…" to choose, and dropping one would change what is asked;
- never a true or false statement: its prompt is the claim to judge, and a claim with a hole
  ("The council voted … to 4") can no longer be judged true or false. The selector keeps a
  statement apart from the questions on its own sentence (`select._shows`), where the
  answers it shows are most often the other question's very fact. A statement may still
  name a person or a number that another question asks of another sentence (106 of the 348
  statements in the tuning drafts of round 16 did): not cut out of the claim, the selector
  does not draft such a statement beside that question (`shows_answer`, round 17) unless
  the article is too short for FULL_DRAFT questions otherwise (then 49 of 321 still do, 38
  of them beside a question on their own sentence);
- never the source quote or the explanation: a student sees them only after answering.

What counts as a question's answer: what the student gives, and every alternative the
question stores as accepted (a cloze blank's "{{Elena Park|Park}}", a short answer's list: a
surname, an acronym). A multiple-choice answer that is a person's full name counts with the
surname, as a short answer on that person would accept it: among full-name options, "Brooks
said" in another prompt points at one. A false statement counts with the item it swapped out
("False: it is 15,000, not 18,000"): a passage showing "15,000 fans" judges it. A true
statement and a matching question have no answer to hide (a matching's answer is which item
goes with which; the selector keeps a matching apart from questions on its pairs).

Only answers specific enough to stand for the fact are hidden, so that a common word or a
number told of something else is left alone:

- a number ("15", "4.5", "62,418", "six") followed by the word its own question has right
  after its blank: its unit or the word that goes on ("12 percent", "6,000 people", "38 who
  will work"); the number is hidden, the word stays ("… percent"). In the tuning drafts of
  round 16, every number shown again in its own sentence (727) came with that word; of the
  23 shown in another sentence without it, nearly all were another fact ("children under
  12" beside "12 percent", "4:30 a.m." beside "30 feet", "24-17" beside "17 minutes"), and
  the odd same fact in other words ("31 residents", "the 31 victims") stays shown;
- a number whose own question has no word after its blank (a year that ends a clause:
  "in _____, the"), alone, when written with two digits or more: a bare "3" or "two"
  turns up in many sentences for other reasons;
- an answer of two words or more, ignoring case ("Harbor Heights", "July 15, 2024");
- a single word only when it is a name: an acronym of two capitals or more ("FTC"), or a
  capitalised word of three letters or more ("Brooks", "Primorye"), matched with its capital
  so that "Young" does not hide "young"; never a lowercase word ("second", "mayor"). A name
  word is hidden with the rest of the name it is written in ("Frank Delacroix" for an
  accepted "Delacroix", "Delford Chemical" for "Delford"), so that no half-name is left
  ("Frank …"); a title before it stays ("Police Chief …").

Each match is on word boundaries, the longest answer first where two overlap ("Linda Brooks"
before "Brooks"). A question never hides its own answers.

So that what is left still reads as the article's sentence:

- hides with only a space between them are one "…" ("beat Westbridge City 2-1 at" reads
  "beat … at", not "beat … … at");
- a parenthesis that would hold only "…" goes, with the space before it: "The Harnbury
  Transit Authority (HTA) said" reads "The … said", never "The … (…) said";
- a person's name (the answer of a question on a person) that opens the passage, followed
  by an age or "'s", is the subject the question's blank is about and stays: "Okafor, 23,
  has now scored _____ goals", "Marchetti's attorney, _____, said" (not "…, 23, has now
  scored", "…'s attorney"), even though another question asks for that name;
- a question that would show more than MAX_HIDDEN_SPANS (2) "…" hides nothing and stays as
  the rules drafted it: with three or more the passage is a broken sentence ("…, a Norwegian
  mountaineer who ... all … of ... higher than … metres ... at her home in …, Norway. She was
  _____."). Those are most often several questions on one lead sentence; they show each
  other's answers, for the reviewer or the selector to settle. In the tuning drafts of round
  16, 129 questions were left whole this way, and 7 others by the rule on a subject; with at
  most three questions a sentence (select.MAX_PER_SENTENCE, round 17), 65 are.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Any

from app.generate.builders import Candidate, surname
from app.generate.kinds import Kind
from app.generate.lexicon import (
    CAPITALISED_STOPWORDS,
    DEMONYMS,
    MONTHS,
    ROLE_WORDS,
    TITLES,
    WEEKDAYS,
)
from app.models import BLANK as CLOZE_BLANK
from app.numbers import parse_number
from app.text import HIDDEN, answer_key

# What a reviewer of a draft is told when a prompt holds a hidden answer
# (`app.text.shows_hidden`).
HIDDEN_NOTE = (
    f"“{HIDDEN}” in a question stands for another question's answer, hidden so that one "
    "question does not give another away."
)

# At most this many "…" in what one question shows: with three or more the passage reads as
# a broken sentence ("…, a Norwegian mountaineer who ... all … of ... higher than … metres
# ... at her home in …, Norway. She was _____."), so such a question hides nothing.
MAX_HIDDEN_SPANS = 2
_PROMPT_BLANK = "_____"
# Where a prompt's passage begins: after its question ("... of the article? ").
_STEM_END = "? "
# After a person's name that opens the passage, what makes it the sentence's subject: an age
# ("Okafor, 23, has") or a possessive ("Marchetti's attorney").
_AGE_OR_POSSESSIVE = re.compile(r",\s\d{1,3},|['’]s(?!\w)")
_DIGIT = re.compile(r"\d")
# The word (or per cent sign) right after a question's own blank: its unit.
_UNIT_AFTER = re.compile(r"^\s?(%|[A-Za-z]+)")
_FALSE_ITEM = re.compile(r"False: it is (.+?), not ")
# A capitalised word that may be part of a name, as a regular expression: not a title, a
# month, a weekday, or a word that opens a sentence.
_NOT_NAME = sorted(
    {w.rstrip(".") for w in CAPITALISED_STOPWORDS | TITLES | set(MONTHS) | set(WEEKDAYS)}
    | {w.capitalize() for w in ROLE_WORDS}  # "Town Manager …", "Coroner …", not "…"
    | set(DEMONYMS)  # "ahead of American …"
    | {"State"}  # "Secretary of State …"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME)
_NAME_WORD = rf"(?!(?:{'|'.join(_NOT_NAME)})(?![\w&-]))[A-Z][\w&-]*"


def expected_answers(
    question: dict[str, Any], kind: Kind | None = None, written: str = ""
) -> tuple[str, ...]:
    """The answers `question` takes as right, as text, with the alternatives it accepts (see
    the module's docstring). `kind` is what the answer is (a person's full name brings their
    surname); `written` is a numeric answer as the article writes it ("62,418" for 62418)."""
    match question["type"]:
        case "multiple_choice":
            answer = str(question["answer"])
            last = surname(answer) if kind is Kind.PERSON else None
            return _distinct([answer, last] if last else [answer])
        case "multiple_select" | "short_answer":
            return _distinct([str(a) for a in question["answers"]])
        case "cloze":
            return _distinct(
                [
                    a.strip()
                    for blank in CLOZE_BLANK.findall(question["text"])
                    for a in blank.split("|")
                ]
            )
        case "numeric":
            return _distinct([written] if written else _number_forms(question.get("answer")))
        case "true_false" if question["answer"] is False and "winner" not in question.get(
            "tags", ()
        ):
            found = _FALSE_ITEM.match(question.get("explanation", ""))
            return (found.group(1),) if found else ()
        case _:
            return ()


def answer_pattern(answer: str, unit: str = "") -> str | None:
    """A regular expression that finds `answer` where another question shows it, or None when
    `answer` is not specific enough to hide (see the module's docstring); `unit` is the word
    right after the answer's blank in its own question ("percent", "people", "who")."""
    answer = " ".join(answer.split())
    if not answer:
        return None
    escaped = re.escape(answer).replace(r"\ ", r"\s+")
    number = parse_number(answer) is not None
    if " " in answer and not number:
        return rf"(?i:(?<!\w){escaped}(?!\w))"
    if number or _DIGIT.search(answer):
        bounded = rf"(?<!\w)(?<!\d[.,:]){escaped}(?![.,:]\d)(?!\w)"
        if unit:
            after = re.escape(unit) + ("" if unit == "%" else r"(?!\w)")
            return rf"(?i:{bounded}(?=\s?{after}))"
        return bounded if len(_DIGIT.findall(answer)) >= 2 else None
    if _name_word(answer) and answer not in _NOT_NAME_WORDS:  # not "May" the month
        # With the rest of the name it stands in: "Frank Delacroix" for "Delacroix", "Delford
        # Chemical" for "Delford"; not a title or a word that opens a sentence ("Police Chief
        # …", "The …").
        return rf"(?<!\w)(?:{_NAME_WORD}\s)*{escaped}(?:\s{_NAME_WORD})*(?!\w)"
    return None


def shown_unit(question: dict[str, Any]) -> str:
    """The word right after the question's own (first) blank in what it shows ("percent" in
    "rose _____ percent", "%" in "{{3}}%"), or ""."""
    if question["type"] == "cloze":
        parts = CLOZE_BLANK.split(question["text"], maxsplit=1)
        after = parts[2] if len(parts) == 3 else ""
    else:
        _, found, after = str(question.get("prompt", "")).partition(_PROMPT_BLANK)
        after = after if found else ""
    unit = _UNIT_AFTER.match(after)
    return unit.group(1) if unit else ""


def hide(
    text: str, patterns: Sequence[str], people: Sequence[str] = (), passage_at: int | None = None
) -> str:
    """`text` with every match of `patterns` replaced by HIDDEN; where two overlap, the one
    listed first wins (list the longest answers first). Hides side by side become one "…",
    and a parenthesis that would hold only "…" goes with the space before it ("The … (…)
    said" reads "The … said"). `people` are the patterns of a person's name: one that opens
    the passage at `passage_at`, followed by an age or "'s" ("Okafor, 23, has", "Marchetti's
    attorney"), is the sentence's subject and stays."""
    return _write(text, _spans(text, patterns, people, passage_at))[0]


def hide_in(
    question: dict[str, Any], patterns: Sequence[str], people: Sequence[str] = ()
) -> dict[str, Any]:
    """A copy of `question` with `patterns` hidden in what it shows before it is answered: its
    prompt, and a cloze's text outside its blanks (`hide`; `people`: the patterns of a
    person's name, see there). A true or false statement is unchanged, and so is a question
    that would show more than MAX_HIDDEN_SPANS hides."""
    if question["type"] == "true_false" or not patterns:
        return question
    changed = dict(question)
    shown = 0
    if question["type"] not in ("matching", "cloze"):
        # Only the passage after the question's own stem ("... of the article? "): a prompt
        # with no passage ("who is the chief executive of Harbor Heights Bank?") is the question
        # itself, and stays as it is.
        prompt = question["prompt"]
        at = prompt.find(_STEM_END)
        if at >= 0:
            opens = at + len(_STEM_END)
            passage, n = _write(prompt[opens:], _spans(prompt[opens:], patterns, people, 0))
            changed["prompt"] = prompt[:opens] + passage
            shown += n
    if question["type"] == "cloze":
        pieces = CLOZE_BLANK.split(question["text"])  # text, blank, text, blank, ..., text
        written = []
        for i, piece in enumerate(pieces):
            if i % 2:
                written.append("{{" + piece + "}}")
                continue
            text, n = _write(piece, _spans(piece, patterns, people, 0 if i == 0 else None))
            written.append(text)
            shown += n
        changed["text"] = "".join(written)
    if shown > MAX_HIDDEN_SPANS:
        return question
    return changed if changed != question else question


def hide_answers(
    questions: Sequence[dict[str, Any]],
    answers: Sequence[Sequence[str]],
    people: Sequence[bool] = (),
) -> list[dict[str, Any]]:
    """`questions` (one draft), each with the specific answers of every other question hidden
    in what it shows; `answers[i]` are the answers of `questions[i]` (`expected_answers`),
    and `people[i]` says whether they are a person's name (none are when it is empty)."""
    patterns = [
        _specific(tuple(own), shown_unit(question))
        for question, own in zip(questions, answers, strict=True)
    ]
    person = list(people) or [False] * len(questions)
    hidden = []
    for i, question in enumerate(questions):
        mine = {answer_key(a) for a in answers[i]}
        others = {
            (a, p, person[j])
            for j, listed in enumerate(patterns)
            if j != i
            for a, p in listed
            if answer_key(a) not in mine
        }
        # Longest first, then by text: the same draft always hides the same way.
        ordered = sorted(others, key=lambda entry: (-len(entry[0]), entry[0], entry[1]))
        names = [p for _, p, is_person in ordered if is_person]
        hidden.append(hide_in(question, [p for _, p, _ in ordered], names))
    return hidden


def candidate_answers(c: Candidate) -> tuple[str, ...]:
    """`expected_answers` of a candidate question (its kind, and a number as written)."""
    return expected_answers(c.question, c.kind, c.answer if c.question["type"] == "numeric" else "")


def shows_answer(text: str, c: Candidate) -> bool:
    """Whether `text` shows an answer of `c` that `hide_answers` would hide there: one specific
    enough to stand for the fact (`answer_pattern`, with the unit after `c`'s own blank)."""
    specific = _specific(candidate_answers(c), shown_unit(c.question))
    return any(_compiled(pattern).search(text) for _, pattern in specific)


@functools.lru_cache(maxsize=4096)
def _specific(answers: tuple[str, ...], unit: str) -> tuple[tuple[str, str], ...]:
    """Each of `answers` specific enough to hide, with its pattern (`answer_pattern`); `unit`
    is the word after their question's own blank. Cached: the selector asks it of every pair
    of candidates it weighs."""
    found = ((a, answer_pattern(a, unit)) for a in answers)
    return tuple((a, p) for a, p in found if p is not None)


def hide_other_answers(chosen: Sequence[Candidate]) -> list[Candidate]:
    """The chosen draft with no question showing another question's answer (`hide_answers`)."""
    answers = [candidate_answers(c) for c in chosen]
    people = [c.kind is Kind.PERSON for c in chosen]
    questions = hide_answers([c.question for c in chosen], answers, people)
    return [
        c if q is c.question else dataclasses.replace(c, question=q)
        for c, q in zip(chosen, questions, strict=True)
    ]


def _spans(
    text: str, patterns: Sequence[str], people: Sequence[str], passage_at: int | None
) -> list[tuple[int, int]]:
    """Where `hide` hides in `text`: the matches of `patterns` (the first listed wins), less a
    person's name that opens the passage before an age or "'s", with hides that only a space
    parts joined into one."""
    found: list[tuple[int, int]] = []
    for pattern in patterns:  # each compiled once (a draft's patterns recur in every prompt)
        for match in _compiled(pattern).finditer(text):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in found):
                found.append((start, end))
    found.sort()
    if found and people and found[0][0] == passage_at:
        start, end = found[0]
        person = any(_compiled(p).fullmatch(text[start:end]) for p in people)
        if person and _AGE_OR_POSSESSIVE.match(text, end):
            found = found[1:]
    joined: list[tuple[int, int]] = []
    for start, end in found:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# Answer patterns hold the name-word test (`_NAME_WORD`), long to compile; a server that drafts
# many articles keeps the most recent.
_compiled = functools.lru_cache(maxsize=4096)(re.compile)


def _write(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, int]:
    """`text` with `spans` hidden, and how many "…" it shows: a span that is all a
    parenthesis holds is dropped with the parenthesis and the space before it."""
    pieces, at, shown = [], 0, 0
    for start, end in spans:
        if start > at and text[start - 1] == "(" and text[end : end + 1] == ")":
            before = start - 1
            while before > at and text[before - 1].isspace():
                before -= 1
            pieces.append(text[at:before])
            at = end + 1
        else:
            pieces += [text[at:start], HIDDEN]
            shown += 1
            at = end
    pieces.append(text[at:])
    return "".join(pieces), shown


def _name_word(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) >= 2 and letters.isupper():
        return True  # an acronym: "FTC", "UN"
    return word[:1].isupper() and len(word) >= 3


def _number_forms(value: object) -> list[str]:
    """A numeric answer as an article may write it: 62418 as "62,418" and "62418"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return []
    if isinstance(value, float) and not value.is_integer():
        return [f"{value:g}"]
    return [f"{int(value):,}", f"{int(value)}"]


def _distinct(answers: list[str]) -> tuple[str, ...]:
    """`answers` trimmed, each once, in order. Exact text, unlike `builders._distinct` (by
    answer key): "U.S." and "US" are matched in prompts as written."""
    return tuple(dict.fromkeys(a.strip() for a in answers if a.strip()))
