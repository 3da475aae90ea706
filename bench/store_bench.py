"""The score stores at 10k, 100k and 1M rows: append, cold read, resume and progress.

Run: .venv/bin/python bench/store_bench.py [--sizes 10000,100000,1000000] [--rounds 3]

Contenders: the CSV store, the PostgreSQL store (a throwaway PostgreSQL 15 cluster from
tests/pg_server.py, loaded with one `store.append(rows)`, which uses COPY), and a bare
`pandas.read_csv` of the same CSV file as the reference for a cold read. Every measurement runs
in a fresh Python process started in the contender's own folder (imports done before the clock
starts), so a cold read is cold, and memory is one contender's alone. Contenders alternate
round by round. Prints markdown tables; nothing passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for app, bench.sample_log and tests.pg_server

CONTENDERS = ("csv", "postgres", "pandas")
APPENDER = "Bench Appender"  # appended rows go to this student, so the measured ones stay put


def rss_kib(field: str = "VmRSS", pid: int | str = "self") -> int:
    """A memory figure of a process from /proc (VmRSS now, VmHWM peak), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    memory = _mem_total_gib()
    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def _mem_total_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return 0.0


# ---------------------------------------------------------------- worker (a fresh process)


def worker(kind: str, target: str, attempt: str, student: str, appends: int, queries: int) -> None:
    """Measure one contender once, from a cold start; print the figures as JSON."""
    import pandas as pd

    from app import analytics
    from app.log import AnswerRow, new_answer_id, now_utc
    from app.stores import open_store

    if kind == "postgres":
        import psycopg_pool  # noqa: F401  (imported before the clock, as the app server has it)
    elif kind != "pandas":
        import app.stores.csv_store  # noqa: F401  (likewise: the clock times the read alone)

    before = rss_kib()
    result: dict[str, Any] = {}
    if kind == "pandas":
        started = time.perf_counter()
        frame = pd.read_csv(target)
        result["cold"] = time.perf_counter() - started
        result["rows"] = len(frame)
    else:
        started = time.perf_counter()
        store = open_store(target)
        resumed = store.attempt_rows(attempt)
        result["cold"] = time.perf_counter() - started
    result["peak_kib"] = rss_kib("VmHWM") - before
    result["kept_kib"] = rss_kib() - before
    if kind == "pandas":
        print(json.dumps(result))
        return

    resume, progress = [], []
    for _ in range(queries):
        started = time.perf_counter()
        resumed = store.attempt_rows(attempt)
        resume.append(time.perf_counter() - started)
        started = time.perf_counter()
        rows = store.student_rows(student)
        analytics.sittings(analytics.answers_frame(rows), student)
        progress.append(time.perf_counter() - started)
    appended, answered = [], []
    sitting = new_answer_id()[:12]
    for number in range(appends):
        row = AnswerRow(
            timestamp=now_utc(),
            student=APPENDER,
            bank_id="russia-paratroopers-drill",
            question_id=f"question-{number}",
            question_hash="0123456789ab",
            attempt_id=sitting,
            mode="quiz",
            response=f'about {number},000 "elite" troops',
            correct=number % 3 == 0,
            score=float(number % 3 == 0),
            elapsed_ms=4_000 + number,
            answer_id=new_answer_id(),
        )
        started = time.perf_counter()
        store.append([row])
        appended.append(time.perf_counter() - started)
        seen = store.attempt_rows(sitting)  # what the app reads after an answer
        answered.append(time.perf_counter() - started)
        assert seen[-1] == row, "the appended row did not read back"
    result.update(
        resume=resume,
        progress=progress,
        append=appended,
        answer=answered,
        resumed_rows=len(resumed),
        student_rows=len(store.student_rows(student)),
        skipped=store.skipped,
    )
    store.close()
    print(json.dumps(result))


# ---------------------------------------------------------------- the run


