"""Time one append to the score log, and one full read, as the log grows; print a markdown table.

Run from the repository root:  .venv/bin/python bench/append_bench.py [--help]
Not a test: the numbers depend on the machine and its disk, so nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.scores import AnswerRow, append_answer, read_log

GOAL_MS = 2.0
SEED_ROWS = 1_000


def sample_row(index: int) -> AnswerRow:
    """A typical row: short ids, a typed answer with a comma and a quote, partial credit."""
    return AnswerRow(
        timestamp="2025-01-02T03:04:05.678+00:00",
        student=f"student-{index % 40:02d}",
        bank_id="russia-paratroopers-drill",
        question_id=f"q{index % 25:02d}",
        question_hash=f"{index * 2654435761 % 2**32:08x}",
        attempt_id=f"{index // 25:010x}",
        mode="quiz",
        response=f'about {index % 700} troops, "the Pskov" division',
        correct=index % 3 != 0,
        score=(index % 5) / 4,
        elapsed_ms=4_000 + index % 9_000,
    )


def build_log(path: Path, rows: int, seed: Path) -> None:
    """Write `rows` rows at once by repeating the encoded lines of a small seed log."""
    header, _, body = seed.read_bytes().partition(b"\n")
    lines = body.splitlines(keepends=True)
    with open(path, "wb") as file:
        file.write(header + b"\n")
        whole, rest = divmod(rows, len(lines))
        block = b"".join(lines)
        for _ in range(whole):
            file.write(block)
        file.write(b"".join(lines[:rest]))


def timed(action: Callable[..., object], *args: object) -> float:
    """Seconds that one call of `action(*args)` takes."""
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(path: Path, appends: int, reads: int) -> tuple[float, float, float, float, int]:
    """Append median and p90 (ms), read_log median (s), the read of one new row after a full
    read (ms, as the app does after each answer), and rows read back."""
    append_times = [timed(lambda i: append_answer(path, sample_row(i)), i) for i in range(appends)]
    read_times = [timed(lambda: read_log(path)) for _ in range(reads)]
    log = read_log(path)
    if log.skipped:
        raise SystemExit(f"{path}: {log.skipped} damaged lines; the benchmark log is broken")
    append_answer(path, sample_row(appends))
    since = timed(lambda: read_log(path, log))
    return (
        statistics.median(append_times) * 1e3,
        percentile(append_times, 0.9) * 1e3,
        statistics.median(read_times),
        since * 1e3,
        len(log.rows),
    )


def main() -> None:
    """Parse options, build each log size in a temporary folder, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100000,1000000", help="rows already in the log")
    parser.add_argument("--appends", type=int, default=200, help="appends timed per size")
    parser.add_argument("--reads", type=int, default=3, help="full reads timed per size")
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to measure")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {platform.machine()}"
    )
    print()
    print(
        f"Goal: append stays flat as the log grows and under {GOAL_MS:g} ms "
        f"({options.appends} appends per size, each locked and fsynced; "
        f"read_log median of {options.reads}, file in the page cache)"
    )
    print()
    print(
        "| rows already in log | file size | append median | append p90 | read_log (full) "
        "| read of one new row | rows read |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    medians, p90s = [], []
    with tempfile.TemporaryDirectory(dir=options.dir, prefix="append-bench-") as folder:
        seed = Path(folder) / "seed.csv"
        for index in range(SEED_ROWS):
            append_answer(seed, sample_row(index))
        for size in sizes:
            path = Path(folder) / f"scores-{size}.csv"
            build_log(path, size, seed)
            megabytes = path.stat().st_size / 1e6
            median_ms, p90_ms, read_s, since_ms, rows = measure(
                path, options.appends, options.reads
            )
            medians.append(median_ms)
            p90s.append(p90_ms)
            print(
                f"| {size:,} | {megabytes:,.1f} MB | {median_ms:.3f} ms | {p90_ms:.3f} ms "
                f"| {read_s:.3f} s | {since_ms:.2f} ms | {rows:,} |"
            )
            path.unlink()
    flat = max(medians) / min(medians)
    print()
    print(
        f"Largest / smallest append median: {flat:.2f}x; "
        f"worst p90 {max(p90s):.3f} ms: {'meets' if max(p90s) < GOAL_MS else 'misses'} the goal."
    )


if __name__ == "__main__":
    main()
