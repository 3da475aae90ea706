"""Run every benchmark and print one table: metric, this app, the floor where there is one, ratio.

    .venv/bin/python -m bench [--only ui,classroom,store,big_log] [--quick]

Each benchmark runs in a process of its own (one after another, never two at once), prints its
own tables as it goes, and hands its headline rows back in a JSON file. The machine and the
load average before and after are printed with the table. `--quick` runs fewer rounds and
smaller logs, to try the whole thing in a few minutes; its figures are noisier.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.store_bench import load_average, machine

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

# name: (script, its options, its options with --quick)
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "ui": ("ui_bench.py", [], ["--rounds", "1", "--per-type", "1"]),
    "classroom": (
        "classroom_bench.py",
        [],
        ["--students", "10", "--questions", "10", "--rounds", "1"],
    ),
    "store": ("store_bench.py", [], ["--sizes", "10000,100000", "--rounds", "1"]),
    "big_log": ("big_log_bench.py", [], ["--rounds", "1", "--rows", "100000"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller logs")
    options = parser.parse_args()
    chosen = [name.strip() for name in options.only.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHES)}")

    load_before = load_average()
    clock = time.monotonic()
    rows: list[dict[str, object]] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for name in chosen:
            script, normal, quick = BENCHES[name]
            summary = Path(tmp) / f"{name}.json"
            command = [
                sys.executable,
                str(BENCH / script),
                *(quick if options.quick else normal),
                "--summary-json",
                str(summary),
            ]
            print(f"\n## {script}\n", flush=True)
            done = subprocess.run(command, cwd=REPO, check=False)
            if done.returncode != 0 or not summary.exists():
                failed.append(f"{script} (exit {done.returncode})")
                continue
            rows += json.loads(summary.read_text())
    load_after = load_average()

    print("\n## All benchmarks\n")
    print(f"Machine: {machine()}")
    print(
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}; "
        f"{(time.monotonic() - clock) / 60:.1f} min in all"
        + (" (--quick: fewer rounds, smaller logs)" if options.quick else "")
        + ".\n"
    )
    print("| metric | this app | floor | ratio |")
    print("|---|---:|---:|---:|")
    for row in rows:
        ratio = row.get("ratio")
        ratio_text = f"{ratio:.2f}x" if isinstance(ratio, int | float) else ""
        print(f"| {row['metric']} | {row['app']} | {row.get('floor', '')} | {ratio_text} |")
    if failed:
        print("\nDid not finish: " + ", ".join(failed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
