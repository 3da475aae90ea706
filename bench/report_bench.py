"""The class report over a big score log, and the instructors' bank list, each in a fresh process.

    .venv/bin/python bench/report_bench.py [--rows 1000000] [--rounds 3] [--banks 100]

1. `python -m app report --scores LOG --by question` (whole process: start, imports, read,
   report, print) against a bare `python -c "pandas.read_csv(LOG)"` of the same file; target:
   at most 2.5x. The contenders alternate round by round, each run from its own folder.
2. The bank list (`app.bank_list.list_bank_files`, what /banks shows) of `--banks` banks of 100
   questions each, timed inside a fresh process (cold: nothing cached); target: under 0.5 s.

Prints the load average before and after, then markdown tables.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.log import AnswerRow, Mode  # noqa: E402
from app.stores import csv_file  # noqa: E402

QUESTIONS_PER_BANK = 20
LOG_BANKS = 10


def write_banks(folder: Path, banks: int, questions: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for b in range(banks):
        lines = [f"# bench bank {b}", f"id: bank-{b:03d}", f"title: Bench bank {b}", "questions:"]
        for q in range(questions):
            lines += [
                f"  - id: q{q:03d}",
                "    type: multiple_choice",
                f"    prompt: Which option is right in question {q} of bank {b}?",
                "    options:",
                *(f"      - Option {o}" for o in "ABCD"),
                "    answer: Option A",
                "    tags: [bench]",
                "",
            ]
        (folder / f"bank-{b:03d}.yaml").write_text("\n".join(lines) + "\n")


def write_log(path: Path, rows: int, questions_dir: Path) -> None:
    """A class log: students take quizzes of 20 questions on 10 banks, some more than once."""
    sys.path.insert(0, str(REPO))
    from app.bank import load_bank

    hashes = {
        b: [q.content_hash for q in load_bank(questions_dir / f"bank-{b:03d}.yaml").bank.questions]
        for b in range(LOG_BANKS)
    }
    batch: list[AnswerRow] = []
    n = 0
    sitting = 0
    while n < rows:
        student = f"student-{sitting % 4000:04d}"
        bank = sitting % LOG_BANKS
        mode = Mode.QUIZ if sitting % 7 else Mode.PRACTICE
        for q in range(QUESTIONS_PER_BANK):
            right = (sitting * 31 + q * 17) % 10 < 6 + (q % 3)
            choice = "Option A" if right else f"Option {'BCD'[(sitting + q) % 3]}"
            seconds = n // 10
            batch.append(
                AnswerRow(
                    timestamp=f"2024-{1 + seconds // 2_600_000 % 12:02d}-"
                    f"{1 + seconds // 86_400 % 28:02d}T{seconds // 3600 % 24:02d}:"
                    f"{seconds // 60 % 60:02d}:{seconds % 60:02d}.000+00:00",
                    student=student,
                    bank_id=f"bank-{bank:03d}",
                    question_id=f"q{q:03d}",
                    question_hash=hashes[bank][q],
                    attempt_id=f"a{sitting:09d}",
                    mode=mode.value,
                    response=choice,
                    correct=right,
                    score=1.0 if right else 0.0,
                    elapsed_ms=4000 + q,
                    answer_id=f"{sitting:09d}{q:03d}",
                )
            )
            n += 1
            if n >= rows:
                break
        sitting += 1
        if len(batch) >= 100_000:
            csv_file.append_rows(path, batch)
            batch = []
    csv_file.append_rows(path, batch)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed:\n{done.stderr}")
    return elapsed


def bank_list_seconds(folder: Path, env: dict[str, str], cwd: Path) -> tuple[float, int]:
    probe = (
        "import time, sys; from pathlib import Path; from app.bank_list import list_bank_files;"
        "t = time.perf_counter(); files, _ = list_bank_files(Path(sys.argv[1]));"
        "print(time.perf_counter() - t, sum(1 for f in files if f.bank))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(folder)], cwd=cwd, env=env, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    seconds, valid = done.stdout.split()
    return float(seconds), int(valid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--banks", type=int, default=100)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        root = Path(tmp)
        questions = root / "questions"
        write_banks(questions, LOG_BANKS, QUESTIONS_PER_BANK)
        log = root / "scores.csv"
        write_log(log, args.rows, questions)
        os.sync()  # written out now, not by the kernel during the first rounds
        size_mb = log.stat().st_size / 1e6
        folders = {name: root / name for name in ("report", "pandas")}
        for folder in folders.values():
            folder.mkdir()
        commands = {
            "report": [sys.executable, "-m", "app", "report", "--scores", str(log)],
            "pandas": [sys.executable, "-c", "import sys, pandas; pandas.read_csv(sys.argv[1])",
                       str(log)],
        }  # fmt: skip
        report_env = {**env, "QUIZ_QUESTIONS_DIR": str(questions)}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.rounds):
            order = list(commands) if round_number % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(timed(commands[name], folders[name], report_env))
        report_median = statistics.median(times["report"])
        pandas_median = statistics.median(times["pandas"])
        print(f"\n### Class report over {args.rows:,} rows ({size_mb:.0f} MB), whole process\n")
        print("| contender | median | all runs | ratio |")
        print("|---|---|---|---|")
        for name, label in (
            ("pandas", "bare `pandas.read_csv`"),
            ("report", "`python -m app report`"),
        ):
            runs = ", ".join(f"{t:.2f}" for t in times[name])
            median = statistics.median(times[name])
            print(f"| {label} | {median:.2f} s | {runs} | {median / pandas_median:.2f}x |")
        print(f"\ntarget: at most 2.5x; measured {report_median / pandas_median:.2f}x")

        banks = root / "banks"
        write_banks(banks, args.banks, 100)
        listings = [bank_list_seconds(banks, env, REPO) for _ in range(args.rounds)]
        print(f"\n### Bank list of {args.banks} banks of 100 questions, cold (fresh process)\n")
        print("| runs (s) | median | valid banks |")
        print("|---|---|---|")
        seconds = [r[0] for r in listings]
        print(f"| {', '.join(f'{s:.2f}' for s in seconds)} | {statistics.median(seconds):.2f} s "
              f"| {listings[0][1]} |")  # fmt: skip
        print("\ntarget: under 0.5 s")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
