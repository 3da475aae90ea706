"""Flashcards: every question of a bank is a card, scheduled by FSRS. Pure.

A card's state is stored nowhere: it is replayed from the student's `flashcard` rows of the
score log, in time order, through py-fsrs' `Scheduler` with fuzzing off, so the same rows always
give the same due dates. `now` and the student's time zone are passed in.

A rating is an answer like any other: the page hands it to `quiz.submit` in a one-card sitting
(`review_plan`), whose attempt id names this review of this card, so the same review rated in two
tabs is kept once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import partial
from operator import attrgetter
from typing import NamedTuple

import fsrs

from app.log import AnswerRow, Mode, Rating
from app.models import Bank, FlashcardSettings
from app.quiz import SittingPlan

RATINGS: tuple[Rating, ...] = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)
_FSRS_RATING = {
    Rating.AGAIN: fsrs.Rating.Again,
    Rating.HARD: fsrs.Rating.Hard,
    Rating.GOOD: fsrs.Rating.Good,
    Rating.EASY: fsrs.Rating.Easy,
}
_BY_VALUE = {rating.value: rating for rating in RATINGS}

_TIMESTAMP = attrgetter("timestamp")
MATURE = timedelta(days=21)  # Anki's line between young and mature cards
LEARN_AHEAD = timedelta(minutes=20)  # Anki's default: a learning step this close is shown


class CardState(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


_STATE = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


@dataclass(frozen=True)
class Card:
    """One question as a flashcard, as the student's rows leave it."""

    question_id: str
    scheduled: fsrs.Card | None  # None: new (never rated, or rated before the question changed)
    reviews: int = 0  # ratings of the question as it is now
    all_reviews: int = 0  # every rating of this question, whatever its content then
    changed: bool = False  # rated before, but the question changed since: it starts again

    @property
    def state(self) -> CardState:
        return CardState.NEW if self.scheduled is None else _STATE[self.scheduled.state]

    @property
    def due(self) -> datetime | None:
        return None if self.scheduled is None else self.scheduled.due

    @property
    def interval(self) -> timedelta:
        """How long the card was given at its last rating (0 when new)."""
        card = self.scheduled
        if card is None or card.last_review is None:
            return timedelta(0)
        return card.due - card.last_review

    @property
    def mature(self) -> bool:
        return self.state is CardState.REVIEW and self.interval >= MATURE


class Review(NamedTuple):
    """One replayed rating, for the statistics (a tuple: replays make many)."""

    question_id: str
    at: datetime
    rating: Rating
    state: CardState  # of the card before this rating
    mature: bool  # the card was a mature review card before this rating


@dataclass(frozen=True)
class Deck:
    """A bank's cards for one student at `now`."""

    bank_id: str
    cards: tuple[Card, ...]  # in the bank's order
    reviews: tuple[Review, ...]
    now: datetime
    settings: FlashcardSettings
    new_today: int  # new cards started today, in the student's time zone
    next_day: datetime  # the student's next midnight, when the new-card count starts again

    def card(self, question_id: str) -> Card:
        return next(c for c in self.cards if c.question_id == question_id)

    @property
    def due(self) -> list[Card]:
        """Cards due now (learning steps and reviews), the longest waiting first."""
        due = [c for c in self.cards if c.due is not None and c.due <= self.now]
        return sorted(due, key=_due_of)

    @property
    def new(self) -> list[Card]:
        """Cards never rated as they are now; changed cards first, then the bank's order."""
        new = [c for c in self.cards if c.scheduled is None]
        return sorted(new, key=lambda c: not c.changed)

    @property
    def new_left_today(self) -> int:
        return max(0, self.settings.new_per_day - self.new_today)

    @property
    def next_due(self) -> datetime | None:
        """When the next card that is not due yet comes back (None: every card is new)."""
        later = [c.due for c in self.cards if c.due is not None and c.due > self.now]
        return min(later, default=None)

    def queue(self, *, ahead: bool = False) -> list[Card]:
        """The cards to study now, in order.

        Due cards first, then new cards up to today's limit. When none is left, a learning
        step due within 20 minutes comes early (as in Anki). Studying `ahead` then adds the
        cards not due yet, soonest first, and the new cards beyond today's limit.
        """
        queue = self.due + self.new[: self.new_left_today]
        if not queue:
            soon = self.now + LEARN_AHEAD
            queue = [
                c for c in self.upcoming if c.state is not CardState.REVIEW and _due_of(c) <= soon
            ]
        if not queue and ahead:
            queue = self.upcoming + self.new[self.new_left_today :]
        return queue

    @property
    def upcoming(self) -> list[Card]:
        """Cards not due yet, soonest first."""
        later = [c for c in self.cards if c.due is not None and c.due > self.now]
        return sorted(later, key=_due_of)

    def count(self, state: CardState) -> int:
        return sum(c.state is state for c in self.cards)


