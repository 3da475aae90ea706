"""The question bank's data model: strict, frozen pydantic models.

Every question type is its own model; `Question` is the discriminated union on `type`.
Rules that involve one field and the fields declared before it live in field validators so
that an error points at the field an instructor has to fix (not at the whole question).
Rules that need the article (source quotes) read it from the validation context.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.text import close_match, closest_passage, normalize_space

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Feedback(StrEnum):
    """When a quiz on the bank tells the student how they did (practice always tells at once)."""

    IMMEDIATE = "immediate"  # after each question
    DEFERRED = "deferred"  # only on the results page, as Moodle's deferred feedback


class QuestionType(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    MULTIPLE_SELECT = "multiple_select"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    NUMERIC = "numeric"
    MATCHING = "matching"
    CLOZE = "cloze"


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        use_enum_values=False,
        allow_inf_nan=False,
    )


class QuestionBase(Strict):
    """Fields every question has."""

    id: Slug
    prompt: Text
    explanation: str = Field(default="", validate_default=True)
    source_quote: str | None = Field(default=None, validate_default=True)
    tags: tuple[Text, ...] = ()
    difficulty: Difficulty = Difficulty.MEDIUM

    @field_validator("explanation")
    @classmethod
    def explained_when_from_article(cls, explanation: str, info: ValidationInfo) -> str:
        if _article(info) is not None and not explanation.strip():
            raise ValueError("explanation is missing; say why the answer is right")
        return explanation

    @field_validator("source_quote")
    @classmethod
    def quote_is_in_article(cls, quote: str | None, info: ValidationInfo) -> str | None:
        article = _article(info)
        if article is None:
            return quote
        if quote is None or not normalize_space(quote):
            raise ValueError(
                "source_quote is missing; copy the sentence of the article that supports the answer"
            )
        if normalize_space(quote) not in normalize_space(article):
            nearest = closest_passage(quote, article)
            hint = f"; the closest passage is {nearest!r}" if nearest else ""
            raise ValueError(
                "this quote is not in the article; copy the span word for word "
                f"(only spacing and line breaks may differ){hint}"
            )
        return quote

    @property
    def content_hash(self) -> str:
        """A short hash of everything but the id: it changes when the question changes."""
        content = self.model_dump(mode="json", exclude={"id"})
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        return digest[:12]


def _article(info: ValidationInfo) -> str | None:
    """The article text when the bank being validated has one (see bank.py)."""
    return (info.context or {}).get("article")


class ItemError(ValueError):
    """A problem with one item of a list field: `index` lets the loader point at its line."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


def _distinct(items: tuple[str, ...], what: str, first_index: int = 0) -> tuple[str, ...]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        key = normalize_space(item).casefold()
        if key in seen:
            message = f"{what} {item!r} is listed twice; each must be different"
            raise ItemError(message, index - first_index)
        seen.add(key)
    return items


def _among(value: str, options: tuple[str, ...] | None, index: int | None = None) -> str:
    if options is None or value in options:
        return value
    hint = close_match(value, options)
    suggestion = f"; did you mean {hint!r}?" if hint else f"; the options are {list(options)}"
    message = f"answer {value!r} is not one of the options{suggestion}"
    raise ValueError(message) if index is None else ItemError(message, index)


class ChoiceQuestion(QuestionBase):
    options: tuple[Text, ...] = Field(min_length=2)
    fixed_order: bool = False  # options shown as written (e.g. "all of the above" last)

    @field_validator("options", mode="before")
    @classmethod
    def at_least_two(cls, options: object) -> object:
        if isinstance(options, (list, tuple)) and len(options) < 2:
            raise ValueError(
                f"needs at least 2 options, found {len(options)}; add plausible wrong answers"
            )
        return options

    @field_validator("options")
    @classmethod
    def options_distinct(cls, options: tuple[str, ...]) -> tuple[str, ...]:
        return _distinct(options, "option")


class MultipleChoice(ChoiceQuestion):
    """One correct option among several."""

    type: Literal["multiple_choice"]
    answer: Text

    @field_validator("answer")
    @classmethod
    def answer_is_an_option(cls, answer: str, info: ValidationInfo) -> str:
        return _among(answer, info.data.get("options"))


