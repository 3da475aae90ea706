"""What else a typed answer could be: the texts that are never a typo of a right answer. Pure.

A typed answer equal to another option, to another question's answer or to a name in the
article means the student thought of that thing, not that they misspelled the right one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import assert_never

from app.generate.names import find_names
from app.models import (
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.text import answer_key


@lru_cache(maxsize=16)
def rivals_of(bank: Bank, article: str = "") -> frozenset[str]:
    """Answer keys of every option, answer and item in `bank`, and of the article's names.

    A question's own right answers are among them; grading compares with those first.
    """
    texts = [text for question in bank.questions for text in _texts(question)]
    texts += [name.text for name in find_names(article)] if article else []
    return frozenset(key for key in map(answer_key, texts) if key)


def _texts(question: Question) -> list[str]:
    match question:
        case MultipleChoice() | MultipleSelect():
            return list(question.options)
        case ShortAnswer():
            return list(question.answers)
        case Matching():
            return [p.left for p in question.pairs] + list(question.right_items)
        case Cloze():
            return [answer for blank in question.blanks for answer in blank]
        case TrueFalse() | Numeric():
            return []
        case _:
            assert_never(question)