def median(values: list[float]) -> float:
    return statistics.median(values)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run_worker(
    kind: str, folder: Path, target: str, options: argparse.Namespace, returning: Any
) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        target,
        returning.attempt_id,
        "--appends",
        str(options.appends),
        "--queries",
        str(options.queries),
    ]
    done = subprocess.run(
        command,
        cwd=folder,
        env={**os.environ, "BENCH_STUDENT": returning.rows[0].student},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="rows in the log")
    parser.add_argument("--rounds", type=int, default=3, help="cold starts per contender")
    parser.add_argument("--appends", type=int, default=30, help="appends timed per round")
    parser.add_argument("--queries", type=int, default=5, help="resume/progress per round")
    parser.add_argument("--summary-json", type=Path, help="write the headline rows here")
    parser.add_argument(
        "--worker", nargs=3, metavar=("KIND", "TARGET", "ATTEMPT"), help=argparse.SUPPRESS
    )
    options = parser.parse_args()
    if options.worker:
        kind, target, attempt = options.worker
        worker(kind, target, attempt, os.environ["BENCH_STUDENT"], options.appends, options.queries)
        return

    import psycopg

    from app.stores import open_store
    from app.stores.csv_store import CsvStore
    from bench import sample_log
    from tests.pg_server import postgres_cluster

    sizes = [int(size) for size in options.sizes.split(",")]
    load_before = load_average()
    clock = time.monotonic()
    returning = sample_log.returning_student()
    block = sample_log.class_block()
    figures: dict[tuple[int, str], list[dict[str, Any]]] = {}
    facts: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp, postgres_cluster() as cluster:
        with cluster.admin() as admin:
            server_version = admin.execute("SHOW server_version").fetchone()
        for size in sizes:
            base = Path(tmp) / f"{size}"
            (base / "csv").mkdir(parents=True)
            path = base / "csv" / "scores.csv"
            started = time.perf_counter()
            sample_log.write_log(path, size, returning, block)
            written = time.perf_counter() - started
            check = CsvStore(path)
            rows = list(check.all_rows())
            if check.skipped or len(rows) != size:
                raise SystemExit(
                    f"{path}: {check.skipped} skipped, {len(rows)} rows read of {size}"
                )
            url = cluster.new_database(f"scores_{size}")
            store = open_store(url)
            started = time.perf_counter()
            store.append(rows)
            loaded = time.perf_counter() - started
            store.close()
            del rows, check
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE quiz_answers")
            # Written out now, not by the checkpointer or the kernel during the rounds, where
            # it would take a core from whichever contender runs then.
            with cluster.admin() as admin:
                admin.execute("CHECKPOINT")
            os.sync()
            facts[size] = {"mb": path.stat().st_size / 1e6, "written": written, "loaded": loaded}
            for kind in CONTENDERS:
                figures[size, kind] = []
        for round_number in range(options.rounds):
            for index, size in enumerate(sizes):
                shift = (round_number + index) % len(CONTENDERS)
                for kind in CONTENDERS[shift:] + CONTENDERS[:shift]:
                    base = Path(tmp) / f"{size}"
                    target = (
                        cluster.url_for(f"scores_{size}")
                        if kind == "postgres"
                        else str(base / "csv" / "scores.csv")
                    )
                    result = run_worker(kind, base / kind, target, options, returning)
                    if kind != "pandas" and (
                        result["skipped"] or result["student_rows"] != len(returning.rows)
                    ):
                        raise SystemExit(f"{kind} at {size}: the log read back wrong: {result}")
                    figures[size, kind].append(result)
    load_after = load_average()
    summary = report(
        options,
        sizes,
        figures,
        facts,
        str(server_version[0] if server_version else "?"),
        load_before,
        load_after,
        time.monotonic() - clock,
    )
    if options.summary_json:
        options.summary_json.write_text(json.dumps(headline(sizes, summary)))


def headline(
    sizes: list[int], summary: dict[tuple[int, str], dict[str, float]]
) -> list[dict[str, object]]:
    """The rows `python -m bench` shows: the largest log's cold reads against pandas.read_csv,
    and an answer's cost against the smallest log's."""
    largest, smallest = sizes[-1], sizes[0]
    reference = summary[largest, "pandas"]["cold"]
    rows: list[dict[str, object]] = []
    for kind, name in (("csv", "CSV store"), ("postgres", "PostgreSQL store")):
        rows.append(
            {
                "metric": f"score store: {name}, cold read of {largest:,} rows",
                "app": duration(summary[largest, kind]["cold"]),
                "floor": f"{duration(reference)} (pandas.read_csv)",
                "ratio": summary[largest, kind]["cold"] / reference,
            }
        )
    for kind, name in (("csv", "CSV store"), ("postgres", "PostgreSQL store")):
        rows.append(
            {
                "metric": f"score store: {name}, answer (append + re-read) at {largest:,} rows",
                "app": ms(summary[largest, kind]["answer"]),
                "floor": f"{ms(summary[smallest, kind]['answer'])} (at {smallest:,} rows)",
                "ratio": summary[largest, kind]["answer"] / summary[smallest, kind]["answer"],
            }
        )
    return rows