class MultipleSelect(ChoiceQuestion):
    """Several correct options; partial credit (see grading.py)."""

    type: Literal["multiple_select"]
    answers: tuple[Text, ...]

    @field_validator("answers")
    @classmethod
    def answers_are_options(cls, answers: tuple[str, ...], info: ValidationInfo) -> tuple:
        if not answers:
            raise ValueError("no correct option; list at least one option under answers")
        for index, answer in enumerate(answers):
            _among(answer, info.data.get("options"), index)
        return _distinct(answers, "answer")


class TrueFalse(QuestionBase):
    """A statement (the prompt) that is true or false."""

    type: Literal["true_false"]
    answer: bool

    @field_validator("answer", mode="before")
    @classmethod
    def real_boolean(cls, answer: object) -> object:
        if not isinstance(answer, bool):
            raise ValueError(f"must be true or false, not {answer!r}")
        return answer


class ShortAnswer(QuestionBase):
    """Free text compared with accepted answers, ignoring case, punctuation and spacing."""

    type: Literal["short_answer"]
    answers: tuple[Text, ...] = Field(min_length=1)
    typo_tolerance: bool = True


class NumericRange(Strict):
    min: float
    max: float

    @model_validator(mode="after")
    def ordered(self) -> NumericRange:
        if self.min > self.max:
            raise ValueError(
                f"range is inverted: min {self.min:g} is greater than max {self.max:g}; swap them"
            )
        return self


class Numeric(QuestionBase):
    """A number: exact, within a tolerance, or inside a range."""

    type: Literal["numeric"]
    answer: float | None = None
    tolerance: float = 0
    range: NumericRange | None = None
    unit: str = ""

    @field_validator("tolerance")
    @classmethod
    def tolerance_not_negative(cls, tolerance: float) -> float:
        if tolerance < 0:
            raise ValueError(f"tolerance {tolerance:g} is negative; use 0 or a positive number")
        return tolerance

    @model_validator(mode="after")
    def answer_or_range(self) -> Numeric:
        if (self.answer is None) == (self.range is None):
            raise ValueError("give either answer (with an optional tolerance) or range, not both")
        return self


class Pair(Strict):
    left: Text
    right: Text


