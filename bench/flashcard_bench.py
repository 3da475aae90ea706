"""How long the flashcards page takes to rebuild one student's deck from the score log.

Run: .venv/bin/python bench/flashcard_bench.py [--sizes 10000,100000] [--rounds 5]

For each size it simulates one student who has rated that many flashcards of a 2,000-card deck
over the years (each card rated when due, mostly Good), writes those rows and as many rows of
other students to a CSV score log, and times, round by round in alternating order:

- py-fsrs alone: `Scheduler.review_card` on the same ratings, card objects already made (the
  floor: what the library costs);
- replay: `app.flashcards.replay` on the student's rows in memory;
- warm store + replay: the page's path on a server process that has the log open
  (`student_rows` from the indexed CSV store, then the replay);
- cold store + replay: a fresh process's first page (open and read the whole CSV, then the same).

Each contender reads its own copy of the log, in its own folder. The goal is under 1 s for
100,000 rows. Prints the machine's load average before and after, then a markdown table.
"""

from __future__ import annotations

import argparse
import heapq
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import fsrs  # noqa: E402

from app import flashcards  # noqa: E402
from app.log import AnswerRow, Mode, timestamp_of  # noqa: E402
from app.models import Bank  # noqa: E402
from app.stores.csv_file import append_rows  # noqa: E402
from app.stores.csv_store import CsvStore  # noqa: E402

STUDENT = "Bench student"
CARDS = 2_000
START = datetime(2024, 1, 1, 8, tzinfo=UTC)
RATINGS = ("again", "hard", "good", "easy")
WEIGHTS = (0.1, 0.1, 0.7, 0.1)


def deck_bank() -> Bank:
    questions = [
        {"id": f"card-{i}", "type": "short_answer", "prompt": f"Card {i}?", "answers": [str(i)]}
        for i in range(CARDS)
    ]
    return Bank.model_validate({"id": "bench-deck", "title": "Bench deck", "questions": questions})


def simulate(bank: Bank, reviews: int, seed: int = 0) -> list[AnswerRow]:
    """`reviews` ratings of one student, each card rated when it is due (new cards as needed)."""
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    hashes = [q.content_hash for q in bank.questions]
    due: list[tuple[datetime, int]] = []
    cards: dict[int, fsrs.Card] = {}
    rows = []
    clock, next_new = START, 0
    for n in range(reviews):
        if next_new < CARDS and (not due or due[0][0] > clock):
            index, at = next_new, clock
            cards[index] = fsrs.Card(card_id=index, due=at)
            next_new += 1
        else:
            at, index = heapq.heappop(due)
        clock = max(clock, at) + timedelta(seconds=rng.randint(5, 40))
        rating = rng.choices(RATINGS, WEIGHTS)[0]
        cards[index], _ = scheduler.review_card(
            cards[index], fsrs.Rating(RATINGS.index(rating) + 1), clock
        )
        heapq.heappush(due, (cards[index].due, index))
        rows.append(
            AnswerRow(
                timestamp=timestamp_of(clock),
                student=STUDENT,
                bank_id=bank.id,
                question_id=f"card-{index}",
                question_hash=hashes[index],
                attempt_id=f"review-{n}",
                mode=Mode.FLASHCARD.value,
                response="",
                correct=rating != "again",
                score=float(rating != "again"),
                elapsed_ms=rng.randint(800, 9000),
                rating=rating,
                answer_id=f"answer-{n}",
            )
        )
    return rows


def others(rows: list[AnswerRow]) -> list[AnswerRow]:
    """As many rows again, of 50 other students (the log is shared by the class)."""
    return [
        AnswerRow(**{**row.__dict__, "student": f"other-{n % 50}", "answer_id": f"o-{n}"})
        for n, row in enumerate(rows)
    ]


def fsrs_alone(rows: list[AnswerRow]) -> Callable[[], object]:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    steps = [
        (
            row.question_id,
            fsrs.Rating(RATINGS.index(row.rating) + 1),
            datetime.fromisoformat(row.timestamp),
        )
        for row in rows
    ]

    def run() -> object:
        cards: dict[str, fsrs.Card] = {}
        for question_id, rating, at in steps:
            card = cards.get(question_id) or fsrs.Card(card_id=0, due=at)
            cards[question_id] = scheduler.review_card(card, rating, at)[0]
        return cards

    return run


def contenders_for(
    bank: Bank, rows: list[AnswerRow], now: datetime, warm: CsvStore, cold_log: Path
) -> dict[str, Callable[[], object]]:
    def cold() -> object:
        store = CsvStore(cold_log)
        try:
            return flashcards.replay(bank, store.student_rows(STUDENT), now=now)
        finally:
            store.close()

    return {
        "py-fsrs alone (floor)": fsrs_alone(rows),
        "replay (rows in memory)": lambda: flashcards.replay(bank, rows, now=now),
        "warm store + replay": lambda: flashcards.replay(bank, warm.student_rows(STUDENT), now=now),
        "cold store + replay": cold,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="rows of the student, comma separated"
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each contender")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    bank = deck_bank()
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"fsrs {metadata.version('fsrs')}"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    lines = []
    with tempfile.TemporaryDirectory(prefix="flashcard-bench-") as tmp:
        for size in sizes:
            rows = simulate(bank, size)
            now = datetime.fromisoformat(rows[-1].timestamp) + timedelta(hours=1)
            source = Path(tmp) / f"log-{size}.csv"
            append_rows(source, rows + others(rows))
            folders = {}
            for name in ("warm", "cold"):
                folder = Path(tmp) / f"{name}-{size}"
                folder.mkdir()
                shutil.copy(source, folder / "scores.csv")
                folders[name] = folder / "scores.csv"
            warm = CsvStore(folders["warm"])
            warm.student_rows(STUDENT)  # the server process has read the log once

            contenders = contenders_for(bank, rows, now, warm, folders["cold"])
            times: dict[str, list[float]] = {name: [] for name in contenders}
            order = list(contenders)
            for round_number in range(args.rounds):
                # alternate the order round by round, so no contender always runs first
                for name in order if round_number % 2 == 0 else reversed(order):
                    started = time.perf_counter()
                    contenders[name]()
                    times[name].append(time.perf_counter() - started)
            deck = flashcards.replay(bank, rows, now=now)
            floor = statistics.median(times["py-fsrs alone (floor)"])
            for name, measured in times.items():
                median = statistics.median(measured)
                lines.append(
                    f"| {size:,} | {name} | {median * 1000:.0f} ms | {min(measured) * 1000:.0f} ms "
                    f"| {median / floor:.2f}x |"
                )
            new = deck.count(flashcards.CardState.NEW)
            print(f"{size:,} rows: {len(deck.due)} cards due, {new} new, since {rows[0].timestamp}")
            warm.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| student's rows | contender | median | best | / floor |")
    print("|---|---|---|---|---|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
