"""Whether a drafted question asks about one of the article's main points.

The main points of an article are written by hand in a file beside it (`<name>.points`), as a
person summarising the article would list them: the answers that matter (who won, by how
much, the turnout, the price of a deal), one a line, `#` starts a comment. After a tab, a few
words of the sentence that states the point pin it down when the same answer could mean
something else elsewhere in the article ("61<TAB>Turnout": the turnout, not the 61 percent of
a ballot measure).

A question is about a main point when the answer it expects is one (a true statement: when
its sentence states one; a matching: when every person in it is one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.generate.quantities import find_quantities
from app.text import answer_key, normalize_space


@dataclass(frozen=True)
class Point:
    """One main point: its answer, and words of the sentence that states it (may be empty)."""

    answer: str
    where: str = ""


def read_points(path: Path) -> tuple[Point, ...]:
    """The main points listed in `path`; ValueError names a bad line."""
    points = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) > 2 or not fields[0]:
            raise ValueError(f"{path}:{number}: want an answer, then a tab and words (optional)")
        points.append(Point(*fields))
    return tuple(points)


def is_main_point(question: dict[str, Any], points: tuple[Point, ...]) -> bool:
    """Whether `question` asks about one of `points`."""
    quote = normalize_space(question["source_quote"]).casefold()
    if question["type"] == "true_false" and question["answer"] is True:
        return any(_states(quote, p) for p in points)
    if question["type"] == "matching":
        people = [pair["left"] for pair in question["pairs"]]
        return all(_is_point(person, quote, points) for person in people)
    return any(_is_point(answer, quote, points) for answer in expected_answers(question))


def expected_answers(question: dict[str, Any]) -> list[str]:
    """The answers a question accepts as right, as text."""
    match question["type"]:
        case "multiple_choice":
            return [question["answer"]]
        case "short_answer":
            return list(question["answers"])
        case "cloze":
            return [
                a
                for blank in re.findall(r"\{\{(.*?)\}\}", question["text"])
                for a in blank.split("|")
            ]
        case "numeric":
            number = f"{question['answer']}"
            return [number, f"{number} {question.get('unit', '')}".strip()]
        case "true_false":
            # A false statement asks for the item it swapped out: "False: it is X, not Y."
            found = re.match(r"False: it is (.+?), not ", question.get("explanation", ""))
            return [found.group(1)] if found else []
        case _:
            return []


def _is_point(answer: str, quote: str, points: tuple[Point, ...]) -> bool:
    keys = _keys(answer)
    return any(keys & _keys(p.answer) and p.where.casefold() in quote for p in points)


def _states(quote: str, point: Point) -> bool:
    written = re.search(rf"(?<!\w){re.escape(point.answer.casefold())}(?!\w)", quote)
    return written is not None and point.where.casefold() in quote


def _keys(text: str) -> set[str]:
    """What an answer is: its text, and its value when it is one number ("six" is 6)."""
    keys = {answer_key(text)}
    quantities = find_quantities(text)
    if len(quantities) == 1 and quantities[0].value is not None:
        keys.add(f"={quantities[0].value:g}")
    return keys