class Matching(QuestionBase):
    """Match every left item to its right item; extra right items act as distractors."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)
    distractors: tuple[Text, ...] = ()
    fixed_order: bool = False  # right items shown as written, not shuffled

    @field_validator("pairs")
    @classmethod
    def sides_distinct(cls, pairs: tuple[Pair, ...]) -> tuple[Pair, ...]:
        _distinct(tuple(p.left for p in pairs), "left item")
        _distinct(tuple(p.right for p in pairs), "right item")
        return pairs

    @field_validator("distractors")
    @classmethod
    def distractors_distinct(cls, distractors: tuple[str, ...], info: ValidationInfo) -> tuple:
        rights = tuple(p.right for p in info.data.get("pairs") or ())
        return _distinct(rights + distractors, "right item", len(rights))[len(rights) :]

    @property
    def right_items(self) -> tuple[str, ...]:
        return tuple(p.right for p in self.pairs) + self.distractors


class Cloze(QuestionBase):
    """A sentence with blanks written as {{answer}} or {{answer|other accepted answer}}."""

    type: Literal["cloze"]
    prompt: Text = "Fill in the blank."
    text: Text
    typo_tolerance: bool = True

    @field_validator("text")
    @classmethod
    def has_blank(cls, text: str) -> str:
        blanks = BLANK.findall(text)
        if not blanks:
            raise ValueError(
                "no blank in the text; mark the missing words with double braces, "
                "e.g. 'troops will land in {{Primorye}}'"
            )
        for blank in blanks:
            if not any(part.strip() for part in blank.split("|")):
                raise ValueError("a blank {{}} is empty; put the accepted answer inside it")
        return text

    @property
    def blanks(self) -> tuple[tuple[str, ...], ...]:
        """Accepted answers for each blank, in order."""
        return tuple(
            tuple(part.strip() for part in blank.split("|") if part.strip())
            for blank in BLANK.findall(self.text)
        )

    @property
    def segments(self) -> list[str]:
        """The text around the blanks: one more segment than there are blanks."""
        return BLANK.split(self.text)[::2]


Question = Annotated[
    MultipleChoice | MultipleSelect | TrueFalse | ShortAnswer | Numeric | Matching | Cloze,
    Field(discriminator="type"),
]

# One question on its own (the importers validate question by question). mypy misreads
# `TypeAdapter(Question)` (an Annotated union) on incremental runs, hence the cast to Any.
QUESTION_ADAPTER: TypeAdapter[Question] = TypeAdapter(cast(Any, Question))


class Source(Strict):
    """The article a bank is made from, relative to the bank file; where and when it appeared."""

    file: Text
    url: str = ""
    date: dt.date | None = None

    @field_validator("url")
    @classmethod
    def web_address(cls, url: str) -> str:
        url = url.strip()
        if url and (not WEB_ADDRESS.fullmatch(url)):
            raise ValueError(
                f"{url!r} is not a web address; write the article's address in full, "
                "starting with https:// or http://"
            )
        return url

    @field_validator("date", mode="before")
    @classmethod
    def calendar_date(cls, value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.date()
        if value is None or isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(
            f"date {value!r} is not a date; write the day the article appeared as "
            "YYYY-MM-DD, e.g. 2017-09-22"
        )


WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
MAX_TIME_LIMIT_MINUTES = 24 * 60


MIN_RETENTION, MAX_RETENTION = 0.7, 0.99
MAX_NEW_PER_DAY = 1000


class FlashcardSettings(Strict):
    """How a bank's flashcards are scheduled (see app/flashcards.py)."""

    desired_retention: float = 0.9
    new_per_day: int = 20

    @field_validator("desired_retention", mode="before")
    @classmethod
    def retention_is_a_share(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(
                f"desired_retention must be a number such as 0.9, not {value!r}; it is the share "
                "of cards a student should still remember when they come back"
            )
        if not MIN_RETENTION <= value <= MAX_RETENTION:
            raise ValueError(
                f"desired_retention {value:g} is out of range; use a share between "
                f"{MIN_RETENTION:g} and {MAX_RETENTION:g} (0.9 means 90% remembered)"
            )
        return value

    @field_validator("new_per_day", mode="before")
    @classmethod
    def new_per_day_is_a_count(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"new_per_day must be a whole number such as 20, not {value!r}; it is how many "
                "new cards a student starts each day"
            )
        if not 0 <= value <= MAX_NEW_PER_DAY:
            raise ValueError(
                f"new_per_day {value} is out of range; use a whole number from 0 to "
                f"{MAX_NEW_PER_DAY}"
            )
        return value


class Bank(Strict):
    id: Slug
    title: Text
    description: str = ""
    source: Source | None = None
    flashcards: FlashcardSettings = FlashcardSettings()
    time_limit_minutes: float | None = None
    feedback: Feedback = Feedback.IMMEDIATE
    questions: tuple[Question, ...]

    @field_validator("feedback", mode="before")
    @classmethod
    def known_feedback(cls, value: object) -> object:
        choices = [mode.value for mode in Feedback]
        if isinstance(value, str) and value in choices:
            return value
        hint = close_match(value, choices) if isinstance(value, str) else None
        tip = f"did you mean {hint!r}? " if hint else ""
        raise ValueError(
            f"feedback must be immediate or deferred, not {value!r}; {tip}immediate shows right "
            "or wrong after each question, deferred only on the results page"
        )

    @field_validator("time_limit_minutes", mode="before")
    @classmethod
    def positive_minutes(cls, minutes: object) -> object:
        if minutes is None:
            return None
        fix = "give the minutes a quiz may take as a number, e.g. 20, or remove the line"
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            raise ValueError(f"time_limit_minutes must be a number, not {minutes!r}; {fix}")
        if not math.isfinite(minutes) or minutes <= 0:
            raise ValueError(f"time_limit_minutes must be more than 0, not {minutes!r}; {fix}")
        if minutes > MAX_TIME_LIMIT_MINUTES:
            raise ValueError(
                f"time_limit_minutes is {minutes:g}, more than a day "
                f"({MAX_TIME_LIMIT_MINUTES}); remove the line for a quiz without a time limit"
            )
        return float(minutes)

    @field_validator("questions", mode="before")
    @classmethod
    def not_empty(cls, questions: object) -> object:
        if isinstance(questions, (list, tuple)) and not questions:
            raise ValueError("the bank has no questions; add at least one under questions:")
        return questions

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
