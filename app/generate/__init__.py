"""Draft a question bank from a plain-text news article, for an instructor to curate.

The facts are found by hand-written rules (regular expressions, capitalisation, and short
word lists of months, titles, role nouns, organisation and place words, countries), not by a
statistical NLP model. The maintained NLP libraries that could do this (spaCy, Stanza, Flair,
NLTK's taggers) all need model files downloaded separately at install or run time: their
maintainers do not publish the models on PyPI (the copies there are third-party re-uploads,
unmaintained), and this tool must work offline with only its declared dependencies. The
rules are predictable, easy to test, and their misses are listed in the README; every
question cites its sentence, so an instructor can check each one at a glance.

Pipeline: sentences -> typed facts -> candidate questions (one per question type a fact
supports) -> a spread, varied selection -> each question's passage with the other
questions' answers hidden -> a bank as plain data (`writer.py` writes YAML).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any

from app.generate.builders import Candidate, candidates_for, true_statement
from app.generate.errors import GenerateError
from app.generate.facts import Facts, extract_facts
from app.generate.hiding import hide_other_answers
from app.generate.outcomes import outcome_candidates
from app.generate.people import matching_candidate, quote_candidates, role_candidates
from app.generate.rank import ranked
from app.generate.review import content_hash
from app.generate.select import FULL_DRAFT, select
from app.generate.sentences import Part

__all__ = [
    "DEFAULT_MAX_QUESTIONS",
    "GenerateError",
    "all_candidates",
    "extract_facts",
    "generate_bank",
    "slug",
]

DEFAULT_MAX_QUESTIONS = 20
# Below any other question's score: a minor detail fills a draft only when nothing else can.
DETAIL_PENALTY = 100.0


def generate_bank(
    article: str, *, article_file: str, max_questions: int = DEFAULT_MAX_QUESTIONS, seed: int = 0
) -> dict[str, Any]:
    """A draft bank for `article` as plain data, in the field order of a hand-written bank.

    `article_file` is the article's path relative to where the bank will be saved; it names
    the bank and goes into `source.file`. The same seed always gives the same bank.
    """
    if not article.strip():
        raise GenerateError("the article is empty")
    if max_questions < 1:
        raise GenerateError("--max must be at least 1")
    facts = extract_facts(article)
    made = ranked(all_candidates(facts, seed, details=True), facts)
    chosen = select([c for c in made if not c.detail], max_questions, seed)
    if len(chosen) < min(max_questions, FULL_DRAFT):
        # Short of a full draft: minor details may fill it, after every other question.
        last = [
            dataclasses.replace(c, score=c.score - DETAIL_PENALTY) if c.detail else c for c in made
        ]
        chosen = select(last, max_questions, seed)
    if not chosen:
        raise GenerateError(
            "found no facts to ask about (names, dates, numbers, roles or quotations); "
            "is it an English news article?"
        )
    # No question shows another's answer: each is hidden as "…" in the others (hiding.py).
    chosen = hide_other_answers(chosen)
    headline = next(
        (s for s in facts.sentences if s.part is Part.HEADLINE), facts.sentences[0]
    ).text
    stem = PurePosixPath(article_file.replace("\\", "/")).stem
    return {
        "id": f"{slug(stem) or 'article'}-draft",
        "title": f"{headline if len(headline) <= 120 else stem} (draft)",
        "description": "Questions drafted by `python -m app generate`; review each one.",
        "source": {"file": article_file},
        "questions": _with_ids(chosen),
    }


def all_candidates(facts: Facts, seed: int = 0, details: bool = False) -> list[Candidate]:
    """Every question the facts support, before selection (minor details too, with
    `details`); each draws its random choices from its own generator (`seeding.py`)."""
    made: list[Candidate] = []
    for mention in facts.mentions:
        made += candidates_for(mention, facts, seed, details)
    for sentence in facts.sentences:
        statement = true_statement(sentence.index, facts)
        made += [statement] if statement else []
    for role in facts.roles:
        made += role_candidates(role, facts, seed)
    for quote in facts.quotes:
        made += quote_candidates(quote, facts, seed)
    made += outcome_candidates(facts, seed)
    matching = matching_candidate(facts, seed)
    return made + ([matching] if matching else [])


def slug(text: str, limit: int = 40) -> str:
    """Lowercase ASCII letters, digits and hyphens: "Sergei Lavrov" -> "sergei-lavrov"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")[:limit].strip("-")


def _with_ids(chosen: list[Candidate]) -> list[dict[str, Any]]:
    """Ids from the question's kind and a hash of its content: they say nothing of the answer
    (ids reach the browser) and stay the same for the same question."""
    questions, taken = [], set()
    for c in chosen:
        kind = "matching" if c.question["type"] == "matching" else c.kind.value
        base = f"{kind}-{content_hash(c.question)}"
        qid, n = base, 2
        while qid in taken:
            qid, n = f"{base}-{n}", n + 1
        taken.add(qid)
        questions.append({"id": qid, **c.question})
    return questions