def report(
    options: argparse.Namespace,
    sizes: list[int],
    figures: dict[tuple[int, str], list[dict[str, Any]]],
    facts: dict[int, dict[str, Any]],
    server_version: str,
    load_before: str,
    load_after: str,
    elapsed: float,
) -> dict[tuple[int, str], dict[str, float]]:
    import pandas as pd
    import pyarrow as pa

    print(f"\nMachine: {machine()}")
    print(
        f"pandas {pd.__version__}, pyarrow {pa.__version__}, PostgreSQL {server_version} "
        "(the test cluster runs with fsync=off; the CSV store fsyncs every append)"
    )
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. "
        f"{options.rounds} rounds, contenders alternating; {options.appends} appends and "
        f"{options.queries} resume/progress queries per round; {elapsed / 60:.1f} min in all.\n"
    )
    print(
        "| rows | contender | cold read (median; min–max) | cold / pandas.read_csv | peak RSS + "
        "| RSS kept + | resume (median) | progress (median) | append (median / p90) "
        "| answer: append + re-read (median / p90) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary: dict[tuple[int, str], dict[str, float]] = {}
    for size in sizes:
        reference = median([f["cold"] for f in figures[size, "pandas"]])
        for kind in CONTENDERS:
            runs = figures[size, kind]
            colds = [f["cold"] for f in runs]
            row = {"cold": median(colds), "ratio": median(colds) / reference}
            cells = [
                f"{size:,}" + (f" ({facts[size]['mb']:.0f} MB)" if kind == "csv" else ""),
                {
                    "csv": "CSV store",
                    "postgres": "PostgreSQL store",
                    "pandas": "pandas.read_csv (reference)",
                }[kind],
                f"{duration(row['cold'])}; {duration(min(colds))}–{duration(max(colds))}",
                "1.00x" if kind == "pandas" else f"{row['ratio']:.2f}x",
                f"{median([f['peak_kib'] for f in runs]) / 1024:.0f} MB",
                f"{median([f['kept_kib'] for f in runs]) / 1024:.0f} MB",
            ]
            if kind == "pandas":
                cells += ["", "", "", ""]
            else:
                for metric in ("resume", "progress", "append", "answer"):
                    values = [value for f in runs for value in f[metric]]
                    row[metric] = median(values)
                    row[metric + "_p90"] = p90(values)
                cells += [
                    ms(row["resume"]),
                    ms(row["progress"]),
                    f"{ms(row['append'])} / {ms(row['append_p90'])}",
                    f"{ms(row['answer'])} / {ms(row['answer_p90'])}",
                ]
            summary[size, kind] = row
            print("| " + " | ".join(cells) + " |")

    largest, smallest = sizes[-1], sizes[0]
    print(f"\nTargets (issue 8), figures at {largest:,} rows beside them:\n")
    print("| target | CSV store | PostgreSQL store |")
    print("|---|---:|---:|")
    csv_big, pg_big = summary[largest, "csv"], summary[largest, "postgres"]
    print(f"| cold read within 1 s | {duration(csv_big['cold'])} | {duration(pg_big['cold'])} |")
    print(
        "| cold read within 3x of pandas.read_csv "
        f"| {csv_big['ratio']:.2f}x | {pg_big['ratio']:.2f}x |"
    )
    for metric, label in (
        ("resume", "resume"),
        ("answer", "answer (append + re-read)"),
        ("append", "append"),
        ("progress", "progress"),
    ):
        cells = []
        for kind in ("csv", "postgres"):
            growth = summary[largest, kind][metric] / summary[smallest, kind][metric]
            cells.append(
                f"{ms(summary[largest, kind][metric])} ({growth:.2f}x the {smallest:,}-row figure)"
            )
        print(f"| {label}: independent of log size | {cells[0]} | {cells[1]} |")
    print(
        "\nLogs: written in "
        + ", ".join(f"{facts[s]['written']:.1f} s ({s:,} rows)" for s in sizes)
        + "; PostgreSQL loaded with one append (COPY) in "
        + ", ".join(f"{facts[s]['loaded']:.1f} s" for s in sizes)
        + ", then VACUUM ANALYZE."
    )
    return summary


if __name__ == "__main__":
    main()