def _due_of(card: Card) -> datetime:
    assert card.due is not None
    return card.due


class _FsrsCard(fsrs.Card):
    """py-fsrs' card with a quick copy: `review_card` copies its card on every rating, and
    `copy.copy` of a plain dataclass takes a third of a replay's time."""

    def __copy__(self) -> _FsrsCard:
        card = object.__new__(_FsrsCard)
        card.__dict__ = self.__dict__.copy()
        return card


def scheduler(settings: FlashcardSettings) -> fsrs.Scheduler:
    """FSRS with the bank's desired retention and no fuzzing (replays must agree)."""
    return fsrs.Scheduler(desired_retention=settings.desired_retention, enable_fuzzing=False)


@dataclass(slots=True)
class _Progress:
    content_hash: str = ""
    card: fsrs.Card | None = None
    reviews: int = 0
    all_reviews: int = 0


def replay(bank: Bank, rows: Iterable[AnswerRow], *, now: datetime, tz: tzinfo = UTC) -> Deck:
    """The student's deck for `bank` at `now`, from their rows (any order, any mode).

    A row whose question hash differs from the card's previous rows starts the card again;
    when the question has changed since the last rating, the card is new again (`changed`).
    """
    sched = scheduler(bank.flashcards)
    hashes = {q.id: q.content_hash for q in bank.questions}
    flashcard, bank_id = Mode.FLASHCARD.value, bank.id
    mine = [
        r
        for r in rows
        if r.mode == flashcard
        and r.bank_id == bank_id
        and r.question_id in hashes
        and r.rating in _BY_VALUE
    ]
    mine.sort(key=_TIMESTAMP)  # stable: rows of the same instant keep their order
    progress: dict[str, _Progress] = {}
    counted: set[str] = set()  # review ids: a review rated twice (two tabs) counts once
    reviews: list[Review] = []
    started: list[datetime] = []  # when each new card was first rated
    review_state = fsrs.State.Review
    new_review = partial(tuple.__new__, Review)  # skips NamedTuple's slower keyword __new__
    # One loop with local names: a replay of 100,000 ratings has to take well under a second.
    for row in mine:
        if row.attempt_id in counted:  # a flashcard sitting is one review of one card
            continue
        counted.add(row.attempt_id)
        at = datetime.fromisoformat(row.timestamp)
        if at.tzinfo is not UTC:
            at = at.astimezone(UTC)
        card = progress.get(row.question_id)
        if card is None:
            card = progress[row.question_id] = _Progress()
        card.all_reviews += 1
        if card.content_hash != row.question_hash:  # first rating, or the question changed
            card.content_hash, card.card, card.reviews = row.question_hash, None, 0
        before = card.card
        rating = _BY_VALUE[row.rating]
        if before is None:
            before = _FsrsCard(card_id=0, due=at)
            started.append(at)
            reviews.append(new_review((row.question_id, at, rating, CardState.NEW, False)))
        else:
            state = before.state
            last = before.last_review
            mature = state == review_state and last is not None and before.due - last >= MATURE
            reviews.append(new_review((row.question_id, at, rating, _STATE[state], mature)))
        card.card = sched.review_card(before, _FSRS_RATING[rating], at)[0]
        card.reviews += 1
    cards = []
    for question_id, content_hash in hashes.items():
        card = progress.get(question_id, _Progress())
        current = card.content_hash == content_hash
        cards.append(
            Card(
                question_id=question_id,
                scheduled=card.card if current else None,
                reviews=card.reviews if current else 0,
                all_reviews=card.all_reviews,
                changed=card.all_reviews > 0 and not current,
            )
        )
    today = now.astimezone(tz).date()
    midnight = datetime.combine(today + timedelta(days=1), datetime.min.time(), tz)
    return Deck(
        bank_id=bank.id,
        cards=tuple(cards),
        reviews=tuple(reviews),
        now=now,
        settings=bank.flashcards,
        new_today=sum(at.astimezone(tz).date() == today for at in started),
        next_day=midnight.astimezone(UTC),
    )


