"""Flashcards replayed from the log with FSRS: fixed UTC times, so every interval is exact."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import flashcards, quiz
from app.bank import load_bank
from app.flashcards import CardState, Deck
from app.log import AnswerRow, Mode, Rating, timestamp_of
from app.models import Bank, FlashcardSettings, Question
from app.stores import ScoreStore, open_store
from tests.conftest import BANK_FILE
from tests.test_store_contract import target  # noqa: F401  (a CSV file, a PostgreSQL database)
from tests.test_validation import HEADER, question, write_bank

BANK = load_bank(BANK_FILE).bank
FIRST, SECOND = BANK.questions[0], BANK.questions[1]
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
MIN, DAY = timedelta(minutes=1), timedelta(days=1)


def rating_row(
    q: Question, rating: str, at: datetime, n: int, *, content_hash: str | None = None
) -> AnswerRow:
    return AnswerRow(
        timestamp=timestamp_of(at),
        student="Ana",
        bank_id=BANK.id,
        question_id=q.id,
        question_hash=content_hash or q.content_hash,
        attempt_id=f"review-{q.id}-{n}",
        mode=Mode.FLASHCARD.value,
        response="",
        correct=rating != "again",
        score=float(rating != "again"),
        elapsed_ms=1500,
        rating=rating,
        answer_id=f"answer-{q.id}-{n}",
    )


def with_settings(**settings: float) -> Bank:
    return BANK.model_copy(update={"flashcards": FlashcardSettings(**settings)})


def intervals_of(ratings: list[str], bank: Bank = BANK) -> list[timedelta]:
    """Rate FIRST with `ratings`, each one when the card is due; the interval each gives."""
    rows: list[AnswerRow] = []
    now, gaps = T0, []
    for n, rating in enumerate(ratings):
        rows.append(rating_row(FIRST, rating, now, n))
        card = flashcards.replay(bank, rows, now=now).card(FIRST.id)
        assert card.due is not None
        gaps.append(card.due - now)
        now = card.due
    return gaps


SEQUENCES = {
    "again": (["again"], [MIN]),
    "hard": (["hard"], [5.5 * MIN]),
    "good": (["good"], [10 * MIN]),
    "easy": (["easy"], [8 * DAY]),
    "good six times": (["good"] * 6, [10 * MIN, 2 * DAY, 11 * DAY, 46 * DAY, 163 * DAY, 498 * DAY]),
    "a lapse after a month": (
        ["good"] * 4 + ["again"] + ["good"] * 3,
        [10 * MIN, 2 * DAY, 11 * DAY, 46 * DAY, 10 * MIN, 3 * DAY, 8 * DAY, 19 * DAY],
    ),
    "easy then hard": (["easy", "hard", "good", "easy"], [8 * DAY, 27 * DAY, 85 * DAY, 372 * DAY]),
    "again three times": (
        ["again"] * 3 + ["good"] * 3,
        [MIN, MIN, MIN, 10 * MIN, DAY, DAY],
    ),
}


@pytest.mark.parametrize(("ratings", "expected"), SEQUENCES.values(), ids=SEQUENCES.keys())
def test_rating_sequences_give_these_intervals(ratings: list[str], expected: list[timedelta]):
    assert intervals_of(ratings) == expected


@pytest.mark.parametrize(
    ("retention", "days"),
    [(0.85, [0, 4, 31, 174, 776]), (0.9, [0, 2, 11, 46, 163]), (0.95, [0, 1, 3, 8, 19])],
)
def test_the_banks_desired_retention_sets_the_intervals(retention: float, days: list[int]):
    gaps = intervals_of(["good"] * 5, with_settings(desired_retention=retention))
    assert [gap.days for gap in gaps] == days


def test_the_same_log_always_gives_the_same_deck_whatever_the_stored_order() -> None:
    rng = random.Random(7)
    rows = []
    for n in range(300):
        q = BANK.questions[n % 9]
        rows.append(
            rating_row(q, rng.choice(["again", "hard", "good", "easy"]), T0 + n * 37 * MIN, n)
        )
    now = T0 + 40 * DAY
    first = flashcards.replay(BANK, rows, now=now)
    rng.shuffle(rows)  # rows from two servers may be stored out of time order
    second = flashcards.replay(BANK, rows, now=now)
    assert [(c.question_id, c.due, c.state) for c in first.cards] == [
        (c.question_id, c.due, c.state) for c in second.cards
    ]
    assert [c.question_id for c in first.due] == [c.question_id for c in second.due]
    assert first.reviews == second.reviews


def test_other_modes_banks_and_unknown_questions_are_not_reviews() -> None:
    rated = rating_row(FIRST, "good", T0, 0)
    rows = [
        rated,
        AnswerRow(**{**rated.__dict__, "mode": "quiz", "rating": "", "answer_id": "q"}),
        AnswerRow(**{**rated.__dict__, "bank_id": "other-bank", "answer_id": "o"}),
        AnswerRow(**{**rated.__dict__, "question_id": "gone", "answer_id": "g"}),
    ]
    deck = flashcards.replay(BANK, rows, now=T0 + MIN)
    assert [r.question_id for r in deck.reviews] == [FIRST.id]
    assert deck.card(FIRST.id).reviews == 1


def test_one_review_rated_twice_counts_once() -> None:
    first = rating_row(FIRST, "again", T0, 0)
    twice = AnswerRow(**{**first.__dict__, "rating": "easy", "answer_id": "other-tab"})
    deck = flashcards.replay(BANK, [first, twice], now=T0 + MIN)
    assert deck.card(FIRST.id).reviews == 1
    assert deck.card(FIRST.id).state is CardState.LEARNING  # Again: the first rating kept


def test_a_changed_question_starts_again_as_a_new_card_and_says_so() -> None:
    rows = [rating_row(FIRST, "easy", T0, 0, content_hash="old-hash")]
    deck = flashcards.replay(BANK, rows, now=T0 + 9 * DAY)
    card = deck.card(FIRST.id)
    assert card.state is CardState.NEW and card.changed
    assert card.due is None and card not in deck.due
    assert deck.new[0] is card  # changed cards come first among the new ones

    rows.append(rating_row(FIRST, "good", T0 + 9 * DAY, 1))
    card = flashcards.replay(BANK, rows, now=T0 + 9 * DAY).card(FIRST.id)
    assert not card.changed and card.reviews == 1 and card.all_reviews == 2
    assert card.due == T0 + 9 * DAY + 10 * MIN  # a new card's first Good: 10 minutes


def test_new_cards_per_day_follow_the_students_midnight() -> None:
    bank = with_settings(new_per_day=2)
    new_york = ZoneInfo("America/New_York")  # UTC-5 in January
    late = datetime(2026, 1, 5, 23, 0, tzinfo=new_york)
    rows = [rating_row(q, "good", late, n) for n, q in enumerate(BANK.questions[:2])]

    before_midnight = flashcards.replay(bank, rows, now=late + 30 * MIN, tz=new_york)
    assert before_midnight.new_today == 2 and before_midnight.new_left_today == 0
    assert before_midnight.next_day == datetime(2026, 1, 6, 5, 0, tzinfo=UTC)
    assert all(c.state is not CardState.NEW for c in before_midnight.queue())

    after_midnight = flashcards.replay(bank, rows, now=late + 70 * MIN, tz=new_york)
    assert after_midnight.new_today == 0 and after_midnight.new_left_today == 2
    # the same instant is still the same day in UTC (04:00 and 05:10 on the 6th)
    in_utc = flashcards.replay(bank, rows, now=late + 70 * MIN, tz=UTC)
    assert in_utc.new_left_today == 0


def test_the_queue_shows_due_cards_then_new_ones_then_nothing_until_studying_ahead() -> None:
    bank = with_settings(new_per_day=1)
    rows = [
        rating_row(FIRST, "easy", T0, 0),  # due in 8 days
        rating_row(SECOND, "good", T0 + MIN, 1),  # learning: due 10 min later
    ]
    now = T0 + 20 * MIN
    deck = flashcards.replay(bank, rows, now=now)
    assert deck.new_left_today == 0  # two new cards today, one allowed
    assert [c.question_id for c in deck.queue()] == [SECOND.id]
    assert [c.question_id for c in deck.due] == [SECOND.id]

    rows.append(rating_row(SECOND, "good", now, 2))  # graduates: due in 2 days
    later = now + MIN
    deck = flashcards.replay(bank, rows, now=later)
    assert deck.queue() == [] and deck.due == []
    assert deck.next_due == now + 2 * DAY
    ahead = deck.queue(ahead=True)
    assert [c.question_id for c in ahead[:2]] == [SECOND.id, FIRST.id]  # soonest first
    assert len(ahead) == len(BANK.questions)  # then the new cards beyond today's limit

    next_day = flashcards.replay(bank, rows, now=T0 + DAY)
    assert [c.question_id for c in next_day.queue()] == [BANK.questions[2].id]


def test_a_learning_step_due_within_twenty_minutes_comes_early_when_nothing_else_is_left() -> None:
    bank = with_settings(new_per_day=1)
    rows = [rating_row(FIRST, "good", T0, 0)]  # due in 10 minutes
    deck = flashcards.replay(bank, rows, now=T0 + MIN)
    assert deck.due == [] and [c.question_id for c in deck.queue()] == [FIRST.id]


def test_buttons_say_when_the_card_comes_back() -> None:
    deck = flashcards.replay(BANK, [], now=T0)
    gaps = flashcards.intervals(deck, deck.card(FIRST.id))
    assert {r: flashcards.when(g) for r, g in gaps.items()} == {
        Rating.AGAIN: "in 1 min",
        Rating.HARD: "in 6 min",
        Rating.GOOD: "in 10 min",
        Rating.EASY: "in 8 days",
    }


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=20), "in under a minute"),
        (10 * MIN, "in 10 min"),
        (60 * MIN, "in 1 hour"),
        (5 * 60 * MIN, "in 5 hours"),
        (DAY, "in 1 day"),
        (3 * DAY, "in 3 days"),
        (46 * DAY, "in 1.5 months"),
        (365 * DAY, "in 1 year"),
        (498 * DAY, "in 1.4 years"),
    ],
)
def test_intervals_read_like_words(delta: timedelta, text: str) -> None:
    assert flashcards.when(delta) == text


@pytest.mark.parametrize(
    ("score", "rating"),
    [(None, None), (1.0, Rating.GOOD), (0.5, Rating.HARD), (0.0, Rating.AGAIN)],
)
def test_a_typed_answer_suggests_a_rating(score: float | None, rating: Rating | None) -> None:
    assert flashcards.suggested_rating(score) is rating


def test_true_retention_counts_reviews_of_mature_cards_not_rated_again() -> None:
    ratings = ["good"] * 5 + ["again", "good", "good", "good", "good", "hard"]
    rows, now = [], T0
    for n, rating in enumerate(ratings):
        rows.append(rating_row(FIRST, rating, now, n))
        card = flashcards.replay(BANK, rows, now=now).card(FIRST.id)
        assert card.due is not None
        now = card.due
    deck = flashcards.replay(BANK, rows, now=now)
    # intervals before each rating: 0, 10 min, 2, 11, 46 (mature), 163 (mature) days, ...
    assert [r.mature for r in deck.reviews[:6]] == [False, False, False, False, True, True]
    mature = flashcards.true_retention(deck.reviews)
    assert (mature.reviews, mature.remembered) == (
        sum(r.mature for r in deck.reviews),
        sum(r.mature and r.rating is not Rating.AGAIN for r in deck.reviews),
    )
    assert mature.remembered == mature.reviews - 1  # the one Again was on a mature card
    assert flashcards.true_retention([]).share is None


def test_the_review_id_is_shared_by_tabs_and_new_after_each_rating() -> None:
    deck = flashcards.replay(BANK, [], now=T0)
    first = flashcards.review_id("Ana", BANK.id, deck.card(FIRST.id))
    assert first == flashcards.review_id("Ana", BANK.id, deck.card(FIRST.id))
    assert first != flashcards.review_id("Bo", BANK.id, deck.card(FIRST.id))
    rated = flashcards.replay(BANK, [rating_row(FIRST, "good", T0, 0)], now=T0)
    assert flashcards.review_id("Ana", BANK.id, rated.card(FIRST.id)) != first


def card_sitting(deck: Deck, q: Question) -> quiz.Sitting:
    review = flashcards.review_id("Ana", BANK.id, deck.card(q.id))
    return quiz.plan_questions(BANK, flashcards.review_plan("Ana", BANK.id, q.id, review))


def test_a_rating_goes_through_the_quizs_submit_and_writes_one_flashcard_row() -> None:
    deck = flashcards.replay(BANK, [], now=T0)
    sitting = card_sitting(deck, FIRST)
    refused = quiz.submit(sitting, FIRST, None, now=T0, elapsed_ms=10, answer_id="x")
    assert isinstance(refused, quiz.Refusal) and "Again, Hard, Good or Easy" in refused.reason

    kept = quiz.submit(
        sitting, FIRST, None, now=T0, elapsed_ms=900, answer_id="a1", rating=Rating.AGAIN
    )
    assert isinstance(kept, quiz.Submitted)
    row = kept.row
    assert (row.mode, row.rating, row.correct, row.score, row.response) == (
        "flashcard", "again", False, 0.0, ""
    )  # fmt: skip
    assert row.attempt_id == sitting.plan.attempt_id and row.question_hash == FIRST.content_hash

    again = quiz.submit(
        kept.sitting, FIRST, None, now=T0, elapsed_ms=5, answer_id="a2", rating=Rating.EASY
    )
    assert isinstance(again, quiz.Refusal) and again.reason == quiz.ALREADY_RATED


def test_a_typed_answer_is_kept_with_the_rating_and_wrong_typing_does_not_decide() -> None:
    question = BANK.question("vdv-abbreviation")
    sitting = card_sitting(flashcards.replay(BANK, [], now=T0), question)
    kept = quiz.submit(
        sitting, question, "no idea", now=T0, elapsed_ms=5, answer_id="a", rating=Rating.HARD
    )
    assert isinstance(kept, quiz.Submitted)
    assert (kept.row.response, kept.row.correct, kept.row.rating) == ("no idea", True, "hard")


def test_only_flashcards_are_rated() -> None:
    sitting = quiz.plan_questions(BANK, quiz.SittingPlan("s", "Ana", BANK.id))
    refused = quiz.submit(
        sitting, FIRST, "x", now=T0, elapsed_ms=5, answer_id="a", rating=Rating.GOOD
    )
    assert isinstance(refused, quiz.Refusal) and refused.reason.startswith("Only flashcards")


SETTINGS_ERRORS = {
    "retention too high": (
        "  desired_retention: 1.5",
        "bank.yaml:6:22: flashcards.desired_retention: desired_retention 1.5 is out of range; "
        "use a share between 0.7 and 0.99 (0.9 means 90% remembered)",
    ),
    "retention as text": (
        "  desired_retention: ninety",
        "bank.yaml:6:22: flashcards.desired_retention: desired_retention must be a number such "
        "as 0.9, not 'ninety'",
    ),
    "new per day negative": (
        "  new_per_day: -3",
        "bank.yaml:6:16: flashcards.new_per_day: new_per_day -3 is out of range; use a whole "
        "number from 0 to 1000",
    ),
    "new per day not whole": (
        "  new_per_day: 2.5",
        "bank.yaml:6:16: flashcards.new_per_day: new_per_day must be a whole number such as 20, "
        "not 2.5",
    ),
    "unknown setting": (
        "  new_cards_per_day: 10",
        "bank.yaml:6:3: flashcards.new_cards_per_day: unknown field 'new_cards_per_day'; "
        "did you mean 'new_per_day'?",
    ),
}


@pytest.mark.parametrize(("line", "message"), SETTINGS_ERRORS.values(), ids=SETTINGS_ERRORS.keys())
def test_bad_flashcard_settings_are_located_and_explained(
    tmp_path: Path, line: str, message: str
) -> None:
    from app.bank import BankError

    body = HEADER.replace("questions:\n", f"flashcards:\n{line}\nquestions:\n") + question()
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, body))
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1 and message in problems[0], problems


def test_a_bank_sets_its_own_retention_and_new_cards_per_day(tmp_path: Path) -> None:
    body = HEADER.replace(
        "questions:\n", "flashcards: {desired_retention: 0.85, new_per_day: 5}\nquestions:\n"
    )
    bank = load_bank(write_bank(tmp_path, body + question())).bank
    assert bank.flashcards == FlashcardSettings(desired_retention=0.85, new_per_day=5)
    assert BANK.flashcards == FlashcardSettings(desired_retention=0.9, new_per_day=20)


@pytest.fixture
def store(target: str) -> Iterator[ScoreStore]:  # noqa: F811  (`target` is a fixture)
    opened = open_store(target)
    yield opened
    opened.close()


def test_both_stores_give_back_ratings_that_replay_to_the_same_deck(store: ScoreStore) -> None:
    rng = random.Random(3)
    rows = [
        rating_row(BANK.questions[n % 5], rng.choice(["again", "hard", "good", "easy"]), at, n)
        for n, at in enumerate(T0 + k * 7 * timedelta(hours=5) for k in range(60))
    ]
    store.append(rows[:30])
    for row in rows[30:]:
        store.append([row])
    kept = store.student_rows("Ana")
    assert [(r.rating, r.mode, r.attempt_id) for r in kept] == [
        (r.rating, r.mode, r.attempt_id) for r in rows
    ]
    now = T0 + 30 * DAY
    assert flashcards.replay(BANK, kept, now=now) == flashcards.replay(BANK, rows, now=now)
    frame = store.frame(modes=[Mode.FLASHCARD])
    assert frame["rating"].tolist() == [r.rating for r in rows]