def intervals(deck: Deck, card: Card) -> dict[Rating, timedelta]:
    """How long until `card` comes back after each rating given at `deck.now`."""
    sched = scheduler(deck.settings)
    before = card.scheduled or _FsrsCard(card_id=0, due=deck.now)
    now = deck.now.astimezone(UTC)
    return {
        rating: sched.review_card(before, _FSRS_RATING[rating], now)[0].due - now
        for rating in RATINGS
    }


def suggested_rating(score: float | None) -> Rating | None:
    """The rating a typed answer suggests: right Good, partly right Hard, wrong Again."""
    if score is None:
        return None
    if score >= 1:
        return Rating.GOOD
    return Rating.HARD if score > 0 else Rating.AGAIN


def review_id(student: str, bank_id: str, card: Card) -> str:
    """The attempt id of the next rating of `card`: the same in every tab and server, so one
    review rated twice is kept once; a new one after each rating."""
    key = "\0".join((student, bank_id, card.question_id, str(card.all_reviews)))
    return "card-" + hashlib.sha256(key.encode()).hexdigest()[:20]


def review_plan(student: str, bank_id: str, question_id: str, attempt_id: str) -> SittingPlan:
    """The one-card sitting in which a card is rated (its options shuffled per review)."""
    return SittingPlan(
        attempt_id=attempt_id,
        student=student,
        bank_id=bank_id,
        mode=Mode.FLASHCARD,
        only=(question_id,),
    )


def when(delta: timedelta) -> str:
    """`delta` as a student reads it: "in 10 min", "in 3 days", "in 2.5 months"."""
    minutes = delta.total_seconds() / 60
    if minutes < 1:
        return "in under a minute"
    if minutes < 59.5:
        return f"in {round(minutes)} min"
    hours = minutes / 60
    if hours < 23.5:
        return _plural(round(hours), "hour")
    days = hours / 24
    if days < 30.5:
        return _plural(round(days), "day")
    if days < 365:
        return _plural(round(days / 30.44, 1), "month")
    return _plural(round(days / 365.25, 1), "year")


def _plural(amount: float, unit: str) -> str:
    number = f"{amount:g}"
    return f"in {number} {unit}" + ("" if number == "1" else "s")


@dataclass(frozen=True)
class Retention:
    """True retention: of the reviews of cards at least this old, the share not rated Again."""

    reviews: int
    remembered: int

    @property
    def share(self) -> float | None:
        return self.remembered / self.reviews if self.reviews else None


def true_retention(reviews: Sequence[Review], *, mature: bool = True) -> Retention:
    """True retention over the reviews of mature cards (or of young review cards)."""
    counted = [r for r in reviews if r.state is CardState.REVIEW and r.mature is mature]
    return Retention(len(counted), sum(r.rating is not Rating.AGAIN for r in counted))
